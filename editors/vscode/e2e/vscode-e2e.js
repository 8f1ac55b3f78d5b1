// End-to-end test of the nianbao extension in the real VS Code workbench (code-server) in
// headless Debian Chromium, driven by playwright-core. Run by scripts/editors-vscode.sh.
// usage: node vscode-e2e.js <code-server-url> <screenshot.png> <completion-screenshot.png> <inputs.json>
// The workspace holds report-2020.txt (seed 004: two total-mismatch errors at lines 409 and
// 414, 1-based), draft-2024.md (a draft whose application table lacks 「2.重复申请」),
// archive/old-report.txt (seed 004 again, never opened: for the workspace check) and, in
// inputs/, the files for “打开为 Markdown” and “依据上年报告新建”; inputs.json (written by
// scripts/editors-vscode.sh) names them and the lines their Markdown must show.
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');
const [url, png, png2, inputsJson] = process.argv.slice(2);
const inputs = JSON.parse(fs.readFileSync(inputsJson, 'utf8'));
let passed = 0, failed = 0;
const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1) + 's';
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what} [${secs()}]`);
  ok ? passed++ : failed++;
  return ok;
}
async function step(what, fn) {
  try {
    const detail = await fn();
    return check(true, what + (detail ? ': ' + detail : ''));
  } catch (e) {
    return check(false, `${what}: ${String(e && e.message || e).split('\n')[0]}`);
  }
}
const oneLine = (s) => s.replace(/\s+/g, ' ').trim();

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync',
      '--disable-background-networking', '--disable-component-update'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const kb = page.keyboard;
  const editor = '.editor-group-container.active .monaco-editor';
  const problemRows = (text) => page.locator('.markers-panel .monaco-list-row', { hasText: text });
  const statusItem = page.locator('.statusbar-item', { hasText: '年报' }).first();
  async function quickOpen(name) {
    await kb.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 10000 });
    await kb.type(name);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10000 });
    await kb.press('Enter');
    await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 10000 });
  }
  async function gotoLine(n) {
    await kb.press('Control+G');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 10000 });
    await kb.type(String(n));
    await kb.press('Enter');
    await page.waitForTimeout(200);
  }

  try {
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForSelector('.explorer-folders-view', { timeout: 60000 });
    console.log(`workbench up [${secs()}]`);

    // 1. diagnostics of seed 004: squiggles and the Problems panel
    await quickOpen('report-2020.txt');
    await step('Problems panel opens (Ctrl+Shift+M)', async () => {
      for (let i = 0; i < 5; i++) {
        await kb.press('Control+Shift+M');
        try {
          await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: 2000 });
          return `after ${i + 1} key press(es)`;
        } catch { /* the key can arrive before the workbench binds it */ }
      }
      throw new Error('no .markers-panel');
    });
    await step('Problems panel: total-mismatch at Ln 409 (总计 4, should be 5)', async () => {
      const row = problemRows('但总计填写的是 4').first();
      await row.waitFor({ timeout: 60000 }); // includes starting the extension host and the server
      const t = oneLine(await row.innerText());
      if (!/total-mismatch/.test(t) || !/Ln 409/.test(t)) throw new Error(t);
      return t;
    });
    await step('Problems panel: total-mismatch at Ln 414 (总计 5, should be 1)', async () => {
      const t = oneLine(await problemRows('但总计填写的是 5').first().innerText({ timeout: 10000 }));
      if (!/total-mismatch/.test(t) || !/Ln 414/.test(t)) throw new Error(t);
      return t;
    });
    await step('squiggles at both totals (lines 409 and 414)', async () => {
      await gotoLine(411);
      await page.waitForFunction((sel) => document.querySelectorAll(sel).length >= 2, `${editor} .squiggly-error`, { timeout: 10000 });
      return `${await page.locator(`${editor} .squiggly-error`).count()} error squiggles around line 411`;
    });
    await step('status bar: 年报 2020 · 2019版试行格式 · 3 errors', async () => {
      await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /年报 2020 · 2019版试行格式 · \s*3/.test(e.innerText)), null, { timeout: 15000 });
      return oneLine(await statusItem.innerText());
    });

    // 2. hover a clause reference typed on the empty line 416
    await step('hover on a typed 第二十条第（五）项 shows the article (行政许可)', async () => {
      await gotoLine(416);
      await kb.type('依据第二十条第（五）项');
      await page.waitForTimeout(300);
      await kb.press('Escape'); // close the 第 completion list
      const line = page.locator(`${editor} .view-line`, { hasText: '依据第二十条第（五）项' }).first();
      await line.waitFor({ timeout: 5000 });
      await page.mouse.move(0, 0);
      const span = line.locator('span span').filter({ hasText: '第二十条' }).last();
      const box = await span.boundingBox();
      // over 「条第（」, well inside the reference
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
      const hover = page.locator('.monaco-hover', { hasText: '行政许可' }).first();
      await hover.waitFor({ state: 'visible', timeout: 15000 });
      return oneLine(await hover.innerText()).slice(0, 90) + '…';
    });
    await page.screenshot({ path: png });
    console.log(`screenshot ${png}`);

    // 3. fix the first total (4 → 5): its error goes, the other stays
    await step('typing the fix 4 → 5 on line 409 removes that error', async () => {
      await page.mouse.move(0, 0);
      await kb.press('Escape');
      await gotoLine(409);
      await kb.press('End');
      await kb.press('Shift+Home');
      await kb.type('5');
      await problemRows('但总计填写的是 4').first().waitFor({ state: 'detached', timeout: 15000 });
      await problemRows('但总计填写的是 5').first().waitFor({ timeout: 5000 });
      await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /年报 2020 · .* · \s*2$/.test(e.innerText.trim())), null, { timeout: 10000 });
      return `other total-mismatch remains; status bar ${oneLine(await statusItem.innerText())}`;
    });

    // 4. completion of a missing standard row in the application table of a draft
    await step('completion in the application table offers the missing row 2.重复申请', async () => {
      await quickOpen('draft-2024.md');
      await page.locator(`${editor} .view-line`).first().waitFor({ timeout: 10000 });
      await gotoLine(54);
      await kb.press('End');
      await kb.press('Enter');
      await kb.type('|'); // a trigger character of the server
      const widget = page.locator('.suggest-widget .monaco-list-row');
      try {
        await widget.first().waitFor({ timeout: 5000 });
      } catch {
        await kb.press('Control+Space');
      }
      const item = page.locator('.suggest-widget .monaco-list-row', { hasText: '2.重复申请' }).first();
      await item.waitFor({ timeout: 15000 });
      const labels = (await widget.allInnerTexts()).map(oneLine);
      await page.screenshot({ path: png2 });
      return labels.slice(0, 4).join(' | ');
    });
    await step('accepting it inserts the standard row', async () => {
      await kb.press('Enter');
      await page.locator(`${editor} .view-line`, { hasText: '| 2.重复申请 |' }).first().waitFor({ timeout: 10000 });
      return oneLine(await page.locator(`${editor} .view-line`, { hasText: '| 2.重复申请 |' }).first().innerText());
    });

    // 5. nianbao: 新建年度报告 from the command palette
    await step('command 「nianbao: 新建年度报告」 opens a draft from the server', async () => {
      await kb.press('F1');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 10000 });
      await kb.type('nianbao: 新建年度报告');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: '新建年度报告' }).first().waitFor({ timeout: 10000 });
      await kb.press('Enter');
      await page.locator('.quick-input-widget', { hasText: '报告年度' }).waitFor({ timeout: 10000 });
      await kb.press('Control+A');
      await kb.type('2023');
      await kb.press('Enter');
      await page.locator('.quick-input-widget', { hasText: '报告机关全称' }).waitFor({ timeout: 10000 });
      await kb.type('某县人民政府');
      await kb.press('Enter');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: '人民政府' }).first().waitFor({ timeout: 10000 });
      await kb.type('人民政府');
      await kb.press('Enter');
      const title = page.locator(`${editor} .view-line`, { hasText: '某县人民政府2023年政府信息公开工作年度报告' }).first();
      await title.waitFor({ timeout: 15000 });
      await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /年报 2023 · 2021版格式/.test(e.innerText)), null, { timeout: 10000 });
      return `${oneLine(await title.innerText())}; status bar ${oneLine(await statusItem.innerText())}`;
    });

    // 6. nianbao: 检查工作区中的所有年报 — a report that is not open reaches the Problems panel
    await step('command 「nianbao: 检查工作区中的所有年报」 reports archive/old-report.txt', async () => {
      await kb.press('F1');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 10000 });
      await kb.type('nianbao: 检查工作区');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: '检查工作区中的所有年报' }).first().waitFor({ timeout: 10000 });
      await kb.press('Enter');
      const file = page.locator('.markers-panel .monaco-list-row', { hasText: 'old-report.txt' }).first();
      await file.waitFor({ timeout: 20000 });
      const rows = await problemRows('但总计填写的是').count();
      if (rows < 3) throw new Error(`only ${rows} total-mismatch rows in the Problems panel`);
      return `${oneLine(await file.innerText())}; ${rows} total-mismatch rows in all`;
    });

    // 7–10. the file commands: a file picked in the (simple) file dialog, its Markdown opened as a
    // new untitled document, nothing written to the workspace
    const listTree = (dir) => fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => !f.startsWith('.')).sort().join('\n');
    const before = listTree(inputs.workspace);
    async function runOnFile(title, file) {
      await kb.press('Escape');
      await kb.press('F1');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 10000 });
      await kb.type(title);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title.replace(/^nianbao: /, '') }).first().waitFor({ timeout: 10000 });
      await kb.press('Enter');
      // the simple file dialog: a quick input holding a folder path; type the whole path
      await page.waitForFunction(() => {
        const input = document.querySelector('.quick-input-widget input');
        return input && input.offsetParent !== null && input.value.startsWith('/') && input.value.endsWith('/');
      }, null, { timeout: 10000 });
      await page.waitForTimeout(300);
      await kb.press('Control+A');
      await kb.type(file);
      await page.waitForTimeout(300);
      await kb.press('Enter');
    }
    // untitled editors are labelled by their first line; their resource is Untitled-N
    const untitledTabs = () => page.locator('.tab[data-resource-name^="Untitled-"]').count();
    async function untitledShows(untitledBefore, lines, what) {
      await page.waitForFunction((n) => document.querySelectorAll('.tab[data-resource-name^="Untitled-"]').length > n, untitledBefore, { timeout: 20000 });
      const tab = page.locator('.tab.active[data-resource-name^="Untitled-"]');
      await tab.waitFor({ timeout: 5000 });
      const found = [];
      for (const line of lines) {
        // Ctrl+F scrolls the line into view (monaco renders only the visible lines)
        await kb.press('Control+F');
        await page.waitForSelector('.find-widget.visible textarea, .find-widget.visible input', { timeout: 5000 });
        await kb.press('Control+A');
        await kb.type(line.find); // reveals the first match from the cursor (the start of the document)
        await page.waitForTimeout(300);
        const rows = page.locator(`${editor} .view-line`, { hasText: line.find });
        const wantRow = Boolean(line.cells || line.row);
        let texts = [];
        // a table row is a pipe row, not a sentence that mentions its label: Enter goes to the next match
        for (let i = 0; i < 8; i++) {
          await rows.first().waitFor({ timeout: 5000 });
          texts = (await rows.allInnerTexts()).map(oneLine);
          if (!wantRow || texts.some((x) => x.startsWith('|'))) break;
          await kb.press('Enter');
          await page.waitForTimeout(200);
        }
        await kb.press('Escape');
        const t = (wantRow ? texts.find((x) => x.startsWith('|')) : texts[0]) ?? texts[0];
        if (line.row && !t.startsWith('|')) throw new Error(`${what}: no table row holds ${line.find}: ${JSON.stringify(texts)}`);
        if (line.text !== undefined && t !== oneLine(line.text)) throw new Error(`${what}: line reads ${JSON.stringify(t)}, expected ${JSON.stringify(oneLine(line.text))}`);
        if (line.cells !== undefined) {
          // the server's inlay hint after a total (「Σ 2」) is drawn inside the line: not a cell's text
          const cells = t.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.replace(/\s*Σ.*$/, '').trim());
          if (JSON.stringify(cells) !== JSON.stringify(line.cells)) throw new Error(`${what}: row reads ${JSON.stringify(cells)}, expected ${JSON.stringify(line.cells)}`);
        }
        found.push(t.length > 60 ? t.slice(0, 60) + '…' : t);
      }
      const mode = oneLine(await page.locator('.statusbar-item[id="status.editor.mode"]').innerText({ timeout: 5000 }));
      if (!/Markdown/.test(mode)) throw new Error(`language mode is ${mode}`);
      return `${await tab.getAttribute('data-resource-name')} (${mode}): ${found.join(' / ')}`;
    }

    await step(`command 「nianbao: 将 Word/PDF/网页报告打开为 Markdown」 on ${path.basename(inputs.open.file)} opens its Markdown untitled`, async () => {
      const n = await untitledTabs();
      await runOnFile('nianbao: 将 Word/PDF/网页报告打开为 Markdown', inputs.open.file);
      return untitledShows(n, inputs.open.lines, 'convert');
    });
    await step(`command 「nianbao: 依据上年报告新建本年度草稿」 on ${path.basename(inputs.newFrom.file)} (year left empty) opens this year's draft`, async () => {
      const n = await untitledTabs();
      await runOnFile('nianbao: 依据上年报告新建本年度草稿', inputs.newFrom.file);
      await page.locator('.quick-input-widget', { hasText: '留空' }).waitFor({ timeout: 10000 });
      // the CLI's reminders (stderr of a successful run) follow as a warning (a toast that hides
      // itself after a while: watched for from the start)
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: '上年结转' }).first();
      const toastText = toast.waitFor({ timeout: 30000 }).then(() => toast.innerText());
      toastText.catch(() => {});
      await kb.press('Enter'); // empty: the year after last year's report
      const shown = await untitledShows(n, inputs.newFrom.lines, 'new --from');
      const warning = oneLine(await toastText);
      // the server checks the untitled draft: 一+二=三+四 does not hold until this year's results are filled
      await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /年报 2021 · 2021版格式 · \s*[1-9]/.test(e.innerText)), null, { timeout: 15000 });
      return `${shown}; warning 「${warning.slice(0, 40)}…」; status bar ${oneLine(await statusItem.innerText())}`;
    });
    // the explorer's context menu: its `when` offers “打开为 Markdown” on .docx/.html/.htm/.pdf only,
    // “依据上年报告新建” on .md/.txt too; run from there, the command gets the file's URI (no dialog)
    async function contextMenu(folder, file) {
      await kb.press('Escape');
      const row = (name) => page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
      if (!(await row(file).isVisible())) await row(folder).click();
      await row(file).click({ button: 'right' });
      const menu = page.locator('.context-view .monaco-menu').first();
      await menu.waitFor({ timeout: 10000 });
      return (await menu.locator('.action-label').allInnerTexts()).map(oneLine).filter((t) => /nianbao/.test(t));
    }
    await step('explorer context menu of a .txt: 「依据上年报告新建本年度草稿」 only', async () => {
      const items = await contextMenu('inputs', 'report-2020.txt');
      await kb.press('Escape');
      if (JSON.stringify(items) !== JSON.stringify(['nianbao: 依据上年报告新建本年度草稿'])) throw new Error(JSON.stringify(items));
      return items.join(', ');
    });
    await step(`explorer context menu of ${path.basename(inputs.broken.file)}: 「打开为 Markdown」 shows the CLI's reason, no editor`, async () => {
      const tabs = await page.locator('.tab').count();
      const items = await contextMenu('inputs', path.basename(inputs.broken.file));
      if (!items.includes('nianbao: 将 Word/PDF/网页报告打开为 Markdown') || !items.includes('nianbao: 依据上年报告新建本年度草稿')) throw new Error(JSON.stringify(items));
      await page.locator('.context-view .monaco-menu .action-label', { hasText: '打开为 Markdown' }).first().click();
      // a click that lands while the menu is still opening is dropped (the item stays highlighted,
      // the menu open): the highlighted item is then chosen with Enter, once
      await page.waitForTimeout(300);
      if (await page.locator('.context-view .monaco-menu').first().isVisible()) await kb.press('Enter');
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: `nianbao: ${inputs.broken.file}: ` }).first();
      await toast.waitFor({ timeout: 20000 });
      const t = oneLine(await toast.innerText());
      if (!/[\u4e00-\u9fff]/.test(t.split(inputs.broken.file + ': ')[1] || '')) throw new Error(`no Chinese reason: ${t}`);
      await page.waitForTimeout(500);
      const now = await page.locator('.tab').count();
      if (now !== tabs) throw new Error(`${now - tabs} editor(s) opened`);
      return `menu ${items.length} nianbao items; ${t}`;
    });
    await step('nothing was written to the workspace', async () => {
      const after = listTree(inputs.workspace);
      if (after !== before) throw new Error(`workspace changed:\n${after}`);
      return `${before.split('\n').length} files, unchanged`;
    });
  } catch (e) {
    check(false, 'driver: ' + String(e && e.message || e).split('\n')[0]);
    await page.screenshot({ path: png + '.failure.png' }).catch(() => {});
  } finally {
    if (failed) await page.screenshot({ path: png + '.failure.png' }).catch(() => {});
    await browser.close();
    console.log(`e2e: ${passed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
  }
})();
