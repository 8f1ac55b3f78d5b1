//! The gazetteer: China's 34 provincial-level divisions and their prefecture-level divisions
//! (地级市, 地区, 自治州, 盟), as data (`data/places.json`), for the `foreign-name` rule. Names are
//! matched in folded text (simplified characters), so a report in traditional characters
//! (貴陽市) finds its place (贵阳市) too.

use regex::Regex;
use serde::Deserialize;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
struct ProvinceData {
    name: String,
    aliases: Vec<String>,
    short: Option<String>,
    cities: Vec<CityData>,
}

#[derive(Debug, Deserialize)]
struct CityData {
    name: String,
    aliases: Vec<String>,
    short: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Data {
    provinces: Vec<ProvinceData>,
}

/// One province or prefecture.
#[derive(Debug)]
pub struct Place {
    /// The full name: 威海市, 山东省, 恩施土家族苗族自治州.
    pub name: String,
    /// The province of a prefecture (an index into [`Gazetteer::places`]); `None` for a province.
    pub province: Option<usize>,
}

/// How a name was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// The full name or another written form with its unit word (恩施州).
    Full,
    /// The bare name without the unit word (威海, 恩施): often part of other words (长治久安).
    Bare,
}

/// One name found in a text.
#[derive(Debug, Clone)]
pub struct Found<'g> {
    pub range: Range<usize>,
    pub kind: NameKind,
    /// Every place of that name (吉林 is a province and a city).
    pub places: &'g [usize],
}

pub struct Gazetteer {
    pub places: Vec<Place>,
    names: Regex,
    by_name: HashMap<String, (NameKind, Vec<usize>)>,
}

impl Gazetteer {
    /// Every name in `folded`, leftmost and longest first, not overlapping.
    pub fn find<'g>(&'g self, folded: &str) -> Vec<Found<'g>> {
        self.names
            .find_iter(folded)
            .filter_map(|m| {
                let (kind, places) = self.by_name.get(m.as_str())?;
                Some(Found {
                    range: m.range(),
                    kind: *kind,
                    places,
                })
            })
            .collect()
    }

    /// The prefectures of a province.
    pub fn cities_of(&self, province: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.places.len()).filter(move |&i| self.places[i].province == Some(province))
    }
}

/// The gazetteer, parsed once.
pub fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let data: Data = serde_json::from_str(include_str!("data/places.json"))
            .unwrap_or_else(|e| panic!("places.json is invalid: {e}"));
        let mut places = Vec::new();
        let mut by_name: HashMap<String, (NameKind, Vec<usize>)> = HashMap::new();
        let mut add = |name: &str, kind: NameKind, i: usize| {
            let e = by_name
                .entry(name.to_string())
                .or_insert((kind, Vec::new()));
            if !e.1.contains(&i) {
                e.1.push(i);
            }
        };
        for p in &data.provinces {
            let pi = places.len();
            places.push(Place {
                name: p.name.clone(),
                province: None,
            });
            add(&p.name, NameKind::Full, pi);
            p.aliases.iter().for_each(|a| add(a, NameKind::Full, pi));
            if let Some(s) = &p.short {
                add(s, NameKind::Bare, pi);
            }
            for c in &p.cities {
                let ci = places.len();
                places.push(Place {
                    name: c.name.clone(),
                    province: Some(pi),
                });
                add(&c.name, NameKind::Full, ci);
                c.aliases.iter().for_each(|a| add(a, NameKind::Full, ci));
                if let Some(s) = &c.short {
                    add(s, NameKind::Bare, ci);
                }
            }
        }
        // Longest first: the regex takes the first alternative that matches at a position.
        let mut names: Vec<&String> = by_name.keys().collect();
        names.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        let pat = names
            .iter()
            .map(|n| regex::escape(n))
            .collect::<Vec<_>>()
            .join("|");
        Gazetteer {
            places,
            names: Regex::new(&pat).expect("valid regex"),
            by_name,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gazetteer_holds_every_division() {
        let g = gazetteer();
        let provinces = g.places.iter().filter(|p| p.province.is_none()).count();
        assert_eq!(provinces, 34);
        // 293 地级市, 7 地区, 30 自治州, 3 盟.
        assert_eq!(g.places.len() - provinces, 333);
        let names: Vec<&str> = g.places.iter().map(|p| p.name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "a name twice");
    }

    #[test]
    fn names_are_found_longest_first() {
        let g = gazetteer();
        let f = g.find("山东省威海市卫生健康委员会与吉林省、海南藏族自治州、恩施州");
        let names: Vec<&str> = f
            .iter()
            .map(|x| g.places[x.places[0]].name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "山东省",
                "威海市",
                "吉林省",
                "海南藏族自治州",
                "恩施土家族苗族自治州"
            ]
        );
        assert!(f.iter().all(|x| x.kind == NameKind::Full));
        let f = g.find("吉林");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, NameKind::Bare);
        assert_eq!(f[0].places.len(), 2);
        let weihai = f_place(g, "威海市");
        assert_eq!(g.places[g.places[weihai].province.unwrap()].name, "山东省");
        assert!(
            g.cities_of(g.places[weihai].province.unwrap())
                .any(|c| c == weihai)
        );
    }

    fn f_place(g: &Gazetteer, name: &str) -> usize {
        g.places.iter().position(|p| p.name == name).unwrap()
    }
}
