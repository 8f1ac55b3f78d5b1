// Unit tests for src/cli.ts: the arguments of `convert` / `new --from`, the year box, and what a
// failed run shows. runCli is run against real processes: a stand-in script for the error cases
// that nianbao cannot be made to produce on demand (timeout, 64 MB of output, an old binary),
// and the real nianbao bundled by scripts/package-vsix.sh (server/linux-x64/nianbao) when present.
// Run: npm test.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { convertArgs, newFromArgs, parseYear, validateYear, failureMessage, notesMessage, runCli, MAX_OUTPUT, REPORT_EXTENSIONS } from '../src/cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-cli-test-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

// A stand-in for nianbao: prints its arguments as JSON, or misbehaves as the file name asks.
const fake = path.join(tmp, 'fake-nianbao');
fs.writeFileSync(
  fake,
  `#!${process.execPath}
const args = process.argv.slice(2);
const file = args[0] === 'convert' ? args[1] : args[2];
if (args[0] === 'old') { process.stderr.write("error: unrecognized subcommand 'convert'\\n\\nUsage: nianbao <COMMAND>\\n"); process.exit(2); }
if (/bad/.test(file)) { process.stderr.write('nianbao: ' + file + ': 不是有效的 Word 文档（.docx）\\n'); process.exit(2); }
if (/silent/.test(file)) process.exit(3);
if (/slow/.test(file)) setTimeout(() => {}, 60000);
else if (/huge/.test(file)) { const mb = 'x'.repeat(1 << 20); for (let i = 0; i < 65; i++) process.stdout.write(mb); }
else process.stdout.write('# 报告\\n' + JSON.stringify(args) + '\\n');
if (/noted/.test(file)) process.stderr.write('nianbao: 已按上年填写，请核对\\nnianbao: 写好后请删除引文\\n');
`,
  { mode: 0o755 },
);

const real = process.env.NIANBAO_BIN || path.resolve('server/linux-x64/nianbao');
const haveReal = fs.existsSync(real);

test('convert FILE; new --from FILE [--year N]', () => {
  assert.deepEqual(convertArgs('/a/报告 2024.docx'), ['convert', '/a/报告 2024.docx']);
  assert.deepEqual(newFromArgs('/a/2023.pdf'), ['new', '--from', '/a/2023.pdf']);
  assert.deepEqual(newFromArgs('/a/2023.pdf', 2024), ['new', '--from', '/a/2023.pdf', '--year', '2024']);
});

test('the file dialogs offer docx, html, htm, pdf, md and txt', () => {
  assert.deepEqual([...REPORT_EXTENSIONS].sort(), ['docx', 'htm', 'html', 'md', 'pdf', 'txt']);
});

test('year box: empty is “the year after”, four digits (also full-width) are a year, the rest is refused', () => {
  assert.deepEqual(parseYear(''), { ok: true });
  assert.deepEqual(parseYear('   '), { ok: true });
  assert.deepEqual(parseYear(' 2025 '), { ok: true, year: 2025 });
  assert.deepEqual(parseYear('２０２４'), { ok: true, year: 2024 });
  for (const bad of ['25', '2025年', '1999', '2101', 'abcd', '20 25']) {
    const r = parseYear(bad);
    assert.equal(r.ok, false, bad);
    assert.match(validateYear(bad) ?? '', /四位年份/);
  }
  assert.equal(validateYear(''), undefined);
  assert.equal(validateYear('2024'), undefined);
});

test('runCli: stdout of a successful run, arguments passed unchanged (spaces, CJK)', async () => {
  const r = await runCli(fake, newFromArgs('/x/上年 报告.docx', 2025));
  assert.deepEqual(r, { ok: true, text: '# 报告\n["new","--from","/x/上年 报告.docx","--year","2025"]\n', notes: '' });
});

test('runCli: reminders on the stderr of a successful run come back as one message', async () => {
  const r = await runCli(fake, newFromArgs('/x/noted.docx'));
  assert.equal(r.ok, true);
  if (r.ok) assert.equal(r.notes, 'nianbao：已按上年填写，请核对；写好后请删除引文。');
  assert.equal(notesMessage(''), '');
  assert.equal(notesMessage('\n  \n'), '');
  assert.equal(notesMessage('nianbao: 甲。\r\nnianbao: 乙\n'), 'nianbao：甲；乙。');
});

