//! Gazetteer matching: entity lists compiled into one Aho-Corasick automaton over
//! normalised token text.
//!
//! Each document is turned once into a normalised buffer: tokens lower-cased, every
//! apostrophe and dash variant unified, separated by single spaces and framed by
//! spaces. Patterns are normalised the same way and framed by spaces too, so a hit
//! always starts and ends on token boundaries. The search is overlapping, so a
//! shorter entry is never lost because a longer one failed ("New York" inside
//! "New York Timesheet"); resolution prefers the longest, then earliest, later on.
//!
//! A hit is then checked against the entry's capitalisation: the text must be
//! written as the entry, in Title Case or in ALL CAPS (never all lower case), and
//! exactly as the entry (or ALL CAPS) for entries flagged `exact`.

mod list;

pub use list::{List, ListEntry, ListKind};

use crate::span::Span;
use crate::tokenize::{tokenize, Token, TokenFlags};
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, Input, MatchKind};
use std::collections::HashSet;
use std::ops::Range;

/// Index of an entry in a [`Gazetteer`].
pub type EntryId = u32;

/// A compiled set of lists.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    automaton: Option<NFA>,
    /// For each pattern, the range of `pattern_entries` holding its entries.
    patterns: Vec<Range<u32>>,
    pattern_entries: Vec<EntryId>,
    entries: Vec<Entry>,
    lists: Vec<std::sync::Arc<str>>,
    /// The normalised first tokens of entries whose first token is not capitalised
    /// ("al-Qaeda", "3M", "el"): a hit can start on a lower-case token only there.
    lower_starts: HashSet<Box<str>, crate::lexicon::BuildWordHasher>,
    /// A quick filter before `lower_starts`: bits set from a word's length and
    /// first two bytes ([`start_bit`]).
    lower_start_bits: Box<[u64; 64]>,
    /// A quicker filter before that one: for each pair of bytes (as a little-endian
    /// `u16`), whether a word of `lower_starts` starts with them (with a space after a
    /// word of one byte), or the first is outside ASCII.
    lower_start_pairs: Box<[u64; 1024]>,
}

/// The bit of `lower_start_bits` for a normalised token.
fn start_bit(word: &str) -> usize {
    let b = word.as_bytes();
    start_bit_of(b.first().copied().unwrap_or(0), b.get(1).copied().unwrap_or(0), b.len())
}

/// [`start_bit`] from a word's first two bytes (0 past its end) and its length.
fn start_bit_of(first: u8, second: u8, len: usize) -> usize {
    (usize::from(first).wrapping_mul(131) ^ usize::from(second).wrapping_mul(31) ^ len.wrapping_mul(7919))
        & 4095
}

/// A compiled list entry.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The list line it came from.
    pub source: ListEntry,
    /// Index of its list in [`Gazetteer::list_names`].
    pub list: u16,
    /// Byte spans of the surface form's tokens in `source.name`.
    surface_tokens: Box<[Span]>,
    /// For each surface token: [`FIRST_UPPER`] and [`HAS_UPPER`] bits.
    surface_case: Box<[u8]>,
}

/// The first character of a surface token is upper case.
const FIRST_UPPER: u8 = 1;
/// Some character of a surface token is upper case.
const HAS_UPPER: u8 = 2;

/// The case bits of one surface token.
fn case_bits(word: &str) -> u8 {
    let mut bits = 0;
    if word.chars().next().is_some_and(char::is_uppercase) {
        bits |= FIRST_UPPER;
    }
    if word.chars().any(char::is_uppercase) {
        bits |= HAS_UPPER;
    }
    bits
}

impl Entry {
    /// Number of tokens in the surface form.
    pub fn token_count(&self) -> usize {
        self.surface_tokens.len()
    }
}

/// A list hit: tokens of the text and the entry they match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListMatch {
    /// Token indices covered.
    pub tokens: Range<usize>,
    /// The entry.
    pub entry: EntryId,
}

/// A document's tokens in normalised form, built once per document.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    buffer: String,
    /// Offset in `buffer` of the space before each token.
    starts: Vec<u32>,
}

impl Normalized {
    /// Normalise the tokens of `text`.
    pub fn new(text: &str, tokens: &[Token]) -> Normalized {
        // Normalising ASCII never lengthens a token, so the buffer is nearly always
        // large enough at once; if not, it grows as it goes.
        let mut buffer = vec![0u8; text.len() + tokens.len() + 2 + 2 * WORD];
        let mut starts = vec![0u32; tokens.len()];
        let pos = normalize_tokens(text, tokens, &mut starts, &mut buffer);
        buffer.truncate(pos);
        buffer.push(b' ');
        // Only whole characters were copied, so this always succeeds (without a panic
        // path should it not).
        let buffer =
            String::from_utf8(buffer).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Normalized { buffer, starts }
    }

    /// The normalised buffer (tokens framed by spaces).
    pub fn as_str(&self) -> &str {
        &self.buffer
    }

    /// The normalised text of token `i`.
    pub fn token(&self, i: usize) -> &str {
        let start = self.starts[i] as usize + 1;
        let end = self.starts.get(i + 1).map_or(self.buffer.len() - 1, |&s| s as usize);
        &self.buffer[start..end]
    }

    /// The normalised text of tokens `range` (joined by single spaces), without
    /// allocating: titles and phrases are looked up on it directly.
    pub fn tokens_text(&self, range: Range<usize>) -> &str {
        if range.is_empty() || range.end > self.starts.len() {
            return "";
        }
        let start = self.starts[range.start] as usize + 1;
        let end = self.starts.get(range.end).map_or(self.buffer.len() - 1, |&s| s as usize);
        &self.buffer[start..end]
    }

