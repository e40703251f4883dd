//! Segmentation: paragraphs and sentences over the token stream.
//!
//! Paragraphs end at blank lines, except a blank line that cuts a sentence in two
//! (the line before ends without closing punctuation and the next starts in lower
//! case: a stray break, as scraped text often has). Single line breaks end a
//! paragraph too, unless the text is hard-wrapped (most lines of similar, typewriter
//! width), where they are ordinary spaces.
//!
//! Sentences end at `.`, `!`, `?` and `…` (taking closing quotation marks and
//! brackets along) when what follows looks like a new sentence, never inside a
//! paragraph's "U.S. officials" or "Jan. 5", and always at a paragraph end.
//!
//! ```
//! use gazette::{segment::segment, tokenize::tokenize};
//! let text = "The U.S. envoy met Mr. Khan on Jan. 5. He said \"yes.\" Then he left.";
//! let tokens = tokenize(text);
//! let seg = segment(text, &tokens);
//! let sentences: Vec<&str> = seg.sentences.iter().map(|s| s.span.text(text)).collect();
//! assert_eq!(sentences, [
//!     "The U.S. envoy met Mr. Khan on Jan. 5.",
//!     "He said \"yes.\"",
//!     "Then he left.",
//! ]);
//! ```

use crate::span::Span;
use crate::tokenize::{Token, TokenFlags};
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;
use std::ops::Range;

/// A paragraph: its span and the tokens inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// From the first to the last token's end.
    pub span: Span,
    /// Indices into the token list.
    pub tokens: Range<usize>,
}

/// A sentence: its span, tokens and the paragraph it is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// From the first to the last token's end.
    pub span: Span,
    /// Indices into the token list.
    pub tokens: Range<usize>,
    /// Index of its paragraph.
    pub paragraph: usize,
}

/// Paragraphs and sentences of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segmentation {
    /// Paragraphs in text order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences in text order; each lies inside one paragraph.
    pub sentences: Vec<Sentence>,
}

/// Abbreviations that stand before a name or number and so never end a sentence.
const PRE_NAME: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Messrs.", "Dr.", "Sen.", "Sens.", "Rep.", "Reps.", "Gov.", "Gen.", "Lt.", "Col.",
    "Maj.", "Sgt.", "Capt.", "Cpl.", "Pvt.", "Adm.", "Cmdr.", "Cdr.", "Brig.", "Prof.", "Rev.", "Hon.",
    "Pres.", "Supt.", "Det.", "Insp.", "Amb.", "Atty.", "St.", "Mt.", "Ft.", "No.", "Nos.", "Mme.", "Mlle.",
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "vs.",
    "Fig.", "Vol.", "Op.",
];

/// Capitalised words that commonly open a sentence; after an abbreviation such as
/// "U.S." or "Inc." they signal a sentence break.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "Or",
    "So",
    "In",
    "On",
    "At",
    "For",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "My",
    "When",
    "While",
    "After",
    "Before",
    "As",
    "If",
    "Since",
    "Although",
    "However",
    "Meanwhile",
    "Still",
    "Yet",
    "Now",
    "Then",
    "Some",
    "Many",
    "Most",
    "Other",
    "Others",
    "Both",
    "Last",
    "Earlier",
    "Later",
    "According",
    "Under",
    "Despite",
    "With",
    "Without",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Officials",
    "THE",
];

