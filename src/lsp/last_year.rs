//! Cross-year findings in the editor: last year's report of the same agency, taken from the
//! open documents first and otherwise from the files beside the document on disk.
//!
//! Files are only read, never written. Each file's analysis is cached by path, modification
//! time and length, so an unchanged folder costs one `stat` per file per analysis.

use super::document::Analysed;
use crate::check::pairing::ReportKey;
use crate::check::{self, Analysis, Options};
use crate::input::{self, Kind};
use crate::syntax::Block;
use std::borrow::Borrow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// Another open document, as it was when the analysis started.
pub struct OpenReport {
    /// Its path when its URI is a `file:` URI.
    pub path: Option<PathBuf>,
    /// Empty when `analysed` is current (then the text is not needed).
    pub text: Arc<String>,
    pub blocks: Arc<Vec<Block>>,
    /// Its analysis, when that is of the current version.
    pub analysed: Option<Arc<Analysed>>,
}

struct Entry {
    mtime: SystemTime,
    len: u64,
    /// `None`: not a report, or no agency and year in its title.
    found: Option<Arc<Analysis>>,
}

/// Analyses of files on disk, by path (valid while mtime and length are unchanged), and the
/// report files of each folder scanned.
#[derive(Default)]
pub struct DiskCache {
    entries: Mutex<HashMap<PathBuf, Entry>>,
    dirs: Mutex<HashMap<PathBuf, DirScan>>,
}

/// The candidate files of a folder with the agency and year of each that is a report. A
/// keystroke costs one `stat` of the folder; the folder is scanned again when its mtime
/// changes (files added, removed, renamed) or the scan is older than `RESCAN`.
struct DirScan {
    mtime: SystemTime,
    at: Instant,
    reports: Vec<(PathBuf, ReportKey)>,
}

/// Files edited in place do not change their folder's mtime: rescan at most this often.
const RESCAN: Duration = Duration::from_secs(2);

/// Folders with more candidate files than this are not scanned.
const MAX_FILES: usize = 400;
/// Larger files are skipped.
const MAX_BYTES: u64 = 8 << 20;

/// Options for reading last year's report: its own year, no severity overrides.
fn previous_options(opts: &Options) -> Options {
    Options {
        year: None,
        organ: opts.organ,
        severities: Vec::new(),
    }
}

