// The nianbao serve page: paste or type a report (live check through /api/check), drop or pick
// files (/api/files), see every finding in the editor and in the server's findings panel, apply
// quick fixes, download the corrected draft and the review report (/api/review).

import { createEditor, severityName } from './editor.js';

const $ = (sel) => document.querySelector(sel);
const DEBOUNCE_MS = 300;
const ACCEPT = ['.md', '.markdown', '.txt', '.docx', '.html', '.htm', '.pdf'];

const state = {
  /** Loaded files: {name, ok, input, text, review, html, error}. */
  files: [],
  /** Index into `files` of the file in the editor, or -1 for pasted text. */
  current: -1,
  /** The review shown and the text it describes. */
  review: null,
  seq: 0,
  timer: 0,
  /** Set while the page itself replaces the text (not an edit of the person's). */
  loading: false,
};

/** Replaces the editor's text without counting it as an edit. */
function load(text) {
  state.loading = true;
  try {
    editor.setText(text);
  } finally {
    state.loading = false;
  }
}

const status = $('#status');
const panel = $('#review');
const summary = $('#summary');

function setStatus(text, kind) {
  // unchanged text is not set again: a screen reader would announce it on every keystroke
  if (status.textContent !== text) status.textContent = text;
  status.dataset.state = kind;
}

/** Counts the reviews shown (a hook for tests: a new review is in place when it grows). */
let shown = 0;
function shownOne() {
  document.body.dataset.reviews = String(++shown);
}

const editor = createEditor($('#editor'), () => {
  if (state.loading) return;
  if (state.current >= 0 && state.files[state.current]) state.files[state.current].edited = true;
  scheduleCheck();
});

// ---- checking -----------------------------------------------------------------

function options() {
  const year = $('#year').value.trim();
  const organ = $('#organ').value;
  return { year: /^\d{4}$/.test(year) ? Number(year) : null, organ: organ || null };
}

function currentName() {
  const f = state.files[state.current];
  return f ? f.name : '草稿.md';
}

function scheduleCheck() {
  clearTimeout(state.timer);
  setStatus('正在输入…', 'pending');
  state.timer = setTimeout(check, DEBOUNCE_MS);
}

async function postJson(url, body) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res;
}

async function errorOf(res) {
  try {
    const j = await res.json();
    if (j && j.error) return j.error;
  } catch { /* not JSON */ }
  return `服务器返回 ${res.status}`;
}

/** Checks the editor's text; a response for an older request or an older text is ignored. */
async function check() {
  clearTimeout(state.timer);
  const seq = ++state.seq;
  const doc = editor.view.state.doc;
  const text = doc.toString();
  if (!text.trim()) {
    editor.clearReview();
    showPanel(null, '');
    setStatus('请粘贴或输入报告文本，或拖入文件。', 'done');
    shownOne();
    return;
  }
  setStatus('正在检查…', 'checking');
  let res;
  try {
    res = await postJson('/api/check', { text, name: currentName(), ...options() });
  } catch {
    if (seq === state.seq) setStatus('无法连接 nianbao 服务，请确认它仍在运行。', 'error');
    return;
  }
  if (seq !== state.seq) return;
  if (!res.ok) {
    const msg = await errorOf(res);
    if (seq === state.seq) setStatus(`检查失败：${msg}`, 'error');
    return;
  }
  const data = await res.json();
  if (seq !== state.seq || doc !== editor.view.state.doc) return; // stale: a newer check follows
  show(data.review, data.html, doc);
}

function countsText(c) {
  return `错误 ${c.errors} · 警告 ${c.warnings} · 提示 ${c.hints}`;
}

function show(review, html, doc) {
  if (!editor.showReview(review, doc)) return;
  state.review = review;
  const f = state.files[state.current];
  if (f && f.ok) { f.review = review; f.html = html; renderFiles(); }
  showPanel(review, html);
  setStatus(`检查完成：${countsText(review.counts)}`, 'done');
  shownOne();
}

