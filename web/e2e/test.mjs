// End-to-end test of the nianbao serve page in headless Chromium (playwright-core), run by
// scripts/web-e2e.sh. Environment:
//   NIANBAO_BIN   the nianbao binary          PLAYWRIGHT  the playwright-core package directory
//   AXE           axe-core's axe.min.js         ROOT        the repository
//   REPORT_HTML   the seeds folder's HTML review report ("" when this nianbao cannot make it: the
//                 test gets the same page from POST /api/review)
//   WEB_E2E_PNG   where the screenshot goes
// Prints one line per step and closes with "e2e: N passed, M failed" (the script's "web:" line
// counts it).
import { createRequire } from 'node:module';
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const env = (k) => {
  const v = process.env[k];
  if (v == null) throw new Error(`${k} is not set`);
  return v;
};
const { chromium } = require(env('PLAYWRIGHT'));
const BIN = env('NIANBAO_BIN');
const ROOT = env('ROOT');
const AXE = readFileSync(env('AXE'), 'utf8');
const REPORT = process.env.REPORT_HTML || '';
const PNG = env('WEB_E2E_PNG');
const T = 15000; // the longest wait for one thing on the page

let passed = 0, failed = 0;
function report(ok, what) {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok' : 'FAIL'}  ${what}`);
}
async function step(what, fn) {
  try {
    const detail = await fn();
    report(true, what + (detail ? `: ${detail}` : ''));
  } catch (e) {
    report(false, `${what}: ${String((e && e.message) || e).split('\n').slice(0, 3).join(' | ')}`);
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

const seed = (n) => readFileSync(`${ROOT}/tests/fixtures/${n}`, 'utf8').replace(/\r\n?/g, '\n');
const SEED4 = '004_58318878f8bfac1e.txt';
const SEED1 = '001_14e46c82abeb8b03.txt';

/** Starts `nianbao serve` on a free loopback port; resolves to [process, url]. */
function serve() {
  return new Promise((resolve, reject) => {
    const p = spawn(BIN, ['serve', '--addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    const timer = setTimeout(() => reject(new Error(`no URL line in 20 s; stderr: ${err}`)), 20000);
    p.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/^nianbao serve: (http:\/\/127\.0\.0\.1:\d+\/)\s*$/m);
      if (m) { clearTimeout(timer); resolve([p, m[1]]); }
    });
    p.stderr.on('data', (d) => { err += d; });
    p.on('exit', (code) => { clearTimeout(timer); reject(new Error(`nianbao serve exited (${code}): ${err}`)); });
  });
}

/** axe-core on the page: [serious or critical violations, the others], as short strings. */
async function axe(page) {
  await page.evaluate(AXE); // through the debugger protocol: not subject to the page's CSP
  const res = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, target: String(v.nodes[0] && v.nodes[0].target) }));
  });
  const line = (v) => `${v.id} (${v.impact}, ${v.nodes}×, e.g. ${v.target}): ${v.help}`;
  return [
    res.filter((v) => v.impact === 'serious' || v.impact === 'critical').map(line),
    res.filter((v) => !(v.impact === 'serious' || v.impact === 'critical')).map(line),
  ];
}

