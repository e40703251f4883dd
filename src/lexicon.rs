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

/// The compiled word lists.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    words: HashMap<Box<str>, WordInfo, BuildWordHasher>,
    titles: HashMap<Box<str>, TitleClass, BuildWordHasher>,
    max_title_tokens: usize,
}

impl Lexicon {
    /// Parse the embedded word lists.
    pub fn embedded() -> Result<Lexicon, Error> {
        let mut lex = Lexicon::default();
        lex.words.reserve(EMBEDDED_WORD_LISTS.iter().map(|(_, t)| t.len() / 10).sum());
        for (name, text) in EMBEDDED_WORD_LISTS {
            lex.add(name, text)?;
        }
        for w in crate::rules::sports::SPORTS_WORDS {
            lex.words.entry((*w).into()).or_default().insert(WordInfo::SPORTS);
        }
        Ok(lex)
    }

    /// Add one word list; its format is chosen by `name` (`given_names`, `surnames`,
    /// `titles`, `org_words`, `non_names`, `common_words`).
    pub fn add(&mut self, name: &str, text: &str) -> Result<(), Error> {
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
            self.words.entry(key.as_str().into()).or_default().insert(info);
        }
        Ok(())
    }

    /// What the lists say about a normalised word.
    pub fn word(&self, normalized: &str) -> WordInfo {
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
