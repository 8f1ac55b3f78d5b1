//! Review reports: renderings of [`crate::ide::report::Review`]s for people (one HTML page for a
//! folder of reports, the same fragments the web page shows) and for tools (SARIF, GitHub
//! workflow annotations, JUnit). Pure functions from reviews to strings: the CLI writes them to
//! files or stdout, `nianbao serve` sends them.

pub mod github;
pub mod html;
pub mod junit;
pub mod sarif;
