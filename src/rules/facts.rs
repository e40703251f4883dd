//! What the word lists say about each token: word-list facts ([`WordInfo`]), the
//! rules' closed word classes ([`Vocab`]) and the titles starting there
//! ([`TitleStarts`]), looked up in the [`Lexicon`] the first time a rule asks
//! about a token and kept for the rest of the document. Most tokens are never
//! asked about (the rules look at capitalised words and their neighbours), so
//! most tokens cost no lookup.

use super::{names, short_forms, sports, Cover};
use crate::analysis::{EntityKind, MentionForm};
use crate::gazetteer::Normalized;
use crate::lexicon::{pack_word, BuildWordHasher, Lexicon, TitleClass, WordInfo};
use crate::resolve::Candidate;
use crate::tokenize::{Token, TokenFlags};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ops::Range;

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

/// The first bytes and lengths of a set of words: a word whose first byte and
/// length no word of the set has is not in it, which tells most tokens apart
/// from a closed class without a lookup (see [`WordFacts::vocab_if`]).
#[derive(Debug, Clone)]
pub struct Shapes([u32; 256]);

impl Shapes {
    /// The shapes of `words`.
    pub fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> Shapes {
        let mut shapes = [0u32; 256];
        for w in words {
            if let Some(&first) = w.as_bytes().first() {
                shapes[usize::from(first)] |= 1 << w.len().min(31);
            }
        }
        Shapes(shapes)
    }

    /// The shapes of the words [`vocabulary`] puts in any of `classes`: a token
    /// without one of them is in none of these classes.
    pub fn of_classes(classes: Vocab) -> Shapes {
        Shapes::of(vocabulary().filter(|(_, class)| class.any(classes)).map(|(word, _)| word))
    }

    /// Whether `word` has the first byte and length of a word of the set.
    #[inline]
    pub fn may_hold(&self, word: &[u8]) -> bool {
        word.first().is_some_and(|&first| self.0[usize::from(first)] & (1 << word.len().min(31)) != 0)
    }
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

/// What the lexicon says about every token of a document, looked up on first use,
/// with what the rules know of each token's place: whether it opens its sentence,
/// whether it is in a headline in capitals, and the list hit covering it.
///
/// Everything about one token sits in one integer in a cell (the layout is in
/// the constants below), so asking again is one load and a document costs eight
/// bytes per token; the titles starting at the few tokens that start titles of
/// several words are kept aside.
#[derive(Debug)]
pub struct WordFacts<'a> {
    tokens: &'a [Token],
    norm: &'a Normalized,
    lexicon: &'a Lexicon,
    /// Whether titles can be read from the tokens' entries: no lexicon title is
    /// longer than [`TitleStarts::MAX_TOKENS`] and no normalised token holds a space.
    titles_exact: bool,
    /// Per token: the marks of [`WordFacts::mark_sentences`] and
    /// [`WordFacts::mark_cover`], and once looked up [`KNOWN`] with the word-list
    /// facts, word classes and title words of its entry.
    cells: Vec<Cell<u64>>,
    /// The titles starting at tokens that start titles of several words, once asked.
    title_starts: RefCell<HashMap<usize, TitleStarts, BuildWordHasher>>,
    /// Where the list hit covering a token ends, for the tokens covered by a hit
    /// that ends more than 7 tokens after them (rare: the others keep it in
    /// their cell).
    long_covers: HashMap<usize, usize, BuildWordHasher>,
    /// The entries of words of up to 8 bytes looked up lately, by a hash of the
    /// word: a document repeats its words, and this small table stays in cache
    /// where the lexicon's does not. Each slot holds the packed word
    /// ([`pack_word`]) and its entry's bits with the word's length + 1 from bit
    /// [`MEMO_TAG_SHIFT`] (0 for an empty slot).
    memo: Vec<Cell<(u64, u64)>>,
    run_starts: Vec<usize>,
}

