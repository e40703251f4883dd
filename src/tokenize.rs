//! Tokenizer: splits text into word, number and punctuation tokens with byte spans
//! and cheap shape flags.
//!
//! Built on Unicode word boundaries (UAX #29, via `unicode-segmentation`) and then
//! adjusted for news text:
//!
//! - abbreviations keep their period ("U.S.", "Mr.", "Sen.", "Jan.", "Corp.", initials "J.");
//! - the clitic `'s` / `’s` is split off its word ("Afghanistan’s" → `Afghanistan` + `’s`);
//! - apostrophes are told apart from quotation marks ("the ’90s", "rock 'n' roll",
//!   "don’t" stay apostrophes; `'Allies'` is quoted);
//! - hyphenated words ("U.S.-led", "al-Qaeda") stay as their parts with the
//!   [`TokenFlags::JOINED`] flag on each part that touches the one before, so lists can
//!   match "U.S." inside "U.S.-led" and rules can rebuild the compound;
//! - numbers keep their separators ("1,000.5").
//!
//! Whitespace is not a token; what it held is recorded on the next token
//! ([`TokenFlags::LINE_BREAK_BEFORE`], [`TokenFlags::BLANK_LINE_BEFORE`]).
//!
//! ```
//! use gazette::tokenize::{tokenize, TokenFlags};
//! let text = "Afghanistan’s U.S.-led war";
//! let tokens = tokenize(text);
//! let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
//! assert_eq!(words, ["Afghanistan", "’s", "U.S.", "-", "led", "war"]);
//! assert!(tokens[1].flags.contains(TokenFlags::POSSESSIVE));
//! assert!(tokens[2].flags.contains(TokenFlags::ABBREVIATION));
//! ```

use crate::span::Span;
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// One token: a byte span and its shape flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Where the token is in the text.
    pub span: Span,
    /// Shape and role flags.
    pub flags: TokenFlags,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.text(text)
    }

    /// Whether the token has all of `flags`.
    pub fn is(&self, flags: TokenFlags) -> bool {
        self.flags.contains(flags)
    }
}

/// A set of token flags (a small bit set).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct TokenFlags(u32);

impl TokenFlags {
    /// Contains at least one letter.
    pub const WORD: TokenFlags = TokenFlags(1);
    /// Contains at least one digit.
    pub const DIGIT: TokenFlags = TokenFlags(1 << 1);
    /// No letter or digit: punctuation or a symbol.
    pub const PUNCT: TokenFlags = TokenFlags(1 << 2);
    /// The first letter is upper case (and the token starts with a letter).
    pub const CAPITALIZED: TokenFlags = TokenFlags(1 << 3);
    /// Every letter is upper case (at least one letter).
    pub const ALL_CAPS: TokenFlags = TokenFlags(1 << 4);
    /// Ends with a period that belongs to it ("U.S.", "Mr.", "J.").
    pub const ABBREVIATION: TokenFlags = TokenFlags(1 << 5);
    /// The clitic `'s` / `’s`, or a bare apostrophe after a plural ("voters’").
    pub const POSSESSIVE: TokenFlags = TokenFlags(1 << 6);
    /// An apostrophe that is not a quotation mark (may also carry `QUOTE_CLOSE` when
    /// it cannot be told from one: "voters’ " vs "’Allies’ ").
    pub const APOSTROPHE: TokenFlags = TokenFlags(1 << 7);
    /// May open a quotation.
    pub const QUOTE_OPEN: TokenFlags = TokenFlags(1 << 8);
    /// May close a quotation.
    pub const QUOTE_CLOSE: TokenFlags = TokenFlags(1 << 9);
    /// A single quotation mark (`'`, `‘`, `’`, `‹`, `›`) rather than a double one.
    pub const SINGLE_QUOTE: TokenFlags = TokenFlags(1 << 10);
    /// A hyphen or dash.
    pub const DASH: TokenFlags = TokenFlags(1 << 11);
    /// Touches the previous token (no whitespace between).
    pub const JOINED: TokenFlags = TokenFlags(1 << 12);
    /// A line break stands between this token and the previous one.
    pub const LINE_BREAK_BEFORE: TokenFlags = TokenFlags(1 << 13);
    /// A blank line stands between this token and the previous one.
    pub const BLANK_LINE_BEFORE: TokenFlags = TokenFlags(1 << 14);
    /// Sentence-final punctuation: `.`, `!`, `?`, `…`.
    pub const TERMINAL: TokenFlags = TokenFlags(1 << 15);

    /// The empty set.
    pub const fn empty() -> TokenFlags {
        TokenFlags(0)
    }

    /// Whether every flag of `other` is set.
    pub const fn contains(self, other: TokenFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether any flag of `other` is set.
    pub const fn intersects(self, other: TokenFlags) -> bool {
        self.0 & other.0 != 0
    }

    /// Set the flags of `other`.
    pub fn insert(&mut self, other: TokenFlags) {
        self.0 |= other.0;
    }

    /// Clear the flags of `other`.
    pub fn remove(&mut self, other: TokenFlags) {
        self.0 &= !other.0;
    }

    /// The raw bits.
    pub const fn bits(self) -> u32 {
        self.0
    }
}

impl std::ops::BitAnd for TokenFlags {
    type Output = TokenFlags;
    fn bitand(self, rhs: TokenFlags) -> TokenFlags {
        TokenFlags(self.0 & rhs.0)
    }
}

impl std::ops::BitOr for TokenFlags {
    type Output = TokenFlags;
    fn bitor(self, rhs: TokenFlags) -> TokenFlags {
        TokenFlags(self.0 | rhs.0)
    }
}

impl std::fmt::Debug for TokenFlags {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const NAMES: [&str; 16] = [
            "WORD",
            "DIGIT",
            "PUNCT",
            "CAPITALIZED",
            "ALL_CAPS",
            "ABBREVIATION",
            "POSSESSIVE",
            "APOSTROPHE",
            "QUOTE_OPEN",
            "QUOTE_CLOSE",
            "SINGLE_QUOTE",
            "DASH",
            "JOINED",
            "LINE_BREAK_BEFORE",
            "BLANK_LINE_BEFORE",
            "TERMINAL",
        ];
        let mut set = f.debug_set();
        for (i, name) in NAMES.iter().enumerate() {
            if self.0 & (1 << i) != 0 {
                set.entry(&format_args!("{name}"));
            }
        }
        set.finish()
    }
}

/// Words that keep a following period as part of the token (titles, months,
/// company suffixes, US state abbreviations). Compared case-sensitively.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Gen", "Lt", "Col",
    "Maj", "Sgt", "Capt", "Cpl", "Pvt", "Adm", "Cmdr", "Cdr", "Brig", "Prof", "Rev", "Hon", "Pres", "Supt",
    "Det", "Insp", "Amb", "Atty", "Sr", "Jr", "St", "Mt", "Ft", "Ave", "Blvd", "Corp", "Inc", "Ltd", "Co",
    "Cos", "Bros", "Dept", "Univ", "Assn", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "No", "Nos", "vs", "etc", "approx", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn",
    "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont",
    "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "Fig", "Vol", "Op",
    "Ph", "Mme", "Mlle",
];

/// The longest word [`pack_word`] packs.
const PACKED_MAX: usize = 7;

/// A word of at most [`PACKED_MAX`] bytes as one integer: its bytes, little-endian,
/// and its length in the top byte, so two such words pack alike only when equal.
const fn pack_word(word: &[u8]) -> u64 {
    let mut key = (word.len() as u64) << 56;
    let mut i = 0;
    while i < word.len() && i < PACKED_MAX {
        key |= (word[i] as u64) << (8 * i);
        i += 1;
    }
    key
}

/// [`ABBREVIATIONS`] packed by [`pack_word`] and sorted, for a binary search instead
/// of a string comparison with each.
const ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [0u64; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < keys.len() {
        assert!(ABBREVIATIONS[i].len() <= PACKED_MAX);
        keys[i] = pack_word(ABBREVIATIONS[i].as_bytes());
        // Insertion sort, as it goes.
        let mut k = i;
        while k > 0 && keys[k - 1] > keys[k] {
            let t = keys[k - 1];
            keys[k - 1] = keys[k];
            keys[k] = t;
            k -= 1;
        }
        i += 1;
    }
    keys
};

/// The first bytes of [`ABBREVIATIONS`] of each length (up to [`PACKED_MAX`]), as
/// sets of ASCII bytes: most words are told apart by their length and first byte alone.
const ABBREVIATION_FIRST_BYTES: [u128; PACKED_MAX + 1] = {
    let mut sets = [0u128; PACKED_MAX + 1];
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        let first = ABBREVIATIONS[i].as_bytes()[0];
        assert!(first < 128);
        sets[ABBREVIATIONS[i].len()] |= 1 << first;
        i += 1;
    }
    sets
};