/// Split the token stream of `text` into paragraphs and sentences.
pub fn segment(text: &str, tokens: &[Token]) -> Segmentation {
    if tokens.is_empty() {
        return Segmentation::default();
    }
    // Room for a sentence every 12 tokens and a paragraph every 20 (the generated
    // news corpus runs 15 and 24), so that the vectors seldom grow.
    let mut seg = Segmentation {
        paragraphs: Vec::with_capacity(tokens.len() / 20 + 4),
        sentences: Vec::with_capacity(tokens.len() / 12 + 4),
    };
    // Only a single line break asks whether the text is hard wrapped: most texts
    // break lines in pairs and are never scanned for it.
    let wrapped = HardWrap { text, known: OnceCell::new() };
    let wrapped = &wrapped;
    let mut para_start = 0;
    let mut sent_start = 0;
    let mut closing = ClosingRun::default();
    let mut i = 0;
    while i < tokens.len() {
        // Skip the common case, told by flags alone: no sentence end at a token, no
        // line break after it (what `paragraph_break` and `sentence_end` would say).
        i = next_stop(tokens, i);
        let next = i + 1;
        let para_break = next == tokens.len() || paragraph_break(text, tokens, next, wrapped);
        if para_break {
            push_sentence(&mut seg, tokens, sent_start..next);
            seg.paragraphs.push(Paragraph {
                span: Span::new(tokens[para_start].span.start, tokens[i].span.end),
                tokens: para_start..next,
            });
            para_start = next;
            sent_start = next;
            i = next;
            continue;
        }
        if let Some(end) = sentence_end(text, tokens, i, para_start, &mut closing) {
            // `end` is the index one past the sentence's last token.
            let crosses = (i + 1..end).any(|k| paragraph_break(text, tokens, k, wrapped));
            if !crosses && end < tokens.len() {
                push_sentence(&mut seg, tokens, sent_start..end);
                sent_start = end;
                // The closing marks taken along may end the paragraph too.
                if paragraph_break(text, tokens, end, wrapped) {
                    seg.paragraphs.push(Paragraph {
                        span: Span::new(tokens[para_start].span.start, tokens[end - 1].span.end),
                        tokens: para_start..end,
                    });
                    para_start = end;
                }
                i = end;
                continue;
            }
        }
        i = next;
    }
    seg
}

/// The first token from `i` on that may end a sentence or a paragraph, told by
/// flags alone: one with terminal punctuation or an abbreviation, or one before a line
/// break; or the last token. Each token's flags are read once (those of the four
/// tokens around the stop twice).
#[inline(always)]
fn next_stop(tokens: &[Token], i: usize) -> usize {
    const MARK: u32 = TokenFlags::TERMINAL.bits() | TokenFlags::ABBREVIATION.bits();
    const LINE: u32 = TokenFlags::LINE_BREAK_BEFORE.bits();
    if tokens.get(i).is_some_and(|t| t.flags.bits() & MARK != 0) {
        return i;
    }
    // Four tokens at a time: one test of their flags together, most often false (a
    // sentence runs about 15 tokens), then the token that stops it.
    let from = i + 1;
    let rest = tokens.get(from..).unwrap_or_default();
    let mut k = from;
    for block in rest.chunks_exact(4) {
        let any = block.iter().fold(0, |any, t| any | t.flags.bits());
        if any & (MARK | LINE) != 0 {
            break;
        }
        k += 4;
    }
    for (k, t) in tokens.iter().enumerate().skip(k) {
        let flags = t.flags.bits();
        if flags & (MARK | LINE) != 0 {
            // A line break before `k` stops at the token before it.
            return if flags & LINE != 0 { k - 1 } else { k };
        }
    }
    tokens.len().saturating_sub(1)
}

fn push_sentence(seg: &mut Segmentation, tokens: &[Token], range: Range<usize>) {
    if range.is_empty() {
        return;
    }
    seg.sentences.push(Sentence {
        span: Span::new(tokens[range.start].span.start, tokens[range.end - 1].span.end),
        tokens: range,
        paragraph: seg.paragraphs.len(),
    });
}

/// Whether a text is hard wrapped ([`is_hard_wrapped`]), found out when first asked.
struct HardWrap<'t> {
    text: &'t str,
    known: OnceCell<bool>,
}

impl HardWrap<'_> {
    /// [`is_hard_wrapped`] of the text.
    fn get(&self) -> bool {
        *self.known.get_or_init(|| is_hard_wrapped(self.text))
    }
}

/// Whether a paragraph starts at token `i`.
#[inline(always)]
fn paragraph_break(text: &str, tokens: &[Token], i: usize, wrapped: &HardWrap<'_>) -> bool {
    // Most tokens follow no line break: only those need a closer look.
    tokens[i].is(TokenFlags::LINE_BREAK_BEFORE)
        && i != 0
        && paragraph_break_after_line(text, tokens, i, wrapped)
}