/// The local path of a `file:` URI.
pub fn file_path(uri: &tower_lsp_server::lsp_types::Uri) -> Option<PathBuf> {
    use tower_lsp_server::UriExt;
    let scheme = uri.scheme()?.as_str();
    if !scheme.eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// Last year's report, as found: an open document's current analysis, an open document
/// analysed now, or a file's cached analysis.
pub enum LastYear {
    Open(Arc<Analysed>),
    Analysed(Box<Analysis>),
    File(Arc<Analysis>),
}

impl Borrow<Analysis> for LastYear {
    fn borrow(&self) -> &Analysis {
        match self {
            LastYear::Open(a) => &a.analysis,
            LastYear::Analysed(a) => a,
            LastYear::File(a) => a,
        }
    }
}

/// Last year's report of the agency of `key`, among the `open` documents or, for a document on
/// disk (`own`), in its folder.
pub fn find(
    key: &ReportKey,
    own: Option<&Path>,
    open: &[OpenReport],
    cache: &DiskCache,
    opts: &Options,
) -> Option<LastYear> {
    let want = key.last_year()?;
    let popts = previous_options(opts);
    // Open documents first: an unsaved edit wins over the file on disk.
    for p in open {
        if let Some(a) = &p.analysed {
            if a.analysis.key.as_ref() == Some(&want) {
                // Its paragraphs, for the text checks: read once, kept with its analysis.
                check::keep_prose(&p.blocks, &a.analysis);
                return Some(LastYear::Open(a.clone()));
            }
            continue;
        }
        let a = check::analyse(&p.text, &p.blocks, &popts, |_| None::<&Analysis>);
        if a.key.as_ref() == Some(&want) {
            check::keep_prose(&p.blocks, &a);
            return Some(LastYear::Analysed(Box::new(a)));
        }
    }
    let dir = own.and_then(Path::parent)?;
    for (path, key) in scan(dir, cache, &popts)? {
        if key != want
            || Some(path.as_path()) == own
            || open
                .iter()
                .any(|o| o.path.as_deref() == Some(path.as_path()))
        {
            continue;
        }
        if let Some(prev) = disk_report(&path, cache, &popts)
            && prev.key.as_ref() == Some(&want)
        {
            return Some(LastYear::File(prev));
        }
    }
    None
}

/// The reports in `dir` with their agency and year (cached, see `DirScan`).
fn scan(dir: &Path, cache: &DiskCache, opts: &Options) -> Option<Vec<(PathBuf, ReportKey)>> {
    let mtime = std::fs::metadata(dir).and_then(|m| m.modified()).ok()?;
    if let Ok(dirs) = cache.dirs.lock()
        && let Some(d) = dirs.get(dir)
        && d.mtime == mtime
        && d.at.elapsed() < RESCAN
    {
        return Some(d.reports.clone());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| Kind::of_path(p).is_some())
        .collect();
    let reports = if files.len() > MAX_FILES {
        Vec::new()
    } else {
        files.sort();
        files
            .into_iter()
            .filter_map(|p| {
                let key = disk_report(&p, cache, opts)?.key.clone()?;
                Some((p, key))
            })
            .collect()
    };
    if let Ok(mut dirs) = cache.dirs.lock() {
        dirs.insert(
            dir.to_path_buf(),
            DirScan {
                mtime,
                at: Instant::now(),
                reports: reports.clone(),
            },
        );
    }
    Some(reports)
}

/// The analysis of a report file with an agency and a year, from the cache when it is
/// unchanged.
fn disk_report(path: &Path, cache: &DiskCache, opts: &Options) -> Option<Arc<Analysis>> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_BYTES {
        return None;
    }
    let mtime = meta.modified().ok()?;
    let len = meta.len();
    if let Ok(entries) = cache.entries.lock()
        && let Some(e) = entries.get(path)
        && e.mtime == mtime
        && e.len == len
    {
        return e.found.clone();
    }
    let found = std::fs::read(path)
        .ok()
        .and_then(|bytes| input::to_text(&bytes, Kind::of_path(path).unwrap_or(Kind::Text)).ok())
        .and_then(|d| {
            let a = check::check(&d.text, opts);
            a.key.as_ref()?;
            Some(Arc::new(a))
        });
    if let Ok(mut entries) = cache.entries.lock() {
        entries.insert(
            path.to_path_buf(),
            Entry {
                mtime,
                len,
                found: found.clone(),
            },
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Organ;

    fn with_carried(year: u16, row: &str, first: &str) -> String {
        let text = crate::template::new_report(year, Some("某市某局"), Organ::Department);
        let line = text.lines().find(|l| l.starts_with(row)).unwrap();
        let changed = line.replacen("| 0 |", &format!("| {first} |"), 1);
        text.replacen(line, &changed, 1)
    }

    #[test]
    fn reads_the_sibling_file_and_caches_it() {
        let dir = std::env::temp_dir().join(format!("nianbao-cross-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let prev = crate::template::new_report(2023, Some("某市某局"), Organ::Department);
        std::fs::write(dir.join("2023.md"), &prev).unwrap();
        std::fs::write(dir.join("notes.txt"), "随手记\n").unwrap();
        let cur_text = with_carried(2024, "| 二、上年结转", "2");
        let cur = check::check(&cur_text, &Options::default());
        let key = cur.key.clone().unwrap();
        let own = dir.join("2024.md");
        let cache = DiskCache::default();
        let x1 = |found: Option<LastYear>| {
            let blocks = crate::syntax::parse(&cur_text);
            let a = check::analyse(&cur_text, &blocks, &Options::default(), |_| found);
            let x1: Vec<_> = a
                .diagnostics
                .into_iter()
                .filter(|d| d.data.as_ref().is_some_and(|x| x["relation"] == "X1"))
                .collect();
            x1.len()
        };
        let found = find(&key, Some(&own), &[], &cache, &Options::default());
        assert!(matches!(found, Some(LastYear::File(_))));
        assert_eq!(x1(found), 1);
        assert!(
            cache
                .entries
                .lock()
                .unwrap()
                .contains_key(&dir.join("2023.md"))
        );
        // Cached: the same answer without reading again.
        let again = find(&key, Some(&own), &[], &cache, &Options::default());
        assert_eq!(x1(again), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Last year's report beside the draft may be a Word file (or a web page, a PDF): it is
    /// converted like the command line converts it.
    #[test]
    fn reads_a_word_file_beside_the_draft() {
        let dir = std::env::temp_dir().join(format!("nianbao-cross-docx-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/inputs/003_31cf96be23961926.docx");
        std::fs::copy(&fixture, dir.join("2021年报告.docx")).unwrap();
        let last = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/003_31cf96be23961926.txt"),
        )
        .unwrap();
        let last = check::check(&last, &Options::default());
        // This year's draft of the same agency, carrying in 3 where last year carried out 0.
        let draft = crate::template::new_report(2022, Some("和田地区卫健委"), Organ::Department);
        let line = draft
            .lines()
            .find(|l| l.starts_with("| 二、上年结转"))
            .unwrap();
        let cur_text = draft.replacen(line, &line.replacen("| 0 |", "| 3 |", 1), 1);
        let cur = check::check(&cur_text, &Options::default());
        let key = cur.key.clone().unwrap();
        assert_eq!(last.key.as_ref().map(|k| k.year), Some(2021));
        let cache = DiskCache::default();
        let found = find(
            &key,
            Some(&dir.join("2022.md")),
            &[],
            &cache,
            &Options::default(),
        );
        let Some(LastYear::File(a)) = &found else {
            panic!("the Word file beside the draft is last year's report");
        };
        assert_eq!(a.key, last.key);
        let blocks = crate::syntax::parse(&cur_text);
        let with = check::analyse(&cur_text, &blocks, &Options::default(), |_| found);
        assert!(
            with.diagnostics
                .iter()
                .any(|d| d.data.as_ref().is_some_and(|x| x["relation"] == "X1"))
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
