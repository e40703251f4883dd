//! Measuring an extractor against annotated news: entities on CoNLL-2003 and
//! quotations on BRAT attribution data (PolNeAR).
//!
//! This module reproduces, figure for figure, the reference scorer kept beside the
//! evaluation data (`prepare_conll.py` + `score_ner.py`, `prepare_polnear.py` +
//! `score_quotes.py`), so a number printed by `gazette eval` is the number the
//! Python scripts print for the same predictions.
//!
//! - [`run_conll`] reads a CoNLL-2003 file, runs a predictor on every document and
//!   scores its entities ([`NerReport`]): exact span and exact type, micro
//!   precision, recall and F1 over PER, ORG and LOC.
//! - [`run_brat`] reads a BRAT directory (`text/STEM.txt`,
//!   `attributions/STEM_ANNOTATOR.ann`), runs the predictor and scores its quotes
//!   ([`QuoteReport`]): direct-quote content, speaker and cue accuracy,
//!   end-to-end, and content over all attributions.
//!
//! The lower-level pieces are public too: [`read_conll`] / [`parse_conll`] and
//! [`read_brat`] / [`BratDocument::from_standoff`] give the gold documents, and
//! [`score_ner`] / [`score_quotes`] score predictions made in any way.
//!
//! # Offsets
//!
//! Everything here counts **code points** (Rust `char`s), end exclusive, because the
//! reference format does: Python string offsets. Gazette's own spans are byte
//! offsets; convert them before filling a [`Prediction`]. Predictions are matched to
//! documents by position: `predictions[i]` belongs to `documents[i]`; a missing
//! prediction counts as empty, an extra one is ignored.
//!
//! # Example
//!
//! ```
//! use gazette::eval::{parse_conll, score_ner, PredictedEntity, Prediction};
//!
//! let conll = "-DOC\x53TART- O\n\nAnna B-PER\nvisited O\nOslo B-LOC\n. O\n";
//! let documents = parse_conll(conll)?;
//! assert_eq!(documents[0].text, "Anna visited Oslo .");
//!
//! let entity = |start, end, kind: &str| PredictedEntity { start, end, kind: kind.into() };
//! let prediction = Prediction {
//!     entities: vec![entity(0, 4, "person"), entity(13, 17, "organization")],
//!     quotes: vec![],
//! };
//! let report = score_ner(&documents, &[prediction]);
//! assert_eq!(report.micro.true_positives, 1);
//! assert_eq!(report.micro.precision, 0.5);
//! assert_eq!(report.right_span_wrong_type, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Reports
//!
//! Both reports print, through `Display`, the same table as the Python scripts,
//! and serialise (serde) to the same JSON object as their `--json` line, with the
//! keys in sorted order: `{"ignored_kinds":0,"metric":"ner","micro":{...},...}`.
//! With [`EvalOptions::errors`] above zero they also list the first misses and
//! false positives of each kind, each with a line of context; that listing is
//! serialised as an extra `"errors"` key only when it is not empty.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::{Deserialize, Deserializer, Serialize};

mod brat;
mod conll;

pub use brat::{
    read_brat, score_quotes, score_quotes_with, Attribution, BratDocument, QuoteCounts, QuoteReport,
    QuoteScore,
};
pub use conll::{
    parse_conll, read_conll, score_ner, score_ner_with, ConllDocument, GoldEntity, NerPerType, NerReport,
    NerScore,
};

/// One document's predictions in code-point offsets, end exclusive (the reference
/// prediction format).
///
/// It deserialises from a line of the reference `PRED.jsonl`; the line's `"id"` is
/// ignored, and `entities` or `quotes` may be missing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prediction {
    /// Predicted entity mentions.
    pub entities: Vec<PredictedEntity>,
    /// Predicted quotations.
    pub quotes: Vec<PredictedQuote>,
}

/// A predicted entity mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PredictedEntity {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// `person`, `organization`, `country` or `location` (or `PER`, `ORG`, `LOC`);
    /// any other kind is not scored and is counted as ignored.
    pub kind: String,
}

