//! Reading saved web pages (`.html`/`.htm`): the article's paragraphs and tables, without the
//! site's chrome.
//!
//! Steps: decode the bytes (BOM, then a `<meta>` charset in the first 4 KB, then UTF-8 if valid,
//! else GB18030); parse with html5ever into a small arena (bounded: too many nodes or too deep
//! a nesting is [`ErrorKind::TooBig`]); drop what is never content (scripts, navigation) and
//! what is hidden or marked as site chrome (header, footer, menus, by tag or by class/id)
//! unless it holds half of the page; pick the main article container if one clearly holds the
//! page's text and report tables; then walk it, turning block elements into paragraphs and
//! `<table>`s into full grids. One-column and one-row tables, and tables whose cells hold whole
//! articles, are layout: they are read through.

use super::{
    Block, Cell, Document, ErrorKind, InputError, MAX_EXPANDED_BYTES, Source, Table, join_lines,
};
use encoding_rs::Encoding;
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, LocalName, ParseOpts, QualName, ns, parse_document};
use std::borrow::Cow;
use std::cell::{Cell as Flag, RefCell};
use std::rc::Rc;

#[cfg(test)]
mod tests;

/// How far into the file a `<meta>` charset declaration is looked for.
const SNIFF_BYTES: usize = 4096;
/// Most DOM nodes a page may have (a 50-page report page has some 20,000); past it the page is
/// refused, which also stops html5ever's quadratic cases (re-opened formatting elements).
const MAX_NODES: usize = 1 << 20;
/// A page nesting elements deeper than this is refused: html5ever's scope checks walk the stack
/// of open elements, so time grows with depth times tags (Chrome stops nesting at 512 too).
const MAX_PARSE_DEPTH: u32 = 512;
/// Elements nested deeper than this are flattened to their text (keeps every later pass's
/// recursion shallow; browsers cap the depth too).
const MAX_DEPTH: usize = 256;
/// Widest table grid: columns past it (an absurd `colspan`) are dropped.
const MAX_COLS: usize = 64;
/// Most grid positions of all tables of a page together.
const MAX_CELLS: usize = 1 << 20;
/// Input is fed to the parser in pieces of this size, checking the node budget in between.
const CHUNK: usize = 8 * 1024;

/// Decode a saved web page into a [`Document`].
pub fn read(bytes: &[u8]) -> Result<Document, InputError> {
    let text = decode(bytes);
    let mut nodes = parse(&text)?;
    drop(text);
    flatten_deep(&mut nodes);
    let an = Analysis::new(&nodes);
    let root = an.main_container();
    let title = an.rescued_title(root);
    let mut ex = Extractor::new(&nodes, &an);
    if let Some((id, level)) = title {
        ex.title(id, level);
    }
    ex.node(root);
    ex.flush();
    ex.finish()
}

fn too_big(detail: &str) -> InputError {
    InputError::new(ErrorKind::TooBig, detail)
}

// ---------------------------------------------------------------------------------------------
// Encoding

/// Bytes to text: a BOM decides; then valid UTF-8 is UTF-8 (a page re-saved as UTF-8 often
/// keeps its old GBK declaration, and legacy Chinese text is practically never valid UTF-8);
/// then the declared charset; then GB18030. Malformed sequences become U+FFFD.
fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return s.to_owned();
    }
    let enc = match declared_charset(&bytes[..bytes.len().min(SNIFF_BYTES)]) {
        // The GBK decoder is GB18030's; UTF-16 cannot be declared in ASCII-readable bytes; the
        // "replacement" labels are legacy ISO-2022 encodings (Chinese ones, on these sites).
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => encoding_rs::UTF_8,
        Some(e) if e == encoding_rs::REPLACEMENT || e == encoding_rs::GBK => encoding_rs::GB18030,
        Some(e) if e == encoding_rs::X_USER_DEFINED => encoding_rs::WINDOWS_1252,
        Some(e) => e,
        None => encoding_rs::GB18030,
    };
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// The charset a page declares in its first bytes: `<meta charset=…>`, `<meta
/// http-equiv="Content-Type" content="…; charset=…">` or an XML declaration's `encoding=`.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    if lower.starts_with(b"<?xml") {
        let end = find(&lower, 0, b"?>").unwrap_or(lower.len());
        if let Some(e) = value_after(&lower[..end], b"encoding") {
            return Some(e);
        }
    }
    let mut at = 0;
    while let Some(i) = find(&lower, at, b"<meta") {
        let end = find(&lower, i, b">").unwrap_or(lower.len());
        if let Some(e) = value_after(&lower[i..end], b"charset") {
            return Some(e);
        }
        at = end;
    }
    None
}

/// The encoding named by `key = value` inside `tag` (quotes optional).
fn value_after(tag: &[u8], key: &[u8]) -> Option<&'static Encoding> {
    let mut at = 0;
    while let Some(i) = find(tag, at, key) {
        at = i + key.len();
        let rest = &tag[at..];
        let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = &rest[rest
            .iter()
            .take_while(|b| b.is_ascii_whitespace() || **b == b'"' || **b == b'\'')
            .count()..];
        let n = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
            .count();
        if let Some(e) = Encoding::for_label(&rest[..n]) {
            return Some(e);
        }
    }
    None
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

// ---------------------------------------------------------------------------------------------
// DOM: an arena built by html5ever through `TreeSink`.