    /// The normalised bytes of token `i` ([`Normalized::token`] without the
    /// character-boundary checks of a `str` slice; empty for a token past the end).
    pub fn token_bytes(&self, i: usize) -> &[u8] {
        let Some(&start) = self.starts.get(i) else { return &[] };
        let end = self.starts.get(i + 1).map_or(self.buffer.len().saturating_sub(1), |&s| s as usize);
        self.buffer.as_bytes().get(start as usize + 1..end).unwrap_or_default()
    }

    fn token_at(&self, offset: usize) -> Option<usize> {
        self.starts.binary_search(&(offset as u32)).ok()
    }
}

/// Writes the normalised tokens into `out`, each after a space, and their offsets
/// into `starts`; returns where the last ends. `out` grows if it has to.
///
/// A token of plain ASCII of at most 8 bytes (nearly every one) is copied as one
/// 8-byte word, lower-cased and tested for ASCII a word at a time; the bytes copied
/// after it are overwritten by the next token or cut off at the end. Any other token
/// goes through [`normalize_token`], so that this loop stays small enough to keep its
/// state in registers.
fn normalize_tokens(text: &str, tokens: &[Token], starts: &mut [u32], out: &mut Vec<u8>) -> usize {
    let bytes = text.as_bytes();
    let mut wide = String::new();
    let mut pos = 0;
    // The last offsets a word can be read from in the text, and written to (after a
    // space) in `out`: one comparison each instead of the slices' own checks.
    let (Some(text_limit), Some(mut room_limit)) =
        (bytes.len().checked_sub(WORD), out.len().checked_sub(1 + WORD))
    else {
        for (t, start) in tokens.iter().zip(starts.iter_mut()) {
            *start = pos as u32;
            pos = normalize_token(text, t.span, out, pos, &mut wide);
        }
        return pos;
    };
    for (t, start) in tokens.iter().zip(starts.iter_mut()) {
        *start = pos as u32;
        let len = t.span.end.wrapping_sub(t.span.start);
        if let Some(&high) =
            HIGH_BITS_OF_FIRST.get(len).filter(|_| t.span.start <= text_limit && pos <= room_limit)
        {
            let block = bytes.get(t.span.start..t.span.start + WORD);
            let room = out.get_mut(pos..pos + 1 + WORD);
            if let (Some(block), Some(room)) = (block, room) {
                let word = u64::from_le_bytes(block.try_into().unwrap_or_default());
                if word & high == 0 {
                    room[0] = b' ';
                    room[1..].copy_from_slice(&ascii_lowercase_prefix(word).to_le_bytes());
                    pos += 1 + len;
                    continue;
                }
            }
        }
        pos = normalize_token(text, t.span, out, pos, &mut wide);
        room_limit = out.len().saturating_sub(1 + WORD);
    }
    pos
}

/// The word size of [`normalize_tokens`]'s fast path.
const WORD: usize = 8;
/// Every byte of a word with only its top bit set.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
/// Every byte of a word set to 1.
const ONES: u64 = HIGH_BITS >> 7;

/// For a token of `len` bytes (0 to 8), the top bits of the first `len` bytes of a
/// word (little-endian): those an ASCII token has clear. (For 0, all of them.)
const HIGH_BITS_OF_FIRST: [u64; WORD + 1] = {
    let mut table = [HIGH_BITS; WORD + 1];
    let mut len = 1;
    while len <= WORD {
        table[len] = HIGH_BITS >> (8 * (WORD - len));
        len += 1;
    }
    table
};

/// A mask of the first `len` bytes of a word (little-endian), for `len` in 1..=8; all
/// bytes for 0.
fn low_bytes(len: usize) -> u64 {
    u64::MAX.wrapping_shr((64 - 8 * len) as u32)
}

/// `word` with every ASCII upper-case letter lower-cased, in the bytes up to the
/// first byte over 0x7F (the bytes from there on come out changed in any way).
fn ascii_lowercase_prefix(word: u64) -> u64 {
    // Per byte: the top bit of `b + 0x3F` is set from `A` up, that of `b + 0x25`
    // past `Z`. An ASCII byte gives no carry into the next; a byte over 0x7F may,
    // but only into the bytes after it.
    let upper = word.wrapping_add(0x3F * ONES) & !word.wrapping_add(0x25 * ONES) & HIGH_BITS;
    word | upper >> 2
}

