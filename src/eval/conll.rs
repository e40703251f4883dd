//! CoNLL-2003 documents and the entity scorer (the reference `prepare_conll.py`
//! and `score_ner.py`).

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use super::{
    context_line, prf, py_lines, py_split, write_error_groups, ErrorExample, ErrorGroup, EvalError,
    EvalOptions, Prediction,
};

/// One CoNLL-2003 document, rebuilt as the reference does: the tokens of a sentence
/// joined by one space, sentences joined by `"\n"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConllDocument {
    /// `doc0000`, `doc0001`, ... in file order.
    pub id: String,
    /// The rebuilt text.
    pub text: String,
    /// The gold entities, in text order, code-point offsets.
    pub entities: Vec<GoldEntity>,
}

/// A gold entity of a [`ConllDocument`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldEntity {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The tag's type: `PER`, `ORG`, `LOC` or `MISC` in CoNLL-2003.
    pub kind: String,
}

/// Read a CoNLL-2003 file (see [`parse_conll`]).
///
/// # Errors
///
/// When the file cannot be read as UTF-8, or a line has a single column (the
/// error names the file and line).
pub fn read_conll(path: &Path) -> Result<Vec<ConllDocument>, EvalError> {
    let input = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    parse(&input, Some(path))
}

/// Parse CoNLL-2003 text into documents.
///
/// Each line holds a token in its first column and its tag in its last (any number
/// of columns from two); an empty line ends a sentence. Tags may be IOB1 (`B-` only
/// between two neighbours of one type) or IOB2 (`B-` on every first token). A
/// `DOCSTART` line closes the document before it, so the marker may stand before
/// or after its document. Documents are numbered `doc0000`, `doc0001`, ...
///
/// ```
/// use gazette::eval::parse_conll;
///
/// let docs = parse_conll("Ed I-PER\nsaw O\n\nRome I-LOC\n-DOC\x53TART- O\n\nOK O\n")?;
/// assert_eq!(docs.len(), 2);
/// assert_eq!(docs[0].text, "Ed saw\nRome");
/// assert_eq!((docs[0].entities[1].start, docs[0].entities[1].end), (7, 11));
/// assert_eq!(docs[1].id, "doc0001");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// When a line has a single column (the error names the line).
pub fn parse_conll(input: &str) -> Result<Vec<ConllDocument>, EvalError> {
    parse(input, None)
}

/// A sentence: (token, tag) pairs.
type Sentence<'a> = Vec<(&'a str, &'a str)>;

fn parse(input: &str, path: Option<&Path>) -> Result<Vec<ConllDocument>, EvalError> {
    let mut documents = Vec::new();
    let mut document: Vec<Sentence> = Vec::new();
    let mut sentence: Sentence = Vec::new();
    for (index, line) in py_lines(input).enumerate() {
        let columns: Vec<&str> = py_split(line).collect();
        let marker = columns.first() == Some(&"-DOC\x53TART-");
        if columns.is_empty() || marker {
            if !sentence.is_empty() {
                document.push(std::mem::take(&mut sentence));
            }
            if marker && !document.is_empty() {
                documents.push(convert(&document, documents.len()));
                document.clear();
            }
            continue;
        }
        if columns.len() < 2 {
            let message = format!("expected a token and a tag, got {line:?}");
            return Err(EvalError::syntax(path, index + 1, message));
        }
        sentence.push((columns[0], columns[columns.len() - 1]));
    }
    if !sentence.is_empty() {
        document.push(sentence);
    }
    if !document.is_empty() {
        documents.push(convert(&document, documents.len()));
    }
    Ok(documents)
}

fn convert(document: &[Sentence], index: usize) -> ConllDocument {
    let mut text = String::new();
    let mut entities = Vec::new();
    let mut position = 0;
    for (sentence_index, sentence) in document.iter().enumerate() {
        if sentence_index > 0 {
            text.push('\n');
            position += 1;
        }
        let mut starts = Vec::with_capacity(sentence.len());
        for (token_index, (token, _)) in sentence.iter().enumerate() {
            if token_index > 0 {
                text.push(' ');
                position += 1;
            }
            starts.push(position);
            text.push_str(token);
            position += token.chars().count();
        }
        let tags: Vec<&str> = sentence.iter().map(|(_, tag)| *tag).collect();
        for (first, end, kind) in iob_entities(&tags) {
            let last = end - 1;
            entities.push(GoldEntity {
                start: starts[first],
                end: starts[last] + sentence[last].0.chars().count(),
                kind: kind.to_string(),
            });
        }
    }
    ConllDocument { id: format!("doc{index:04}"), text, entities }
}