type Id = u32;
const NONE: Id = Id::MAX;
/// The document node.
const DOC: Id = 0;
/// The one handle of every comment and processing instruction: never attached.
const COMMENT: Id = 1;

struct Node {
    parent: Id,
    /// Depth when attached (not updated when an ancestor moves: a guard, not a fact).
    depth: u32,
    children: Vec<Id>,
    data: Data,
}

enum Data {
    Document,
    Element(Box<Elem>),
    Text(String),
    /// Comments, template contents: never part of the tree that is read.
    Detached,
}

struct Elem {
    tag: Tag,
    /// Lower-cased `class` and `id`, for recognising chrome and content containers.
    marks: Box<str>,
    rowspan: u32,
    colspan: u32,
    /// `hidden`, `display:none` or `visibility:hidden`.
    hidden: bool,
}

/// What an element means for reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    /// Never content: scripts, styles, navigation, form controls, embedded documents.
    Hard,
    /// Site chrome unless it holds most of the page (`header`, `footer`, `aside`, `form`).
    Soft,
    /// A block that starts and ends paragraphs.
    Block,
    /// `article`/`main`: a block and a candidate main container.
    Article,
    Heading(u8),
    Pre,
    Br,
    /// Replaced or empty elements without text (`img`, `hr` is a Block).
    Void,
    Inline,
    Table,
    Caption,
    /// `thead`, `tbody`, `tfoot`.
    Group,
    Tr,
    /// `td`, `th`.
    Cell,
}

impl Tag {
    fn of(name: &QualName) -> Tag {
        if name.ns != ns!(html) {
            return if &*name.local == "svg" {
                Tag::Hard
            } else {
                Tag::Inline
            };
        }
        match &*name.local {
            "script" | "style" | "noscript" | "template" | "head" | "title" | "meta" | "link"
            | "base" | "nav" | "select" | "option" | "optgroup" | "datalist" | "button"
            | "input" | "textarea" | "iframe" | "frame" | "frameset" | "noframes" | "object"
            | "embed" | "param" | "applet" | "canvas" | "audio" | "video" | "source" | "track"
            | "map" | "area" | "dialog" | "colgroup" | "col" | "svg" => Tag::Hard,
            "header" | "footer" | "aside" | "form" => Tag::Soft,
            "article" | "main" => Tag::Article,
            "h1" => Tag::Heading(1),
            "h2" => Tag::Heading(2),
            "h3" => Tag::Heading(3),
            "h4" => Tag::Heading(4),
            "h5" => Tag::Heading(5),
            "h6" => Tag::Heading(6),
            "pre" | "listing" | "xmp" | "plaintext" => Tag::Pre,
            "br" => Tag::Br,
            "img" | "wbr" | "image" => Tag::Void,
            "table" => Tag::Table,
            "caption" => Tag::Caption,
            "thead" | "tbody" | "tfoot" => Tag::Group,
            "tr" => Tag::Tr,
            "td" | "th" => Tag::Cell,
            "address" | "blockquote" | "body" | "center" | "dd" | "details" | "dir" | "div"
            | "dl" | "dt" | "fieldset" | "figcaption" | "figure" | "hgroup" | "hr" | "html"
            | "legend" | "li" | "menu" | "ol" | "p" | "section" | "summary" | "ul" => Tag::Block,
            _ => Tag::Inline,
        }
    }

    /// Starts and ends a paragraph.
    fn is_block(self) -> bool {
        !matches!(self, Tag::Inline | Tag::Br | Tag::Void)
    }
}

impl Elem {
    fn new(name: &QualName, attrs: &[Attribute]) -> Elem {
        let tag = Tag::of(name);
        let mut e = Elem {
            tag,
            marks: Box::from(""),
            rowspan: 1,
            colspan: 1,
            hidden: false,
        };
        let mut marks = String::new();
        for a in attrs {
            if a.name.ns != ns!() {
                continue;
            }
            match &*a.name.local {
                "class" | "id" => {
                    marks.push_str(&a.value.to_ascii_lowercase());
                    marks.push(' ');
                }
                "hidden" => e.hidden = true,
                "style" if has_ci(&a.value, "none") || has_ci(&a.value, "hidden") => {
                    let s: String = a
                        .value
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .map(|c| c.to_ascii_lowercase())
                        .collect();
                    e.hidden |= s.contains("display:none") || s.contains("visibility:hidden");
                }
                "rowspan" if tag == Tag::Cell => e.rowspan = span(&a.value, 1),
                "colspan" if tag == Tag::Cell => e.colspan = span(&a.value, 1).max(1),
                _ => {}
            }
        }
        e.marks = marks.into_boxed_str();
        e
    }
}

/// `hay` contains `needle` (lower-case ASCII), ignoring ASCII case.
fn has_ci(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// An HTML non-negative integer (leading digits after whitespace), `default` if none.
fn span(v: &str, default: u32) -> u32 {
    let v = v.trim_start();
    let digits = v.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return default;
    }
    // More than 9 digits is absurd either way: the grid clamps it.
    v[..digits.min(9)].parse().unwrap_or(default)
}

/// A node as the parser holds it: its index in the arena and, for an element, its name, so
/// that the parser's many name look-ups (scope checks walk the stack of open elements) touch
/// neither the arena nor its `RefCell`.
#[derive(Clone)]
struct Handle {
    id: Id,
    name: Option<Rc<QualName>>,
}