/// A predicted quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PredictedQuote {
    /// The quoted content: one part, or several for a quote interrupted by its
    /// attribution (`"X," he said. "Y."`). In JSON, a single `[start, end]` is
    /// accepted as well as a list of parts.
    #[serde(deserialize_with = "content_parts")]
    pub content: Vec<[usize; 2]>,
    /// The speaker mention as it stands next to the cue (may be a pronoun).
    #[serde(default)]
    pub speaker: Option<[usize; 2]>,
    /// The attributing words (`said`, `according to`).
    #[serde(default)]
    pub cue: Option<[usize; 2]>,
    /// `direct`, `mixed` or `indirect`; quotes of kind `indirect` count only
    /// towards the all-attributions score.
    #[serde(default)]
    pub kind: String,
}

fn content_parts<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<[usize; 2]>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Content {
        One([usize; 2]),
        Parts(Vec<[usize; 2]>),
    }
    Ok(match Content::deserialize(deserializer)? {
        Content::One(span) => vec![span],
        Content::Parts(parts) => parts,
    })
}

/// Options for [`run_conll`] and [`run_brat`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EvalOptions {
    /// How many misses and how many false positives of each kind to list in the
    /// report (0 lists none).
    pub errors: usize,
}

/// Read a CoNLL-2003 file, run `predict` on the text of every document (in
/// parallel) and score the entities.
///
/// # Errors
///
/// When the file cannot be read or holds a line with fewer than two columns.
pub fn run_conll(
    path: &Path,
    predict: &(dyn Fn(&str) -> Prediction + Sync),
    options: &EvalOptions,
) -> Result<NerReport, EvalError> {
    let documents = read_conll(path)?;
    let texts: Vec<&str> = documents.iter().map(|d| d.text.as_str()).collect();
    let predictions = predict_all(&texts, predict);
    Ok(score_ner_with(&documents, &predictions, options))
}

/// Read a BRAT attribution directory, run `predict` on the text of every document
/// (in parallel) and score the quotes.
///
/// # Errors
///
/// When a file cannot be read (or is not UTF-8), or an annotation line is malformed.
pub fn run_brat(
    dir: &Path,
    predict: &(dyn Fn(&str) -> Prediction + Sync),
    options: &EvalOptions,
) -> Result<QuoteReport, EvalError> {
    let documents = read_brat(dir)?;
    let texts: Vec<&str> = documents.iter().map(|d| d.text.as_str()).collect();
    let predictions = predict_all(&texts, predict);
    Ok(score_quotes_with(&documents, &predictions, options))
}

/// Run `predict` on every text, on as many threads as the machine offers; the
/// results keep the order of `texts`.
fn predict_all(texts: &[&str], predict: &(dyn Fn(&str) -> Prediction + Sync)) -> Vec<Prediction> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(texts.len());
    if threads <= 1 {
        return texts.iter().map(|text| predict(text)).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Prediction>>> = Mutex::new(vec![None; texts.len()]);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(text) = texts.get(index) else { break };
                let prediction = predict(text);
                let mut results = results.lock().unwrap_or_else(|e| e.into_inner());
                results[index] = Some(prediction);
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.into_iter().map(Option::unwrap_or_default).collect()
}

/// The error of reading evaluation data: which file, which line, what is wrong.
pub struct EvalError {
    kind: ErrorKind,
}

#[derive(Debug)]
enum ErrorKind {
    Io { path: PathBuf, error: io::Error },
    Syntax { path: Option<PathBuf>, line: usize, message: String },
}

impl EvalError {
    pub(crate) fn io(path: &Path, error: io::Error) -> EvalError {
        let path = path.to_path_buf();
        EvalError { kind: ErrorKind::Io { path, error } }
    }

    pub(crate) fn syntax(path: Option<&Path>, line: usize, message: String) -> EvalError {
        let path = path.map(Path::to_path_buf);
        EvalError { kind: ErrorKind::Syntax { path, line, message } }
    }

    /// The file the error is about, if it came from a file.
    pub fn path(&self) -> Option<&Path> {
        match &self.kind {
            ErrorKind::Io { path, .. } => Some(path),
            ErrorKind::Syntax { path, .. } => path.as_deref(),
        }
    }

    /// The 1-based line number of a malformed line.
    pub fn line(&self) -> Option<usize> {
        match &self.kind {
            ErrorKind::Io { .. } => None,
            ErrorKind::Syntax { line, .. } => Some(*line),
        }
    }
}

impl fmt::Debug for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.kind.fmt(f)
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Io { path, error } => write!(f, "{}: {error}", path.display()),
            ErrorKind::Syntax { path: Some(path), line, message } => {
                write!(f, "{}, line {line}: {message}", path.display())
            }
            ErrorKind::Syntax { path: None, line, message } => write!(f, "line {line}: {message}"),
        }
    }
}