/// Whether `word` (without its period) is a known abbreviation.
pub fn is_abbreviation(word: &str) -> bool {
    is_abbreviation_bytes(word.as_bytes())
}

/// [`is_abbreviation`] of a word's bytes.
fn is_abbreviation_bytes(word: &[u8]) -> bool {
    let Some(&first) = word.first() else { return false };
    first < 128
        && ABBREVIATION_FIRST_BYTES.get(word.len()).is_some_and(|set| set & (1 << first) != 0)
        && ABBREVIATION_KEYS.binary_search(&pack_word(word)).is_ok()
}

fn is_apostrophe_char(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | '´' | 'ʼ')
}

fn is_dash_char(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '⁃' | '﹘' | '﹣' | '－')
}

/// What a character contributes to a token's shape: a set of the bits below.
type ShapeBits = u8;
/// An alphabetic character.
const LETTER: ShapeBits = 1;
/// A numeric character.
const DIGIT: ShapeBits = 2;
/// An alphabetic upper-case character.
const UPPER: ShapeBits = 4;
/// An alphabetic lower-case character (and not upper case).
const LOWER: ShapeBits = 8;

/// The shape bits of one character.
fn char_shape(c: char) -> ShapeBits {
    if c.is_ascii() {
        return ASCII_CLASSES[c as usize].1;
    }
    if let Some(&bits) = LATIN_SHAPES.get((c as usize).wrapping_sub(LATIN_FIRST)) {
        return bits;
    }
    unicode_shape(c)
}

/// First code point of [`LATIN_SHAPES`].
const LATIN_FIRST: usize = 0xC0;

/// [`char_shape`] of U+00C0..U+023F (the Latin letters the fast path knows), so that
/// they need not go through the Unicode property tables (a few hundred instructions a
/// character). Built from [`LATIN_CASES`]; a test checks it against [`unicode_shape`].
const LATIN_SHAPES: [ShapeBits; 0x240 - LATIN_FIRST] = {
    let mut table = [0; 0x240 - LATIN_FIRST];
    let mut k = 0;
    while k < table.len() {
        table[k] = match LATIN_CASES[k] {
            b'U' => LETTER | UPPER,
            b'l' => LETTER | LOWER,
            b'L' => LETTER,
            _ => 0,
        };
        k += 1;
    }
    table
};

/// U+00C0..U+023F, 64 a line: `U` an upper-case letter, `l` a lower-case one, `L` a
/// letter of neither case (as `ǅ`), `.` not a letter (`×`, `÷`).
const LATIN_CASES: &[u8; 0x240 - LATIN_FIRST] = b"\
    UUUUUUUUUUUUUUUUUUUUUUU.UUUUUUUllllllllllllllllllllllll.llllllll\
    UlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUllUlUlUlU\
    lUlUlUlUllUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUUlUlUll\
    lUUlUlUUlUUUllUUUUlUUlUUUlllUUlUUlUlUlUUlUllUlUUlUUUlUlUUllLUlll\
    LLLLULlULlULlUlUlUlUlUlUlUlUllUlUlUlUlUlUlUlUlUllULlUlUUUlUlUlUl\
    UlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlllllllUUlUUl";

/// [`char_shape`] from the Unicode properties of `c`.
fn unicode_shape(c: char) -> ShapeBits {
    if c.is_alphabetic() {
        if c.is_uppercase() {
            LETTER | UPPER
        } else if c.is_lowercase() {
            LETTER | LOWER
        } else {
            LETTER
        }
    } else if c.is_numeric() {
        DIGIT
    } else {
        0
    }
}

/// Shape flags computed from the characters of a token.
fn shape(s: &str) -> TokenFlags {
    let mut chars = s.chars();
    let first = chars.next().map_or(0, char_shape);
    shape_from_bits(chars.fold(first, |bits, c| bits | char_shape(c)), first)
}

/// The shape flags of a token from the union of its characters' shape bits and the
/// bits of its first character.
fn shape_from_bits(bits: ShapeBits, first: ShapeBits) -> TokenFlags {
    SHAPES[usize::from((bits & 0xF) | (first & UPPER) << 2)]
}

/// [`shape_from_bits`] for every union of shape bits, and the first character
/// upper case (16 and up) or not.
const SHAPES: [TokenFlags; 32] = {
    let mut table = [TokenFlags::empty(); 32];
    let mut i = 0;
    while i < table.len() {
        let bits = (i & 0xF) as ShapeBits;
        let mut f = 0;
        if bits & LETTER != 0 {
            f |= TokenFlags::WORD.0;
        }
        if bits & DIGIT != 0 {
            f |= TokenFlags::DIGIT.0;
        }
        if bits & (LETTER | DIGIT) == 0 {
            f |= TokenFlags::PUNCT.0;
        }
        if i & 16 != 0 {
            f |= TokenFlags::CAPITALIZED.0;
        }
        if bits & UPPER != 0 && bits & LOWER == 0 {
            f |= TokenFlags::ALL_CAPS.0;
        }
        table[i] = TokenFlags(f);
        i += 1;
    }
    table
};

/// Tokens kept in four bytes each instead of 24: the gap from the previous token's
/// end, the length and the flags. When some token's gap or length does not fit a
/// byte (or its flags 16 bits), the tokens that do not fit and those whose gap is
/// `ESCAPE` are kept whole beside the cells. For a long text read in sections,
/// whose tokens wait for the whole text's entities before the quotation pass: less
/// memory to fault in and to stream through.
#[derive(Debug, Default)]
pub(crate) struct PackedTokens {
    /// `flags << 16 | gap << 8 | len`; when `whole` is not empty, `ESCAPE << 8` for a
    /// token in `whole` (and no other cell has that gap).
    cells: Vec<u32>,
    /// The tokens that do not fit a cell, in order (none when all fit: nearly always).
    whole: Vec<Token>,
}

impl PackedTokens {
    /// The gap byte of a token kept whole.
    const ESCAPE: u32 = 0xFF;

    pub(crate) fn new(tokens: &[Token]) -> PackedTokens {
        // Nearly always every token fits: one pass writes the cells and only notes,
        // without a branch per token, whether one did not (any bit above the low
        // byte in a gap or a length, or above the low half in the flags).
        let mut end = 0;
        let (mut spread, mut high) = (0, 0);
        let cells: Vec<u32> = tokens
            .iter()
            .map(|t| {
                let (gap, len, flags) =
                    (t.span.start.wrapping_sub(end), t.span.end.wrapping_sub(t.span.start), t.flags.0);
                end = t.span.end;
                spread |= gap | len;
                high |= flags;
                flags << 16 | (gap as u32) << 8 | len as u32
            })
            .collect();
        if spread <= 0xFF && high <= 0xFFFF {
            return PackedTokens { cells, whole: Vec::new() };
        }
        // Else a second pass with escapes; the token that did not fit is escaped, so
        // `whole` is not empty.
        let mut cells = cells;
        let mut whole = Vec::new();
        let mut end = 0;
        for (cell, t) in cells.iter_mut().zip(tokens) {
            let (gap, len, flags) =
                (t.span.start.wrapping_sub(end), t.span.end.wrapping_sub(t.span.start), t.flags.0);
            end = t.span.end;
            *cell = if gap < Self::ESCAPE as usize && len <= 0xFF && flags <= 0xFFFF {
                flags << 16 | (gap as u32) << 8 | len as u32
            } else {
                whole.push(*t);
                Self::ESCAPE << 8
            };
        }
        PackedTokens { cells, whole }
    }

    /// The tokens, written into `out` (cleared first).
    pub(crate) fn unpack_into(&self, out: &mut Vec<Token>) {
        out.clear();
        let mut end = 0;
        if self.whole.is_empty() {
            // No escapes: every cell is a token (a gap byte of `ESCAPE` included).
            out.extend(self.cells.iter().map(|&cell| {
                let start = end + ((cell >> 8) & 0xFF) as usize;
                end = start + (cell & 0xFF) as usize;
                Token { span: Span::new(start, end), flags: TokenFlags(cell >> 16) }
            }));
            return;
        }
        let mut whole = self.whole.iter();
        out.extend(self.cells.iter().map(|&cell| {
            let gap = (cell >> 8) & 0xFF;
            let token = if gap == Self::ESCAPE {
                // As many escapes as tokens kept whole: never short.
                whole.next().copied().unwrap_or(Token { span: Span::new(end, end), flags: TokenFlags(0) })
            } else {
                let start = end + gap as usize;
                Token {
                    span: Span::new(start, start + (cell & 0xFF) as usize),
                    flags: TokenFlags(cell >> 16),
                }
            };
            end = token.span.end;
            token
        }));
    }
}

/// Split `text` into tokens. Never panics; tokens are in order, do not overlap,
/// lie on character boundaries and cover every non-whitespace character.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut builder =
        Builder { text, tokens: Vec::with_capacity(text.len() / 5 + 1), gap: Gap::Start, lone_n: false };
    for_each_piece(text, &mut builder);
    let mut tokens = builder.tokens;
    if builder.lone_n {
        mark_n_contractions(text, &mut tokens);
    }
    tokens
}