/// [`paragraph_break`] at a token `i > 0` after a line break.
#[inline(never)]
fn paragraph_break_after_line(text: &str, tokens: &[Token], i: usize, wrapped: &HardWrap<'_>) -> bool {
    let t = &tokens[i];
    if !t.is(TokenFlags::BLANK_LINE_BEFORE) {
        return !wrapped.get();
    }
    // A blank line in mid-sentence is a stray break, not a paragraph: it is one
    // where the line before closes or the next does not start in lower case.
    let prev = &tokens[i - 1];
    prev.flags.intersects(TokenFlags::TERMINAL | TokenFlags::QUOTE_CLOSE | TokenFlags::ABBREVIATION)
        || matches!(prev.text(text), ":" | ")" | "]" | ";")
        || !t.text(text).chars().next().is_some_and(|c| c.is_lowercase())
}

/// The last run of closing tokens (quotes, brackets, more terminal punctuation)
/// found after a possible sentence end: scanning from any token in `from..=end`
/// stops at `end`. Remembered so that a run of `!!!!...` or `....` followed by no
/// sentence start is scanned once, not once per mark (which was quadratic).
#[derive(Debug, Clone, Copy, Default)]
struct ClosingRun {
    from: usize,
    end: usize,
}

/// If a sentence can end at token `i`, the index one past its last token.
#[inline(always)]
fn sentence_end(
    text: &str,
    tokens: &[Token],
    i: usize,
    para_start: usize,
    closing: &mut ClosingRun,
) -> Option<usize> {
    // Only terminal punctuation and abbreviations can end a sentence.
    if !tokens[i].flags.intersects(TokenFlags::TERMINAL | TokenFlags::ABBREVIATION) {
        return None;
    }
    sentence_end_at_mark(text, tokens, i, para_start, closing)
}

/// [`sentence_end`] at a terminal mark or an abbreviation (the only tokens it is
/// called for).
#[inline(never)]
fn sentence_end_at_mark(
    text: &str,
    tokens: &[Token],
    i: usize,
    para_start: usize,
    closing: &mut ClosingRun,
) -> Option<usize> {
    let t = &tokens[i];
    let is_abbrev = t.is(TokenFlags::ABBREVIATION);
    // Take closing quotes and brackets along.
    let end = if (closing.from..=closing.end).contains(&(i + 1)) {
        closing.end
    } else {
        let mut end = i + 1;
        while end < tokens.len() {
            let n = &tokens[end];
            if n.is(TokenFlags::LINE_BREAK_BEFORE) {
                break;
            }
            let closes = (n.is(TokenFlags::QUOTE_CLOSE) && !n.is(TokenFlags::QUOTE_OPEN))
                || (n.is(TokenFlags::QUOTE_CLOSE) && n.is(TokenFlags::JOINED))
                || (n.is(TokenFlags::TERMINAL) && n.is(TokenFlags::JOINED))
                || (n.span.len() == 1 && matches!(n.text(text), ")" | "]"));
            if closes {
                end += 1;
            } else {
                break;
            }
        }
        *closing = ClosingRun { from: i + 1, end };
        end
    };
    let next = tokens.get(end)?;
    if next.is(TokenFlags::LINE_BREAK_BEFORE) {
        return Some(end);
    }
    let next_starts_sentence = next.is(TokenFlags::CAPITALIZED)
        || (next.is(TokenFlags::DIGIT) && !next.is(TokenFlags::WORD))
        || (next.is(TokenFlags::QUOTE_OPEN) && !next.is(TokenFlags::JOINED));
    if !next_starts_sentence {
        return None;
    }
    if is_abbrev {
        let s = t.text(text);
        if PRE_NAME.contains(&s) || is_initial(s) {
            return None;
        }
        return SENTENCE_STARTERS.contains(&next.text(text)).then_some(end);
    }
    // "...". An ellipsis inside a sentence is followed by lower case, handled above.
    // A lone "." after a one-letter token inside a list ("A. B.") is rare; accept.
    let _ = para_start;
    Some(end)
}

