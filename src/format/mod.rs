//! The report formats as data.
//!
//! Each format revision is one JSON file in `src/format/data/` compiled into the binary and
//! parsed once. The checker evaluates the parts, tables, rows, columns and relations it
//! describes generically: a new revision is a new data file, not new code.

use serde::Deserialize;
use std::sync::OnceLock;

pub mod ids;
pub mod phrases;
pub mod places;

/// One national format revision (e.g. the 2019 trial format, the 2021 format).
#[derive(Debug, Deserialize)]
pub struct Format {
    /// Stable id: "2019" or "2021".
    pub id: String,
    /// Full official name, e.g. 《中华人民共和国政府信息公开工作年度报告格式》.
    pub name: String,
    /// The notice that issued it, e.g. 国办公开办函〔2021〕30号.
    pub notice: String,
    /// Short label for status bars, e.g. "2021版格式".
    pub short: String,
    /// First and last report year (inclusive) the format applies to.
    pub years: [u16; 2],
    /// Whether part 六 must state the 信息处理费 collected.
    pub requires_fee_statement: bool,
    pub parts: Vec<Part>,
    pub tables: Vec<Table>,
    pub relations: Vec<Relation>,
    /// How a table of an older format is rewritten in this one (the 转换 code action).
    #[serde(default)]
    pub conversions: Vec<Conversion>,
}

/// Rewriting one table of an older format (`from`) in this format: which of its cells carry
/// over to which rows and columns, which rows have no counterpart, and what the drafter must
/// enter or check by hand.
#[derive(Debug, Deserialize)]
pub struct Conversion {
    /// The older format's id.
    pub from: String,
    pub table: String,
    /// Every row of this format's table takes the older row's cells column by column (the
    /// columns are the same); otherwise only the rows listed here are filled.
    #[serde(default)]
    pub by_column: bool,
    #[serde(default)]
    pub rows: Vec<RowConversion>,
    /// Older rows with no counterpart: the drafter is told when they held a number.
    #[serde(default)]
    pub dropped: Vec<DroppedRow>,
    /// What must be entered or checked by hand, written above the converted table.
    pub note: String,
}

/// How one row of the converted table is filled.
#[derive(Debug, Deserialize)]
pub struct RowConversion {
    pub row: String,
    /// The older row the cells come from (the same id when absent).
    #[serde(default)]
    pub from: Option<String>,
    /// The cells in order: a column id of the older row, or "" for a blank cell.
    #[serde(default)]
    pub cells: Vec<String>,
    /// Every cell holds this text.
    #[serde(default)]
    pub fill: Option<String>,
    /// The row is left out.
    #[serde(default)]
    pub skip: bool,
}

#[derive(Debug, Deserialize)]
pub struct DroppedRow {
    pub row: String,
    pub columns: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Part {
    /// "p1" … "p6".
    pub id: String,
    /// 1-based position.
    pub number: u8,
    /// The ordinal as printed: "一" … "六".
    pub ordinal: String,
    /// Standard heading without ordinal: "总体情况".
    pub title: String,
    /// Accepted heading variants (without ordinal) that are read as this part with a hint.
    #[serde(default)]
    pub variants: Vec<String>,
    /// Keywords: a short heading line with this part's ordinal that contains one of them is
    /// read as this part (non-standard heading).
    pub keywords: Vec<String>,
    /// Articles the part rests on, e.g. "第五十条第一款第（一）项".
    pub basis: String,
    /// What the part must contain (Chinese, for hover and `new`).
    pub guide: String,
    /// Id of the table this part holds, if any.
    #[serde(default)]
    pub table: Option<String>,
    /// What the part's text should cover, each found by keywords (`missing-content`).
    #[serde(default)]
    pub topics: Vec<Topic>,
}

/// One topic a part should cover: it counts as covered when the folded text of the part (or
/// of the whole report, for `anywhere`) contains one of its keywords. Topics of one part with
/// the same `level` and `reason` are reported together.
#[derive(Debug, Deserialize)]
pub struct Topic {
    /// Stable id, e.g. "apply" (unique within the format).
    pub id: String,
    /// Chinese name for messages, e.g. 依申请公开.
    pub name: String,
    /// Words and sub-heading forms any one of which shows the topic (matched on folded text:
    /// traditional characters, width and spacing do not matter). Folded when the data is
    /// loaded, so that every analysis compares them as they are.
    #[serde(deserialize_with = "folded_words")]
    pub keywords: Vec<String>,
    /// Only a people's government's own report must cover it.
    #[serde(default)]
    pub government_only: bool,
    /// Covered when mentioned anywhere in the six parts, not only in this one.
    #[serde(default)]
    pub anywhere: bool,
    /// A keyword does not count when one of these words comes before it in the same clause
    /// (within 10 characters): `有待加强` states a problem, not an improvement.
    #[serde(default)]
    pub not_after: Vec<String>,
    pub level: TopicLevel,
    /// Why the topic is expected, citing its basis (Chinese, one sentence).
    pub reason: String,
}

fn folded_words<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let words: Vec<String> = Vec::deserialize(d)?;
    Ok(words
        .iter()
        .map(|w| crate::text::fold::fold_str(w))
        .collect())
}