/// The tokens found so far, and what separates the last one from the next.
struct Builder<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    gap: Gap,
    /// Whether a token may be a lone `n` glued to the one before (as in "rock 'n'
    /// roll"), so that [`mark_n_contractions`] has something to do.
    lone_n: bool,
}

impl<'t> PieceSink<'t> for Builder<'t> {
    type Mark = (usize, Gap);
    type Words = SpacedWords;

    #[inline(always)]
    fn take_words(&mut self) -> SpacedWords {
        SpacedWords(std::mem::take(&mut self.tokens))
    }

    #[inline(always)]
    fn put_words(&mut self, words: SpacedWords, after_space: bool) {
        self.tokens = words.0;
        self.gap = if after_space { Gap::Space } else { Gap::None };
    }

    fn mark(&self) -> (usize, Gap) {
        (self.tokens.len(), self.gap)
    }

    fn rewind(&mut self, (len, gap): (usize, Gap)) {
        // The pieces since the mark changed no earlier token: a piece changes the
        // token before only when glued to it, and the mark follows whitespace.
        self.tokens.truncate(len);
        self.gap = gap;
    }

    #[inline(always)]
    fn space(&mut self, ws: &[u8]) {
        self.gap = self.gap.with_ascii(ws);
    }

    #[inline(always)]
    fn space_after_piece(&mut self) {
        // A piece leaves no gap (`Gap::None`), one space makes it `Gap::Space`.
        self.gap = Gap::Space;
    }

    #[inline(always)]
    fn word(&mut self, start: usize, end: usize, shape: TokenFlags, single: bool) {
        self.push(start, end, shape, single);
    }

    #[inline(always)]
    fn plain_word(&mut self, start: usize, end: usize, shape: TokenFlags) {
        // Neither one character nor holding an apostrophe: nothing to join or split.
        let flags = shape | self.gap.flags();
        self.gap = Gap::None;
        self.tokens.push(Token { span: Span::new(start, end), flags });
    }

    fn unicode(&mut self, start: usize, piece: &'t str) {
        self.push_unicode(start, piece);
    }
}

impl Builder<'_> {
    /// Add the word-boundary piece `start..end`, which does not start with whitespace,
    /// of shape `shape`, and one character long if `single`.
    #[inline(always)]
    fn push(&mut self, start: usize, end: usize, shape: TokenFlags, single: bool) {
        let text = self.text;
        let bytes = text.as_bytes();
        let pos_flags = self.gap.flags();
        self.gap = Gap::None;
        let joined = pos_flags.contains(TokenFlags::JOINED);
        let mut flags = shape | pos_flags;
        if single {
            let first = bytes[start];
            if joined {
                let handled = match first {
                    b'.' => self.absorb_period(end),
                    b's' | b'S' => self.attach_detached_clitic(end),
                    _ => false,
                };
                if handled {
                    return;
                }
            }
            if first.is_ascii_alphanumeric() {
                // Letters and digits have no punctuation role.
                self.lone_n |= joined && matches!(first, b'n' | b'N');
            } else if first < 0x80 {
                flags.insert(ascii_punct_role(text, start, end, first));
            } else if let Some(c) = text.get(start..end).and_then(|piece| piece.chars().next()) {
                flags.insert(punct_role(text, start, end, c));
            }
        } else if end - start > 2
            && matches!(bytes[end - 1], b's' | b'S')
            // An apostrophe (`is_apostrophe_char`) ends in `'`, `` ` `` or a byte over 0x7F.
            && matches!(bytes[end - 2], b'\'' | b'`' | 0x80..)
            && self.split_clitic(start, end, pos_flags)
        {
            return;
        }
        self.tokens.push(Token { span: Span::new(start, end), flags });
    }

    /// Add a piece `unicode-segmentation` found at `start`: a whitespace gap, or a
    /// token after the whitespace it may start with.
    #[inline(never)]
    fn push_unicode(&mut self, start: usize, piece: &str) {
        let Some(first) = piece.chars().next() else { return };
        let (start, piece) = if first.is_whitespace() {
            // Combining marks may cling to whitespace (UAX #29 rule WB4): the
            // whitespace is a gap, what follows it still becomes a token.
            match piece.find(|c: char| !c.is_whitespace()) {
                None => {
                    self.gap = self.gap.with(piece);
                    return;
                }
                Some(k) => {
                    self.gap = self.gap.with(&piece[..k]);
                    (start + k, &piece[k..])
                }
            }
        } else {
            (start, piece)
        };
        let mut chars = piece.chars();
        let single = chars.next().is_some() && chars.next().is_none();
        self.push(start, start + piece.len(), shape(piece), single);
    }

    /// A period ending at `end`, glued to the last token: whether it became part of
    /// that token, an abbreviation.
    #[inline(never)]
    fn absorb_period(&mut self, end: usize) -> bool {
        let text = self.text;
        let Some(prev) = self.tokens.last_mut() else { return false };
        let prev_text = &text[prev.span.start..prev.span.end];
        if prev.flags.contains(TokenFlags::WORD)
            && !prev.flags.contains(TokenFlags::ABBREVIATION)
            && keeps_period(prev_text)
        {
            prev.span.end = end;
            prev.flags.insert(TokenFlags::ABBREVIATION);
            return true;
        }
        false
    }

    /// An `s` ending at `end`, glued to the last token: whether it made a detached
    /// clitic as tokenized corpora write it ("England 's") with the apostrophe before.
    #[inline(never)]
    fn attach_detached_clitic(&mut self, end: usize) -> bool {
        let text = self.text;
        let tokens = &mut self.tokens;
        let n = tokens.len();
        if n < 2 {
            return false;
        }
        let apos = tokens[n - 1];
        let apos_text = &text[apos.span.start..apos.span.end];
        let after_ok = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if apos_text.chars().count() == 1
            && apos_text.chars().all(is_apostrophe_char)
            && !apos.flags.contains(TokenFlags::JOINED)
            && tokens[n - 2].flags.contains(TokenFlags::WORD)
            && after_ok
        {
            let keep = apos.flags & (TokenFlags::LINE_BREAK_BEFORE | TokenFlags::BLANK_LINE_BEFORE);
            tokens[n - 1] = Token {
                span: Span::new(apos.span.start, end),
                flags: TokenFlags::WORD | TokenFlags::POSSESSIVE | TokenFlags::APOSTROPHE | keep,
            };
            return true;
        }
        false
    }

    /// A piece `start..end` ending in `s`: whether it was a word with the clitic
    /// `'s` / `’s`, now split off ("Afghanistan’s" → `Afghanistan` + `’s`).
    #[inline(never)]
    fn split_clitic(&mut self, start: usize, end: usize, pos_flags: TokenFlags) -> bool {
        let piece = &self.text[start..end];
        let body = &piece[..piece.len() - 1];
        let Some(apos) = body.chars().next_back() else { return false };
        if !is_apostrophe_char(apos) {
            return false;
        }
        let cut = piece.len() - 1 - apos.len_utf8();
        let base = &piece[..cut];
        if !base.chars().any(|c| c.is_alphanumeric()) {
            return false;
        }
        self.lone_n |= matches!(base, "n" | "N");
        self.tokens.push(Token { span: Span::new(start, start + cut), flags: shape(base) | pos_flags });
        self.tokens.push(Token {
            span: Span::new(start + cut, end),
            flags: TokenFlags::WORD | TokenFlags::POSSESSIVE | TokenFlags::APOSTROPHE | TokenFlags::JOINED,
        });
        true
    }
}

/// The tokens of a [`Builder`], taken out of it while [`for_each_piece`] reads plain
/// words each after one space (so that they stay in registers).
struct SpacedWords(Vec<Token>);

impl PlainWords for SpacedWords {
    type Mark = (usize, Gap);

    #[inline(always)]
    fn mark(&self) -> (usize, Gap) {
        (self.0.len(), Gap::Space)
    }

    #[inline(always)]
    fn has_room(&self) -> bool {
        self.0.len() < self.0.capacity()
    }

    #[inline(always)]
    fn push(&mut self, start: usize, end: usize, shape: TokenFlags) {
        // After one space: no gap flags, nothing to join.
        self.0.push(Token { span: Span::new(start, end), flags: shape });
    }

    #[inline(always)]
    fn push_punct(&mut self, at: usize, role: TokenFlags) {
        self.0.push(Token {
            span: Span::new(at, at + 1),
            flags: TokenFlags::PUNCT | TokenFlags::JOINED | role,
        });
    }
}

