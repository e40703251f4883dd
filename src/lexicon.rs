//! Word lists the rules consult token by token: given names, surnames, titles and
//! roles, organisation head words and legal suffixes, and capitalised words that
//! are never names.
//!
//! Keys are normalised like the gazetteer's token text (lower case, apostrophes and
//! dashes unified; multiword entries joined by single spaces), so a lookup is one
//! hash probe on text the pipeline has already normalised.

use crate::error::Error;
use crate::gazetteer::push_normalized;
use std::collections::HashMap;

/// A fast, non-cryptographic hasher for short word keys (FxHash's multiply-rotate).
/// The keys come from our own lists, so hash flooding is not a concern.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
}

/// Builds [`WordHasher`]s.
pub type BuildWordHasher = std::hash::BuildHasherDefault<WordHasher>;

/// What the word lists say about one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct WordInfo(u32);

impl WordInfo {
    /// A given name.
    pub const GIVEN: WordInfo = WordInfo(1);
    /// A surname.
    pub const SURNAME: WordInfo = WordInfo(1 << 1);
    /// Also a common lower-case English word ("Will", "Brown").
    pub const COMMON_WORD: WordInfo = WordInfo(1 << 2);
    /// A word that ends organisation names ("Ministry", "Party").
    pub const ORG_HEAD: WordInfo = WordInfo(1 << 3);
    /// A word that starts "X of Y" organisation names ("Bank", "University").
    pub const ORG_HEAD_OF: WordInfo = WordInfo(1 << 4);
    /// A legal-form suffix ("Inc.", "GmbH").
    pub const LEGAL: WordInfo = WordInfo(1 << 5);
    /// Never a name on its own (function words, discourse adverbs, headline words).
    pub const NON_NAME: WordInfo = WordInfo(1 << 6);
    /// A month name.
    pub const MONTH: WordInfo = WordInfo(1 << 7);
    /// A weekday name.
    pub const WEEKDAY: WordInfo = WordInfo(1 << 8);
    /// A holiday, festival or era.
    pub const EVENT: WordInfo = WordInfo(1 << 9);
    /// A given name mostly borne by women.
    pub const FEMALE: WordInfo = WordInfo(1 << 10);
    /// A given name mostly borne by men.
    pub const MALE: WordInfo = WordInfo(1 << 11);
    /// A function word (pronoun, determiner, preposition, conjunction, auxiliary).
    pub const FUNCTION: WordInfo = WordInfo(1 << 12);
    /// A very common surname (top ranks of the census list).
    pub const FREQUENT_SURNAME: WordInfo = WordInfo(1 << 13);
    /// A word of sports reports ("innings", "striker", "league"); see
    /// [`rules::sports`](crate::rules::sports).
    pub const SPORTS: WordInfo = WordInfo(1 << 14);

    /// Whether every flag of `other` is set.
    pub const fn has(self, other: WordInfo) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether any flag of `other` is set.
    pub const fn any(self, other: WordInfo) -> bool {
        self.0 & other.0 != 0
    }

    fn insert(&mut self, other: WordInfo) {
        self.0 |= other.0;
    }
}

impl std::ops::BitOr for WordInfo {
    type Output = WordInfo;
    fn bitor(self, rhs: WordInfo) -> WordInfo {
        WordInfo(self.0 | rhs.0)
    }
}

/// The class of a title or role word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TitleClass {
    /// Mr., Dr., Sheikh: always before a person's name.
    Honorific,
    /// President, Foreign Minister, Sen.: an office, before a name or alone.
    Office,
    /// spokesman, analyst, ambassador: a role, often in apposition.
    Role,
    /// former, acting, deputy: modifies a title.
    Modifier,
}

/// The embedded word lists: `(name, text)`.
pub const EMBEDDED_WORD_LISTS: &[(&str, &str)] = &[
    ("given_names", include_str!("../data/gazetteers/given_names.tsv")),
    ("surnames", include_str!("../data/gazetteers/surnames.tsv")),
    ("titles", include_str!("../data/gazetteers/titles.tsv")),
    ("org_words", include_str!("../data/gazetteers/org_words.tsv")),
    ("non_names", include_str!("../data/gazetteers/non_names.tsv")),
    ("common_words", include_str!("../data/gazetteers/common_words.tsv")),
];

/// Surname ranks up to this count as frequent.
const FREQUENT_SURNAME_RANK: u32 = 3000;

