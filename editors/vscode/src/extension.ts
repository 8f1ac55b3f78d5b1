// nianbao for VS Code: starts `nianbao lsp` over stdio for Markdown and plain-text documents, and
// runs the same binary's `convert` / `new --from` for Word, PDF and web-page reports (fileCommands.ts).
import * as vscode from 'vscode';
import * as os from 'os';
import { LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { findServer, nodeFileSystem } from './serverPath';
import { StatusItem } from './status';
import { WorkspaceChecker } from './checkWorkspace';
import { FileCommands } from './fileCommands';

let client: LanguageClient | undefined;
let serverExe: string | undefined;
let output: vscode.LogOutputChannel;
let fallbackNewReport: vscode.Disposable | undefined;

const SELECTOR = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'file', language: 'plaintext' },
  { scheme: 'untitled', language: 'markdown' },
  { scheme: 'untitled', language: 'plaintext' },
];

function settingsSnapshot(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('nianbao');
  return { nianbao: { enable: c.get('enable'), year: c.get('year'), organ: c.get('organ'), severity: c.get('severity') } };
}

/** Asks year, agency and organ; returns the argument of the server command `nianbao.newReport`. */
async function askNewReport(): Promise<{ year: number; agency?: string; organ: string } | undefined> {
  const cfg = vscode.workspace.getConfiguration('nianbao');
  const year = await vscode.window.showInputBox({
    title: '新建政府信息公开工作年度报告（1/3）',
    prompt: '报告年度（四位数字）',
    value: String(cfg.get<number | null>('year') ?? new Date().getFullYear() - 1),
    validateInput: (v) => (/^\s*(20[0-9]{2})\s*$/.test(v) && Number(v) >= 2008 ? undefined : '请输入 2008 年以后的四位年份，如 2024'),
  });
  if (year === undefined) return undefined;
  const agency = await vscode.window.showInputBox({
    title: '新建政府信息公开工作年度报告（2/3）',
    prompt: '报告机关全称（可留空，稍后填写）',
    placeHolder: '如：某市卫生健康委员会',
  });
  if (agency === undefined) return undefined;
  const organs = [
    { label: '政府部门', description: '如市卫生健康委员会、区教育局', value: 'department' },
    { label: '人民政府', description: '县级以上地方人民政府本级的报告', value: 'government' },
    { label: '乡镇、街道', description: '乡（镇）人民政府、街道办事处', value: 'township' },
  ];
  const configured = cfg.get<string | null>('organ');
  const first = organs.findIndex((o) => o.value === configured);
  if (first > 0) organs.unshift(...organs.splice(first, 1));
  const organ = await vscode.window.showQuickPick(organs, { title: '新建政府信息公开工作年度报告（3/3）', placeHolder: '报告机关的类型' });
  if (!organ) return undefined;
  return { year: Number(year.trim()), agency: agency.trim() || undefined, organ: organ.value };
}

async function openDraft(text: unknown): Promise<void> {
  if (typeof text !== 'string') throw new Error('服务器没有返回草稿');
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  await vscode.window.showTextDocument(doc);
}

function registerFallbackNewReport(message: string): void {
  fallbackNewReport?.dispose();
  fallbackNewReport = vscode.commands.registerCommand('nianbao.newReport', () => vscode.window.showErrorMessage(message));
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const cfg = vscode.workspace.getConfiguration('nianbao');
  const lookup = findServer({
    configured: cfg.get<string | null>('server.path'),
    extensionPath: context.extensionPath,
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    platform: process.platform,
    arch: process.arch,
    env: process.env,
    home: os.homedir(),
    fs: nodeFileSystem(),
  });
  if (!lookup.ok) {
    serverExe = undefined;
    output.appendLine(lookup.message);
    output.appendLine('查找过：\n  ' + lookup.searched.join('\n  '));
    registerFallbackNewReport(lookup.message);
    void vscode.window.showErrorMessage(lookup.message, '打开设置', '查看日志').then((pick) => {
      if (pick === '打开设置') void vscode.commands.executeCommand('workbench.action.openSettings', 'nianbao.server.path');
      if (pick === '查看日志') output.show();
    });
    return;
  }
  serverExe = lookup.path;
  output.appendLine(`nianbao 语言服务器：${lookup.path}（来源：${lookup.source}）`);
  fallbackNewReport?.dispose(); // the client registers nianbao.newReport from the server's executeCommand capability
  fallbackNewReport = undefined;

  const serverOptions: ServerOptions = { command: lookup.path, args: ['lsp'], transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    initializationOptions: settingsSnapshot(),
    synchronize: { configurationSection: 'nianbao' },
    outputChannel: output,
    middleware: {
      // The command palette entry `nianbao.newReport` is the server's own command, registered
      // by the client; without arguments (palette) ask for them, then open the returned draft.
      executeCommand: async (command, args, next) => {
        if (command !== 'nianbao.newReport') return next(command, args);
        const arg = args.length > 0 && args[0] && typeof args[0] === 'object' ? args[0] : await askNewReport();
        if (!arg) return undefined;
        const text = await next(command, [arg]);
        await openDraft(text);
        return text;
      },
    },
  };
  client = new LanguageClient('nianbao', 'nianbao', serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Stopped) output.appendLine('nianbao 语言服务器已停止');
  });
  try {
    await client.start();
  } catch (e) {
    const msg = `nianbao 语言服务器启动失败（${lookup.path}）：${e instanceof Error ? e.message : String(e)}`;
    output.appendLine(msg);
    registerFallbackNewReport(msg);
    void vscode.window.showErrorMessage(msg);
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop(5000);
    } catch (e) {
      output.appendLine(`停止服务器时出错：${String(e)}`);
    }
    await c.dispose().catch(() => undefined);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('nianbao', { log: true });
  const status = new StatusItem();
  const checker = new WorkspaceChecker(() => serverExe, output);
  const fileCommands = new FileCommands(() => serverExe, output);
  context.subscriptions.push(output, status, checker, fileCommands, { dispose: () => fallbackNewReport?.dispose() });

  const restart = async () => {
    await stopClient();
    await startClient(context);
    status.update();
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('nianbao.restartServer', async () => {
      await restart();
      if (client) void vscode.window.setStatusBarMessage('nianbao 语言服务器已重启', 3000);
    }),
    vscode.commands.registerCommand('nianbao.checkWorkspace', () => checker.run()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('nianbao.server.path')) void restart();
    }),
  );
  await startClient(context);
}

export function deactivate(): Thenable<void> | undefined {
  return client ? stopClient() : undefined;
}
