// Finds the nianbao executable. Pure: no `vscode` import, file system and environment are
// passed in, so the lookup is unit-tested with stubs (test/serverPath.test.ts).
//
// Order: 1. the setting nianbao.server.path (an error if it points nowhere, never a silent
// fallback); 2. the binary bundled in the extension, server/<platform>-<arch>/nianbao;
// 3. `nianbao` on PATH.
import * as path from 'path';

export interface FileSystem {
  /** true for an existing regular file that the current user may execute */
  isExecutableFile(p: string): boolean;
}

export interface LookupInput {
  /** value of nianbao.server.path (may be empty, undefined or null) */
  configured?: string | null;
  /** the extension's install folder (context.extensionPath) */
  extensionPath: string;
  /** first workspace folder, for ${workspaceFolder} and relative settings */
  workspaceFolder?: string;
  platform: string; // process.platform
  arch: string; // process.arch
  env: Record<string, string | undefined>;
  home?: string;
  fs: FileSystem;
}

export type Lookup =
  | { ok: true; path: string; source: 'setting' | 'bundled' | 'path' }
  | { ok: false; message: string; searched: string[] };

export function exeName(platform: string): string {
  return platform === 'win32' ? 'nianbao.exe' : 'nianbao';
}

/** server/<platform>-<arch>/nianbao inside the extension, e.g. server/linux-x64/nianbao */
export function bundledPath(extensionPath: string, platform: string, arch: string): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  return p.join(extensionPath, 'server', `${platform}-${arch}`, exeName(platform));
}

export function expandSetting(value: string, input: Pick<LookupInput, 'workspaceFolder' | 'home' | 'platform'>): string {
  const p = input.platform === 'win32' ? path.win32 : path.posix;
  let v = value.trim();
  if (input.workspaceFolder) v = v.replace(/\$\{workspaceFolder\}/g, input.workspaceFolder);
  if (input.home && (v === '~' || v.startsWith('~/') || v.startsWith('~\\'))) v = p.join(input.home, v.slice(1));
  if (!p.isAbsolute(v) && input.workspaceFolder) v = p.join(input.workspaceFolder, v);
  return v;
}

function pathEntries(input: LookupInput): string[] {
  const win = input.platform === 'win32';
  const raw = input.env.PATH ?? input.env.Path ?? '';
  const dirs = raw.split(win ? ';' : ':').filter((d) => d.length > 0);
  const p = win ? path.win32 : path.posix;
  return dirs.map((d) => p.join(d, exeName(input.platform)));
}

export const FIX_HINT =
  '修复方法：在仓库中运行 `cargo install --path .`（或 `cargo build --release`）后确保 `nianbao` 在 PATH 中，' +
  '或在设置“nianbao.server.path”中填写 nianbao 可执行文件的完整路径，然后运行“nianbao: 重启语言服务器”。';

export function findServer(input: LookupInput): Lookup {
  const configured = (input.configured ?? '').trim();
  if (configured) {
    const p = expandSetting(configured, input);
    if (input.fs.isExecutableFile(p)) return { ok: true, path: p, source: 'setting' };
    return {
      ok: false,
      searched: [p],
      message:
        `设置 nianbao.server.path 指向的 “${p}” 不存在或不可执行。` +
        '请改为 nianbao 可执行文件的完整路径，或清空该设置以使用扩展自带的服务器或 PATH 中的 nianbao。',
    };
  }
  const searched: string[] = [];
  const bundled = bundledPath(input.extensionPath, input.platform, input.arch);
  searched.push(bundled);
  if (input.fs.isExecutableFile(bundled)) return { ok: true, path: bundled, source: 'bundled' };
  for (const candidate of pathEntries(input)) {
    searched.push(candidate);
    if (input.fs.isExecutableFile(candidate)) return { ok: true, path: candidate, source: 'path' };
  }
  return {
    ok: false,
    searched,
    message:
      `未找到 nianbao 语言服务器：扩展未自带 ${input.platform}-${input.arch} 平台的服务器，PATH 中也没有 ${exeName(input.platform)}。` +
      FIX_HINT,
  };
}

/** The real file system, for the extension. */
export function nodeFileSystem(): FileSystem {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const fs = require('fs') as typeof import('fs');
  return {
    isExecutableFile(p: string): boolean {
      try {
        if (!fs.statSync(p).isFile()) return false;
        if (process.platform !== 'win32') fs.accessSync(p, fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}
