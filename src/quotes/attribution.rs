//! Attribution patterns: the cue and the speaker of one quoted region.
//!
//! After the closing mark (for a region that opens its sentence, or a partial
//! quotation `The move "...," said X`):
//! `"...," X said` · `"...," said X, <role>` · `"...," X, a <role> who ..., told AFP` ·
//! `"...," according to X` · `"..." ― X` (a byline after a dash) ·
//! `"..." for a reason, X said` (the clause runs on to the attribution).
//!
//! Before the opening mark, in the same sentence: `X said: "..."` · `X said, "..."` ·
//! `according to X, "..."` · `SMITH: "..."` · and, with words between cue and mark,
//! mixed quotations `X said (that) ... "..."`, `X called the plan "..."`, where an outer
//! cue wins over a nested one (`X said Y hoped to "..."` is X's).
//!
//! A colon ending the paragraph before: `X said:` ¶ `"..."`.

use super::clause::{clause_after, clause_end, is_title};
use super::cues::{CueClass, CueLexicon, VerbForm};
use super::marks::Region;
use super::speaker;
use super::words::{self, is_determiner, is_stop};
use super::Doc;
use crate::tokenize::TokenFlags;
use std::ops::Range;

/// How many tokens after a closing mark are searched for speaker and cue.
pub(crate) const MAX_POST: usize = 30;
/// How many tokens before an opening mark are searched for a cue.
const MAX_PRE: usize = 45;
/// The most tokens between a closing mark and the comma before a late attribution
/// (`"..." for criminal behavior, she said`).
const MAX_TAIL: usize = 12;

/// A cue with its speaker; the content when it is not just the region (a clause
/// around it); and whether the speaker is the previous quotation's (`..., adding "..."`).
#[derive(Debug, Clone)]
pub(crate) struct Attribution {
    pub speaker: Option<Range<usize>>,
    pub cue: Range<usize>,
    pub clause: Option<Range<usize>>,
    pub inherit: bool,
}

impl Attribution {
    fn new(speaker: Option<Range<usize>>, cue: Range<usize>) -> Attribution {
        Attribution { speaker, cue, clause: None, inherit: false }
    }
}

/// Whether token `k` is a dash.
pub(crate) fn is_dash(doc: &Doc<'_>, k: usize) -> bool {
    doc.has(k, TokenFlags::DASH) || matches!(doc.word(k), "―" | "--")
}

/// The cue's tokens: the verb and the rest of a multiword form ("pointed out"), and
/// the medium when a noun of attribution follows (`said in a statement`, `said in a
/// video`, `wrote in an email`).
#[inline]
pub(crate) fn cue_range(doc: &Doc<'_>, k: usize) -> Range<usize> {
    // Most cues are one word not followed by "in": answered here, without the call
    // (and the registers it saves) of the general case.
    let end = (k + 1).min(doc.len());
    if !doc.vocab(k).phrase_start() && !doc.is(end, "in") {
        return k..end;
    }
    cue_range_in_full(doc, k)
}

/// [`cue_range`] for a multiword form or a cue followed by "in".
#[inline(never)]
fn cue_range_in_full(doc: &Doc<'_>, k: usize) -> Range<usize> {
    // Only the first word of a multiword form can start one.
    let n = if doc.vocab(k).phrase_start() {
        CueLexicon::embedded().phrase(doc.word(k), |j| doc.word(k + j)).map_or(1, |(n, _)| n)
    } else {
        1
    };
    let end = (k + n).min(doc.len());
    if doc.is(end, "in") && doc.is_any(end + 1, &["a", "an", "the", "his", "her", "its", "their"]) {
        // Up to two modifiers before the noun ("in a written statement").
        for m in end + 2..(end + 5).min(doc.len()) {
            if doc.cue_noun(m) {
                return k..m + 1;
            }
            if !doc.is_lower_word(m) || is_stop(doc, m) {
                break;
            }
        }
    }
    k..end
}

/// Whether token `k` can be the cue verb of a quotation.
#[inline]
pub(crate) fn is_cue_verb(doc: &Doc<'_>, k: usize, finite_only: bool) -> Option<(CueClass, VerbForm)> {
    // Most tokens asked about are no cue verb at all: turned down here, without the
    // call (and the registers it saves) of the checks below.
    if !doc.vocab(k).is_verb() {
        return None;
    }
    cue_verb_checked(doc, k, finite_only)
}