test("runCli: the CLI's own message on stderr is what the user sees", async () => {
  const r = await runCli(fake, convertArgs('/x/bad.docx'));
  assert.deepEqual(r, { ok: false, cancelled: false, message: 'nianbao: /x/bad.docx: 不是有效的 Word 文档（.docx）' });
});

test('runCli: no stderr → the exit status', async () => {
  const r = await runCli(fake, convertArgs('/x/silent.pdf'));
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.message, 'nianbao convert 失败（退出码 3），没有给出原因。');
});

test('runCli: a missing binary says so and points at the setting', async () => {
  const r = await runCli(path.join(tmp, 'no-such-nianbao'), convertArgs('/x/a.docx'));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.message, /无法运行 nianbao/);
    assert.match(r.message, /文件不存在/);
    assert.match(r.message, /nianbao\.server\.path/);
  }
});

test('runCli: a timeout stops the process', async () => {
  const t0 = Date.now();
  const r = await runCli(fake, convertArgs('/x/slow.pdf'), { timeoutMs: 300 });
  assert.ok(Date.now() - t0 < 10000);
  assert.deepEqual(r, { ok: false, cancelled: false, message: 'nianbao convert 在 1 秒内没有完成，已停止。' });
});

test('runCli: cancelling (AbortSignal) is not an error to show', async () => {
  const abort = new AbortController();
  const p = runCli(fake, convertArgs('/x/slow.pdf'), { signal: abort.signal });
  setTimeout(() => abort.abort(), 100);
  const r = await p;
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.cancelled, true);
});

test('runCli: more than 64 MB of output is refused', async () => {
  assert.equal(MAX_OUTPUT, 64 * 1024 * 1024);
  const r = await runCli(fake, convertArgs('/x/huge.html'));
  assert.deepEqual(r, { ok: false, cancelled: false, message: 'nianbao convert 的输出超过 64 MB，已停止。' });
});

test('an old nianbao without `convert` / `new --from`: update it', () => {
  const end = { stdout: '', stderr: "error: unrecognized subcommand 'convert'\n\nUsage: nianbao <COMMAND>\n", code: 2 };
  assert.equal(
    failureMessage('/usr/bin/nianbao', convertArgs('/x/a.docx'), end),
    '所用的 nianbao（/usr/bin/nianbao）版本过旧，不支持“convert”。请更新 nianbao（在仓库中运行 cargo install --path .）后重试。',
  );
  const end2 = { stdout: '', stderr: "error: unexpected argument '--from' found\n", code: 2 };
  assert.match(failureMessage('nianbao', newFromArgs('/x/a.docx'), end2), /不支持“new --from”/);
});

// The real binary: the contract that the commands rely on.
test('real nianbao: convert of a .md prints its text, exit 0', { skip: !haveReal && 'no nianbao binary' }, async () => {
  const md = path.join(tmp, '草稿.md');
  fs.writeFileSync(md, '# 某县人民政府2024年政府信息公开工作年度报告\n\n一、总体情况\n');
  const r = await runCli(real, convertArgs(md));
  assert.equal(r.ok, true, r.ok ? '' : r.message);
  if (r.ok) assert.match(r.text, /^# 某县人民政府2024年政府信息公开工作年度报告\n\n一、总体情况\n/);
});

test("real nianbao: a .docx of random bytes → the CLI's Chinese reason, naming the file", { skip: !haveReal && 'no nianbao binary' }, async () => {
  const bad = path.join(tmp, '坏文件.docx');
  fs.writeFileSync(bad, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
  for (const args of [convertArgs(bad), newFromArgs(bad)]) {
    const r = await runCli(real, args);
    assert.equal(r.ok, false, args.join(' '));
    if (!r.ok) {
      assert.ok(r.message.startsWith(`nianbao: ${bad}: `), r.message);
      assert.match(r.message.slice(`nianbao: ${bad}: `.length), /[\u4e00-\u9fff]/, r.message);
    }
  }
});
