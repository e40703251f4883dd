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

/// Whether `word` (without its period) is a known abbreviation.
pub fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains(&word)
}

fn is_apostrophe_char(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | '´' | 'ʼ')
}

fn is_dash_char(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '⁃' | '﹘' | '﹣' | '－')
}

/// Shape flags computed from the characters of a token.
fn shape(s: &str) -> TokenFlags {
    if s.is_ascii() {
        return shape_ascii(s.as_bytes());
    }
    let mut letters = false;
    let mut digits = false;
    let mut lower = false;
    let mut upper = false;
    let mut first_upper = false;
    let mut first = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            letters = true;
            if c.is_uppercase() {
                upper = true;
                if first {
                    first_upper = true;
                }
            } else if c.is_lowercase() {
                lower = true;
            }
        } else if c.is_numeric() {
            digits = true;
        }
        first = false;
    }
    shape_flags(letters, digits, first_upper, upper && !lower)
}

/// [`shape`] for ASCII text, on bytes.
fn shape_ascii(s: &[u8]) -> TokenFlags {
    let mut letters = false;
    let mut digits = false;
    let mut lower = false;
    let mut upper = false;
    for &b in s {
        match b {
            b'a'..=b'z' => {
                letters = true;
                lower = true;
            }
            b'A'..=b'Z' => {
                letters = true;
                upper = true;
            }
            b'0'..=b'9' => digits = true,
            _ => {}
        }
    }
    shape_flags(letters, digits, s.first().is_some_and(|b| b.is_ascii_uppercase()), upper && !lower)
}

/// The shape flags from what a token's characters showed.
fn shape_flags(letters: bool, digits: bool, first_upper: bool, all_caps: bool) -> TokenFlags {
    let mut f = TokenFlags::empty();
    if letters {
        f.insert(TokenFlags::WORD);
    }
    if digits {
        f.insert(TokenFlags::DIGIT);
    }
    if !letters && !digits {
        f.insert(TokenFlags::PUNCT);
    }
    if first_upper {
        f.insert(TokenFlags::CAPITALIZED);
    }
    if all_caps {
        f.insert(TokenFlags::ALL_CAPS);
    }
    f
}

/// Split `text` into tokens. Never panics; tokens are in order, do not overlap,
/// lie on character boundaries and cover every non-whitespace character.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5 + 1);
    let mut gap = Gap::Start;
    for (start, piece) in Pieces::new(text) {
        let first = match piece.chars().next() {
            Some(c) => c,
            None => continue,
        };
        let (start, piece) = if first.is_whitespace() {
            // Combining marks may cling to whitespace (UAX #29 rule WB4): the
            // whitespace is a gap, what follows it still becomes a token.
            match piece.find(|c: char| !c.is_whitespace()) {
                None => {
                    gap = gap.with(piece);
                    continue;
                }
                Some(k) => {
                    gap = gap.with(&piece[..k]);
                    (start + k, &piece[k..])
                }
            }
        } else {
            (start, piece)
        };
        let first = piece.chars().next().unwrap_or(first);
        let mut pos_flags = TokenFlags::empty();
        match gap {
            Gap::None => pos_flags.insert(TokenFlags::JOINED),
            Gap::Space | Gap::Start => {}
            Gap::Line => pos_flags.insert(TokenFlags::LINE_BREAK_BEFORE),
            Gap::Blank => pos_flags.insert(TokenFlags::LINE_BREAK_BEFORE | TokenFlags::BLANK_LINE_BEFORE),
        }
        gap = Gap::None;
        let end = start + piece.len();

        // A period glued to an abbreviation becomes part of it.
        if piece == "." && pos_flags.contains(TokenFlags::JOINED) {
            if let Some(prev) = tokens.last_mut() {
                let prev_text = &text[prev.span.start..prev.span.end];
                if prev.flags.contains(TokenFlags::WORD)
                    && !prev.flags.contains(TokenFlags::ABBREVIATION)
                    && keeps_period(prev_text)
                {
                    prev.span.end = end;
                    prev.flags.insert(TokenFlags::ABBREVIATION);
                    continue;
                }
            }
        }

        // A detached clitic, as tokenized corpora write it ("England 's").
        if (piece == "s" || piece == "S") && pos_flags.contains(TokenFlags::JOINED) && tokens.len() >= 2 {
            let n = tokens.len();
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
                continue;
            }
        }

        // Split the clitic 's / ’s off a word.
        if piece.len() > 2 && (piece.ends_with('s') || piece.ends_with('S')) {
            let body = &piece[..piece.len() - 1];
            if let Some(apos) = body.chars().next_back() {
                if is_apostrophe_char(apos) {
                    let cut = piece.len() - 1 - apos.len_utf8();
                    let base = &piece[..cut];
                    if base.chars().any(|c| c.is_alphanumeric()) {
                        tokens.push(Token {
                            span: Span::new(start, start + cut),
                            flags: shape(base) | pos_flags,
                        });
                        tokens.push(Token {
                            span: Span::new(start + cut, end),
                            flags: TokenFlags::WORD
                                | TokenFlags::POSSESSIVE
                                | TokenFlags::APOSTROPHE
                                | TokenFlags::JOINED,
                        });
                        continue;
                    }
                }
            }
        }

        let mut flags = shape(piece) | pos_flags;
        if piece.chars().count() == 1 {
            flags.insert(punct_role(text, start, end, first));
        }
        tokens.push(Token { span: Span::new(start, end), flags });
    }
    mark_n_contractions(text, &mut tokens);
    tokens
}

