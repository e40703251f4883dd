//! Indirect (reported) speech: attributions without quotation marks.
//!
//! - `X said (that) <clause>`, `X told Y (that) <clause>`, `..., saying (that) <clause>`;
//! - `<clause>, X said.`, `<clause>, said X.`, `<clause>, X said, <clause>.`;
//! - `According to X, <clause>.`, `<clause>, according to X.`
//!
//! The clause runs to the end of its sentence (without the final punctuation) or to a
//! trailing attribution; clauses that reach into a quotation already attributed are cut
//! there. Cues used by a quotation, cues inside quotation marks and passives ("was
//! told") are skipped.

use super::cues::{CueClass, CueLexicon, CueWord, VerbForm};
use super::speaker;
use super::words::{self, WordClass};
use super::{Doc, Found};
use crate::analysis::QuoteKind;
use crate::tokenize::TokenFlags;
use once_cell::sync::Lazy;
use std::ops::Range;

/// The shortest reported clause, in tokens.
const MIN_CLAUSE: usize = 3;
/// The most tokens after a trailing attribution before the sentence ends
/// (`..., X said in a statement on Thursday.`).
const MAX_TAIL: usize = 10;
/// How far after the cue "that" is looked for (`said on Thursday that`).
const MAX_TO_THAT: usize = 10;

/// Verbs that report a clause without "that" ("said the talks failed"); other cue verbs
/// need "that" before the clause ("denied that ...") or take an object, not a clause
/// ("praised the deal").
#[rustfmt::skip]
const BARE_CLAUSE_LEMMAS: &[&str] = &[
    "say", "tell", "add", "claim", "argue", "insist", "warn", "note", "explain", "state", "declare",
    "announce", "acknowledge", "admit", "suggest", "predict", "believe", "think", "report", "write",
    "tweet", "post", "assert", "contend", "maintain", "stress", "emphasize", "emphasise", "concede",
    "confirm", "reply", "respond", "testify", "recall", "fear", "hope", "expect", "know", "feel",
    "worry", "reckon", "guess", "suppose", "assume", "suspect", "complain", "boast", "promise",
    "vow", "pledge", "reiterate", "remark", "observe", "conclude", "reveal", "indicate", "allege",
    "answer", "counter", "point out", "caution", "assure", "inform", "remind", "retort", "agree",
    "signal", "hint", "estimate", "figure", "speculate", "joke", "quip", "lament", "brag", "swear",
    "understand", "learn",
];

/// Whether the lemma of `word` is one of [`BARE_CLAUSE_LEMMAS`]: read from a table by
/// lemma index, made once (not the lemma compared with each of them).
fn takes_bare_clause(word: CueWord) -> bool {
    static BY_LEMMA: Lazy<Vec<bool>> = Lazy::new(|| {
        CueLexicon::embedded().lemmas().map(|lemma| BARE_CLAUSE_LEMMAS.contains(&lemma)).collect()
    });
    BY_LEMMA.get(usize::from(word.lemma)).copied().unwrap_or_else(|| {
        // (Every entry's lemma is in the table; this says the same for any other.)
        BARE_CLAUSE_LEMMAS.contains(&CueLexicon::embedded().lemma(word))
    })
}

