//! Closed-class English words the quotation rules read: pronouns, determiners,
//! auxiliaries and adverbs that sit between a speaker and a cue, prepositions and
//! conjunctions that end a speaker phrase, sentence openers that are not names, and
//! time words; compared ignoring ASCII case.
//!
//! Every token is looked up once, in one hash map that also holds the cue lexicon
//! ([`Vocabulary`]); the rules then test bits ([`WordClass`]).

use super::cues::{CueClass, CueLexicon, CueWord, VerbForm};
use super::Doc;
use crate::span::Span;
use once_cell::sync::Lazy;
use std::collections::HashMap;

/// Subject pronouns that can name a speaker.
#[rustfmt::skip]
pub(crate) const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];

/// Words that open a noun phrase.
#[rustfmt::skip]
pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "your", "one", "another", "some", "many", "most", "several", "both", "all", "each", "every",
    "few", "two", "three", "four", "five", "other", "such", "any", "no",
];

/// Adverbs and auxiliaries that may stand between a speaker and its cue ("Trump has
/// long said", "the ministry later added").
#[rustfmt::skip]
pub(crate) const BETWEEN: &[&str] = &[
    "also", "later", "then", "has", "have", "had", "was", "were", "is", "are", "would", "will",
    "could", "should", "may", "might", "must", "did", "does", "do", "once", "again", "previously",
    "recently", "earlier", "further", "reportedly", "repeatedly", "simply", "never", "often",
    "always", "just", "even", "still", "already", "finally", "first", "since", "long", "yet", "not",
    "n't", "herself", "himself", "themselves", "itself", "too", "now", "subsequently", "initially",
    "separately", "privately", "publicly", "frequently", "immediately", "quickly", "flatly",
    "bluntly", "angrily", "proudly",
];

/// Lower-case words that never belong to a speaker phrase.
#[rustfmt::skip]
pub(crate) const STOP: &[&str] = &[
    "in", "on", "at", "for", "with", "from", "by", "about", "to", "into", "over", "after", "before",
    "during", "under", "than", "against", "without", "through", "between", "among", "and", "or",
    "but", "nor", "so", "that", "which", "who", "whom", "whose", "when", "where", "while", "as",
    "because", "if", "though", "although", "is", "was", "are", "were", "be", "been", "being", "has",
    "have", "had", "will", "would", "can", "could", "should", "may", "might", "must", "do", "does",
    "did", "not", "also", "it", "he", "she", "they", "we", "i", "you", "him", "them", "us", "me",
    "there", "here", "what", "how", "why", "said", "says", "say", "told", "of", "like", "just",
    "even", "only", "then", "now", "yet", "still", "again", "very", "too", "more", "less", "up",
    "down", "out", "off", "back", "well", "however", "since", "until", "unless", "whether", "per",
    "via", "amid", "despite", "toward", "towards", "upon", "within", "including", "according",
    "ago", "later", "earlier", "today", "yesterday", "tomorrow", "tonight", "this", "week", "year",
    "month", "day", "morning", "afternoon", "evening", "night", "time", "times", "shown", "seen",
    "known", "given", "taken", "done", "gone", "made", "got", "went", "took", "came", "became",
    "left", "put", "let", "set", "met", "held", "kept", "began", "run", "ran", "won", "lost",
];

/// Capitalised words that open sentences without being names.
#[rustfmt::skip]
pub(crate) const SENTENCE_WORDS: &[&str] = &[
    "But", "And", "Or", "So", "In", "On", "At", "For", "When", "While", "After", "Before", "As",
    "If", "Since", "Although", "However", "Meanwhile", "Still", "Yet", "Now", "Then", "Later",
    "Earlier", "Also", "Asked", "According", "Speaking", "Writing", "Instead", "Indeed", "Last",
    "Separately", "Today", "Yesterday", "During", "Under", "With", "Without", "Despite",
    "Because", "Here", "There", "Afterward", "Afterwards", "Thus", "Again", "Finally", "First",
    "Second", "Third", "Like", "Unlike", "Even", "Only", "Not", "That", "This", "These", "Those",
    "What", "Who", "Why", "How", "Where", "Once", "Until", "From", "By", "To", "Of", "Over",
    "Though", "Whether", "Through", "Among", "Amid", "Recently", "Previously", "Back",
];

/// Prepositions whose phrase may sit inside a speaker phrase ("a man in the crowd").
#[rustfmt::skip]
pub(crate) const PP_PREPOSITIONS: &[&str] = &["of", "for", "in", "at", "from", "through", "with", "on"];

/// Times that follow a cue and are not its speaker ("said Thursday").
#[rustfmt::skip]
pub(crate) const TIME_WORDS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "tonight", "earlier", "later", "last", "this", "on", "in", "at", "during", "after",
    "before", "recently", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan.", "feb.", "aug.", "sept.", "oct.",
    "nov.", "dec.",
];