/// [`is_cue_verb`] for a token whose entry is a cue verb.
#[inline(never)]
fn cue_verb_checked(doc: &Doc<'_>, k: usize, finite_only: bool) -> Option<(CueClass, VerbForm)> {
    let word = doc.verb(k)?;
    let (class, form) = word.verb?;
    if finite_only && !form.is_finite() {
        return None;
    }
    if doc.has(k, TokenFlags::CAPITALIZED) || doc.quoted.get(k).copied().unwrap_or(true) {
        return None;
    }
    if k > 0 {
        // "the report", "so-called": not verbs here.
        if is_determiner(doc, k - 1) || (doc.has(k - 1, TokenFlags::DASH) && doc.has(k, TokenFlags::JOINED)) {
            return None;
        }
        // "the campaign's statement": a noun after a possessive.
        if word.noun && doc.has(k - 1, TokenFlags::POSSESSIVE) {
            return None;
        }
        // "a televised address": a noun after a determiner and an adjective.
        if word.noun
            && matches!(form, VerbForm::Base | VerbForm::Present)
            && k > 1
            && is_determiner(doc, k - 2)
            && doc.is_lower_word(k - 1)
        {
            return None;
        }
        // "the hacker known as "Guccifer"": a name, not a thought.
        if doc.is(k, "known") {
            return None;
        }
        // "campaign message", "news reports": a noun after a noun.
        if word.noun
            && matches!(form, VerbForm::Base | VerbForm::Present)
            && doc.is_lower_word(k - 1)
            && !words::is_pronoun(doc, k - 1)
            && !words::is_between(doc, k - 1)
            && !doc.is_any(k - 1, &["to", "and", "or", "who", "that", "which"])
        {
            return None;
        }
    }
    Some((class, form))
}

/// Whether `according to` starts at `k`.
pub(crate) fn according_to(doc: &Doc<'_>, k: usize) -> bool {
    doc.class(k).any(words::WordClass::ACCORDING) && doc.is(k + 1, "to")
}

/// `"...," X said` and the other patterns after the closing mark.
pub(crate) fn post(doc: &Doc<'_>, r: &Region) -> Option<Attribution> {
    let c = r.close?;
    let para_end = doc.paragraph_range(c).end;
    let mut j = c + 1;
    if j < para_end && is_dash(doc, j) {
        // A byline after a dash: `"..." ― Jane Doe`.
        if let Some(sp) = speaker::speaker_after(doc, j + 1, para_end) {
            let rest_ok = sp.end >= para_end
                || matches!(doc.word(sp.end), "." | ";")
                || doc.is_mark(sp.end)
                || doc.has(sp.end, TokenFlags::LINE_BREAK_BEFORE);
            if rest_ok && doc.is_capitalized(sp.start) {
                return Some(Attribution::new(Some(sp), j..j + 1));
            }
        }
    }
    let mut skipped = 0;
    while j < para_end && skipped < 2 && (doc.word_is(j, ",") || is_dash(doc, j)) {
        j += 1;
        skipped += 1;
    }
    if j >= para_end || doc.is_mark(j) {
        return None;
    }
    if according_to(doc, j) {
        let speaker = speaker::speaker_after(doc, j + 2, para_end)?;
        return Some(Attribution::new(Some(speaker), j..j + 2));
    }
    if is_cue_verb(doc, j, true).is_some() {
        let cue = cue_range(doc, j);
        let speaker = speaker::speaker_after(doc, cue.end, para_end);
        return Some(Attribution::new(speaker, cue));
    }
    let limit = para_end.min(j + MAX_POST);
    for k in j + 1..limit {
        let w = doc.word(k);
        if doc.has(k, TokenFlags::TERMINAL) || doc.is_mark(k) || w == ";" || w == ":" {
            break;
        }
        if is_cue_verb(doc, k, true).is_none() {
            continue;
        }
        // The verb of a relative clause inside an apposition, or an infinitive, is
        // not the cue (`X, who was not authorized to speak, said`).
        if doc.is_any(k - 1, &["who", "to"])
            || (k >= 2 && doc.is(k - 2, "who") && words::is_between(doc, k - 1))
        {
            continue;
        }
        if let Some(speaker) = post_speaker(doc, j, k) {
            return Some(Attribution::new(Some(speaker), cue_range(doc, k)));
        }
        // `"..." for criminal behavior, she said`: the clause runs on to a comma.
        let tail = (j..k.min(j + MAX_TAIL)).find(|&m| doc.word_is(m, ",")).and_then(|comma| {
            let speaker = post_speaker(doc, comma + 1, k)?;
            Some(Attribution {
                clause: Some(r.first_content()..comma),
                ..Attribution::new(Some(speaker), cue_range(doc, k))
            })
        });
        if tail.is_some() {
            return tail;
        }
    }
    None
}