/// Find reported speech around the cues that no quotation of `found` used, in text
/// order.
pub(crate) fn find_indirect(doc: &Doc<'_>, found: &[Found]) -> Vec<Found> {
    // About as many as the quotations (a guess that spares most of the growing).
    let mut reported_speech = Vec::with_capacity(found.len());
    let n = doc.len();
    let mut used = Used::take(n);
    // Where the last part marked used ended (byte offset, token): parts come mostly
    // in text order, and each search starts from there.
    let mut hint = (0, 0);
    for q in found.iter() {
        if q.kind == QuoteKind::Unattributed {
            continue;
        }
        for r in [&q.cue, &q.speaker].into_iter().flatten() {
            fill_used(&mut used, r);
        }
        mark_used(doc, &mut used, &q.content, &mut hint);
    }
    // The reported speech found below comes in text order from the start again: its
    // searches start from there, not from the last quotation's end (which would put
    // each far from its answer).
    hint = (0, 0);
    let mut k = 0;
    // Only cue verbs and "according" can start reported speech: the candidates not
    // used and not quoted, in order.
    let mut candidates = doc.cue_candidates.iter().copied();
    while let Some(next) = candidates.by_ref().find(|&c| c >= k && !used.at(c) && !doc.quoted[c]) {
        k = next;
        let v = doc.vocab(k);
        if !(v.is_verb() || v.class().any(WordClass::ACCORDING)) {
            k += 1;
            continue;
        }
        let next = if v.class().any(WordClass::ACCORDING) && doc.is(k + 1, "to") {
            according(doc, k, &used)
        } else if let Some(word) = Some(v).filter(|v| v.is_verb()).and_then(|v| v.cue()) {
            // (`doc.verb(k)` from the entry read above, not looked up again.)
            word.verb.and_then(|(class, form)| reported(doc, k, class, form, word, &used))
        } else {
            None
        };
        match next {
            Some(q) => {
                // Parts in order: the end of the last is the first token after them.
                let end = mark_used(doc, &mut used, &q.content, &mut hint);
                if let Some(r) = &q.cue {
                    fill_used(&mut used, r);
                }
                reported_speech.push(q);
                k = end.max(k + 1);
            }
            None => k += 1,
        }
    }
    used.give_back();
    reported_speech
}

/// Which tokens are used (by a quotation, a cue, a speaker): a token is used when its
/// stamp is the call's. The stamps stay with the thread from call to call, so that
/// no call clears them all first (a `memset` of the whole text's tokens), and marking
/// a range used writes a number, not a byte (which the compiler would hand to
/// `memset`, a call for a few tokens, some 1,600 times per 100 KB). Two bytes a
/// token (one would be filled by `memset` again): the stamps are cleared once every
/// 65,535 calls.
struct Used {
    stamps: Vec<u16>,
    /// The stamp of this call (never 0, the stamp of new slots).
    now: u16,
}

thread_local! {
    /// The stamps of the thread's last call and its stamp.
    static STAMPS: std::cell::RefCell<(Vec<u16>, u16)> = const { std::cell::RefCell::new((Vec::new(), 0)) };
}

/// The most tokens whose stamps are kept for the next call (as for the other
/// per-token buffers).
const MAX_KEPT_STAMPS: usize = 1 << 17;

impl Used {
    /// `n` tokens, none used.
    fn take(n: usize) -> Used {
        let (mut stamps, last) = STAMPS
            .try_with(|s| s.try_borrow_mut().map(|mut s| std::mem::take(&mut *s)).unwrap_or_default())
            .unwrap_or_default();
        let now = match last.checked_add(1) {
            Some(now) => now,
            None => {
                // All stamps used up: the old ones are cleared once.
                stamps.clear();
                1
            }
        };
        // Slots past the last call's tokens are new (0); those kept hold older stamps.
        stamps.truncate(n);
        stamps.resize(n, 0);
        Used { stamps, now }
    }

    /// Keep the stamps for the thread's next call.
    fn give_back(self) {
        if self.stamps.capacity() > MAX_KEPT_STAMPS {
            return;
        }
        let _ = STAMPS.try_with(|s| {
            if let Ok(mut s) = s.try_borrow_mut() {
                *s = (self.stamps, self.now);
            }
        });
    }

    /// The number of tokens.
    fn len(&self) -> usize {
        self.stamps.len()
    }

    /// Whether token `i` (in range) is used.
    #[inline]
    fn at(&self, i: usize) -> bool {
        self.stamps[i] == self.now
    }

    /// Whether token `i` is used (`None` out of range).
    #[inline]
    fn get(&self, i: usize) -> Option<bool> {
        self.stamps.get(i).map(|&s| s == self.now)
    }

    /// The offset in `r` of its first used token (`Some(None)` when none is, `None`
    /// when `r` is not in range).
    fn first_in(&self, r: Range<usize>) -> Option<Option<usize>> {
        self.stamps.get(r).map(|s| s.iter().position(|&s| s == self.now))
    }

    /// Mark the tokens of `a..b` used (nothing when out of range).
    fn fill(&mut self, a: usize, b: usize) {
        if let Some(stamps) = self.stamps.get_mut(a..b) {
            stamps.fill(self.now);
        }
    }
}