/// Nominal speakers that name a role rather than a body ("a spokesman").
#[rustfmt::skip]
pub(crate) const ROLE_NOUNS: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "official", "officials", "aide", "aides", "source",
    "sources", "representative", "representatives", "adviser", "advisers", "advisor", "advisors",
    "member", "members", "staff", "staffer", "staffers", "diplomat", "diplomats", "minister",
    "envoy",
];

/// Words that join the words of a name ("bin", "al", "de", "of").
#[rustfmt::skip]
pub(crate) const NAME_GLUE: &[&str] = &[
    "bin", "al", "el", "de", "da", "van", "von", "der", "la", "le", "du", "of", "&", "-", "'s", "’s",
];

/// Which closed classes a word belongs to (a small bit set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct WordClass(u16);

impl WordClass {
    pub const PRONOUN: WordClass = WordClass(1);
    pub const DETERMINER: WordClass = WordClass(1 << 1);
    pub const BETWEEN: WordClass = WordClass(1 << 2);
    pub const STOP: WordClass = WordClass(1 << 3);
    pub const SENTENCE_WORD: WordClass = WordClass(1 << 4);
    pub const PP_PREPOSITION: WordClass = WordClass(1 << 5);
    pub const TIME: WordClass = WordClass(1 << 6);
    pub const ROLE: WordClass = WordClass(1 << 7);
    pub const NAME_GLUE: WordClass = WordClass(1 << 8);
    /// "of" and "for", which join a noun phrase to a name ("spokesman for X").
    pub const OF_FOR: WordClass = WordClass(1 << 9);
    /// "and".
    pub const AND: WordClass = WordClass(1 << 10);
    /// "&".
    pub const AMPERSAND: WordClass = WordClass(1 << 11);
    /// "that".
    pub const THAT: WordClass = WordClass(1 << 12);
    /// "according".
    pub const ACCORDING: WordClass = WordClass(1 << 13);

    /// The classes of both.
    pub const fn union(self, other: WordClass) -> WordClass {
        WordClass(self.0 | other.0)
    }

    /// Whether any bit of `other` is set.
    pub const fn any(self, other: WordClass) -> bool {
        self.0 & other.0 != 0
    }

    fn insert(&mut self, other: WordClass) {
        self.0 |= other.0;
    }
}

/// What the vocabulary knows about one word, as it is built.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct WordInfo {
    /// Closed classes.
    pub class: WordClass,
    /// The cue lexicon's entry: the word itself, or the first word of a multiword
    /// form ("pointed" of "pointed out").
    pub cue: Option<CueWord>,
    /// Whether the word is the first word of a multiword cue form.
    pub phrase_start: bool,
}

/// What the vocabulary knows about one token ([`WordInfo`]), packed into 32 bits so
/// that the per-token table stays small: closed classes and single words (bits 0-13),
/// first word of a multiword form (bit 14), noun of attribution (bit 15), verb class
/// and form (bits 16-20, 0 for none), lemma (bits 21-31: the embedded lexicon has a
/// few hundred). A cue entry is always a verb or a noun, so the bits say whether there
/// is one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Vocab(u32);

impl Vocab {
    const CLASS_BITS: u32 = 0x3fff;
    const PHRASE_START: u32 = 1 << 14;
    const NOUN: u32 = 1 << 15;
    const VERB_SHIFT: u32 = 16;
    const VERB_BITS: u32 = 0x1f << Self::VERB_SHIFT;
    const LEMMA_SHIFT: u32 = 21;

    const CLASSES: [CueClass; 5] =
        [CueClass::Speech, CueClass::Tell, CueClass::Write, CueClass::Belief, CueClass::Call];
    const FORMS: [VerbForm; 4] = [VerbForm::Base, VerbForm::Present, VerbForm::Past, VerbForm::Gerund];

    /// Pack what is known about a word.
    fn pack(info: WordInfo) -> Vocab {
        let mut bits = u32::from(info.class.0) & Self::CLASS_BITS;
        if info.phrase_start {
            bits |= Self::PHRASE_START;
        }
        if let Some(cue) = info.cue {
            if cue.noun {
                bits |= Self::NOUN;
            }
            if let Some((class, form)) = cue.verb {
                let c = Self::CLASSES.iter().position(|&x| x == class).unwrap_or(0) as u32;
                let f = Self::FORMS.iter().position(|&x| x == form).unwrap_or(0) as u32;
                bits |= (1 + c * 4 + f) << Self::VERB_SHIFT;
            }
            bits |= u32::from(cue.lemma) << Self::LEMMA_SHIFT;
        }
        Vocab(bits)
    }

    /// A value no word has (its verb bits name no class and form): what a token's
    /// entry holds before it is looked up.
    pub const UNKNOWN: Vocab = Vocab(u32::MAX);

    /// Nothing when `cond` holds, else `self` (a mask, not a branch).
    #[inline]
    pub fn unless(self, cond: bool) -> Vocab {
        Vocab(self.0 & u32::from(cond).wrapping_sub(1))
    }

    /// The closed classes.
    #[inline]
    pub fn class(self) -> WordClass {
        WordClass((self.0 & Self::CLASS_BITS) as u16)
    }

