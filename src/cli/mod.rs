//! The command-line front end over the core.

mod output;
mod tables;

use crate::{OrganArg, OutputFormat, TablesFormat};
use nianbao::check::pairing::ReportKey;
use nianbao::check::{self, Analysis, Options, Organ, Severity};
use nianbao::ide::report::{self, Review};
use nianbao::input::{self, Converted, Kind, SourceMap};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct CheckArgs {
    pub format: OutputFormat,
    pub output: Option<PathBuf>,
    pub year: Option<u16>,
    pub organ: Option<OrganArg>,
    pub previous: Option<PathBuf>,
    pub jobs: Option<usize>,
    pub quiet: bool,
    pub paths: Vec<PathBuf>,
}

fn organ(o: Option<OrganArg>) -> Option<Organ> {
    o.map(|o| match o {
        OrganArg::Department => Organ::Department,
        OrganArg::Government => Organ::Government,
        OrganArg::Township => Organ::Township,
    })
}

/// A file read and analysed.
pub struct Checked {
    pub path: String,
    pub text: String,
    /// The encoding of a text file (Word, web and PDF files are converted: `None`).
    pub encoding: Option<&'static str>,
    pub kind: Kind,
    /// For a converted file: where each range of `text` came from.
    pub map: Option<SourceMap>,
    pub analysis: Analysis,
}

/// Read a file (or stdin for `-`, always text) and turn it into the text the checker reads: a
/// text file decoded, a Word, web or PDF file converted (by its extension; other extensions
/// are read as text). Files larger than `input::MAX_INPUT_BYTES` are refused unread.
fn read_input(path: &Path) -> Result<Converted, String> {
    let limit = input::MAX_INPUT_BYTES;
    let too_large = || {
        format!(
            "{}: {}",
            path.display(),
            input::InputError::new(input::ErrorKind::TooLarge, "")
        )
    };
    let (bytes, kind) = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .take(limit + 1)
            .read_to_end(&mut b)
            .map_err(|e| format!("-: 无法读取标准输入：{e}"))?;
        (b, Kind::Text)
    } else {
        let file = std::fs::File::open(path)
            .map_err(|e| format!("{}: 无法读取文件：{e}", path.display()))?;
        if file.metadata().is_ok_and(|m| m.len() > limit) {
            return Err(too_large());
        }
        let mut b = Vec::new();
        file.take(limit + 1)
            .read_to_end(&mut b)
            .map_err(|e| format!("{}: 无法读取文件：{e}", path.display()))?;
        (b, Kind::of_path(path).unwrap_or(Kind::Text))
    };
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    // A panic of a reader is an error of that file only, not of the batch.
    std::panic::catch_unwind(|| input::to_text(&bytes, kind))
        .map_err(|_| {
            format!(
                "{}: 内部错误：读取该文件时程序出错，请报告此问题",
                path.display()
            )
        })?
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn collect(paths: &[PathBuf], out: &mut Vec<PathBuf>) -> Result<(), String> {
    for p in paths {
        if p.as_os_str() == "-" || p.is_file() {
            out.push(p.clone());
        } else if p.is_dir() {
            // The entry's own type comes with the listing: no stat per file.
            let mut entries: Vec<(PathBuf, Option<std::fs::FileType>)> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: 无法读取目录：{e}", p.display()))?
                .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
                .collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            let mut files = Vec::new();
            let mut dirs = Vec::new();
            for (e, kind) in entries {
                // Symlinked folders are not followed: they can loop.
                let (is_dir, is_link) = match kind {
                    Some(k) if !k.is_symlink() => (k.is_dir(), false),
                    Some(_) => (e.is_dir(), true),
                    None => (
                        e.is_dir(),
                        std::fs::symlink_metadata(&e).is_ok_and(|m| m.file_type().is_symlink()),
                    ),
                };
                if is_dir {
                    if is_link {
                        continue;
                    }
                    dirs.push(e);
                } else if Kind::of_path(&e).is_some() {
                    files.push(e);
                }
            }
            out.extend(files);
            collect(&dirs, out)?;
        } else {
            return Err(format!("{}: 文件或目录不存在", p.display()));
        }
    }
    Ok(())
}

