//! Many documents at once: extraction spread over all cores, results in input order.
//!
//! Behind the `parallel` feature (on with `cli`). Two shapes:
//!
//! - [`extract_batch`]: a slice of texts in, a `Vec<Analysis>` out, one per text, in
//!   the same order.
//! - [`extract_stream`]: any iterator of documents in, an iterator of
//!   `(document, Analysis)` out, in input order. It reads a bounded window of
//!   documents, analyses the window in parallel, hands the results out, and reads the
//!   next window, so memory is bounded by the window, not by the input: suitable for
//!   an archive of millions of articles read from disk.
//!
//! Both run on the [rayon] thread pool they are called from: the global pool (one
//! thread per core) by default. To use fewer threads, call them inside
//! [`rayon::ThreadPool::install`]:
//!
//! ```
//! use gazette::{batch, Extractor};
//!
//! let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build()?;
//! let texts = ["Talks in Kenya.", "Brazil and France signed a deal."];
//! let analyses = pool.install(|| batch::extract_batch(&Extractor::new(), &texts));
//! assert_eq!(analyses[1].entities.len(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A document is analysed exactly as [`Extractor::extract`] would analyse it: the
//! results are the same whatever the number of threads or the window.

use crate::analysis::Analysis;
use crate::extractor::Extractor;
use rayon::prelude::*;
use std::fmt;

/// How many documents [`extract_stream`] reads into one window by default.
pub const DEFAULT_WINDOW_DOCUMENTS: usize = 1024;

/// How many bytes of text [`extract_stream`] reads into one window by default: a
/// window closes when either limit is reached (and holds at least one document).
pub const DEFAULT_WINDOW_BYTES: usize = 8 << 20;

/// Analyse every text in parallel; the result has one [`Analysis`] per text, in the
/// order of `texts`.
///
/// ```
/// use gazette::{batch, Extractor};
///
/// let extractor = Extractor::new();
/// let texts = vec![
///     "Russia's ambassador arrived in Afghanistan.".to_string(),
///     "Officials in Kenya met their peers from Brazil.".to_string(),
/// ];
/// let analyses = batch::extract_batch(&extractor, &texts);
/// let names: Vec<Vec<&str>> = analyses
///     .iter()
///     .map(|a| a.entities.iter().map(|e| e.name.as_str()).collect())
///     .collect();
/// assert_eq!(names, [["Russia", "Afghanistan"], ["Kenya", "Brazil"]]);
/// ```
pub fn extract_batch<S>(extractor: &Extractor, texts: &[S]) -> Vec<Analysis>
where
    S: AsRef<str> + Sync,
{
    texts.par_iter().map(|text| extractor.extract(text.as_ref())).collect()
}

/// Analyse the documents of an iterator in parallel, a bounded window at a time,
/// and yield each document with its [`Analysis`], in input order.
///
/// The document is handed back so its text (and anything else it carries, such as
/// an identifier) is at hand to read the spans with. The window is
/// [`DEFAULT_WINDOW_DOCUMENTS`] documents or [`DEFAULT_WINDOW_BYTES`] bytes of text,
/// whichever is reached first; change it with [`ExtractStream::window`] and
/// [`ExtractStream::window_bytes`]. Documents are pulled from `documents` only when
/// a new window is needed.
///
/// ```
/// use gazette::{batch, Extractor};
///
/// let extractor = Extractor::new();
/// // Any iterator: lines of a file, rows of a database, ...
/// let documents = (0..10).map(|i| format!("Talks between Kenya and Brazil, round {i}."));
/// let mut count = 0;
/// for (text, analysis) in batch::extract_stream(&extractor, documents).window(4) {
///     assert!(text.ends_with(&format!("round {count}.")));
///     let names: Vec<&str> = analysis.mentions.iter().map(|m| m.span.text(&text)).collect();
///     assert_eq!(names, ["Kenya", "Brazil"]);
///     count += 1;
/// }
/// assert_eq!(count, 10);
/// ```
pub fn extract_stream<I>(extractor: &Extractor, documents: I) -> ExtractStream<'_, I::IntoIter>
where
    I: IntoIterator,
    I::Item: AsRef<str> + Send,
{
    ExtractStream {
        extractor,
        documents: documents.into_iter(),
        window: DEFAULT_WINDOW_DOCUMENTS,
        window_bytes: DEFAULT_WINDOW_BYTES,
        ready: Vec::new().into_iter(),
    }
}

/// The iterator returned by [`extract_stream`]: `(document, Analysis)` pairs in
/// input order.
pub struct ExtractStream<'x, I: Iterator> {
    extractor: &'x Extractor,
    documents: I,
    window: usize,
    window_bytes: usize,
    ready: std::vec::IntoIter<(I::Item, Analysis)>,
}

