//! BRAT attribution data (PolNeAR) and the quote scorer (the reference
//! `prepare_polnear.py` and `score_quotes.py`).

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::fs;
use std::io;
use std::path::Path;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use super::{
    context_line, prf, py_isspace, py_lines, py_split, ratio, write_error_groups, ErrorExample, ErrorGroup,
    EvalError, EvalOptions, PredictedQuote, Prediction,
};

/// One text of a BRAT attribution corpus with its gold attributions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BratDocument {
    /// The file stem shared by `text/STEM.txt` and `attributions/STEM_ANNOTATOR.ann`.
    pub id: String,
    /// The annotator whose file was used, if the text has one.
    pub annotator: Option<String>,
    /// The text, exactly as in the file.
    pub text: String,
    /// The attributions that have a content, sorted by their content's first part,
    /// then by relation id.
    pub attributions: Vec<Attribution>,
}

/// One gold attribution: who (source) said (cue) what (content).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// The relation id in the annotation file (`E12`).
    #[serde(rename = "rel")]
    pub relation: String,
    /// The content parts, sorted; never empty.
    pub content: Vec<[usize; 2]>,
    /// The source parts, sorted (may be empty).
    pub source: Vec<[usize; 2]>,
    /// The cue parts, sorted (may be empty).
    pub cue: Vec<[usize; 2]>,
    /// Whether the content is a direct quotation: more than half of its
    /// non-whitespace characters lie inside quotation marks.
    pub direct: bool,
}

/// Read a BRAT attribution directory: `DIR/text/STEM.txt` and
/// `DIR/attributions/STEM_ANNOTATOR.ann`.
///
/// Documents come in file-name order, one per text. When a text has several
/// annotators' files, the lexicographically first file name is used; a text
/// without one has no attributions. See [`BratDocument::from_standoff`] for what is
/// read from an annotation file.
///
/// # Errors
///
/// When a directory or file cannot be read (or is not UTF-8), or an annotation
/// line is malformed (the error names the file and line).
pub fn read_brat(dir: &Path) -> Result<Vec<BratDocument>, EvalError> {
    let text_dir = dir.join("text");
    let annotation_dir = dir.join("attributions");
    let mut annotations: BTreeMap<String, String> = BTreeMap::new();
    for name in sorted_file_names(&annotation_dir)? {
        if let Some(base) = name.strip_suffix(".ann") {
            let stem = base.rsplit_once('_').map_or(base, |(stem, _)| stem);
            annotations.entry(stem.to_string()).or_insert_with(|| name.clone());
        }
    }
    let mut documents = Vec::new();
    for name in sorted_file_names(&text_dir)? {
        let Some(stem) = name.strip_suffix(".txt") else {
            continue;
        };
        let path = text_dir.join(&name);
        let text = fs::read_to_string(&path).map_err(|e| EvalError::io(&path, e))?;
        let mut document =
            BratDocument { id: stem.to_string(), annotator: None, text, attributions: Vec::new() };
        if let Some(file) = annotations.get(stem) {
            let path = annotation_dir.join(file);
            let standoff = fs::read_to_string(&path).map_err(|e| EvalError::io(&path, e))?;
            let base = file.strip_suffix(".ann").unwrap_or(file);
            document.annotator = Some(base.chars().skip(stem.chars().count() + 1).collect());
            document.attributions = read_attributions(&document.text, &standoff, Some(&path))?;
        }
        documents.push(document);
    }
    Ok(documents)
}

fn sorted_file_names(dir: &Path) -> Result<Vec<String>, EvalError> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| EvalError::io(dir, e))? {
        let entry = entry.map_err(|e| EvalError::io(dir, e))?;
        let name = entry.file_name().into_string().map_err(|name| {
            let message = format!("file name {name:?} is not UTF-8");
            EvalError::io(dir, io::Error::new(io::ErrorKind::InvalidData, message))
        })?;
        names.push(name);
    }
    names.sort_unstable();
    Ok(names)
}

impl BratDocument {
    /// Build a document from its text and the contents of its BRAT annotation file.
    ///
    /// Read from the annotation: text-bound lines (`T3\tContent 10 20;25 40\t...`,
    /// offsets in code points, several parts for a discontinuous span) and
    /// relation lines (`E1\tAttribution:T4 Content:T3 Content2:T9 Cue:T2
    /// Source:T1`, numbered roles merged). Every other line (attributes, notes,
    /// the continuation of a text-bound text that held a newline) is skipped. A
    /// relation without content is dropped.
    ///
    /// ```
    /// use gazette::eval::BratDocument;
    ///
    /// let text = "\u{201c}Not now,\u{201d} Ada said.";
    /// let ann = "T1\tContent 0 10\t\u{201c}Not now,\u{201d}\nT2\tSource 11 14\tAda\n\
    ///            T3\tCue 15 19\tsaid\nE1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n";
    /// let document = BratDocument::from_standoff("d", text, ann)?;
    /// let attribution = &document.attributions[0];
    /// assert_eq!((attribution.content.clone(), attribution.source.clone()), (vec![[0, 10]], vec![[11, 14]]));
    /// assert!(attribution.direct);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When a `T` line is malformed or its span lies outside the text, or a
    /// relation argument has no role (the error names the line).
    pub fn from_standoff(
        id: impl Into<String>,
        text: impl Into<String>,
        standoff: &str,
    ) -> Result<BratDocument, EvalError> {
        let text = text.into();
        let attributions = read_attributions(&text, standoff, None)?;
        Ok(BratDocument { id: id.into(), annotator: None, text, attributions })
    }
}

