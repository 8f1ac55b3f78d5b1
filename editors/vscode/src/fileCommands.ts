// “nianbao: 将 Word/PDF/网页报告打开为 Markdown” (nianbao.openAsMarkdown) and “nianbao: 依据上年报告新建
// 本年度草稿” (nianbao.newFromLastYear). Both take a file (the explorer's context menu passes its
// URI; from the command palette a file dialog asks), run the same nianbao binary as the language
// server (`convert FILE` / `new --from FILE [--year N]`) and open its output as a new untitled
// Markdown document, which the server then checks. Nothing is written to disk. Reminders that a
// successful run prints on stderr (new --from: 请核对…) follow as a warning.
import * as vscode from 'vscode';
import * as path from 'path';
import { convertArgs, newFromArgs, parseYear, REPORT_EXTENSIONS, runCli, validateYear } from './cli';
import { FIX_HINT } from './serverPath';

async function pickFile(arg: unknown, title: string): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const picked = await vscode.window.showOpenDialog({
    title,
    openLabel: '选择',
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { '年度报告': REPORT_EXTENSIONS, '所有文件': ['*'] },
  });
  return picked?.[0];
}

async function askYear(): Promise<{ year?: number } | undefined> {
  const v = await vscode.window.showInputBox({
    title: '依据上年报告新建本年度草稿',
    prompt: '本年度报告的年度（留空：上年报告年度的下一年）',
    placeHolder: '如 2025；留空即可',
    value: '',
    validateInput: validateYear,
  });
  if (v === undefined) return undefined;
  const r = parseYear(v);
  return r.ok ? { year: r.year } : undefined;
}

export class FileCommands implements vscode.Disposable {
  private subs: vscode.Disposable[];

  constructor(private serverPath: () => string | undefined, private log: vscode.LogOutputChannel) {
    this.subs = [
      vscode.commands.registerCommand('nianbao.openAsMarkdown', (uri?: unknown) => this.openAsMarkdown(uri)),
      vscode.commands.registerCommand('nianbao.newFromLastYear', (uri?: unknown, year?: unknown) => this.newFromLastYear(uri, year)),
    ];
  }

  async openAsMarkdown(arg?: unknown): Promise<void> {
    const uri = await pickFile(arg, '将 Word/PDF/网页报告打开为 Markdown');
    if (!uri) return;
    await this.runAndOpen(uri, (file) => convertArgs(file), `nianbao：正在读取 ${path.basename(uri.fsPath)}…`);
  }

  /** `year` may be passed by a caller (a number); from the menu or the palette it is asked. */
  async newFromLastYear(arg?: unknown, yearArg?: unknown): Promise<void> {
    const uri = await pickFile(arg, '选择上年度的政府信息公开工作年度报告');
    if (!uri) return;
    let year: number | undefined;
    if (typeof yearArg === 'number') {
      year = yearArg;
    } else {
      const asked = await askYear();
      if (!asked) return;
      year = asked.year;
    }
    await this.runAndOpen(uri, (file) => newFromArgs(file, year), `nianbao：正在依据 ${path.basename(uri.fsPath)} 生成草稿…`);
  }

  private async runAndOpen(uri: vscode.Uri, args: (file: string) => string[], title: string): Promise<void> {
    if (uri.scheme !== 'file') {
      void vscode.window.showErrorMessage(`nianbao：只能读取本机上的文件（${uri.toString()}）。`);
      return;
    }
    const exe = this.serverPath();
    if (!exe) {
      void vscode.window.showErrorMessage('nianbao：未找到 nianbao 可执行文件。' + FIX_HINT);
      return;
    }
    const argv = args(uri.fsPath);
    this.log.info(`${exe} ${argv.join(' ')}`);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (_progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        return runCli(exe, argv, { signal: abort.signal }).finally(() => sub.dispose());
      },
    );
    if (!result.ok) {
      if (result.cancelled) return;
      this.log.error(result.message);
      void vscode.window.showErrorMessage(result.message);
      return;
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.text });
    await vscode.window.showTextDocument(doc);
    if (result.notes) {
      this.log.info(result.notes);
      void vscode.window.showWarningMessage(result.notes);
    }
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
  }
}
