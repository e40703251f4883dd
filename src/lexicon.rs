//! Word lists the rules consult token by token: given names, surnames, titles and
//! roles, organisation head words and legal suffixes, and capitalised words that
//! are never names.
//!
//! Keys are normalised like the gazetteer's token text (lower case, apostrophes and
//! dashes unified; multiword entries joined by single spaces), so a lookup is one
//! hash probe on text the pipeline has already normalised.

use crate::error::Error;
use crate::gazetteer::push_normalized;
use crate::rules::Vocab;
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

    /// The flags as bits.
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// Flags from [`bits`](Self::bits).
    pub const fn from_bits(bits: u32) -> WordInfo {
        WordInfo(bits)
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
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
    /// The rules' closed word classes this word belongs to.
    pub vocab: Vocab,
}

/// The compiled word lists. Every lexicon, the default one too, also holds the
/// rules' closed word classes ([`rules::vocabulary`](crate::rules::vocabulary)).
#[derive(Debug, Clone)]
pub struct Lexicon {
    words: WordTable<WordEntry>,
    titles: HashMap<Box<str>, TitleClass, BuildWordHasher>,
    max_title_tokens: usize,
}

impl Default for Lexicon {
    /// No word list, only the rules' closed word classes.
    fn default() -> Lexicon {
        let mut words: WordTable<WordEntry> = WordTable::default();
        for (word, class) in crate::rules::vocabulary() {
            words.get_or_insert_default(word).vocab |= class;
        }
        words.compact();
        Lexicon { words, titles: HashMap::default(), max_title_tokens: 0 }
    }
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
        lex.words.compact();
        Ok(lex)
    }

    /// Add one word list; its format is chosen by `name` (`given_names`, `surnames`,
    /// `titles`, `org_words`, `non_names`, `common_words`).
    pub fn add(&mut self, name: &str, text: &str) -> Result<(), Error> {
        self.add_list(name, text)?;
        self.mark_titles();
        self.words.compact();
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
    #[inline]
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

/// A hash table keyed by words, built for a lookup on every token of a document:
/// a key of up to 16 bytes is stored inline as one or two integers (so a probe
/// compares integers instead of following a pointer to compare bytes, and hashing
/// it takes a few multiplications), keys of up to 8 bytes (most words) in slots of
/// 16 bytes, and the values in a separate array where keys with equal values share
/// one after [`compact`](WordTable::compact). The table then stays small (the
/// embedded lexicon's hundred thousand words take about 3 MB), which matters
/// because every token probes it at a random place. Longer keys go to an ordinary
/// map beside it.
#[derive(Clone)]
pub struct WordTable<V> {
    /// Keys of up to 8 bytes.
    short: Probe<u64>,
    /// Keys of 9 to 16 bytes.
    mid: Probe<[u64; 2]>,
    /// Values by id.
    values: Vec<V>,
    /// Keys longer than 16 bytes.
    long: HashMap<Box<str>, V, BuildWordHasher>,
}

impl<V> Default for WordTable<V> {
    fn default() -> WordTable<V> {
        WordTable {
            short: Probe::default(),
            mid: Probe::default(),
            values: Vec::new(),
            long: HashMap::default(),
        }
    }
}

impl<V> std::fmt::Debug for WordTable<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordTable")
            .field("words", &(self.short.len + self.mid.len + self.long.len()))
            .finish()
    }
}

/// A packed key: the bytes of a key of known length as integers.
trait PackedKey: Copy + Default + PartialEq {
    fn hash(self, tag: u8) -> u64;
}

impl PackedKey for u64 {
    #[inline]
    fn hash(self, tag: u8) -> u64 {
        (self ^ u64::from(tag) << 56).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

impl PackedKey for [u64; 2] {
    #[inline]
    fn hash(self, tag: u8) -> u64 {
        let h =
            (self[0] ^ u64::from(tag) << 56).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29) ^ self[1];
        h.wrapping_mul(0x517C_C1B7_2722_0A95)
    }
}

/// Up to 8 bytes as an integer that, with the length, determines them: the first
/// and last 4 bytes (overlapping below 8), or the first, middle and last byte.
#[inline]
fn pack8(b: &[u8]) -> u64 {
    let n = b.len();
    let le32 = |s: &[u8]| u64::from(u32::from_le_bytes([s[0], s[1], s[2], s[3]]));
    if n >= 4 {
        le32(&b[..4]) | le32(&b[n - 4..]) << 32
    } else if n > 0 {
        u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16
    } else {
        0
    }
}

/// A word of up to 16 bytes as two integers that, with its length, determine it
/// (the packing of the lexicon's own keys); `None` for longer words.
#[inline]
pub(crate) fn pack_word(b: &[u8]) -> Option<(u64, u64)> {
    match b.len() {
        0..=8 => Some((pack8(b), 0)),
        9..=16 => {
            let [first, last] = pack16(b);
            Some((first, last))
        }
        _ => None,
    }
}

/// 8 to 16 bytes as the first and last 8 (overlapping below 16).
#[inline]
fn pack16(b: &[u8]) -> [u64; 2] {
    let le64 = |s: &[u8]| u64::from_le_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]]);
    [le64(&b[..8]), le64(&b[b.len() - 8..])]
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot<K> {
    key: K,
    /// Key length + 1; 0 marks an empty slot.
    tag: u8,
    /// Index of the value.
    id: u32,
}