/// `rest` after `T12\t` when `line` starts with `letter`, digits and a tab.
fn after_id(line: &str, letter: char) -> Option<(&str, &str)> {
    let digits = line.strip_prefix(letter)?;
    let number_len = digits.bytes().take_while(u8::is_ascii_digit).count();
    let rest = digits[number_len..].strip_prefix('\t')?;
    (number_len > 0).then(|| (&line[..1 + number_len], rest))
}

/// The spans of a text-bound line after its id: `TYPE START END(;START END)*\tTEXT`.
fn text_bound_spans(rest: &str) -> Option<Vec<[usize; 2]>> {
    let (kind, rest) = rest.split_once(' ')?;
    if kind.is_empty() || kind.contains(py_isspace) {
        return None;
    }
    let (offsets, _text) = rest.split_once('\t')?;
    let number = |s: &str| {
        let ascii = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        ascii.then(|| s.parse::<usize>().ok()).flatten()
    };
    offsets
        .split(';')
        .map(|part| {
            let (start, end) = part.split_once(' ')?;
            Some([number(start)?, number(end)?])
        })
        .collect()
}

fn read_attributions(text: &str, standoff: &str, path: Option<&Path>) -> Result<Vec<Attribution>, EvalError> {
    let chars: Vec<char> = text.chars().collect();
    let mut text_bounds: HashMap<&str, Vec<[usize; 2]>> = HashMap::new();
    let mut relations: Vec<(&str, Vec<(&str, &str)>)> = Vec::new();
    for (index, line) in py_lines(standoff).enumerate() {
        let line_number = index + 1;
        if let Some((id, rest)) = after_id(line, 'T') {
            let Some(spans) = text_bound_spans(rest) else {
                let message = format!("malformed text-bound line {line:?}");
                return Err(EvalError::syntax(path, line_number, message));
            };
            if let Some([start, end]) = spans.iter().find(|&&[s, e]| s > e || e > chars.len()) {
                let message =
                    format!("span {start} {end} of {id} lies outside the text ({} characters)", chars.len());
                return Err(EvalError::syntax(path, line_number, message));
            }
            text_bounds.insert(id, spans);
        } else if let Some((id, rest)) = after_id(line, 'E') {
            let mut arguments = Vec::new();
            for argument in py_split(rest).skip(1) {
                let Some((role, target)) = argument.split_once(':') else {
                    let message = format!("relation argument {argument:?} has no role");
                    return Err(EvalError::syntax(path, line_number, message));
                };
                arguments.push((role.trim_end_matches(|c: char| c.is_ascii_digit()), target));
            }
            relations.push((id, arguments));
        }
    }
    let mask = quoted_mask(&chars);
    let mut attributions = Vec::new();
    for (relation, arguments) in relations {
        let (mut content, mut source, mut cue) = (Vec::new(), Vec::new(), Vec::new());
        for (role, target) in arguments {
            let parts = match role {
                "Content" => &mut content,
                "Source" => &mut source,
                "Cue" => &mut cue,
                _ => continue,
            };
            if let Some(spans) = text_bounds.get(target) {
                parts.extend_from_slice(spans);
            }
        }
        if content.is_empty() {
            continue;
        }
        content.sort_unstable();
        source.sort_unstable();
        cue.sort_unstable();
        let direct = is_direct(&chars, &mask, &content);
        attributions.push(Attribution { relation: relation.to_string(), content, source, cue, direct });
    }
    attributions.sort_by(|a, b| (a.content[0], &a.relation).cmp(&(b.content[0], &b.relation)));
    Ok(attributions)
}

const OPEN_QUOTE: char = '\u{201c}';
const CLOSE_QUOTE: char = '\u{201d}';

/// Which characters lie inside a quoted region, found per line: a curly open mark
/// opens, a curly close mark closes, a straight `"` opens when nothing is open and
/// closes otherwise; the marks count as inside; a region still open at the end of
/// its line runs to the end of the line.
fn quoted_mask(chars: &[char]) -> Vec<bool> {
    let mut mask = vec![false; chars.len()];
    let mut line_start = 0;
    for line in chars.split(|&c| c == '\n') {
        let mut open = None;
        for (offset, &c) in line.iter().enumerate() {
            let i = line_start + offset;
            match open {
                None if c == OPEN_QUOTE || c == '"' => open = Some(i),
                Some(start) if c == CLOSE_QUOTE || c == '"' => {
                    mask[start..=i].fill(true);
                    open = None;
                }
                _ => {}
            }
        }
        let end = line_start + line.len();
        if let Some(start) = open {
            mask[start..end].fill(true);
        }
        line_start = end + 1;
    }
    mask
}

/// More than half of the content's non-whitespace characters are quoted.
fn is_direct(chars: &[char], mask: &[bool], content: &[[usize; 2]]) -> bool {
    let (mut counted, mut quoted) = (0usize, 0usize);
    for &[start, end] in content {
        for i in start..end.min(chars.len()) {
            if !py_isspace(chars[i]) {
                counted += 1;
                quoted += usize::from(mask[i]);
            }
        }
    }
    counted > 0 && quoted * 2 > counted
}