fn is_initial(s: &str) -> bool {
    let mut c = s.chars();
    matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
}

/// Whether single line breaks in `text` are wrapping rather than paragraph breaks:
/// at least three lines that are followed by another non-blank line, three quarters of
/// them between 45 and 100 characters long.
fn is_hard_wrapped(text: &str) -> bool {
    let mut continued = 0usize;
    let mut typewriter = 0usize;
    let mut lines = lines(text);
    let Some(mut line) = lines.next() else { return false };
    let mut line_blank = is_blank(line);
    for next in lines {
        let next_blank = is_blank(next);
        if !line_blank && !next_blank {
            continued += 1;
            // No more characters than bytes: a short line is not counted.
            if line.len() >= 45 && (45..=100).contains(&line.chars().count()) {
                typewriter += 1;
            }
        }
        line = next;
        line_blank = next_blank;
    }
    continued >= 3 && typewriter * 4 >= continued * 3
}

/// The lines of `text`, as `str::lines` gives them (split at `\n` and `\r\n`), found
/// with a newline search that compiles to vector instructions.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let end = find_newline(bytes, start);
        // `\n` is ASCII, so `end` is a character boundary.
        let line = &text[start..end];
        start = end + 1;
        if end < bytes.len() {
            return Some(line.strip_suffix('\r').unwrap_or(line));
        }
        Some(line)
    })
}

/// The offset of the first `\n` in `bytes` from `from` on, or `bytes.len()`.
fn find_newline(bytes: &[u8], from: usize) -> usize {
    const BLOCK: usize = 32;
    let rest = bytes.get(from..).unwrap_or_default();
    let mut blocks = rest.chunks_exact(BLOCK);
    let mut offset = from;
    for block in &mut blocks {
        // No early exit inside the block, so the compiler compares it at once.
        if block.iter().fold(false, |found, &b| found | (b == b'\n')) {
            // Where: eight bytes at a time (the lowest byte that is 0 after the
            // `^` is found exactly by the `- 1` borrow trick).
            for (k, word) in block.chunks_exact(8).enumerate() {
                let mut le = [0; 8];
                le.copy_from_slice(word);
                let x = u64::from_le_bytes(le) ^ 0x0a0a_0a0a_0a0a_0a0a;
                let zero = x.wrapping_sub(0x0101_0101_0101_0101) & !x & 0x8080_8080_8080_8080;
                if zero != 0 {
                    return offset + 8 * k + (zero.trailing_zeros() / 8) as usize;
                }
            }
        }
        offset += BLOCK;
    }
    blocks.remainder().iter().position(|&b| b == b'\n').map_or(bytes.len(), |k| offset + k)
}

