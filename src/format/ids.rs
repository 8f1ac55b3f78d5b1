//! The table, row and column ids that code names, spelled once.
//!
//! The format data (`src/format/data/*.json`) defines every id; most code handles them
//! generically. The few places that need one particular table, row or column (the cross-year
//! checks, the narrative comparison, the template) use these constants instead of string
//! literals. A unit test (`src/format/tests/data.rs`) checks that each constant names an id of its
//! kind in the data of at least one format, so renaming an id in the data fails the tests
//! instead of silently changing what the code finds. The labels in the comments are the
//! format's (2021 format first where the two differ); see `docs/format.md#tables`.

/// Table ids (`tables[].id`).
pub mod table {
    /// 表一 主动公开政府信息情况 (part 二).
    pub const T1: &str = "t1";
    /// 表二 收到和处理政府信息公开申请情况 (part 三).
    pub const T2: &str = "t2";
    /// 表三 政府信息公开行政复议、行政诉讼情况 (part 四).
    pub const T3: &str = "t3";
}

/// Row ids (`tables[].rows[].id`, `tables[].blocks[].rows[].id`).
pub mod row {
    /// Table 2: 一、本年新收政府信息公开申请数量.
    pub const NEW: &str = "new";
    /// Table 2: 二、上年结转政府信息公开申请数量.
    pub const CARRIED_IN: &str = "carried_in";
    /// Table 2: 四、结转下年度继续办理.
    pub const CARRIED_OUT: &str = "carried_out";
    /// Table 1, block `b1`: 规章.
    pub const RULES: &str = "rules";
    /// Table 1, block `b1`: 行政规范性文件 (2019: 规范性文件).
    pub const NORMS: &str = "norms";
    /// Table 1, block `b5`: 行政许可.
    pub const LICENSE: &str = "license";
    /// Table 1, block `b5`: 其他对外管理服务事项 (2019 only).
    pub const OTHER_SERVICES: &str = "other_services";
    /// Table 1, block `b6`: 行政处罚.
    pub const PENALTY: &str = "penalty";
    /// Table 1, block `b6`: 行政强制.
    pub const COERCION: &str = "coercion";
    /// Table 1, block `b8`: 行政事业性收费.
    pub const FEE: &str = "fee";
    /// The one data row of a single-row table (table 3). The data lists no rows for such a
    /// table: this is the id the table reader gives the row it reads, so it must not be the id
    /// of any row or column in the data (tested).
    pub const SINGLE: &str = "data";
}

/// Column ids (`tables[].columns[].id`, `tables[].blocks[].columns[].id`).
pub mod column {
    /// Table 2: 总计.
    pub const TOT: &str = "tot";
    /// Table 1, block `b1`: 本年制发件数 (2019: 本年新制作数量).
    pub const MADE: &str = "made";
    /// Table 1, block `b1`: 本年废止件数 (2021 only).
    pub const REPEALED: &str = "repealed";
    /// Table 1, block `b1`: 现行有效件数 (2021 only).
    pub const VALID: &str = "valid";
    /// Table 1, blocks `b5` and `b6`: 本年处理决定数量 (2019: 处理决定数量).
    pub const DECISIONS: &str = "decisions";
    /// Table 1, blocks `b5`, `b6` and `b8`: 上一年项目数量 (2019 only).
    pub const PREV_ITEMS: &str = "prev_items";
    /// Table 1, blocks `b5`, `b6` and `b8`: 本年增/减 (2019 only).
    pub const CHANGE: &str = "change";
}
