//! Pairing quotation marks into quoted regions.
//!
//! - Double marks: straight `"`, curly `“ ”`, low `„` (closed by `“` or `”`),
//!   guillemets `« »`, and the typewriter pairs ``` `` ``` and `''`. News text mixes
//!   straight and curly marks, so any double closing mark closes any double opening
//!   mark (guillemets pair only with each other), except that a curly pair inside a
//!   straight one (or a straight pair inside a curly one) is a quotation within the
//!   quotation.
//! - Single marks (`' ‘ ’ ‹ ›`) open a region only outside a double region and only
//!   when a closing single mark follows in the same sentence; apostrophes ("don’t",
//!   "voters’ choice", "the ’90s") are told apart by the tokenizer's flags and by what
//!   follows the candidate closing mark.
//! - Marks inside an open region of the other kind are nested quotations and stay part
//!   of the outer region.
//! - A region still open at the end of its paragraph continues into the next paragraph
//!   when that paragraph opens again with a double mark (the multi-paragraph
//!   convention: only the last paragraph closes), or when the break is a stray one (the
//!   paragraph ended mid-sentence and the next one starts in lower case and closes the
//!   quotation); otherwise it ends with its paragraph.

use super::Doc;
use crate::span::Span;
use crate::tokenize::TokenFlags;
use std::ops::Range;

/// The longest single-quoted region considered, in tokens.
const MAX_SINGLE: usize = 80;
/// How far into the next paragraph a stray-break continuation may look for its close.
const MAX_STRAY: usize = 200;

/// A quoted region: its marks and its content tokens (one range per paragraph).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Region {
    /// The opening mark's token.
    pub open: usize,
    /// The (last) token of the closing mark; `None` when the region was closed at a
    /// paragraph end.
    pub close: Option<usize>,
    /// Content tokens, one range per paragraph, without the marks.
    pub parts: Parts,
    /// Whether single marks delimit it.
    pub single: bool,
}

/// The content parts of a region: most regions lie in one paragraph, so one part is
/// held inline (a region then costs no allocation), more in a vector. Reads as a slice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Parts {
    /// Exactly one part.
    One([Range<usize>; 1]),
    /// Any other number of parts.
    Many(Vec<Range<usize>>),
}

impl Parts {
    /// No parts.
    pub fn new() -> Parts {
        Parts::Many(Vec::new())
    }

    /// The single part `r`.
    pub fn one(r: Range<usize>) -> Parts {
        Parts::One([r])
    }

    /// Add a part at the end.
    pub fn push(&mut self, r: Range<usize>) {
        match self {
            Parts::One([first]) => {
                let first = first.clone();
                *self = Parts::Many(vec![first, r]);
            }
            Parts::Many(v) if v.is_empty() => *self = Parts::One([r]),
            Parts::Many(v) => v.push(r),
        }
    }
}

impl std::ops::Deref for Parts {
    type Target = [Range<usize>];

    fn deref(&self) -> &[Range<usize>] {
        match self {
            Parts::One(one) => one,
            Parts::Many(v) => v,
        }
    }
}

impl std::ops::DerefMut for Parts {
    fn deref_mut(&mut self) -> &mut [Range<usize>] {
        match self {
            Parts::One(one) => one,
            Parts::Many(v) => v,
        }
    }
}

impl Region {
    /// The last token of the region (the closing mark, or the last content token).
    pub fn last_token(&self) -> usize {
        self.close.unwrap_or_else(|| self.parts.last().map_or(self.open, |p| p.end.max(self.open + 1) - 1))
    }

    /// The first content token.
    pub fn first_content(&self) -> usize {
        self.parts.first().map_or(self.open + 1, |p| p.start)
    }

    /// One past the last content token.
    pub fn content_end(&self) -> usize {
        self.parts.last().map_or(self.open + 1, |p| p.end)
    }

    /// Number of content tokens.
    pub fn content_len(&self) -> usize {
        self.parts.iter().map(|p| p.len()).sum()
    }

    /// The content as byte spans, one per non-empty part.
    pub fn content_spans(&self, doc: &Doc<'_>) -> Vec<Span> {
        self.content_span_iter(doc).collect()
    }

    /// The content as byte spans, one per non-empty part, without collecting them.
    pub fn content_span_iter<'s, 'd>(&'s self, doc: &'s Doc<'d>) -> impl Iterator<Item = Span> + use<'s, 'd> {
        self.parts.iter().filter(|p| !p.is_empty()).map(|p| doc.span(p.clone()))
    }

    /// The span from the opening mark to the closing mark (or the content end).
    pub fn span(&self, doc: &Doc<'_>) -> Span {
        doc.span(self.open..self.last_token() + 1)
    }
}

/// Whether `s` is a quotation-mark character.
pub(crate) fn is_quote_char(s: &str) -> bool {
    matches!(s, "\"" | "“" | "”" | "„" | "«" | "»" | "'" | "‘" | "’" | "‹" | "›" | "`")
}

