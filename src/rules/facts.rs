//! What the word lists say about each token: word-list facts ([`WordInfo`]), the
//! rules' closed word classes ([`Vocab`]) and the titles starting there
//! ([`TitleStarts`]), looked up in the [`Lexicon`] the first time a rule asks
//! about a token and kept for the rest of the document. Most tokens are never
//! asked about (the rules look at capitalised words and their neighbours), so
//! most tokens cost no lookup.

use super::{names, short_forms, sports};
use crate::gazetteer::Normalized;
use crate::lexicon::{Lexicon, TitleClass, WordInfo};
use crate::tokenize::{Token, TokenFlags};
use std::cell::Cell;

/// Closed classes of words the rules test tokens against (connectors, speech verbs,
/// place words, a few punctuation marks...), as a bit set: the classes a token's
/// normalised text belongs to. Every [`Lexicon`] holds these words (see
/// [`vocabulary`]), so the one lookup per token that gives its word-list facts
/// gives its classes too, and the rules test bits instead of comparing strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Vocab(u32);

impl Vocab {
    /// A lower-case word inside a name ("of", "van", "bin").
    pub const CONNECTOR: Vocab = Vocab(1);
    /// A particle opening a hyphenated name part ("al" in "al-Assad").
    pub const DASH_PARTICLE: Vocab = Vocab(1 << 1);
    /// "for", "on", "and" after an organisation head word.
    pub const LINKING_AFTER_HEAD: Vocab = Vocab(1 << 2);
    /// A last word that makes a place ("province").
    pub const PLACE_WORD: Vocab = Vocab(1 << 3);
    /// A last word of event names ("open", "cup").
    pub const EVENT_WORD: Vocab = Vocab(1 << 4);
    /// A head word of government bodies ("ministry").
    pub const GOVERNMENT_HEAD: Vocab = Vocab(1 << 5);
    /// A speech verb that marks a bare name as a speaker ("said", "warned").
    pub const SPEAKER_VERB: Vocab = Vocab(1 << 6);
    /// A word a person's name stops before ("of", "&", "and", "for", "on").
    pub const PERSON_BREAK: Vocab = Vocab(1 << 7);
    /// "of".
    pub const OF: Vocab = Vocab(1 << 8);
    /// "the".
    pub const THE: Vocab = Vocab(1 << 9);
    /// "&".
    pub const AMPERSAND: Vocab = Vocab(1 << 10);
    /// "(".
    pub const OPEN_PAREN: Vocab = Vocab(1 << 11);
    /// ")".
    pub const CLOSE_PAREN: Vocab = Vocab(1 << 12);
    /// ",".
    pub const COMMA: Vocab = Vocab(1 << 13);
    /// ".".
    pub const PERIOD: Vocab = Vocab(1 << 14);
    /// A word after which a name is a place ("in", "visited"); see
    /// [`short_forms`].
    pub const LOCATIVE: Vocab = Vocab(1 << 15);
    /// A speech verb after a short form ("said", "told"); see [`short_forms`].
    pub const SHORT_FORM_SPEECH: Vocab = Vocab(1 << 16);
    /// A word before a team name ("beat", "against"); see [`sports`].
    pub const BEFORE_TEAM: Vocab = Vocab(1 << 17);
    /// A word after a team name ("drew", "coach"); see [`sports`].
    pub const AFTER_TEAM: Vocab = Vocab(1 << 18);
    /// A preposition after which a place stays a place in sports reports ("in").
    pub const SPORTS_LOCATIVE: Vocab = Vocab(1 << 19);
    /// A word right before a single-word team ("beat", "against", "v").
    pub const STRONG_BEFORE_TEAM: Vocab = Vocab(1 << 20);

    /// Whether any class of `other` is set.
    pub const fn any(self, other: Vocab) -> bool {
        self.0 & other.0 != 0
    }
}

