// Unit tests for the server lookup: a stubbed file system and environment, node:test.
// Run: npm test (esbuild bundles this file to dist/test/, then `node --test dist/test/`).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findServer, bundledPath, expandSetting, LookupInput } from '../src/serverPath';

function stubFs(executables: string[]) {
  const set = new Set(executables);
  const asked: string[] = [];
  return { asked, isExecutableFile: (p: string) => (asked.push(p), set.has(p)) };
}

function input(over: Partial<LookupInput>, files: string[] = []): LookupInput {
  return {
    extensionPath: '/ext',
    platform: 'linux',
    arch: 'x64',
    env: { PATH: '/usr/local/bin:/usr/bin' },
    home: '/home/u',
    workspaceFolder: '/ws',
    fs: stubFs(files),
    ...over,
  };
}

test('bundled path is server/<platform>-<arch>/nianbao', () => {
  assert.equal(bundledPath('/ext', 'linux', 'x64'), '/ext/server/linux-x64/nianbao');
  assert.equal(bundledPath('C:\\ext', 'win32', 'x64'), 'C:\\ext\\server\\win32-x64\\nianbao.exe');
  assert.equal(bundledPath('/ext', 'darwin', 'arm64'), '/ext/server/darwin-arm64/nianbao');
});

test('the setting wins over the bundled binary and PATH', () => {
  const r = findServer(input({ configured: '/opt/nb/nianbao' }, ['/opt/nb/nianbao', '/ext/server/linux-x64/nianbao', '/usr/bin/nianbao']));
  assert.deepEqual(r, { ok: true, path: '/opt/nb/nianbao', source: 'setting' });
});

test('a setting that points nowhere is an error, not a silent fallback', () => {
  const r = findServer(input({ configured: '/nope/nianbao' }, ['/ext/server/linux-x64/nianbao']));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.message, /nianbao\.server\.path/);
    assert.match(r.message, /\/nope\/nianbao/);
    assert.deepEqual(r.searched, ['/nope/nianbao']);
  }
});

test('setting: ~, ${workspaceFolder} and relative paths are expanded', () => {
  assert.equal(expandSetting('~/bin/nianbao', { home: '/home/u', platform: 'linux' }), '/home/u/bin/nianbao');
  assert.equal(expandSetting('${workspaceFolder}/target/release/nianbao', { workspaceFolder: '/ws', platform: 'linux' }), '/ws/target/release/nianbao');
  assert.equal(expandSetting('target/debug/nianbao', { workspaceFolder: '/ws', platform: 'linux' }), '/ws/target/debug/nianbao');
  const r = findServer(input({ configured: '  ${workspaceFolder}/target/release/nianbao ' }, ['/ws/target/release/nianbao']));
  assert.deepEqual(r, { ok: true, path: '/ws/target/release/nianbao', source: 'setting' });
});

test('empty or null setting falls through to the bundled binary', () => {
  for (const configured of ['', '   ', null, undefined]) {
    const r = findServer(input({ configured }, ['/ext/server/linux-x64/nianbao', '/usr/bin/nianbao']));
    assert.deepEqual(r, { ok: true, path: '/ext/server/linux-x64/nianbao', source: 'bundled' });
  }
});

test('a binary bundled for another platform is not used', () => {
  const r = findServer(input({ arch: 'arm64' }, ['/ext/server/linux-x64/nianbao', '/usr/bin/nianbao']));
  assert.deepEqual(r, { ok: true, path: '/usr/bin/nianbao', source: 'path' });
});

test('PATH is searched in order', () => {
  const fs = stubFs(['/usr/local/bin/nianbao', '/usr/bin/nianbao']);
  const r = findServer(input({ fs }));
  assert.deepEqual(r, { ok: true, path: '/usr/local/bin/nianbao', source: 'path' });
  assert.deepEqual(fs.asked, ['/ext/server/linux-x64/nianbao', '/usr/local/bin/nianbao']);
});

test('Windows: ; separated Path, nianbao.exe', () => {
  const r = findServer(input({ platform: 'win32', extensionPath: 'C:\\ext', env: { Path: 'C:\\a;C:\\b' } }, ['C:\\b\\nianbao.exe']));
  assert.deepEqual(r, { ok: true, path: 'C:\\b\\nianbao.exe', source: 'path' });
});

test('nothing found: a clear message with the fix and everything searched', () => {
  const r = findServer(input({ env: { PATH: '/a::/b' } }));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.message, /未找到 nianbao 语言服务器/);
    assert.match(r.message, /cargo install --path \./);
    assert.match(r.message, /nianbao\.server\.path/);
    assert.deepEqual(r.searched, ['/ext/server/linux-x64/nianbao', '/a/nianbao', '/b/nianbao']);
  }
});

test('no PATH at all', () => {
  const r = findServer(input({ env: {} }));
  assert.equal(r.ok, false);
});
