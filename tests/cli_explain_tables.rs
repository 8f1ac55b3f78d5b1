//! `nianbao explain` (every rule, articles of the 条例, nonsense) and `nianbao tables --format
//! json` (on a seed and on a generated draft).

mod common;

use common::drafts::*;
use common::{TempFile, code, fixture, run, stderr, stdout};
use nianbao::check::catalog;
use serde_json::Value;

#[test]
fn explain_rules_and_articles() {
    for r in catalog::RULES {
        let o = run(&["explain", r.id], None);
        assert_eq!(code(&o), 0, "{}: {}", r.id, stderr(&o));
        let out = stdout(&o);
        assert!(out.starts_with(&format!("{}  {}", r.id, r.title)), "{out}");
    }
    let o = run(&["explain", "第十四条"], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("国家秘密"), "{}", stdout(&o));
    let o = run(&["explain", "第六十条"], None);
    assert_ne!(code(&o), 0);
    assert!(stdout(&o).contains("第六十条") || stderr(&o).contains("第六十条"));
    for nonsense in ["no-such-rule", "天气", ""] {
        let o = run(&["explain", nonsense], None);
        assert_eq!(code(&o), 2, "{nonsense:?}: {}", stdout(&o));
        assert!(stderr(&o).contains("不认识"), "{}", stderr(&o));
    }
}

#[test]
fn tables_json_on_a_seed() {
    let p = fixture("000_2c1132c7924dd3e8.txt").display().to_string();
    let o = run(&["tables", "--format", "json", &p], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["year"], 2021);
    let tables = v["tables"].as_array().expect("tables");
    let ids: Vec<&str> = tables.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["t1", "t2", "t3"]);
    assert!(tables.iter().all(|t| t["format"] == "2021"));
    let rows = |id: &str| -> Vec<String> {
        tables.iter().find(|t| t["id"] == id).unwrap()["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["row"].as_str().unwrap().to_string())
            .collect()
    };
    let t1 = rows("t1");
    for r in ["rules", "norms", "license", "penalty", "coercion", "fee"] {
        assert!(t1.iter().any(|x| x == r), "t1 row {r}: {t1:?}");
    }
    let t2 = rows("t2");
    for r in [
        "new",
        "carried_in",
        "r1",
        "r3_1",
        "r6_3",
        "r7",
        "carried_out",
    ] {
        assert!(t2.iter().any(|x| x == r), "t2 row {r}: {t2:?}");
    }
    assert_eq!(rows("t3"), ["data"]);
    let license = tables[0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["row"] == "license")
        .unwrap();
    assert_eq!(license["cells"]["decisions"], 185);
    assert_eq!(license["label"], "行政许可");
    // The same on a generated draft: every table-2 row and all 15 table-3 cells.
    let d = TempFile::new(".md", year_draft(2024, AGENCY, 3, 0).as_bytes());
    let o = run(&["tables", "--format", "json", &d.arg()], None);
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    let t2 = &v["tables"][1];
    assert_eq!(t2["id"], "t2");
    let carried = t2["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["row"] == "carried_in")
        .unwrap();
    assert_eq!(carried["cells"]["np"], 3);
    assert_eq!(carried["cells"]["tot"], 3);
    assert_eq!(
        v["tables"][2]["rows"][0]["cells"]
            .as_object()
            .unwrap()
            .len(),
        15
    );
}
