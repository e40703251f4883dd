//! Grouping: quoted regions become quotations.
//!
//! Each region gets an attribution ([`attribution`](super::attribution)): a region that
//! opens its sentence looks after its closing mark, then at a colon ending the
//! paragraph before; a region inside its sentence looks before its opening mark, then
//! after its closing mark (a partial quotation).
//!
//! A region without attribution joins the quotation before it when it continues it:
//! the second half of `"A," he said. "B."`, the rest of `"A," he said, "B."`, and a
//! paragraph that is only a quotation right after a paragraph with an attributed one
//! (PolNeAR and most style guides read these as one quotation in several parts). A
//! region with the same cue as the quotation before is part of it (`X said "A" and
//! "B"`). What is left (scare quotes, titles, terms, headings) is
//! [`QuoteKind::Unattributed`].
//!
//! Transcripts quoted paragraph by paragraph (`"SMITH: ...` ¶ `"JONES: ...`) are cut
//! into one quotation per speaker's turn.

use super::attribution::{self, Attribution};
use super::cues::CueClass;
use super::marks::{Parts, Region};
use super::{Doc, Found};
use crate::analysis::QuoteKind;
use crate::span::Span;
use crate::tokenize::TokenFlags;
use std::borrow::Cow;
use std::ops::Range;

/// What a quotation under construction needs to know to take more parts.
#[derive(Debug, Clone)]
struct Open {
    /// Index into the output.
    index: usize,
    cue: Range<usize>,
    /// Last token of the attribution (cue or speaker).
    attribution_end: usize,
    /// Last token of the quotation so far.
    last: usize,
}

/// Attribute every region; returns direct, mixed and unattributed quotations.
pub(crate) fn attribute(doc: &Doc<'_>, regions: &[Region]) -> Vec<Found> {
    let regions = split_transcripts(doc, regions);
    let mut out: Vec<Found> = Vec::with_capacity(regions.len());
    let mut open: Option<Open> = None;
    for r in &regions {
        let r: &Region = r;
        if r.content_len() == 0 {
            continue;
        }
        let at_start = starts_sentence(doc, r);
        let label = attribution::transcript_label(doc, r);
        let (r, found): (Cow<'_, Region>, _) = match label {
            Some((speaker, colon)) => {
                let mut parts = r.parts.clone();
                if let Some(p) = parts.first_mut() {
                    p.start = (colon + 1).min(p.end);
                }
                (Cow::Owned(Region { parts, ..r.clone() }), Some(Attribution::new_label(speaker, colon)))
            }
            None if at_start => {
                (Cow::Borrowed(r), attribution::post(doc, r).or_else(|| attribution::colon_intro(doc, r)))
            }
            None => (Cow::Borrowed(r), inside_sentence(doc, r)),
        };
        match found {
            Some(mut a) => {
                if let Some(o) = open.as_mut() {
                    if o.cue == a.cue {
                        // A second region of the same attribution (`X said "A" and "B"`,
                        // `"A," X said, "B."`).
                        extend(doc, &mut out[o.index], &r, a.clause.as_ref());
                        o.last = r.last_token();
                        continue;
                    }
                    if a.inherit && doc.paragraph_of[a.cue.start] == doc.paragraph_of[o.last] {
                        a.speaker = out[o.index].speaker.clone();
                    }
                }
                if a.speaker.is_none() && a.inherit {
                    a.speaker = super::speaker::sentence_subject(doc, a.cue.start, a.cue.start);
                }
                let found = build(doc, &r, &a);
                let attribution_end = a.speaker.as_ref().map_or(a.cue.end, |s| s.end.max(a.cue.end)) - 1;
                open = Some(Open {
                    index: out.len(),
                    cue: a.cue.clone(),
                    attribution_end,
                    last: r.last_token(),
                });
                out.push(found);
            }
            None => {
                if let Some(o) = open.as_mut() {
                    if continues(doc, o, &r, at_start) {
                        extend(doc, &mut out[o.index], &r, None);
                        o.last = r.last_token();
                        continue;
                    }
                }
                out.push(Found {
                    content: r.content_spans(doc),
                    span: r.span(doc),
                    speaker: None,
                    cue: None,
                    kind: QuoteKind::Unattributed,
                });
            }
        }
    }
    out
}

/// The attribution of a region inside its sentence: the cue before it, unless that cue
/// only introduces it (a colon, a gerund, a naming verb) and an attribution right after
/// it names the speaker (`X scolded him: "...," she said`); else a partial quotation
/// before its attribution (`The move "...," said X`).
fn inside_sentence(doc: &Doc<'_>, r: &Region) -> Option<Attribution> {
    let pre = attribution::pre(doc, r);
    let weak = pre.as_ref().is_some_and(|a| {
        let naming = doc.verb(a.cue.start).and_then(|w| w.verb).is_some_and(|(c, _)| c == CueClass::Call);
        a.inherit || a.clause.is_none() || naming
    });
    if weak {
        let end = r.content_end();
        let comma = (end > r.first_content() && doc.word_is(end - 1, ","))
            || r.close.is_some_and(|c| doc.word_is(c + 1, ","));
        if comma {
            if let Some(post) = attribution::post(doc, r).filter(|p| p.clause.is_none()) {
                return Some(post);
            }
        }
    }
    pre.or_else(|| attribution::post_partial(doc, r))
}

impl Attribution {
    /// A transcript label as speaker, its colon as cue.
    fn new_label(speaker: Range<usize>, colon: usize) -> Attribution {
        Attribution { speaker: Some(speaker), cue: colon..colon + 1, clause: None, inherit: false }
    }
}

