//! Short forms: a part of a full name found elsewhere in the document is a mention
//! of the same person ("Muttaqi" after "Amir Khan Muttaqi", "SHEARER" in a headline
//! above "Alan Shearer"), and an acronym that spells an organisation found in the
//! document is that organisation.
//!
//! The full names come from the first round of resolution; this round proposes the
//! short forms, which then compete with everything else in the final resolution.

use super::names::{is_name_token, is_ordinary_word};
use super::{Context, Cover, Vocab};
use crate::analysis::{EntityKind, FoundBy, MentionForm, Rule};
use crate::lexicon::WordInfo;
use crate::lexicon::{pack_word, BuildWordHasher};
use crate::resolve::{Candidate, PRIORITY_LIST};
use crate::tokenize::TokenFlags;
use std::collections::HashSet;

/// Priority of a short form: above a plain list hit, so "Jordan" after
/// "Michael Jordan" is the person, not the country.
const PRIORITY_SHORT_FORM: u8 = PRIORITY_LIST + 5;

/// Propose short forms of the names in `resolved` (the first round's result).
pub fn propose(cx: &Context<'_>, resolved: &[Candidate], out: &mut Vec<Candidate>) {
    propose_from(cx, resolved.iter(), out);
}

/// [`propose`] for the first round's result given as references, so the caller
/// need not copy the candidates it chose.
pub fn propose_from<'c>(
    cx: &Context<'_>,
    resolved: impl Iterator<Item = &'c Candidate>,
    out: &mut Vec<Candidate>,
) {
    // Parts of multiword person names, by normalised text.
    let mut parts = WordSet::default();
    // Token ranges of multi-token mentions, and single tokens claimed by a weak
    // list entry.
    let mut multi: Vec<(usize, usize)> = Vec::with_capacity(resolved.size_hint().0);
    let mut weak: Vec<usize> = Vec::new();
    let mut org_acronyms: HashSet<String, BuildWordHasher> = HashSet::default();
    let mut initials = String::new();
    for c in resolved {
        if c.tokens.len() > 1 {
            multi.push((c.tokens.start, c.tokens.end));
        } else if c.priority == crate::resolve::PRIORITY_WEAK_LIST {
            weak.push(c.tokens.start);
        }
        match c.kind {
            EntityKind::Person if c.tokens.len() >= 2 => {
                for k in c.tokens.clone() {
                    let t = &cx.tokens[k];
                    if !t.is(TokenFlags::WORD) || t.is(TokenFlags::ABBREVIATION) {
                        continue;
                    }
                    let word = cx.norm.token(k);
                    // Five bytes or more hold two characters: decode only shorter words.
                    let one_char = word.len() < 5 && word.chars().nth(1).is_none();
                    if one_char || cx.info(k).has(WordInfo::NON_NAME) {
                        continue;
                    }
                    parts.insert(word);
                }
            }
            EntityKind::Organization if c.tokens.len() >= 2 => {
                initials.clear();
                for k in c.tokens.clone() {
                    if !cx.tokens[k].is(TokenFlags::CAPITALIZED) {
                        continue;
                    }
                    let word = cx.norm.token(k);
                    // An ASCII first letter (nearly all) needs no decoding.
                    match word.as_bytes().first() {
                        Some(&b) if b.is_ascii() => initials.push(char::from(b)),
                        _ => initials.extend(word.chars().next()),
                    }
                }
                if initials.chars().nth(1).is_some() && !org_acronyms.contains(&initials) {
                    org_acronyms.insert(initials.clone());
                }
            }
            _ => {}
        }
    }
    if parts.is_empty() && org_acronyms.is_empty() {
        return;
    }
    // The multi-token mentions as sorted disjoint ranges, so a walk in token order
    // tells whether a token is inside one.
    multi.sort_unstable();
    let mut inside: Vec<(usize, usize)> = Vec::with_capacity(multi.len());
    for (start, end) in multi {
        match inside.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => inside.push((start, end)),
        }
    }
    weak.sort_unstable();
    // Short forms come from the tokens visited below: room for a good share.
    out.reserve(cx.run_starts.len() / 4);
    let mut m = 0;
    let mut letters = String::new();
    // Outside headlines only name tokens can be short forms: visit those (among
    // the tokens runs start at) and the words of headlines, in order.
    let starts = cx.run_starts;
    let mut a = 0;
    // The headline tokens not visited yet: the rest of one sentence in capitals,
    // then the later ones.
    let mut headlines = cx.shouting.iter();
    let mut headline = headlines.next().cloned().unwrap_or_default();
    loop {
        while headline.is_empty() {
            match headlines.next() {
                Some(next) => headline = next.clone(),
                None => break,
            }
        }
        let i = match (starts.get(a).copied(), (!headline.is_empty()).then_some(headline.start)) {
            (Some(s), Some(h)) if s == h => {
                a += 1;
                headline.start += 1;
                s
            }
            (Some(s), Some(h)) if h < s => {
                headline.start += 1;
                h
            }
            (Some(s), _) => {
                a += 1;
                s
            }
            (None, Some(h)) => {
                headline.start += 1;
                h
            }
            (None, None) => break,
        };
        let t = &cx.tokens[i];
        if !t.is(TokenFlags::WORD) || t.is(TokenFlags::POSSESSIVE) {
            continue;
        }
        let shouting = cx.shouting(i);
        if !shouting && !is_name_token(cx, i) {
            continue;
        }
        // Inside a longer mention: leave it alone.
        while inside.get(m).is_some_and(|r| r.1 <= i) {
            m += 1;
        }
        if inside.get(m).is_some_and(|r| r.0 <= i) {
            continue;
        }
        let word = cx.norm.token(i);
        if parts.contains(word) {
            if !shouting && cx.at_sentence_start(i) && is_ordinary_word(cx, i) {
                continue;
            }
            if matches!(cx.cover(i), Cover::Country | Cover::Demonym | Cover::Organization)
                && cx.cover_end(i) > i + 1
            {
                continue;
            }
            // "Michael Jordan visited Jordan": a listed place stays a place unless the
            // words around it make it a speaker.
            if cx.cover(i).is_place() && !speaker_next(cx, i + 1) {
                let weak = weak.binary_search(&i).is_ok();
                let locative = i > 0 && cx.vocab(i - 1).any(Vocab::LOCATIVE);
                if !weak || locative {
                    continue;
                }
            }
            out.push(short(cx, i, EntityKind::Person, Rule::ShortForm));
            continue;
        }
        if t.is(TokenFlags::ALL_CAPS) && !shouting && cx.cover(i) == Cover::None && !org_acronyms.is_empty() {
            letters.clear();
            letters.extend(word.chars().filter(|c| c.is_alphabetic()));
            if org_acronyms.contains(&letters) {
                out.push(short(cx, i, EntityKind::Organization, Rule::Acronym));
            }
        }
    }
}