function showPanel(review, html) {
  if (!review) {
    summary.textContent = '';
    panel.innerHTML = '';
    return;
  }
  const bits = [];
  if (review.agency) bits.push(review.agency);
  if (review.year) bits.push(`${review.year}年度`);
  if (review.format) bits.push(`表格格式：${review.format}${review.expected_format && review.expected_format !== review.format ? `（应为 ${review.expected_format}）` : ''}`);
  if (review.late === true) bits.push('逾期发布');
  summary.textContent = `${bits.join('，')}${bits.length ? '。' : ''}${countsText(review.counts)}`;
  panel.innerHTML = html;
  if (!review.findings.length) {
    const p = document.createElement('p');
    p.className = 'web-clean';
    p.textContent = '没有发现问题。';
    panel.prepend(p);
  }
  // findings are keyboard-usable: focusable, Enter/Space selects the range in the editor
  for (const li of panel.querySelectorAll('[data-testid="finding"]')) {
    if (!li.hasAttribute('tabindex')) li.tabIndex = 0;
    const f = review.findings[Number(li.dataset.index)];
    if (f && !li.hasAttribute('title')) li.title = '点击在编辑区中选中此处';
  }
}

panel.addEventListener('click', (e) => {
  const fix = e.target.closest('button.fix, [data-fix]');
  if (fix && panel.contains(fix)) {
    e.preventDefault();
    const [i, j] = String(fix.dataset.fix).split(':').map(Number);
    if (editor.applyFix(i, j)) {
      setStatus('已应用修复，正在重新检查…', 'checking');
      check();
    } else {
      setStatus('此修复已不适用于当前文本，正在重新检查…', 'checking');
      check();
    }
    return;
  }
  if (e.target.closest('summary, a, button, input, select, textarea')) return;
  const li = e.target.closest('[data-testid="finding"]');
  if (li && panel.contains(li)) editor.select(Number(li.dataset.index));
});
panel.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  const li = e.target;
  if (li && li.matches && li.matches('[data-testid="finding"]')) {
    e.preventDefault();
    editor.select(Number(li.dataset.index));
  }
});

$('#year').addEventListener('change', () => check());
$('#organ').addEventListener('change', () => check());

// ---- files ----------------------------------------------------------------------

function renderFiles() {
  const list = $('#files');
  // the list is rebuilt: a keyboard user's focus stays on the same entry
  const focused = [...list.querySelectorAll('button')].indexOf(document.activeElement);
  list.textContent = '';
  $('#files-empty').hidden = state.files.length > 0;
  state.files.forEach((f, i) => {
    const li = document.createElement('li');
    li.dataset.testid = 'file';
    li.dataset.ok = String(f.ok);
    li.dataset.name = f.name;
    if (f.ok) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'file-open';
      if (i === state.current) { b.setAttribute('aria-current', 'true'); li.classList.add('current'); }
      const name = document.createElement('span');
      name.className = 'file-name';
      name.textContent = f.name;
      const counts = document.createElement('span');
      counts.className = 'file-counts';
      const c = f.review.counts;
      counts.textContent = countsText(c);
      if (c.errors) li.classList.add('has-errors');
      b.append(name, counts);
      b.addEventListener('click', () => openFile(i));
      li.append(b);
    } else {
      li.classList.add('refused');
      const name = document.createElement('span');
      name.className = 'file-name';
      name.textContent = f.name;
      const err = document.createElement('span');
      err.className = 'file-error';
      err.setAttribute('role', 'alert');
      err.textContent = `无法读取：${f.error}`;
      li.append(name, err);
    }
    list.append(li);
  });
  if (focused >= 0) {
    const again = list.querySelectorAll('button')[focused];
    if (again) again.focus();
  }
}

function openFile(i) {
  const f = state.files[i];
  if (!f || !f.ok) return;
  const prev = state.files[state.current];
  if (prev && prev.ok && prev.edited) prev.text = editor.text();
  state.current = i;
  clearTimeout(state.timer);
  state.seq++; // any check in flight is for the previous text
  load(f.text);
  const doc = editor.view.state.doc;
  if (!f.edited && doc.toString() === f.text) show(f.review, f.html, doc);
  else check();
  renderFiles();
}