/// Everything the lexicon knows about one normalised token, from one lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordEntry {
    /// What the word lists say about the word ([`Lexicon::word`]).
    pub info: WordInfo,
    /// The class of the one-token title this word is ([`Lexicon::title`] of the word).
    pub title: Option<TitleClass>,
    /// Bit `n - 1` is set when a title of `n` tokens (2 to 16) starts with this word.
    pub title_lengths: u16,
    /// Whether this word is a later token of some title ("minister" in "foreign
    /// minister").
    pub continues_title: bool,
}

/// The compiled word lists.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    words: WordTable<WordEntry>,
    titles: HashMap<Box<str>, TitleClass, BuildWordHasher>,
    max_title_tokens: usize,
}

impl Lexicon {
    /// Parse the embedded word lists.
    pub fn embedded() -> Result<Lexicon, Error> {
        let mut lex = Lexicon::default();
        lex.words.reserve(EMBEDDED_WORD_LISTS.iter().map(|(_, t)| t.len() / 10).sum());
        for (name, text) in EMBEDDED_WORD_LISTS {
            lex.add_list(name, text)?;
        }
        for w in crate::rules::sports::SPORTS_WORDS {
            lex.words.get_or_insert_default(w).info.insert(WordInfo::SPORTS);
        }
        lex.mark_titles();
        Ok(lex)
    }

    /// Add one word list; its format is chosen by `name` (`given_names`, `surnames`,
    /// `titles`, `org_words`, `non_names`, `common_words`).
    pub fn add(&mut self, name: &str, text: &str) -> Result<(), Error> {
        self.add_list(name, text)?;
        self.mark_titles();
        Ok(())
    }

    /// [`add`](Self::add) without refreshing the title marks of the words.
    fn add_list(&mut self, name: &str, text: &str) -> Result<(), Error> {
        let mut key = String::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            // Up to four columns; no allocation per line.
            let mut cols = [""; 4];
            for (k, c) in line.split('\t').take(4).enumerate() {
                cols[k] = c.trim();
            }
            let word = cols[0];
            if word.is_empty() {
                return Err(Error::list_line(name, i + 1, "empty word"));
            }
            let col = |k: usize| cols.get(k).copied().unwrap_or("");
            let flags_col = |k: usize| col(k).split(',').any(|f| f.trim() == "word");
            normalize_phrase(word, &mut key);
            let info = match name {
                "given_names" => {
                    let mut info = WordInfo::GIVEN;
                    match col(1) {
                        "m" => info.insert(WordInfo::MALE),
                        "f" => info.insert(WordInfo::FEMALE),
                        _ => {}
                    }
                    if flags_col(3) {
                        info.insert(WordInfo::COMMON_WORD);
                    }
                    info
                }
                "surnames" => {
                    let mut info = WordInfo::SURNAME;
                    let rank: u32 = col(1).parse().unwrap_or(0);
                    if rank > 0 && rank <= FREQUENT_SURNAME_RANK {
                        info.insert(WordInfo::FREQUENT_SURNAME);
                    }
                    if flags_col(2) {
                        info.insert(WordInfo::COMMON_WORD);
                    }
                    info
                }
                "titles" => {
                    let class = match col(1) {
                        "honorific" => TitleClass::Honorific,
                        "office" => TitleClass::Office,
                        "role" => TitleClass::Role,
                        "modifier" => TitleClass::Modifier,
                        other => {
                            return Err(Error::list_line(
                                name,
                                i + 1,
                                format!("unknown title class {other:?}"),
                            ))
                        }
                    };
                    let n = key.split(' ').count();
                    self.max_title_tokens = self.max_title_tokens.max(n);
                    // An office outranks a role for the same words ("Ambassador").
                    let slot = self.titles.entry(key.as_str().into()).or_insert(class);
                    if class == TitleClass::Honorific
                        || (class == TitleClass::Office && *slot != TitleClass::Honorific)
                    {
                        *slot = class;
                    }
                    continue;
                }
                "org_words" => match col(1) {
                    "head" => WordInfo::ORG_HEAD,
                    "head_of" => WordInfo::ORG_HEAD_OF,
                    "legal" => WordInfo::LEGAL,
                    other => {
                        return Err(Error::list_line(
                            name,
                            i + 1,
                            format!("unknown org word class {other:?}"),
                        ))
                    }
                },
                "non_names" => match col(1) {
                    "month" => WordInfo::MONTH | WordInfo::NON_NAME,
                    "weekday" => WordInfo::WEEKDAY | WordInfo::NON_NAME,
                    "event" => WordInfo::EVENT | WordInfo::NON_NAME,
                    "function" => WordInfo::FUNCTION | WordInfo::NON_NAME,
                    _ => WordInfo::NON_NAME,
                },
                "common_words" => WordInfo::COMMON_WORD,
                other => return Err(Error::list_file(other, "unknown word list")),
            };
            self.words.get_or_insert_default(&key).info.insert(info);
        }
        Ok(())
    }

    /// Copy what the titles say onto their words ([`WordEntry`]): the class of each
    /// one-token title, the lengths of the longer titles on their first token, and a
    /// mark on their later tokens. Marks are only ever added and classes
    /// overwritten with the current ones, so running it again after more lists is
    /// correct.
    fn mark_titles(&mut self) {
        for (key, &class) in &self.titles {
            let mut parts = key.split(' ');
            let first = parts.next().unwrap_or("");
            let mut n = 1;
            for part in parts {
                n += 1;
                self.words.get_or_insert_default(part).continues_title = true;
            }
            let entry = self.words.get_or_insert_default(first);
            if n == 1 {
                entry.title = Some(class);
            } else if n <= 16 {
                entry.title_lengths |= 1 << (n - 1);
            }
        }
    }

    /// What the lists say about a normalised word.
    pub fn word(&self, normalized: &str) -> WordInfo {
        self.entry(normalized).info
    }

    /// What the lists say about a normalised token, titles included, from one
    /// lookup.
    pub fn entry(&self, normalized: &str) -> WordEntry {
        self.words.get(normalized).copied().unwrap_or_default()
    }

    /// The class of a normalised title phrase ("foreign minister").
    pub fn title(&self, normalized: &str) -> Option<TitleClass> {
        self.titles.get(normalized).copied()
    }

    /// The most tokens a title has.
    pub fn max_title_tokens(&self) -> usize {
        self.max_title_tokens
    }
}