impl Handle {
    fn node(id: Id) -> Handle {
        Handle { id, name: None }
    }
}

/// Elements created once the node budget is spent get ids from here up: never stored (the
/// page is refused after the current chunk), distinct so that the parser still works.
const GHOST_IDS: Id = 1 << 31;

struct Sink {
    nodes: RefCell<Vec<Node>>,
    next_ghost: Flag<Id>,
    /// The name answered for a handle without one (the parser asks only about elements).
    no_name: QualName,
    /// Why the page is refused, once it is.
    over: Rc<Flag<Option<&'static str>>>,
}

const TOO_MANY_NODES: &str = "网页元素过多";
const TOO_DEEP: &str = "网页元素嵌套过深";

impl Sink {
    fn new(over: Rc<Flag<Option<&'static str>>>) -> Sink {
        let detached = || Node {
            parent: NONE,
            depth: 0,
            children: Vec::new(),
            data: Data::Detached,
        };
        let mut doc = detached();
        doc.data = Data::Document;
        Sink {
            nodes: RefCell::new(vec![doc, detached()]),
            next_ghost: Flag::new(GHOST_IDS),
            no_name: QualName::new(None, ns!(html), LocalName::from("span")),
            over,
        }
    }

    /// A stored node that may hold children: the document or an element.
    fn accepts(nodes: &[Node], id: Id) -> bool {
        matches!(
            nodes.get(id as usize).map(|n| &n.data),
            Some(Data::Document | Data::Element(_))
        )
    }

    fn push(nodes: &mut Vec<Node>, data: Data) -> Id {
        let id = nodes.len() as Id;
        nodes.push(Node {
            parent: NONE,
            depth: 0,
            children: Vec::new(),
            data,
        });
        id
    }

    fn ghost(&self) -> Id {
        let g = self.next_ghost.get();
        self.next_ghost
            .set(if g >= NONE - 1 { GHOST_IDS } else { g + 1 });
        g
    }

    fn parent(nodes: &[Node], id: Id) -> Id {
        nodes.get(id as usize).map_or(NONE, |n| n.parent)
    }

    fn detach(nodes: &mut [Node], id: Id) {
        let p = Sink::parent(nodes, id);
        if p != NONE {
            let ch = &mut nodes[p as usize].children;
            if let Some(i) = ch.iter().rposition(|&c| c == id) {
                ch.remove(i);
            }
            nodes[id as usize].parent = NONE;
        }
    }

    /// Set `child`'s parent (the caller puts it in the parent's children).
    fn attach(&self, nodes: &mut [Node], child: Id, parent: Id) {
        let depth = nodes[parent as usize].depth + 1;
        if depth > MAX_PARSE_DEPTH {
            self.over.set(Some(TOO_DEEP));
        }
        nodes[child as usize].parent = parent;
        nodes[child as usize].depth = depth;
    }

    /// A text node for `t`, or `None` when the budget is spent.
    fn text_node(&self, nodes: &mut Vec<Node>, t: &str) -> Option<Id> {
        if nodes.len() >= MAX_NODES {
            self.over.set(Some(TOO_MANY_NODES));
            return None;
        }
        Some(Sink::push(nodes, Data::Text(t.to_owned())))
    }
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Vec<Node>;
    type ElemName<'a> = &'a QualName;