/// `(first token, end token exclusive, type)` of the entities of IOB1 or IOB2 tags:
/// an entity ends at `O`, at a change of type, or at a `B-` tag.
fn iob_entities<'a>(tags: &[&'a str]) -> Vec<(usize, usize, &'a str)> {
    let mut entities = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for i in 0..=tags.len() {
        let tag = tags.get(i).copied().unwrap_or("O");
        let (prefix, kind) = tag.split_once('-').unwrap_or((tag, ""));
        if let Some((start, open_kind)) = open {
            if tag == "O" || kind != open_kind || prefix == "B" {
                entities.push((start, i, open_kind));
                open = None;
            }
        }
        if tag != "O" && open.is_none() {
            open = Some((i, kind));
        }
    }
    entities
}

/// The three scored types, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Type {
    Per,
    Org,
    Loc,
}

const TYPES: [Type; 3] = [Type::Per, Type::Org, Type::Loc];

impl Type {
    fn of_gold(kind: &str) -> Option<Type> {
        match kind {
            "PER" => Some(Type::Per),
            "ORG" => Some(Type::Org),
            "LOC" => Some(Type::Loc),
            _ => None,
        }
    }

    fn of_prediction(kind: &str) -> Option<Type> {
        match kind {
            "person" | "PER" => Some(Type::Per),
            "organization" | "ORG" => Some(Type::Org),
            "country" | "location" | "LOC" => Some(Type::Loc),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Type::Per => "PER",
            Type::Org => "ORG",
            Type::Loc => "LOC",
        }
    }
}

/// Counts and scores of one type, or of all three (micro).
///
/// Serialised with the reference names: `tp`, `fp`, `fn`, `p`, `r`, `f1`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct NerScore {
    /// F1, the harmonic mean of precision and recall.
    pub f1: f64,
    /// Gold entities not predicted.
    #[serde(rename = "fn")]
    pub false_negatives: usize,
    /// Predictions matching no gold entity (nor a MISC span).
    #[serde(rename = "fp")]
    pub false_positives: usize,
    /// `tp / (tp + fp)`, 0 when nothing was predicted.
    #[serde(rename = "p")]
    pub precision: f64,
    /// `tp / (tp + fn)`, 0 when there is no gold entity.
    #[serde(rename = "r")]
    pub recall: f64,
    /// Predictions with exactly a gold entity's span and type.
    #[serde(rename = "tp")]
    pub true_positives: usize,
}

impl NerScore {
    fn new(tp: usize, fp: usize, fn_: usize) -> NerScore {
        let (precision, recall, f1) = prf(tp, tp + fp, tp + fn_);
        NerScore { f1, false_negatives: fn_, false_positives: fp, precision, recall, true_positives: tp }
    }
}

/// The score of each type (serialised as `LOC`, `ORG`, `PER`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct NerPerType {
    /// Locations: predicted `country` and `location` against gold `LOC`.
    #[serde(rename = "LOC")]
    pub loc: NerScore,
    /// Organisations: predicted `organization` against gold `ORG`.
    #[serde(rename = "ORG")]
    pub org: NerScore,
    /// People: predicted `person` against gold `PER`.
    #[serde(rename = "PER")]
    pub per: NerScore,
}

/// The entity score of a set of predictions (the reference `score_ner.py`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NerReport {
    /// Over all three types.
    pub micro: NerScore,
    /// Per type.
    pub per_type: NerPerType,
    /// Predictions exactly on a gold MISC span (not false positives).
    pub on_misc: usize,
    /// Predictions of a kind that is not scored.
    pub ignored_kinds: usize,
    /// False positives whose span is a gold entity's of another type.
    pub right_span_wrong_type: usize,
    /// Scored predictions, duplicates counted once (JSON `n_pred`).
    pub predicted: usize,
    /// Misses and false positives per type when asked for ([`EvalOptions::errors`]).
    pub errors: Vec<ErrorGroup>,
}

impl Serialize for NerReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("NerReport", 8)?;
        if self.errors.is_empty() {
            s.skip_field("errors")?;
        } else {
            s.serialize_field("errors", &self.errors)?;
        }
        s.serialize_field("ignored_kinds", &self.ignored_kinds)?;
        s.serialize_field("metric", "ner")?;
        s.serialize_field("micro", &self.micro)?;
        s.serialize_field("n_pred", &self.predicted)?;
        s.serialize_field("on_misc", &self.on_misc)?;
        s.serialize_field("per_type", &self.per_type)?;
        s.serialize_field("right_span_wrong_type", &self.right_span_wrong_type)?;
        s.end()
    }
}