/// Whether `line` is only whitespace (`line.trim().is_empty()`), looking at its
/// first bytes only when they settle it.
fn is_blank(line: &str) -> bool {
    match line.bytes().find(|b| !matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')) {
        None => true,
        Some(b) if b < 0x80 => false,
        Some(_) => line.trim().is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn sentences(text: &str) -> Vec<&str> {
        let t = tokenize(text);
        segment(text, &t).sentences.iter().map(|s| s.span.text(text)).collect()
    }

    fn paragraphs(text: &str) -> Vec<&str> {
        let t = tokenize(text);
        segment(text, &t).paragraphs.iter().map(|s| s.span.text(text)).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("U.S. officials met on Jan. 5 in St. Louis. The talks failed."),
            ["U.S. officials met on Jan. 5 in St. Louis.", "The talks failed."]
        );
        assert_eq!(
            sentences("The deal was signed by Acme Inc. The shares rose."),
            ["The deal was signed by Acme Inc.", "The shares rose."]
        );
        assert_eq!(sentences("J. K. Rowling wrote it."), ["J. K. Rowling wrote it."]);
    }

    #[test]
    fn questions_and_quotes() {
        assert_eq!(
            sentences("\"Why now?\" he asked. \"Because.\" She left!"),
            ["\"Why now?\" he asked.", "\"Because.\"", "She left!"]
        );
    }

    #[test]
    fn blank_lines_make_paragraphs() {
        assert_eq!(paragraphs("One.\n\nTwo.\n\n\nThree"), ["One.", "Two.", "Three"]);
    }

    #[test]
    fn stray_blank_line_inside_a_sentence_is_not_a_paragraph() {
        let text = "\"Now that the process has\n\nstarted, we lead,\" he said.\n\nNext one.";
        assert_eq!(
            paragraphs(text),
            ["\"Now that the process has\n\nstarted, we lead,\" he said.", "Next one."]
        );
    }

    #[test]
    fn single_line_breaks_are_paragraphs_unless_wrapped() {
        assert_eq!(
            paragraphs("Headline here\nFirst line.\nSecond."),
            ["Headline here", "First line.", "Second."]
        );
        let wrapped = "This is a long line of a hard wrapped text that goes on\n\
                       and on across the page until it reaches the margin and\n\
                       then continues on the next line just like a typewriter\n\
                       would have done it in the old days of the newsroom.";
        assert_eq!(paragraphs(wrapped).len(), 1);
        assert_eq!(sentences(wrapped).len(), 1);
    }

    #[test]
    fn a_paragraph_ending_in_a_closing_quote_ends_there() {
        // Regression: the closing mark was taken into the sentence and the paragraph
        // break after it was missed, gluing two paragraphs together.
        let text = "He said \"We won.\"\n\n\"And we will win again.\"";
        assert_eq!(paragraphs(text), ["He said \"We won.\"", "\"And we will win again.\""]);
    }

    #[test]
    fn runs_of_terminal_marks() {
        assert_eq!(sentences("He left!!! Then he came back."), ["He left!!!", "Then he came back."]);
        assert_eq!(sentences("He left... and came back?!?! Yes."), ["He left... and came back?!?!", "Yes."]);
        assert_eq!(sentences("Wait.....\") Now."), ["Wait.....\")", "Now."]);
    }

    #[test]
    fn a_long_run_of_marks_is_scanned_once() {
        // Regression: each mark of a run not followed by a sentence start scanned the
        // rest of the run again (50,000 periods took seconds).
        let text = format!("Kabul {} and then", ".".repeat(200_000));
        let t = tokenize(&text);
        let seg = segment(&text, &t);
        assert_eq!(seg.sentences.len(), 1);
    }

    #[test]
    fn lines_are_those_of_str_lines() {
        let long = format!("{}\n{}\r\n\r\n{}", "a".repeat(40), "é".repeat(17), "b\r".repeat(9));
        let mut texts = vec![long];
        for at in 0..100 {
            let mut text = "x".repeat(100);
            text.replace_range(at..at + 1, "\n");
            texts.push(text.clone());
            text.replace_range(at / 2..at / 2 + 1, "\n");
            texts.push(text);
        }
        for text in ["", "\n", "\n\n", "a", "a\n", "a\r", "a\r\n", "\r\n", "\ra\r\nb\n\r", "x\ny"]
            .into_iter()
            .chain(texts.iter().map(String::as_str))
        {
            assert_eq!(lines(text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>(), "{text:?}");
            for from in 0..=text.len() {
                let expected =
                    text.as_bytes()[from..].iter().position(|&b| b == b'\n').map_or(text.len(), |k| from + k);
                assert_eq!(find_newline(text.as_bytes(), from), expected);
            }
        }
    }

    #[test]
    fn blank_lines_are_those_trim_empties() {
        for line in [
            "",
            " ",
            "\t\x0b\x0c\r ",
            " \u{a0}\u{2028} ",
            " \u{a0}x",
            "\x1c",
            " x ",
            "\u{85}",
            "é",
            "  \u{3000}",
        ] {
            assert_eq!(is_blank(line), line.trim().is_empty(), "{line:?}");
        }
    }

    #[test]
    fn empty_text() {
        assert!(sentences("").is_empty());
        assert!(sentences("   \n\n ").is_empty());
    }
}