    fn finish(self) -> Vec<Node> {
        self.nodes.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        Handle::node(DOC)
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> &'a QualName {
        target.name.as_deref().unwrap_or(&self.no_name)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let mut nodes = self.nodes.borrow_mut();
        let id = if nodes.len() + 2 > MAX_NODES {
            self.over.set(Some(TOO_MANY_NODES));
            self.ghost()
        } else {
            let id = Sink::push(
                &mut nodes,
                Data::Element(Box::new(Elem::new(&name, &attrs))),
            );
            if flags.template {
                Sink::push(&mut nodes, Data::Detached); // its contents, never read
            }
            id
        };
        Handle {
            id,
            name: Some(Rc::new(name)),
        }
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        Handle::node(COMMENT)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        Handle::node(COMMENT)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        let nodes = &mut *self.nodes.borrow_mut();
        let parent = parent.id;
        if !Sink::accepts(nodes, parent) {
            return;
        }
        match child {
            NodeOrText::AppendText(t) => {
                if let Some(&last) = nodes[parent as usize].children.last()
                    && let Data::Text(s) = &mut nodes[last as usize].data
                {
                    s.push_str(&t);
                } else if let Some(id) = self.text_node(nodes, &t) {
                    self.attach(nodes, id, parent);
                    nodes[parent as usize].children.push(id);
                }
            }
            NodeOrText::AppendNode(c) => {
                let c = c.id;
                if !Sink::accepts(nodes, c) || c == DOC || c == parent {
                    return;
                }
                Sink::detach(nodes, c);
                self.attach(nodes, c, parent);
                nodes[parent as usize].children.push(c);
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev: &Handle,
        child: NodeOrText<Handle>,
    ) {
        let has_parent = Sink::parent(&self.nodes.borrow(), element.id) != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &Handle) -> Handle {
        // `create_element` put the contents right after the template.
        let nodes = self.nodes.borrow();
        let id = target.id.wrapping_add(1);
        match nodes.get(id as usize) {
            Some(n) if (target.id as usize) < nodes.len() && matches!(n.data, Data::Detached) => {
                Handle::node(id)
            }
            _ => Handle::node(self.ghost()),
        }
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id == y.id
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, new: NodeOrText<Handle>) {
        let nodes = &mut *self.nodes.borrow_mut();
        let sibling = sibling.id;
        let parent = Sink::parent(nodes, sibling);
        if !Sink::accepts(nodes, parent) {
            return;
        }
        let pos = |nodes: &[Node]| {
            nodes[parent as usize]
                .children
                .iter()
                .rposition(|&c| c == sibling)
        };
        match new {
            NodeOrText::AppendText(t) => {
                let Some(i) = pos(nodes) else { return };
                if i > 0 {
                    let prev = nodes[parent as usize].children[i - 1];
                    if let Data::Text(s) = &mut nodes[prev as usize].data {
                        s.push_str(&t);
                        return;
                    }
                }
                if let Some(id) = self.text_node(nodes, &t) {
                    self.attach(nodes, id, parent);
                    nodes[parent as usize].children.insert(i, id);
                }
            }
            NodeOrText::AppendNode(n) => {
                let n = n.id;
                if !Sink::accepts(nodes, n) || n == DOC || n == parent || n == sibling {
                    return;
                }
                Sink::detach(nodes, n);
                let Some(i) = pos(nodes) else { return };
                self.attach(nodes, n, parent);
                nodes[parent as usize].children.insert(i, n);
            }
        }
    }

    fn add_attrs_if_missing(&self, _target: &Handle, _attrs: Vec<Attribute>) {}

    fn remove_from_parent(&self, target: &Handle) {
        Sink::detach(&mut self.nodes.borrow_mut(), target.id);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let nodes = &mut *self.nodes.borrow_mut();
        let (node, new_parent) = (node.id, new_parent.id);
        if node == new_parent || node as usize >= nodes.len() {
            return;
        }
        let moved = std::mem::take(&mut nodes[node as usize].children);
        if !Sink::accepts(nodes, new_parent) {
            for c in moved {
                nodes[c as usize].parent = NONE;
            }
            return;
        }
        for &c in &moved {
            self.attach(nodes, c, new_parent);
        }
        nodes[new_parent as usize].children.extend(moved);
    }
}

/// Parse the page into the arena, in chunks, refusing it once the node budget is spent.
fn parse(text: &str) -> Result<Vec<Node>, InputError> {
    let over = Rc::new(Flag::new(None));
    let mut parser = parse_document(Sink::new(Rc::clone(&over)), ParseOpts::default());
    let mut start = 0;
    while start < text.len() {
        let mut end = text.floor_char_boundary((start + CHUNK).min(text.len()));
        if end == start {
            end = text.ceil_char_boundary(start + 1);
        }
        parser.process(StrTendril::from_slice(&text[start..end]));
        if let Some(why) = over.get() {
            return Err(too_big(why));
        }
        start = end;
    }
    let nodes = parser.finish();
    if let Some(why) = over.get() {
        return Err(too_big(why));
    }
    Ok(nodes)
}

/// Replace the subtree of every element nested [`MAX_DEPTH`] deep by its text, so that the
/// recursive passes below stay shallow. Iterative: the tree may be arbitrarily deep here.
fn flatten_deep(nodes: &mut Vec<Node>) {
    let mut stack = vec![(DOC, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        if depth < MAX_DEPTH {
            stack.extend(nodes[id as usize].children.iter().map(|&c| (c, depth + 1)));
            continue;
        }
        if nodes[id as usize].children.is_empty() {
            continue;
        }
        let mut text = String::new();
        let mut todo: Vec<Id> = nodes[id as usize].children.iter().rev().copied().collect();
        while let Some(x) = todo.pop() {
            match &nodes[x as usize].data {
                Data::Text(s) => text.push_str(s),
                Data::Element(e) if e.tag == Tag::Hard => {}
                _ => todo.extend(nodes[x as usize].children.iter().rev().copied()),
            }
        }
        let t = Sink::push(nodes, Data::Text(text));
        nodes[t as usize].parent = id;
        nodes[id as usize].children = vec![t];
    }
}

// ---------------------------------------------------------------------------------------------
// Analysis: what is chrome, how much text each subtree holds, which element is the article.

/// Substrings of a class or id that mark site chrome.
const CHROME: &[&str] = &[
    "nav",
    "menu",
    "header",
    "foot",
    "breadcrumb",
    "crumb",
    "share",
    "sidebar",
    "side-bar",
    "copyright",
    "toolbar",
    "topbar",
    "login",
    "search",
    "banner",
    "location",
];

/// Substrings of a class or id that mark the article container of government CMSs.
const CONTENT: &[&str] = &[
    "content",
    "article",
    "zoom",
    "trs_editor",
    "custom_unionstyle",
    "view",
    "detail",
    "main",
    "zhengwen",
    "wenzhang",
];

/// Substrings of a class or id that mark an article's title (标题 in pinyin too).
const TITLE: &[&str] = &["title", "biaoti"];

/// The subtree holds a heading element.
const HAS_HEADING: u8 = 1;
/// The subtree holds a table of at least three rows and two columns.
const HAS_BIG_TABLE: u8 = 2;
/// The subtree holds the report's title (a heading or `title` element naming a 报告).
const HAS_TITLE: u8 = 4;

/// A cell holding more visible characters than this is a page region, not a table value.
const LAYOUT_CELL_CHARS: u32 = 300;
/// A cell holding this many block elements is a page region too.
const LAYOUT_CELL_BLOCKS: u32 = 10;

#[derive(Clone, Copy, Default)]
struct Stat {
    /// Visible non-space characters.
    len: u32,
    /// Report-like tables (see [`Analysis::is_report_table`]), the element itself included.
    report_tables: u32,
    /// Block elements.
    blocks: u32,
    flags: u8,
}

struct Analysis<'a> {
    nodes: &'a [Node],
    /// Not read, with all its subtree.
    dropped: Vec<bool>,
    stats: Vec<Stat>,
}

impl<'a> Analysis<'a> {
    fn new(nodes: &'a [Node]) -> Analysis<'a> {
        let mut an = Analysis {
            nodes,
            dropped: vec![false; nodes.len()],
            stats: vec![Stat::default(); nodes.len()],
        };
        an.measure(DOC);
        let total = an.stats[DOC as usize].len;
        an.drop_chrome(DOC, total);
        an.measure(DOC);
        an
    }

    fn elem(&self, id: Id) -> Option<&'a Elem> {
        match &self.nodes[id as usize].data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    fn tag(&self, id: Id) -> Option<Tag> {
        self.elem(id).map(|e| e.tag)
    }

    fn children(&self, id: Id) -> &'a [Id] {
        &self.nodes[id as usize].children
    }

    /// Fill `stats` bottom-up; marks never-content elements dropped.
    fn measure(&mut self, id: Id) -> Stat {
        let mut st = Stat::default();
        match &self.nodes[id as usize].data {
            Data::Text(s) => {
                st.len = s.chars().filter(|c| !is_space(*c)).count() as u32;
            }
            Data::Document => {
                for &c in self.children(id) {
                    add(&mut st, self.measure(c));
                }
            }
            Data::Element(e) => {
                if e.tag == Tag::Hard || self.dropped[id as usize] {
                    self.dropped[id as usize] = true;
                    self.stats[id as usize] = st;
                    return st;
                }
                for &c in self.children(id) {
                    add(&mut st, self.measure(c));
                }
                match e.tag {
                    Tag::Heading(_) => st.flags |= HAS_HEADING,
                    Tag::Table => {
                        let rows = self.table_rows(id);
                        let cols = rows
                            .iter()
                            .map(|&r| self.row_cells(r).count())
                            .max()
                            .unwrap_or(0);
                        if rows.len() >= 3 && cols >= 2 {
                            st.flags |= HAS_BIG_TABLE;
                        }
                        if self.is_report_table(&rows, cols) {
                            st.report_tables += 1;
                        }
                    }
                    _ => {}
                }
                if matches!(
                    e.tag,
                    Tag::Block | Tag::Article | Tag::Soft | Tag::Heading(_) | Tag::Pre
                ) {
                    st.blocks += 1;
                }
                let titled =
                    matches!(e.tag, Tag::Heading(_)) || TITLE.iter().any(|m| e.marks.contains(m));
                if titled && (4..=150).contains(&st.len) {
                    let t = self.text_of(id);
                    if t.contains("报告") || t.contains("年报") {
                        st.flags |= HAS_TITLE;
                    }
                }
            }
            Data::Detached => {}
        }
        self.stats[id as usize] = st;
        st
    }

    /// A table shaped like a report's statistics table: three rows and three columns or more,
    /// numbers in some cells, a Chinese label in one (not a calendar), no page regions in its
    /// cells.
    fn is_report_table(&self, rows: &[Id], cols: usize) -> bool {
        if rows.len() < 3 || cols < 3 {
            return false;
        }
        let (mut numbers, mut label) = (0, false);
        for &r in rows {
            for c in self.row_cells(r) {
                if self.is_region(c) {
                    return false;
                }
                let len = self.stats[c as usize].len;
                if len == 0 || (len > 12 && label) {
                    continue;
                }
                let t = self.text_of(c);
                let t = t.trim_matches(is_space);
                if t.bytes().all(|b| b.is_ascii_digit()) {
                    numbers += 1;
                } else if t.chars().filter(|&ch| super::is_wide(ch)).count() >= 4 {
                    label = true;
                }
            }
        }
        numbers >= 2 && label
    }

    /// A table cell that holds a page region (an article, a heading, a big table), not a value.
    fn is_region(&self, cell: Id) -> bool {
        let s = self.stats[cell as usize];
        s.flags & (HAS_HEADING | HAS_BIG_TABLE) != 0
            || s.len > LAYOUT_CELL_CHARS
            || s.blocks >= LAYOUT_CELL_BLOCKS
    }

    /// Drop soft chrome (by tag or class/id) and hidden elements top-down, unless they hold half
    /// of the page's text (a wrapper such as an ASP.NET `<form>`, a `<body>` hidden until a
    /// script shows it); chrome holding the report's title is kept too.
    fn drop_chrome(&mut self, id: Id, total: u32) {
        for &c in self.children(id) {
            let Some(e) = self.elem(c) else { continue };
            if self.dropped[c as usize] {
                continue;
            }
            let table_part = matches!(e.tag, Tag::Group | Tag::Tr | Tag::Cell | Tag::Caption);
            let chrome =
                e.tag == Tag::Soft || (!table_part && CHROME.iter().any(|m| e.marks.contains(m)));
            let s = self.stats[c as usize];
            let small = s.len * 2 < total;
            if small && (e.hidden || (chrome && s.flags & HAS_TITLE == 0)) {
                self.dropped[c as usize] = true;
                continue;
            }
            self.drop_chrome(c, total);
        }
    }

    /// Rows of a table in document order (`thead`/`tbody`/`tfoot` and direct rows).
    fn table_rows(&self, table: Id) -> Vec<Id> {
        let mut rows = Vec::new();
        for &c in self.children(table) {
            if self.dropped[c as usize] {
                continue;
            }
            match self.tag(c) {
                Some(Tag::Tr) => rows.push(c),
                Some(Tag::Group) => rows.extend(
                    self.children(c)
                        .iter()
                        .copied()
                        .filter(|&r| self.tag(r) == Some(Tag::Tr) && !self.dropped[r as usize]),
                ),
                _ => {}
            }
        }
        rows
    }

    fn row_cells(&self, tr: Id) -> impl Iterator<Item = Id> + '_ {
        self.children(tr)
            .iter()
            .copied()
            .filter(|&c| self.tag(c) == Some(Tag::Cell) && !self.dropped[c as usize])
    }

    /// The visible text of a subtree, concatenated (for short subtrees: titles, numbers).
    fn text_of(&self, id: Id) -> String {
        let mut out = String::new();
        self.collect_text(id, &mut out);
        out
    }

    fn collect_text(&self, id: Id, out: &mut String) {
        match &self.nodes[id as usize].data {
            Data::Text(s) => out.push_str(s),
            Data::Element(e) if e.tag == Tag::Hard || e.hidden || self.dropped[id as usize] => {}
            _ => {
                for &c in self.children(id) {
                    self.collect_text(c, out);
                }
            }
        }
    }

    /// The article container: the smallest `article`/`main` or content-marked element that holds
    /// at least 60 % of the page's text and every report table (but the ones around it), or the
    /// whole document.
    fn main_container(&self) -> Id {
        let total = self.stats[DOC as usize];
        if total.len == 0 {
            return DOC;
        }
        let mut best: Option<(u32, Id)> = None;
        self.find_container(DOC, 0, total, &mut best);
        best.map_or(DOC, |(_, id)| id)
    }

    fn find_container(
        &self,
        id: Id,
        tables_around: u32,
        total: Stat,
        best: &mut Option<(u32, Id)>,
    ) {
        for &c in self.children(id) {
            let Some(e) = self.elem(c) else { continue };
            let s = self.stats[c as usize];
            if self.dropped[c as usize] || (s.len as u64) * 10 < (total.len as u64) * 6 {
                continue;
            }
            let candidate = e.tag == Tag::Article || CONTENT.iter().any(|m| e.marks.contains(m));
            // Deeper wins ties: the traversal visits descendants after their ancestors.
            if candidate
                && s.report_tables + tables_around == total.report_tables
                && best.is_none_or(|(len, _)| s.len <= len)
            {
                *best = Some((s.len, c));
            }
            let around = tables_around + u32::from(s.report_tables > 0 && self.own_report_table(c));
            self.find_container(c, around, total, best);
        }
    }

    /// `id` is itself a report table (not only an ancestor of one).
    fn own_report_table(&self, id: Id) -> bool {
        let inside: u32 = self
            .children(id)
            .iter()
            .map(|&c| self.stats[c as usize].report_tables)
            .sum();
        self.stats[id as usize].report_tables > inside
    }

    /// The report title to read before the chosen container when the container has none: the
    /// last title-like element before it in document order.
    fn rescued_title(&self, root: Id) -> Option<(Id, u8)> {
        if root == DOC || self.stats[root as usize].flags & HAS_TITLE != 0 {
            return None;
        }
        let mut found = None;
        self.find_title(DOC, root, &mut found);
        found
    }

    /// Pre-order search; returns true once `root` is reached (stop).
    fn find_title(&self, id: Id, root: Id, found: &mut Option<(Id, u8)>) -> bool {
        for &c in self.children(id) {
            if c == root {
                return true;
            }
            if self.dropped[c as usize] || self.stats[c as usize].flags & HAS_TITLE == 0 {
                if self.contains(c, root) {
                    return self.find_title(c, root, found);
                }
                continue;
            }
            let Some(e) = self.elem(c) else { continue };
            let own = matches!(e.tag, Tag::Heading(_)) || TITLE.iter().any(|m| e.marks.contains(m));
            let inner_title = self
                .children(c)
                .iter()
                .any(|&g| self.stats[g as usize].flags & HAS_TITLE != 0);
            if own && !inner_title {
                let level = match e.tag {
                    Tag::Heading(l) => l,
                    _ => 1,
                };
                *found = Some((c, level));
                if self.contains(c, root) {
                    return self.find_title(c, root, found);
                }
            } else if self.find_title(c, root, found) {
                return true;
            }
        }
        false
    }

    fn contains(&self, ancestor: Id, mut id: Id) -> bool {
        while id != NONE {
            if id == ancestor {
                return true;
            }
            id = self.nodes[id as usize].parent;
        }
        false
    }
}

fn add(a: &mut Stat, b: Stat) {
    a.len += b.len;
    a.report_tables += b.report_tables;
    a.blocks += b.blocks;
    a.flags |= b.flags;
}

/// Collapsible white space, `&nbsp;` included (it reads as a space in a report).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c' | '\u{a0}')
}