/// Characters of the parts of `pred` inside the parts of `gold`.
fn overlap(pred: &[[usize; 2]], gold: &[[usize; 2]]) -> i128 {
    let mut total = 0;
    for &[s, e] in pred {
        for &[gs, ge] in gold {
            total += (e.min(ge) as i128 - s.max(gs) as i128).max(0);
        }
    }
    total
}

fn length(parts: &[[usize; 2]]) -> i128 {
    parts.iter().map(|&[s, e]| e as i128 - s as i128).sum()
}

/// The matching rule: at least half of the gold's characters are predicted.
fn matches(pred: &[[usize; 2]], gold: &[[usize; 2]]) -> bool {
    let shared = overlap(pred, gold);
    shared > 0 && 2 * shared >= length(gold)
}

/// One-to-one pairs `(pred, gold)`, largest overlap first (ties: earlier
/// prediction, then earlier gold), in the order they were made.
fn match_one_to_one(preds: &[&[[usize; 2]]], golds: &[&[[usize; 2]]]) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for (i, pred) in preds.iter().enumerate() {
        for (j, gold) in golds.iter().enumerate() {
            let shared = overlap(pred, gold);
            if shared > 0 && 2 * shared >= length(gold) {
                candidates.push((-shared, i, j));
            }
        }
    }
    candidates.sort_unstable();
    let (mut pred_used, mut gold_used) = (vec![false; preds.len()], vec![false; golds.len()]);
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !pred_used[i] && !gold_used[j] {
            pred_used[i] = true;
            gold_used[j] = true;
            pairs.push((i, j));
        }
    }
    pairs
}

/// The words of `parts` in double quotes on one line, cut after `max` characters.
fn quoted_words(chars: &[char], parts: &[[usize; 2]], max: usize) -> String {
    let mut words: Vec<String> = Vec::new();
    for &[start, end] in parts {
        let part: String = slice(chars, start, end).iter().collect();
        words.extend(part.split_whitespace().map(str::to_string));
        words.push("...".to_string());
    }
    words.pop();
    let words: Vec<char> = words.join(" ").chars().collect();
    if words.len() > max {
        let cut: String = words[..max.saturating_sub(3)].iter().collect();
        format!("\"{cut}...\"")
    } else {
        format!("\"{}\"", words.iter().collect::<String>())
    }
}

/// `chars[start..end]` with Python's slice clamping.
fn slice(chars: &[char], start: usize, end: usize) -> &[char] {
    let end = end.min(chars.len());
    &chars[start.min(end)..end]
}

const QUOTE_MARKS: &[char] =
    &['"', '\'', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}', '\u{ab}', '\u{bb}', '\u{201e}'];
const END_PUNCTUATION: &[char] = &['.', ',', ';', ':', '!', '?', '\u{2026}'];

/// Strip whitespace and quotation marks at both ends and punctuation at the end,
/// until nothing changes.
fn trim(mut s: &[char]) -> &[char] {
    fn strip(mut s: &[char], both_ends: bool, unwanted: impl Fn(char) -> bool) -> &[char] {
        while let Some((&last, rest)) = s.split_last() {
            if !unwanted(last) {
                break;
            }
            s = rest;
        }
        while let Some((&first, rest)) = s.split_first() {
            if !both_ends || !unwanted(first) {
                break;
            }
            s = rest;
        }
        s
    }
    loop {
        let before = s.len();
        s = strip(s, true, py_isspace);
        s = strip(s, true, |c| QUOTE_MARKS.contains(&c));
        s = strip(s, false, |c| END_PUNCTUATION.contains(&c));
        if s.len() == before {
            return s;
        }
    }
}

/// A content score of the quote report.
///
/// Serialised with the reference names: `tp`, `n_pred`, `n_gold`, `p`, `r`, `f1`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct QuoteScore {
    /// F1, the harmonic mean of precision and recall.
    pub f1: f64,
    /// Gold attributions scored against.
    #[serde(rename = "n_gold")]
    pub gold: usize,
    /// Predictions scored.
    #[serde(rename = "n_pred")]
    pub predicted: usize,
    /// `tp / n_pred`, 0 when nothing was predicted.
    #[serde(rename = "p")]
    pub precision: f64,
    /// `tp / n_gold`, 0 when there is no gold.
    #[serde(rename = "r")]
    pub recall: f64,
    /// Predictions counted right.
    #[serde(rename = "tp")]
    pub true_positives: usize,
}

impl QuoteScore {
    fn new(tp: usize, predicted: usize, gold: usize) -> QuoteScore {
        let (precision, recall, f1) = prf(tp, predicted, gold);
        QuoteScore { f1, gold, predicted, precision, recall, true_positives: tp }
    }
}

