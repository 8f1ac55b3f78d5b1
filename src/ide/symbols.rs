//! The outline: the title, the six parts and the tables inside them.

use super::Snapshot;
use crate::check::rules::table_name;
use crate::check::tables::ReadTable;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    Title,
    Part,
    Table,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub kind: SymbolKind,
    pub range: Range<usize>,
    /// The range shown when the symbol is picked (a heading, a table's first label).
    pub selection: Range<usize>,
    pub children: Vec<Symbol>,
}

fn table_symbol(t: &ReadTable) -> Symbol {
    Symbol {
        name: table_name(t.id).to_string(),
        kind: SymbolKind::Table,
        range: t.range.clone(),
        selection: t.first_label.clone().unwrap_or(t.range.clone()),
        children: Vec::new(),
    }
}

pub fn symbols(s: &Snapshot) -> Vec<Symbol> {
    let an = s.analysis;
    let mut out = Vec::new();
    if let Some(t) = &an.title {
        out.push(Symbol {
            name: s.text[t.clone()].trim().to_string(),
            kind: SymbolKind::Title,
            range: t.clone(),
            selection: t.clone(),
            children: Vec::new(),
        });
    }
    let tables: Vec<&ReadTable> = an.tables.iter().filter(|t| t.present()).collect();
    let mut placed = vec![false; tables.len()];
    for p in &an.parts {
        let mut children = Vec::new();
        for (i, t) in tables.iter().enumerate() {
            if !placed[i]
                && p.body.start <= t.range.start
                && t.range.start < p.body.end.max(p.body.start + 1)
            {
                placed[i] = true;
                children.push(table_symbol(t));
            }
        }
        out.push(Symbol {
            name: s.text[p.heading.clone()].trim().to_string(),
            kind: SymbolKind::Part,
            range: p.heading.start..p.body.end.max(p.heading.end),
            selection: p.heading.clone(),
            children,
        });
    }
    for (i, t) in tables.iter().enumerate() {
        if !placed[i] {
            out.push(table_symbol(t));
        }
    }
    out
}