/// Where [`for_each_piece`] puts plain words that each follow one space, taken out
/// of the sink for a run of them.
trait PlainWords {
    /// The sink's [`PieceSink::Mark`].
    type Mark: Copy;
    /// The sink's mark before the next word (after one space).
    fn mark(&self) -> Self::Mark;
    /// Whether [`PlainWords::push`] can go without growing: the words are left to the
    /// sink otherwise (so that no call in the loop keeps them in memory).
    fn has_room(&self) -> bool;
    /// [`PieceSink::plain_word`] after one space.
    fn push(&mut self, start: usize, end: usize, shape: TokenFlags);
    /// [`PieceSink::word`] of a comma or period at `at`, of punctuation role `role`
    /// ([`ascii_punct_role`]), right after a word pushed with [`PlainWords::push`]
    /// that does not take it in. There must be room for it too.
    fn push_punct(&mut self, at: usize, role: TokenFlags);
}

/// Where [`for_each_piece`] reports the word-boundary pieces it finds.
trait PieceSink<'t> {
    /// What [`PieceSink::rewind`] needs to forget the pieces reported after now.
    type Mark: Copy;
    /// Where plain words after one space go while [`for_each_piece`] reads a run of them.
    type Words: PlainWords<Mark = Self::Mark>;
    /// Take the plain words out, after one space.
    fn take_words(&mut self) -> Self::Words;
    /// Put them back, and say whether the last piece was a space (or a word).
    fn put_words(&mut self, words: Self::Words, after_space: bool);
    /// A run of ASCII whitespace ([`is_gap_byte`]).
    fn space(&mut self, ws: &[u8]);
    /// One space right after a piece: [`PieceSink::space`] of `" "`.
    fn space_after_piece(&mut self) {
        self.space(b" ");
    }
    /// A piece `start..end` the fast path found and shaped: no whitespace in it;
    /// `shape` is what [`shape`] gives for it; `single` whether it is one character.
    fn word(&mut self, start: usize, end: usize, shape: TokenFlags, single: bool);
    /// [`PieceSink::word`] for a piece of at least two ASCII letters, digits or `_`
    /// and nothing else (most words).
    fn plain_word(&mut self, start: usize, end: usize, shape: TokenFlags) {
        self.word(start, end, shape, false);
    }
    /// A piece `split_word_bound_indices` gave, at `start` (may hold or start with
    /// whitespace other than ASCII).
    fn unicode(&mut self, start: usize, piece: &'t str);
    /// The state before the next piece, taken after ASCII whitespace or at the start.
    fn mark(&self) -> Self::Mark;
    /// Forget the pieces reported since `mark` was taken.
    fn rewind(&mut self, mark: Self::Mark);
}

/// Gives `sink` the word-boundary pieces of `text` in order, as
/// `split_word_bound_indices` gives them (for the purpose of tokenizing: whitespace
/// may be grouped differently).
///
/// The text is cut into chunks at ASCII whitespace ([`is_gap_byte`]). A chunk of ASCII and of the
/// few other characters whose UAX #29 word-break class [`fast_char`] knows (Latin
/// letters, curly quotes, dashes, the ellipsis) is split here, byte by byte, with the
/// shape of each piece worked out on the way. At the first character it does not
/// know, the pieces of the chunk so far are taken back and the whole chunk goes
/// through `unicode-segmentation` (so each byte is looked at most twice).
fn for_each_piece<'t, S: PieceSink<'t>>(text: &'t str, sink: &mut S) {
    let bytes = text.as_bytes();
    let mut chunk = Chunk { start: 0, mark: sink.mark() };
    let mut i = 0;
    // The common case is handled here, the rest out of line (so that this loop keeps
    // its values in registers): a plain word and the one space after it.
    while let Some(&b) = bytes.get(i) {
        let class = BYTE_CLASSES[usize::from(b)];
        if class & WORD_CHAR == 0 {
            i = other_piece(text, i, sink, &mut chunk);
            continue;
        }
        let (j, bits, after) = word_run(bytes, i, class);
        if j == i + 1 || (after & JOINER != 0 && !ends_before_joiner(bytes, j)) {
            // A byte that may join the run to more follows, or it is one character.
            i = other_word(
                text,
                i,
                WordState { end: j, bits, last: Wb::Other, plain: true },
                sink,
                &mut chunk,
            );
            continue;
        }
        sink.plain_word(i, j, shape_from_bits(bits, class));
        i = j;
        if after & GAP != 0 && starts_one_space(bytes, j) {
            sink.space_after_piece();
            // Then the plain words that follow, each after one space, out of the sink.
            let mut words = sink.take_words();
            let (end, chunk_start, mark, after_space) = spaced_plain_words(bytes, j + 1, &mut words);
            sink.put_words(words, after_space);
            chunk = Chunk { start: chunk_start, mark };
            i = end;
        }
    }
}

/// A run of ASCII letters, digits and `_` at `i`, whose first byte has `class` in
/// [`BYTE_CLASSES`]: its end, the union of its bytes' classes, and the class of the
/// byte after it (0 at the end of the text).
#[inline(always)]
fn word_run(bytes: &[u8], i: usize, class: ShapeBits) -> (usize, ShapeBits, ShapeBits) {
    let mut bits = class;
    let mut j = i + 1;
    while let Some(&b) = bytes.get(j) {
        let next = BYTE_CLASSES[usize::from(b)];
        if next & WORD_CHAR == 0 {
            return (j, bits, next);
        }
        bits |= next;
        j += 1;
    }
    (j, bits, 0)
}

/// [`for_each_piece`] after one space, at `i`: the plain words that follow, each
/// after one space, into `words`. Returns where to go on, where the last chunk
/// starts and the mark there, and whether the last piece is a space (else a word
/// not followed by one).
#[inline(always)]
fn spaced_plain_words<W: PlainWords>(
    bytes: &[u8],
    mut i: usize,
    words: &mut W,
) -> (usize, usize, W::Mark, bool) {
    loop {
        let mark = words.mark();
        let Some(&b) = bytes.get(i) else { return (i, i, mark, true) };
        let class = BYTE_CLASSES[usize::from(b)];
        if class & WORD_CHAR == 0 {
            return (i, i, mark, true);
        }
        let (j, bits, after) = word_run(bytes, i, class);
        if j == i + 1 || (after & JOINER != 0 && !ends_before_joiner(bytes, j)) || !words.has_room() {
            // Left to the general path.
            return (i, i, mark, true);
        }
        words.push(i, j, shape_from_bits(bits, class));
        if after & GAP != 0 && starts_one_space(bytes, j) {
            i = j + 1;
        } else if bytes.get(j) == Some(&b',') && starts_one_space(bytes, j + 1) && words.has_room() {
            // A comma and one space, as often: the comma is a piece of its own (the
            // space keeps it from joining the word to more).
            words.push_punct(j, TokenFlags::empty());
            i = j + 2;
        } else if bytes.get(j) == Some(&b'.')
            && words.has_room()
            && !bytes.get(i..j).is_some_and(is_abbreviation_bytes)
        {
            // A sentence's end: the word (plain, so neither one letter nor holding a
            // period) keeps the period only if it is an abbreviation.
            words.push_punct(j, TokenFlags::TERMINAL);
            if starts_one_space(bytes, j + 1) {
                i = j + 2;
            } else {
                return (j + 1, i, mark, false);
            }
        } else {
            return (j, i, mark, false);
        }
    }
}

/// Where the current chunk starts, and the sink's state there.
#[derive(Debug, Clone, Copy)]
struct Chunk<M> {
    start: usize,
    mark: M,
}

/// Whether a word piece ends at `at`, before an ASCII [`JOINER`] (`:`, `.`, `'`, `,`,
/// `;`), as it does when no ASCII letter or digit follows that (the only characters
/// the joiner could join the piece to are letters and digits, and a character other
/// than ASCII may be one).
#[inline(always)]
fn ends_before_joiner(bytes: &[u8], at: usize) -> bool {
    bytes.get(at).is_some_and(|&b| b < 0x80)
        && bytes.get(at + 1).is_none_or(|&b| b < 0x80 && BYTE_CLASSES[usize::from(b)] & WORD_CHAR == 0)
}

/// Whether one space, then a byte other than whitespace, stands at `at`.
#[inline(always)]
fn starts_one_space(bytes: &[u8], at: usize) -> bool {
    bytes.get(at) == Some(&b' ')
        && bytes.get(at + 1).is_some_and(|&b| BYTE_CLASSES[usize::from(b)] & GAP == 0)
}

/// [`for_each_piece`] at `i`, a word of ASCII letters, digits and `_` read as far as
/// `state` says (`state.last` aside) that is one character long or may go on: its
/// piece, and the one space after it. Returns where to go on.
#[inline(never)]
fn other_word<'t, S: PieceSink<'t>>(
    text: &'t str,
    i: usize,
    mut state: WordState,
    sink: &mut S,
    chunk: &mut Chunk<S::Mark>,
) -> usize {
    let bytes = text.as_bytes();
    let first = bytes.get(i).map_or(0, |&b| BYTE_CLASSES[usize::from(b)]);
    state.last = bytes.get(state.end - 1).map_or(Wb::Other, |&b| ASCII_CLASSES[usize::from(b & 0x7F)].0);
    let (end, shape, piece) = word_piece(bytes, first, i + 1, state);
    emit(sink, i, end, shape, piece);
    after_piece(bytes, end, sink, chunk)
}