impl std::ops::BitOr for Vocab {
    type Output = Vocab;
    fn bitor(self, rhs: Vocab) -> Vocab {
        Vocab(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for Vocab {
    fn bitor_assign(&mut self, rhs: Vocab) {
        self.0 |= rhs.0;
    }
}

/// Every word of the closed classes, with its class, as the rules compare them
/// with normalised tokens (a word may come several times, once per class).
pub fn vocabulary() -> impl Iterator<Item = (&'static str, Vocab)> {
    let lists: [(&'static [&'static str], Vocab); 14] = [
        (names::CONNECTORS, Vocab::CONNECTOR),
        (names::DASH_PARTICLES, Vocab::DASH_PARTICLE),
        (names::LINKING_AFTER_HEAD, Vocab::LINKING_AFTER_HEAD),
        (names::PLACE_WORDS, Vocab::PLACE_WORD),
        (names::EVENT_WORDS, Vocab::EVENT_WORD),
        (names::GOVERNMENT_HEADS, Vocab::GOVERNMENT_HEAD),
        (names::SPEAKER_VERBS, Vocab::SPEAKER_VERB),
        (names::PERSON_BREAKS, Vocab::PERSON_BREAK),
        (short_forms::LOCATIVE, Vocab::LOCATIVE),
        (short_forms::SPEECH_AFTER, Vocab::SHORT_FORM_SPEECH),
        (sports::BEFORE_TEAM, Vocab::BEFORE_TEAM),
        (sports::AFTER_TEAM, Vocab::AFTER_TEAM),
        (sports::LOCATIVE, Vocab::SPORTS_LOCATIVE),
        (sports::STRONG_BEFORE_TEAM, Vocab::STRONG_BEFORE_TEAM),
    ];
    let single: [(&'static str, Vocab); 7] = [
        ("of", Vocab::OF),
        ("the", Vocab::THE),
        ("&", Vocab::AMPERSAND),
        ("(", Vocab::OPEN_PAREN),
        (")", Vocab::CLOSE_PAREN),
        (",", Vocab::COMMA),
        (".", Vocab::PERIOD),
    ];
    lists.into_iter().flat_map(|(words, class)| words.iter().map(move |w| (*w, class))).chain(single)
}

/// The titles that start at one token: for each length of 1 to
/// [`TitleStarts::MAX_TOKENS`] tokens, whether that many tokens from here are a title,
/// and of which class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TitleStarts {
    /// Bit `n - 1`: the `n` tokens from here are a title.
    lengths: u16,
    /// Two bits per length: the class of that title.
    classes: u32,
}

impl TitleStarts {
    /// The longest title this can describe, in tokens.
    pub const MAX_TOKENS: usize = 16;

    fn set(&mut self, n: usize, class: TitleClass) {
        let code = match class {
            TitleClass::Honorific => 0,
            TitleClass::Office => 1,
            TitleClass::Role => 2,
            TitleClass::Modifier => 3,
        };
        self.lengths |= 1 << (n - 1);
        self.classes |= code << (2 * (n - 1));
    }

    fn to_bits(self) -> u64 {
        u64::from(self.lengths) | u64::from(self.classes) << 16
    }

    fn from_bits(bits: u64) -> TitleStarts {
        TitleStarts { lengths: bits as u16, classes: (bits >> 16) as u32 }
    }

    /// The longest title of at most `limit` tokens: its length and class.
    pub fn longest(self, limit: usize) -> Option<(usize, TitleClass)> {
        let mask = ((1u32 << limit.min(Self::MAX_TOKENS)) - 1) as u16;
        let lengths = self.lengths & mask;
        if lengths == 0 {
            return None;
        }
        let n = 16 - lengths.leading_zeros() as usize;
        let class = match (self.classes >> (2 * (n - 1))) & 3 {
            0 => TitleClass::Honorific,
            1 => TitleClass::Office,
            2 => TitleClass::Role,
            _ => TitleClass::Modifier,
        };
        Some((n, class))
    }
}

/// What the lexicon says about every token of a document, looked up on first use.
///
/// The facts of each token sit in plain integers in cells (the word-list facts
/// and word classes in one, what makes titles in another, the titles starting
/// there in a third), so asking again is one load.
#[derive(Debug)]
pub struct WordFacts<'a> {
    tokens: &'a [Token],
    norm: &'a Normalized,
    lexicon: &'a Lexicon,
    /// Whether titles can be read from the tokens' entries: no lexicon title is
    /// longer than [`TitleStarts::MAX_TOKENS`] and no normalised token holds a space.
    titles_exact: bool,
    /// Per token, 0 until looked up, then [`KNOWN`] | word-list facts | word
    /// classes << 32.
    words: Vec<Cell<u64>>,
    /// Per token, once looked up: the lengths of the longer titles starting with
    /// the word (16 bits), the class of the one-token title it is (3 bits, 0 for
    /// none) and [`CONTINUES_TITLE`].
    title_words: Vec<Cell<u32>>,
    /// Per token, 0 until asked, then [`KNOWN`] | the titles starting there.
    title_starts: Vec<Cell<u64>>,
    run_starts: Vec<usize>,
}

/// Marks a looked-up cell (no word class uses the top bit).
const KNOWN: u64 = 1 << 63;
/// Marks a later word of some title in [`WordFacts::title_words`].
const CONTINUES_TITLE: u32 = 1 << 19;

fn class_code(class: Option<TitleClass>) -> u32 {
    match class {
        None => 0,
        Some(TitleClass::Honorific) => 1,
        Some(TitleClass::Office) => 2,
        Some(TitleClass::Role) => 3,
        Some(TitleClass::Modifier) => 4,
    }
}

fn class_of(code: u32) -> Option<TitleClass> {
    match code {
        1 => Some(TitleClass::Honorific),
        2 => Some(TitleClass::Office),
        3 => Some(TitleClass::Role),
        4 => Some(TitleClass::Modifier),
        _ => None,
    }
}

impl<'a> WordFacts<'a> {
    /// The facts of the tokens of one document, none looked up yet (but those of
    /// the tokens runs may start at).
    pub fn new(tokens: &'a [Token], norm: &'a Normalized, lexicon: &'a Lexicon) -> WordFacts<'a> {
        let max = lexicon.max_title_tokens().max(1);
        let titles_exact = max <= TitleStarts::MAX_TOKENS && spaceless(norm, tokens.len());
        let mut facts = WordFacts {
            tokens,
            norm,
            lexicon,
            titles_exact,
            words: vec![Cell::new(0); tokens.len()],
            title_words: vec![Cell::new(0); tokens.len()],
            title_starts: vec![Cell::new(0); if titles_exact { tokens.len() } else { 0 }],
            run_starts: Vec::new(),
        };
        let mut run_starts = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            // Shapes first: most tokens need no lookup.
            let name = names::may_be_name(t) && names::name_info(facts.info(i));
            if name
                || tokens.get(i + 1).is_some_and(|n| n.is(TokenFlags::DASH | TokenFlags::JOINED))
                    && facts.vocab(i).any(Vocab::DASH_PARTICLE)
            {
                run_starts.push(i);
            }
        }
        facts.run_starts = run_starts;
        facts
    }

