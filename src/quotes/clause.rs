//! The reported clause around a quoted region: where a mixed quotation starts
//! (after the cue and "that": `X said Thursday that the plan "..."`) and where it ends
//! (at the closing mark when an attribution or a participle clause follows, else with
//! its sentence: `X said "it gets me mad" every time ...`); and which regions read
//! as titles rather than speech.

use super::attribution::{according_to, is_cue_verb, post_speaker, MAX_POST};
use super::cues::CueClass;
use super::marks::Region;
use super::words;
use super::Doc;
use crate::tokenize::TokenFlags;

/// The most tokens of adverbials between a cue and a directly quoted region
/// (`said in a statement on Thursday:`).
const MAX_DIRECT_GAP: usize = 12;

/// Where the reported clause between a cue (ending at `from`) and an opening mark at
/// `o` starts; `None` when the words between are only adverbials ending in `:` or `,`
/// (a direct quotation).
pub(crate) fn clause_after(doc: &Doc<'_>, from: usize, o: usize, class: Option<CueClass>) -> Option<usize> {
    if from >= o {
        return None;
    }
    let last = doc.word(o - 1);
    let has_that = (from..o).any(|j| doc.is_that(j));
    if (last == ":" || last == ",") && !has_that && o - from <= MAX_DIRECT_GAP {
        return None;
    }
    let mut s = from;
    while s < o && matches!(doc.word(s), "," | ":") {
        s += 1;
    }
    // `said Thursday that ...`, `told customers at a breakfast spot that ...`: the
    // clause starts after "that" when only adverbials or an addressee come before it.
    if let Some(t) = (s..o).find(|&j| doc.is_that(j)) {
        let before_ok =
            (s..t).all(|j| !words::is_verb_like(doc, j) && !doc.is_any(j, &["is", "was", "are", "were"]));
        if before_ok || class == Some(CueClass::Tell) {
            s = t + 1;
        }
    }
    Some(s.min(o))
}

/// Where the reported clause of a mixed quotation ends: after the last content token
/// of the region when an attribution, a participle clause (`..., claiming that`) or
/// the sentence end follows its closing mark; else the clause runs on to the end of
/// the sentence (`X said he has "big plans" for the fall`) or to the next quotation.
pub(crate) fn clause_end(doc: &Doc<'_>, r: &Region) -> usize {
    let end = r.content_end();
    let Some(c) = r.close else { return end };
    let sentence_end = doc.sentence_range(c).end.min(doc.paragraph_range(c).end);
    let mut j = c + 1;
    if j >= sentence_end || doc.has(j, TokenFlags::TERMINAL) || doc.is_mark(j) {
        return end;
    }
    // The quotation ends its clause with a comma (`"...," X posted` or `"...", X
    // posted`): an attribution or a participle clause may follow. Without the comma,
    // a verb after the mark belongs to the reported clause (`the advertisement
    // "unmistakably and wrongfully" suggests ...`).
    let comma_inside = end > r.first_content() && doc.word_is(end - 1, ",");
    if doc.word_is(j, ",") {
        j += 1;
        if doc.is_lower_word(j) && doc.word(j).ends_with("ing") {
            return end;
        }
    } else if !comma_inside {
        j = sentence_end;
    }
    // `..., the ministry posted on X.` / `..., said X.`: an attribution follows.
    if j < sentence_end && (is_cue_verb(doc, j, true).is_some() || according_to(doc, j)) {
        return end;
    }
    let lim = sentence_end.min(j + MAX_POST);
    if let Some(k) = (j..lim).find(|&k| is_cue_verb(doc, k, true).is_some()) {
        if post_speaker(doc, j, k).is_some() {
            return end;
        }
    }
    let mut e = sentence_end;
    while e > c + 1 && doc.has(e - 1, TokenFlags::PUNCT) {
        e -= 1;
    }
    // Stop before the next quotation of the sentence: it is attributed on its own.
    if let Some(m) = (c + 1..e).find(|&m| doc.quoted[m]) {
        e = m;
        while e > c + 1 && doc.has(e - 1, TokenFlags::PUNCT) {
            e -= 1;
        }
        if (c + 1..e).all(|m| doc.is_any(m, &["and", "or", "but", ","])) {
            return end;
        }
    }
    e.max(end)
}

/// Whether the region reads as a title: two to eight words, all capitalised.
pub(crate) fn is_title(doc: &Doc<'_>, r: &Region) -> bool {
    let words = r.parts.iter().flat_map(|p| p.clone()).filter(|&k| doc.has(k, TokenFlags::WORD));
    let (mut n, mut caps) = (0, 0);
    for k in words {
        n += 1;
        if doc.is_capitalized(k) || doc.is_any(k, &["of", "the", "a", "an", "and", "in", "on", "for", "to"]) {
            caps += 1;
        }
    }
    (2..=8).contains(&n) && caps == n
}