/// Normalise a phrase the way documents are: tokenized, each token normalised,
/// joined by single spaces.
fn normalize_phrase(phrase: &str, out: &mut String) {
    out.clear();
    // Plain ASCII words (nearly every entry) normalise to their lower case.
    if phrase.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.push_str(phrase);
        out.make_ascii_lowercase();
        return;
    }
    for (i, t) in crate::gazetteer::name_tokens(phrase).iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_normalized(t.text(phrase), out);
    }
}

/// A hash table keyed by short words, faster than a `HashMap<Box<str>, V>` for the
/// lookups the rules make on every token: a key of up to 16 bytes is stored inline
/// as two integers, so a probe compares integers instead of following a pointer
/// to compare bytes, and hashing it takes a few multiplications. Longer keys go to
/// an ordinary map beside it.
#[derive(Clone)]
pub struct WordTable<V> {
    /// Open addressing with linear probing; the length is a power of two, at most
    /// half full.
    slots: Vec<Slot<V>>,
    /// Occupied slots.
    len: usize,
    /// Keys longer than 16 bytes.
    long: HashMap<Box<str>, V, BuildWordHasher>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot<V> {
    lo: u64,
    hi: u64,
    /// Key length + 1; 0 marks an empty slot.
    tag: u8,
    value: V,
}

impl<V> Default for WordTable<V> {
    fn default() -> WordTable<V> {
        WordTable { slots: Vec::new(), len: 0, long: HashMap::default() }
    }
}

impl<V> std::fmt::Debug for WordTable<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordTable").field("words", &(self.len + self.long.len())).finish()
    }
}

/// Keys longer than this many bytes are not packed.
const PACKED_MAX: usize = 16;

/// A key of at most [`PACKED_MAX`] bytes as two integers that, with its length,
/// determine it: the first and last 8 bytes (overlapping when shorter than 16), the
/// first and last 4 bytes for 4 to 7 bytes, the first, middle and last byte below.
#[inline]
fn pack(b: &[u8]) -> Option<(u64, u64)> {
    let n = b.len();
    let le64 = |s: &[u8]| u64::from_le_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]]);
    let le32 = |s: &[u8]| u64::from(u32::from_le_bytes([s[0], s[1], s[2], s[3]]));
    if n >= 8 {
        if n > PACKED_MAX {
            return None;
        }
        Some((le64(&b[..8]), le64(&b[n - 8..])))
    } else if n >= 4 {
        Some((le32(&b[..4]), le32(&b[n - 4..])))
    } else if n > 0 {
        Some((u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16, 0))
    } else {
        Some((0, 0))
    }
}