/// A cursor over the tokens that may be quotation marks (punctuation that starts with
/// a byte that starts one of the marks of [`is_quote_char`], or that the tokenizer
/// flagged as a single mark): the pairing skips the other tokens.
struct Candidates<'d> {
    list: &'d [usize],
    /// The first candidate not yet passed.
    at: usize,
}

impl Candidates<'_> {
    /// The first candidate at or after token `i` (`usize::MAX` when none is).
    fn next_from(&mut self, i: usize) -> usize {
        if self.at > 0 && self.list[self.at - 1] >= i {
            // Asked about an earlier token: search again.
            self.at = self.list.partition_point(|&c| c < i);
        }
        while self.list.get(self.at).is_some_and(|&c| c < i) {
            self.at += 1;
        }
        self.list.get(self.at).copied().unwrap_or(usize::MAX)
    }
}

/// The kind of an opening double mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// `"`.
    Straight,
    /// `“`.
    Curly,
    /// `„` (closed by `“` or `”`).
    Low,
    /// `«`.
    Guillemet,
    /// ``` `` ``` or `''`.
    Typewriter,
}

/// A typewriter double mark (``` `` ``` or `''`) starting at `i`: two marks glued together.
fn typewriter_pair(doc: &Doc<'_>, i: usize) -> bool {
    matches!(doc.word(i), "'" | "`" | "’" | "‘")
        && doc.word(i + 1) == doc.word(i)
        && doc.has(i + 1, TokenFlags::JOINED)
}

/// The opening double mark at `i`: its family and its number of tokens.
fn double_opener(doc: &Doc<'_>, i: usize) -> Option<(Family, usize)> {
    let t = &doc.tokens[i];
    match doc.word(i) {
        "\"" if t.is(TokenFlags::QUOTE_OPEN) => Some((Family::Straight, 1)),
        "“" => Some((Family::Curly, 1)),
        "„" => Some((Family::Low, 1)),
        "«" => Some((Family::Guillemet, 1)),
        _ if typewriter_pair(doc, i) && !doc.has(i + 2, TokenFlags::LINE_BREAK_BEFORE) => {
            let before_ok = i == 0 || !doc.has(i, TokenFlags::JOINED) || doc.has(i - 1, TokenFlags::PUNCT);
            let after_ok = i + 2 < doc.len() && doc.has(i + 2, TokenFlags::JOINED);
            (before_ok && after_ok).then_some((Family::Typewriter, 2))
        }
        _ => None,
    }
}

/// Whether a family accepts the other's opener as the start of a nested quotation.
fn nests(outer: Family, doc: &Doc<'_>, i: usize) -> bool {
    match outer {
        Family::Straight => doc.word_is(i, "“"),
        Family::Curly | Family::Typewriter => {
            doc.word_is(i, "\"") && doc.has(i, TokenFlags::QUOTE_OPEN) && !doc.has(i, TokenFlags::QUOTE_CLOSE)
        }
        _ => false,
    }
}

/// The closing mark at `i` for `family`: its number of tokens.
fn closes(doc: &Doc<'_>, i: usize, family: Family, para_end: usize) -> Option<usize> {
    let one = match (doc.word(i), family) {
        ("\"" | "”", Family::Straight | Family::Curly | Family::Low) => true,
        ("“", Family::Low) => true,
        // “ used as a closing mark: glued to the word before, not to the word after.
        ("“", Family::Straight | Family::Curly) => {
            doc.has(i, TokenFlags::JOINED) && (i + 1 >= para_end || !doc.has(i + 1, TokenFlags::JOINED))
        }
        ("»", Family::Guillemet) => true,
        _ => false,
    };
    if one {
        return Some(1);
    }
    if family == Family::Typewriter && typewriter_pair(doc, i) {
        return Some(2);
    }
    // Straight or curly marks also close a typewriter quotation.
    (family == Family::Typewriter && matches!(doc.word(i), "\"" | "”")).then_some(1)
}

fn single_opener(doc: &Doc<'_>, i: usize) -> bool {
    doc.has(i, TokenFlags::SINGLE_QUOTE | TokenFlags::QUOTE_OPEN) && !doc.has(i, TokenFlags::WORD)
}

/// A closing single mark: flagged as one and not glued to a following word.
fn single_closer(doc: &Doc<'_>, i: usize) -> bool {
    let glued_to_next_word = doc.has(i + 1, TokenFlags::JOINED) && doc.has(i + 1, TokenFlags::WORD);
    doc.has(i, TokenFlags::SINGLE_QUOTE | TokenFlags::QUOTE_CLOSE)
        && !doc.has(i, TokenFlags::WORD)
        && !glued_to_next_word
        && !typewriter_pair(doc, i)
}

/// A region being built: the region, its family and the depth of quotations nested
/// inside it.
struct Building {
    region: Region,
    family: Family,
    nested: u32,
}