/// Mark the tokens of `r` used (those in range: a slice filled at once).
fn fill_used(used: &mut Used, r: &Range<usize>) {
    let end = r.end.min(used.len());
    used.fill(r.start.min(end), end);
}

/// Mark the tokens of the content parts `parts` used: from the first token starting at
/// or after a part's start to the last one starting before its end. `hint` is where
/// the last part marked ended (byte offset, first token after it), updated; returns
/// the first token after the last part (0 when there are none).
fn mark_used(
    doc: &Doc<'_>,
    used: &mut Used,
    parts: &[crate::span::Span],
    hint: &mut (usize, usize),
) -> usize {
    let mut end = 0;
    for part in parts {
        let a = doc.token_near(*hint, part.start);
        end = doc.token_near((part.start, a), part.end);
        // `a..end` within the flags (a slice filled at once, not flag by flag).
        let n = used.len();
        used.fill(a.min(n), end.min(n).max(a.min(n)));
        *hint = (part.end, end);
    }
    end
}

/// Tokens of the sentence of `k` without a leading run of punctuation and a trailing
/// run of punctuation (final stop, closing marks).
fn sentence_core(doc: &Doc<'_>, k: usize) -> Range<usize> {
    let s = doc.sentence_range(k);
    let (mut a, mut b) = (s.start, s.end.min(doc.len()));
    while a < b && doc.has(a, TokenFlags::PUNCT) {
        a += 1;
    }
    while b > a && doc.has(b - 1, TokenFlags::PUNCT) {
        b -= 1;
    }
    a..b
}

/// The first token in `r` that is already used, or `r.end`.
fn cut_at_used(r: Range<usize>, used: &Used) -> usize {
    if r.is_empty() {
        return r.end;
    }
    // Tokens past the flags count as used: the first of them ends the search.
    let end = r.end.min(used.len());
    match used.first_in(r.start..end) {
        Some(first) => first.map_or(end, |p| r.start + p),
        None => r.start,
    }
}

/// Whether the cue at `k` is passive ("was told", "is said to").
fn passive(doc: &Doc<'_>, k: usize, form: VerbForm) -> bool {
    if form != VerbForm::Past {
        return false;
    }
    let mut j = k;
    let mut steps = 0;
    while j > 0 && steps < 3 {
        j -= 1;
        steps += 1;
        if is_passive_auxiliary(doc.word_bytes(j)) {
            return true;
        }
        if !words::is_between(doc, j) {
            return false;
        }
    }
    false
}

/// Whether `word` is "was", "were", "been", "being", "be", "is", "are", "get" or
/// "got" in any ASCII case (`doc.is_any(j, &[..])` on a copy lowered once, not
/// compared with each word in turn).
fn is_passive_auxiliary(word: &[u8]) -> bool {
    if !(2..=5).contains(&word.len()) {
        return false;
    }
    let mut lower = [0u8; 5];
    for (l, b) in lower.iter_mut().zip(word) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &lower[..word.len()],
        b"was" | b"were" | b"been" | b"being" | b"be" | b"is" | b"are" | b"get" | b"got"
    )
}

/// A reported-speech quotation from its clauses (those shorter than `MIN_CLAUSE`
/// dropped); `None` when none is left.
fn make(
    doc: &Doc<'_>,
    parts: &[Range<usize>],
    speaker: Option<Range<usize>>,
    cue: Range<usize>,
) -> Option<Found> {
    let kept = parts.iter().filter(|p| p.len() >= MIN_CLAUSE);
    let first = kept.clone().next()?.start;
    let last = kept.clone().next_back()?.end;
    Some(Found {
        content: kept.map(|p| doc.span(p.clone())).collect(),
        span: doc.span(first..last),
        speaker,
        cue: Some(cue),
        kind: QuoteKind::Indirect,
    })
}

/// Whether a clause may start at token `s` (a subject, not a preposition or an
/// infinitive).
fn clause_can_start(doc: &Doc<'_>, s: usize) -> bool {
    if s >= doc.len() || doc.has(s, TokenFlags::PUNCT) {
        return false;
    }
    if words::is_pronoun(doc, s) || words::is_determiner(doc, s) {
        return true;
    }
    !words::is_stop(doc, s) && doc.verb(s).is_none()
}