/// A set of words (normalised token texts) that keeps a word of up to 16 bytes as
/// two integers and its length ([`pack_word`]) in a small open-addressing table,
/// so a test is a multiplication and a compare or two rather than hashing bytes.
#[derive(Default)]
struct WordSet<'a> {
    /// The shapes of the words put in, as bits ([`WordSet::shape`]): most words
    /// asked about are not in the set and have no shape of its words, which says
    /// so without packing and hashing them.
    shapes: [u64; 32],
    /// The packed words, each with its length + 1 (0 marks an empty slot); the
    /// length is 0 or a power of two, at most half full.
    short: Vec<(u64, u64, u8)>,
    short_len: usize,
    long: HashSet<&'a str, BuildWordHasher>,
}

impl<'a> WordSet<'a> {
    /// The bit of a word's shape (its first and last byte, and whether its length
    /// is odd) in [`WordSet::shapes`].
    #[inline]
    fn shape(word: &[u8]) -> usize {
        match word {
            [first, .., last] => {
                usize::from(first & 31) | usize::from(last & 31) << 5 | (word.len() & 1) << 10
            }
            [only] => (usize::from(only & 31) * 33) | (1 << 10),
            [] => 0,
        }
    }

    /// A word of up to 16 bytes as integers that, with its length, determine it
    /// (see [`pack_word`]), the length + 1 last.
    fn key(word: &str) -> Option<(u64, u64, u8)> {
        pack_word(word.as_bytes()).map(|(a, b)| (a, b, word.len() as u8 + 1))
    }