/// Find every quoted region, in text order.
pub(crate) fn pair_marks(doc: &Doc<'_>) -> Vec<Region> {
    let mut regions = Vec::new();
    let paragraphs = &doc.paragraphs;
    // A region carried over from the previous paragraph.
    let mut carry: Option<Building> = None;
    // The tokens that may be marks ([`Doc::mark_candidates`]), from the next one on.
    let mut candidates = Candidates { list: &doc.mark_candidates, at: 0 };
    for (pi, para) in paragraphs.iter().enumerate() {
        let (start, end) = (para.start, para.end.min(doc.len()));
        if start >= end {
            continue;
        }
        let mut open: Option<Building> = None;
        let mut i = start;
        if let Some(mut b) = carry.take() {
            if let Some((_, n)) = double_opener(doc, start) {
                b.region.parts.push(start + n..start + n);
                i = start + n;
            }
            b.nested = 0;
            open = Some(b);
        }
        loop {
            // Only punctuation that starts like a mark can be one.
            i = candidates.next_from(i);
            if i >= end {
                break;
            }
            if let Some(b) = open.as_mut() {
                if b.nested > 0 {
                    if closes(doc, i, b.family, end).is_some() && !nests(b.family, doc, i) {
                        b.nested -= 1;
                    } else if nests(b.family, doc, i) {
                        b.nested += 1;
                    }
                    i += 1;
                    continue;
                }
                if nests(b.family, doc, i) && has_close_ahead(doc, i, end) {
                    b.nested += 1;
                    i += 1;
                    continue;
                }
                if let Some(n) = closes(doc, i, b.family, end) {
                    if let Some(mut b) = open.take() {
                        b.region.close = Some(i + n - 1);
                        if let Some(p) = b.region.parts.last_mut() {
                            p.end = i;
                        }
                        regions.push(b.region);
                    }
                    i += n;
                    continue;
                }
            } else if let Some((family, n)) = double_opener(doc, i) {
                let region = Region { open: i, close: None, parts: Parts::one(i + n..i + n), single: false };
                open = Some(Building { region, family, nested: 0 });
                i += n;
                continue;
            } else if single_opener(doc, i) {
                if let Some(j) = find_single_close(doc, i, end) {
                    regions.push(Region {
                        open: i,
                        close: Some(j),
                        parts: Parts::one(i + 1..j),
                        single: true,
                    });
                    i = j;
                }
            }
            i += 1;
        }
        if let Some(mut b) = open {
            if let Some(p) = b.region.parts.last_mut() {
                p.end = end;
            }
            if continues(doc, b.family, pi) {
                carry = Some(b);
            } else {
                regions.push(b.region);
            }
        }
    }
    if let Some(b) = carry {
        regions.push(b.region);
    }
    regions.retain(|r| r.content_len() > 0);
    regions
}

/// Whether a closing mark of the kind that would end a nested quotation opened at `i`
/// follows in the paragraph (else the mark is a stray one, not a nested quotation).
fn has_close_ahead(doc: &Doc<'_>, i: usize, end: usize) -> bool {
    let want: &[&str] = if doc.word_is(i, "“") { &["”"] } else { &["\""] };
    (i + 1..end.min(i + MAX_STRAY)).any(|k| want.contains(&doc.word(k)))
}

/// Whether a region open at the end of paragraph `pi` continues into the next one.
fn continues(doc: &Doc<'_>, family: Family, pi: usize) -> bool {
    let Some(next) = doc.paragraphs.get(pi + 1) else { return false };
    let (start, end) = (next.start, next.end.min(doc.len()));
    if start >= end {
        return false;
    }
    // The same mark reopens it (a straight block quotation is not continued by a
    // paragraph that opens with a curly mark, which starts a quotation of its own).
    if double_opener(doc, start)
        .is_some_and(|(f, _)| f == family || (f, family) == (Family::Curly, Family::Low))
    {
        return true;
    }
    // A stray break: the paragraph stopped mid-sentence, the next starts in lower
    // case, and it closes the quotation before opening another.
    let last = start - 1;
    let ended = doc.has(last, TokenFlags::TERMINAL) || doc.has(last, TokenFlags::QUOTE_CLOSE);
    if ended || !doc.is_lower_word(start) {
        return false;
    }
    for k in start..end.min(start + MAX_STRAY) {
        if closes(doc, k, family, end).is_some() {
            return true;
        }
        if double_opener(doc, k).is_some() {
            return false;
        }
    }
    false
}

/// The closing single mark for the single opening mark at `i`, in the same sentence.
fn find_single_close(doc: &Doc<'_>, i: usize, para_end: usize) -> Option<usize> {
    let sentence_end = doc.sentence_range(i).end;
    // Headlines are often cut into several "sentences" by the segmenter at `?`/`!`;
    // a short look past the sentence end is allowed.
    let limit = para_end.min(i + MAX_SINGLE).min(sentence_end + 12);
    (i + 2..limit).find(|&k| single_closer(doc, k))
}
