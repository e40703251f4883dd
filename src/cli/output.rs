//! JSON shapes written by `gazette extract`.

use gazette::eval::{PredictedEntity, PredictedQuote, Prediction};
use gazette::{Analysis, MentionForm, QuoteKind, Span};
use serde::Serialize;

/// A span with its text.
#[derive(Serialize)]
pub struct TextSpan<'t> {
    start: usize,
    end: usize,
    text: &'t str,
}

fn text_span<'t>(text: &'t str, byte_span: Span, shown: Span) -> TextSpan<'t> {
    TextSpan { start: shown.start, end: shown.end, text: byte_span.text(text) }
}

#[derive(Serialize)]
struct MentionOut<'t> {
    start: usize,
    end: usize,
    text: &'t str,
    kind: &'static str,
    form: MentionForm,
    entity: usize,
    found_by: String,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    id: usize,
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    ids: &'a std::collections::BTreeMap<String, String>,
    mentions: Vec<usize>,
}

#[derive(Serialize)]
struct QuoteOut<'t> {
    kind: &'static str,
    start: usize,
    end: usize,
    content: Vec<TextSpan<'t>>,
    speaker: Option<TextSpan<'t>>,
    speaker_entity: Option<usize>,
    speaker_name: Option<&'t str>,
    cue: Option<TextSpan<'t>>,
}

/// The full analysis with texts.
#[derive(Serialize)]
pub struct FullOut<'t> {
    offsets: gazette::OffsetUnit,
    entities: Vec<EntityOut<'t>>,
    mentions: Vec<MentionOut<'t>>,
    quotes: Vec<QuoteOut<'t>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraphs: Option<Vec<[usize; 2]>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentences: Option<Vec<[usize; 2]>>,
}

/// Build the full output. `bytes` is the analysis in byte offsets (for texts),
/// `shown` the same analysis in the offsets the user asked for.
pub fn full<'t>(text: &'t str, bytes: &'t Analysis, shown: &'t Analysis, segments: bool) -> FullOut<'t> {
    let entities = shown
        .entities
        .iter()
        .enumerate()
        .map(|(id, e)| EntityOut {
            id,
            kind: e.kind.as_str(),
            name: &e.name,
            ids: &e.ids,
            mentions: e.mentions.clone(),
        })
        .collect();
    let mentions = bytes
        .mentions
        .iter()
        .zip(&shown.mentions)
        .map(|(b, s)| MentionOut {
            start: s.span.start,
            end: s.span.end,
            text: b.span.text(text),
            kind: s.kind.as_str(),
            form: s.form,
            entity: s.entity,
            found_by: s.found_by.to_string(),
        })
        .collect();
    let quotes = bytes
        .quotes
        .iter()
        .zip(&shown.quotes)
        .map(|(b, s)| QuoteOut {
            kind: s.kind.as_str(),
            start: s.span.start,
            end: s.span.end,
            content: b.content.iter().zip(&s.content).map(|(bs, ss)| text_span(text, *bs, *ss)).collect(),
            speaker: b.speaker.zip(s.speaker).map(|(bs, ss)| text_span(text, bs, ss)),
            speaker_entity: s.speaker_entity,
            speaker_name: s.speaker_entity.and_then(|i| shown.entities.get(i)).map(|e| e.name.as_str()),
            cue: b.cue.zip(s.cue).map(|(bs, ss)| text_span(text, bs, ss)),
        })
        .collect();
    let pairs = |v: &[Span]| v.iter().map(|s| [s.start, s.end]).collect::<Vec<_>>();
    FullOut {
        offsets: shown.offsets,
        entities,
        mentions,
        quotes,
        paragraphs: segments.then(|| pairs(&shown.paragraphs)),
        sentences: segments.then(|| pairs(&shown.sentences)),
    }
}

/// The flat spans record (the evaluation prediction format): names only (no
/// demonyms or modifiers), quotes that are attributed or reported speech (no scare
/// quotes). `bytes` is the analysis in byte offsets of `text`, `shown` the same
/// analysis in the offsets written out.
///
/// Kinds follow the annotation convention of the reference data: a quotation is
/// direct when it stands in double quotation marks (`"`, `“ ”`, `„`, `« »`). One
/// quoted only with typewriter `''` or single marks is written with kind `indirect`,
/// as the reference annotation classes it; the full output keeps its own kind.
pub fn spans(text: &str, bytes: &Analysis, shown: &Analysis) -> Prediction {
    let pair = |s: Span| [s.start, s.end];
    let double_marked = |q: &gazette::Quote| {
        q.span.text(text).chars().any(|c| matches!(c, '"' | '“' | '”' | '„' | '«' | '»'))
    };
    Prediction {
        entities: shown
            .mentions
            .iter()
            .filter(|m| m.form == MentionForm::Name)
            .map(|m| PredictedEntity {
                start: m.span.start,
                end: m.span.end,
                kind: m.kind.as_str().to_string(),
            })
            .collect(),
        quotes: bytes
            .quotes
            .iter()
            .zip(&shown.quotes)
            .filter(|(_, q)| q.kind != QuoteKind::Unattributed)
            .map(|(b, q)| {
                let kind = if q.kind != QuoteKind::Indirect && !double_marked(b) {
                    QuoteKind::Indirect
                } else {
                    q.kind
                };
                PredictedQuote {
                    content: q.content.iter().copied().map(pair).collect(),
                    speaker: q.speaker.map(pair),
                    cue: q.cue.map(pair),
                    kind: kind.as_str().to_string(),
                }
            })
            .collect(),
    }
}
