//! Quotations: pairing quotation marks and attributing each quotation to a speaker
//! through a cue ("said", "told", "according to").

use crate::analysis::{Entity, Mention, Quote};
use crate::segment::Segmentation;
use crate::tokenize::Token;

/// What the quotation stage reads: the text, its tokens and segments, and the
/// entity mentions found before it.
#[derive(Debug, Clone, Copy)]
pub struct QuoteInput<'a> {
    /// The text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Its paragraphs and sentences.
    pub segmentation: &'a Segmentation,
    /// Entity mentions, sorted, non-overlapping.
    pub mentions: &'a [Mention],
    /// Entities the mentions belong to.
    pub entities: &'a [Entity],
}

/// Find the quotations of a document, in text order.
pub fn find_quotes(input: &QuoteInput<'_>) -> Vec<Quote> {
    let _ = input;
    Vec::new()
}