    /// Whether the word is the first word of a multiword cue form.
    #[inline]
    pub fn phrase_start(self) -> bool {
        self.0 & Self::PHRASE_START != 0
    }

    /// Whether the cue entry is a verb.
    #[inline]
    pub fn is_verb(self) -> bool {
        self.0 & Self::VERB_BITS != 0
    }

    /// Whether the cue entry is a noun of attribution.
    #[inline]
    pub fn is_cue_noun(self) -> bool {
        self.0 & Self::NOUN != 0
    }

    /// The cue lexicon's entry: the word itself, or the first word of a multiword
    /// form ("pointed" of "pointed out").
    pub fn cue(self) -> Option<CueWord> {
        if !self.is_verb() && !self.is_cue_noun() {
            return None;
        }
        let v = (self.0 & Self::VERB_BITS) >> Self::VERB_SHIFT;
        let verb = v
            .checked_sub(1)
            .and_then(|v| Some((*Self::CLASSES.get((v / 4) as usize)?, *Self::FORMS.get((v % 4) as usize)?)));
        Some(CueWord { verb, noun: self.is_cue_noun(), lemma: (self.0 >> Self::LEMMA_SHIFT) as u16 })
    }
}

/// The combined vocabulary: closed-class words and the cue lexicon, by lower-case form.
///
/// A cuckoo hash table: a word is packed, lower-cased, into three machine words
/// ([`Key`]) and has two candidate slots; it is in one of them. Slot 0 of the
/// entries is a sentinel that no word matches, so a lookup reads both candidates and
/// keeps the one that matches, if any: two independent loads, integer comparisons, and
/// no branch that depends on the word (whether it is in the vocabulary is a coin toss
/// for the branch predictor).
#[derive(Debug)]
pub(crate) struct Vocabulary {
    /// The words of at most [`SHORT_MAX`] bytes (most tokens) again, in a second
    /// cuckoo table keyed by one machine word ([`short_key`]) and holding the values
    /// themselves: one multiplication and two slots read, no indirection. Empty slots
    /// hold key 0, which no word has.
    short_keys: Box<[u64; SHORT_SLOTS]>,
    /// The value of each slot of `short_keys`.
    short_values: Box<[u32; SHORT_SLOTS]>,
    /// The odd multiplier that hashes short keys.
    short_multiplier: u64,
    /// Whether the short words found places (else every word is looked up in the
    /// general table).
    short_ok: bool,
    /// Index into `entries` (0 for an empty slot).
    slots: Box<[u16]>,
    /// The sentinel, then the words and what is known about them.
    entries: Vec<(Key, Vocab)>,
    /// `64 - log2(slots.len())`: a slot is the top bits of a hash.
    shift: u32,
    /// The hash seed the table was built with.
    seed: u64,
    /// A filter for the cue verbs and "according" ([`Vocabulary::may_be_cue`]): the
    /// bit [`cue_filter_bit`] of each of them is set.
    cue_filter: Box<[u64; CUE_FILTER_WORDS]>,
    /// Bit `len` of entry `b & 31` is set when a cue verb or "according" has `len`
    /// bytes and starts with a byte `b` (in any ASCII case): short words ("a", "of",
    /// "to") and a third of the others ("the", "government") are stopped by one test.
    cue_starts: [u32; 32],
}

/// The longest word looked up.
const MAX_WORD: usize = 24;

/// The longest word of the short table.
const SHORT_MAX: usize = 7;
/// `log2` of the number of slots of the short table.
const SHORT_BITS: u32 = 12;
/// The number of slots of the short table.
const SHORT_SLOTS: usize = 1 << SHORT_BITS;

/// The key of a word of 1 to [`SHORT_MAX`] bytes, given as its lower-cased bytes in
/// a little-endian machine word (zero padded): the length in the top byte, which the
/// word leaves zero, so that no two words share a key and no word has key 0.
#[inline(always)]
fn short_key(lowered: u64, len: usize) -> u64 {
    lowered | ((len as u64) << 56)
}

/// The two slots of a short key: two runs of high bits of one product.
#[inline(always)]
fn short_slots(key: u64, multiplier: u64) -> (usize, usize) {
    let h = key.wrapping_mul(multiplier);
    ((h >> (64 - SHORT_BITS)) as usize, (h >> (64 - 2 * SHORT_BITS)) as usize & (SHORT_SLOTS - 1))
}

/// A word of at most [`MAX_WORD`] bytes, ASCII lower-cased and packed into three
/// little-endian machine words (zero padded), with its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Key {
    words: [u64; 3],
    len: u64,
}

/// `MASKS[n]` keeps the first `n` bytes of a little-endian word.
const MASKS: [u64; 9] = {
    let mut m = [0u64; 9];
    let mut n = 1;
    while n < 8 {
        m[n] = u64::MAX >> (8 * (8 - n));
        n += 1;
    }
    m[8] = u64::MAX;
    m
};

impl Key {
    /// The key of `word`; `None` for words that cannot be in the vocabulary (empty or
    /// too long).
    fn of(word: &[u8]) -> Option<Key> {
        Key::at(word, 0, word.len())
    }