/// Open addressing with linear probing; the length is 0 or a power of two (16 or
/// more), at most three quarters full.
#[derive(Debug, Clone)]
struct Probe<K> {
    slots: Vec<Slot<K>>,
    len: usize,
}

impl<K> Default for Probe<K> {
    fn default() -> Probe<K> {
        Probe { slots: Vec::new(), len: 0 }
    }
}

impl<K: PackedKey> Probe<K> {
    /// The value id of a key.
    #[inline]
    fn get(&self, key: K, tag: u8) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(key, tag);
        loop {
            let slot = &self.slots[i];
            if slot.tag == tag && slot.key == key {
                return Some(slot.id);
            }
            if slot.tag == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    fn home(&self, key: K, tag: u8) -> usize {
        // At least 16 slots, so the shift is below 64.
        let bits = self.slots.len().trailing_zeros();
        (key.hash(tag) >> (64 - bits)) as usize
    }

    /// The slot holding the key, or the empty slot where it belongs.
    fn find_slot(&self, key: K, tag: u8) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key, tag);
        loop {
            let slot = &self.slots[i];
            if slot.tag == 0 || (slot.tag == tag && slot.key == key) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// The slot of a key, inserted with value id `new_id` if absent.
    fn slot_or_insert(&mut self, key: K, tag: u8, new_id: u32) -> &mut Slot<K> {
        self.reserve(1);
        let i = self.find_slot(key, tag);
        if self.slots[i].tag == 0 {
            self.slots[i] = Slot { key, tag, id: new_id };
            self.len += 1;
        }
        &mut self.slots[i]
    }

    /// Make room for `extra` more keys.
    fn reserve(&mut self, extra: usize) {
        let needed = self.len + extra;
        if needed * 4 <= self.slots.len() * 3 {
            return;
        }
        let size = (needed * 4 / 3 + 1).next_power_of_two().max(16);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        for slot in old.into_iter().filter(|s| s.tag != 0) {
            let i = self.find_slot(slot.key, slot.tag);
            self.slots[i] = slot;
        }
    }
}

/// Where a key lives.
enum Packed {
    Short(u64, u8),
    Mid([u64; 2], u8),
    Long,
}

#[inline]
fn packed(key: &str) -> Packed {
    let b = key.as_bytes();
    // The tag is the length + 1, so 0 can mark empty slots (only short keys have one:
    // the length of a long key may not fit in a byte).
    let tag = |len: usize| len as u8 + 1;
    if b.len() <= 8 {
        Packed::Short(pack8(b), tag(b.len()))
    } else if b.len() <= 16 {
        Packed::Mid(pack16(b), tag(b.len()))
    } else {
        Packed::Long
    }
}

impl<V: Copy + Default> WordTable<V> {
    /// The value of `key`, if present.
    #[inline]
    pub fn get(&self, key: &str) -> Option<&V> {
        let id = match packed(key) {
            Packed::Short(k, tag) => self.short.get(k, tag),
            Packed::Mid(k, tag) => self.mid.get(k, tag),
            Packed::Long => return self.long.get(key),
        };
        id.and_then(|id| self.values.get(id as usize))
    }

    /// The value of `key`, inserted as `V::default()` if absent. (The value gets an
    /// id of its own, so changing it changes no other key; call
    /// [`compact`](Self::compact) after many changes.)
    pub fn get_or_insert_default(&mut self, key: &str) -> &mut V {
        let new_id = self.values.len() as u32;
        let slot_id = match packed(key) {
            Packed::Short(k, tag) => &mut self.short.slot_or_insert(k, tag, new_id).id,
            Packed::Mid(k, tag) => &mut self.mid.slot_or_insert(k, tag, new_id).id,
            Packed::Long => return self.long.entry(key.into()).or_default(),
        };
        let value = self.values.get(*slot_id as usize).copied().unwrap_or_default();
        *slot_id = new_id;
        self.values.push(value);
        let last = self.values.len() - 1;
        &mut self.values[last]
    }

    /// Make room for `extra` more keys without growing.
    pub fn reserve(&mut self, extra: usize) {
        // Most words are short.
        self.short.reserve(extra * 2 / 3);
        self.mid.reserve(extra / 3);
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.short.len + self.mid.len + self.long.len()
    }

    /// Whether the table has no key.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<V: Copy + Default + Eq + std::hash::Hash> WordTable<V> {
    /// Let keys with equal values share one copy, which keeps the values few and
    /// in cache.
    pub fn compact(&mut self) {
        let mut ids: HashMap<V, u32, BuildWordHasher> = HashMap::default();
        let mut values = Vec::new();
        let mut remap = |id: &mut u32| {
            let v = self.values.get(*id as usize).copied().unwrap_or_default();
            *id = *ids.entry(v).or_insert_with(|| {
                values.push(v);
                values.len() as u32 - 1
            });
        };
        self.short.slots.iter_mut().filter(|s| s.tag != 0).for_each(|s| remap(&mut s.id));
        self.mid.slots.iter_mut().filter(|s| s.tag != 0).for_each(|s| remap(&mut s.id));
        self.values = values;
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
    fn keys_of_any_length_are_looked_up() {
        // Regression (fuzzing): a 255-byte key overflowed the one-byte length tag.
        let mut table: WordTable<u32> = WordTable::default();
        for len in [1, 8, 9, 16, 17, 254, 255, 256, 1000] {
            let key = "x".repeat(len);
            assert_eq!(table.get(&key), None);
            *table.get_or_insert_default(&key) = len as u32;
            assert_eq!(table.get(&key), Some(&(len as u32)));
        }
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