// The bits of a cell of [`WordFacts::cells`].
/// Word-list facts ([`WordInfo::bits`]), bits 0 to 14.
const INFO_MASK: u64 = (1 << 15) - 1;
/// Word classes ([`Vocab`]), 21 bits from here.
const VOCAB_SHIFT: u32 = 15;
const VOCAB_MASK: u64 = (1 << 21) - 1;
/// Lengths of the longer titles starting with the word, 15 bits from here:
/// [`WordEntry::title_lengths`] without its bit 0 (titles of one token are
/// [`TITLE_CLASS_SHIFT`]).
///
/// [`WordEntry::title_lengths`]: crate::lexicon::WordEntry::title_lengths
const TITLE_LENGTHS_SHIFT: u32 = 36;
/// The class of the one-token title the word is ([`class_code`]), 3 bits from here.
const TITLE_CLASS_SHIFT: u32 = 51;
/// A later word of some title.
const CONTINUES_TITLE: u64 = 1 << 54;
/// The first word of its sentence (after opening quotes or brackets).
const SENTENCE_START: u64 = 1 << 55;
/// In a sentence in capitals (a headline).
const SHOUTING: u64 = 1 << 56;
/// The list hit covering the token ([`cover_code`]), 3 bits from here.
const COVER_SHIFT: u32 = 57;
/// How far after the token the list hit covering it ends (1 to 7 tokens; 0 when
/// uncovered or further, see [`WordFacts::long_covers`]), 3 bits from here.
const COVER_END_SHIFT: u32 = 60;
/// Marks a looked-up cell.
const KNOWN: u64 = 1 << 63;
/// Where a slot of [`WordFacts::memo`] keeps the word's length + 1 (4 bits, between
/// the entry's bits and [`KNOWN`]).
const MEMO_TAG_SHIFT: u32 = 55;
/// What a lookup sets.
const ENTRY_BITS: u64 = KNOWN | CONTINUES_TITLE | ((1 << (TITLE_CLASS_SHIFT + 3)) - 1);

// Every flag and class fits its field.
const _: () = assert!(WordInfo::SPORTS.bits() < 1 << 15 && Vocab::STRONG_BEFORE_TEAM.0 < 1 << 21);

fn class_code(class: Option<TitleClass>) -> u64 {
    match class {
        None => 0,
        Some(TitleClass::Honorific) => 1,
        Some(TitleClass::Office) => 2,
        Some(TitleClass::Role) => 3,
        Some(TitleClass::Modifier) => 4,
    }
}

/// The title class of a code of [`class_code`] (of 3 bits): one load.
fn class_of(code: u64) -> Option<TitleClass> {
    const CLASSES: [Option<TitleClass>; 8] = [
        None,
        Some(TitleClass::Honorific),
        Some(TitleClass::Office),
        Some(TitleClass::Role),
        Some(TitleClass::Modifier),
        None,
        None,
        None,
    ];
    CLASSES[(code & 7) as usize]
}

fn cover_code(cover: Cover) -> u64 {
    match cover {
        Cover::None => 0,
        Cover::Country => 1,
        Cover::Place => 2,
        Cover::Organization => 3,
        Cover::Person => 4,
        Cover::Demonym => 5,
    }
}

/// The cover of a code of [`cover_code`] (of 3 bits): one load.
fn cover_of(code: u64) -> Cover {
    const COVERS: [Cover; 8] = [
        Cover::None,
        Cover::Country,
        Cover::Place,
        Cover::Organization,
        Cover::Person,
        Cover::Demonym,
        Cover::None,
        Cover::None,
    ];
    COVERS[(code & 7) as usize]
}

/// The bits of a cell the lexicon's entry for `word` gives ([`ENTRY_BITS`]).
fn entry_bits(lexicon: &Lexicon, word: &str) -> u64 {
    let e = lexicon.entry(word);
    let continues = if e.continues_title { CONTINUES_TITLE } else { 0 };
    KNOWN
        | u64::from(e.info.bits())
        | u64::from(e.vocab.0) << VOCAB_SHIFT
        | u64::from(e.title_lengths >> 1) << TITLE_LENGTHS_SHIFT
        | class_code(e.title) << TITLE_CLASS_SHIFT
        | continues
}