    /// The key of the bytes `start..end` of `text`; `None` for words that cannot be
    /// in the vocabulary (empty, too long, out of `text`).
    #[inline(always)]
    fn at(text: &[u8], start: usize, end: usize) -> Option<Key> {
        let len = end.checked_sub(start)?;
        if len == 0 || len > MAX_WORD || end > text.len() {
            return None;
        }
        let words = match text.get(start..).and_then(|rest| rest.first_chunk::<MAX_WORD>()) {
            // Twenty-four bytes in three loads; those past the word are masked off.
            Some(chunk) => {
                let word = |i: usize| {
                    let mut b = [0u8; 8];
                    b.copy_from_slice(&chunk[8 * i..8 * i + 8]);
                    let keep = MASKS[len.saturating_sub(8 * i).min(8)];
                    ascii_lower(u64::from_le_bytes(b) & keep)
                };
                // Most words fit the first machine word.
                if len <= 8 {
                    [word(0), 0, 0]
                } else {
                    [word(0), word(1), word(2)]
                }
            }
            // Near the end of the text: byte by byte.
            None => {
                let mut words = [0u64; 3];
                for (k, &b) in text[start..end].iter().enumerate() {
                    words[k / 8] |= u64::from(b) << (8 * (k % 8));
                }
                words.map(ascii_lower)
            }
        };
        Some(Key { words, len: len as u64 })
    }

    /// The two candidate slots of the key in a table of `64 - shift` bits: the top
    /// bits of two multiply-rotate hashes.
    #[inline(always)]
    fn slots(&self, seed: u64, shift: u32) -> (usize, usize) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        const K2: u64 = 0x9e37_79b9_7f4a_7c15;
        let [a, b, c] = self.words;
        let h = (a ^ self.len ^ seed).wrapping_mul(K);
        let h = (h.rotate_left(29) ^ b ^ c.rotate_left(32)).wrapping_mul(K);
        let h2 = (h ^ (h >> 29)).wrapping_mul(K2);
        ((h >> shift) as usize, (h2 >> shift) as usize)
    }

    /// Whether two keys are equal, without branches.
    #[inline]
    fn same(&self, other: &Key) -> bool {
        let d = (self.words[0] ^ other.words[0])
            | (self.words[1] ^ other.words[1])
            | (self.words[2] ^ other.words[2])
            | (self.len ^ other.len);
        d == 0
    }
}

/// The eight bytes of `w` with ASCII capitals turned to lower case (other bytes,
/// UTF-8 ones included, unchanged).
#[inline]
fn ascii_lower(w: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let heptets = w & LOW7;
    // High bit of each byte: at least 'A', and above 'Z' (computed on 7 bits, so no
    // carry crosses a byte); ASCII only (the byte's own high bit clear).
    let ge_a = heptets + 0x3f3f_3f3f_3f3f_3f3f;
    let gt_z = heptets + 0x2525_2525_2525_2525;
    let upper = ge_a & !gt_z & !w & HIGH;
    w | (upper >> 2)
}

static VOCABULARY: Lazy<Vocabulary> = Lazy::new(Vocabulary::build);