/// The speaker of `"...," X said`: the phrase right after the quotation (from `j`),
/// followed by the cue at `k` directly, through adverbs, or through appositions set
/// off by commas (`X, a lawyer, one of ..., said`).
pub(crate) fn post_speaker(doc: &Doc<'_>, j: usize, k: usize) -> Option<Range<usize>> {
    let mut before_cue = k;
    while before_cue > j && words::is_between(doc, before_cue - 1) {
        before_cue -= 1;
    }
    if let Some(sp) = speaker::speaker_after(doc, j, before_cue) {
        if sp.end == before_cue {
            return Some(sp);
        }
        let opens = matches!(doc.word(sp.end), "," | "(");
        let closes = before_cue > 0 && matches!(doc.word(before_cue - 1), "," | ")");
        if opens && closes {
            return Some(sp);
        }
    }
    let sp = speaker::speaker_before(doc, k, j)?;
    (sp.start <= j + 1).then_some(sp)
}

/// Whether the region sits inside a noun phrase or after a preposition ("a list of
/// "terrorist organizations"", "the "Allies" heading"): a term or a title, which a
/// following attribution does not make speech.
fn embedded(doc: &Doc<'_>, r: &Region) -> bool {
    let Some(p) = r.open.checked_sub(1) else { return false };
    doc.sentence_of[p] == doc.sentence_of[r.open]
        && (is_determiner(doc, p)
            || doc.has(p, TokenFlags::POSSESSIVE)
            || doc.is_any(
                p,
                &[
                    "of", "in", "on", "at", "for", "with", "from", "by", "about", "into", "as", "like",
                    "than", "to", "called", "named", "dubbed", "titled", "entitled", "so", "the",
                ],
            ))
}

/// `The move "...," said X`: a partial quotation before its attribution.
pub(crate) fn post_partial(doc: &Doc<'_>, r: &Region) -> Option<Attribution> {
    if embedded(doc, r) {
        return None;
    }
    let a = post(doc, r)?;
    let s = doc.sentence_range(r.open).start;
    let mut k = s;
    while k < r.open && doc.has(k, TokenFlags::PUNCT) {
        k += 1;
    }
    let end = a.clause.as_ref().map_or(r.content_end(), |c| c.end);
    Some(Attribution { clause: Some(k..end), ..a })
}

/// A cue before the opening mark in the same sentence.
pub(crate) fn pre(doc: &Doc<'_>, r: &Region) -> Option<Attribution> {
    let o = r.open;
    let sentence = doc.sentence_range(o);
    let floor = sentence.start.max(o.saturating_sub(MAX_PRE));
    let mut k = o;
    while k > floor {
        k -= 1;
        if doc.quoted[k] {
            continue;
        }
        if according_to(doc, k) {
            let speaker = speaker::speaker_after(doc, k + 2, o);
            let after = speaker.as_ref().map_or(k + 2, |s| s.end);
            let clause = clause_after(doc, after, o, None).map(|s| s..clause_end(doc, r));
            return Some(Attribution { clause, ..Attribution::new(speaker, k..k + 2) });
        }
        if doc.word_is(k, ":") && k + 1 == o {
            // `SMITH: "..."` / headline `Trump: 'I will win'`: a name before a colon
            // that opens the sentence.
            if let Some(speaker) = speaker::phrase_ending_at(doc, k, sentence.start) {
                let first = (sentence.start..speaker.start).all(|j| doc.has(j, TokenFlags::PUNCT));
                if first && speaker.len() <= 5 && doc.is_capitalized(speaker.end - 1) {
                    return Some(Attribution::new(Some(speaker), k..k + 1));
                }
            }
            continue;
        }
        let Some((class, form)) = is_cue_verb(doc, k, false) else { continue };
        let cue = cue_range(doc, k);
        if class == CueClass::Call && cue.end == o {
            // "a group called "X"": a name, not a quotation.
            return None;
        }
        let after_comma = k > 0 && doc.word_is(k - 1, ",");
        let mut inherit = false;
        let mut speaker = None;
        let after_preposition_object = form == VerbForm::Gerund
            && speaker::speaker_before(doc, k, sentence.start)
                .is_some_and(|sp| sp.start > sentence.start && is_stop(doc, sp.start - 1));
        if form == VerbForm::Gerund && (after_comma || after_preposition_object) {
            // `..., adding "..."`, `yelling at people on their way into the polls saying
            // "..."`: the subject of the clause before.
            inherit = true;
        } else {
            speaker = speaker::speaker_before(doc, k, sentence.start);
            if speaker.is_none()
                && (form == VerbForm::Gerund || doc.is_any(k.saturating_sub(1), &["and", "but"]))
            {
                speaker = speaker::sentence_subject(doc, k, k);
            }
            if speaker.is_none() {
                // An infinitive or a passive ("to continue", "was told"): an outer cue
                // may govern the quotation.
                continue;
            }
            // `officers he has spoken with "..."`: a pronoun right after a noun opens a
            // relative clause; the quotation belongs to an outer cue.
            if let Some(sp) = &speaker {
                let p = sp.start;
                if sp.len() == 1 && words::is_pronoun(doc, p) && p > floor && doc.is_lower_word(p - 1) {
                    let before = p - 1;
                    if !is_stop(doc, before)
                        && !words::is_verb_like(doc, before)
                        && !words::is_between(doc, before)
                    {
                        continue;
                    }
                }
            }
        }
        // "will continue to be": an aspect verb, not speech.
        if doc.is_any(k, &["continue", "continues", "continued", "continuing"]) && doc.is(cue.end, "to") {
            continue;
        }
        let (cue, speaker, class) = outer_cue(doc, cue, speaker, class, floor);
        let gap_colon = cue.end < o && doc.word_is(o - 1, ":");
        if cue.end < o && !gap_colon && is_title(doc, r) {
            // `noted the campaign slogan, "Make America Great Again"`: a title.
            return None;
        }
        let clause =
            clause_after(doc, cue.end, o, Some(class)).map(|s| s..clause_end(doc, r)).or_else(|| {
                // `X said "it gets me mad" every time ...`: the sentence runs on.
                let runs_on = r.close.is_some_and(|c| doc.has(c + 1, TokenFlags::WORD));
                let e = clause_end(doc, r);
                (runs_on && !gap_colon && e > r.content_end()).then_some(r.open..e)
            });
        return Some(Attribution { speaker, cue, clause, inherit });
    }
    None
}