impl std::error::Error for EvalError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { error, .. } => Some(error),
            ErrorKind::Syntax { .. } => None,
        }
    }
}

/// Examples of one kind of error (say, "PER missed"), listed in a report when
/// [`EvalOptions::errors`] is above zero.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorGroup {
    /// What went wrong, e.g. `PER missed` or `false-positive quotes`.
    pub title: String,
    /// How many errors of this kind there are in all.
    pub total: usize,
    /// The first few, in document order.
    pub examples: Vec<ErrorExample>,
}

/// One listed error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorExample {
    /// The document id.
    pub document: String,
    /// The spans shown in brackets (code points).
    pub spans: Vec<[usize; 2]>,
    /// One line: the spans' text in `[brackets]` amid about 60 characters of the
    /// text around them, newlines shown as spaces.
    pub context: String,
    /// What else is worth knowing (the gold type, the predicted speaker), or empty.
    pub note: String,
}

impl ErrorGroup {
    pub(crate) fn new(title: impl Into<String>) -> ErrorGroup {
        ErrorGroup { title: title.into(), total: 0, examples: Vec::new() }
    }

    /// Count one error, keeping it as an example while fewer than `limit` are kept.
    pub(crate) fn add(&mut self, limit: usize, example: impl FnOnce() -> ErrorExample) {
        self.total += 1;
        if self.examples.len() < limit {
            self.examples.push(example());
        }
    }
}

/// Write the error listing below a report table (nothing when there is none).
pub(crate) fn write_error_groups(f: &mut fmt::Formatter<'_>, groups: &[ErrorGroup]) -> fmt::Result {
    for group in groups {
        let shown = group.examples.len();
        write!(f, "\n\n{} ({}", group.title, group.total)?;
        if shown < group.total {
            write!(f, ", first {shown}")?;
        }
        write!(f, "):")?;
        for example in &group.examples {
            let where_ = example.spans.first().map_or(String::new(), |[s, e]| format!(" {s}-{e}"));
            write!(f, "\n  {}{where_}: {}", example.document, example.context)?;
            if !example.note.is_empty() {
                write!(f, "  ({})", example.note)?;
            }
        }
    }
    Ok(())
}

/// Characters of context shown on each side of a listed span.
const CONTEXT_SIDE: usize = 30;
/// A bracketed stretch longer than this is shortened in the middle.
const CONTEXT_LONG: usize = 80;

/// One line showing `parts` of `chars` in brackets amid their surroundings.
pub(crate) fn context_line(chars: &[char], parts: &[[usize; 2]]) -> String {
    let len = chars.len();
    let mut parts: Vec<[usize; 2]> =
        parts.iter().map(|&[s, e]| [s.min(len), e.min(len).max(s.min(len))]).collect();
    parts.sort_unstable();
    let (Some(first), Some(last)) = (parts.first(), parts.iter().map(|p| p[1]).max()) else {
        return String::new();
    };
    let from = first[0].saturating_sub(CONTEXT_SIDE);
    let to = (last + CONTEXT_SIDE).min(len);
    let mut out = String::new();
    if from > 0 {
        out.push_str("...");
    }
    push_shown(&mut out, &chars[from..first[0]]);
    let mut cursor = first[0];
    for [s, e] in parts {
        let s = s.max(cursor);
        let e = e.max(s);
        push_shown(&mut out, &chars[cursor..s]);
        out.push('[');
        push_shown(&mut out, &chars[s..e]);
        out.push(']');
        cursor = e;
    }
    push_shown(&mut out, &chars[cursor..to]);
    if to < len {
        out.push_str("...");
    }
    out
}

/// Append `chars` on one line (whitespace and control characters as spaces),
/// shortened in the middle when long.
fn push_shown(out: &mut String, chars: &[char]) {
    let shown = |c: &char| if c.is_whitespace() || c.is_control() { ' ' } else { *c };
    if chars.len() > CONTEXT_LONG {
        out.extend(chars[..50].iter().map(shown));
        out.push_str(" ... ");
        out.extend(chars[chars.len() - 25..].iter().map(shown));
    } else {
        out.extend(chars.iter().map(shown));
    }
}