/// [`for_each_piece`] at `i`, where no word of ASCII letters, digits and `_` starts:
/// whitespace, or a piece and the one space after it. Returns where to go on.
#[inline(never)]
fn other_piece<'t, S: PieceSink<'t>>(
    text: &'t str,
    i: usize,
    sink: &mut S,
    chunk: &mut Chunk<S::Mark>,
) -> usize {
    let bytes = text.as_bytes();
    let Some(&b) = bytes.get(i) else { return i };
    if is_gap_byte(b) {
        // The usual gap first: one space.
        let end = if b == b' ' && !bytes.get(i + 1).is_some_and(|&b| is_gap_byte(b)) {
            sink.space(b" ");
            i + 1
        } else if b == b'\n'
            && bytes.get(i + 1) == Some(&b'\n')
            && !bytes.get(i + 2).is_some_and(|&b| is_gap_byte(b))
        {
            // Then a blank line, as between paragraphs.
            sink.space(b"\n\n");
            i + 2
        } else {
            let rest = bytes.get(i + 1..).unwrap_or_default();
            let end = rest.iter().position(|&b| !is_gap_byte(b)).map_or(bytes.len(), |k| i + 1 + k);
            sink.space(bytes.get(i..end).unwrap_or_default());
            end
        };
        *chunk = Chunk { start: end, mark: sink.mark() };
        return end;
    }
    match fast_piece(bytes, i) {
        Some((end, shape, piece)) => {
            emit(sink, i, end, shape, piece);
            after_piece(bytes, end, sink, chunk)
        }
        None => slow_chunk(text, chunk.start, i, sink, chunk.mark),
    }
}

/// After a piece ending at `end`: takes the one space that usually follows it, and
/// returns where to go on.
#[inline(always)]
fn after_piece<'t, S: PieceSink<'t>>(
    bytes: &[u8],
    end: usize,
    sink: &mut S,
    chunk: &mut Chunk<S::Mark>,
) -> usize {
    if starts_one_space(bytes, end) {
        sink.space_after_piece();
        *chunk = Chunk { start: end + 1, mark: sink.mark() };
        return end + 1;
    }
    end
}

/// Gives `sink` the piece `start..end` that [`fast_piece`] found.
#[inline(always)]
fn emit<'t, S: PieceSink<'t>>(sink: &mut S, start: usize, end: usize, shape: TokenFlags, piece: Piece) {
    match piece {
        Piece::Plain => sink.plain_word(start, end, shape),
        Piece::Single => sink.word(start, end, shape, true),
        Piece::Other => sink.word(start, end, shape, false),
    }
}

/// The chunk starting at `start` has a character the fast path does not know at
/// `unknown`: take back its pieces (since `mark`) and give those of
/// `unicode-segmentation` instead. Returns the chunk's end.
#[inline(never)]
fn slow_chunk<'t, S: PieceSink<'t>>(
    text: &'t str,
    start: usize,
    unknown: usize,
    sink: &mut S,
    mark: S::Mark,
) -> usize {
    sink.rewind(mark);
    let bytes = text.as_bytes();
    let end = bytes[unknown..].iter().position(|&b| is_gap_byte(b)).map_or(bytes.len(), |k| unknown + k);
    // Whitespace is ASCII, so `end` is a character boundary.
    for (k, piece) in text[start..end].split_word_bound_indices() {
        sink.unicode(start + k, piece);
    }
    end
}

const VERTICAL_TAB: u8 = 0x0b;

/// Whether `b` is ASCII whitespace: `u8::is_ascii_whitespace` and the vertical tab
/// (whitespace to `char::is_whitespace` and, as a UAX #29 Newline, a piece of its
/// own: so it can end chunks as well).
const fn is_gap_byte(b: u8) -> bool {
    b.is_ascii_whitespace() || b == VERTICAL_TAB
}

/// Word-break classes (UAX #29) of the characters the fast path handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wb {
    /// ALetter
    Letter,
    /// Numeric
    Digit,
    /// `_` (ExtendNumLet)
    Underscore,
    /// `:` (MidLetter)
    MidLetter,
    /// `.`, `'`, `‘`, `’` (MidNumLet, Single_Quote)
    MidNumLet,
    /// `,` and `;` (MidNum)
    MidNum,
    /// A piece of its own (ASCII whitespace too, which ends pieces).
    Other,
    /// A character the fast path leaves to `unicode-segmentation`.
    Unknown,
}

/// The word-break class and shape bits of each ASCII character.
const ASCII_CLASSES: [(Wb, ShapeBits); 128] = {
    let mut table = [(Wb::Other, 0); 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'a'..=b'z' => (Wb::Letter, LETTER | LOWER),
            b'A'..=b'Z' => (Wb::Letter, LETTER | UPPER),
            b'0'..=b'9' => (Wb::Digit, DIGIT),
            b'_' => (Wb::Underscore, 0),
            b':' => (Wb::MidLetter, 0),
            b'.' | b'\'' => (Wb::MidNumLet, 0),
            b',' | b';' => (Wb::MidNum, 0),
            _ => (Wb::Other, 0),
        };
        b += 1;
    }
    table
};

/// The word-break class, shape bits and length of the character at `i`. Besides
/// ASCII, the fast path knows U+00C0..U+023F (Latin letters, but for `×` and `÷`),
/// `«`, `»`, `€`, the ellipsis and U+2010..U+201F (dashes, quotation marks): all
/// in classes ASCII characters have, proven equal to `unicode-segmentation` by the
/// tests.
#[inline(always)]
fn fast_char(bytes: &[u8], i: usize) -> (Wb, ShapeBits, usize) {
    let Some(&b) = bytes.get(i) else { return (Wb::Other, 0, 1) };
    if b < 0x80 {
        let (class, bits) = ASCII_CLASSES[usize::from(b)];
        return (class, bits, 1);
    }
    let second = bytes.get(i + 1).copied().unwrap_or(0);
    match b {
        0xC2 if matches!(second, 0xAB | 0xBB) => (Wb::Other, 0, 2),
        0xC3 if matches!(second, 0x97 | 0xB7) => (Wb::Unknown, 0, 2),
        0xC3..=0xC8 => {
            // U+00C0..U+023F.
            let code = (usize::from(b & 0x1F) << 6) | usize::from(second & 0x3F);
            (Wb::Letter, LATIN_SHAPES.get(code.wrapping_sub(LATIN_FIRST)).copied().unwrap_or(0), 2)
        }
        0xE2 => match (second, bytes.get(i + 2).copied().unwrap_or(0)) {
            (0x80, 0x98 | 0x99) => (Wb::MidNumLet, 0, 3),
            (0x80, 0x90..=0x9F | 0xA6) | (0x82, 0xAC) => (Wb::Other, 0, 3),
            _ => (Wb::Unknown, 0, 3),
        },
        _ => (Wb::Unknown, 0, 1),
    }
}

/// What [`fast_piece`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// One character.
    Single,
    /// At least two ASCII letters, digits or `_`, and nothing else.
    Plain,
    /// Any other piece.
    Other,
}

/// The word piece starting at `i`: its end, its shape flags, and what kind of piece
/// it is; `None` if the character at `i` is one the fast path does not know.
/// The UAX #29 rules that apply to the characters it knows: letters, digits and `_`
/// stick together (WB5, WB8-WB10, WB13a-b); `:`, `.`, `'`, `‘` and `’` between
/// letters (WB6-7) and `,`, `;`, `.`, `'`, `‘` and `’` between digits (WB11-12) do
/// too; everything else is a piece of its own.
///
/// A piece never takes in a character the fast path does not know, so that character
/// starts a later piece of the chunk: any such character is found.
#[inline(always)]
fn fast_piece(bytes: &[u8], i: usize) -> Option<(usize, TokenFlags, Piece)> {
    let (first_class, first, first_len) = fast_char(bytes, i);
    match first_class {
        Wb::Letter | Wb::Digit | Wb::Underscore => {}
        Wb::Unknown => return None,
        _ => return Some((i + first_len, shape_from_bits(first, first), Piece::Single)),
    }
    let state = WordState { end: i + first_len, bits: first, last: first_class, plain: first_len == 1 };
    Some(word_piece(bytes, first, i + first_len, state))
}

/// A word piece as far as it was read.
#[derive(Debug, Clone, Copy)]
struct WordState {
    /// Where it ends so far.
    end: usize,
    /// The union of its characters' shape bits.
    bits: ShapeBits,
    /// The word-break class of its last character.
    last: Wb,
    /// Whether only ASCII letters, digits and `_` were taken so far.
    plain: bool,
}