/// Reported speech around the cue verb at `k`.
fn reported(
    doc: &Doc<'_>,
    k: usize,
    class: CueClass,
    form: VerbForm,
    word: CueWord,
    used: &Used,
) -> Option<Found> {
    if doc.has(k, TokenFlags::CAPITALIZED) || class == CueClass::Call {
        return None;
    }
    if k > 0 && (words::is_determiner(doc, k - 1) || doc.has(k - 1, TokenFlags::DASH)) {
        return None;
    }
    if passive(doc, k, form) {
        return None;
    }
    let core = sentence_core(doc, k);
    if !core.contains(&k) {
        return None;
    }
    let cue = super::attribution::cue_range(doc, k);
    let cue = cue.start..cue.end.min(core.end);
    // The speaker phrase before the cue, which both forms may ask for: found once
    // (kept in a plain `Option`: a `OnceCell` here cost more than its answer's copy).
    let mut before: Option<Option<Range<usize>>> = None;
    let mut speaker_before =
        || before.get_or_insert_with(|| speaker::speaker_before(doc, k, core.start)).clone();
    // Trailing: `<clause>, X said ...` / `<clause>, said X ...`.
    if let Some(q) = trailing(doc, k, &cue, &core, used, &mut speaker_before) {
        return Some(q);
    }
    // Leading: `X said (that) <clause>`.
    let speaker = speaker_before().or_else(|| {
        (form == VerbForm::Gerund || doc.is_any(k.saturating_sub(1), &["and", "but"]))
            .then(|| speaker::sentence_subject(doc, k, k))
            .flatten()
    })?;
    if doc.is_any(speaker.start, &["you", "i", "we"]) && speaker.len() == 1 {
        return None;
    }
    let mut s = cue.end;
    let that = (s..core.end.min(s + MAX_TO_THAT)).find(|&j| doc.is_that(j) && !used.at(j));
    let mut has_that = false;
    if let Some(t) = that {
        // Only adverbials or an addressee before "that".
        let between_ok = (s..t).all(|j| !doc.has(j, TokenFlags::PUNCT) || doc.word_is(j, ","))
            && (s..t).all(|j| doc.verb(j).is_none());
        if between_ok {
            s = t + 1;
            has_that = true;
        }
    }
    if !has_that {
        if !takes_bare_clause(word) {
            return None;
        }
        if class == CueClass::Tell {
            // `told reporters the plan ...`: step over the addressee.
            if let Some(obj) = speaker::speaker_after(doc, s, core.end) {
                s = obj.end;
            }
        }
        while s < core.end && (words::is_time_word(doc, s) || doc.word_is(s, ",")) {
            // `said Thursday the ...`, `said on Thursday the ...`: skip a short adjunct.
            let step = if doc.is_any(s, &["on", "in", "at", "last", "this", "earlier"]) { 2 } else { 1 };
            s += step;
        }
        if !clause_can_start(doc, s)
            || doc.is_any(
                s,
                &[
                    "it's",
                    "so",
                    "goodbye",
                    "hello",
                    "yes",
                    "no",
                    "nothing",
                    "something",
                    "anything",
                    "much",
                    "little",
                ],
            )
        {
            return None;
        }
    }
    let end = clause_end(doc, s, core.end, used);
    if end <= s || end - s < MIN_CLAUSE {
        return None;
    }
    make(doc, std::slice::from_ref(&(s..end)), Some(speaker), cue)
}

/// Where a clause starting at `s` ends: the sentence end, a trailing attribution
/// (`, X said`), or the first token already used.
fn clause_end(doc: &Doc<'_>, s: usize, end: usize, used: &Used) -> usize {
    let mut e = cut_at_used(s..end, used);
    // Stop before a quotation mark that opens an attributed quotation.
    if let Some(m) = (s..e).find(|&j| doc.is_mark(j) && used.get(j + 1).unwrap_or(false)) {
        e = m;
    }
    while e > s && (doc.has(e - 1, TokenFlags::PUNCT) && !doc.is_mark(e - 1)) {
        e -= 1;
    }
    e
}