impl fmt::Display for NerReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header = ("type", "tp", "fp", "fn", "P", "R", "F1");
        let (a, b, c, d, e, g, h) = header;
        writeln!(f, "{a:<6} {b:>6} {c:>6} {d:>6} {e:>7} {g:>7} {h:>7}")?;
        let p = &self.per_type;
        for (name, v) in [("PER", &p.per), ("ORG", &p.org), ("LOC", &p.loc), ("micro", &self.micro)] {
            writeln!(
                f,
                "{name:<6} {:>6} {:>6} {:>6} {:>7.4} {:>7.4} {:>7.4}",
                v.true_positives, v.false_positives, v.false_negatives, v.precision, v.recall, v.f1
            )?;
        }
        writeln!(f, "predictions exactly on a gold MISC span (not counted as FP): {}", self.on_misc)?;
        writeln!(f, "false positives with a gold span but another type: {}", self.right_span_wrong_type)?;
        write!(f, "predictions with an unscored kind (ignored): {}", self.ignored_kinds)?;
        write_error_groups(f, &self.errors)
    }
}

/// Score predicted entities against CoNLL documents (`predictions[i]` belongs to
/// `documents[i]`).
///
/// Exact span and exact type; a prediction exactly on a gold MISC span is neither
/// right nor wrong; duplicate predictions (same span, same scored type) count once.
pub fn score_ner(documents: &[ConllDocument], predictions: &[Prediction]) -> NerReport {
    score_ner_with(documents, predictions, &EvalOptions::default())
}

