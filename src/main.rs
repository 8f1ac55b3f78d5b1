//! The `nianbao` command line: lsp | serve | check | new | convert | explain | tables.

mod cli;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "nianbao",
    version,
    about = "政府信息公开工作年度报告检查工具 / checker and language server for government information disclosure annual reports"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// file:line:col, rule, message and the line with a caret under the range.
    Human,
    /// The LSP Diagnostic objects the language server publishes.
    Json,
    /// SARIF 2.1.0, for code scanning and review tools.
    Sarif,
    /// GitHub Actions workflow annotations (::error file=…,line=…::message).
    Github,
    /// JUnit XML: one test case per file, failing when the file has an error.
    Junit,
    /// One self-contained HTML review report (审核报告) for every file.
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum TablesFormat {
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum OrganArg {
    /// 县级以上人民政府部门 (deadline 1月31日).
    Department,
    /// 县级以上地方人民政府, its own report (deadline 3月31日).
    Government,
    /// 乡（镇）人民政府 or 街道办事处 (no statutory date: 1月31日 as a reference, hint only).
    Township,
}

/// `--year`: a plausible report year (`check::doc::REPORT_YEARS`), else a Chinese error and
/// exit status 2 (clap's usage error).
fn report_year(s: &str) -> Result<u16, String> {
    nianbao::check::doc::parse_report_year(s)
}

#[derive(Subcommand)]
enum Command {
    /// Run the language server over stdio.
    Lsp {
        /// Accepted for compatibility with clients that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Check report files, folders (.md/.markdown/.txt/.docx/.html/.htm/.pdf, recursively) or `-`
    /// for stdin.
    Check {
        #[arg(long, value_enum, default_value = "human")]
        format: OutputFormat,
        /// Write the output to this file instead of standard output (any format).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Report year (2008–2100), overriding what the drafts say.
        #[arg(long, value_parser = report_year)]
        year: Option<u16>,
        /// Organ type (decides the publication deadline and the government-only content checks).
        #[arg(long, value_enum)]
        organ: Option<OrganArg>,
        /// Last year's report of the same agency, for the cross-year checks.
        #[arg(long)]
        previous: Option<PathBuf>,
        /// Worker threads (default: all cores).
        #[arg(long)]
        jobs: Option<usize>,
        /// Never draw a progress bar.
        #[arg(long)]
        quiet: bool,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print a complete Markdown draft with the standard parts and tables; with `--from`, this
    /// year's draft built from last year's report (.md/.txt/.docx/.html/.pdf).
    New {
        /// Report year, 2008–2100 (with `--from`: default the year after last year's report).
        #[arg(long, required_unless_present = "from", value_parser = report_year)]
        year: Option<u16>,
        /// Last year's report: agency, carried-over numbers and part 五 are taken from it.
        #[arg(long, conflicts_with_all = ["agency", "organ"])]
        from: Option<PathBuf>,
        #[arg(long)]
        agency: Option<String>,
        #[arg(long, value_enum)]
        organ: Option<OrganArg>,
    },
    /// Explain a rule id, or print a clause of the 条例 (第十六条, 第二十条第（五）项, 16.2).
    Explain { topic: String },
    /// Print a generated report of about N bytes (benchmarks and load tests); with `--out`,
    /// write `--count` of them (seeds and report years varied) into a folder.
    #[command(hide = true)]
    Gen {
        #[arg(long, default_value_t = 20_000)]
        bytes: usize,
        #[arg(long, default_value_t = 0)]
        broken: usize,
        #[arg(long, default_value_t = 2024)]
        year: u16,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        #[arg(long, default_value_t = 1)]
        count: usize,
    },
    /// Print the canonical Markdown of a report file (.docx, .html/.htm, .pdf; text files as
    /// they are), ready to open in an editor.
    Convert {
        file: PathBuf,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        out: Option<PathBuf>,
    },
    /// Serve the web page: paste or drop reports, see every finding, apply fixes, download the
    /// corrected draft and a review report. Binds to loopback unless told otherwise.
    Serve {
        /// Address to listen on (IP:port; port 0 picks a free one). Another address than
        /// 127.0.0.1 lets other computers of the network use the page.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Seconds a client has to send its headers (tests).
        #[arg(long, hide = true, default_value_t = nianbao::serve::HEADER_TIMEOUT.as_secs())]
        header_timeout: u64,
        /// Seconds a client has to send a request body (tests).
        #[arg(long, hide = true, default_value_t = nianbao::serve::BODY_TIMEOUT.as_secs())]
        body_timeout: u64,
    },
    /// Print the three tables of a report as data; for several files or folders, one CSV row
    /// (or JSON object) per report with every cell id of both formats.
    Tables {
        #[arg(long, value_enum, default_value = "json")]
        format: TablesFormat,
        /// Report year (2008–2100), overriding what the drafts say.
        #[arg(long, value_parser = report_year)]
        year: Option<u16>,
        /// Write the output to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    quiet_reader_panics();
    let cli = Cli::parse();
    match cli.command {
        Command::Lsp { .. } => cli::lsp(),
        Command::Serve {
            addr,
            header_timeout,
            body_timeout,
        } => nianbao::serve::run(
            &addr,
            nianbao::serve::Timeouts {
                header: std::time::Duration::from_secs(header_timeout.max(1)),
                body: std::time::Duration::from_secs(body_timeout.max(1)),
            },
        ),
        Command::Check {
            format,
            output,
            year,
            organ,
            previous,
            jobs,
            quiet,
            paths,
        } => cli::check(cli::CheckArgs {
            format,
            output,
            year,
            organ,
            previous,
            jobs,
            quiet,
            paths,
        }),
        Command::New {
            year,
            from: Some(from),
            ..
        } => cli::new_from(&from, year),
        Command::New {
            year,
            agency,
            organ,
            from: None,
        } => cli::new(year.unwrap_or_default(), agency, organ),
        Command::Convert { file, out } => cli::convert(&file, out.as_deref()),
        Command::Explain { topic } => cli::explain(&topic),
        Command::Tables {
            format,
            year,
            output,
            paths,
        } => cli::tables(format, year, output.as_deref(), &paths),
        Command::Gen {
            bytes,
            broken,
            year,
            seed,
            out,
            count,
        } => cli::gen_reports(bytes, broken, year, seed, out.as_deref(), count),
    }
}

/// The PDF reader catches the panics of pdf-extract and lopdf on malformed files and reports
/// the file as damaged (`input::pdf`); their panic message on stderr would only alarm the
/// user. Every other panic is printed as usual.
fn quiet_reader_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !nianbao::input::pdf::panic_is_the_readers(info) {
            default(info);
        }
    }));
}