/// Word-boundary pieces of a text, as `split_word_bound_indices` gives them (for
/// the purpose of tokenizing: whitespace may be grouped differently). Chunks of
/// plain ASCII between whitespace are split by a byte-level implementation of the
/// UAX #29 rules that apply to ASCII; any chunk with other characters goes through
/// `unicode-segmentation`.
struct Pieces<'t> {
    text: &'t str,
    pos: usize,
    /// End of the current all-ASCII chunk (0 when not inside one).
    ascii_chunk_end: usize,
    inner: Option<(usize, unicode_segmentation::UWordBoundIndices<'t>)>,
}

impl<'t> Pieces<'t> {
    fn new(text: &'t str) -> Pieces<'t> {
        Pieces { text, pos: 0, ascii_chunk_end: 0, inner: None }
    }
}

/// ASCII word-break classes (UAX #29).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wb {
    Letter,
    Digit,
    Underscore,
    /// `:` (MidLetter)
    MidLetter,
    /// `.` and `'` (MidNumLet, Single_Quote)
    MidNumLet,
    /// `,` and `;` (MidNum)
    MidNum,
    Other,
}

fn wb(b: u8) -> Wb {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Wb::Letter,
        b'0'..=b'9' => Wb::Digit,
        b'_' => Wb::Underscore,
        b':' => Wb::MidLetter,
        b'.' | b'\'' => Wb::MidNumLet,
        b',' | b';' => Wb::MidNum,
        _ => Wb::Other,
    }
}

/// The end of the ASCII word piece starting at `i` in `bytes` (no whitespace inside).
fn ascii_piece_end(bytes: &[u8], i: usize) -> usize {
    let first = wb(bytes[i]);
    if !matches!(first, Wb::Letter | Wb::Digit | Wb::Underscore) {
        return i + 1;
    }
    let mut j = i + 1;
    while j < bytes.len() {
        let c = wb(bytes[j]);
        if matches!(c, Wb::Letter | Wb::Digit | Wb::Underscore) {
            j += 1;
            continue;
        }
        let prev = wb(bytes[j - 1]);
        let next = bytes.get(j + 1).map(|&b| wb(b));
        let letters =
            prev == Wb::Letter && next == Some(Wb::Letter) && matches!(c, Wb::MidLetter | Wb::MidNumLet);
        let digits = prev == Wb::Digit && next == Some(Wb::Digit) && matches!(c, Wb::MidNum | Wb::MidNumLet);
        if letters || digits {
            j += 2;
            continue;
        }
        break;
    }
    j
}