impl<'a> WordFacts<'a> {
    /// The facts of the tokens of one document, none looked up yet (but those of
    /// the tokens runs may start at) and no mark set.
    pub fn new(tokens: &'a [Token], norm: &'a Normalized, lexicon: &'a Lexicon) -> WordFacts<'a> {
        let max = lexicon.max_title_tokens().max(1);
        let titles_exact = max <= TitleStarts::MAX_TOKENS && spaceless(norm, tokens.len());
        let mut facts = WordFacts {
            tokens,
            norm,
            lexicon,
            titles_exact,
            cells: Vec::new(),
            title_starts: RefCell::default(),
            long_covers: HashMap::default(),
            // About a slot per eight tokens, at most 16 KB.
            memo: vec![Cell::new((0, 0)); (tokens.len() / 8).clamp(16, 1024).next_power_of_two()],
            run_starts: Vec::new(),
        };
        // About one token in seven starts a run in news: room for more, so the
        // list is not copied as it grows.
        let mut run_starts = Vec::with_capacity(tokens.len() / 4 + 16);
        // One pass writes every cell: zero (nothing looked up, no mark) but for
        // the name-shaped tokens, which get their entry, and notes the glued
        // dashes. A collected map writes the cells without a zeroed buffer
        // first or a capacity test per token, and most tokens take neither
        // branch. The tokens before glued dashes (rare) are seen to after.
        const NAME_SHAPE: u32 = TokenFlags::WORD.bits() | TokenFlags::CAPITALIZED.bits();
        const SHAPE_MASK: u32 = NAME_SHAPE | TokenFlags::POSSESSIVE.bits();
        const GLUED_DASH: u32 = TokenFlags::DASH.bits() | TokenFlags::JOINED.bits();
        let mut dashes = Vec::new();
        let cells: Vec<Cell<u64>> = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let flags = t.flags.bits();
                if flags & GLUED_DASH == GLUED_DASH {
                    dashes.push(i);
                }
                Cell::new(if flags & SHAPE_MASK == NAME_SHAPE {
                    facts.name_shaped(i, &mut run_starts)
                } else {
                    0
                })
            })
            .collect();
        // A particle before a glued dash may open a hyphenated name ("al-Assad").
        let mut particles = Vec::new();
        for i in dashes.into_iter().filter_map(|d: usize| d.checked_sub(1)) {
            let mut cell = cells[i].get();
            if cell == 0 {
                cell = facts.entry(i);
                cells[i].set(cell);
            } else if run_starts.binary_search(&i).is_ok() {
                continue;
            }
            if Vocab(((cell >> VOCAB_SHIFT) & VOCAB_MASK) as u32).any(Vocab::DASH_PARTICLE) {
                particles.push(i);
            }
        }
        if !particles.is_empty() {
            run_starts.extend(particles);
            run_starts.sort_unstable();
        }
        facts.cells = cells;
        facts.run_starts = run_starts;
        facts
    }

    /// The entry of token `i`, a name-shaped token ([`names::may_be_name`]), which
    /// goes to `run_starts` if it is a name token ([`names::name_info`]).
    #[inline(always)]
    fn name_shaped(&self, i: usize, run_starts: &mut Vec<usize>) -> u64 {
        // A name-shaped token is a word: its entry keeps the word-list facts.
        let entry = self.word_entry(i);
        if names::name_info(WordInfo::from_bits((entry & INFO_MASK) as u32)) {
            run_starts.push(i);
        }
        entry
    }

    /// Mark the first word of each sentence (the first token that is not
    /// punctuation or an opening quotation mark; the first token of the text when
    /// no sentence holds it) and the tokens of sentences in capitals: sentences
    /// whose words have no lower-case letter and hold at least one upper-case word
    /// of two letters or more. Returns the token ranges of those sentences.
    pub fn mark_sentences(&self, text: &str, sentences: &[Range<usize>]) -> Vec<Range<usize>> {
        let mut shouting = Vec::new();
        if !self.cells.is_empty() && !sentences.iter().take_while(|s| s.start == 0).any(|s| !s.is_empty()) {
            self.mark(0, SENTENCE_START);
        }
        for s in sentences {
            let Some(words) = self.tokens.get(s.clone()) else { continue };
            let first = words.iter().position(|t| !t.is(TokenFlags::PUNCT)).unwrap_or(0);
            if !words.is_empty() {
                self.mark(s.start + first, SENTENCE_START);
            }
            let mut caps = false;
            let mut lower = false;
            for t in words {
                if !t.is(TokenFlags::WORD) {
                    continue;
                }
                if t.is(TokenFlags::ALL_CAPS) {
                    caps = caps || t.text(text).chars().filter(|c| c.is_alphabetic()).take(2).count() >= 2;
                } else if !t.is(TokenFlags::POSSESSIVE) && has_lowercase(text, t) {
                    lower = true;
                    break;
                }
            }
            if caps && !lower {
                (s.clone()).for_each(|k| self.mark(k, SHOUTING));
                shouting.push(s.clone());
            }
        }
        shouting
    }

    /// Mark which list candidate covers each token (the longest, the first of
    /// equally long ones) and where it ends (see [`cover`](Self::cover) and
    /// [`cover_end`](Self::cover_end)).
    pub fn mark_cover(&mut self, candidates: &[Candidate]) {
        let n = self.cells.len();
        // The candidates by start: list hits come so already, and then the tokens
        // can be walked in order with the few candidates covering each at hand,
        // without sorting a claim per covered token.
        let mut order: Vec<u32> = (0..candidates.len() as u32).collect();
        if !candidates.windows(2).all(|w| w[0].tokens.start <= w[1].tokens.start) {
            order.sort_by_key(|&c| candidates[c as usize].tokens.start);
        }
        // The candidates covering token `k`.
        let mut active: Vec<u32> = Vec::new();
        let mut next = 0;
        let mut k = 0;
        loop {
            if active.is_empty() {
                // Skip to the next candidate that covers a token.
                while next < order.len() && {
                    let r = &candidates[order[next] as usize].tokens;
                    r.start >= r.end.min(n)
                } {
                    next += 1;
                }
                let Some(&c) = order.get(next) else { break };
                k = candidates[c as usize].tokens.start;
            }
            while let Some(&c) = order.get(next) {
                let r = &candidates[c as usize].tokens;
                if r.start > k {
                    break;
                }
                if r.start < r.end.min(n) {
                    active.push(c);
                }
                next += 1;
            }
            // The first (in input order) of the longest.
            let mut owner = active[0];
            for &c in &active[1..] {
                let (a, b) = (&candidates[c as usize].tokens, &candidates[owner as usize].tokens);
                if a.len() > b.len() || (a.len() == b.len() && c < owner) {
                    owner = c;
                }
            }
            let owner = &candidates[owner as usize];
            let kind = match (owner.form, owner.kind) {
                (MentionForm::Demonym, _) => Cover::Demonym,
                (MentionForm::Modifier, _) => Cover::None,
                (_, EntityKind::Country) => Cover::Country,
                (_, EntityKind::Location) => Cover::Place,
                (_, EntityKind::Organization) => Cover::Organization,
                (_, EntityKind::Person) => Cover::Person,
            };
            let after = owner.tokens.end - k;
            let end_code = if after <= 7 {
                after as u64
            } else {
                self.long_covers.insert(k, owner.tokens.end);
                0
            };
            self.mark(k, cover_code(kind) << COVER_SHIFT | end_code << COVER_END_SHIFT);
            k += 1;
            active.retain(|&c| candidates[c as usize].tokens.end.min(n) > k);
        }
    }

    fn mark(&self, i: usize, bits: u64) {
        let cell = &self.cells[i];
        cell.set(cell.get() | bits);
    }

    /// The cell of token `i`, looked up if need be.
    #[inline]
    fn words(&self, i: usize) -> u64 {
        let cell = self.cells[i].get();
        if cell & KNOWN != 0 {
            cell
        } else {
            self.look_up(i)
        }
    }

    #[inline(never)]
    fn look_up(&self, i: usize) -> u64 {
        let cell = (self.cells[i].get() & !ENTRY_BITS) | self.entry(i);
        self.cells[i].set(cell);
        cell
    }

    /// The bits of token `i`'s cell its entry gives ([`ENTRY_BITS`], without the
    /// word-list facts for tokens that are not words), from the memo if there.
    #[inline(always)]
    fn entry(&self, i: usize) -> u64 {
        let entry = self.word_entry(i);
        if self.tokens[i].is(TokenFlags::WORD) {
            entry
        } else {
            entry & !INFO_MASK
        }
    }

    /// [`entry`](Self::entry) for a token that is a word.
    #[inline(always)]
    fn word_entry(&self, i: usize) -> u64 {
        let word = self.norm.token(i);
        match pack_word(word.as_bytes()) {
            Some((key, _)) if word.len() <= 8 => {
                let tag = word.len() as u64 + 1;
                let bits = self.memo.len().trailing_zeros();
                let slot = &self.memo[(key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize];
                match slot.get() {
                    (k, v) if k == key && (v >> MEMO_TAG_SHIFT) & 0xF == tag => v & ENTRY_BITS,
                    _ => self.remember(slot, key, tag, word),
                }
            }
            _ => entry_bits(self.lexicon, word),
        }
    }

    /// Look `word` up in the lexicon and keep its entry in the memo `slot`.
    #[cold]
    #[inline(never)]
    fn remember(&self, slot: &Cell<(u64, u64)>, key: u64, tag: u64, word: &str) -> u64 {
        let entry = entry_bits(self.lexicon, word);
        slot.set((key, entry | tag << MEMO_TAG_SHIFT));
        entry
    }

    /// What the word lists say about token `i` (nothing for tokens that are not
    /// words). Panics if there is no token `i`.
    #[inline]
    pub fn info(&self, i: usize) -> WordInfo {
        WordInfo::from_bits((self.words(i) & INFO_MASK) as u32)
    }

    /// The closed word classes of token `i` (none past the last token).
    #[inline]
    pub fn vocab(&self, i: usize) -> Vocab {
        if i < self.cells.len() {
            Vocab(((self.words(i) >> VOCAB_SHIFT) & VOCAB_MASK) as u32)
        } else {
            Vocab::default()
        }
    }

    /// [`vocab`](Self::vocab), where the caller only tests classes whose words all
    /// pass `could_be` (on the normalised token's bytes): a token not looked up yet
    /// whose text fails it has none of them, and is not looked up (cheaper than a
    /// lookup for the many tokens beside runs that are asked once).
    #[inline]
    pub fn vocab_if(&self, i: usize, could_be: impl FnOnce(&[u8]) -> bool) -> Vocab {
        let Some(cell) = self.cells.get(i) else { return Vocab::default() };
        let cell = cell.get();
        if cell & KNOWN != 0 {
            Vocab(((cell >> VOCAB_SHIFT) & VOCAB_MASK) as u32)
        } else if could_be(self.norm.token(i).as_bytes()) {
            Vocab(((self.look_up(i) >> VOCAB_SHIFT) & VOCAB_MASK) as u32)
        } else {
            Vocab::default()
        }
    }

    /// The list hit covering token `i` (see [`mark_cover`](Self::mark_cover)).
    /// Panics if there is no token `i`.
    #[inline]
    pub fn cover(&self, i: usize) -> Cover {
        cover_of((self.cells[i].get() >> COVER_SHIFT) & 7)
    }

    /// Where the list hit covering token `i` ends (token index; `i + 1` when
    /// uncovered). Panics if there is no token `i`.
    #[inline]
    pub fn cover_end(&self, i: usize) -> usize {
        let after = ((self.cells[i].get() >> COVER_END_SHIFT) & 7) as usize;
        if after != 0 {
            i + after
        } else if self.long_covers.is_empty() {
            i + 1
        } else {
            self.long_covers.get(&i).copied().unwrap_or(i + 1)
        }
    }

    /// Whether token `i` opens its sentence (see
    /// [`mark_sentences`](Self::mark_sentences)). Panics if there is no token `i`.
    #[inline]
    pub fn at_sentence_start(&self, i: usize) -> bool {
        self.cells[i].get() & SENTENCE_START != 0
    }

    /// Whether token `i` is in a sentence in capitals (see
    /// [`mark_sentences`](Self::mark_sentences)). Panics if there is no token `i`.
    #[inline]
    pub fn shouting(&self, i: usize) -> bool {
        self.cells[i].get() & SHOUTING != 0
    }

    /// The titles starting at token `i`, or `None` when they cannot be read from
    /// the entries (see [`names::title_at`]).
    pub fn titles(&self, i: usize) -> Option<TitleStarts> {
        if !self.titles_exact {
            return None;
        }
        if i >= self.cells.len() {
            return Some(TitleStarts::default());
        }
        let words = self.words(i);
        let mut starts = TitleStarts::default();
        if let Some(class) = class_of((words >> TITLE_CLASS_SHIFT) & 7) {
            starts.set(1, class);
        }
        let lengths = ((words >> TITLE_LENGTHS_SHIFT) as u16 & 0x7FFF) << 1;
        if lengths == 0 {
            return Some(starts);
        }
        if let Some(&known) = self.title_starts.borrow().get(&i) {
            return Some(known);
        }
        let max = self.lexicon.max_title_tokens().max(1);
        // Every later token of a title continues one.
        let mut n = 2;
        while n <= max && i + n <= self.cells.len() && self.words(i + n - 1) & CONTINUES_TITLE != 0 {
            if lengths & (1 << (n - 1)) != 0 {
                if let Some(class) = self.lexicon.title(self.norm.tokens_text(i..i + n)) {
                    starts.set(n, class);
                }
            }
            n += 1;
        }
        let mut known = self.title_starts.borrow_mut();
        if known.capacity() == 0 {
            // A document asks about a hundred title starts: room at once.
            known.reserve(128);
        }
        known.insert(i, starts);
        Some(starts)
    }

    /// The longest title of at most `limit` tokens starting at token `i`: its
    /// length and class, or `None` inside when there is none; `None` when titles
    /// cannot be read from the entries. The same as
    /// [`titles`](Self::titles)`(i)` then [`TitleStarts::longest`], without
    /// building the set where the word starts no longer title.
    #[inline]
    pub fn longest_title(&self, i: usize, limit: usize) -> Option<Option<(usize, TitleClass)>> {
        if !self.titles_exact {
            return None;
        }
        if i >= self.cells.len() || limit == 0 {
            return Some(None);
        }
        let words = self.words(i);
        if limit == 1 || (words >> TITLE_LENGTHS_SHIFT) & 0x7FFF == 0 {
            return Some(class_of((words >> TITLE_CLASS_SHIFT) & 7).map(|class| (1, class)));
        }
        self.titles(i).map(|starts| starts.longest(limit))
    }

    /// In order, the tokens that are name tokens ([`names::is_name_token`]) or
    /// particles that may open a hyphenated name ("al" in "al-Assad"): every
    /// capitalised run starts at one of them.
    pub fn run_starts(&self) -> &[usize] {
        &self.run_starts
    }
}

/// Whether token `t` of `text` holds a lower-case letter: its bytes first (without
/// cutting a string), as most words are ASCII and most have one.
fn has_lowercase(text: &str, t: &Token) -> bool {
    let bytes = text.as_bytes().get(t.span.start..t.span.end).unwrap_or_default();
    bytes.iter().any(|b| b.is_ascii_lowercase())
        || !bytes.is_ascii() && t.text(text).chars().any(char::is_lowercase)
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