/// [`normalize_tokens`] for a token off its fast path (longer than a word, near
/// the end of the text or of `out`, or with characters outside ASCII): writes it
/// after a space at `pos` in `out` (grown if need be, with room for the fast path
/// after it) and returns where it ends. A span off the text or a character boundary
/// gives an empty token, so every token keeps its place.
#[inline(never)]
fn normalize_token(text: &str, span: Span, out: &mut Vec<u8>, pos: usize, wide: &mut String) -> usize {
    // Plain ASCII of 9 to 16 bytes (most of the tokens that come here): two words.
    let len = span.end.wrapping_sub(span.start);
    if let Some(&high) = HIGH_BITS_OF_FIRST.get(len.wrapping_sub(WORD)).filter(|_| len > WORD) {
        let block = text.as_bytes().get(span.start..).and_then(|r| r.first_chunk::<{ 2 * WORD }>());
        let room = out.get_mut(pos..).and_then(|r| r.first_chunk_mut::<{ 1 + 2 * WORD }>());
        if let (Some(block), Some(room)) = (block, room) {
            let (a, b) = block.split_at(WORD);
            let a = u64::from_le_bytes(a.try_into().unwrap_or_default());
            let b = u64::from_le_bytes(b.try_into().unwrap_or_default());
            if a & HIGH_BITS == 0 && b & high == 0 {
                room[0] = b' ';
                room[1..1 + WORD].copy_from_slice(&ascii_lowercase_prefix(a).to_le_bytes());
                room[1 + WORD..].copy_from_slice(&ascii_lowercase_prefix(b).to_le_bytes());
                return pos + 1 + len;
            }
        }
    }
    let word = text.as_bytes().get(span.start..span.end).unwrap_or_default();
    let normalized = if word.is_ascii() {
        // An ASCII span lies on character boundaries.
        word
    } else {
        match word {
            // The usual punctuation outside ASCII, as `push_normalized` writes it:
            // `’` and `‘`; `–` and `—`; `“`, `”` and `…`, `«` and `»` as they are.
            [0xE2, 0x80, 0x98 | 0x99] => b"'",
            [0xE2, 0x80, 0x93 | 0x94] => b"-",
            [0xE2, 0x80, 0x9C | 0x9D | 0xA6] | [0xC2, 0xAB | 0xBB] => word,
            _ => {
                wide.clear();
                push_normalized(span.text(text), wide);
                wide.as_bytes()
            }
        }
    };
    let end = pos + 1 + normalized.len();
    if out.len() < end + 1 + WORD {
        out.resize(out.len() + normalized.len() + text.len() + 2 + 2 * WORD, 0);
    }
    if let Some(room) = out.get_mut(pos..end) {
        room[0] = b' ';
        room[1..].copy_from_slice(normalized);
        room[1..].make_ascii_lowercase();
    }
    end
}

/// Whether a list name is plain ASCII letters and digits separated by single
/// spaces (most of them are): the tokenizer would split it at the spaces, so
/// [`name_tokens`] and [`name_token_spans`] do that directly.
fn is_simple_name(name: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ')
        && !name.starts_with(' ')
        && !name.ends_with(' ')
        && !name.contains("  ")
}

/// The tokens of a list name. Simple names ([`is_simple_name`]) are split
/// directly, which is what the tokenizer would do, only faster; anything else goes
/// through [`tokenize`].
pub(crate) fn name_tokens(name: &str) -> Vec<Token> {
    if !is_simple_name(name) {
        return tokenize(name);
    }
    let mut out = Vec::with_capacity(4);
    let mut start = 0;
    for part in name.split(' ') {
        let span = Span::new(start, start + part.len());
        let mut flags = TokenFlags::WORD;
        let first = part.as_bytes()[0];
        if first.is_ascii_uppercase() {
            flags.insert(TokenFlags::CAPITALIZED);
        }
        if part.bytes().any(|b| b.is_ascii_digit()) {
            flags.insert(TokenFlags::DIGIT);
            if !part.bytes().any(|b| b.is_ascii_alphabetic()) {
                flags.remove(TokenFlags::WORD);
            }
        }
        if part.bytes().any(|b| b.is_ascii_alphabetic()) && !part.bytes().any(|b| b.is_ascii_lowercase()) {
            flags.insert(TokenFlags::ALL_CAPS);
        }
        out.push(Token { span, flags });
        start += part.len() + 1;
    }
    out
}

/// The byte spans of the tokens of a list name, into `out`: the spans of
/// [`name_tokens`], without allocating for the usual simple names.
fn name_token_spans(name: &str, out: &mut Vec<Span>) {
    out.clear();
    if !is_simple_name(name) {
        out.extend(tokenize(name).iter().map(|t| t.span));
        return;
    }
    let mut start = 0;
    for part in name.split(' ') {
        out.push(Span::new(start, start + part.len()));
        start += part.len() + 1;
    }
}