/// Precision, recall and F1 computed exactly as the reference `common.prf`.
pub(crate) fn prf(tp: usize, n_pred: usize, n_gold: usize) -> (f64, f64, f64) {
    let p = if n_pred > 0 { tp as f64 / n_pred as f64 } else { 0.0 };
    let r = if n_gold > 0 { tp as f64 / n_gold as f64 } else { 0.0 };
    let f = if p + r != 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

/// `a / b` as the reference computes a ratio, 0 when `b` is 0.
pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    if b > 0 {
        a as f64 / b as f64
    } else {
        0.0
    }
}

/// Python's `str.isspace` for one character (a little wider than
/// `char::is_whitespace`: it includes U+001C..U+001F).
pub(crate) fn py_isspace(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\u{1c}'..='\u{20}'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// Python's `str.split()` without arguments: the non-empty runs between spaces.
pub(crate) fn py_split(line: &str) -> impl Iterator<Item = &str> {
    line.split(py_isspace).filter(|s| !s.is_empty())
}

/// The lines of `input` as Python reads a text file: `\n`, `\r\n` and `\r` all end
/// a line, and the terminator is not part of the line.
pub(crate) fn py_lines(input: &str) -> impl Iterator<Item = &str> {
    let mut rest = input;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let line;
        match rest.find(['\n', '\r']) {
            None => {
                line = rest;
                rest = "";
            }
            Some(i) => {
                line = &rest[..i];
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
            }
        }
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_lines_and_spaces() {
        let lines: Vec<&str> = py_lines("a\r\nb\rc\n\nd").collect();
        assert_eq!(lines, ["a", "b", "c", "", "d"]);
        assert_eq!(py_lines("a\n").count(), 1);
        assert_eq!(py_lines("").count(), 0);
        let parts: Vec<&str> = py_split(" x\u{1f}y\u{a0} z\t").collect();
        assert_eq!(parts, ["x", "y", "z"]);
    }

    #[test]
    fn prf_matches_reference_arithmetic() {
        assert_eq!(prf(0, 0, 0), (0.0, 0.0, 0.0));
        assert_eq!(prf(1, 2, 4), (0.5, 0.25, 2.0 * 0.5 * 0.25 / 0.75));
    }

    #[test]
    fn context_brackets_parts_on_one_line() {
        let chars: Vec<char> = "He said:\n\"We win,\" he said. \"Again.\"".chars().collect();
        assert_eq!(context_line(&chars, &[[9, 18]]), "He said: [\"We win,\"] he said. \"Again.\"");
        assert_eq!(
            context_line(&chars, &[[28, 36], [10, 16]]),
            "He said: \"[We win],\" he said. [\"Again.\"]"
        );
        let long: Vec<char> = "word ".repeat(40).chars().collect();
        let line = context_line(&long, &[[100, 104]]);
        assert_eq!(line, format!("...{}[word]{}...", "word ".repeat(6), " word".repeat(6)));
        assert_eq!(context_line(&long, &[]), "");
    }

    #[test]
    fn prediction_json_accepts_single_span_content() {
        let line = r#"{"id": "d", "quotes": [{"content": [3, 9], "speaker": null},
                       {"content": [[1, 2], [4, 5]], "cue": [0, 1], "kind": "indirect"}]}"#;
        let prediction: Prediction = serde_json::from_str(line).unwrap();
        assert!(prediction.entities.is_empty());
        assert_eq!(prediction.quotes[0].content, vec![[3, 9]]);
        assert_eq!(prediction.quotes[0].speaker, None);
        assert_eq!(prediction.quotes[1].content, vec![[1, 2], [4, 5]]);
        assert_eq!(prediction.quotes[1].kind, "indirect");
    }

    #[test]
    fn predictions_keep_document_order() {
        let texts = ["a", "bb", "ccc", "dddd", "eeeee"];
        let predict = |text: &str| Prediction {
            entities: vec![PredictedEntity { start: 0, end: text.len(), kind: "person".into() }],
            quotes: vec![],
        };
        let out = predict_all(&texts, &predict);
        let ends: Vec<usize> = out.iter().map(|p| p.entities[0].end).collect();
        assert_eq!(ends, [1, 2, 3, 4, 5]);
    }

    #[test]
    fn error_says_file_and_line() {
        let error = EvalError::syntax(Some(Path::new("x.conll")), 7, "bad".into());
        assert_eq!(error.to_string(), "x.conll, line 7: bad");
        assert_eq!(error.line(), Some(7));
        assert_eq!(error.path(), Some(Path::new("x.conll")));
    }
}
