//! Kept for the front ends (`src/cli`, `src/lsp`) until they move to the new paths: the
//! cross-year findings are `check::rules::cross_year`, the pairing of reports by agency and year
//! is `check::pairing::agency_year`.

pub use super::pairing::agency_year;
pub use super::rules::cross_year as compare;