/// `X said (that) Y hoped ... "..."`: the outer cue reports the quotation.
fn outer_cue(
    doc: &Doc<'_>,
    mut cue: Range<usize>,
    mut speaker: Option<Range<usize>>,
    mut class: CueClass,
    floor: usize,
) -> (Range<usize>, Option<Range<usize>>, CueClass) {
    for _ in 0..3 {
        let Some(sp) = speaker.as_ref() else { break };
        let mut j = sp.start;
        if j > floor && doc.is_any(j - 1, &["that", "if", "whether", "when", "because"]) {
            j -= 1;
        }
        if j <= floor {
            break;
        }
        let v = j - 1;
        let Some((c, form)) = is_cue_verb(doc, v, true) else { break };
        if c == CueClass::Call || !form.is_finite() {
            break;
        }
        let Some(outer) = speaker::speaker_before(doc, v, floor) else { break };
        cue = cue_range(doc, v);
        speaker = Some(outer);
        class = c;
    }
    (cue, speaker, class)
}

/// `X said:` ending the paragraph before a paragraph that opens with the quotation;
/// also `X issued a statement:` (a noun of attribution, spoken by the subject).
pub(crate) fn colon_intro(doc: &Doc<'_>, r: &Region) -> Option<Attribution> {
    if !doc.paragraph_starts(r.open) || r.open == 0 {
        return None;
    }
    let colon = r.open - 1;
    if !doc.word_is(colon, ":") {
        return None;
    }
    let sentence = doc.sentence_range(colon);
    let floor = sentence.start.max(colon.saturating_sub(MAX_PRE));
    for k in (floor..colon).rev() {
        if doc.quoted[k] {
            continue;
        }
        if is_cue_verb(doc, k, false).is_some() {
            let speaker = speaker::speaker_before(doc, k, sentence.start)
                .or_else(|| speaker::sentence_subject(doc, k, k));
            return Some(Attribution::new(speaker, cue_range(doc, k)));
        }
    }
    let noun = (floor..colon).rev().find(|&k| doc.cue_noun(k) && !doc.quoted[k])?;
    let speaker = speaker::sentence_subject(doc, noun, noun)?;
    Some(Attribution::new(Some(speaker), noun..noun + 1))
}

/// A transcript label opening a quoted paragraph (`"SMITH: ...`, `"Q. JONES: ...`): the
/// speaker's tokens and the colon.
pub(crate) fn transcript_label(doc: &Doc<'_>, r: &Region) -> Option<(Range<usize>, usize)> {
    transcript_label_in(doc, r.parts.first()?.start, r.content_end())
}

/// A transcript label at the start of the content tokens `first..content_end`.
pub(crate) fn transcript_label_in(
    doc: &Doc<'_>,
    first: usize,
    content_end: usize,
) -> Option<(Range<usize>, usize)> {
    let lim = (first + 4).min(content_end);
    let colon = (first + 1..lim).find(|&k| doc.word_is(k, ":"))?;
    let label = first..colon;
    let caps = label.clone().all(|k| {
        doc.has(k, TokenFlags::ALL_CAPS) && doc.has(k, TokenFlags::WORD)
            || doc.has(k, TokenFlags::ABBREVIATION)
    });
    (caps && doc.word(first).chars().count() >= 2).then_some((label, colon))
}