    /// The slot where `key` is or would go in a table of `slots` slots.
    fn find(slots: &[(u64, u64, u8)], key: (u64, u64, u8)) -> usize {
        let mask = slots.len() - 1;
        let hash = (key.0 ^ key.1.rotate_left(29) ^ u64::from(key.2)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut s = (hash >> 40) as usize & mask;
        while slots[s].2 != 0 && slots[s] != key {
            s = (s + 1) & mask;
        }
        s
    }

    fn insert(&mut self, word: &'a str) {
        let shape = WordSet::shape(word.as_bytes());
        self.shapes[shape / 64] |= 1 << (shape % 64);
        let Some(key) = WordSet::key(word) else {
            self.long.insert(word);
            return;
        };
        if 2 * (self.short_len + 1) > self.short.len() {
            let slots = (2 * self.short.len()).max(64);
            let old = std::mem::replace(&mut self.short, vec![(0, 0, 0); slots]);
            for k in old.into_iter().filter(|k| k.2 != 0) {
                let s = WordSet::find(&self.short, k);
                self.short[s] = k;
            }
        }
        let s = WordSet::find(&self.short, key);
        if self.short[s].2 == 0 {
            self.short[s] = key;
            self.short_len += 1;
        }
    }

    #[inline]
    fn contains(&self, word: &str) -> bool {
        let shape = WordSet::shape(word.as_bytes());
        self.shapes[shape / 64] & (1 << (shape % 64)) != 0 && self.holds(word)
    }

    /// [`contains`](Self::contains) for a word with the shape of a word of the set.
    #[inline(never)]
    fn holds(&self, word: &str) -> bool {
        match WordSet::key(word) {
            Some(key) => !self.short.is_empty() && self.short[WordSet::find(&self.short, key)].2 != 0,
            None => self.long.contains(word),
        }
    }

    fn is_empty(&self) -> bool {
        self.short_len == 0 && self.long.is_empty()
    }
}

fn short(cx: &Context<'_>, i: usize, kind: EntityKind, rule: Rule) -> Candidate {
    Candidate {
        tokens: i..i + 1,
        span: cx.tokens[i].span,
        kind,
        form: MentionForm::Name,
        canonical: None,
        ids: None,
        found_by: FoundBy::Rule(rule),
        priority: PRIORITY_SHORT_FORM,
    }
}

/// Words after which a name is a place ("visited Jordan", "in Washington").
pub(crate) const LOCATIVE: &[&str] = &[
    "in",
    "to",
    "from",
    "at",
    "into",
    "near",
    "across",
    "toward",
    "towards",
    "visited",
    "visit",
    "visiting",
    "left",
    "leave",
    "leaving",
    "outside",
    "inside",
    "throughout",
    "via",
];

/// Speech verbs that make a listed place after a short form a speaker.
pub(crate) const SPEECH_AFTER: &[&str] = &["said", "says", "told", "added", "asked", "wrote", "tweeted"];

/// Whether a speech verb stands at token `i`.
fn speaker_next(cx: &Context<'_>, i: usize) -> bool {
    cx.vocab(i).any(Vocab::SHORT_FORM_SPEECH)
}

#[cfg(test)]
mod tests {
    use super::WordSet;

    /// The table finds every word put in, through its growth, and no other.
    #[test]
    fn word_set_holds_what_was_put_in() {
        let words: Vec<String> = (0..500).map(|n| format!("w{}", n * 7)).collect();
        let long = "a-word-of-more-than-sixteen-bytes";
        let mut set = WordSet::default();
        assert!(set.is_empty() && !set.contains("w0"));
        for (k, w) in words.iter().enumerate() {
            set.insert(w);
            set.insert(w);
            assert!(words[..=k].iter().all(|w| set.contains(w)));
        }
        set.insert(long);
        assert!(set.contains(long) && !set.contains("a-word-of-more-than-sixteen-byte"));
        assert!((0..500).map(|n| format!("w{}", n * 7 + 1)).all(|w| !set.contains(&w)));
        assert!(!set.contains("") && !set.contains("w"));
    }
}