impl<'t> Iterator for Pieces<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<(usize, &'t str)> {
        if let Some((offset, inner)) = &mut self.inner {
            match inner.next() {
                Some((k, piece)) => return Some((*offset + k, piece)),
                None => self.inner = None,
            }
        }
        let bytes = self.text.as_bytes();
        let start = self.pos;
        if start >= bytes.len() {
            return None;
        }
        if start < self.ascii_chunk_end {
            // Inside an ASCII chunk already checked: no rescan.
            let end = ascii_piece_end(bytes, start).min(self.ascii_chunk_end);
            self.pos = end;
            return Some((start, &self.text[start..end]));
        }
        if bytes[start].is_ascii_whitespace() {
            let end = start + bytes[start..].iter().take_while(|b| b.is_ascii_whitespace()).count();
            self.pos = end;
            return Some((start, &self.text[start..end]));
        }
        let chunk_end =
            bytes[start..].iter().position(|b| b.is_ascii_whitespace()).map_or(bytes.len(), |k| start + k);
        let chunk = &bytes[start..chunk_end];
        if chunk.is_ascii() {
            self.ascii_chunk_end = chunk_end;
            let end = ascii_piece_end(bytes, start).min(chunk_end);
            self.pos = end;
            return Some((start, &self.text[start..end]));
        }
        // Whitespace is ASCII, so `chunk_end` is a character boundary.
        let sub = &self.text[start..chunk_end];
        self.pos = chunk_end;
        self.inner = Some((start, sub.split_word_bound_indices()));
        self.next()
    }
}

/// What separated the previous token from the next one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gap {
    Start,
    None,
    Space,
    Line,
    Blank,
}

impl Gap {
    fn with(self, ws: &str) -> Gap {
        let mut g = match self {
            Gap::None => Gap::Space,
            other => other,
        };
        let mut prev_cr = false;
        for c in ws.chars() {
            let newline = match c {
                '\n' => !prev_cr,
                '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{0b}' | '\u{0c}' => true,
                _ => false,
            };
            prev_cr = c == '\r';
            if newline {
                g = match g {
                    Gap::Line | Gap::Blank => Gap::Blank,
                    Gap::Start => Gap::Start,
                    _ => Gap::Line,
                };
            }
        }
        g
    }
}

/// Whether a word glued to a following period keeps it.
fn keeps_period(word: &str) -> bool {
    // "U.S", "U.N", "e.g", "a.m": internal periods.
    if word.contains('.') {
        return true;
    }
    // Initials: one letter.
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic() && c.is_uppercase();
    }
    is_abbreviation(word)
}

/// Flags for a one-character punctuation token, looking at its neighbours.
fn punct_role(text: &str, start: usize, end: usize, c: char) -> TokenFlags {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let space_before = before.is_none_or(|b| b.is_whitespace() || is_opening_bracket(b));
    let space_after = after.is_none_or(|a| a.is_whitespace());
    let word_before = before.is_some_and(|b| b.is_alphanumeric());
    let open_ctx = before.is_none_or(|b| {
        b.is_whitespace()
            || is_opening_bracket(b)
            || is_dash_char(b)
            || matches!(b, '"' | '“' | '‘' | '\'' | '«' | '„' | '/' | ':')
    });
    match c {
        '.' | '!' | '?' | '…' => TokenFlags::TERMINAL,
        c if is_dash_char(c) => TokenFlags::DASH,
        '“' | '„' | '«' => TokenFlags::QUOTE_OPEN,
        '”' | '»' => TokenFlags::QUOTE_CLOSE,
        '‹' => TokenFlags::QUOTE_OPEN | TokenFlags::SINGLE_QUOTE,
        '›' => TokenFlags::QUOTE_CLOSE | TokenFlags::SINGLE_QUOTE,
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
            let digit_after = after.is_some_and(|a| a.is_ascii_digit());
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
                if c != '‘' && before.is_some_and(|b| b == 's' || b == 'S') {
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

fn is_opening_bracket(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '<')
}

/// "rock 'n' roll": both marks around a lone `n` are apostrophes.
fn mark_n_contractions(text: &str, tokens: &mut [Token]) {
    for i in 1..tokens.len().saturating_sub(1) {
        let t = tokens[i].text(text);
        if (t == "n" || t == "N")
            && tokens[i].flags.contains(TokenFlags::JOINED)
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

    #[test]
    fn ascii_pieces_agree_with_unicode_segmentation() {
        // A small deterministic generator over the characters the ASCII rules treat.
        let alphabet = b"aZ9_:.',; -\"()!x1\n\t";
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut s = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 12) as usize + 1;
            let mut x = seed;
            for _ in 0..len {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s.push(alphabet[((x >> 33) % alphabet.len() as u64) as usize] as char);
            }
            let words = |v: Vec<(usize, &str)>| -> Vec<(usize, String)> {
                v.into_iter().filter(|(_, p)| !p.trim().is_empty()).map(|(k, p)| (k, p.to_string())).collect()
            };
            let fast = words(Pieces::new(&s).collect());
            let slow = words(s.split_word_bound_indices().collect());
            assert_eq!(fast, slow, "{s:?}");
        }
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
