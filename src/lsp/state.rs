//! The server's state: the open documents, the settings, the negotiated position encoding, and
//! the analysis of a document's current version.

use super::document::{Analysed, Document};
use super::handlers::diagnostics::to_lsp;
use super::last_year::DiskCache;
use super::scheduler;
use super::settings::{Enable, Settings};
use crate::text::position::Encoding;
use dashmap::DashMap;
use serde_json::Value;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use tower_lsp_server::Client;
use tower_lsp_server::lsp_types::{Diagnostic, Uri};
use tracing::info;

pub struct ServerState {
    pub client: Client,
    pub docs: DashMap<Uri, Document>,
    settings: RwLock<Settings>,
    /// Bumped by every settings change: analyses of an older generation are outdated.
    pub generation: AtomicU64,
    encoding: AtomicU8,
    pub shutdown: Arc<AtomicBool>,
    /// Analyses of report files beside the open documents (for cross-year checks).
    pub disk: Arc<DiskCache>,
}

impl ServerState {
    pub fn new(client: Client, shutdown: Arc<AtomicBool>) -> Self {
        ServerState {
            client,
            docs: DashMap::new(),
            settings: RwLock::new(Settings::default()),
            generation: AtomicU64::new(0),
            encoding: AtomicU8::new(16),
            shutdown,
            disk: Arc::new(DiskCache::default()),
        }
    }

    pub fn encoding(&self) -> Encoding {
        match self.encoding.load(Ordering::Relaxed) {
            8 => Encoding::Utf8,
            32 => Encoding::Utf32,
            _ => Encoding::Utf16,
        }
    }

    pub fn set_encoding(&self, e: Encoding) {
        let n = match e {
            Encoding::Utf8 => 8,
            Encoding::Utf16 => 16,
            Encoding::Utf32 => 32,
        };
        self.encoding.store(n, Ordering::SeqCst);
    }

    pub fn settings(&self) -> Settings {
        self.settings.read().map(|s| s.clone()).unwrap_or_default()
    }

    /// New settings: every open document is analysed again. Returns the problems of the
    /// settings (values ignored, with why) for the user.
    pub fn apply_settings(&self, v: &Value) -> Vec<String> {
        let s = Settings::from_json(v);
        info!(?s, "settings");
        let problems = s.problems.clone();
        if let Ok(mut w) = self.settings.write() {
            *w = s;
        }
        self.generation.fetch_add(1, Ordering::SeqCst);
        for d in self.docs.iter() {
            d.notify.notify_one();
        }
        problems
    }

    /// Shows the problems of the settings to the user (`window/showMessage`, warning).
    pub async fn report_settings_problems(&self, problems: Vec<String>) {
        for p in problems {
            self.client
                .show_message(tower_lsp_server::lsp_types::MessageType::WARNING, p)
                .await;
        }
    }

    /// The analysis of the current version of `uri` (computed now if the worker is behind).
    pub async fn current(&self, uri: &Uri) -> Option<Arc<Analysed>> {
        let generation = self.generation.load(Ordering::SeqCst);
        {
            let d = self.docs.get(uri)?;
            if let Some(a) = &d.analysed
                && a.version == d.version
                && a.generation == generation
            {
                return Some(a.clone());
            }
        }
        let request = self.request(uri)?;
        let version = request.version;
        let opts = self.settings().options;
        let analysed = scheduler::analyse(request, generation, opts, self.disk.clone())
            .await
            .ok()?;
        let analysed = Arc::new(analysed);
        if let Some(mut d) = self.docs.get_mut(uri)
            && d.version == version
        {
            d.analysed = Some(analysed.clone());
        }
        Some(analysed)
    }

    /// Whether the findings of `a` are shown (the `enable` setting).
    pub fn shows(&self, a: &Analysed) -> bool {
        match self.settings().enable {
            Enable::Never => false,
            Enable::Always => true,
            Enable::Auto => a.analysis.is_report,
        }
    }

    /// The diagnostics published for `a`.
    pub fn diagnostics(&self, uri: &Uri, a: &Analysed) -> Vec<Diagnostic> {
        if !self.shows(a) {
            return Vec::new();
        }
        let lines = a.lines(self.encoding());
        a.analysis
            .diagnostics
            .iter()
            .map(|d| to_lsp(uri, &lines, d))
            .collect()
    }
}
