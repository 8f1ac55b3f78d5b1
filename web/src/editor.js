// The CodeMirror 6 editor: the report's text, each finding of the current review marked at its
// place (mark class by severity) and a hover tooltip with the finding's message, rule and
// explanation, as the language server's hover shows them.

import { minimalSetup } from 'codemirror';
import { EditorView, Decoration, hoverTooltip, lineNumbers, highlightActiveLine, highlightActiveLineGutter, keymap } from '@codemirror/view';
import { EditorState, StateEffect, StateField, ChangeSet } from '@codemirror/state';
import { defaultKeymap, historyKeymap } from '@codemirror/commands';

const SEVERITY = { error: '错误', warning: '警告', info: '提示', hint: '提示' };
export const severityName = (s) => SEVERITY[s] || s;

/** Replaces the marks: `findings` of the review of the current text. */
const setFindings = StateEffect.define();

function markFor(f, i, docLength) {
  let from = Math.min(f.span.from, docLength);
  let to = Math.min(f.span.to, docLength);
  if (to <= from) {
    // an empty range (a missing part, the end of the text): mark the next character, or the
    // previous one at the end of the text, so it can be seen and hovered
    if (from < docLength) to = from + 1;
    else if (from > 0) from = to - 1;
    else return null;
  }
  const sev = SEVERITY[f.severity] ? f.severity : 'hint';
  return Decoration.mark({
    class: `web-mark web-${sev}`,
    attributes: { 'data-rule': f.rule, 'data-severity': f.severity, 'data-index': String(i) },
    finding: i,
    inclusiveEnd: false,
  }).range(from, to);
}

/** The marks of the findings, mapped through edits until the next review replaces them. */
const findingMarks = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const e of tr.effects) {
      if (e.is(setFindings)) {
        const len = tr.state.doc.length;
        const ranges = e.value.map((f, i) => markFor(f, i, len)).filter(Boolean);
        return Decoration.set(ranges, true);
      }
    }
    return tr.docChanged ? marks.map(tr.changes) : marks;
  },
  provide: (f) => EditorView.decorations.from(f),
});

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

/** The tooltip's content for the findings `list` (indices into `findings`). */
function tooltipDom(findings, list) {
  const dom = el('div', 'web-tooltip');
  dom.setAttribute('role', 'tooltip');
  for (const i of list) {
    const f = findings[i];
    if (!f) continue;
    const item = el('div', `web-tip web-tip-${f.severity}`);
    const head = el('div', 'web-tip-head');
    head.append(el('span', `nb-badge nb-badge-${f.severity}`, severityName(f.severity)), ' ', el('strong', null, f.title || f.rule), ' ', el('code', null, f.rule));
    item.append(head, el('p', 'web-tip-message', f.message));
    if (f.explanation) item.append(el('p', 'web-tip-explanation', f.explanation));
    for (const c of f.clauses || []) {
      const q = el('blockquote', 'web-tip-clause');
      q.append(el('strong', null, c.reference), ' ', c.text);
      item.append(q);
    }
    if (f.fixes && f.fixes.length) item.append(el('p', 'web-tip-fixes', `快速修复：${f.fixes.map((x) => x.title).join('；')}（在右侧结果中点击按钮应用）`));
    dom.append(item);
  }
  return dom;
}

/**
 * Creates the editor in `parent`. `onChange(view)` runs after each edit of the text.
 * Returns an object with the view and the operations the page needs.
 */
export function createEditor(parent, onChange) {
  let findings = [];
  // the edits made since the text the current review describes (positions of fixes map through them)
  let sinceReview = null;

  const hover = hoverTooltip((view, pos) => {
    const hits = [];
    let start = pos, end = pos;
    view.state.field(findingMarks).between(pos, pos, (from, to, deco) => {
      if (from <= pos && pos <= to) {
        hits.push(deco.spec.finding);
        start = Math.min(start, from);
        end = Math.max(end, to);
      }
    });
    if (!hits.length) return null;
    return { pos: start, end, above: true, create: () => ({ dom: tooltipDom(findings, hits) }) };
  }, { hoverTime: 250 });

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        minimalSetup,
        lineNumbers(),
        highlightActiveLine(),
        highlightActiveLineGutter(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.lineWrapping,
        findingMarks,
        hover,
        EditorView.contentAttributes.of({
          'data-testid': 'input',
          'aria-label': '报告文本（可直接粘贴或输入，输入时自动检查）',
          'aria-describedby': 'editor-help',
          tabindex: '0',
        }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) {
            if (sinceReview) sinceReview = sinceReview.compose(u.changes);
            onChange(view);
          }
        }),
      ],
    }),
  });

  return {
    view,
    text: () => view.state.doc.toString(),
    /** Replaces the whole text (a loaded file, clearing). */
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: 0 }, scrollIntoView: true });
    },
    /** Shows `review`'s findings; `doc` is the text (a CodeMirror Text) it was computed for. */
    showReview(review, doc) {
      if (doc !== view.state.doc) return false;
      findings = review.findings || [];
      sinceReview = ChangeSet.empty(doc.length);
      view.dispatch({ effects: setFindings.of(findings) });
      return true;
    },
    clearReview() {
      findings = [];
      sinceReview = null;
      view.dispatch({ effects: setFindings.of([]) });
    },
    /** The current range of finding `i` (mapped through the edits since its review). */
    rangeOf(i) {
      let r = null;
      view.state.field(findingMarks).between(0, view.state.doc.length, (from, to, deco) => {
        if (deco.spec.finding === i) { r = { from, to }; return false; }
      });
      if (r) return r;
      const f = findings[i];
      if (!f || !sinceReview) return null;
      const len = view.state.doc.length;
      const from = Math.min(sinceReview.mapPos(Math.min(f.span.from, sinceReview.length), 1), len);
      return { from, to: Math.max(from, Math.min(sinceReview.mapPos(Math.min(f.span.to, sinceReview.length), -1), len)) };
    },
    /** Selects finding `i`'s range and scrolls it into view. */
    select(i) {
      const r = this.rangeOf(i);
      if (!r) return false;
      view.dispatch({ selection: { anchor: r.from, head: r.to }, effects: EditorView.scrollIntoView(r.from, { y: 'center' }) });
      view.focus();
      return true;
    },
    /** Applies fix `j` of finding `i` in one transaction; false when it no longer applies. */
    applyFix(i, j) {
      const f = findings[i];
      const fix = f && f.fixes && f.fixes[j];
      if (!fix || !sinceReview) return false;
      const len = sinceReview.length;
      const changes = [];
      for (const e of fix.edits) {
        if (e.from > len || e.to > len || e.to < e.from) return false;
        const from = sinceReview.mapPos(e.from, 1);
        const to = Math.max(from, sinceReview.mapPos(e.to, -1));
        changes.push({ from, to, insert: e.insert });
      }
      try {
        view.dispatch({ changes, userEvent: 'input.fix', scrollIntoView: true });
      } catch {
        return false; // overlapping edits or positions out of range
      }
      return true;
    },
    focus: () => view.focus(),
  };
}
