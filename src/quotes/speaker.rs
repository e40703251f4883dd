//! Speaker phrases: the noun phrase next to a cue ("Muttaqi", "he", "the ministry",
//! "Taliban Foreign Ministry spokesman Zia Ahmad Takal").
//!
//! Found on tokens, without a parser: a run of capitalised words, titles, initials and
//! possessives; a pronoun; or lower-case words back to a determiner ("a senior
//! official", "a man in the crowd"). Appositions and relative clauses between a
//! speaker and its cue (`X, a former member of parliament, said`, `X, who ..., said`,
//! `Another former MP, Jane Doe, said`) are stepped over. Words that look like verbs
//! (-ed, -ing, cue verbs) end a phrase, so `Carson took the stage and said` gives
//! "Carson".

use super::words::{
    is_between, is_cue_verb_form, is_determiner, is_name_glue, is_participle_shape, is_pp_preposition,
    is_pronoun, is_sentence_word, is_stop, is_time_word, is_verb_like, WordClass,
};
use super::Doc;
use crate::tokenize::TokenFlags;
use std::ops::Range;

/// The longest speaker phrase, in tokens.
const MAX_PHRASE: usize = 14;
/// The longest apposition or relative clause stepped over, in tokens.
const MAX_APPOSITION: usize = 30;

/// Whether token `i` can be part of a name: a capitalised word (not a sentence
/// opener such as "But"), or an abbreviation or initial.
pub(crate) fn name_token(doc: &Doc<'_>, i: usize) -> bool {
    let Some(t) = doc.tokens.get(i) else { return false };
    if t.is(TokenFlags::CAPITALIZED) && t.is(TokenFlags::WORD) {
        let opener = doc.sentence_starts(i) && is_sentence_word(doc, i);
        return !opener && !doc.quoted[i] && !is_determiner(doc, i);
    }
    t.is(TokenFlags::ABBREVIATION) && t.is(TokenFlags::WORD)
}

/// A lower-case word that can sit inside a noun phrase ("former", "spokesman").
fn phrase_word(doc: &Doc<'_>, i: usize) -> bool {
    doc.is_lower_word(i)
        && !is_stop(doc, i)
        && !is_cue_verb_form(doc, i)
        && !is_between(doc, i)
        && !doc.quoted[i]
}

/// The speaker phrase ending just before token `end` (a cue), not reaching before
/// `floor`: adverbs and auxiliaries are stepped over, then an apposition or relative
/// clause set off by commas, then the phrase itself.
pub(crate) fn speaker_before(doc: &Doc<'_>, end: usize, floor: usize) -> Option<Range<usize>> {
    let mut k = end;
    let mut skipped = 0;
    while k > floor && skipped < 4 && is_between(doc, k - 1) {
        k -= 1;
        skipped += 1;
    }
    if k <= floor {
        return None;
    }
    let last = k - 1;
    if doc.word_is(last, ",") {
        return speaker_before_apposition(doc, last, floor);
    }
    if doc.is(last, "who") {
        // `the man who said`: the phrase before "who".
        let before = if last > floor && doc.word_is(last - 1, ",") { last - 1 } else { last };
        return phrase_ending_at(doc, before, floor);
    }
    phrase_ending_at(doc, k, floor)
}

/// `X, <apposition>, said` and `<description>, X, said`.
fn speaker_before_apposition(doc: &Doc<'_>, comma: usize, floor: usize) -> Option<Range<usize>> {
    let c1 = previous_comma(doc, comma, floor)?;
    let inner = c1 + 1..comma;
    if inner.is_empty() {
        return None;
    }
    // `Another former MP in Kabul, Fawzia Koofi, said`: the name between the commas,
    // unless the words before it are a relative clause (`X, who works in Elizabeth,
    // Colorado, said`).
    let all_names = inner.clone().all(|j| name_token(doc, j) || is_name_glue(doc, j));
    if all_names && name_token(doc, inner.start) && name_token(doc, inner.end - 1) {
        let c0 = previous_comma(doc, c1, floor);
        let relative = (c0.map_or(floor, |c| c + 1)..c1).any(|j| doc.is_any(j, &["who", "which", "whose"]));
        if !relative {
            return Some(inner);
        }
        if let Some(c0) = c0 {
            return phrase_ending_at(doc, c0, floor);
        }
    }
    // `X, a former member of parliament, said` / `X, who ..., said` / `X, 70, said`.
    phrase_ending_at(doc, c1, floor).or_else(|| {
        // `..., X, said` where X is a lower-case description ("the campaign's manager").
        phrase_ending_at(doc, comma, c1 + 1)
    })
}