impl Vocabulary {
    /// The embedded vocabulary, built once per process.
    pub fn embedded() -> &'static Vocabulary {
        &VOCABULARY
    }

    fn build() -> Vocabulary {
        // The sentinel (length 0: no word has that key), then every word short
        // enough to be looked up, as many as a slot can index (the embedded lists are
        // far below).
        let mut entries: Vec<(Key, Vocab)> = vec![(Key::default(), Vocab::default())];
        let mut words: Vec<(Box<str>, WordInfo)> = Vocabulary::words().into_iter().collect();
        // In a fixed order, so that the table is the same from run to run.
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        entries.extend(
            words
                .iter()
                .filter_map(|(w, v)| Key::of(w.as_bytes()).map(|k| (k, Vocab::pack(*v))))
                .take(usize::from(u16::MAX) - 1),
        );
        // At most a third of the slots used; a larger table or another seed when the
        // words do not fit.
        let min_bits = (entries.len() * 3).next_power_of_two().trailing_zeros();
        let (short_keys, short_values, short_multiplier, short_ok) = Self::place_short(&entries);
        for bits in min_bits..=20 {
            for seed in 0..16u64 {
                if let Some(slots) = Self::place(&entries, 64 - bits, seed) {
                    return Vocabulary {
                        short_keys,
                        short_values,
                        short_multiplier,
                        short_ok,
                        slots,
                        cue_filter: Self::cue_filter(&entries),
                        cue_starts: Self::cue_starts(&entries),
                        entries,
                        shift: 64 - bits,
                        seed,
                    };
                }
            }
        }
        // Unreachable for any list of words that fits the entries: an empty table.
        Vocabulary {
            short_keys,
            short_values,
            short_multiplier,
            short_ok: false,
            slots: vec![0; 1].into_boxed_slice(),
            cue_filter: Self::cue_filter(&entries),
            cue_starts: Self::cue_starts(&entries),
            entries,
            shift: 63,
            seed: 0,
        }
    }

    /// The filter of [`Vocabulary::may_be_cue`] for `entries`.
    fn cue_filter(entries: &[(Key, Vocab)]) -> Box<[u64; CUE_FILTER_WORDS]> {
        let mut filter = Box::new([0u64; CUE_FILTER_WORDS]);
        for (key, v) in entries.iter().skip(1) {
            if v.is_verb() || v.class().any(WordClass::ACCORDING) {
                let len = key.len as usize;
                // The first four bytes (zero padded, as the key has them).
                let bit = cue_filter_bit(key.words[0] as u32, len);
                filter[bit / 64] |= 1 << (bit % 64);
            }
        }
        filter
    }

    /// The lengths of the cue verbs and "according" by their first byte
    /// ([`Vocabulary::cue_starts`]).
    fn cue_starts(entries: &[(Key, Vocab)]) -> [u32; 32] {
        let cue = |v: &Vocab| v.is_verb() || v.class().any(WordClass::ACCORDING);
        let mut starts = [0u32; 32];
        // Every key is 1 to MAX_WORD (24) bytes long; its first byte is lower case
        // (`b & 31` is the same for a letter in either case).
        for (key, _) in entries.iter().skip(1).filter(|(_, v)| cue(v)) {
            starts[(key.words[0] & 31) as usize] |= 1 << (key.len & 31);
        }
        starts
    }

    /// Whether the word `span` of `text` may be a cue verb or "according": false when
    /// it is neither ([`Vocab::is_verb`], [`WordClass::ACCORDING`]), true for them and
    /// for the few other words whose first byte and length match one of them and whose
    /// length and first four bytes (in any ASCII case) hash alike. Two bits read
    /// against a look-up's few dozen instructions and four cache lines.
    #[inline]
    pub fn may_be_cue(&self, text: &[u8], span: Span) -> bool {
        let len = span.end.wrapping_sub(span.start);
        // Only bits 1 to `MAX_WORD` are set: empty words, long ones and spans that
        // run backwards are turned down with the others.
        if len >= 32 || span.end > text.len() {
            return false;
        }
        let Some(&first) = text.get(span.start) else { return false };
        if (self.cue_starts[usize::from(first & 31)] >> len) & 1 == 0 {
            return false;
        }
        let prefix = match text.get(span.start..).and_then(|rest| rest.first_chunk::<4>()) {
            Some(chunk) => u32::from_le_bytes(*chunk) & PREFIX_MASKS[len],
            // Near the end of the text: byte by byte.
            None => text[span.start..span.end].iter().rev().fold(0, |w, &b| (w << 8) | u32::from(b)),
        };
        let bit = cue_filter_bit(prefix, len);
        self.cue_filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The short table: cuckoo placement of the entries of at most [`SHORT_MAX`]
    /// bytes, trying a few multipliers; the last flag says whether all found a place.
    #[allow(clippy::type_complexity)]
    fn place_short(
        entries: &[(Key, Vocab)],
    ) -> (Box<[u64; SHORT_SLOTS]>, Box<[u32; SHORT_SLOTS]>, u64, bool) {
        const MAX_KICKS: usize = 500;
        let short: Vec<(u64, u32)> = entries
            .iter()
            .skip(1)
            .filter(|(k, _)| (1..=SHORT_MAX as u64).contains(&k.len))
            .map(|(k, v)| (short_key(k.words[0], k.len as usize), v.0))
            .collect();
        for attempt in 0..64u64 {
            let multiplier = (0x9e37_79b9_7f4a_7c15u64 ^ attempt.wrapping_mul(0x2545_f491_4f6c_dd1d)) | 1;
            let mut keys = Box::new([0u64; SHORT_SLOTS]);
            let mut values = Box::new([0u32; SHORT_SLOTS]);
            let mut placed_all = true;
            for &(key, value) in &short {
                let (mut current, mut current_value) = (key, value);
                let (a, b) = short_slots(current, multiplier);
                let mut at = if keys[a] == 0 || keys[b] != 0 { a } else { b };
                let mut placed = false;
                for _ in 0..MAX_KICKS {
                    current = std::mem::replace(&mut keys[at], current);
                    current_value = std::mem::replace(&mut values[at], current_value);
                    if current == 0 {
                        placed = true;
                        break;
                    }
                    // The word pushed out goes to its other slot.
                    let (a, b) = short_slots(current, multiplier);
                    at = if at == a { b } else { a };
                }
                if !placed {
                    placed_all = false;
                    break;
                }
            }
            if placed_all {
                return (keys, values, multiplier, true);
            }
        }
        (Box::new([0; SHORT_SLOTS]), Box::new([0; SHORT_SLOTS]), 1, false)
    }

    /// Cuckoo placement of every entry in one of its two slots; `None` when some
    /// entry finds no place.
    fn place(entries: &[(Key, Vocab)], shift: u32, seed: u64) -> Option<Box<[u16]>> {
        const MAX_KICKS: usize = 500;
        let mut slots = vec![0u16; 1 << (64 - shift)].into_boxed_slice();
        for index in 1..entries.len() {
            let mut current = index as u16;
            let (a, b) = entries[index].0.slots(seed, shift);
            let mut at = if slots[a] == 0 || slots[b] != 0 { a } else { b };
            let mut placed = false;
            for _ in 0..MAX_KICKS {
                current = std::mem::replace(&mut slots[at], current);
                if current == 0 {
                    placed = true;
                    break;
                }
                // The word pushed out goes to its other slot.
                let (a, b) = entries[usize::from(current)].0.slots(seed, shift);
                at = if at == a { b } else { a };
            }
            if !placed {
                return None;
            }
        }
        Some(slots)
    }

    /// Every word of the vocabulary (lower case) with what is known about it.
    fn words() -> HashMap<Box<str>, WordInfo> {
        let mut map: HashMap<Box<str>, WordInfo> = HashMap::new();
        let lists: [(&[&str], WordClass); 14] = [
            (PRONOUNS, WordClass::PRONOUN),
            (DETERMINERS, WordClass::DETERMINER),
            (BETWEEN, WordClass::BETWEEN),
            (STOP, WordClass::STOP),
            (SENTENCE_WORDS, WordClass::SENTENCE_WORD),
            (PP_PREPOSITIONS, WordClass::PP_PREPOSITION),
            (TIME_WORDS, WordClass::TIME),
            (ROLE_NOUNS, WordClass::ROLE),
            (NAME_GLUE, WordClass::NAME_GLUE),
            (&["of", "for"], WordClass::OF_FOR),
            (&["and"], WordClass::AND),
            (&["&"], WordClass::AMPERSAND),
            (&["that"], WordClass::THAT),
            (&["according"], WordClass::ACCORDING),
        ];
        for (list, class) in lists {
            for w in list {
                map.entry(Box::from(w.to_ascii_lowercase().as_str())).or_default().class.insert(class);
            }
        }
        let lexicon = CueLexicon::embedded();
        for (form, word) in lexicon.entries() {
            map.entry(Box::from(form)).or_default().cue = Some(word);
        }
        for (first, word) in lexicon.phrase_starts() {
            let v = map.entry(Box::from(first)).or_default();
            v.phrase_start = true;
            if v.cue.is_none() {
                v.cue = Some(word);
            }
        }
        map
    }

    /// What the vocabulary knows about `word` (any ASCII case).
    #[cfg(test)]
    pub fn get(&self, word: &str) -> Vocab {
        Key::of(word.as_bytes()).map_or_else(Vocab::default, |k| self.find(&k))
    }

    /// What the vocabulary knows about the word `span` of `text` (any ASCII case):
    /// the same as `get(span.text(text))`, without going through `str`.
    #[inline(always)]
    pub fn get_at(&self, text: &str, span: Span) -> Vocab {
        match self.get_short(text.as_bytes(), span) {
            Some(v) => v,
            None => self.get_long(text.as_bytes(), span),
        }
    }

    /// [`Vocabulary::get_at`] for words of 1 to [`SHORT_MAX`] bytes that lie eight
    /// bytes or more before the end of the text (one load, one product, two slots);
    /// `None` for the others.
    #[inline(always)]
    pub fn get_short(&self, text: &[u8], span: Span) -> Option<Vocab> {
        let len = span.end.wrapping_sub(span.start);
        if len.wrapping_sub(1) < SHORT_MAX && self.short_ok {
            // Eight bytes from the start (so the word, 1 to 7 bytes, lies inside).
            if let Some(chunk) = text.get(span.start..).and_then(|rest| rest.first_chunk::<8>()) {
                let key = short_key(ascii_lower(u64::from_le_bytes(*chunk) & MASKS[len]), len);
                let (a, b) = short_slots(key, self.short_multiplier);
                // The value of the slot whose key matches, if any (masks, not branches).
                let value = |slot: usize| {
                    self.short_values[slot] & 0u32.wrapping_sub(u32::from(self.short_keys[slot] == key))
                };
                return Some(Vocab(value(a) | value(b)));
            }
        }
        None
    }

    /// [`Vocabulary::get_at`] for words of more than [`SHORT_MAX`] bytes (and near the
    /// end of the text), kept out of line: the short path, most lookups, then needs
    /// few registers.
    #[inline(never)]
    fn get_long(&self, text: &[u8], span: Span) -> Vocab {
        Key::at(text, span.start, span.end).map_or_else(Vocab::default, |k| self.find(&k))
    }

    #[inline(always)]
    fn find(&self, key: &Key) -> Vocab {
        let (a, b) = key.slots(self.seed, self.shift);
        let entry = |slot: usize| {
            let index = self.slots.get(slot).copied().unwrap_or(0);
            let (k, v) = self.entries.get(usize::from(index)).copied().unwrap_or_default();
            // The value when the key matches, else nothing (a mask, not a branch).
            v.0 & 0u32.wrapping_sub(u32::from(k.same(key)))
        };
        Vocab(entry(a) | entry(b))
    }
}

