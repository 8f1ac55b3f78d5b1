//! Completion: clause references after 第, the missing rows of the table the cursor is in, and
//! at the start of a line the missing part headings and whole tables.

use super::{Edit, Snapshot};
use crate::check::rules::{TABLE_NAMES, table_name};
use crate::format::{RowKind, TableKind};
use crate::regulation;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// A 条例 article.
    Clause,
    /// A missing table row.
    Row,
    /// A missing part heading.
    Part,
    /// A whole table.
    Table,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    /// Markdown; empty for none.
    pub documentation: String,
    pub sort: String,
    pub filter: String,
    /// The text inserted by clients that ignore `edit`.
    pub insert: Option<String>,
    pub edit: Edit,
}

/// The completions at byte `off` (a char boundary of the snapshot's text).
pub fn completion(s: &Snapshot, off: usize) -> Vec<Completion> {
    let text = s.text;
    let an = s.analysis;
    let line = s.line_around(off);
    let prefix = &text[line.start..off];
    let rest = &text[off..line.end];
    let mut items = Vec::new();

    // 第 / 《条例》第 → clause references.
    if let Some(p) = prefix.strip_suffix('第') {
        let start = p.len() + line.start;
        for (i, art) in regulation::articles().iter().enumerate() {
            let label = regulation::article_label(art.number);
            items.push(Completion {
                label: label.clone(),
                kind: CompletionKind::Clause,
                detail: None,
                documentation: art.full_text(),
                sort: format!("{i:03}"),
                filter: label.clone(),
                insert: None,
                edit: Edit {
                    range: start..off,
                    text: label,
                },
            });
        }
        return items;
    }

    let cur = s.line_of(off);
    let in_table = an
        .tables
        .iter()
        .filter(|t| t.present())
        .find(|t| s.line_of(t.range.start) <= cur && cur <= s.line_of(t.range.end) + 1);
    let trimmed = prefix.trim_start_matches(|c: char| c == '|' || c.is_whitespace());
    let newline = if rest.trim().is_empty() { "" } else { "\n" };
    let edit_range = line.start..off;

    if let Some(t) = in_table {
        if trimmed.contains('|') {
            return items;
        }
        let mut n = 0;
        for r in t.table.all_rows().filter(|r| t.row(&r.id).is_none()) {
            if r.kind == RowKind::Group && t.table.kind != TableKind::Grid {
                continue;
            }
            let Some(md) = crate::template::row_markdown(t.format, t.id, &r.id) else {
                continue;
            };
            // Data rows before group rows; standard order within each.
            let rank = if r.kind == RowKind::Data { 0 } else { 1 };
            items.push(Completion {
                label: r.label.clone(),
                kind: CompletionKind::Row,
                detail: Some(format!("{}缺少的行", table_name(t.id))),
                documentation: r.help.clone(),
                sort: format!("{rank}{n:03}"),
                filter: format!("{}{}", prefix, r.label),
                insert: Some(md.clone()),
                edit: Edit {
                    range: edit_range.clone(),
                    text: format!("{md}{newline}"),
                },
            });
            n += 1;
        }
        items.sort_by(|x, y| x.sort.cmp(&y.sort));
        return items;
    }

    // Start of a line outside tables: missing part headings, then whole tables.
    if prefix.trim_start_matches(['#', ' ', '\t']).is_empty() {
        let f = an.format;
        let md = an
            .parts
            .first()
            .and_then(|p| {
                let ls = s.line_start(s.line_of(p.heading.start));
                let hashes = text[ls..p.heading.start].trim_end();
                (hashes.starts_with('#')).then(|| format!("{hashes} "))
            })
            .unwrap_or_default();
        for (i, p) in f.parts.iter().enumerate() {
            if an.part(p.number).is_some() {
                continue;
            }
            let heading = format!("{md}{}", f.heading(p));
            items.push(Completion {
                label: f.heading(p),
                kind: CompletionKind::Part,
                detail: Some("缺少的部分标题".into()),
                documentation: format!("{}\n\n依据：《条例》{}", p.guide, p.basis),
                sort: format!("0{i:03}"),
                filter: format!("{prefix}{}", f.heading(p)),
                insert: None,
                edit: Edit {
                    range: edit_range.clone(),
                    text: format!("{heading}{newline}"),
                },
            });
        }
        let tf = an.draft_format().unwrap_or(f);
        for (i, (id, name)) in TABLE_NAMES.iter().enumerate() {
            let Some(md) = crate::template::table_markdown(tf, id) else {
                continue;
            };
            let label = name.chars().take(2).collect::<String>();
            items.push(Completion {
                label: label.clone(),
                kind: CompletionKind::Table,
                detail: Some(format!("插入{name}（{}）", tf.short)),
                documentation: tf.table(id).map_or(String::new(), |t| t.title.clone()),
                sort: format!("1{i:03}"),
                filter: format!("{prefix}{label}"),
                insert: None,
                edit: Edit {
                    range: edit_range.clone(),
                    text: format!("{md}{newline}"),
                },
            });
        }
    }
    items
}
