// Status-bar item: `年报 2024 · 2021版格式 · ⊗ 3`. Year from the title line (regex), format from
// the year, error count from vscode.languages.getDiagnostics. Nothing is asked of the server.
import * as vscode from 'vscode';

/** The report year from the title line (within the first lines), e.g. “……2024年政府信息公开工作年度报告”. */
export function yearFromTitle(text: string): number | undefined {
  const head = text.split(/\r?\n/, 40);
  for (const line of head) {
    if (!/年度报告|年报/.test(line)) continue;
    const m = /((?:19|20)\d{2})\s*年(?:度)?/.exec(line.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
    if (m) return Number(m[1]);
  }
  return undefined;
}

export function formatOfYear(year: number): string | undefined {
  if (year >= 2021) return '2021版格式';
  if (year >= 2019) return '2019版试行格式';
  return undefined; // before the 2019 revision of the 条例: no standard table format
}

export class StatusItem implements vscode.Disposable {
  private item = vscode.window.createStatusBarItem('nianbao.status', vscode.StatusBarAlignment.Left, 100);
  private subs: vscode.Disposable[] = [];

  constructor() {
    this.item.name = '政府信息公开年报';
    this.item.command = 'workbench.actions.view.problems';
    this.subs.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const doc = vscode.window.activeTextEditor?.document;
        if (doc && e.uris.some((u) => u.toString() === doc.uri.toString())) this.update();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document && e.contentChanges.some((c) => c.range.start.line < 40)) this.update();
      }),
    );
    this.update();
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || (doc.languageId !== 'markdown' && doc.languageId !== 'plaintext')) return this.item.hide();
    const diags = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'nianbao');
    const year = yearFromTitle(doc.getText(new vscode.Range(0, 0, 40, 0)));
    if (year === undefined && diags.length === 0) return this.item.hide();
    const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    const parts = ['年报'];
    if (year !== undefined) {
      parts[0] = `年报 ${year}`;
      const f = formatOfYear(year);
      if (f) parts.push(f);
    }
    parts.push(`$(error) ${errors}`);
    this.item.text = parts.join(' · ');
    this.item.tooltip = `政府信息公开工作年度报告${year ? `（${year}年度）` : ''}：${errors} 个错误，${warnings} 个警告。点击打开“问题”面板。`;
    this.item.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