/// The comma before token `at` in the same clause (not across a quotation mark or a
/// sentence end), at most [`MAX_APPOSITION`] tokens back.
fn previous_comma(doc: &Doc<'_>, at: usize, floor: usize) -> Option<usize> {
    let lo = floor.max(at.saturating_sub(MAX_APPOSITION));
    for j in (lo..at).rev() {
        let w = doc.word(j);
        if w == "," {
            return Some(j);
        }
        if doc.has(j, TokenFlags::TERMINAL) || doc.is_mark(j) || w == ";" || w == ":" {
            return None;
        }
    }
    None
}

/// The noun phrase whose last token is `end - 1`, not reaching before `floor`.
pub(crate) fn phrase_ending_at(doc: &Doc<'_>, end: usize, floor: usize) -> Option<Range<usize>> {
    if end <= floor || end > doc.len() {
        return None;
    }
    let mut head = end - 1;
    // `Gov. Mike Pence (R-IN) said`: step over a parenthesis.
    if doc.word_is(head, ")") {
        let lo = floor.max(head.saturating_sub(12));
        let open = (lo..head).rev().find(|&j| doc.word_is(j, "("))?;
        if open <= floor {
            return None;
        }
        head = open - 1;
    }
    if is_pronoun(doc, head) {
        return Some(head..head + 1);
    }
    // The class first: the head's entry is read already (by `is_stop`), and few
    // words are sentence words, so the sentence test rarely runs.
    let opener = |i: usize| is_sentence_word(doc, i) && doc.sentence_starts(i);
    let t = &doc.tokens[head];
    let head_ok = (t.is(TokenFlags::WORD) || t.is(TokenFlags::DIGIT))
        && !is_stop(doc, head)
        && !is_verb_like(doc, head)
        && !is_time_word(doc, head)
        && !opener(head)
        && !doc.is_mark(head)
        && !doc.quoted[head];
    if !head_ok {
        return None;
    }
    let mut start = head;
    let lo = floor.max(head.saturating_sub(MAX_PHRASE));
    let mut j = head;
    let mut used_pp = false;
    while j > lo {
        let p = j - 1;
        let pt = &doc.tokens[p];
        let class = doc.class(p);
        if class.any(WordClass::DETERMINER) && !class.any(WordClass::THAT) {
            start = p;
            // "the head of the ministry", "a man in the crowd", "protesters marching
            // through the streets": a prepositional phrase continues the phrase once.
            if !used_pp && p > lo + 1 && is_pp_preposition(doc, p - 1) && noun_like(doc, p - 2) {
                used_pp = true;
                start = p - 2;
                j = p - 2;
                continue;
            }
            break;
        }
        let glued = (pt.is(TokenFlags::POSSESSIVE)
            && p > lo
            && doc.has(p - 1, TokenFlags::WORD)
            && !is_pronoun(doc, p - 1))
            || (pt.is(TokenFlags::DASH) && pt.is(TokenFlags::JOINED) && p > lo)
            || (class.any(WordClass::AND.union(WordClass::AMPERSAND))
                && p > lo
                && name_token(doc, p - 1)
                && name_token(doc, j))
            || (class.any(WordClass::OF_FOR)
                && !used_pp
                && p > lo
                && name_token(doc, j)
                && noun_like(doc, p - 1));
        let ok = name_token(doc, p)
            || glued
            || phrase_word(doc, p)
            || (pt.is(TokenFlags::DIGIT) && !pt.is(TokenFlags::PUNCT));
        if !ok {
            break;
        }
        if class.any(WordClass::OF_FOR) {
            used_pp = true;
        }
        start = p;
        j = p;
    }
    Some(start..head + 1)
}

/// A word that can end a noun phrase ("spokesman", "Ministry").
fn noun_like(doc: &Doc<'_>, i: usize) -> bool {
    doc.has(i, TokenFlags::WORD) && !is_stop(doc, i) && !is_verb_like(doc, i) && !is_determiner(doc, i)
}