/// The number of machine words of the cue filter (a bit for about fifty words of the
/// vocabulary: few other words share one with a cue).
const CUE_FILTER_WORDS: usize = 512;

/// `PREFIX_MASKS[n]` keeps the first `n` bytes (at most four) of a little-endian
/// 32-bit word: one entry for every length below 32, so that no length needs
/// clamping first.
const PREFIX_MASKS: [u32; 32] = {
    let mut m = [u32::MAX; 32];
    m[0] = 0;
    m[1] = 0xff;
    m[2] = 0xffff;
    m[3] = 0x00ff_ffff;
    m
};

/// The bit of the cue filter for a word of `len` bytes whose first (at most four)
/// bytes are `prefix` (little-endian, zero padded). Case is folded by setting bit 5 of
/// every byte: a letter and its capital become the same byte, other bytes merge with
/// a few others, which only lets a few more words through the filter. Four bytes
/// and the length tell the cue verbs from other words almost as well as eight: a
/// 32-bit load needs no mask for most words.
#[inline(always)]
fn cue_filter_bit(prefix: u32, len: usize) -> usize {
    let folded = u64::from(prefix | 0x2020_2020) | ((len as u64) << 32);
    let h = folded.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> (64 - CUE_FILTER_WORDS.trailing_zeros() - 6)) as usize
}