const server = { proc: null };
let browser;
try {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync',
      '--disable-background-networking', '--disable-component-update'],
  });
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e.message || e)));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });

  const findings = (sel = '') => page.locator(`#review [data-testid="finding"]${sel}`);
  const totals = () => findings('[data-rule="total-mismatch"][data-severity="error"]');
  const editor = page.locator('[data-testid="input"]');
  /** The number of reviews the page has shown so far. */
  const reviews = () => page.evaluate(() => Number(document.body.dataset.reviews || 0));
  /** Waits until the page shows a review newer than the `n`th, and nothing is pending. */
  const checked = (n = 0) => page.waitForFunction((n) => Number(document.body.dataset.reviews || 0) > n &&
    document.querySelector('#status').dataset.state === 'done', n, { timeout: T });
  async function waitCount(loc, n, what) {
    try {
      await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [loc, n], { timeout: T });
    } catch {
      const got = await page.evaluate((sel) => document.querySelectorAll(sel).length, loc);
      throw new Error(`${what}: ${got}, expected ${n}`);
    }
  }
  const TOTALS = '#review [data-testid="finding"][data-rule="total-mismatch"][data-severity="error"]';
  let url;

  // a. the server and the page
  await step('a. nianbao serve on a free loopback port, the page opens', async () => {
    [server.proc, url] = await serve();
    await page.goto(url);
    await editor.waitFor({ timeout: T });
    assert((await page.title()).includes('年报'), `title ${await page.title()}`);
    assert(await page.locator('input[type="file"][multiple]').count() === 1, 'no file picker');
    return url;
  });

  // b. paste seed 004: its two broken totals are listed and marked at their text
  const seed4 = seed(SEED4);
  await step('b. seed 004 pasted in: two total-mismatch errors, each marked in the editor at its text; click / Enter on a finding selects it', async () => {
    await editor.click();
    // a real paste event with the text on its clipboard data, as Ctrl+V delivers it (headless
    // Chromium grants no clipboard permission to press Ctrl+V over the system clipboard)
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.querySelector('[data-testid="input"]').dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, seed4);
    // the cursor ends after the pasted text, so its last line is in view
    const lastLine = seed4.split(/\r?\n/).filter((l) => l.trim()).pop().trim();
    await page.waitForFunction((l) => document.querySelector('.cm-content').innerText.includes(l), lastLine, { timeout: T });
    await waitCount(TOTALS, 2, 'total-mismatch errors in the panel');
    await checked();
    // what the server says the two ranges are (the same text through the API)
    const res = await fetch(new URL('api/check', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: seed4, name: '草稿.md', year: null, organ: null }) });
    const review = (await res.json()).review;
    const want = review.findings.map((f, i) => [f, i]).filter(([f]) => f.rule === 'total-mismatch' && f.severity === 'error');
    assert(want.length === 2, `the API reports ${want.length} total-mismatch errors`);
    const seen = [];
    for (const [f, i] of want) {
      const expected = seed4.slice(f.span.from, f.span.to);
      assert(expected.trim(), `finding ${i} has an empty range`);
      const li = findings(`[data-index="${i}"]`).first();
      if (seen.length === 0) await li.click({ position: { x: 8, y: 8 } });
      else { await li.focus(); await page.keyboard.press('Enter'); } // the keyboard way
      const mark = `.cm-content .web-mark.web-error[data-rule="total-mismatch"][data-index="${i}"]`;
      await page.waitForSelector(mark, { timeout: T });
      const text = await page.$$eval(mark, (els) => els.map((e) => e.textContent).join(''));
      assert(text === expected, `mark ${i} covers ${JSON.stringify(text)}, the finding's range is ${JSON.stringify(expected)}`);
      const sel = await page.evaluate(() => document.getSelection().toString());
      assert(sel === expected, `${seen.length ? 'Enter on' : 'clicking'} finding ${i} selected ${JSON.stringify(sel)}`);
      seen.push(expected);
    }
    // the hover shows the message and the rule's explanation
    const first = `.cm-content .web-mark[data-index="${want[0][1]}"]`;
    await page.hover(first);
    const tip = page.locator('.cm-tooltip .web-tooltip');
    await tip.waitFor({ timeout: T });
    const tipText = await tip.innerText();
    assert(tipText.includes(want[0][0].message.slice(0, 12)), `tooltip lacks the message: ${tipText.slice(0, 100)}`);
    assert(tipText.includes(want[0][0].title), 'tooltip lacks the rule title');
    await page.mouse.move(5, 5);
    return `marked ${seen.map((s) => JSON.stringify(s)).join(', ')}`;
  });

  // c. a quick fix of one of them
  await step('c. the fix button of a total-mismatch applies it: that finding disappears', async () => {
    const li = page.locator(TOTALS).first();
    const fix = li.locator('button.fix').first();
    assert(await fix.count() === 1, 'the total-mismatch finding has no fix button');
    const title = (await fix.innerText()).trim();
    const before = await editor.innerText();
    const n = await reviews();
    await fix.click();
    await checked(n);
    await waitCount(TOTALS, 1, 'total-mismatch errors after the fix');
    await checked();
    assert((await editor.innerText()) !== before, 'the editor text did not change');
    return `「${title}」`;
  });

  // d. two seed files dropped on the page; a refused file through the picker
  await step('d. two seed files dropped onto the page are listed with their counts; choosing one loads it', async () => {
    const files = [SEED4, SEED1].map((n) => ({ name: `${n.slice(0, 3)}-年报.txt`, text: readFileSync(`${ROOT}/tests/fixtures/${n}`, 'utf8') }));
    await page.evaluate((files) => {
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
      const target = document.querySelector('main');
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      }
    }, files);
    await waitCount('[data-testid="file"][data-ok="true"]', 2, 'files listed');
    const entries = await page.$$eval('[data-testid="file"]', (els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim()));
    for (const f of files) assert(entries.some((e) => e.includes(f.name)), `${f.name} not listed: ${entries}`);
    assert(entries.every((e) => /错误 \d+ · 警告 \d+ · 提示 \d+/.test(e)), `counts missing: ${entries}`);
    // the first dropped file is in the editor; choosing the second loads its converted text
    const n = await reviews();
    await page.locator('[data-testid="file"]', { hasText: files[1].name }).locator('button').click();
    await checked(n);
    const firstLine = seed(SEED1).split('\n').find((l) => l.trim()).trim();
    await page.waitForFunction((l) => document.querySelector('[data-testid="input"]').innerText.includes(l), firstLine, { timeout: T });
    return entries.join(' | ');
  });

  await step('d2. a file of an unreadable kind picked with the file picker is listed as refused', async () => {
    await page.setInputFiles('#picker', [{ name: '统计表.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004 not a report') }]);
    const bad = page.locator('[data-testid="file"][data-ok="false"]', { hasText: '统计表.xlsx' });
    await bad.waitFor({ timeout: T });
    const text = (await bad.innerText()).replace(/\s+/g, ' ');
    assert(/[\u4e00-\u9fff]/.test(text.replace('统计表', '')), `no Chinese reason: ${text}`);
    return text;
  });

  // e. a clean draft, then a total broken by typing
  await step('e. a clean draft has no error; typing into a total cell brings a total-mismatch', async () => {
    const draft = execFileSync(BIN, ['new', '--year', '2024', '--agency', '某市测试局'], { encoding: 'utf8' });
    let n = await reviews();
    await page.click('#clear');
    await checked(n);
    n = await reviews();
    await editor.click();
    await page.keyboard.insertText(draft);
    await checked(n);
    assert((await page.locator('#summary').innerText()).includes('错误 0'), `summary: ${await page.locator('#summary').innerText()}`);
    const errors = await findings('[data-severity="error"]').count();
    assert(errors === 0, `${errors} errors in the clean draft: ${await findings('[data-severity="error"]').first().innerText().catch(() => '')}`);
    assert(await totals().count() === 0, 'total-mismatch in the clean draft');
    // the 总计 cell (the last one) of 一、本年新收政府信息公开申请数量: 0 → 50
    const line = page.locator('.cm-line', { hasText: '一、本年新收政府信息公开申请数量' }).first();
    await line.scrollIntoViewIfNeeded();
    await line.click();
    for (let k = 0; k < 4; k++) await page.keyboard.press('End');
    const rest = await page.evaluate(() => {
      const s = document.getSelection();
      return s.focusNode && s.focusNode.textContent ? s.focusNode.textContent.slice(Math.max(0, s.focusOffset - 4), s.focusOffset) : '';
    });
    assert(/0\s*\|$/.test(rest), `the line does not end with a 0 cell: ${JSON.stringify(rest)}`);
    const back = rest.length - rest.lastIndexOf('0');
    for (let k = 0; k < back; k++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('5');
    try {
      await page.waitForSelector(TOTALS, { timeout: T });
    } catch {
      throw new Error('no total-mismatch error after typing 5 into the total');
    }
    await checked();
    const msg = await page.locator(TOTALS).first().innerText();
    return msg.replace(/\s+/g, ' ').slice(0, 80);
  });

  // f. the HTML review report of the seeds folder (`nianbao check --format html DIR -o F`; a
  // nianbao without that CLI: the same page through POST /api/review of the five seeds)
  await step(`f. the seeds folder's HTML review report${REPORT ? '' : ' (through POST /api/review: no check --format html in this nianbao)'}: five summary rows, no serious axe-core violation`, async () => {
    let file = REPORT;
    if (!file) {
      const files = readdirSync(`${ROOT}/tests/fixtures`).filter((n) => /^00[0-4]_.*\.txt$/.test(n)).sort()
        .map((name) => ({ name, text: readFileSync(`${ROOT}/tests/fixtures/${name}`, 'utf8') }));
      const res = await fetch(new URL('api/review', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ files }) });
      assert(res.ok, `POST /api/review: ${res.status}`);
      file = join(mkdtempSync(join(tmpdir(), 'nianbao-web-report-')), '审核报告.html');
      writeFileSync(file, await res.text());
    }
    const p = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    try {
      await p.goto(pathToFileURL(file).href);
      const rows = await p.locator('[data-testid="summary-row"]').count();
      assert(rows === 5, `${rows} summary rows`);
      const [bad, other] = await axe(p);
      for (const o of other) console.log(`      axe (minor): ${o}`);
      assert(bad.length === 0, bad.join('; '));
      return `5 rows, ${other.length} minor axe findings`;
    } finally {
      await p.close();
      if (!REPORT) rmSync(dirname(file), { recursive: true, force: true });
    }
  });

  // g, h. seed 004 loaded from the list; the page passes axe-core; the screenshot
  await step('g. the page with seed 004 loaded passes axe-core (no serious or critical violation)', async () => {
    const n = await reviews();
    await page.locator('[data-testid="file"]', { hasText: '004-年报.txt' }).locator('button').click();
    await checked(n);
    await waitCount(TOTALS, 2, 'total-mismatch errors of seed 004');
    const [bad, other] = await axe(page);
    for (const o of other) console.log(`      axe (minor): ${o}`);
    assert(bad.length === 0, bad.join('; '));
    return `${other.length} minor`;
  });

  await step('h. screenshot of the page with seed 004', async () => {
    // the first broken total in view, its explanation open
    await findings('[data-rule="total-mismatch"]').first().click({ position: { x: 8, y: 8 } });
    const mark = page.locator('.cm-content .web-mark.web-error[data-rule="total-mismatch"]').first();
    await mark.hover();
    await page.locator('.cm-tooltip .web-tooltip').waitFor({ timeout: T });
    await page.screenshot({ path: PNG });
    return PNG;
  });

  await step('i. downloads: the draft in the editor (.md) and the review report of the loaded files', async () => {
    const [draft] = await Promise.all([page.waitForEvent('download', { timeout: T }), page.click('#download-draft')]);
    assert(draft.suggestedFilename() === '004-年报.md', `draft named ${draft.suggestedFilename()}`);
    const md = readFileSync(await draft.path(), 'utf8');
    // seed 004 as the file list holds it (step c's fix was made in the pasted text, before the drop)
    assert(md.includes('济南市卫生健康委员会') && md.length > seed4.length / 2, `draft: ${md.length} chars`);
    const [rep] = await Promise.all([page.waitForEvent('download', { timeout: T }), page.click('#download-report')]);
    assert(rep.suggestedFilename() === '审核报告.html', `report named ${rep.suggestedFilename()}`);
    const html = readFileSync(await rep.path(), 'utf8');
    const rows = (html.match(/data-testid="summary-row"/g) || []).length;
    assert(rows === 2, `the report has ${rows} summary rows for the 2 loaded files`);
    return `${md.length} chars; report with ${rows} rows`;
  });

  await step('the page raised no script error and no CSP violation', async () => {
    assert(pageErrors.length === 0, pageErrors.slice(0, 3).join(' | '));
  });
} catch (e) {
  report(false, `the test itself: ${String((e && e.stack) || e).split('\n').slice(0, 4).join(' | ')}`);
} finally {
  if (browser) await browser.close().catch(() => {});
  if (server.proc) server.proc.kill('SIGTERM');
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