/// [`fast_piece`] of a word piece whose first character (of shape bits `first`)
/// ends at `first_end`, read as far as `state` says.
#[inline(always)]
fn word_piece(
    bytes: &[u8],
    first: ShapeBits,
    first_end: usize,
    state: WordState,
) -> (usize, TokenFlags, Piece) {
    let WordState { end: mut j, mut bits, last: mut prev, mut plain } = state;
    loop {
        // The common case first: a run of ASCII letters, digits and `_`.
        let mut last = 0;
        while let Some(&b) = bytes.get(j) {
            let word = BYTE_CLASSES[usize::from(b)];
            if word & WORD_CHAR == 0 {
                break;
            }
            last = word;
            j += 1;
            bits |= word;
        }
        if last != 0 {
            prev = if last & LETTER != 0 {
                Wb::Letter
            } else if last & DIGIT != 0 {
                Wb::Digit
            } else {
                Wb::Underscore
            };
        }
        match bytes.get(j) {
            None => break,
            // Whitespace and most punctuation end the piece.
            Some(&b) if BYTE_CLASSES[usize::from(b)] & JOINER == 0 => break,
            Some(_) => {}
        }
        let (class, char_bits, len) = fast_char(bytes, j);
        match class {
            Wb::Letter | Wb::Digit | Wb::Underscore => {
                bits |= char_bits;
                prev = class;
                j += len;
                plain = false;
            }
            Wb::MidLetter | Wb::MidNumLet | Wb::MidNum => {
                let (next, next_bits, next_len) = fast_char(bytes, j + len);
                let letters = prev == Wb::Letter && next == Wb::Letter && class != Wb::MidNum;
                let digits = prev == Wb::Digit && next == Wb::Digit && class != Wb::MidLetter;
                if !(letters || digits) {
                    break;
                }
                bits |= next_bits;
                prev = next;
                j += len + next_len;
                plain = false;
            }
            _ => break,
        }
    }
    let piece = if j == first_end {
        Piece::Single
    } else if plain {
        Piece::Plain
    } else {
        Piece::Other
    };
    (j, shape_from_bits(bits, first), piece)
}

/// Marks an ASCII word character (letter, digit, `_`) in [`BYTE_CLASSES`].
const WORD_CHAR: ShapeBits = 16;
/// Marks in [`BYTE_CLASSES`] a byte that may join a word piece to what follows: `:`,
/// `.`, `'`, `,`, `;` and any byte of a character other than ASCII.
const JOINER: ShapeBits = 32;
/// Marks ASCII whitespace ([`is_gap_byte`]) in [`BYTE_CLASSES`].
const GAP: ShapeBits = 64;

/// For each byte: an ASCII letter, digit or `_` has [`WORD_CHAR`] and its shape
/// bits; any other byte [`JOINER`], [`GAP`] or nothing.
const BYTE_CLASSES: [ShapeBits; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = if b >= 128 {
            JOINER
        } else {
            let (class, bits) = ASCII_CLASSES[b];
            match class {
                Wb::Letter | Wb::Digit | Wb::Underscore => WORD_CHAR | bits,
                Wb::MidLetter | Wb::MidNumLet | Wb::MidNum => JOINER,
                _ if is_gap_byte(b as u8) => GAP,
                _ => 0,
            }
        };
        b += 1;
    }
    table
};

/// What separated the previous token from the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    Start,
    None,
    Space,
    Line,
    Blank,
}

impl Gap {
    /// The gap after the whitespace `ws`.
    fn with(self, ws: &str) -> Gap {
        let mut g = self.spaced();
        let mut prev_cr = false;
        for c in ws.chars() {
            let newline = match c {
                '\n' => !prev_cr,
                '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{0b}' | '\u{0c}' => true,
                _ => false,
            };
            prev_cr = c == '\r';
            if newline {
                g = g.newline();
            }
        }
        g
    }

    /// [`Gap::with`] for ASCII whitespace, on bytes.
    fn with_ascii(self, ws: &[u8]) -> Gap {
        let mut g = self.spaced();
        match ws {
            b" " => return g,
            b"\n\n" => return g.newline().newline(),
            _ => {}
        }
        let mut prev_cr = false;
        for &b in ws {
            let newline = match b {
                b'\n' => !prev_cr,
                b'\r' | VERTICAL_TAB | 0x0c => true,
                _ => false,
            };
            prev_cr = b == b'\r';
            if newline {
                g = g.newline();
            }
        }
        g
    }

    /// The gap after some whitespace.
    fn spaced(self) -> Gap {
        match self {
            Gap::None => Gap::Space,
            other => other,
        }
    }

    /// The gap after one more line break.
    fn newline(self) -> Gap {
        match self {
            Gap::Line | Gap::Blank => Gap::Blank,
            Gap::Start => Gap::Start,
            _ => Gap::Line,
        }
    }

    /// The flags of a token after this gap.
    fn flags(self) -> TokenFlags {
        match self {
            Gap::None => TokenFlags::JOINED,
            Gap::Space | Gap::Start => TokenFlags::empty(),
            Gap::Line => TokenFlags::LINE_BREAK_BEFORE,
            Gap::Blank => TokenFlags::LINE_BREAK_BEFORE | TokenFlags::BLANK_LINE_BEFORE,
        }
    }
}

/// Whether a word glued to a following period keeps it.
#[allow(clippy::manual_contains)] // see the loop below
fn keeps_period(word: &str) -> bool {
    let bytes = word.as_bytes();
    match bytes {
        [] => false,
        // Initials: one letter.
        [b] => *b == b'.' || b.is_ascii_uppercase(),
        // The cheap tests first: most words fail the first byte's.
        _ if is_abbreviation(word) => true,
        // "U.S", "U.N", "e.g", "a.m": internal periods. (A loop, not `contains`: the
        // call to `memchr` costs more than a short word's bytes.)
        _ if bytes.iter().any(|&b| b == b'.') => true,
        // One letter other than ASCII.
        [first, ..] if *first >= 0x80 && bytes.len() <= 4 => {
            let mut chars = word.chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic() && c.is_uppercase())
        }
        _ => false,
    }
}

/// Flags for a one-character punctuation token, looking at its neighbours.
#[inline(always)]
fn punct_role(text: &str, start: usize, end: usize, c: char) -> TokenFlags {
    match c {
        ',' => TokenFlags::empty(),
        '.' | '!' | '?' | '…' => TokenFlags::TERMINAL,
        c if is_dash_char(c) => TokenFlags::DASH,
        '“' | '„' | '«' => TokenFlags::QUOTE_OPEN,
        '”' | '»' => TokenFlags::QUOTE_CLOSE,
        '‹' => TokenFlags::QUOTE_OPEN | TokenFlags::SINGLE_QUOTE,
        '›' => TokenFlags::QUOTE_CLOSE | TokenFlags::SINGLE_QUOTE,
        '"' | '\'' | '’' | '‘' | '`' => quote_role(text, start, end, c),
        _ => TokenFlags::empty(),
    }
}

/// [`punct_role`] for an ASCII character `b`, without decoding it.
#[inline(always)]
fn ascii_punct_role(text: &str, start: usize, end: usize, b: u8) -> TokenFlags {
    match b {
        b'.' | b'!' | b'?' => TokenFlags::TERMINAL,
        b'-' => TokenFlags::DASH,
        b'"' | b'\'' | b'`' => {
            // Most marks stand between ASCII characters: those need no decoding.
            let bytes = text.as_bytes();
            let before = match start.checked_sub(1) {
                None => Some(EDGE),
                Some(k) => bytes.get(k).and_then(|&b| ASCII_AROUND.get(usize::from(b))).copied(),
            };
            let after = match bytes.get(end) {
                None => Some(EDGE),
                Some(&b) => ASCII_AROUND.get(usize::from(b)).copied(),
            };
            match (before, after) {
                (Some(before), Some(after)) => quote_role_between(before, after, char::from(b)),
                _ => quote_role(text, start, end, char::from(b)),
            }
        }
        _ => TokenFlags::empty(),
    }
}

/// [`punct_role`] for a straight or single quotation mark: what is around it tells
/// its role.
#[inline(never)]
fn quote_role(text: &str, start: usize, end: usize, c: char) -> TokenFlags {
    let around = |c: Option<char>| c.map_or(EDGE, around_char);
    quote_role_between(around(text[..start].chars().next_back()), around(text[end..].chars().next()), c)
}

/// What [`quote_role_between`] asks of a character beside a quotation mark: a set of
/// the bits below.
type Around = u8;
/// Whitespace.
const AROUND_SPACE: Around = 1;
/// An opening bracket: `(`, `[`, `{`, `<`.
const AROUND_BRACKET: Around = 2;
/// A dash, or a mark after which a quotation opens: `"`, `“`, `‘`, `'`, `«`, `„`,
/// `/`, `:`.
const AROUND_OPENER: Around = 4;
/// A letter or digit.
const AROUND_ALNUM: Around = 8;
/// `s` or `S`.
const AROUND_S: Around = 16;
/// An ASCII digit.
const AROUND_DIGIT: Around = 32;
/// What the start or end of the text counts as: a space.
const EDGE: Around = AROUND_SPACE;