/// How firmly a topic is required: `hint` for practice, `warning` for what the 条例 or the
/// format requires.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TopicLevel {
    Hint,
    Warning,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// Table 1: blocks, each with its own header row and columns.
    Blocks,
    /// Table 2: rows × columns.
    Grid,
    /// Table 3: a single data row under a multi-level header.
    SingleRow,
}

#[derive(Debug, Deserialize)]
pub struct Table {
    /// "t1", "t2", "t3".
    pub id: String,
    /// The part id it belongs to.
    pub part: String,
    /// Human name, e.g. 收到和处理政府信息公开申请情况.
    pub title: String,
    pub kind: TableKind,
    /// Grid / single-row tables: the value columns in order.
    #[serde(default)]
    pub columns: Vec<Column>,
    /// Grid tables: the rows in order (group rows included).
    #[serde(default)]
    pub rows: Vec<Row>,
    /// Table 1 (`TableKind::Blocks`): its sections in order (`blocks` in the data).
    #[serde(default, rename = "blocks")]
    pub sections: Vec<Section>,
    /// Header texts that may appear in the table but are neither rows nor columns
    /// (corner note, 申请人情况, 法人或其他组织, 行政复议, 信息内容 …).
    #[serde(default)]
    pub header_labels: Vec<String>,
    /// Labels from the other format revision that identify it (e.g. 2019 rows in a 2021
    /// table): a signal for format detection.
    #[serde(default)]
    pub foreign_signals: Vec<String>,
}

/// A section of table 1: the rows of one 第二十条 item with their own columns (a "block" in the
/// data and the format reference).
#[derive(Debug, Deserialize)]
pub struct Section {
    /// e.g. "b1", "b5", "b6", "b8", "b9".
    pub id: String,
    /// Header label, e.g. 第二十条第（一）项.
    pub label: String,
    /// The article behind the block, e.g. "第二十条第（一）项".
    pub article: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CellType {
    /// Integer ≥ 0.
    Count,
    /// Signed integer (2019 本年增/减).
    Signed,
    /// Decimal ≥ 0 in 万元.
    Money,
    /// Money with the unit written in the cell (2019 采购总金额).
    MoneyAnyUnit,
}

#[derive(Debug, Deserialize)]
pub struct Column {
    pub id: String,
    pub label: String,
    /// Parent header (e.g. 法人或其他组织, 行政复议, 行政诉讼 › 复议后起诉).
    #[serde(default)]
    pub group: Option<String>,
    #[serde(rename = "type", default = "default_count")]
    pub ty: CellType,
    /// What the column counts (hover).
    #[serde(default)]
    pub help: String,
}

fn default_count() -> CellType {
    CellType::Count
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    Data,
    Group,
}

#[derive(Debug, Deserialize)]
pub struct Row {
    pub id: String,
    /// Exact label of the form, e.g. （二）部分公开（区分处理的，只计这一情形，不计其他情形）.
    pub label: String,
    #[serde(default = "default_level")]
    pub level: u8,
    #[serde(default = "default_data")]
    pub kind: RowKind,
    #[serde(default)]
    pub parent: Option<String>,
    /// Articles of the 条例 behind the row (docs/format.md#row--article-map), e.g. "第十四条".
    #[serde(default)]
    pub articles: Vec<String>,
    /// Plain explanation for hover.
    #[serde(default)]
    pub help: String,
    /// Other spellings read as this row with a `nonstandard-label` hint
    /// (e.g. 规范性文件 for 行政规范性文件).
    #[serde(default)]
    pub variants: Vec<String>,
}

fn default_level() -> u8 {
    1
}
fn default_data() -> RowKind {
    RowKind::Data
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Over {
    /// For every column c: Σ T[lhs rows][c] op Σ T[rhs rows][c].
    Columns,
    /// For every data row r: Σ T[r][lhs cols] op Σ T[r][rhs cols].
    Rows,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Eq,
    Le,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    /// Required by the 条例 (`"s"` in the data).
    #[serde(rename = "s")]
    Statute,
    /// Mandated by a format notice (`"m"`).
    #[serde(rename = "m")]
    Notice,
    /// Follows necessarily from the table design (`"i"`).
    #[serde(rename = "i")]
    Design,
    /// Practice: a hint (`"p"`).
    #[serde(rename = "p")]
    Practice,
}

/// A 勾稽关系 between cells of one table, evaluated generically.
#[derive(Debug, Deserialize)]
pub struct Relation {
    /// "A1", "A2", "A3", "L1" …
    pub id: String,
    pub table: String,
    /// For blocks tables: the block the relation lives in.
    #[serde(default)]
    pub block: Option<String>,
    pub over: Over,
    #[serde(default = "default_eq")]
    pub op: Op,
    pub lhs: Vec<String>,
    pub rhs: Vec<String>,
    /// When `over` is columns: restrict to these columns (default all). When rows: restrict
    /// to these rows (default every data row).
    #[serde(default)]
    pub only: Vec<String>,
    pub tag: Tag,
    /// Whether the lhs is a single total cell computed from the rhs (enables "set the total").
    #[serde(default)]
    pub lhs_is_total: bool,
    /// Chinese description, e.g. 一 + 二 = 三（七）总计 + 四.
    pub description: String,
}

fn default_eq() -> Op {
    Op::Eq
}

impl Format {
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }
    pub fn part(&self, id: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.id == id)
    }
    pub fn applies_to(&self, year: u16) -> bool {
        (self.years[0]..=self.years[1]).contains(&year)
    }
    /// The full heading of part `p`: 一、总体情况.
    /// How table `table` of format `from` is rewritten in this format.
    pub fn conversion(&self, from: &str, table: &str) -> Option<&Conversion> {
        self.conversions
            .iter()
            .find(|c| c.from == from && c.table == table)
    }
    pub fn heading(&self, p: &Part) -> String {
        format!("{}、{}", p.ordinal, p.title)
    }
}