/// [`score_ner`], listing errors as `options` asks.
pub fn score_ner_with(
    documents: &[ConllDocument],
    predictions: &[Prediction],
    options: &EvalOptions,
) -> NerReport {
    let limit = options.errors;
    let (mut tp, mut fp, mut fn_) = ([0usize; 3], [0usize; 3], [0usize; 3]);
    let mut report = NerReport::default();
    let mut missed: Vec<ErrorGroup> =
        TYPES.iter().map(|t| ErrorGroup::new(format!("{} missed", t.name()))).collect();
    let mut wrong: Vec<ErrorGroup> =
        TYPES.iter().map(|t| ErrorGroup::new(format!("{} false positives", t.name()))).collect();
    let empty = Prediction::default();
    for (index, document) in documents.iter().enumerate() {
        let prediction = predictions.get(index).unwrap_or(&empty);
        let gold: BTreeSet<(usize, usize, Type)> = document
            .entities
            .iter()
            .filter_map(|e| Type::of_gold(&e.kind).map(|t| (e.start, e.end, t)))
            .collect();
        let misc: BTreeSet<(usize, usize)> =
            document.entities.iter().filter(|e| e.kind == "MISC").map(|e| (e.start, e.end)).collect();
        let mut predicted = BTreeSet::new();
        for entity in &prediction.entities {
            match Type::of_prediction(&entity.kind) {
                Some(t) => {
                    predicted.insert((entity.start, entity.end, t));
                }
                None => report.ignored_kinds += 1,
            }
        }
        let chars: Vec<char> = if limit > 0 { document.text.chars().collect() } else { Vec::new() };
        let example = |start: usize, end: usize, note: String| ErrorExample {
            document: document.id.clone(),
            spans: vec![[start, end]],
            context: context_line(&chars, &[[start, end]]),
            note,
        };
        for &(start, end, t) in &predicted {
            if gold.contains(&(start, end, t)) {
                tp[t as usize] += 1;
            } else if misc.contains(&(start, end)) {
                report.on_misc += 1;
            } else {
                fp[t as usize] += 1;
                let gold_type = gold.iter().find(|g| (g.0, g.1) == (start, end)).map(|g| g.2);
                if gold_type.is_some() {
                    report.right_span_wrong_type += 1;
                }
                let note = gold_type.map_or(String::new(), |g| format!("gold {}", g.name()));
                wrong[t as usize].add(limit, || example(start, end, note));
            }
        }
        for &(start, end, t) in gold.difference(&predicted) {
            fn_[t as usize] += 1;
            missed[t as usize].add(limit, || example(start, end, String::new()));
        }
        report.predicted += predicted.len();
    }
    let [per, org, loc] = TYPES.map(|t| NerScore::new(tp[t as usize], fp[t as usize], fn_[t as usize]));
    report.per_type = NerPerType { loc, org, per };
    report.micro = NerScore::new(tp.iter().sum(), fp.iter().sum(), fn_.iter().sum());
    if limit > 0 {
        for (missed, wrong) in missed.into_iter().zip(wrong) {
            report.errors.push(missed);
            report.errors.push(wrong);
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::super::PredictedEntity;
    use super::*;

    // A made-up two-document file, IOB1, four columns.
    const TWO_DOCS: &str = "\
Mara NNP I-NP I-PER
Lind NNP I-NP I-PER
joined VBD I-VP O
Kestrel NNP I-NP I-ORG
Labs NNP I-NP I-ORG
. . O O

Zürich NNP I-NP I-LOC
fans NNS I-NP O
cheered VBD I-VP O
Swiss JJ I-NP I-MISC
. . O O

-DOC\x53TART- -X- O O

Tomas NNP I-NP I-PER
stayed VBD I-VP O
.  . O O
";

    fn entity(start: usize, end: usize, kind: &str) -> PredictedEntity {
        PredictedEntity { start, end, kind: kind.to_string() }
    }

    fn spans(document: &ConllDocument) -> Vec<(usize, usize, &str)> {
        document.entities.iter().map(|e| (e.start, e.end, e.kind.as_str())).collect()
    }

    #[test]
    fn text_and_offsets_are_rebuilt_in_code_points() {
        let docs = parse_conll(TWO_DOCS).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "doc0000");
        assert_eq!(docs[0].text, "Mara Lind joined Kestrel Labs .\nZürich fans cheered Swiss .");
        assert_eq!(spans(&docs[0]), [(0, 9, "PER"), (17, 29, "ORG"), (32, 38, "LOC"), (52, 57, "MISC")]);
        assert_eq!(docs[1].text, "Tomas stayed .");
        assert_eq!(spans(&docs[1]), [(0, 5, "PER")]);
    }

    #[test]
    fn docstart_before_or_after_gives_the_same_documents() {
        let body = "Ana I-PER\nran O\n\nLima I-LOC\n";
        let after = parse_conll(&format!("{body}-DOC\x53TART- O\n\n{body}")).unwrap();
        let before = parse_conll(&format!("-DOC\x53TART- O\n\n{body}-DOC\x53TART- O\n{body}")).unwrap();
        assert_eq!(after.len(), 2);
        assert_eq!(after, before);
        assert_eq!(after[0].text, "Ana ran\nLima");
        // A marker after the last document leaves no empty document behind.
        let trailing = parse_conll(&format!("{body}\n-DOC\x53TART- O\n\n")).unwrap();
        assert_eq!(trailing.len(), 1);
    }

    #[test]
    fn iob1_and_iob2_give_the_same_entities() {
        let iob1 = ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG", "B-MISC"];
        let iob2 = ["B-PER", "I-PER", "B-PER", "O", "B-LOC", "B-ORG", "B-MISC"];
        let expected = [(0, 2, "PER"), (2, 3, "PER"), (4, 5, "LOC"), (5, 6, "ORG"), (6, 7, "MISC")];
        assert_eq!(iob_entities(&iob1), expected);
        assert_eq!(iob_entities(&iob2), expected);
        // IOB2 with a stray I- after O still opens an entity, as the reference does.
        assert_eq!(iob_entities(&["O", "I-ORG", "I-ORG"]), [(1, 3, "ORG")]);
    }

    #[test]
    fn columns_crlf_and_bad_lines() {
        let docs = parse_conll("Ida B-PER\r\nwon O\r\n\r\nOslo extra cols B-LOC\r\n").unwrap();
        assert_eq!(docs[0].text, "Ida won\nOslo");
        assert_eq!(spans(&docs[0]), [(0, 3, "PER"), (8, 12, "LOC")]);
        let error = parse_conll("Ida B-PER\nlonely\n").unwrap_err();
        assert_eq!(error.line(), Some(2));
        assert!(error.to_string().starts_with("line 2: "), "{error}");
    }

    #[test]
    fn reading_a_missing_file_names_it() {
        let error = read_conll(Path::new("/nonexistent/eng.testa")).unwrap_err();
        assert_eq!(error.path(), Some(Path::new("/nonexistent/eng.testa")));
        assert!(error.to_string().starts_with("/nonexistent/eng.testa: "));
    }

    fn doc(entities: &[(usize, usize, &str)]) -> ConllDocument {
        ConllDocument {
            id: "d".into(),
            text: "x".repeat(40),
            entities: entities
                .iter()
                .map(|&(start, end, kind)| GoldEntity { start, end, kind: kind.into() })
                .collect(),
        }
    }

    fn gold() -> Vec<ConllDocument> {
        vec![doc(&[(0, 5, "PER"), (10, 15, "ORG"), (20, 25, "LOC"), (30, 35, "MISC")]), doc(&[(0, 3, "LOC")])]
    }

    #[test]
    fn perfect_is_one_and_empty_is_zero() {
        let perfect = vec![
            Prediction {
                entities: vec![
                    entity(0, 5, "person"),
                    entity(10, 15, "organization"),
                    entity(20, 25, "country"),
                ],
                quotes: vec![],
            },
            Prediction { entities: vec![entity(0, 3, "location")], quotes: vec![] },
        ];
        let report = score_ner(&gold(), &perfect);
        assert_eq!((report.micro.precision, report.micro.recall, report.micro.f1), (1.0, 1.0, 1.0));
        assert_eq!(report.per_type.loc.true_positives, 2);
        let report = score_ner(&gold(), &[]);
        assert_eq!((report.micro.precision, report.micro.recall, report.micro.f1), (0.0, 0.0, 0.0));
        assert_eq!(report.micro.false_negatives, 4);
    }

    #[test]
    fn misc_exemption_wrong_type_duplicates_and_ignored_kinds() {
        let prediction = Prediction {
            entities: vec![
                entity(30, 35, "organization"), // exactly on MISC: not a false positive
                entity(0, 5, "ORG"),            // right span, wrong type
                entity(10, 14, "organization"), // wrong end
                entity(20, 25, "location"),
                entity(20, 25, "country"), // the same span and type again: counts once
                entity(0, 5, "date"),      // not scored
            ],
            quotes: vec![],
        };
        let report = score_ner(&gold(), &[prediction]);
        assert_eq!(report.on_misc, 1);
        let micro = report.micro;
        assert_eq!((micro.true_positives, micro.false_positives, micro.false_negatives), (1, 2, 3));
        assert_eq!(report.right_span_wrong_type, 1);
        assert_eq!(report.ignored_kinds, 1);
        assert_eq!(report.predicted, 4);
        assert!(report.errors.is_empty());
    }

    #[test]
    fn errors_are_listed_with_context() {
        let mut docs = parse_conll(TWO_DOCS).unwrap();
        docs.truncate(1);
        let prediction =
            Prediction { entities: vec![entity(0, 4, "person"), entity(17, 29, "person")], quotes: vec![] };
        let report = score_ner_with(&docs, &[prediction], &EvalOptions { errors: 5 });
        let titles: Vec<&str> = report.errors.iter().map(|g| g.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "PER missed",
                "PER false positives",
                "ORG missed",
                "ORG false positives",
                "LOC missed",
                "LOC false positives"
            ]
        );
        let per_fp = &report.errors[1];
        assert_eq!(per_fp.total, 2);
        assert_eq!(per_fp.examples[0].context, "[Mara] Lind joined Kestrel Labs . Zü...");
        assert_eq!(per_fp.examples[1].note, "gold ORG");
        let text = report.to_string();
        assert!(text.contains("\n\nPER missed (1):\n  doc0000 0-9: [Mara Lind] joined"), "{text}");
    }

    #[test]
    fn table_and_json_have_the_reference_layout() {
        let prediction =
            Prediction { entities: vec![entity(0, 5, "person"), entity(1, 2, "person")], quotes: vec![] };
        let report = score_ner(&gold(), &[prediction]);
        let table = report.to_string();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "type       tp     fp     fn       P       R      F1");
        assert_eq!(lines[1], "PER         1      1      0  0.5000  1.0000  0.6667");
        assert_eq!(lines[4], "micro       1      1      3  0.5000  0.2500  0.3333");
        assert_eq!(lines[7], "predictions with an unscored kind (ignored): 0");
        let json = serde_json::to_string(&report).unwrap();
        assert!(json.starts_with(r#"{"ignored_kinds":0,"metric":"ner","micro":{"f1":0.3333333333333333,"fn":3,"fp":1,"p":0.5,"r":0.25,"tp":1},"n_pred":2,"on_misc":0,"per_type":{"LOC":"#), "{json}");
        assert!(json.ends_with(r#""right_span_wrong_type":0}"#), "{json}");
    }
}