/// Append the normalised form of one token: lower case, apostrophes as `'`, dashes as `-`.
pub fn push_normalized(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    // Plain ASCII (nearly every token): no per-char decoding. (The ASCII backtick is
    // kept as it is, like every other ASCII character.)
    if bytes.is_ascii() {
        if bytes.iter().any(u8::is_ascii_uppercase) {
            out.extend(bytes.iter().map(|&b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(s);
        }
        return;
    }
    for c in s.chars() {
        match c {
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            c if c.is_ascii() => out.push(c),
            '’' | '‘' | '´' | 'ʼ' | '′' => out.push('\''),
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => out.push('-'),
            c if c.is_whitespace() => out.push('_'),
            c => out.extend(c.to_lowercase()),
        }
    }
}

impl Gazetteer {
    /// Compile lists into one gazetteer.
    pub fn new(lists: &[List]) -> Gazetteer {
        Gazetteer::from_lists(lists.to_vec())
    }

    /// Compile lists into one gazetteer, taking them over (no copy of the entries).
    pub fn from_lists(lists: Vec<List>) -> Gazetteer {
        let total: usize = lists.iter().map(|l| l.entries.len()).sum();
        let mut entries = Vec::with_capacity(total);
        let mut list_names = Vec::with_capacity(lists.len());
        // Every entry's normalised key, framed by spaces, one after another in one
        // buffer: entry `id`'s key ends at `key_ends[id]`, where the next begins.
        let mut keys =
            String::with_capacity(lists.iter().flat_map(|l| &l.entries).map(|e| e.name.len() + 2).sum());
        let mut key_ends: Vec<u32> = Vec::with_capacity(total);
        let mut spans: Vec<Span> = Vec::new();
        let mut lower_starts: HashSet<Box<str>, crate::lexicon::BuildWordHasher> = HashSet::default();
        let mut lower_start_bits = Box::new([0u64; 64]);
        let mut lower_start_pairs = Box::new([0u64; 1024]);
        // A word starting outside ASCII may always start a hit.
        for first in 0x80..=0xFF_u8 {
            for second in 0..=0xFF_u8 {
                let pair = usize::from(u16::from_le_bytes([first, second]));
                lower_start_pairs[pair / 64] |= 1 << (pair % 64);
            }
        }
        for (li, list) in lists.into_iter().enumerate() {
            let List { name, entries: list_entries } = list;
            list_names.push(name);
            for e in list_entries {
                name_token_spans(&e.name, &mut spans);
                if spans.is_empty() {
                    continue;
                }
                let from = keys.len();
                keys.push(' ');
                for (i, t) in spans.iter().enumerate() {
                    if i > 0 {
                        keys.push(' ');
                    }
                    push_normalized(t.text(&e.name), &mut keys);
                }
                keys.push(' ');
                let surface_case: Box<[u8]> = spans.iter().map(|t| case_bits(t.text(&e.name))).collect();
                if surface_case[0] & FIRST_UPPER == 0 {
                    let first = keys[from + 1..].split(' ').next().unwrap_or_default();
                    if !lower_starts.contains(first) {
                        lower_start_bits[start_bit(first) / 64] |= 1 << (start_bit(first) % 64);
                        let pair = match *first.as_bytes() {
                            [] => None,
                            [a] => Some(u16::from_le_bytes([a, b' '])),
                            [a, b, ..] => Some(u16::from_le_bytes([a, b])),
                        };
                        match pair.map(usize::from) {
                            Some(pair) => lower_start_pairs[pair / 64] |= 1 << (pair % 64),
                            None => lower_start_pairs.fill(u64::MAX),
                        }
                        lower_starts.insert(first.into());
                    }
                }
                entries.push(Entry {
                    source: e,
                    list: li as u16,
                    surface_tokens: spans.as_slice().into(),
                    surface_case,
                });
                key_ends.push(keys.len() as u32);
            }
        }
        let key = |id: u32| -> &str {
            let start = id.checked_sub(1).map_or(0, |before| key_ends[before as usize] as usize);
            &keys[start..key_ends[id as usize] as usize]
        };
        // Entries with the same key share one pattern. The patterns go to the
        // automaton in decreasing byte order: each pattern then leaves the trie
        // where the one before it did, so the builder finds the state to extend
        // first in its sorted transition lists and touches memory in order (about
        // half the build time of list order). The search gives the same hits
        // whatever the pattern order; hits are sorted afterwards.
        // (Sorted with the first eight bytes after the leading space as a number,
        // which settles most comparisons without comparing the strings.)
        let mut sorted: Vec<(u64, &str, EntryId)> = (0..entries.len() as EntryId)
            .map(|id| {
                let text = key(id);
                let mut prefix = [0u8; 8];
                for (p, &b) in prefix.iter_mut().zip(text.as_bytes().iter().skip(1)) {
                    *p = b;
                }
                (u64::from_be_bytes(prefix), text, id)
            })
            .collect();
        sorted.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.cmp(a.1)).then(a.2.cmp(&b.2)));
        let mut patterns: Vec<Range<u32>> = Vec::new();
        let mut pattern_keys: Vec<&str> = Vec::new();
        let mut k = 0;
        while let Some(&(_, text, _)) = sorted.get(k) {
            let start = k;
            while sorted.get(k).is_some_and(|&(_, other, _)| other == text) {
                k += 1;
            }
            patterns.push(start as u32..k as u32);
            pattern_keys.push(text);
        }
        let pattern_entries: Vec<EntryId> = sorted.iter().map(|&(_, _, id)| id).collect();
        // A contiguous NFA: compact and quick to build (a DFA of these patterns takes
        // hundreds of megabytes); no prefilter, since every pattern starts with a space.
        let automaton = if pattern_keys.is_empty() {
            None
        } else {
            NFA::builder().match_kind(MatchKind::Standard).prefilter(false).build(&pattern_keys).ok()
        };
        Gazetteer {
            automaton,
            patterns,
            pattern_entries,
            entries,
            lists: list_names,
            lower_starts,
            lower_start_bits,
            lower_start_pairs,
        }
    }

    /// The entry with this id.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id as usize]
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The names of the compiled lists, by list index.
    pub fn list_names(&self) -> &[std::sync::Arc<str>] {
        &self.lists
    }

    /// The automaton (for benchmarks that want the bare matching ceiling: one
    /// unanchored overlapping pass over [`Normalized::as_str`], as
    /// [`Gazetteer::find_unanchored`] does).
    pub fn automaton(&self) -> Option<&NFA> {
        self.automaton.as_ref()
    }

    /// Every list hit in the text whose capitalisation fits its entry, overlapping
    /// hits included, sorted by start token then longest first.
    ///
    /// Every entry has a letter, so a hit that fits has a capitalised token, and its
    /// first token is capitalised (or in capitals, or starts with a character outside
    /// ASCII) unless the entry's first token is not. The automaton is therefore run
    /// anchored, from those tokens only, instead of over the whole text: the hits
    /// are the same as an unanchored pass would find, for a fraction of the work.
    ///
    /// The walk over a token's own word, from the space before it to the space after
    /// it, depends on that word alone; its outcome is remembered for the document, so
    /// a word seen again (names, "The", "He") starts its walk at the next word, or is
    /// not walked at all if no pattern goes on past it.
    pub fn find(&self, text: &str, tokens: &[Token], norm: &Normalized) -> Vec<ListMatch> {
        let Some(ac) = &self.automaton else { return Vec::new() };
        let Ok(start) = ac.start_state(Anchored::Yes) else { return Vec::new() };
        // About one hit for every 15 tokens in news text: room for that at once, not
        // a copy of every hit each time the vector doubles.
        let out = Vec::with_capacity(tokens.len() / 12 + 16);
        let mut search = Search { ac, start, first_words: FirstWords::new(tokens.len()), text, tokens, out };
        let normalized = norm.as_str();
        let bytes = normalized.as_bytes();
        let closing = normalized.len().saturating_sub(1);
        let firsts = self.hit_starts(tokens, norm);
        for &i in &firsts {
            let i = i as usize;
            let Some(&from) = norm.starts.get(i) else { continue };
            let from = from as usize;
            // The token's normalised word ends at the next token's space, or at the
            // closing space.
            let end = norm.starts.get(i + 1).map_or(closing, |&s| s as usize);
            let hits = search.out.len();
            let walk = bytes.get(from..).unwrap_or_default();
            let word_end = end.wrapping_sub(from);
            // A word already walked from here: where that led, and nothing to do if
            // to the dead state (most often).
            let key = FirstWords::key(walk, word_end);
            let known = key.and_then(|key| search.first_words.get(key));
            if known.is_some_and(|sid| ac.is_dead(sid)) {
                continue;
            }
            self.walk(&mut search, i, walk, word_end, key, known);
            // The hits starting here were found shortest first: longest first instead.
            if search.out.len() > hits + 1 {
                search.out[hits..].sort_by_key(|m| std::cmp::Reverse(m.tokens.end));
            }
        }
        let out = search.out;
        debug_assert!(out.is_sorted_by(|a, b| (a.tokens.start, std::cmp::Reverse(a.tokens.end))
            <= (b.tokens.start, std::cmp::Reverse(b.tokens.end))));
        out
    }

    /// The tokens a hit of [`Gazetteer::find`] may start on: capitalised ones, and
    /// lower-case ones whose word starts an entry's lower-case first token. A loop
    /// of its own, small enough to keep its state in registers: most tokens are
    /// lower case and fail the two-byte filter.
    #[inline(never)]
    fn hit_starts(&self, tokens: &[Token], norm: &Normalized) -> Vec<u32> {
        let normalized = norm.as_str();
        let bytes = normalized.as_bytes();
        let mut firsts: Vec<u32> = Vec::with_capacity(tokens.len() / 4 + 16);
        for (i, (t, &from)) in tokens.iter().zip(&norm.starts).enumerate() {
            if !t.flags.intersects(TokenFlags::CAPITALIZED | TokenFlags::ALL_CAPS) {
                // The word's first two bytes, or its byte and the space after it
                // (there is always a space after a word).
                if let Some(&[a, b]) = bytes.get(from as usize + 1..from as usize + 3) {
                    let pair = u16::from_le_bytes([a, b]);
                    if self.lower_start_pairs[usize::from(pair) / 64] & 1 << (pair % 64) == 0 {
                        continue;
                    }
                }
                if !self.may_start_lower_case_hit_on(norm, i) {
                    continue;
                }
            }
            firsts.push(i as u32);
        }
        firsts
    }

    /// Walk the automaton from the space before token `i`, at the start of `walk`
    /// (the normalised text from there on), whose word ends at `word_end`, without
    /// failure transitions (anchored), until no pattern continues; record the hits.
    /// `key` is the word's [`FirstWords`] key, `known` the state remembered for it
    /// (then the walk goes on after the space that follows the word).
    #[inline(never)]
    fn walk(
        &self,
        search: &mut Search<'_>,
        i: usize,
        walk: &[u8],
        word_end: usize,
        key: Option<WordKey>,
        known: Option<StateID>,
    ) {
        let ac = search.ac;
        let mut sid = match known {
            Some(sid) => {
                // The state after the space that follows the word: the hits of the
                // word alone end there.
                if ac.is_match(sid) {
                    self.push_matches(search, sid, i, word_end);
                }
                sid
            }
            None => {
                // The space, the word and the space after it (the next token's, or
                // the closing one), byte by byte; the outcome is remembered.
                let mut sid = search.start;
                let mut remember = key;
                for (k, &b) in walk.iter().enumerate().take(word_end + 1) {
                    sid = ac.next_state(Anchored::Yes, sid, b);
                    if ac.is_special(sid) {
                        if ac.is_dead(sid) {
                            break;
                        }
                        if ac.is_match(sid) {
                            // Only a word with a space in it could match inside
                            // itself: such a walk is not remembered.
                            if k < word_end {
                                remember = None;
                            }
                            self.push_matches(search, sid, i, k);
                        }
                    }
                }
                if let Some(key) = remember {
                    search.first_words.insert(key, sid);
                }
                sid
            }
        };
        if ac.is_dead(sid) {
            return;
        }
        for (k, &b) in walk.iter().enumerate().skip(word_end + 1) {
            sid = ac.next_state(Anchored::Yes, sid, b);
            if ac.is_special(sid) {
                if ac.is_dead(sid) {
                    return;
                }
                if ac.is_match(sid) {
                    self.push_matches(search, sid, i, k);
                }
            }
        }
    }

    /// Record the hits of match state `sid`, reached at byte `k` of a walk from the
    /// space before token `i`. A match state also holds the patterns that are
    /// suffixes of its own ("york" within "new york"): only those as long as the
    /// walk count.
    /// (Patterns are distinct, so at most one is as long as the walk.)
    #[inline(never)]
    fn push_matches(&self, search: &mut Search<'_>, sid: StateID, i: usize, k: usize) {
        let ac = search.ac;
        for j in 0..ac.match_len(sid) {
            let pattern = ac.match_pattern(sid, j);
            if ac.pattern_len(pattern) == k + 1 {
                self.push_hits(pattern.as_usize(), i, search.text, search.tokens, &mut search.out);
                return;
            }
        }
    }

    /// [`Gazetteer::find`] with one unanchored pass of the automaton over the whole
    /// text: the same hits, the slow way (kept to test the fast one against).
    pub fn find_unanchored(&self, text: &str, tokens: &[Token], norm: &Normalized) -> Vec<ListMatch> {
        let mut out = Vec::new();
        let Some(ac) = &self.automaton else { return out };
        let Ok(matches) = ac.try_find_overlapping_iter(Input::new(norm.as_str())) else { return out };
        for m in matches {
            let Some(first) = norm.token_at(m.start()) else { continue };
            self.push_hits(m.pattern().as_usize(), first, text, tokens, &mut out);
        }
        out.sort_by(|a, b| a.tokens.start.cmp(&b.tokens.start).then(b.tokens.end.cmp(&a.tokens.end)));
        out
    }

    /// [`Gazetteer::may_start_lower_case_hit`] for token `i` (false for an empty
    /// one): out of line, so that [`Gazetteer::hit_starts`] keeps its registers.
    #[inline(never)]
    fn may_start_lower_case_hit_on(&self, norm: &Normalized, i: usize) -> bool {
        let normalized = norm.as_str();
        let Some(&from) = norm.starts.get(i) else { return false };
        let from = from as usize;
        let end = norm.starts.get(i + 1).map_or(normalized.len().saturating_sub(1), |&s| s as usize);
        end > from && self.may_start_lower_case_hit_at(normalized, from + 1, end)
    }

    /// [`Gazetteer::may_start_lower_case_hit`] for the word `normalized[start..end]`
    /// (not empty), reading its first two bytes directly instead of slicing.
    #[inline(always)]
    fn may_start_lower_case_hit_at(&self, normalized: &str, start: usize, end: usize) -> bool {
        let len = end.wrapping_sub(start);
        let two = normalized.as_bytes().get(start..).and_then(|r| r.first_chunk::<2>());
        let (first, second) = match two {
            Some(&[first, second]) if len >= 2 => (first, second),
            Some(&[first, _]) if len == 1 => (first, 0),
            _ => return normalized.get(start..end).is_some_and(|word| self.may_start_lower_case_hit(word)),
        };
        if !first.is_ascii() {
            return true;
        }
        let bit = start_bit_of(first, second, len);
        self.lower_start_bits[bit / 64] & (1 << (bit % 64)) != 0
            && normalized.get(start..end).is_some_and(|word| self.lower_starts.contains(word))
    }

    /// Whether a hit can start on a token that is not capitalised, of normalised
    /// text `word` (see [`Gazetteer::find`]).
    fn may_start_lower_case_hit(&self, word: &str) -> bool {
        if word.as_bytes().first().is_some_and(|b| !b.is_ascii()) {
            return true;
        }
        let bit = start_bit(word);
        self.lower_start_bits[bit / 64] & (1 << (bit % 64)) != 0 && self.lower_starts.contains(word)
    }

    /// Record the hits of pattern `pattern` starting at token `first`: one per entry
    /// of the pattern whose capitalisation the text fits. (Inlined in its one
    /// caller, [`Gazetteer::push_matches`]: one call less per hit.)
    #[inline(always)]
    fn push_hits(
        &self,
        pattern: usize,
        first: usize,
        text: &str,
        tokens: &[Token],
        out: &mut Vec<ListMatch>,
    ) {
        let Some(ids) = self.patterns.get(pattern) else { return };
        let Some(ids) = self.pattern_entries.get(ids.start as usize..ids.end as usize) else { return };
        let Some(entry) = ids.first().and_then(|&id| self.entries.get(id as usize)) else { return };
        let range = first..first + entry.surface_tokens.len();
        let Some(hit) = tokens.get(range.clone()) else { return };
        if let [t] = hit {
            // One token (most hits): its own loop, without the line breaks.
            for &id in ids {
                if self.entries.get(id as usize).is_some_and(|entry| self.case_fits_one(entry, text, t)) {
                    out.push(ListMatch { tokens: range.clone(), entry: id });
                }
            }
            return;
        }
        // A name never runs across a line break.
        if hit.iter().skip(1).any(|t| t.is(TokenFlags::LINE_BREAK_BEFORE)) {
            return;
        }
        for &id in ids {
            if self.entries.get(id as usize).is_some_and(|entry| self.case_fits(entry, text, hit)) {
                out.push(ListMatch { tokens: range.clone(), entry: id });
            }
        }
    }

    /// [`Gazetteer::case_fits`] for a hit of one token: a token written as the
    /// entry (nearly always) is settled at once.
    fn case_fits_one(&self, entry: &Entry, text: &str, t: &Token) -> bool {
        let got = text.as_bytes().get(t.span.start..t.span.end);
        let want =
            entry.surface_tokens.first().and_then(|s| entry.source.name.as_bytes().get(s.start..s.end));
        if got.is_some() && got == want {
            return t.is(TokenFlags::CAPITALIZED) || !t.is(TokenFlags::WORD);
        }
        self.case_fits(entry, text, std::slice::from_ref(t))
    }

    /// Whether the text tokens are capitalised as the entry requires.
    fn case_fits(&self, entry: &Entry, text: &str, tokens: &[Token]) -> bool {
        let name = &entry.source.name;
        let mut any_upper = false;
        for ((t, s), &case) in tokens.iter().zip(entry.surface_tokens.iter()).zip(entry.surface_case.iter()) {
            // Compared as bytes first (equal bytes of a whole name token are whole
            // characters of the text too), as strings only if they differ.
            let got = text.as_bytes().get(t.span.start..t.span.end).unwrap_or_default();
            let want = name.as_bytes().get(s.start..s.end).unwrap_or_default();
            let want_first_upper = case & FIRST_UPPER != 0;
            let want_has_upper = case & HAS_UPPER != 0;
            let got_caps = t.is(TokenFlags::ALL_CAPS);
            if t.is(TokenFlags::CAPITALIZED) {
                any_upper = true;
            }
            if got == want || same_modulo_marks(t.text(text), s.text(name)) {
                continue;
            }
            if got_caps && t.is(TokenFlags::WORD) && want_has_upper {
                // ALL CAPS text (a headline) matches any capitalised entry token.
                continue;
            }
            if entry.source.exact {
                return false;
            }
            if !want_first_upper {
                // Lower-case parts of names ("of", "al", "bin") may be written any way.
                continue;
            }
            if !t.is(TokenFlags::CAPITALIZED) {
                return false;
            }
        }
        any_upper || !tokens.iter().any(|t| t.is(TokenFlags::WORD))
    }
}

