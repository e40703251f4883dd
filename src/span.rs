//! Byte spans into the input text, and their conversion to character offsets.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open byte range `start..end` into the analysed text.
///
/// Every span gazette returns starts and ends on a UTF-8 character boundary, so
/// [`Span::text`] never panics on the text it came from.
///
/// ```
/// use gazette::Span;
/// let text = "Kabul, Afghanistan";
/// let span = Span::new(7, 18);
/// assert_eq!(span.text(text), "Afghanistan");
/// assert_eq!(span.len(), 11);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (byte offsets, `start <= end`).
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// The text this span covers in `text`, or `""` if the span does not fit `text`
    /// or does not lie on character boundaries.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies entirely inside this span.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The span as a `Range<usize>`.
    pub const fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl From<Span> for Range<usize> {
    fn from(s: Span) -> Range<usize> {
        s.start..s.end
    }
}

/// Which unit offsets are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OffsetUnit {
    /// UTF-8 bytes, as Rust slices the text (the default).
    #[default]
    Bytes,
    /// Unicode code points, as Python, JavaScript (for the BMP) and most JSON consumers count.
    Chars,
}

impl OffsetUnit {
    /// The lower-case name used in JSON (`"bytes"`, `"chars"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            OffsetUnit::Bytes => "bytes",
            OffsetUnit::Chars => "chars",
        }
    }
}

/// Converts byte offsets of one text into code-point offsets and back.
///
/// Building it walks the text once; each conversion is a binary search over
/// checkpoints, so converting every span of a document stays linear-ish.
///
/// ```
/// use gazette::CharOffsets;
/// let text = "Côte d’Ivoire";
/// let offsets = CharOffsets::new(text);
/// assert_eq!(offsets.to_char(text.len()), 13);
/// assert_eq!(offsets.to_byte(13), Some(text.len()));
/// assert_eq!(offsets.to_char(3), 2); // after "Cô"
/// ```
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// Byte offsets of every non-ASCII character start, with the count of chars before it.
    wide: Vec<(usize, usize)>,
    len_bytes: usize,
    len_chars: usize,
}

impl CharOffsets {
    /// Index the character boundaries of `text`.
    pub fn new(text: &str) -> CharOffsets {
        let mut wide = Vec::new();
        let mut chars = 0;
        for (i, c) in text.char_indices() {
            if !c.is_ascii() {
                wide.push((i, chars));
            }
            chars += 1;
        }
        CharOffsets { wide, len_bytes: text.len(), len_chars: chars }
    }

    /// The code-point offset of byte offset `byte`. A byte offset inside a character
    /// maps to the character's end; past the end maps to the char length.
    pub fn to_char(&self, byte: usize) -> usize {
        if byte >= self.len_bytes {
            return self.len_chars;
        }
        // Number of wide chars that start strictly before `byte`.
        let k = self.wide.partition_point(|&(b, _)| b < byte);
        if k == 0 {
            return byte;
        }
        let (b, c) = self.wide[k - 1];
        // The wide char at `b` is one char; anything after its last byte is ASCII up to `byte`.
        let wide_len = self.char_len_at(k - 1);
        if byte < b + wide_len {
            c + 1
        } else {
            c + 1 + (byte - b - wide_len)
        }
    }

    /// The byte offset of code-point offset `ch`, or `None` past the end.
    pub fn to_byte(&self, ch: usize) -> Option<usize> {
        if ch > self.len_chars {
            return None;
        }
        if ch == self.len_chars {
            return Some(self.len_bytes);
        }
        let k = self.wide.partition_point(|&(_, c)| c < ch);
        // Either ch is the k-th wide char, or an ASCII char after wide char k-1.
        if k < self.wide.len() && self.wide[k].1 == ch {
            return Some(self.wide[k].0);
        }
        if k == 0 {
            return Some(ch);
        }
        let (b, c) = self.wide[k - 1];
        Some(b + self.char_len_at(k - 1) + (ch - c - 1))
    }

    /// Convert a byte span to a code-point span.
    pub fn span_to_chars(&self, span: Span) -> Span {
        Span::new(self.to_char(span.start), self.to_char(span.end))
    }

    fn char_len_at(&self, k: usize) -> usize {
        // The byte length of the wide char: distance to the next recorded
        // position is not enough (ASCII may follow), so derive it from counts.
        let (b, c) = self.wide[k];
        let next = match self.wide.get(k + 1) {
            Some(&(nb, nc)) => (nb, nc),
            None => (self.len_bytes, self.len_chars),
        };
        // bytes between = wide_len + ascii_count; chars between = 1 + ascii_count.
        (next.0 - b) - (next.1 - c - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_on_mixed_text() {
        let text = "a€b😀c d’e";
        let o = CharOffsets::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(o.to_char(bi), ci, "byte {bi}");
            assert_eq!(o.to_byte(ci), Some(bi), "char {ci}");
        }
        assert_eq!(o.to_char(text.len()), text.chars().count());
        assert_eq!(o.to_byte(text.chars().count() + 1), None);
    }

    #[test]
    fn span_text_is_safe() {
        let text = "é";
        assert_eq!(Span::new(1, 2).text(text), "");
        assert_eq!(Span::new(0, 9).text(text), "");
        assert_eq!(Span::new(0, 2).text(text), "é");
    }
}
