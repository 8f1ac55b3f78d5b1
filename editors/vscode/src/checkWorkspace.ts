// “nianbao: 检查工作区中的所有年报”: finds every .md/.markdown/.txt under the workspace that looks
// like a report, runs `nianbao check --format json` over them (one process, the server's own
// checker) and shows the results in the Problems panel (collection “nianbao-workspace”).
// Files open in an editor are left to the language server; when a file is opened later its
// workspace results are dropped so the live diagnostics replace them.
import * as vscode from 'vscode';
import { execFile } from 'child_process';

const LOOKS_LIKE_REPORT = /政府信息公开.{0,12}年度报告|政府信息公开工作年报/;
const MAX_FILES = 2000;

export function looksLikeReport(head: string): boolean {
  return LOOKS_LIKE_REPORT.test(head);
}

interface JsonDiag {
  code?: string;
  message: string;
  severity?: number;
  source?: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

function toSeverity(n: number | undefined, override: string | undefined): vscode.DiagnosticSeverity | null {
  switch (override) {
    case 'off': case 'none': return null;
    case 'error': return vscode.DiagnosticSeverity.Error;
    case 'warning': return vscode.DiagnosticSeverity.Warning;
    case 'info': return vscode.DiagnosticSeverity.Information;
    case 'hint': return vscode.DiagnosticSeverity.Hint;
  }
  return [vscode.DiagnosticSeverity.Error, vscode.DiagnosticSeverity.Warning, vscode.DiagnosticSeverity.Information, vscode.DiagnosticSeverity.Hint][(n ?? 1) - 1] ?? vscode.DiagnosticSeverity.Error;
}

export class WorkspaceChecker implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('nianbao-workspace');
  private subs: vscode.Disposable[] = [
    vscode.workspace.onDidOpenTextDocument((d) => this.collection.delete(d.uri)),
  ];

  constructor(private serverPath: () => string | undefined, private log: vscode.OutputChannel) {}

  async run(): Promise<void> {
    const exe = this.serverPath();
    if (!exe) {
      void vscode.window.showErrorMessage('nianbao：未找到语言服务器，无法检查工作区。请先按提示设置 nianbao.server.path。');
      return;
    }
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showInformationMessage('nianbao：没有打开的工作区文件夹。');
      return;
    }
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'nianbao：正在检查工作区中的年报…', cancellable: true },
      async (_progress, token) => {
        const uris = await vscode.workspace.findFiles('**/*.{md,markdown,txt}', '**/{node_modules,target,.git}/**', MAX_FILES, token);
        const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
        const reports: vscode.Uri[] = [];
        for (const uri of uris) {
          if (token.isCancellationRequested) return;
          if (uri.scheme !== 'file' || open.has(uri.toString())) continue;
          try {
            const bytes = await vscode.workspace.fs.readFile(uri);
            const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096));
            if (looksLikeReport(head)) reports.push(uri);
          } catch { /* unreadable: skip */ }
        }
        this.collection.clear();
        if (reports.length === 0) {
          void vscode.window.showInformationMessage('nianbao：工作区中没有找到年度报告（.md/.txt，标题含“政府信息公开工作年度报告”）。');
          return;
        }
        const cfg = vscode.workspace.getConfiguration('nianbao');
        const args = ['check', '--format', 'json', '--quiet'];
        const year = cfg.get<number | null>('year');
        const organ = cfg.get<string | null>('organ');
        if (year) args.push('--year', String(year));
        if (organ) args.push('--organ', organ);
        args.push(...reports.map((u) => u.fsPath));
        const stdout = await new Promise<string>((resolve, reject) => {
          const child = execFile(exe, args, { maxBuffer: 256 * 1024 * 1024 }, (err, out, errOut) => {
            // exit status 1 means “problems found”; only missing JSON is a failure
            if (out && out.trim().startsWith('{')) resolve(out);
            else reject(new Error(errOut || (err && err.message) || 'no output'));
          });
          token.onCancellationRequested(() => child.kill());
        });
        const overrides = cfg.get<Record<string, string>>('severity') ?? {};
        const json = JSON.parse(stdout) as { files: { path: string; diagnostics: JsonDiag[] }[] };
        let errors = 0, total = 0;
        for (const f of json.files) {
          const uri = vscode.Uri.file(f.path);
          if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) continue;
          const diags: vscode.Diagnostic[] = [];
          for (const d of f.diagnostics) {
            const sev = toSeverity(d.severity, d.code ? overrides[d.code] : undefined);
            if (sev === null) continue;
            const r = d.range;
            const diag = new vscode.Diagnostic(new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character), d.message, sev);
            diag.source = 'nianbao';
            diag.code = d.code;
            diags.push(diag);
            total++;
            if (sev === vscode.DiagnosticSeverity.Error) errors++;
          }
          this.collection.set(uri, diags);
        }
        this.log.appendLine(`checkWorkspace: ${reports.length} reports, ${total} problems (${errors} errors)`);
        void vscode.window.showInformationMessage(`nianbao：检查了 ${reports.length} 份年报，发现 ${errors} 个错误，共 ${total} 个问题（见“问题”面板）。`);
      },
    );
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.collection.dispose();
  }
}