/// The hash of a packed key; the table uses its top bits.
#[inline]
fn packed_hash(lo: u64, hi: u64, tag: u8) -> u64 {
    const K1: u64 = 0x9E37_79B9_7F4A_7C15;
    const K2: u64 = 0x517C_C1B7_2722_0A95;
    let h = (lo ^ u64::from(tag) << 56).wrapping_mul(K1).rotate_left(29) ^ hi;
    h.wrapping_mul(K2)
}

impl<V: Copy + Default> WordTable<V> {
    /// The value of `key`, if present.
    #[inline]
    pub fn get(&self, key: &str) -> Option<&V> {
        let Some((lo, hi)) = pack(key.as_bytes()) else { return self.long.get(key) };
        if self.slots.is_empty() {
            return None;
        }
        let tag = key.len() as u8 + 1;
        let mask = self.slots.len() - 1;
        let mut i = self.home(lo, hi, tag);
        loop {
            let slot = &self.slots[i];
            if slot.tag == tag && slot.lo == lo && slot.hi == hi {
                return Some(&slot.value);
            }
            if slot.tag == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// The value of `key`, inserted as `V::default()` if absent.
    pub fn get_or_insert_default(&mut self, key: &str) -> &mut V {
        let Some((lo, hi)) = pack(key.as_bytes()) else { return self.long.entry(key.into()).or_default() };
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow((self.len + 1) * 2);
        }
        let tag = key.len() as u8 + 1;
        let i = self.find_slot(lo, hi, tag);
        if self.slots[i].tag == 0 {
            self.slots[i] = Slot { lo, hi, tag, value: V::default() };
            self.len += 1;
        }
        &mut self.slots[i].value
    }

    /// Make room for `extra` more keys without growing.
    pub fn reserve(&mut self, extra: usize) {
        if (self.len + extra) * 2 > self.slots.len() {
            self.grow((self.len + extra) * 2);
        }
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.len + self.long.len()
    }

    /// Whether the table has no key.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn home(&self, lo: u64, hi: u64, tag: u8) -> usize {
        // The table has at least 16 slots when it has any, so the shift is below 64.
        let bits = self.slots.len().trailing_zeros();
        (packed_hash(lo, hi, tag) >> (64 - bits)) as usize
    }

    /// The slot holding the key, or the empty slot where it belongs.
    fn find_slot(&self, lo: u64, hi: u64, tag: u8) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = self.home(lo, hi, tag);
        loop {
            let slot = &self.slots[i];
            if slot.tag == 0 || (slot.tag == tag && slot.lo == lo && slot.hi == hi) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// Rehash into at least `min_slots` slots (a power of two, 16 or more).
    fn grow(&mut self, min_slots: usize) {
        let size = min_slots.next_power_of_two().max(16);
        if size <= self.slots.len() {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        for slot in old.into_iter().filter(|s| s.tag != 0) {
            let i = self.find_slot(slot.lo, slot.hi, slot.tag);
            self.slots[i] = slot;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_table_keys_of_every_length() {
        let mut table: WordTable<u32> = WordTable::default();
        let keys: Vec<String> =
            (0..40).map(|n| "abcdefghijklmnopqrstuvwxyz0123456789é!?.".chars().take(n).collect()).collect();
        for (v, k) in keys.iter().enumerate() {
            *table.get_or_insert_default(k) = v as u32 + 1;
        }
        for (v, k) in keys.iter().enumerate() {
            assert_eq!(table.get(k).copied(), Some(v as u32 + 1), "{k:?}");
        }
        // Same length, same first and last bytes: still told apart.
        *table.get_or_insert_default("abXcd") = 7;
        assert_eq!(table.get("abYcd"), None);
        assert_eq!(table.get("abXcd"), Some(&7));
        assert_eq!(table.get("a\0"), None);
        assert_eq!(table.len(), keys.len() + 1);
    }

    #[test]
    fn word_table_grows() {
        let mut table: WordTable<usize> = WordTable::default();
        assert_eq!(table.get("x"), None);
        for i in 0..5000 {
            *table.get_or_insert_default(&format!("w{i}")) += i;
        }
        assert!((0..5000).all(|i| table.get(&format!("w{i}")) == Some(&i)));
        assert_eq!(table.get("w5000"), None);
    }

    #[test]
    fn entries_carry_titles() {
        let lex = Lexicon::embedded().unwrap();
        assert_eq!(lex.entry("president").title, lex.title("president"));
        assert!(lex.entry("foreign").title_lengths & 0b10 != 0);
        assert!(lex.entry("minister").continues_title);
        assert_eq!(lex.entry("smith").info, lex.word("smith"));
    }
}
