//! The progress bar of a long `gazette extract --jsonl` run, on standard error.
//!
//! It shows documents and megabytes done with their rates (and the share of the
//! input, with an estimate of the time left, when the input size is known). It stays
//! hidden with `--quiet`, when standard error is not a terminal, and for the first
//! second, so short runs and pipelines print nothing.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How long a run goes before its bar appears.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// Progress of one run (over every input file).
pub struct Progress {
    /// `None` when the bar is never to be shown.
    bar: Option<ProgressBar>,
    started: Instant,
    shown: bool,
    documents: u64,
    bytes: u64,
}

impl Progress {
    /// A bar for a run over `total_bytes` of input (when known). `quiet` or a
    /// standard error that is not a terminal gives a bar that is never drawn.
    pub fn new(quiet: bool, total_bytes: Option<u64>) -> Progress {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let (bar, template) = match total_bytes {
                Some(total) => (
                    ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden()),
                    "{spinner} {elapsed_precise} [{wide_bar}] {decimal_bytes}/{decimal_total_bytes} \
                     {decimal_bytes_per_sec}, {msg}, {eta} left",
                ),
                None => (
                    ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
                    "{spinner} {elapsed_precise} {decimal_bytes} {decimal_bytes_per_sec}, {msg}",
                ),
            };
            let style = ProgressStyle::with_template(template)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
            bar.set_style(style);
            bar
        });
        Progress { bar, started: Instant::now(), shown: false, documents: 0, bytes: 0 }
    }

    /// Count `documents` more documents and `bytes` more bytes of input done.
    pub fn advance(&mut self, documents: usize, bytes: usize) {
        let Some(bar) = &self.bar else { return };
        self.documents += documents as u64;
        self.bytes += bytes as u64;
        let elapsed = self.started.elapsed();
        if !self.shown && elapsed >= SHOW_AFTER {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
        let rate = self.documents as f64 / elapsed.as_secs_f64().max(1e-3);
        bar.set_message(format!("{} docs, {rate:.0} docs/s", self.documents));
        bar.inc(bytes as u64);
    }

    /// Print a line on standard error without garbling the bar.
    pub fn note(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Replace the bar with the run's totals and mean rates (when it was shown).
    pub fn finish(&self) {
        let Some(bar) = &self.bar else { return };
        if !self.shown {
            return;
        }
        let seconds = self.started.elapsed().as_secs_f64().max(1e-3);
        let megabytes = self.bytes as f64 / 1e6;
        bar.set_style(ProgressStyle::with_template("{msg}").unwrap_or_else(|_| ProgressStyle::default_bar()));
        bar.finish_with_message(format!(
            "gazette: {} documents, {megabytes:.1} MB in {seconds:.1} s ({:.0} docs/s, {:.1} MB/s)",
            self.documents,
            self.documents as f64 / seconds,
            megabytes / seconds
        ));
    }
}