/// The state of one [`Gazetteer::find`].
struct Search<'a> {
    ac: &'a NFA,
    /// The anchored start state.
    start: StateID,
    first_words: FirstWords,
    text: &'a str,
    tokens: &'a [Token],
    /// The hits so far, by start token then longest first.
    out: Vec<ListMatch>,
}

/// What [`Gazetteer::find`] learnt of the words it walked the automaton over: for
/// a word of at most 16 bytes, the state after the space before it, the word and
/// the space after it, or the dead state if no pattern starts so. A small cache with one place per key (a
/// new word takes the place of an old one).
struct FirstWords {
    slots: Vec<(WordKey, StateID)>,
}

/// A word of 1 to 16 bytes: its bytes in two little-endian words (zero-padded), and
/// its length.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
struct WordKey(u64, u64, usize);

impl FirstWords {
    /// A cache for a text of `tokens` tokens.
    fn new(tokens: usize) -> FirstWords {
        let size = (tokens / 16).clamp(16, 4096).next_power_of_two();
        FirstWords { slots: vec![(WordKey::default(), StateID::ZERO); size] }
    }

    /// The key of the word `walk[1..word_end]`, if it has 1 to 16 bytes (read as two
    /// whole words: `walk` must hold 16 bytes after the space).
    fn key(walk: &[u8], word_end: usize) -> Option<WordKey> {
        let len = word_end.wrapping_sub(1);
        if !(1..=2 * WORD).contains(&len) {
            return None;
        }
        // One length test for both words.
        let (a, b) = walk.get(1..)?.first_chunk::<{ 2 * WORD }>()?.split_at(WORD);
        let a = u64::from_le_bytes(a.try_into().unwrap_or_default());
        let b = u64::from_le_bytes(b.try_into().unwrap_or_default());
        Some(if len <= WORD {
            WordKey(a & low_bytes(len), 0, len)
        } else {
            WordKey(a, b & low_bytes(len - WORD), len)
        })
    }