/// The [`Around`] bits of a character.
fn around_char(c: char) -> Around {
    if c.is_ascii() {
        return ASCII_AROUND[c as usize];
    }
    let mut bits = 0;
    if c.is_whitespace() {
        bits |= AROUND_SPACE;
    }
    if is_dash_char(c) || matches!(c, '“' | '‘' | '«' | '„') {
        bits |= AROUND_OPENER;
    }
    if c.is_alphanumeric() {
        bits |= AROUND_ALNUM;
    }
    bits
}

/// [`around_char`] of each ASCII character.
const ASCII_AROUND: [Around; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let mut bits = 0;
        if is_gap_byte(c) {
            bits |= AROUND_SPACE;
        }
        if matches!(c, b'(' | b'[' | b'{' | b'<') {
            bits |= AROUND_BRACKET;
        }
        if matches!(c, b'-' | b'"' | b'\'' | b'/' | b':') {
            bits |= AROUND_OPENER;
        }
        if c.is_ascii_alphanumeric() {
            bits |= AROUND_ALNUM;
        }
        if matches!(c, b's' | b'S') {
            bits |= AROUND_S;
        }
        if c.is_ascii_digit() {
            bits |= AROUND_DIGIT;
        }
        table[b] = bits;
        b += 1;
    }
    table
};

/// [`quote_role`] of the mark `c` between characters of [`Around`] bits `before`
/// and `after` ([`EDGE`] at the ends of the text).
#[inline(always)]
fn quote_role_between(before: Around, after: Around, c: char) -> TokenFlags {
    let space_before = before & (AROUND_SPACE | AROUND_BRACKET) != 0;
    let space_after = after & AROUND_SPACE != 0;
    let word_before = before & AROUND_ALNUM != 0;
    let open_ctx = before & (AROUND_SPACE | AROUND_BRACKET | AROUND_OPENER) != 0;
    match c {
        '"' => {
            let mut f = TokenFlags::empty();
            if open_ctx && !space_after {
                f.insert(TokenFlags::QUOTE_OPEN);
            }
            if !space_before && !open_ctx {
                f.insert(TokenFlags::QUOTE_CLOSE);
            }
            if f == TokenFlags::empty() {
                f = TokenFlags::QUOTE_OPEN | TokenFlags::QUOTE_CLOSE;
            }
            f
        }
        '\'' | '’' | '‘' | '`' => {
            let digit_after = after & AROUND_DIGIT != 0;
            if open_ctx && digit_after {
                // "the ’90s"
                return TokenFlags::APOSTROPHE;
            }
            let mut f = TokenFlags::SINGLE_QUOTE;
            if open_ctx && !space_after && c != '’' {
                f.insert(TokenFlags::QUOTE_OPEN);
            } else if open_ctx && !space_after {
                // ’ used as an opening mark by some typesetting, but more often an elision.
                f.insert(TokenFlags::QUOTE_OPEN | TokenFlags::APOSTROPHE);
            }
            if word_before || (!space_before && !open_ctx) {
                f.insert(TokenFlags::QUOTE_CLOSE);
                if c != '‘' && before & AROUND_S != 0 {
                    f.insert(TokenFlags::APOSTROPHE | TokenFlags::POSSESSIVE);
                } else if c != '‘' && word_before {
                    f.insert(TokenFlags::APOSTROPHE);
                }
            }
            if !f.intersects(TokenFlags::QUOTE_OPEN | TokenFlags::QUOTE_CLOSE) {
                f.insert(TokenFlags::APOSTROPHE);
            }
            f
        }
        _ => TokenFlags::empty(),
    }
}