/// `word` in ASCII lower case, in `buf` when it has capitals; `None` for words that
/// cannot be in the vocabulary (empty or too long).
pub(crate) fn lower_key<'b>(word: &'b str, buf: &'b mut [u8; MAX_WORD]) -> Option<&'b str> {
    if word.is_empty() || word.len() > MAX_WORD {
        return None;
    }
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some(word);
    }
    let bytes = word.as_bytes();
    buf[..bytes.len()].copy_from_slice(bytes);
    buf[..bytes.len()].make_ascii_lowercase();
    std::str::from_utf8(&buf[..bytes.len()]).ok()
}

/// Whether token `i` is a subject pronoun.
#[inline]
pub(crate) fn is_pronoun(doc: &Doc<'_>, i: usize) -> bool {
    doc.class(i).any(WordClass::PRONOUN)
}

/// Whether token `i` is a determiner.
#[inline]
pub(crate) fn is_determiner(doc: &Doc<'_>, i: usize) -> bool {
    doc.class(i).any(WordClass::DETERMINER)
}

/// Whether token `i` is a word that never belongs to a speaker phrase.
pub(crate) fn is_stop(doc: &Doc<'_>, i: usize) -> bool {
    doc.class(i).any(WordClass::STOP) || {
        // On bytes; a token cut off character boundaries reads as "" ([`Doc::word`]).
        let w = doc.word_bytes(i);
        (w.ends_with(b"n't") || w.ends_with("n’t".as_bytes())) && !doc.word(i).is_empty()
    }
}

/// Whether token `i` is an adverb or auxiliary that can sit between speaker and cue.
pub(crate) fn is_between(doc: &Doc<'_>, i: usize) -> bool {
    if doc.class(i).any(WordClass::BETWEEN) {
        return true;
    }
    // On bytes: a lower-case word lies on character boundaries, so they are its text.
    let w = doc.word_bytes(i);
    w.len() > 4
        && w.ends_with(b"ly")
        && doc.is_lower_word(i)
        && !matches!(w, b"family" | b"ally" | b"assembly")
}

/// Whether token `i` names a time ("Thursday", "last").
#[inline]
pub(crate) fn is_time_word(doc: &Doc<'_>, i: usize) -> bool {
    doc.class(i).any(WordClass::TIME)
}

/// Whether token `i` is a capitalised word that opens sentences without being a name
/// ("But", "According"), when it opens its sentence.
#[inline]
pub(crate) fn is_sentence_word(doc: &Doc<'_>, i: usize) -> bool {
    doc.class(i).any(WordClass::SENTENCE_WORD)
}

/// Whether token `i` is a preposition whose phrase may sit inside a speaker phrase.
#[inline]
pub(crate) fn is_pp_preposition(doc: &Doc<'_>, i: usize) -> bool {
    doc.class(i).any(WordClass::PP_PREPOSITION)
}

/// Whether token `i` is a role noun ("spokesman", "officials").
#[inline]
pub(crate) fn is_role_noun(doc: &Doc<'_>, i: usize) -> bool {
    doc.class(i).any(WordClass::ROLE)
}

/// Whether token `i` joins the words of a name ("bin", "de", "of").
#[inline]
pub(crate) fn is_name_glue(doc: &Doc<'_>, i: usize) -> bool {
    doc.class(i).any(WordClass::NAME_GLUE)
}

/// Whether token `i` looks like a verb rather than a noun: a cue verb that is not also
/// a noun of attribution in this form, or a lower-case word ending in -ed or -ing.
pub(crate) fn is_verb_like(doc: &Doc<'_>, i: usize) -> bool {
    is_cue_verb_form(doc, i) || is_participle_shape(doc, i)
}