/// Whether a clause is wider than the region (a mixed or partial quotation).
fn wider(r: &Region, clause: Option<&Range<usize>>) -> Option<Range<usize>> {
    clause
        .filter(|c| c.start < r.first_content() || c.end > r.content_end())
        .filter(|c| c.start < c.end)
        .cloned()
}

/// Build a quotation from its first region and its attribution.
fn build(doc: &Doc<'_>, r: &Region, a: &Attribution) -> Found {
    let span = r.span(doc);
    let (content, kind) = match wider(r, a.clause.as_ref()) {
        Some(c) => (vec![doc.span(c.clone())], mixed_kind(doc, c)),
        None => (r.content_spans(doc), QuoteKind::Direct),
    };
    let first = content.first().map_or(span.start, |s| s.start);
    let last = content.last().map_or(span.end, |s| s.end);
    Found {
        content,
        span: Span::new(first.min(span.start), last.max(span.end)),
        speaker: a.speaker.clone(),
        cue: Some(a.cue.clone()),
        kind,
    }
}

/// Add a region to a quotation: as a new part, or by stretching a one-part mixed
/// quotation's clause over it (same paragraph).
fn extend(doc: &Doc<'_>, q: &mut Found, r: &Region, clause: Option<&Range<usize>>) {
    let span = r.span(doc);
    q.span = Span::new(q.span.start.min(span.start), q.span.end.max(span.end));
    // The quotation's parts come before the region, near it: searches start there.
    let near = (span.start, r.open);
    let same_paragraph = q
        .content
        .last()
        .is_some_and(|last| doc.paragraph_of[token_at(doc, near, last.start)] == doc.paragraph_of[r.open]);
    if q.kind != QuoteKind::Direct && same_paragraph && q.content.len() == 1 {
        let end_token = clause.map_or(r.content_end(), |c| c.end.max(r.content_end()));
        let first = token_at(doc, near, q.content[0].start);
        if end_token > first {
            let end = doc.span(first..end_token).end;
            q.content[0].end = q.content[0].end.max(end);
            q.span.end = q.span.end.max(end);
            q.kind = mixed_kind(doc, first..token_at(doc, near, q.content[0].end.saturating_sub(1)) + 1);
            return;
        }
    }
    q.content.extend(r.content_span_iter(doc));
}

/// The token starting at byte `offset` (or the next one; the last token when none
/// does), searched from `near` (a byte and a token, see [`Doc::token_near`]).
fn token_at(doc: &Doc<'_>, near: (usize, usize), offset: usize) -> usize {
    doc.token_near(near, offset).min(doc.len().saturating_sub(1))
}

/// Mixed when the quoted words are most of the clause; else reported speech with a
/// quoted term.
fn mixed_kind(doc: &Doc<'_>, clause: Range<usize>) -> QuoteKind {
    let (mut all, mut quoted) = (0usize, 0usize);
    for k in clause.start..clause.end.min(doc.len()) {
        let n = doc.tokens[k].span.len();
        all += n;
        if doc.quoted[k] {
            quoted += n;
        }
    }
    if quoted * 2 > all {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}

/// Whether the region opens its sentence, or a clause after an opening bracket
/// (`members ("I want my dues back," wrote X)`).
fn starts_sentence(doc: &Doc<'_>, r: &Region) -> bool {
    let s = doc.sentence_range(r.open).start;
    (s..r.open).all(|k| doc.has(k, TokenFlags::PUNCT))
        || (r.open > s && matches!(doc.word(r.open - 1), "(" | "["))
}

/// Whether a region without attribution continues the open quotation `o`.
fn continues(doc: &Doc<'_>, o: &Open, r: &Region, at_start: bool) -> bool {
    if r.open <= o.attribution_end {
        return false;
    }
    let (p_last, p_r) = (doc.paragraph_of[o.last], doc.paragraph_of[r.open]);
    if p_last == p_r {
        // `"A," he said. "B."` or `"A," he said, "B."`.
        return at_start || (o.attribution_end + 1..r.open).all(|k| doc.has(k, TokenFlags::PUNCT));
    }
    // A paragraph that is only a quotation, right after the quotation's paragraph.
    if p_r != p_last + 1 || !doc.paragraph_starts(r.open) {
        return false;
    }
    let end = doc.paragraph_range(r.open).end;
    let rest_is_punct = r.close.is_none_or(|c| (c + 1..end).all(|k| doc.has(k, TokenFlags::PUNCT)));
    rest_is_punct && r.content_len() >= 3
}

/// Split multi-paragraph regions at paragraphs that open with a transcript label, so
/// each speaker's turn is its own region; regions left whole are borrowed.
fn split_transcripts<'r>(doc: &Doc<'_>, regions: &'r [Region]) -> Vec<Cow<'r, Region>> {
    let mut out = Vec::with_capacity(regions.len());
    for r in regions {
        let labelled = |(i, part): (usize, &Range<usize>)| {
            i > 0 && attribution::transcript_label_in(doc, part.start, part.end).is_some()
        };
        if r.parts.len() < 2 || !r.parts.iter().enumerate().any(labelled) {
            out.push(Cow::Borrowed(r));
            continue;
        }
        let mut current = Region { parts: Parts::new(), ..r.clone() };
        for (i, part) in r.parts.iter().enumerate() {
            let open = part.start.saturating_sub(1);
            if labelled((i, part)) && !current.parts.is_empty() {
                current.close = None;
                let next = Region { open, close: r.close, parts: Parts::new(), single: false };
                out.push(Cow::Owned(std::mem::replace(&mut current, next)));
            }
            current.parts.push(part.clone());
        }
        current.close = r.close;
        out.push(Cow::Owned(current));
    }
    out
}