/// "rock 'n' roll": both marks around a lone `n` are apostrophes.
fn mark_n_contractions(text: &str, tokens: &mut [Token]) {
    for i in 1..tokens.len().saturating_sub(1) {
        if tokens[i].flags.contains(TokenFlags::JOINED)
            && matches!(tokens[i].text(text), "n" | "N")
            && tokens[i + 1].flags.contains(TokenFlags::JOINED)
            && tokens[i - 1].flags.contains(TokenFlags::SINGLE_QUOTE)
            && tokens[i + 1].flags.contains(TokenFlags::SINGLE_QUOTE)
        {
            for k in [i - 1, i + 1] {
                tokens[k].flags.remove(TokenFlags::QUOTE_OPEN | TokenFlags::QUOTE_CLOSE);
                tokens[k].flags.insert(TokenFlags::APOSTROPHE);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn around_bits_are_those_of_the_char_predicates() {
        for c in ('\0'..'\u{3100}').chain(['\u{feff}', '\u{fe58}', '\u{ff0d}', '\u{1d400}']) {
            let mut bits = 0;
            if c.is_whitespace() {
                bits |= AROUND_SPACE;
            }
            if matches!(c, '(' | '[' | '{' | '<') {
                bits |= AROUND_BRACKET;
            }
            if is_dash_char(c) || matches!(c, '"' | '“' | '‘' | '\'' | '«' | '„' | '/' | ':') {
                bits |= AROUND_OPENER;
            }
            if c.is_alphanumeric() {
                bits |= AROUND_ALNUM;
            }
            if matches!(c, 's' | 'S') {
                bits |= AROUND_S;
            }
            if c.is_ascii_digit() {
                bits |= AROUND_DIGIT;
            }
            assert_eq!(around_char(c), bits, "{c:?}");
        }
    }

    #[test]
    fn ascii_punct_roles_agree_with_punct_role() {
        for b in (0u8..128).filter(|b| !b.is_ascii_alphanumeric()) {
            for (before, after) in [("", ""), ("a", "b"), (" ", " "), ("(", "9"), ("s", " "), ("“", "’")]
            {
                let text = format!("{before}{}{after}", char::from(b));
                let (start, end) = (before.len(), before.len() + 1);
                assert_eq!(
                    ascii_punct_role(&text, start, end, b),
                    punct_role(&text, start, end, char::from(b)),
                    "{text:?}"
                );
            }
        }
    }

    /// Packing keeps every token as it was: short ones in cells, and those with a
    /// long gap before them, a long text or flags above 16 bits whole.
    #[test]
    fn packed_tokens_unpack_to_the_same_tokens() {
        let long_word = "x".repeat(300);
        let texts = [
            String::new(),
            "   Leading spaces, then \"quoted\" words.".to_owned(),
            format!("A {long_word} word, then{}a long gap.", " ".repeat(600)),
            format!("{}\n\nparagraph after 255 blanks", " ".repeat(253)),
            "Zürich — “Ünïcode” … 東京 said".to_owned(),
        ];
        for text in &texts {
            let tokens = tokenize(text);
            let mut out = vec![Token { span: Span::new(1, 2), flags: TokenFlags::WORD }];
            PackedTokens::new(&tokens).unpack_into(&mut out);
            assert_eq!(out, tokens, "{text:?}");
        }
        // Gaps and lengths at the edges of a cell, and flags beyond 16 bits.
        let mut tokens = Vec::new();
        let mut at = 0;
        for (gap, len, flags) in
            [(0, 1, 1), (254, 255, 0xFFFF), (255, 1, 2), (1, 256, 4), (0, 0, 0x1_0000), (3, 2, 8)]
        {
            tokens.push(Token { span: Span::new(at + gap, at + gap + len), flags: TokenFlags(flags) });
            at += gap + len;
        }
        let packed = PackedTokens::new(&tokens);
        assert_eq!(packed.whole.len(), 3);
        let mut out = Vec::new();
        packed.unpack_into(&mut out);
        assert_eq!(out, tokens);
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            words("Mr. Smith met Sen. Jones in the U.S. on Jan. 5."),
            ["Mr.", "Smith", "met", "Sen.", "Jones", "in", "the", "U.S.", "on", "Jan.", "5", "."]
        );
        assert_eq!(words("J. K. Rowling"), ["J.", "K.", "Rowling"]);
        assert_eq!(words("Acme Corp. and the U.N."), ["Acme", "Corp.", "and", "the", "U.N."]);
    }

    #[test]
    fn sentence_final_period_is_its_own_token() {
        assert_eq!(words("He left Kabul."), ["He", "left", "Kabul", "."]);
    }

    #[test]
    fn possessives_split() {
        assert_eq!(words("Afghanistan’s and Russia's"), ["Afghanistan", "’s", "and", "Russia", "'s"]);
        let text = "the voters’ choice";
        let t = tokenize(text);
        assert_eq!(t[2].text(text), "’");
        assert!(t[2].is(TokenFlags::APOSTROPHE));
        assert!(t[2].is(TokenFlags::POSSESSIVE));
    }

    #[test]
    fn detached_clitic_is_possessive() {
        let text = "England 's captain and ' scare ' quotes";
        let t = tokenize(text);
        assert_eq!(t[1].text(text), "'s");
        assert!(t[1].is(TokenFlags::POSSESSIVE));
        assert!(!t[1].is(TokenFlags::JOINED));
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let text = "don’t forget the ’90s and rock 'n' roll";
        let t = tokenize(text);
        assert_eq!(t[0].text(text), "don’t");
        let nineties = t.iter().position(|t| t.text(text) == "’").unwrap();
        assert!(t[nineties].is(TokenFlags::APOSTROPHE));
        assert!(!t[nineties].is(TokenFlags::QUOTE_OPEN));
        for tok in t.iter().filter(|t| t.text(text) == "'") {
            assert!(tok.is(TokenFlags::APOSTROPHE));
            assert!(!tok.flags.intersects(TokenFlags::QUOTE_OPEN | TokenFlags::QUOTE_CLOSE));
        }
    }

    #[test]
    fn quotes_open_and_close() {
        let text = "He said \"yes\" and 'Allies' and “no”";
        let t = tokenize(text);
        let marks: Vec<TokenFlags> = t
            .iter()
            .filter(|t| t.flags.intersects(TokenFlags::QUOTE_OPEN | TokenFlags::QUOTE_CLOSE))
            .map(|t| t.flags)
            .collect();
        assert_eq!(marks.len(), 6);
        assert!(marks[0].contains(TokenFlags::QUOTE_OPEN));
        assert!(marks[1].contains(TokenFlags::QUOTE_CLOSE));
        assert!(marks[2].contains(TokenFlags::QUOTE_OPEN | TokenFlags::SINGLE_QUOTE));
        assert!(marks[3].contains(TokenFlags::QUOTE_CLOSE | TokenFlags::SINGLE_QUOTE));
        assert!(marks[4].contains(TokenFlags::QUOTE_OPEN));
        assert!(marks[5].contains(TokenFlags::QUOTE_CLOSE));
    }

    #[test]
    fn hyphenated_parts_are_joined() {
        let text = "U.S.-led al-Qaeda";
        let t = tokenize(text);
        assert_eq!(words(text), ["U.S.", "-", "led", "al", "-", "Qaeda"]);
        assert!(t[1].is(TokenFlags::JOINED | TokenFlags::DASH));
        assert!(t[2].is(TokenFlags::JOINED));
        assert!(!t[3].is(TokenFlags::JOINED));
    }

    #[test]
    fn numbers_keep_separators() {
        assert_eq!(words("1,000.5 people"), ["1,000.5", "people"]);
    }

    #[test]
    fn line_breaks_are_recorded() {
        let text = "one\ntwo\r\n\r\nthree";
        let t = tokenize(text);
        assert!(t[1].is(TokenFlags::LINE_BREAK_BEFORE));
        assert!(!t[1].is(TokenFlags::BLANK_LINE_BEFORE));
        assert!(t[2].is(TokenFlags::BLANK_LINE_BEFORE));
    }

    #[test]
    fn combining_mark_after_space_is_still_covered() {
        // Regression: UAX #29 glues a combining mark to the space before it.
        let text = ". \u{a81}";
        let t = tokenize(text);
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].text(text), "\u{a81}");
    }

    /// A piece as the tokenizer sees it: its offset and text after any leading
    /// whitespace (a gap), its shape, and whether it is one character.
    type Shaped = (usize, String, TokenFlags, bool);

    /// A piece `unicode-segmentation` found at `start`, as the tokenizer sees it.
    fn shaped(start: usize, piece: &str) -> Shaped {
        let word = piece.trim_start();
        (start + piece.len() - word.len(), word.to_string(), shape(word), word.chars().count() == 1)
    }

    /// The pieces [`for_each_piece`] gives, but for whitespace.
    fn fast_pieces(text: &str) -> Vec<Shaped> {
        struct Collect<'t>(&'t str, Vec<Shaped>);
        impl PlainWords for Collect<'_> {
            type Mark = usize;
            fn mark(&self) -> usize {
                self.1.len()
            }
            fn has_room(&self) -> bool {
                true
            }
            fn push(&mut self, start: usize, end: usize, shape: TokenFlags) {
                self.1.push((start, self.0[start..end].to_string(), shape, false));
            }
            fn push_punct(&mut self, at: usize, _: TokenFlags) {
                self.1.push((at, self.0[at..at + 1].to_string(), TokenFlags::PUNCT, true));
            }
        }
        impl<'t> PieceSink<'t> for Collect<'t> {
            type Mark = usize;
            type Words = Collect<'t>;
            fn take_words(&mut self) -> Collect<'t> {
                Collect(self.0, std::mem::take(&mut self.1))
            }
            fn put_words(&mut self, words: Collect<'t>, _: bool) {
                self.1 = words.1;
            }
            fn mark(&self) -> usize {
                self.1.len()
            }
            fn rewind(&mut self, mark: usize) {
                self.1.truncate(mark);
            }
            fn space(&mut self, _: &[u8]) {}
            fn word(&mut self, start: usize, end: usize, shape: TokenFlags, single: bool) {
                self.1.push((start, self.0[start..end].to_string(), shape, single));
            }
            fn unicode(&mut self, start: usize, piece: &'t str) {
                self.1.push(shaped(start, piece));
            }
        }
        let mut out = Collect(text, Vec::new());
        for_each_piece(text, &mut out);
        out.1.retain(|(_, p, _, _)| !p.is_empty());
        out.1
    }

    /// [`fast_pieces`] the slow way: `unicode-segmentation` and [`shape`] on each piece.
    /// (Whitespace may be grouped differently: a combining mark after ASCII whitespace
    /// clings to it here, not in a chunk.)
    fn slow_pieces(text: &str) -> Vec<Shaped> {
        let mut out: Vec<Shaped> = text.split_word_bound_indices().map(|(k, p)| shaped(k, p)).collect();
        out.retain(|(_, p, _, _)| !p.is_empty());
        out
    }

    #[test]
    fn fast_pieces_agree_with_unicode_segmentation() {
        // A small deterministic generator over the characters the fast path treats,
        // and a few it leaves to `unicode-segmentation` (combining acute, no-break
        // space, a line separator, Cyrillic, a digit other than ASCII).
        let alphabet: Vec<char> =
            "aZ9_:.',; -\"()!x1\n\t\u{b}\u{c}’‘“”–—…‐―‛«»€éÜßÿĳǅȺ×÷\u{301}\u{a0}\u{2028}д٣".chars().collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..100_000 {
            let mut s = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 12) as usize + 1;
            let mut x = seed;
            for _ in 0..len {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s.push(alphabet[((x >> 33) % alphabet.len() as u64) as usize]);
            }
            assert_eq!(fast_pieces(&s), slow_pieces(&s), "{s:?}");
        }
    }

    #[test]
    fn every_known_character_agrees_with_unicode_segmentation() {
        let known: Vec<char> = ('\u{80}'..='\u{ffff}')
            .filter(|c| {
                let mut buf = [0; 4];
                !matches!(fast_char(c.encode_utf8(&mut buf).as_bytes(), 0).0, Wb::Unknown)
            })
            .collect();
        assert!(known.len() > 300 && known.contains(&'’') && !known.contains(&'×'));
        let contexts = [
            "{}", "a{}a", "1{}1", "a{}", "{}a", "a.{}", "{}.a", "a{}.b", "1{},2", "_{}_", "a{}{}a", "{}'s",
            "A{}", "{}A", "9{}x", "x:{}", "{}:x",
        ];
        for c in known {
            for context in contexts {
                let s = context.replace("{}", c.encode_utf8(&mut [0; 4]));
                assert_eq!(fast_pieces(&s), slow_pieces(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn latin_shapes_agree_with_unicode() {
        for (k, &bits) in LATIN_SHAPES.iter().enumerate() {
            let c = char::from_u32((LATIN_FIRST + k) as u32).unwrap();
            assert_eq!(bits, unicode_shape(c), "{c:?}");
        }
    }

    #[test]
    fn abbreviation_lookup() {
        for word in ABBREVIATIONS {
            assert!(is_abbreviation(word), "{word}");
            assert!(!is_abbreviation(&format!("{word}x")));
            assert!(!is_abbreviation(&word[1..]) || ABBREVIATIONS.contains(&&word[1..]));
        }
        assert!(!is_abbreviation("Mr\0"));
        assert!(!is_abbreviation(""));
        assert!(!is_abbreviation("Messrs and"));
    }

    #[test]
    fn shapes() {
        let text = "NATO Kabul x9 ,";
        let t = tokenize(text);
        assert!(t[0].is(TokenFlags::ALL_CAPS | TokenFlags::CAPITALIZED));
        assert!(t[1].is(TokenFlags::CAPITALIZED) && !t[1].is(TokenFlags::ALL_CAPS));
        assert!(t[2].is(TokenFlags::DIGIT | TokenFlags::WORD));
        assert!(t[3].is(TokenFlags::PUNCT));
    }
}