/// Whether token `i` is a form of a cue verb that is not also a noun of attribution
/// ("said", "tells"; not "statement", "report").
pub(crate) fn is_cue_verb_form(doc: &Doc<'_>, i: usize) -> bool {
    if let Some(word) = doc.verb(i) {
        if let Some((_, form)) = word.verb {
            use super::cues::VerbForm;
            let noun_reading = word.noun && matches!(form, VerbForm::Base | VerbForm::Present);
            let plain_base =
                matches!(form, VerbForm::Base) && !matches!(doc.word(i), "say" | "tell" | "think");
            if !noun_reading && !plain_base {
                return true;
            }
        }
    }
    false
}

/// Whether token `i` is a lower-case word shaped like a participle (-ed, -ing): a verb
/// at the head of a phrase, an adjective inside one ("the gambling tycoon").
pub(crate) fn is_participle_shape(doc: &Doc<'_>, i: usize) -> bool {
    // On bytes: a lower-case word lies on character boundaries, so they are its text.
    let w = doc.word_bytes(i);
    doc.is_lower_word(i)
        && w.len() > 5
        && (w.ends_with(b"ed")
            || (w.ends_with(b"ing") && !matches!(w, b"meeting" | b"building" | b"briefing")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_lower_matches_the_standard_library() {
        for b in 0..=255u8 {
            let w = u64::from_le_bytes([b, b'A', b'z', b'Z', b'@', b'[', 0xC3, b]);
            let mut bytes = w.to_le_bytes();
            bytes.make_ascii_lowercase();
            assert_eq!(ascii_lower(w), u64::from_le_bytes(bytes), "byte {b}");
        }
    }

    #[test]
    fn every_word_is_found_in_any_case() {
        let vocabulary = Vocabulary::embedded();
        for (word, info) in Vocabulary::words() {
            if word.len() > MAX_WORD {
                continue;
            }
            let v = Vocab::pack(info);
            // Packing loses nothing.
            assert_eq!(
                (v.class(), v.cue(), v.phrase_start()),
                (info.class, info.cue, info.phrase_start),
                "{word}"
            );
            assert_eq!(vocabulary.get(&word), v, "{word}");
            let upper = word.to_ascii_uppercase();
            assert_eq!(vocabulary.get(&upper), v, "{upper}");
            // Inside a longer text, at its start and at its very end.
            let text = format!("{upper} {word}");
            assert_eq!(vocabulary.get_at(&text, Span::new(0, word.len())), v, "{text}");
            let end = text.len();
            assert_eq!(vocabulary.get_at(&text, Span::new(end - word.len(), end)), v, "{text}");
            // The cue filter lets every cue verb and "according" through.
            if v.is_verb() || v.class().any(WordClass::ACCORDING) {
                assert!(vocabulary.may_be_cue(text.as_bytes(), Span::new(0, word.len())), "{text}");
                assert!(vocabulary.may_be_cue(text.as_bytes(), Span::new(end - word.len(), end)), "{text}");
            }
        }
        // ... and stops most other words.
        let text = "the of and to in is for on with was he it as at by from his an";
        let passed = text.split(' ').filter(|w| {
            let start = w.as_ptr() as usize - text.as_ptr() as usize;
            vocabulary.may_be_cue(text.as_bytes(), Span::new(start, start + w.len()))
        });
        assert!(passed.count() <= 2);
    }

    #[test]
    fn only_listed_punctuation_is_in_the_vocabulary() {
        // Doc::new looks up every token but numbers: punctuation tokens find nothing
        // but these.
        for (word, _) in Vocabulary::words() {
            if !word.chars().any(char::is_alphanumeric) {
                assert!(matches!(&*word, "&" | "-"), "{word}");
            }
        }
    }

    #[test]
    fn other_words_are_not_found() {
        let vocabulary = Vocabulary::embedded();
        for word in
            ["", "Saidx", "xsaid", "sai", "the ", "Muttaqi", "ünïcode", "a\0", "statementstatementstatement"]
        {
            assert_eq!(vocabulary.get(word), Vocab::default(), "{word}");
        }
        // The short table holds every short word, and a word with bytes past its end
        // that look like a length is not taken for a shorter one.
        assert!(vocabulary.short_ok);
        for text in ["said\0\0\0\u{4} ........", "a\0 ........", "said\u{4}\0\0 ........"] {
            let end = text.find(' ').unwrap_or(0);
            assert_eq!(vocabulary.get_at(text, Span::new(0, end)), Vocab::default(), "{text:?}");
        }
        assert!(vocabulary.get("SAID").is_verb());
        assert!(vocabulary.get("statement").is_cue_noun());
        assert!(vocabulary.get("The").class().any(WordClass::DETERMINER));
        assert!(vocabulary.get("pointed").phrase_start());
        let text = "said";
        assert_eq!(vocabulary.get_at(text, Span::new(2, 9)), Vocab::default());
        assert_eq!(vocabulary.get_at(text, Span::new(3, 2)), Vocab::default());
    }
}