/// `<clause>, X said.` and `<clause>, said X.` with the cue at `k`; `speaker_before`
/// gives the speaker phrase before the cue (`speaker::speaker_before(doc, k,
/// core.start)`).
fn trailing(
    doc: &Doc<'_>,
    k: usize,
    cue: &Range<usize>,
    core: &Range<usize>,
    used: &Used,
    mut speaker_before: impl FnMut() -> Option<Range<usize>>,
) -> Option<Found> {
    let (speaker, comma) = if k > core.start && doc.word_is(k - 1, ",") {
        // `<clause>, said X`
        let sp = speaker::speaker_after(doc, cue.end, core.end)?;
        (sp, k - 1)
    } else {
        let sp = speaker_before()?;
        let before = sp.start.checked_sub(1)?;
        if !doc.word_is(before, ",") || before <= core.start {
            return None;
        }
        (sp, before)
    };
    let after = speaker.end.max(cue.end);
    // What follows the attribution: a short tail, or `, <clause>` (interrupted).
    let mut second = None;
    let mut tail = after;
    while tail < core.end && !doc.word_is(tail, ",") && tail - after <= MAX_TAIL {
        tail += 1;
    }
    if tail < core.end && doc.word_is(tail, ",") && tail - after <= MAX_TAIL {
        let s2 = tail + 1;
        let e2 = clause_end(doc, s2, core.end, used);
        if e2 > s2 + MIN_CLAUSE && clause_can_start(doc, s2) {
            second = Some(s2..e2);
        }
    } else if core.end - after > MAX_TAIL {
        return None;
    }
    let start = core.start;
    let first_end = cut_at_used(start..comma, used);
    if first_end < comma || first_end - start < MIN_CLAUSE + 1 {
        return None;
    }
    // The clause must not itself be `X said ...` / a question / a fragment ending in
    // a preposition.
    if doc.is_any(
        comma - 1,
        &[
            "of", "to", "in", "on", "at", "for", "with", "from", "by", "about", "and", "or", "but", "that",
            "the", "a", "an",
        ],
    ) {
        return None;
    }
    // An empty second part is dropped with the short ones.
    make(doc, &[start..comma, second.unwrap_or(0..0)], Some(speaker), cue.clone())
}

/// `According to X, <clause>.` and `<clause>, according to X.`
fn according(doc: &Doc<'_>, k: usize, used: &Used) -> Option<Found> {
    let core = sentence_core(doc, k);
    let cue = k..k + 2;
    let speaker = speaker::speaker_after(doc, k + 2, core.end)?;
    let mut after = speaker.end;
    // `according to a statement from the ministry`: take the rest of the phrase along.
    while after < core.end && !doc.word_is(after, ",") && after - speaker.end < 8 {
        after += 1;
    }
    // Up to two clauses; empty ones are dropped with the short ones.
    let mut parts = [0..0, 0..0];
    if k > core.start {
        // `<clause>, according to X[, <clause>]`
        let first_end = if doc.word_is(k - 1, ",") { k - 1 } else { k };
        let first_end = cut_at_used(core.start..first_end, used);
        parts[0] = core.start..first_end;
        if after < core.end && doc.word_is(after, ",") {
            let e = clause_end(doc, after + 1, core.end, used);
            parts[1] = after + 1..e;
        }
    } else if after < core.end && doc.word_is(after, ",") {
        // `According to X, <clause>`
        let e = clause_end(doc, after + 1, core.end, used);
        parts[0] = after + 1..e;
    }
    make(doc, &parts, Some(speaker), cue)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_start_unused_from_call_to_call_and_after_wrapping() {
        let mut used = Used::take(4);
        used.fill(1, 3);
        assert_eq!((0..4).map(|i| used.at(i)).collect::<Vec<_>>(), [false, true, true, false]);
        used.give_back();
        // The next call sees none used, also past the last call's tokens.
        let mut used = Used::take(6);
        assert!((0..6).all(|i| !used.at(i)));
        // The last stamp: the next call clears them all.
        used.now = u16::MAX;
        used.fill(0, 6);
        used.give_back();
        let used = Used::take(5);
        assert_eq!(used.now, 1);
        assert!((0..5).all(|i| !used.at(i)));
        assert_eq!(used.get(5), None);
        used.give_back();
    }
}