    fn slot(&self, key: WordKey) -> usize {
        let h = (key.0 ^ key.1.rotate_left(29) ^ key.2 as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> 40) as usize & (self.slots.len() - 1)
    }

    fn get(&self, key: WordKey) -> Option<StateID> {
        let (k, sid) = self.slots[self.slot(key)];
        (k == key).then_some(sid)
    }

    fn insert(&mut self, key: WordKey, sid: StateID) {
        let slot = self.slot(key);
        self.slots[slot] = (key, sid);
    }
}

/// Equal after unifying apostrophes and dashes.
fn same_modulo_marks(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let unify = |c: char| match c {
        '’' | '‘' | '`' | '´' | 'ʼ' | '′' => '\'',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
        c => c,
    };
    a.chars().map(unify).eq(b.chars().map(unify))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz(src: &str) -> Gazetteer {
        Gazetteer::new(&[List::parse("t", src).unwrap()])
    }

    fn hits(g: &Gazetteer, text: &str) -> Vec<String> {
        let toks = tokenize(text);
        let norm = Normalized::new(text, &toks);
        g.find(text, &toks, &norm)
            .iter()
            .map(|m| {
                let s = toks[m.tokens.start].span.start;
                let e = toks[m.tokens.end - 1].span.end;
                format!("{}={}", &text[s..e], g.entry(m.entry).source.canonical)
            })
            .collect()
    }

    #[test]
    fn token_boundaries_only() {
        let g = gaz("US\tcountry\tUnited States\t\texact\nOman\tcountry\n");
        assert_eq!(hits(&g, "Romania and Oman"), ["Oman=Oman"]);
        assert_eq!(hits(&g, "the US and us"), ["US=United States"]);
    }

    #[test]
    fn capitalisation_rules() {
        let g = gaz("Turkey\tcountry\tTurkey\t\texact\nRussia\tcountry\n");
        assert_eq!(hits(&g, "turkey in Turkey and TURKEY"), ["Turkey=Turkey", "TURKEY=Turkey"]);
        assert_eq!(hits(&g, "russia Russia RUSSIA"), ["Russia=Russia", "RUSSIA=Russia"]);
    }

    #[test]
    fn overlapping_entries_are_all_reported() {
        let g = gaz("New York\tlocation\nNew York Times\torganization\nYork\tlocation\n");
        assert_eq!(hits(&g, "The New York Timesheet"), ["New York=New York", "York=York"]);
        assert_eq!(
            hits(&g, "The New York Times"),
            ["New York Times=New York Times", "New York=New York", "York=York"]
        );
    }

    #[test]
    fn apostrophes_dashes_and_possessives() {
        let g = gaz("Côte d'Ivoire\tcountry\nU.S.\tcountry\tUnited States\nal-Qaeda\torganization\n");
        assert_eq!(
            hits(&g, "Côte d’Ivoire’s U.S.-led al‐Qaeda"),
            ["Côte d’Ivoire=Côte d'Ivoire", "U.S.=United States", "al‐Qaeda=al-Qaeda"]
        );
    }

    #[test]
    fn remembered_words_find_what_a_fresh_walk_finds() {
        // Words seen again start their walk from what was remembered of them: the
        // hits must be those of the unanchored pass all the same.
        let g =
            gaz("New York\tlocation\nNew York Times\torganization\nYork\tlocation\nthe Hague\tlocation\n\
                     Internationalisation\torganization\nNew\tlocation\n");
        let text = "New York and New York Times. The New Yorker, NEW YORK, the Hague and the Times; \
                    Internationalisation, internationalisation. New\nYork New York";
        let toks = tokenize(text);
        let norm = Normalized::new(text, &toks);
        let fast = g.find(text, &toks, &norm);
        assert_eq!(fast, g.find_unanchored(text, &toks, &norm));
        assert_eq!(fast.len(), 18);
    }

    #[test]
    fn no_match_across_lines() {
        let g = gaz("New York\tlocation\n");
        assert!(hits(&g, "New\nYork").is_empty());
    }

    #[test]
    fn fast_name_split_agrees_with_the_tokenizer() {
        for name in ["New York", "G7 Summit", "Euro 96", "A", "San Jose del Monte", "UN"] {
            let fast: Vec<Span> = name_tokens(name).iter().map(|t| t.span).collect();
            let slow: Vec<Span> = tokenize(name).iter().map(|t| t.span).collect();
            assert_eq!(fast, slow, "{name}");
        }
    }

    /// [`Normalized::new`] the plain way: token by token, through [`push_normalized`].
    fn normalized_slowly(text: &str, tokens: &[Token]) -> String {
        let mut out = String::new();
        for t in tokens {
            out.push(' ');
            push_normalized(t.text(text), &mut out);
        }
        out.push(' ');
        out.make_ascii_lowercase();
        out
    }

    #[test]
    fn normalized_buffer_agrees_with_token_by_token() {
        let texts = [
            "",
            "A",
            "The U.S.-led War in AFGHANISTAN’s Kandahar, said “Mr. Smith”.",
            "Supercalifragilistic EXPIALIDOCIOUS-ly Internationalization\tx\n\nİstanbul ÇAĞ café",
            "ABCDEFGH ABCDEFGHI ABCDEFGHIJKLMNOP ABCDEFGHIJKLMNOPQ @[`{ Zz",
            "end with a long word Abcdefghijklmnopqrst",
            "“Quoted” — ‘single’ – it’s «this» … „that“ ´ ′ ― ABCDEFGHIJ’",
            // Longer once lower-cased ("İ" is "i̇"), ASCII after it.
            "İİİİİİİİİİİİ İ İİ-İİ ÀB abcdefgh Ab",
        ];
        for text in texts {
            let tokens = tokenize(text);
            let norm = Normalized::new(text, &tokens);
            assert_eq!(norm.as_str(), normalized_slowly(text, &tokens), "{text:?}");
            for (i, t) in tokens.iter().enumerate() {
                let mut want = String::new();
                push_normalized(t.text(text), &mut want);
                want.make_ascii_lowercase();
                assert_eq!(norm.token(i), want);
                assert_eq!(norm.token_bytes(i), want.as_bytes());
            }
            assert!(norm.token_bytes(tokens.len()).is_empty());
        }
        // Spans the tokenizer would not make: overlapping, repeated, empty, off a
        // character or off the text.
        let text = "Ab Çd EFGHIJKLMNOPQRSTUVWXYZ";
        let spans = [(0, 2), (0, 2), (1, 1), (3, 4), (3, 5), (6, 27), (6, 7), (20, 40), (5, 3), (0, 27)];
        let tokens: Vec<Token> = spans
            .iter()
            .map(|&(start, end)| Token { span: Span { start, end }, flags: TokenFlags::WORD })
            .collect();
        assert_eq!(Normalized::new(text, &tokens).as_str(), normalized_slowly(text, &tokens));
    }

    #[test]
    fn empty_gazetteer() {
        let g = Gazetteer::new(&[]);
        assert!(hits(&g, "anything").is_empty());
    }
}