/// Where the output goes: `-o FILE` (created before the files are checked, so that a path
/// that cannot be written fails at once) or stdout.
fn sink(output: Option<&Path>) -> Result<Box<dyn Write>, String> {
    match output {
        Some(p) => std::fs::File::create(p)
            .map(|f| Box::new(f) as Box<dyn Write>)
            .map_err(|e| format!("{}: 无法写入：{e}", p.display())),
        None => Ok(Box::new(std::io::stdout().lock())),
    }
}

/// The output file is not an input: named as one it is refused (it would be overwritten before
/// it is read); found in a folder (`check DIR -o DIR/审核报告.html` run again) it is skipped.
pub(crate) fn drop_output(
    args: &[PathBuf],
    files: &mut Vec<PathBuf>,
    output: Option<&Path>,
) -> Result<(), String> {
    let Some((o, out)) = output.and_then(|o| Some((o, std::fs::canonicalize(o).ok()?))) else {
        return Ok(());
    };
    let same = |f: &PathBuf| std::fs::canonicalize(f).is_ok_and(|c| c == out);
    if args.iter().any(same) {
        return Err(format!("{}: 输出文件不能同时是要检查的文件", o.display()));
    }
    files.retain(|f| !same(f));
    Ok(())
}

pub fn check(a: CheckArgs) -> ExitCode {
    let mut files = Vec::new();
    if let Err(e) = collect(&a.paths, &mut files) {
        eprintln!("nianbao: {e}");
        return ExitCode::from(2);
    }
    // `--previous` is an input too.
    let inputs: Vec<PathBuf> = a.paths.iter().chain(&a.previous).cloned().collect();
    let sink = match drop_output(&inputs, &mut files, a.output.as_deref())
        .and_then(|_| sink(a.output.as_deref()))
    {
        Ok(s) => s,
        Err(e) => {
            eprintln!("nianbao: {e}");
            return ExitCode::from(2);
        }
    };
    let opts = Options {
        year: a.year,
        organ: organ(a.organ),
        ..Default::default()
    };
    let jobs = a
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, 64);
    // Cross-year checks: an explicit previous report, or consecutive years among the files.
    let previous = match &a.previous {
        Some(p) => match read_input(p) {
            Ok(c) => Some(check::check(&c.text, &opts)),
            Err(e) => {
                eprintln!("nianbao: {e}");
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let color = a.output.is_none()
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let format = a.format;
    // Each file is read, checked and rendered by a worker, which keeps only its rendering and,
    // for pairing consecutive years, its agency, year, tables and the paragraphs of parts 一
    // and 五 (the text checks across years compare them): a batch of 10,000 reports never
    // holds their whole texts.
    let render = |path: &Path| -> FileResult {
        let checked = check_file(path, &opts, previous.as_ref())?;
        let key = match previous {
            None => checked.analysis.key.clone(),
            Some(_) => None,
        };
        let rendered = Rendered::of(&checked, format, color)?;
        let pairing = key.map(|key| {
            let mut analysis = checked.analysis;
            analysis.diagnostics = Vec::new();
            Pairing { key, analysis }
        });
        Ok((rendered, pairing))
    };
    let progress = !a.quiet && files.len() > 1 && std::io::stderr().is_terminal();
    let done = AtomicUsize::new(0);
    let mut results = parallel_map(&files, jobs, |_, path| {
        let r = render(path);
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if progress && (n.is_multiple_of(16) || n == files.len()) {
            output::progress(n, files.len());
        }
        r
    });
    if progress {
        eprint!("\r\x1b[2K");
    }
    // Consecutive years among the files: a file whose pairing finds something is read, checked
    // and rendered again with the cross-year findings (they need last year's report; text copied
    // from it is common), on the worker threads. The findings are computed again on the fresh
    // reading, so they fit its text even if the file changed in between.
    let pairs = cross_year(&results);
    let again = parallel_map(&pairs, jobs, |_, &(i, j)| {
        let last_year = pairing_of(&results[j]).map(|p| &p.analysis);
        check_file(&files[i], &opts, last_year).and_then(|c| Rendered::of(&c, format, color))
    });
    for ((i, _), again) in pairs.into_iter().zip(again) {
        // Kept: next year's report may pair with this one too.
        let pairing = results[i].as_mut().ok().and_then(|(_, p)| p.take());
        results[i] = again.map(|r| (r, pairing));
    }

    // Buffered: stdout is line-buffered, and a batch prints a line per finding.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, sink);
    let mut io_error = false;
    let mut any_error = false;
    let mut total = output::SeverityCounts::default();
    let mut written = 0;
    let mut r = match format {
        OutputFormat::Json => output::json_head(&mut out),
        _ => Ok(()),
    };
    // The review formats render every file's review at the end.
    let mut reviews: Vec<Review> = Vec::new();
    let mut unreadable: Vec<(String, String)> = Vec::new();
    for (res, path) in results.into_iter().zip(&files) {
        match res {
            Ok((f, _)) => {
                any_error |= f.errors;
                total += f.counts;
                if format == OutputFormat::Json && written > 0 {
                    r = r.and_then(|_| out.write_all(b","));
                }
                r = r.and_then(|_| out.write_all(&f.bytes));
                reviews.extend(f.review);
                written += 1;
            }
            Err(e) => {
                eprintln!("nianbao: {e}");
                io_error = true;
                unreadable.push((path.display().to_string(), e));
            }
        }
    }
    r = r.and_then(|_| match format {
        OutputFormat::Json => output::json_tail(&mut out, written),
        OutputFormat::Human => output::human_summary(&mut out, written, total, color),
        OutputFormat::Sarif => {
            out.write_all(nianbao::review::sarif::to_string(&reviews, &unreadable).as_bytes())
        }
        OutputFormat::Github => {
            out.write_all(nianbao::review::github::annotations(&reviews, &unreadable).as_bytes())
        }
        OutputFormat::Junit => {
            out.write_all(nianbao::review::junit::report(&reviews, &unreadable).as_bytes())
        }
        OutputFormat::Html => out.write_all(
            nianbao::review::html::page_with_unreadable(
                &reviews,
                &unreadable,
                "政府信息公开工作年度报告审核报告",
            )
            .as_bytes(),
        ),
    });
    if let Err(e) = r.and_then(|_| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("nianbao: {e}");
        return ExitCode::from(2);
    }
    if io_error {
        ExitCode::from(2)
    } else if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// One file's output, rendered (human, JSON) or as a review (the other formats, rendered for
/// all files at once).
struct Rendered {
    bytes: Vec<u8>,
    review: Option<Review>,
    counts: output::SeverityCounts,
    /// Any finding of severity error (the exit code).
    errors: bool,
}

impl Rendered {
    fn of(c: &Checked, format: OutputFormat, color: bool) -> Result<Self, String> {
        let mut bytes = Vec::new();
        let mut review = None;
        let counts = match format {
            OutputFormat::Human => output::human_file(&mut bytes, c, color),
            OutputFormat::Json => {
                bytes = output::json_file(c)
                    .map_err(|e| format!("{}: {e}", c.path))?
                    .into_bytes();
                output::SeverityCounts::default()
            }
            OutputFormat::Sarif
            | OutputFormat::Github
            | OutputFormat::Junit
            | OutputFormat::Html => {
                let mut r = report::review(&c.path, &c.text, &c.analysis, |off| {
                    c.map
                        .as_ref()
                        .and_then(|m| m.source_at(off))
                        .map(|s| s.to_string())
                });
                if format != OutputFormat::Html {
                    // The machine formats render findings only: a batch of thousands of
                    // reports need not hold their tables and clause texts until the end.
                    r.tables = Vec::new();
                    r.parts = Vec::new();
                    for f in &mut r.findings {
                        f.clauses = Vec::new();
                    }
                }
                review = Some(r);
                output::SeverityCounts::default()
            }
        };
        let errors = c
            .analysis
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        Ok(Rendered {
            bytes,
            review,
            counts,
            errors,
        })
    }
}

/// What pairing consecutive years needs of a file: its agency and year, and its tables.
struct Pairing {
    key: ReportKey,
    /// The analysis without its findings (already rendered).
    analysis: Analysis,
}

type FileResult = Result<(Rendered, Option<Pairing>), String>;

/// Read and check one file; a panic of the checker is an error of that file only, not of the
/// batch. `last_year`: add the cross-year findings against that report.
fn check_file(
    path: &Path,
    opts: &Options,
    last_year: Option<&Analysis>,
) -> Result<Checked, String> {
    let Converted {
        text,
        kind,
        encoding,
        map,
    } = read_input(path)?;
    let analysis = std::panic::catch_unwind(|| {
        let blocks = nianbao::syntax::parse(&text);
        // With `--previous` the given report is last year's whatever its title says.
        let a = check::analyse(&text, &blocks, opts, |_| last_year);
        // Next year's report among the files may compare its text with this one's.
        check::keep_prose(&blocks, &a);
        a
    })
    .map_err(|_| {
        format!(
            "{}: 内部错误：检查该文件时程序出错，请报告此问题",
            path.display()
        )
    })?;
    Ok(Checked {
        path: path.display().to_string(),
        text,
        encoding,
        kind,
        map,
        analysis,
    })
}

fn pairing_of(r: &FileResult) -> Option<&Pairing> {
    r.as_ref().ok().and_then(|(_, p)| p.as_ref())
}

/// Same agency, consecutive years, among the files checked (last year's report is the first
/// such file): the pairs (this year, last year) whose comparison finds something.
fn cross_year(results: &[FileResult]) -> Vec<(usize, usize)> {
    let pairing = |i: usize| pairing_of(&results[i]);
    let mut first: std::collections::HashMap<&ReportKey, usize> = std::collections::HashMap::new();
    for j in 0..results.len() {
        if let Some(p) = pairing(j) {
            first.entry(&p.key).or_insert(j);
        }
    }
    let mut out = Vec::new();
    for i in 0..results.len() {
        let Some(cur) = pairing(i) else { continue };
        let Some((j, prev)) = cur
            .key
            .last_year()
            .and_then(|k| first.get(&k).copied())
            .and_then(|j| Some((j, pairing(j)?)))
        else {
            continue;
        };
        // Only a pair with something to report is checked again (with `check::analyse`).
        if !check::rules::cross_year(&cur.analysis, &prev.analysis).is_empty() {
            out.push((i, j));
        }
    }
    out
}

/// `f` over `items` on `jobs` threads, results in order.
fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(usize, &T) -> R + Sync,
) -> Vec<R> {
    let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..jobs.min(items.len()).max(1) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    *slots[i].lock().expect("lock") = Some(f(i, item));
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|m| m.into_inner().expect("lock").expect("every item mapped"))
        .collect()
}

/// Write to stdout; a closed pipe (`| head`) is not an error.
pub fn emit(s: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(s.as_bytes()).and_then(|_| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("nianbao: {e}");
    }
}

/// `nianbao gen`: one generated report on stdout, or `count` of them in folder `out` (report
/// years cycling back over the six years before `year`, for the 2019 and 2021 formats).
pub fn gen_reports(
    bytes: usize,
    broken: usize,
    year: u16,
    seed: u64,
    out: Option<&Path>,
    count: usize,
) -> ExitCode {
    let Some(dir) = out else {
        emit(&nianbao::template::sample_report(year, bytes, broken, seed));
        return ExitCode::SUCCESS;
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("nianbao: {}: 无法创建目录：{e}", dir.display());
        return ExitCode::from(2);
    }
    for i in 0..count {
        let y = year.saturating_sub((i % 6) as u16);
        let text = nianbao::template::sample_report(y, bytes, broken, seed.wrapping_add(i as u64));
        let path = dir.join(format!("report-{i:05}.md"));
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("nianbao: {}: 无法写入：{e}", path.display());
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

pub fn lsp() -> ExitCode {
    nianbao::lsp::run()
}

/// `nianbao new --from FILE`: this year's draft from last year's report in any readable format.
pub fn new_from(path: &Path, year: Option<u16>) -> ExitCode {
    let last = match read_input(path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("nianbao: {e}");
            return ExitCode::from(2);
        }
    };
    let analysis = check::check(&last.text, &Options::default());
    match nianbao::template::next_report(&last.text, &analysis, year) {
        Ok(d) => {
            emit(&d.text);
            for n in &d.notes {
                eprintln!("nianbao: {n}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("nianbao: {}: {e}", path.display());
            ExitCode::from(2)
        }
    }
}

/// `nianbao convert FILE [-o OUT]`: the canonical Markdown of a Word, web, PDF (or text) file.
pub fn convert(path: &Path, out: Option<&Path>) -> ExitCode {
    let c = match read_input(path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("nianbao: {e}");
            return ExitCode::from(2);
        }
    };
    let mut text = c.text;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    match out {
        None => emit(&text),
        Some(o) => {
            if let Err(e) = std::fs::write(o, text) {
                eprintln!("nianbao: {}: 无法写入：{e}", o.display());
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}

pub fn new(year: u16, agency: Option<String>, o: Option<OrganArg>) -> ExitCode {
    if !check::doc::plausible_year(year) {
        eprintln!("nianbao: {}", check::doc::year_error(year));
        return ExitCode::from(2);
    }
    let text = nianbao::template::new_report(
        year,
        agency.as_deref(),
        organ(o).unwrap_or(Organ::Department),
    );
    emit(&text);
    ExitCode::SUCCESS
}

pub fn explain(topic: &str) -> ExitCode {
    if let Some(info) = check::catalog::rule(topic.trim()) {
        emit(&format!("{}\n", check::catalog::explain_text(info)));
        return ExitCode::SUCCESS;
    }
    if let Some(r) = nianbao::regulation::parse_ref(topic)
        && let Some(t) = nianbao::regulation::plain_text(&r)
    {
        emit(&format!("{t}\n"));
        return match nianbao::regulation::resolve(&r) {
            Ok(_) => ExitCode::SUCCESS,
            Err(_) => ExitCode::from(1),
        };
    }
    eprintln!(
        "nianbao: 不认识「{topic}」：请给出规则名（如 total-mismatch）或《条例》条款（如 第十六条、第二十条第（五）项、16.2）。"
    );
    ExitCode::from(2)
}

/// `nianbao tables`: one file as before (its tables, row by row); several files or folders
/// one row (object) per report (`tables::many`).
pub fn tables(
    f: TablesFormat,
    year: Option<u16>,
    output: Option<&Path>,
    paths: &[PathBuf],
) -> ExitCode {
    let single = match paths {
        [p] if p.as_os_str() == "-" || p.is_file() => Some(p),
        _ => None,
    };
    let mut files = Vec::new();
    let ready = match single {
        Some(_) => drop_output(paths, &mut files, output),
        None => collect(paths, &mut files).and_then(|_| drop_output(paths, &mut files, output)),
    };
    let mut out = match ready.and_then(|_| sink(output)) {
        Ok(s) => std::io::BufWriter::new(s),
        Err(e) => {
            eprintln!("nianbao: {e}");
            return ExitCode::from(2);
        }
    };
    let r = match single {
        Some(path) => {
            let text = match read_input(path) {
                Ok(x) => x.text,
                Err(e) => {
                    eprintln!("nianbao: {e}");
                    return ExitCode::from(2);
                }
            };
            let opts = Options {
                year,
                ..Default::default()
            };
            let a = check::check(&text, &opts);
            match f {
                TablesFormat::Json => {
                    output::tables_json(&mut out, &path.display().to_string(), &a)
                }
                TablesFormat::Csv => output::tables_csv(&mut out, &a),
            }
            .map(|_| true)
        }
        None => tables::many(matches!(f, TablesFormat::Csv), year, &files, &mut out),
    };
    match r.and_then(|ok| out.flush().map(|_| ok)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(2),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nianbao: {e}");
            ExitCode::from(2)
        }
    }
}