/// The raw counts of the quote report (serialised as the reference `counts`;
/// fields in the order of their JSON names).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct QuoteCounts {
    /// Matched direct pairs whose gold has a cue (`cue_n`).
    #[serde(rename = "cue_n")]
    pub cue_total: usize,
    /// ... of which the predicted cue overlaps the gold cue (`cue_ok`).
    #[serde(rename = "cue_ok")]
    pub cue_correct: usize,
    /// Matched direct pairs with the right speaker (`e2e`).
    #[serde(rename = "e2e")]
    pub end_to_end: usize,
    /// Matched direct pairs whose trimmed texts are equal (`exact`).
    pub exact: usize,
    /// Unmatched predictions lying mostly inside a direct gold content that another
    /// prediction matched (`fp_fragment`).
    #[serde(rename = "fp_fragment")]
    pub fragments: usize,
    /// Unmatched predictions that would match an indirect attribution
    /// (`fp_on_indirect`).
    #[serde(rename = "fp_on_indirect")]
    pub on_indirect: usize,
    /// All gold attributions (`n_all`).
    #[serde(rename = "n_all")]
    pub gold_all: usize,
    /// Direct gold attributions (`n_direct`).
    #[serde(rename = "n_direct")]
    pub gold_direct: usize,
    /// Predicted quotes not of kind `indirect` (`n_pred`).
    #[serde(rename = "n_pred")]
    pub predicted: usize,
    /// All predicted quotes (`n_pred_all`).
    #[serde(rename = "n_pred_all")]
    pub predicted_all: usize,
    /// Matched direct pairs whose gold has a source (`spk_n`).
    #[serde(rename = "spk_n")]
    pub speaker_total: usize,
    /// ... of which the prediction has no speaker (`spk_null`).
    #[serde(rename = "spk_null")]
    pub speaker_null: usize,
    /// ... of which the predicted speaker overlaps the gold source (`spk_ok`).
    #[serde(rename = "spk_ok")]
    pub speaker_correct: usize,
    /// Matched direct pairs (`tp`).
    #[serde(rename = "tp")]
    pub matched: usize,
    /// Matched pairs over all attributions (`tp_all`).
    #[serde(rename = "tp_all")]
    pub matched_all: usize,
}

/// The quote score of a set of predictions (the reference `score_quotes.py`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuoteReport {
    /// (a) Direct-quote content: a prediction matches a direct gold content when
    /// at least half of the gold's characters are predicted.
    pub direct: QuoteScore,
    /// (a) Precision of `direct` without counting fragments as predictions
    /// (JSON `direct.p_fragments_excused`).
    pub precision_fragments_excused: f64,
    /// (a) Matched pairs whose texts are equal once trimmed of whitespace and
    /// quotation marks at both ends and punctuation at the end.
    pub direct_exact: QuoteScore,
    /// (b) Share of matched pairs with a gold source whose predicted speaker
    /// overlaps it (JSON `speaker_acc`).
    pub speaker_accuracy: f64,
    /// (b) The same for cues (JSON `cue_acc`).
    pub cue_accuracy: f64,
    /// (c) Matched with the right speaker (none when the gold has no source).
    pub end_to_end: QuoteScore,
    /// (d) Content over all attributions, direct and indirect, with every
    /// predicted quote.
    pub all: QuoteScore,
    /// The raw counts.
    pub counts: QuoteCounts,
    /// Missed direct quotes, false-positive quotes and wrong speakers when asked
    /// for ([`EvalOptions::errors`]).
    pub errors: Vec<ErrorGroup>,
}

#[derive(Serialize)]
struct DirectJson {
    f1: f64,
    n_gold: usize,
    n_pred: usize,
    p: f64,
    p_fragments_excused: f64,
    r: f64,
    tp: usize,
}

impl Serialize for QuoteReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = &self.direct;
        let direct = DirectJson {
            f1: d.f1,
            n_gold: d.gold,
            n_pred: d.predicted,
            p: d.precision,
            p_fragments_excused: self.precision_fragments_excused,
            r: d.recall,
            tp: d.true_positives,
        };
        let mut s = serializer.serialize_struct("QuoteReport", 9)?;
        s.serialize_field("all", &self.all)?;
        s.serialize_field("counts", &self.counts)?;
        s.serialize_field("cue_acc", &self.cue_accuracy)?;
        s.serialize_field("direct", &direct)?;
        s.serialize_field("direct_exact", &self.direct_exact)?;
        s.serialize_field("end_to_end", &self.end_to_end)?;
        if self.errors.is_empty() {
            s.skip_field("errors")?;
        } else {
            s.serialize_field("errors", &self.errors)?;
        }
        s.serialize_field("metric", "quotes")?;
        s.serialize_field("speaker_acc", &self.speaker_accuracy)?;
        s.end()
    }
}

impl fmt::Display for QuoteReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = |f: &mut fmt::Formatter<'_>, label: &str, v: &QuoteScore| {
            writeln!(
                f,
                "{label:<34} tp={:>5} pred={:>5} gold={:>5}  P={:.4} R={:.4} F1={:.4}",
                v.true_positives, v.predicted, v.gold, v.precision, v.recall, v.f1
            )
        };
        let c = &self.counts;
        line(f, "(a) direct content (>=1/2 gold)", &self.direct)?;
        line(f, "(a) direct content, exact (trimmed)", &self.direct_exact)?;
        writeln!(
            f,
            "{:<34} {}/{} = {:.4}  (null speaker: {})",
            "(b) speaker accuracy", c.speaker_correct, c.speaker_total, self.speaker_accuracy, c.speaker_null
        )?;
        writeln!(
            f,
            "{:<34} {}/{} = {:.4}",
            "    cue accuracy", c.cue_correct, c.cue_total, self.cue_accuracy
        )?;
        line(f, "(c) end-to-end (content+speaker)", &self.end_to_end)?;
        line(f, "(d) all attributions content", &self.all)?;
        write!(
            f,
            "unmatched predictions on an indirect attribution: {}; fragments of an already matched direct \
             quote: {} (direct P with fragments not counted: {:.4})",
            c.on_indirect, c.fragments, self.precision_fragments_excused
        )?;
        write_error_groups(f, &self.errors)
    }
}