async function addFiles(fileList) {
  const files = [...fileList];
  if (!files.length) return;
  const form = new FormData();
  for (const f of files) form.append('file', f, f.name);
  setStatus(`正在读取 ${files.length} 个文件…`, 'checking');
  let res;
  try {
    res = await fetch('/api/files', { method: 'POST', body: form });
  } catch {
    setStatus('无法连接 nianbao 服务，请确认它仍在运行。', 'error');
    return;
  }
  if (!res.ok) {
    setStatus(`读取文件失败：${await errorOf(res)}`, 'error');
    return;
  }
  const data = await res.json();
  leaveFile(); // keep the edits of the file in the editor before the list changes
  let first = -1;
  for (const f of data.files || []) {
    // CodeMirror keeps "\n" line breaks: the text in the editor is the text the review describes
    const entry = f.ok ? { ...f, text: f.text.replace(/\r\n?/g, '\n') } : f;
    if (f.ok && entry.text !== f.text) entry.edited = true; // re-check: offsets were for the original
    const at = state.files.findIndex((x) => x.name === f.name);
    if (at >= 0) state.files[at] = entry; else state.files.push(entry);
    if (first < 0 && f.ok) first = at >= 0 ? at : state.files.length - 1;
  }
  renderFiles();
  const ok = (data.files || []).filter((f) => f.ok).length;
  const bad = (data.files || []).length - ok;
  if (first >= 0) openFile(first);
  setStatus(`已读取 ${ok} 个文件${bad ? `，${bad} 个无法读取` : ''}。`, bad ? 'error' : 'done');
}

$('#picker').addEventListener('change', (e) => {
  addFiles(e.target.files);
  e.target.value = '';
});

// drag and drop anywhere on the page
let dragDepth = 0;
const hasFiles = (e) => e.dataTransfer && [...(e.dataTransfer.types || [])].includes('Files');
document.addEventListener('dragenter', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  dragDepth++;
  document.body.classList.add('dragging');
});
document.addEventListener('dragover', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'copy';
});
document.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (!dragDepth) document.body.classList.remove('dragging');
});
document.addEventListener('drop', (e) => {
  dragDepth = 0;
  document.body.classList.remove('dragging');
  if (!e.dataTransfer || !e.dataTransfer.files || !e.dataTransfer.files.length) return;
  e.preventDefault();
  e.stopPropagation();
  addFiles(e.dataTransfer.files);
}, true);

// ---- toolbar ----------------------------------------------------------------------

$('#paste').addEventListener('click', async () => {
  let text = null;
  try {
    text = await navigator.clipboard.readText();
  } catch { /* no permission: the person pastes with Ctrl+V */ }
  if (text == null) {
    editor.focus();
    setStatus('浏览器不允许直接读取剪贴板：请在编辑区按 Ctrl+V 粘贴。', 'error');
    return;
  }
  leaveFile();
  load(text.replace(/\r\n?/g, '\n'));
  editor.focus();
  check();
});

/** The editor no longer shows a loaded file (its edits are kept in the list). */
function leaveFile() {
  const prev = state.files[state.current];
  if (prev && prev.ok && prev.edited) prev.text = editor.text();
  state.current = -1;
  renderFiles();
}

$('#clear').addEventListener('click', () => {
  leaveFile();
  load('');
  editor.focus();
  check();
});

function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

$('#download-draft').addEventListener('click', () => {
  const name = currentName().replace(/\.[^./\\]*$/, '') + '.md';
  download(new Blob([editor.text()], { type: 'text/markdown;charset=utf-8' }), name);
});

$('#download-report').addEventListener('click', async () => {
  const cur = state.files[state.current];
  // every loaded file, the one in the editor with its edits
  const files = state.files.filter((f) => f.ok).map((f) => ({ name: f.name, text: f === cur ? editor.text() : f.text }));
  if (!files.length) files.push({ name: currentName(), text: editor.text() });
  setStatus('正在生成审核报告…', 'checking');
  let res;
  try {
    res = await postJson('/api/review', { files });
  } catch {
    setStatus('无法连接 nianbao 服务，请确认它仍在运行。', 'error');
    return;
  }
  if (!res.ok) {
    setStatus(`生成审核报告失败：${await errorOf(res)}`, 'error');
    return;
  }
  download(await res.blob(), '审核报告.html');
  setStatus('审核报告已下载。', 'done');
});

$('#picker').setAttribute('accept', ACCEPT.join(','));
renderFiles();
setStatus('请粘贴或输入报告文本，或拖入文件。', 'done');
editor.focus();