/// The speaker phrase starting at token `start` (after a cue: `said X, a role`), not
/// reaching `limit`. A phrase that starts with a name keeps lower-case words only
/// between names (`Trump campaign manager Kellyanne Conway`); one that starts with a
/// determiner or a lower-case word is a nominal (`the ministry's spokesman`).
pub(crate) fn speaker_after(doc: &Doc<'_>, start: usize, limit: usize) -> Option<Range<usize>> {
    let limit = limit.min(doc.len()).min(start + MAX_PHRASE);
    if start >= limit {
        return None;
    }
    if is_pronoun(doc, start) {
        return Some(start..start + 1);
    }
    if is_time_word(doc, start) || is_stop(doc, start) || doc.is_mark(start) || is_verb_like(doc, start) {
        return None;
    }
    let mut nominal = !name_token(doc, start);
    let mut end = start;
    let mut last_name_end = start;
    let mut k = start;
    while k < limit {
        let t = &doc.tokens[k];
        if k > start && t.is(TokenFlags::LINE_BREAK_BEFORE) {
            break;
        }
        let determiner_first = k == start && is_determiner(doc, k);
        let time_after_words = k > start && is_time_word(doc, k) && !name_token(doc, k - 1);
        let ok = if determiner_first || (name_token(doc, k) && !time_after_words) {
            true
        } else if t.is(TokenFlags::DIGIT) && !t.is(TokenFlags::PUNCT) {
            // "9/11 widow Terry Strada", "the 34-year-old mother".
            k + 1 < limit
        } else if doc.word_is(k, "/") && t.is(TokenFlags::JOINED) {
            k > start && doc.has(k - 1, TokenFlags::DIGIT)
        } else if t.is(TokenFlags::POSSESSIVE) || (t.is(TokenFlags::DASH) && t.is(TokenFlags::JOINED)) {
            k > start
        } else if doc.class(k).any(WordClass::OF_FOR.union(WordClass::AMPERSAND)) {
            k > start && k + 1 < limit && (name_token(doc, k + 1) || is_determiner(doc, k + 1))
        } else {
            phrase_word(doc, k) && !is_time_word(doc, k)
        };
        if !ok {
            break;
        }
        // Between names, at most two lower-case words ("campaign manager"); more is
        // the rest of the clause ("Carly Fiorina threw her support behind ...").
        let lower_run_too_long = k >= last_name_end + 2 || is_determiner(doc, k);
        if !nominal && last_name_end > start && !name_token(doc, k) && lower_run_too_long {
            break;
        }
        k += 1;
        end = k;
        if name_token(doc, k - 1) {
            last_name_end = k;
        }
        if t.is(TokenFlags::POSSESSIVE) {
            // "Afghanistan's government": what follows a possessive is the head.
            nominal = true;
        }
    }
    if !nominal && last_name_end > start {
        // Lower-case words after the last name are not part of it ("Carson took ...").
        end = last_name_end;
    }
    // Trailing glue, and a participle ("the man running"), are not part of the phrase.
    while end > start
        && (doc.class(end - 1).any(WordClass::OF_FOR.union(WordClass::AMPERSAND))
            || is_determiner(doc, end - 1)
            || is_participle_shape(doc, end - 1))
    {
        end -= 1;
    }
    (end > start && doc.has(end - 1, TokenFlags::WORD)).then_some(start..end)
}

/// The subject at the start of the sentence holding token `i`: a phrase that opens
/// the sentence (after opening punctuation and a fronted adverbial set off by a comma:
/// `In a speech on Monday, Trump attacked ...`), for cues without a speaker of their
/// own (`X attacked Y, saying ...`, `X met Y and said ...`).
pub(crate) fn sentence_subject(doc: &Doc<'_>, i: usize, before: usize) -> Option<Range<usize>> {
    let s = doc.sentence_range(i).start;
    let mut k = s;
    while k < before && (doc.has(k, TokenFlags::PUNCT) || doc.quoted[k]) {
        k += 1;
    }
    // A fronted adverbial up to a comma (`At a town hall in Salem, New Hampshire,
    // Trump ...`): try the phrase after each of the first commas.
    let mut starts = vec![k];
    if k < before && !is_pronoun(doc, k) && (is_sentence_word(doc, k) || is_stop(doc, k)) {
        starts.clear();
    }
    let lim = before.min(k + 20);
    starts.extend((k..lim).filter(|&j| doc.word_is(j, ",")).map(|j| j + 1).take(3));
    for k in starts {
        if k >= before {
            break;
        }
        if is_pronoun(doc, k) {
            if doc.is_any(k, &["you", "we", "i"]) {
                return None;
            }
            return Some(k..k + 1);
        }
        let Some(r) = speaker_after(doc, k, before) else { continue };
        // The phrase must be followed by a verb-like word (after a parenthesis such
        // as "(R-Texas)"), not by a comma.
        let mut next = r.end;
        if doc.word_is(next, "(") {
            if let Some(close) = (next..before.min(next + 10)).find(|&j| doc.word_is(j, ")")) {
                next = close + 1;
            }
        }
        if next < before && !doc.word_is(next, ",") && !doc.has(next, TokenFlags::PUNCT) {
            return Some(r);
        }
    }
    None
}
