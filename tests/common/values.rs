//! Report values and the relations of docs/format.md#relations, evaluated independently of the
//! checker (an oracle).

use super::format_data::{format_data, s, table};
use std::collections::BTreeMap;

pub const T2_COLS: [&str; 7] = ["np", "biz", "sci", "npo", "law", "oth", "tot"];
pub const T3_COLS: [&str; 15] = [
    "rv_keep", "rv_fix", "rv_other", "rv_open", "rv_total", "ld_keep", "ld_fix", "ld_other",
    "ld_open", "ld_total", "la_keep", "la_fix", "la_other", "la_open", "la_total",
];

/// Leaf result rows of table 2 (A2, docs/format.md#relations-of-table-2).
pub fn t2_leaves(format: &str) -> Vec<String> {
    let mut v = vec!["r1".to_string(), "r2".to_string()];
    v.extend((1..=8).map(|i| format!("r3_{i}")));
    v.extend((1..=3).map(|i| format!("r4_{i}")));
    v.extend((1..=5).map(|i| format!("r5_{i}")));
    if format == "2019" {
        v.push("r6".into());
    } else {
        v.extend((1..=3).map(|i| format!("r6_{i}")));
    }
    v
}

/// Every data row of table 2 in print order (docs/format.md#table-2).
pub fn t2_data_rows(format: &str) -> Vec<String> {
    let mut v = vec!["new".to_string(), "carried_in".to_string()];
    v.extend(t2_leaves(format));
    v.push("r7".into());
    v.push("carried_out".into());
    v
}

#[derive(Debug, Clone)]
pub struct Values {
    pub format: String,
    /// Table 1: (row id, column id) → cell text.
    pub t1: BTreeMap<(String, String), String>,
    /// Table 2: row id → 7 values (np … oth, tot).
    pub t2: BTreeMap<String, [i64; 7]>,
    pub t3: [i64; 15],
}

impl Values {
    /// A consistent, non-trivial set of values.
    pub fn valid(format: &str) -> Values {
        let fd = format_data(format);
        let mut t1 = BTreeMap::new();
        let mut k = 1;
        for b in table(&fd, "t1")["blocks"].as_array().expect("blocks") {
            let cols = b["columns"].as_array().expect("columns");
            for r in b["rows"].as_array().expect("rows") {
                for (i, c) in cols.iter().enumerate() {
                    let ty = c["type"].as_str().unwrap_or("count");
                    let v = match ty {
                        "money" => "1.5".to_string(),
                        "money_any_unit" => "12.5万元".to_string(),
                        // 2019 本年新制作/新公开 ≤ 对外公开总数量: make the last column largest.
                        _ => (k + 10 * i).to_string(),
                    };
                    t1.insert((s(&r["id"]), s(&c["id"])), v);
                    k += 1;
                }
            }
        }
        let mut t2 = BTreeMap::new();
        let z = [0i64; 6];
        for r in t2_data_rows(format) {
            t2.insert(r, [0; 7]);
        }
        let set = |t2: &mut BTreeMap<String, [i64; 7]>, r: &str, v: [i64; 6]| {
            let e = t2.get_mut(r).expect("row");
            e[..6].copy_from_slice(&v);
        };
        set(&mut t2, "r1", [5, 1, 0, 0, 1, 0]);
        set(&mut t2, "r2", [2, 0, 1, 0, 0, 0]);
        set(&mut t2, "r3_4", [1, 0, 0, 0, 0, 0]);
        set(&mut t2, "r4_1", [3, 0, 0, 1, 0, 0]);
        set(&mut t2, "r5_2", [1, 0, 0, 0, 0, 1]);
        if format == "2019" {
            set(&mut t2, "r6", [1, 0, 0, 0, 0, 0]);
        } else {
            set(&mut t2, "r6_3", [1, 0, 0, 0, 0, 0]);
        }
        set(&mut t2, "carried_in", [2, 0, 0, 0, 1, 0]);
        set(&mut t2, "carried_out", [1, 1, 0, 0, 0, 0]);
        let _ = z;
        // r7 = Σ leaves; new = r7 + carried_out − carried_in.
        let leaves = t2_leaves(format);
        let mut r7 = [0i64; 7];
        for l in &leaves {
            for c in 0..6 {
                r7[c] += t2[l][c];
            }
        }
        t2.insert("r7".into(), r7);
        let mut new = [0i64; 7];
        for c in 0..6 {
            new[c] = r7[c] + t2["carried_out"][c] - t2["carried_in"][c];
            assert!(new[c] >= 0);
        }
        t2.insert("new".into(), new);
        for v in t2.values_mut() {
            v[6] = v[..6].iter().sum();
        }
        let t3 = [3, 1, 1, 2, 7, 0, 1, 3, 1, 5, 0, 0, 0, 1, 1];
        let v = Values {
            format: format.into(),
            t1,
            t2,
            t3,
        };
        assert!(v.failures().is_empty(), "valid values: {:?}", v.failures());
        v
    }

