// Runs the nianbao command line for the two commands that turn a file into Markdown:
// “将 Word/PDF/网页报告打开为 Markdown” (`nianbao convert FILE`) and “依据上年报告新建本年度草稿”
// (`nianbao new --from FILE [--year N]`). Pure: no `vscode` import, so the argument building,
// the year check and the error texts are unit-tested (test/cli.test.ts) against real processes.
import { execFile } from 'child_process';

/** stdout larger than this is cut off and reported as an error (a report is a few hundred KB). */
export const MAX_OUTPUT = 64 * 1024 * 1024;
/** A large scanned PDF may take a while; past this the process is stopped. */
export const TIMEOUT_MS = 120_000;

/** What `convert` reads (the explorer menu offers it on these). */
export const CONVERTIBLE_EXTENSIONS = ['docx', 'html', 'htm', 'pdf'];
/** What the file dialogs offer: the converted formats and reports already in text. */
export const REPORT_EXTENSIONS = [...CONVERTIBLE_EXTENSIONS, 'md', 'txt'];

export function convertArgs(file: string): string[] {
  return ['convert', file];
}

export function newFromArgs(file: string, year?: number): string[] {
  const args = ['new', '--from', file];
  if (year !== undefined) args.push('--year', String(year));
  return args;
}

const YEAR_HINT = '请输入 2008 年以后的四位年份，如 2025；留空则为上年报告的下一年度';

/** The year typed in the input box: empty → undefined (the CLI takes the year after the old report's). */
export function parseYear(input: string): { ok: true; year?: number } | { ok: false; message: string } {
  const v = input.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (v === '') return { ok: true };
  if (!/^\d{4}$/.test(v)) return { ok: false, message: YEAR_HINT };
  const year = Number(v);
  if (year < 2008 || year > 2100) return { ok: false, message: YEAR_HINT };
  return { ok: true, year };
}

/** For showInputBox's validateInput: undefined when acceptable. */
export function validateYear(input: string): string | undefined {
  const r = parseYear(input);
  return r.ok ? undefined : r.message;
}

/** How a run of the CLI ended, as child_process.execFile reports it. */
export interface CliEnd {
  stdout: string;
  stderr: string;
  /** exit status, or an error code such as 'ENOENT' / 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER' */
  code?: number | string | null;
  signal?: string | null;
  killed?: boolean;
  /** the Error's message, when there was one */
  message?: string;
  /** true when the user cancelled (the AbortSignal fired) */
  aborted?: boolean;
}

/** `notes`: what a successful run said on stderr (new --from's reminders), '' when nothing. */
export type CliResult = { ok: true; text: string; notes: string } | { ok: false; cancelled: boolean; message: string };

/**
 * The reminders a successful `new --from` prints on stderr, one `nianbao: …` line each, as one
 * message: “nianbao：A；B。”; '' when there are none.
 */
export function notesMessage(stderr: string): string {
  const notes = stderr
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^nianbao:\s*/, '').replace(/[。；;.]$/, ''))
    .filter((l) => l.length > 0);
  return notes.length ? `nianbao：${notes.join('；')}。` : '';
}

/**
 * The text shown to the user for a failed run. The CLI's own message on stderr
 * (`nianbao: <path>: <原因>`) is shown as it is; the other cases get a Chinese explanation.
 */
export function failureMessage(exe: string, args: string[], end: CliEnd, timeoutMs = TIMEOUT_MS): string {
  const stderr = end.stderr.trim();
  const sub = args[0] ?? '';
  if (end.code === 'ENOENT' || end.code === 'EACCES') {
    return `无法运行 nianbao（${exe}）：${end.code === 'ENOENT' ? '文件不存在' : '没有执行权限'}。请检查设置“nianbao.server.path”，然后运行“nianbao: 重启语言服务器”。`;
  }
  if (end.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
    return `nianbao ${sub} 的输出超过 ${Math.round(MAX_OUTPUT / 1024 / 1024)} MB，已停止。`;
  }
  if (end.killed && end.signal) {
    return `nianbao ${sub} 在 ${Math.max(1, Math.round(timeoutMs / 1000))} 秒内没有完成，已停止。`;
  }
  // An older nianbao without the subcommand or the option: clap's English usage error.
  if (/unrecognized subcommand|unexpected argument '--from'/.test(stderr)) {
    return `所用的 nianbao（${exe}）版本过旧，不支持“${args.slice(0, args[0] === 'new' ? 2 : 1).join(' ')}”。请更新 nianbao（在仓库中运行 cargo install --path .）后重试。`;
  }
  if (stderr) return stderr;
  if (typeof end.code === 'number') return `nianbao ${sub} 失败（退出码 ${end.code}），没有给出原因。`;
  if (end.signal) return `nianbao ${sub} 被信号 ${end.signal} 终止。`;
  return `nianbao ${sub} 失败：${end.message ?? '未知错误'}`;
}

/** Runs `exe args…`; the text of stdout when it exits 0, else the message to show. */
export function runCli(exe: string, args: string[], opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<CliResult> {
  const timeoutMs = opts.timeoutMs ?? TIMEOUT_MS;
  return new Promise((resolve) => {
    execFile(
      exe,
      args,
      { encoding: 'utf8', maxBuffer: MAX_OUTPUT, timeout: timeoutMs, signal: opts.signal, windowsHide: true },
      (err, stdout, stderr) => {
        if (!err) return resolve({ ok: true, text: stdout, notes: notesMessage(stderr) });
        if (opts.signal?.aborted || err.name === 'AbortError') return resolve({ ok: false, cancelled: true, message: '已取消' });
        const e = err as NodeJS.ErrnoException & { code?: number | string | null; killed?: boolean; signal?: string | null };
        const end: CliEnd = { stdout, stderr, code: e.code, signal: e.signal, killed: e.killed, message: e.message };
        resolve({ ok: false, cancelled: false, message: failureMessage(exe, args, end, timeoutMs) });
      },
    );
  });
}