    /// The word-list facts and word classes of token `i`, looked up if need be.
    #[inline]
    fn words(&self, i: usize) -> u64 {
        let known = self.words[i].get();
        if known != 0 {
            known
        } else {
            self.look_up(i)
        }
    }

    #[inline(never)]
    fn look_up(&self, i: usize) -> u64 {
        let e = self.lexicon.entry(self.norm.token(i));
        let info = if self.tokens[i].is(TokenFlags::WORD) { e.info } else { WordInfo::default() };
        let words = KNOWN | u64::from(info.bits()) | u64::from(e.vocab.0) << 32;
        self.words[i].set(words);
        let continues = if e.continues_title { CONTINUES_TITLE } else { 0 };
        self.title_words[i].set(u32::from(e.title_lengths) | class_code(e.title) << 16 | continues);
        words
    }

    /// What the word lists say about token `i` (nothing for tokens that are not
    /// words). Panics if there is no token `i`.
    #[inline]
    pub fn info(&self, i: usize) -> WordInfo {
        WordInfo::from_bits(self.words(i) as u32)
    }

    /// The closed word classes of token `i` (none past the last token).
    #[inline]
    pub fn vocab(&self, i: usize) -> Vocab {
        if i < self.words.len() {
            Vocab((self.words(i) >> 32) as u32 & !((KNOWN >> 32) as u32))
        } else {
            Vocab::default()
        }
    }

    /// What makes titles at token `i` (see [`WordFacts::title_words`]).
    fn title_words(&self, i: usize) -> u32 {
        self.words(i);
        self.title_words[i].get()
    }

    /// The titles starting at token `i`, or `None` when they cannot be read from
    /// the entries (see [`names::title_at`]).
    pub fn titles(&self, i: usize) -> Option<TitleStarts> {
        if !self.titles_exact {
            return None;
        }
        let Some(cell) = self.title_starts.get(i) else { return Some(TitleStarts::default()) };
        let known = cell.get();
        if known != 0 {
            return Some(TitleStarts::from_bits(known));
        }
        let words = self.title_words(i);
        let mut starts = TitleStarts::default();
        if let Some(class) = class_of((words >> 16) & 7) {
            starts.set(1, class);
        }
        let lengths = words & 0xFFFF;
        if lengths != 0 {
            let max = self.lexicon.max_title_tokens().max(1);
            // Every later token of a title continues one.
            let mut n = 2;
            while n <= max && i + n <= self.words.len() && self.title_words(i + n - 1) & CONTINUES_TITLE != 0
            {
                if lengths & (1 << (n - 1)) != 0 {
                    if let Some(class) = self.lexicon.title(self.norm.tokens_text(i..i + n)) {
                        starts.set(n, class);
                    }
                }
                n += 1;
            }
        }
        cell.set(KNOWN | starts.to_bits());
        Some(starts)
    }

    /// In order, the tokens that are name tokens ([`names::is_name_token`]) or
    /// particles that may open a hyphenated name ("al" in "al-Assad"): every
    /// capitalised run starts at one of them.
    pub fn run_starts(&self) -> &[usize] {
        &self.run_starts
    }
}

/// Whether no normalised token holds a space: the buffer then has exactly one
/// space before each token and one at its end.
fn spaceless(norm: &Normalized, token_count: usize) -> bool {
    // Count in chunks whose sums fit a byte, which compilers vectorise.
    let spaces: usize = norm
        .as_str()
        .as_bytes()
        .chunks(255)
        .map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from(b == b' '))))
        .sum();
    spaces == token_count + 1
}