impl<I: Iterator> fmt::Debug for ExtractStream<'_, I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExtractStream")
            .field("window", &self.window)
            .field("window_bytes", &self.window_bytes)
            .field("ready", &self.ready.len())
            .finish_non_exhaustive()
    }
}

impl<I> ExtractStream<'_, I>
where
    I: Iterator,
    I::Item: AsRef<str> + Send,
{
    /// At most this many documents per window (at least 1).
    ///
    /// ```
    /// use gazette::{batch, Extractor};
    ///
    /// let extractor = Extractor::new();
    /// let texts = ["Kenya", "Brazil", "France"];
    /// let stream = batch::extract_stream(&extractor, texts).window(2);
    /// assert_eq!(stream.count(), 3);
    /// ```
    pub fn window(mut self, documents: usize) -> Self {
        self.window = documents.max(1);
        self
    }

    /// At most about this many bytes of text per window: the window closes once it
    /// holds this much (a single larger document still makes a window of its own).
    ///
    /// ```
    /// use gazette::{batch, Extractor};
    ///
    /// let extractor = Extractor::new();
    /// let texts = ["Talks in Kenya.", "Talks in Brazil."];
    /// let pairs: Vec<_> = batch::extract_stream(&extractor, texts).window_bytes(1).collect();
    /// assert_eq!(pairs[1].1.entities[0].name, "Brazil");
    /// ```
    pub fn window_bytes(mut self, bytes: usize) -> Self {
        self.window_bytes = bytes.max(1);
        self
    }

    /// Read the next window and analyse it; false when the input is exhausted.
    fn fill(&mut self) -> bool {
        let mut window = Vec::new();
        let mut bytes = 0;
        while window.len() < self.window && bytes < self.window_bytes {
            let Some(document) = self.documents.next() else { break };
            bytes += document.as_ref().len();
            window.push(document);
        }
        if window.is_empty() {
            return false;
        }
        let extractor = self.extractor;
        let done: Vec<(I::Item, Analysis)> = window
            .into_par_iter()
            .map(|document| {
                let analysis = extractor.extract(document.as_ref());
                (document, analysis)
            })
            .collect();
        self.ready = done.into_iter();
        true
    }
}

impl<I> Iterator for ExtractStream<'_, I>
where
    I: Iterator,
    I::Item: AsRef<str> + Send,
{
    type Item = (I::Item, Analysis);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(pair) = self.ready.next() {
                return Some(pair);
            }
            if !self.fill() {
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> Vec<String> {
        (0..200)
            .map(|i| match i % 3 {
                0 => format!("Officials in Kenya met their peers from Brazil, round {i}."),
                1 => format!("\"We will talk,\" President Maria Lopez said in Paris on day {i}."),
                _ => String::new(),
            })
            .collect()
    }

    #[test]
    fn batch_equals_one_by_one() {
        let extractor = Extractor::new();
        let texts = texts();
        let one_by_one: Vec<Analysis> = texts.iter().map(|t| extractor.extract(t)).collect();
        assert_eq!(extract_batch(&extractor, &texts), one_by_one);
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        assert_eq!(extract_batch(&extractor, &refs), one_by_one);
    }

    #[test]
    fn stream_keeps_order_for_every_window() {
        let extractor = Extractor::new();
        let texts = texts();
        let expected: Vec<Analysis> = texts.iter().map(|t| extractor.extract(t)).collect();
        for (window, bytes) in [(1, usize::MAX), (7, usize::MAX), (1000, 100), (3, 1)] {
            let got: Vec<(String, Analysis)> =
                extract_stream(&extractor, texts.clone()).window(window).window_bytes(bytes).collect();
            assert_eq!(got.len(), texts.len());
            for (i, (text, analysis)) in got.into_iter().enumerate() {
                assert_eq!(text, texts[i]);
                assert_eq!(analysis, expected[i], "document {i}, window {window}/{bytes}");
            }
        }
    }

    #[test]
    fn stream_pulls_one_window_at_a_time() {
        let extractor = Extractor::new();
        let pulled = std::cell::Cell::new(0);
        let documents = (0..100).map(|_| {
            pulled.set(pulled.get() + 1);
            "Kenya"
        });
        let mut stream = extract_stream(&extractor, documents).window(10);
        assert!(stream.next().is_some());
        assert_eq!(pulled.get(), 10);
        assert_eq!(stream.count(), 99);
        assert_eq!(pulled.get(), 100);
    }

    #[test]
    fn empty_input() {
        let extractor = Extractor::new();
        assert!(extract_batch::<&str>(&extractor, &[]).is_empty());
        assert_eq!(extract_stream(&extractor, Vec::<String>::new()).count(), 0);
    }
}