// ---------------------------------------------------------------------------------------------
// Extraction: blocks in reading order.

/// White space seen since the last character written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gap {
    None,
    /// Spaces or tabs only.
    Space,
    /// A line break in the source (with spaces or not): dropped next to a CJK character (CSS
    /// drops it between two; a report wraps `2023\n年` without meaning a space either).
    Break,
    /// A non-breaking space: always a space.
    Hard,
}

/// A grid position while a table is laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Empty,
    /// A cell starts here, spanning this many rows.
    Origin(Id, u32),
    Covered,
}

struct Extractor<'a> {
    nodes: &'a [Node],
    an: &'a Analysis<'a>,
    blocks: Vec<Block>,
    /// Paragraphs and headings emitted.
    paragraphs: usize,
    /// Tables numbered.
    tables: usize,
    /// The paragraph being built.
    buf: String,
    gap: Gap,
    heading: Option<u8>,
    pre: u32,
    /// Lines of the table cells being read (innermost last).
    cells: Vec<Vec<String>>,
    /// Text bytes and grid positions emitted, against the caps.
    bytes: u64,
    grid_cells: usize,
    error: Option<InputError>,
}

impl<'a> Extractor<'a> {
    fn new(nodes: &'a [Node], an: &'a Analysis<'a>) -> Extractor<'a> {
        Extractor {
            nodes,
            an,
            blocks: Vec::new(),
            paragraphs: 0,
            tables: 0,
            buf: String::new(),
            gap: Gap::None,
            heading: None,
            pre: 0,
            cells: Vec::new(),
            bytes: 0,
            grid_cells: 0,
            error: None,
        }
    }

    fn finish(self) -> Result<Document, InputError> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(Document {
                blocks: self.blocks,
            }),
        }
    }

    /// Read `id` (found outside the article container) as a heading of `level`.
    fn title(&mut self, id: Id, level: u8) {
        self.flush();
        let old = self.heading.replace(level);
        self.node(id);
        self.flush();
        self.heading = old;
    }

    fn node(&mut self, id: Id) {
        if self.error.is_some() {
            return;
        }
        match &self.nodes[id as usize].data {
            Data::Text(s) => self.text(s),
            Data::Document => self.children(id),
            Data::Detached => {}
            Data::Element(e) => {
                if self.an.dropped[id as usize] {
                    if e.tag.is_block() {
                        self.flush();
                    }
                    return;
                }
                match e.tag {
                    Tag::Hard | Tag::Void => {}
                    Tag::Br => self.line_break(),
                    Tag::Inline => self.children(id),
                    Tag::Heading(level) => {
                        self.flush();
                        let old = self.heading.replace(level);
                        self.children(id);
                        self.flush();
                        self.heading = old;
                    }
                    Tag::Pre => {
                        self.flush();
                        self.pre += 1;
                        self.children(id);
                        self.flush();
                        self.pre -= 1;
                    }
                    Tag::Table => {
                        self.flush();
                        self.table(id);
                    }
                    Tag::Soft
                    | Tag::Block
                    | Tag::Article
                    | Tag::Caption
                    | Tag::Group
                    | Tag::Tr
                    | Tag::Cell => {
                        self.flush();
                        self.children(id);
                        self.flush();
                    }
                }
            }
        }
    }

    fn children(&mut self, id: Id) {
        for &c in &self.nodes[id as usize].children {
            self.node(c);
        }
    }

    fn text(&mut self, s: &str) {
        if self.pre > 0 {
            for c in s.chars() {
                match c {
                    '\r' => {}
                    '\u{a0}' => self.buf.push(' '),
                    c => self.buf.push(c),
                }
            }
            return;
        }
        for c in s.chars() {
            match c {
                ' ' | '\t' | '\x0c' => {
                    if self.gap == Gap::None {
                        self.gap = Gap::Space;
                    }
                }
                '\n' | '\r' => {
                    if self.gap != Gap::Hard {
                        self.gap = Gap::Break;
                    }
                }
                '\u{a0}' => self.gap = Gap::Hard,
                '\u{200b}' | '\u{feff}' | '\u{ad}' => {}
                c => {
                    if self.gap != Gap::None
                        && let Some(last) = self.buf.chars().next_back()
                        && last != '\n'
                        && !(self.gap == Gap::Break && (super::is_wide(last) || super::is_wide(c)))
                    {
                        self.buf.push(' ');
                    }
                    self.gap = Gap::None;
                    self.buf.push(c);
                }
            }
        }
    }

    fn line_break(&mut self) {
        self.buf.push('\n');
        self.gap = Gap::None;
    }

    /// End the paragraph being built: to the innermost table cell's lines, or as a block.
    fn flush(&mut self) {
        self.gap = Gap::None;
        if self.buf.is_empty() {
            return;
        }
        let lines = self
            .buf
            .split('\n')
            .map(|l| l.trim())
            .filter(|l| !l.is_empty());
        if let Some(cell) = self.cells.last_mut() {
            cell.extend(lines.map(str::to_owned));
        } else {
            let text = lines.collect::<Vec<_>>().join("\n");
            if !text.is_empty() {
                self.paragraphs += 1;
                let at = Source::Paragraph {
                    n: self.paragraphs,
                    page: None,
                };
                self.count(text.len());
                self.blocks.push(match self.heading {
                    Some(level) => Block::Heading { level, text, at },
                    None => Block::Paragraph { text, at },
                });
            }
        }
        self.buf.clear();
    }

    fn count(&mut self, bytes: usize) {
        self.bytes += bytes as u64;
        if self.bytes > MAX_EXPANDED_BYTES && self.error.is_none() {
            self.error = Some(too_big("网页文字过多"));
        }
    }

    fn table(&mut self, id: Id) {
        let an = self.an;
        for &c in an.children(id) {
            if an.tag(c) == Some(Tag::Caption) {
                self.node(c);
            }
        }
        if an.stats[id as usize].len == 0 {
            return; // spacing or decoration only
        }
        let rows = an.table_rows(id);
        if rows.len() > MAX_CELLS {
            self.error = Some(too_big("表格单元格过多"));
            return;
        }
        let Some(grid) = self.grid(&rows) else {
            return;
        };
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        let layout = grid.len() <= 1
            || width <= 1
            || grid.iter().flatten().any(|s| match *s {
                Slot::Origin(c, _) => an.is_region(c),
                _ => false,
            });
        if layout {
            for row in &grid {
                for s in row {
                    if let Slot::Origin(c, _) = *s {
                        self.flush();
                        self.children(c);
                        self.flush();
                    }
                }
            }
            return;
        }

        self.grid_cells += grid.len() * width;
        if self.grid_cells > MAX_CELLS {
            self.error = Some(too_big("表格单元格过多"));
            return;
        }
        // Numbered here, before the tables nested in its cells, which follow it.
        self.tables += 1;
        let number = self.tables;
        let at = self.blocks.len();
        self.blocks.push(Block::Table(Table {
            number,
            rows: Vec::new(),
        }));
        let mut out: Vec<Vec<Cell>> = Vec::with_capacity(grid.len());
        let (heading, pre) = (self.heading.take(), std::mem::take(&mut self.pre));
        for row in &grid {
            let mut cells = vec![Cell::default(); width];
            for (c, s) in row.iter().enumerate() {
                match *s {
                    Slot::Empty => {}
                    Slot::Covered => cells[c].merged = true,
                    Slot::Origin(cell, _) => {
                        self.cells.push(Vec::new());
                        self.children(cell);
                        self.flush();
                        let lines = self.cells.pop().unwrap_or_default();
                        let text = join_lines(lines.iter().map(String::as_str));
                        self.count(text.len());
                        cells[c].text = text;
                    }
                }
            }
            out.push(cells);
        }
        (self.heading, self.pre) = (heading, pre);
        // Rows with nothing in them (Word's column-width rows) are not part of the table.
        let spacer = |r: usize| {
            grid[r].iter().enumerate().all(|(c, s)| match *s {
                Slot::Empty => true,
                Slot::Covered => false,
                Slot::Origin(_, span) => span == 1 && out[r][c].text.is_empty(),
            })
        };
        let keep: Vec<bool> = (0..grid.len()).map(|r| !spacer(r)).collect();
        if keep.iter().any(|&k| k) {
            let mut i = 0;
            out.retain(|_| {
                i += 1;
                keep[i - 1]
            });
        }
        self.blocks[at] = Block::Table(Table { number, rows: out });
    }

    /// Lay the rows' cells out on a grid: spans expanded (a row span clipped at the end of its
    /// `thead`/`tbody`/`tfoot`, `rowspan=0` running to it; a column span at [`MAX_COLS`]),
    /// overlapping cells kept out of each other's positions.
    fn grid(&mut self, rows: &[Id]) -> Option<Vec<Vec<Slot>>> {
        let n = rows.len();
        let mut grid: Vec<Vec<Slot>> = vec![Vec::new(); n];
        // The end of each row's group (rows of a group are adjacent).
        let mut group_end = vec![n; n];
        for r in (0..n.saturating_sub(1)).rev() {
            let parent = |i: usize| self.nodes[rows[i] as usize].parent;
            group_end[r] = if parent(r) == parent(r + 1) {
                group_end[r + 1]
            } else {
                r + 1
            };
        }
        let mut work = 0usize;
        for (r, &tr) in rows.iter().enumerate() {
            let mut c = 0;
            for cell in self.an.row_cells(tr) {
                while grid[r].get(c).is_some_and(|s| *s != Slot::Empty) {
                    c += 1;
                }
                if c >= MAX_COLS {
                    break;
                }
                let e = self.an.elem(cell)?;
                let cols = (e.colspan as usize).clamp(1, MAX_COLS - c);
                let left = group_end[r] - r;
                let span = if e.rowspan == 0 {
                    left
                } else {
                    (e.rowspan as usize).min(left)
                };
                work += span * cols;
                if work > 4 * MAX_CELLS {
                    self.error = Some(too_big("表格单元格过多"));
                    return None;
                }
                for (rr, row) in grid[r..r + span].iter_mut().enumerate() {
                    if row.len() < c + cols {
                        row.resize(c + cols, Slot::Empty);
                    }
                    for (cc, s) in row[c..c + cols].iter_mut().enumerate() {
                        if *s == Slot::Empty {
                            *s = if rr == 0 && cc == 0 {
                                Slot::Origin(cell, span as u32)
                            } else {
                                Slot::Covered
                            };
                        }
                    }
                }
                c += cols;
            }
        }
        Some(grid)
    }
}