/// Score predicted quotes against BRAT documents (`predictions[i]` belongs to
/// `documents[i]`).
///
/// ```
/// use gazette::eval::{score_quotes, BratDocument, PredictedQuote, Prediction};
///
/// let text = "Ada said: \"Not now.\"";
/// let ann = "T1\tSource 0 3\tAda\nT2\tCue 4 8\tsaid\nT3\tContent 10 20\t\"Not now.\"\n\
///            E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n";
/// let documents = [BratDocument::from_standoff("d", text, ann)?];
/// let quote = PredictedQuote { content: vec![[11, 18]], speaker: Some([0, 3]), cue: None, kind: "direct".into() };
/// let report = score_quotes(&documents, &[Prediction { entities: vec![], quotes: vec![quote] }]);
/// assert_eq!(report.direct.f1, 1.0);
/// assert_eq!(report.direct_exact.true_positives, 1);
/// assert_eq!(report.speaker_accuracy, 1.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score_quotes(documents: &[BratDocument], predictions: &[Prediction]) -> QuoteReport {
    score_quotes_with(documents, predictions, &EvalOptions::default())
}

/// [`score_quotes`], listing errors as `options` asks.
pub fn score_quotes_with(
    documents: &[BratDocument],
    predictions: &[Prediction],
    options: &EvalOptions,
) -> QuoteReport {
    let limit = options.errors;
    let mut c = QuoteCounts::default();
    let mut missed = ErrorGroup::new("missed direct quotes");
    let mut false_positives = ErrorGroup::new("false-positive quotes");
    let mut wrong_speakers = ErrorGroup::new("wrong speakers");
    let empty = Prediction::default();
    for (index, document) in documents.iter().enumerate() {
        let all_quotes = &predictions.get(index).unwrap_or(&empty).quotes;
        let quotes: Vec<&PredictedQuote> = all_quotes.iter().filter(|q| q.kind != "indirect").collect();
        let spans: Vec<&[[usize; 2]]> = quotes.iter().map(|q| q.content.as_slice()).collect();
        let direct: Vec<&Attribution> = document.attributions.iter().filter(|a| a.direct).collect();
        let indirect: Vec<&Attribution> = document.attributions.iter().filter(|a| !a.direct).collect();
        c.predicted += quotes.len();
        c.gold_direct += direct.len();
        c.gold_all += document.attributions.len();
        let direct_contents: Vec<&[[usize; 2]]> = direct.iter().map(|a| a.content.as_slice()).collect();
        let mut pairs = match_one_to_one(&spans, &direct_contents);
        c.matched += pairs.len();
        c.predicted_all += all_quotes.len();
        let all_spans: Vec<&[[usize; 2]]> = all_quotes.iter().map(|q| q.content.as_slice()).collect();
        let all_contents: Vec<&[[usize; 2]]> =
            document.attributions.iter().map(|a| a.content.as_slice()).collect();
        c.matched_all += match_one_to_one(&all_spans, &all_contents).len();

        let chars: Vec<char> = document.text.chars().collect();
        let example = |spans: Vec<[usize; 2]>, note: String| ErrorExample {
            document: document.id.clone(),
            context: context_line(&chars, &spans),
            spans,
            note,
        };
        let shown = |parts: &[[usize; 2]]| quoted_words(&chars, parts, 60);
        pairs.sort_unstable_by_key(|&(_, j)| j);
        for &(i, j) in &pairs {
            let (quote, gold) = (quotes[i], direct[j]);
            let hull_end = gold.content.iter().map(|p| p[1]).max().unwrap_or(0);
            let hull = slice(&chars, gold.content.first().map_or(0, |p| p[0]), hull_end);
            if let (Some(first), Some(last)) = (quote.content.first(), quote.content.last()) {
                c.exact += usize::from(trim(slice(&chars, first[0], last[1])) == trim(hull));
            }
            let speaker_right = quote.speaker.is_some_and(|s| overlap(&[s], &gold.source) > 0);
            if !gold.source.is_empty() {
                c.speaker_total += 1;
                c.speaker_correct += usize::from(speaker_right);
                c.speaker_null += usize::from(quote.speaker.is_none());
            }
            if !gold.cue.is_empty() {
                c.cue_total += 1;
                c.cue_correct += usize::from(quote.cue.is_some_and(|cue| overlap(&[cue], &gold.cue) > 0));
            }
            let right = if gold.source.is_empty() { quote.speaker.is_none() } else { speaker_right };
            if right {
                c.end_to_end += 1;
            } else {
                wrong_speakers.add(limit, || {
                    let mut spans = gold.source.clone();
                    spans.extend(quote.speaker);
                    let predicted = quote.speaker.map_or("none".to_string(), |s| shown(&[s]));
                    let source =
                        if gold.source.is_empty() { "none".to_string() } else { shown(&gold.source) };
                    let quoted = quoted_words(&chars, &gold.content, 40);
                    if spans.is_empty() {
                        spans = gold.content.clone();
                    }
                    let note = format!("predicted speaker {predicted}, gold source {source}, quote {quoted}");
                    example(spans, note)
                });
            }
        }

        let mut pred_matched = vec![false; quotes.len()];
        let mut gold_matched = vec![false; direct.len()];
        for &(i, j) in &pairs {
            pred_matched[i] = true;
            gold_matched[j] = true;
        }
        let matched_gold: Vec<&[[usize; 2]]> = pairs.iter().map(|&(_, j)| direct_contents[j]).collect();
        let mut unmatched: Vec<usize> = (0..spans.len()).filter(|&i| !pred_matched[i]).collect();
        unmatched.sort_by_key(|&i| spans[i].iter().map(|p| p[0]).min());
        for i in unmatched {
            let span = spans[i];
            let note = if indirect.iter().any(|a| matches(span, &a.content)) {
                c.on_indirect += 1;
                "on an indirect attribution"
            } else if matched_gold
                .iter()
                .any(|gold| length(span) > 0 && 2 * overlap(span, gold) >= length(span))
            {
                c.fragments += 1;
                "fragment of a quote matched by another prediction"
            } else {
                ""
            };
            false_positives.add(limit, || example(span.to_vec(), note.to_string()));
        }
        for (j, gold) in direct.iter().enumerate() {
            if !gold_matched[j] {
                missed.add(limit, || {
                    let note = if gold.source.is_empty() {
                        String::new()
                    } else {
                        format!("source {}", shown(&gold.source))
                    };
                    example(gold.content.clone(), note)
                });
            }
        }
    }
    let direct = QuoteScore::new(c.matched, c.predicted, c.gold_direct);
    QuoteReport {
        direct,
        precision_fragments_excused: ratio(c.matched, c.predicted - c.fragments),
        direct_exact: QuoteScore::new(c.exact, c.predicted, c.gold_direct),
        speaker_accuracy: ratio(c.speaker_correct, c.speaker_total),
        cue_accuracy: ratio(c.cue_correct, c.cue_total),
        end_to_end: QuoteScore::new(c.end_to_end, c.predicted, c.gold_direct),
        all: QuoteScore::new(c.matched_all, c.predicted_all, c.gold_all),
        counts: c,
        errors: if limit > 0 { vec![missed, false_positives, wrong_speakers] } else { Vec::new() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The code-point span of the first `needle` in `text`.
    fn find(text: &str, needle: &str) -> [usize; 2] {
        let byte = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the text"));
        let start = text[..byte].chars().count();
        [start, start + needle.chars().count()]
    }

    fn quote(content: &[[usize; 2]], speaker: Option<[usize; 2]>, kind: &str) -> PredictedQuote {
        PredictedQuote { content: content.to_vec(), speaker, cue: None, kind: kind.to_string() }
    }

    fn predict(quotes: Vec<PredictedQuote>) -> Vec<Prediction> {
        vec![Prediction { entities: Vec::new(), quotes }]
    }

    // A made-up article: an interrupted curly quote, a straight quote, an indirect
    // attribution and a paragraph quote left open at the end of its line.
    const TEXT: &str = "\u{201c}We built it,\u{201d} Mayor Okafor said. \u{201c}Now we test it.\u{201d}\n\
        Residents said the bridge felt \"solid\" to them.\n\
        \u{201c}Open paragraph that never closes\nShe left.";

    fn annotation() -> String {
        let t = TEXT;
        let [q1s, q1e] = find(t, "\u{201c}We built it,\u{201d}");
        let [q2s, q2e] = find(t, "\u{201c}Now we test it.\u{201d}");
        let [ss, se] = find(t, "Mayor Okafor");
        let [cs, ce] = find(t, "said");
        let [is, ie] = find(t, "the bridge felt \"solid\" to them");
        let [rs, re] = find(t, "Residents");
        let [ps, pe] = find(t, "\u{201c}Open paragraph that never closes");
        format!(
            "T1\tContent {q1s} {q1e};{q2s} {q2e}\t\u{201c}We built it,\u{201d} \u{201c}Now we test it.\u{201d}\n\
             T2\tSource {ss} {se}\tMayor Okafor\n\
             T3\tCue {cs} {ce}\tsaid\n\
             E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n\
             A1\tFactuality E1 high\n\
             T4\tContent {is} {ie}\tthe bridge felt \"solid\" to them\n\
             T5\tSource {rs} {re}\tResidents\n\
             E2\tAttribution:T5 Source:T5 Content:T4\n\
             T6\tContent {ps} {pe}\t\u{201c}Open paragraph that never closes\n\
             #1\tAnnotatorNotes T6\ta note\n\
             E3\tAttribution:T6 Content:T6\n\
             E4\tAttribution:T3 Cue:T3 Source:T2\n"
        )
    }

    fn document() -> BratDocument {
        BratDocument::from_standoff("article", TEXT, &annotation()).unwrap()
    }

    #[test]
    fn reads_discontinuous_content_and_decides_direct() {
        let doc = document();
        let ids: Vec<&str> = doc.attributions.iter().map(|a| a.relation.as_str()).collect();
        assert_eq!(ids, ["E1", "E2", "E3"], "E4 has no content and is dropped");
        let interrupted = &doc.attributions[0];
        assert_eq!(interrupted.content.len(), 2);
        assert_eq!(interrupted.source, vec![find(TEXT, "Mayor Okafor")]);
        assert!(interrupted.direct);
        assert!(!doc.attributions[1].direct, "one quoted word in a paraphrase");
        assert!(doc.attributions[2].direct, "a quote open at the end of its line runs to its end");
    }

    #[test]
    fn direct_needs_more_than_half_of_the_non_space_characters() {
        let text = "ab \"cd\"";
        let mask = quoted_mask(&text.chars().collect::<Vec<_>>());
        let chars: Vec<char> = text.chars().collect();
        assert!(!is_direct(&chars, &mask, &[[0, 5]]), "2 of 4 characters quoted");
        assert!(is_direct(&chars, &mask, &[[1, 6]]), "3 of 4 characters quoted");
        assert!(!is_direct(&chars, &mask, &[[2, 3]]), "only a space");
    }

    #[test]
    fn numbered_roles_continuation_lines_and_crlf() {
        let text = "Kim said \"yes\" and\nthen \"no\" twice.";
        let [a, b] = find(text, "\"yes\"");
        let [c, d] = find(text, "\"no\"");
        let [k0, k1] = find(text, "Kim");
        let ann = format!(
            "T1\tContent {a} {b}\t\"yes\"\r\nT2\tContent {c} {d}\t\"no\r\ncontinued\" text\r\n\
             T3\tSource {k0} {k1}\tKim\r\nE1\tAttribution:T3 Content2:T2 Content:T1 Source:T3\r\n"
        );
        let doc = BratDocument::from_standoff("d", text, &ann).unwrap();
        assert_eq!(doc.attributions.len(), 1);
        assert_eq!(doc.attributions[0].content, vec![[a, b], [c, d]]);
        assert!(doc.attributions[0].direct);
    }

    #[test]
    fn malformed_lines_are_errors_naming_the_line() {
        let error = BratDocument::from_standoff("d", "short", "T1\tContent 0 3\tsho\nT2\tContent 0\tx\n")
            .unwrap_err();
        assert_eq!(error.line(), Some(2));
        let error = BratDocument::from_standoff("d", "short", "T1\tContent 2 9\tx\n").unwrap_err();
        assert!(error.to_string().contains("outside the text"), "{error}");
        let error = BratDocument::from_standoff("d", "short", "\nE1\tAttribution:T1 T2\n").unwrap_err();
        assert_eq!(error.to_string(), "line 2: relation argument \"T2\" has no role");
    }

    #[test]
    fn reads_a_directory_with_the_first_annotator() {
        let dir = std::env::temp_dir().join(format!("gazette-eval-brat-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("text")).unwrap();
        fs::create_dir_all(dir.join("attributions")).unwrap();
        fs::write(dir.join("text/b_story.txt"), "Lu said \"hi\".").unwrap();
        fs::write(dir.join("text/a_story.txt"), "Nothing here.").unwrap();
        fs::write(dir.join("text/notes.md"), "not a text").unwrap();
        let ann = |start| format!("T1\tContent {start} 12\tx\nE1\tAttribution:T1 Content:T1\n");
        fs::write(dir.join("attributions/b_story_zz01.ann"), ann(8)).unwrap();
        fs::write(dir.join("attributions/b_story_aa02.ann"), ann(9)).unwrap();
        let docs = read_brat(&dir);
        let _ = fs::remove_dir_all(&dir);
        let docs = docs.unwrap();
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a_story", "b_story"]);
        assert_eq!(docs[0].annotator, None);
        assert!(docs[0].attributions.is_empty());
        assert_eq!(docs[1].annotator.as_deref(), Some("aa02"));
        assert_eq!(docs[1].attributions[0].content, vec![[9, 12]]);
        let error = read_brat(Path::new("/nonexistent/split")).unwrap_err();
        assert_eq!(error.path(), Some(Path::new("/nonexistent/split/attributions")));
    }

    fn perfect() -> Vec<PredictedQuote> {
        document()
            .attributions
            .iter()
            .filter(|a| a.direct)
            .map(|a| PredictedQuote {
                content: a.content.clone(),
                speaker: a.source.first().copied(),
                cue: a.cue.first().copied(),
                kind: "direct".into(),
            })
            .collect()
    }

    #[test]
    fn perfect_is_one_and_empty_is_zero() {
        let report = score_quotes(&[document()], &predict(perfect()));
        for score in [report.direct, report.direct_exact, report.end_to_end] {
            assert_eq!((score.precision, score.recall, score.f1), (1.0, 1.0, 1.0));
        }
        assert_eq!((report.speaker_accuracy, report.cue_accuracy), (1.0, 1.0));
        assert_eq!(report.all.recall, 2.0 / 3.0);
        let report = score_quotes(&[document()], &[]);
        assert_eq!((report.direct.precision, report.direct.recall, report.direct.f1), (0.0, 0.0, 0.0));
        assert_eq!(report.counts.gold_direct, 2);
        assert_eq!(report.counts.gold_all, 3);
    }

    #[test]
    fn half_of_the_gold_is_enough_and_less_is_not() {
        let text = "0123456789";
        let ann = "T1\tContent 0 10\tx\nE1\tAttribution:T1 Content:T1\n";
        let doc =
            BratDocument::from_standoff("d", format!("\"{text}\""), &ann.replace("0 10", "0 12")).unwrap();
        assert!(doc.attributions[0].direct);
        let score = |content: [usize; 2]| {
            score_quotes(std::slice::from_ref(&doc), &predict(vec![quote(&[content], None, "")]))
                .direct
                .true_positives
        };
        assert_eq!(score([0, 6]), 1, "6 of 12");
        assert_eq!(score([6, 12]), 1, "6 of 12");
        assert_eq!(score([0, 5]), 0, "5 of 12");
        assert_eq!(score([11, 30]), 0, "1 of 12");
    }

    #[test]
    fn discontinuous_gold_matched_whole_or_by_fragments() {
        let doc = document();
        let gold = doc.attributions[0].content.clone();
        let speaker = Some(find(TEXT, "Okafor"));
        let whole = score_quotes(std::slice::from_ref(&doc), &predict(vec![quote(&gold, speaker, "direct")]));
        assert_eq!((whole.direct.true_positives, whole.end_to_end.true_positives), (1, 1));
        assert_eq!(whole.direct_exact.true_positives, 1);
        // Each half alone: the larger half matches, the other is a fragment.
        let halves = vec![quote(&[gold[0]], speaker, "direct"), quote(&[gold[1]], speaker, "direct")];
        let report = score_quotes(std::slice::from_ref(&doc), &predict(halves));
        assert_eq!(report.direct.true_positives, 1);
        assert_eq!(report.counts.fragments, 1);
        assert_eq!(report.precision_fragments_excused, 1.0);
        assert_eq!(report.direct_exact.true_positives, 0);
    }

    #[test]
    fn greedy_matching_prefers_the_largest_overlap_then_the_earlier_prediction() {
        let golds: [&[[usize; 2]]; 2] = [&[[0, 10]], &[[10, 20]]];
        let a: &[[usize; 2]] = &[[2, 10]];
        let b: &[[usize; 2]] = &[[0, 10]];
        assert_eq!(match_one_to_one(&[a, b], &golds), [(1, 0)]);
        let c: &[[usize; 2]] = &[[0, 20]];
        assert_eq!(match_one_to_one(&[c, b], &golds), [(0, 0)]);
        assert_eq!(match_one_to_one(&[b, b], &golds[..1]), [(0, 0)]);
    }

    #[test]
    fn speakers_cues_indirect_kind_and_trimming() {
        let doc = document();
        let gold = doc.attributions[0].content.clone();
        let mut wrong = quote(&gold, Some(find(TEXT, "said")), "direct");
        wrong.cue = Some(find(TEXT, "said"));
        let on_indirect = quote(&[find(TEXT, "the bridge felt \"solid\"")], None, "mixed");
        let indirect = quote(&[find(TEXT, "the bridge felt \"solid\" to them")], None, "indirect");
        let report = score_quotes(std::slice::from_ref(&doc), &predict(vec![wrong, on_indirect, indirect]));
        assert_eq!((report.speaker_accuracy, report.cue_accuracy), (0.0, 1.0));
        assert_eq!(report.end_to_end.true_positives, 0);
        assert_eq!(report.counts.on_indirect, 1);
        assert_eq!((report.direct.predicted, report.all.predicted, report.all.true_positives), (2, 3, 2));
        let chars: Vec<char> = " \u{201c}Yes, we can.\u{201d}, ".chars().collect();
        assert_eq!(trim(&chars).iter().collect::<String>(), "Yes, we can");
    }

    #[test]
    fn errors_table_and_json() {
        let doc = document();
        let gold = doc.attributions[0].content.clone();
        let quotes = vec![quote(&gold, None, "direct"), quote(&[find(TEXT, "Residents")], None, "")];
        let report = score_quotes_with(&[doc], &predict(quotes), &EvalOptions { errors: 3 });
        let titles: Vec<(&str, usize)> = report.errors.iter().map(|g| (g.title.as_str(), g.total)).collect();
        assert_eq!(
            titles,
            [("missed direct quotes", 1), ("false-positive quotes", 1), ("wrong speakers", 1)]
        );
        assert_eq!(
            report.errors[0].examples[0].context,
            "... bridge felt \"solid\" to them. [\u{201c}Open paragraph that never closes] She left."
        );
        assert!(report.errors[2].examples[0]
            .note
            .starts_with("predicted speaker none, gold source \"Mayor Okafor\""));
        let table = report.to_string();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(
            lines[0],
            "(a) direct content (>=1/2 gold)    tp=    1 pred=    2 gold=    2  P=0.5000 R=0.5000 F1=0.5000"
        );
        assert_eq!(
            lines[1],
            "(a) direct content, exact (trimmed) tp=    1 pred=    2 gold=    2  P=0.5000 R=0.5000 F1=0.5000"
        );
        assert_eq!(lines[2], "(b) speaker accuracy               0/1 = 0.0000  (null speaker: 1)");
        assert_eq!(lines[3], "    cue accuracy                   0/1 = 0.0000");
        assert!(lines[6].starts_with("unmatched predictions on an indirect attribution: 0; fragments"));
        let json = serde_json::to_string(&score_quotes(&[document()], &[])).unwrap();
        assert!(
            json.starts_with(
                r#"{"all":{"f1":0.0,"n_gold":3,"n_pred":0,"p":0.0,"r":0.0,"tp":0},"counts":{"cue_n":0,"#
            ),
            "{json}"
        );
        assert!(json.contains(r#""direct":{"f1":0.0,"n_gold":2,"n_pred":0,"p":0.0,"p_fragments_excused":0.0,"r":0.0,"tp":0},"direct_exact""#), "{json}");
        assert!(json.ends_with(r#""metric":"quotes","speaker_acc":0.0}"#), "{json}");
    }
}