    pub fn t2_get(&self, row: &str, col: &str) -> i64 {
        let i = T2_COLS.iter().position(|c| *c == col).expect("column");
        self.t2[row][i]
    }

    pub fn t2_set(&mut self, row: &str, col: &str, v: i64) {
        let i = T2_COLS.iter().position(|c| *c == col).expect("column");
        self.t2.get_mut(row).expect("row")[i] = v;
    }

    pub fn t3_get(&self, col: &str) -> i64 {
        self.t3[T3_COLS.iter().position(|c| *c == col).expect("column")]
    }

    pub fn t3_set(&mut self, col: &str, v: i64) {
        self.t3[T3_COLS.iter().position(|c| *c == col).expect("column")] = v;
    }

    /// Failing relation instances: (relation id, the cell the finding belongs at as
    /// (table, row, col), lhs sum, rhs sum). For relations whose lhs is a total the cell is
    /// that total; for A1 it is `new` of the column.
    pub fn failures(&self) -> Vec<Failure> {
        let mut out = Vec::new();
        let leaves = t2_leaves(&self.format);
        for c in T2_COLS {
            let l = self.t2_get("new", c) + self.t2_get("carried_in", c);
            let r = self.t2_get("r7", c) + self.t2_get("carried_out", c);
            if l != r {
                out.push(Failure::new("A1", "t2", "new", c, l, r));
            }
            let l = self.t2_get("r7", c);
            let r: i64 = leaves.iter().map(|x| self.t2_get(x, c)).sum();
            if l != r {
                out.push(Failure::new("A2", "t2", "r7", c, l, r));
            }
        }
        for row in t2_data_rows(&self.format) {
            let l = self.t2_get(&row, "tot");
            let r: i64 = T2_COLS[..6].iter().map(|c| self.t2_get(&row, c)).sum();
            if l != r {
                out.push(Failure::new("A3", "t2", &row, "tot", l, r));
            }
        }
        for (id, g) in [("L1", "rv"), ("L2", "ld"), ("L3", "la")] {
            let l = self.t3_get(&format!("{g}_total"));
            let r: i64 = ["keep", "fix", "other", "open"]
                .iter()
                .map(|k| self.t3_get(&format!("{g}_{k}")))
                .sum();
            if l != r {
                out.push(Failure::new(id, "t3", "data", &format!("{g}_total"), l, r));
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub relation: String,
    pub table: String,
    pub row: String,
    pub col: String,
    pub lhs: i64,
    pub rhs: i64,
}

impl Failure {
    fn new(rel: &str, t: &str, row: &str, col: &str, lhs: i64, rhs: i64) -> Failure {
        Failure {
            relation: rel.into(),
            table: t.into(),
            row: row.into(),
            col: col.into(),
            lhs,
            rhs,
        }
    }
}