impl Table {
    /// Every row: the table's own, then each block's (table 1 has its rows in blocks).
    pub fn all_rows(&self) -> impl Iterator<Item = &Row> {
        self.rows
            .iter()
            .chain(self.sections.iter().flat_map(|b| b.rows.iter()))
    }
    /// Every column: the table's own, then each block's.
    pub fn all_columns(&self) -> impl Iterator<Item = &Column> {
        self.columns
            .iter()
            .chain(self.sections.iter().flat_map(|b| b.columns.iter()))
    }
    /// A row of the table or of one of its blocks.
    pub fn any_row(&self, id: &str) -> Option<&Row> {
        self.all_rows().find(|r| r.id == id)
    }
    pub fn row(&self, id: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.id == id)
    }
    /// The rows directly under group `id`, in order.
    pub fn children<'t, 'i>(&'t self, id: &'i str) -> impl Iterator<Item = &'t Row> + use<'t, 'i> {
        self.rows
            .iter()
            .filter(move |r| r.parent.as_deref() == Some(id))
    }
    /// Whether `id` is a group row (a label over other rows, no numbers of its own).
    pub fn is_group(&self, id: &str) -> bool {
        self.row(id).is_some_and(|r| r.kind == RowKind::Group)
    }
    pub fn column(&self, id: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.id == id)
    }
    pub fn data_rows(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.kind == RowKind::Data)
    }
}

static DATA: &[(&str, &str)] = &[
    ("2019", include_str!("data/2019.json")),
    ("2021", include_str!("data/2021.json")),
];

/// All known formats, oldest first. Parsed once.
pub fn all() -> &'static [Format] {
    static FORMATS: OnceLock<Vec<Format>> = OnceLock::new();
    FORMATS.get_or_init(|| {
        DATA.iter()
            .map(|(name, json)| {
                serde_json::from_str(json)
                    .unwrap_or_else(|e| panic!("format data {name}.json is invalid: {e}"))
            })
            .collect()
    })
}

/// The format by id ("2019", "2021").
pub fn by_id(id: &str) -> Option<&'static Format> {
    all().iter().find(|f| f.id == id)
}

/// The format that applies to a report year, if any (years before 2019 have none).
pub fn for_year(year: u16) -> Option<&'static Format> {
    all().iter().find(|f| f.applies_to(year))
}

/// The newest format.
pub fn latest() -> &'static Format {
    all().last().expect("at least one format")
}

#[cfg(test)]
mod tests;
