//! Entity rules: turn list hits and token patterns into candidate mentions.
//!
//! This stage reads the tokens, the sentences and the gazetteer hits, and proposes
//! [`Candidate`]s; [`resolve`](crate::resolve) then keeps one per span.

use crate::analysis::{FoundBy, MentionForm};
use crate::gazetteer::{Gazetteer, ListKind, ListMatch};
use crate::resolve::{Candidate, Priority, PRIORITY_LIST, PRIORITY_USER_LIST, PRIORITY_WEAK_LIST};
use crate::span::Span;
use crate::tokenize::{Token, TokenFlags};

/// Everything the rules can read about one document.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Index of the first token of the sentence each token is in.
    pub sentence_start: &'a [u32],
}

impl Context<'_> {
    /// The byte span of a token range.
    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.tokens[range.start].span.start, self.tokens[range.end - 1].span.end)
    }

    /// Whether token `i` opens its sentence (after any opening quotes or brackets).
    pub fn at_sentence_start(&self, i: usize) -> bool {
        let s = self.sentence_start[i] as usize;
        (s..i).all(|k| {
            let t = &self.tokens[k];
            t.is(TokenFlags::QUOTE_OPEN) || t.is(TokenFlags::PUNCT)
        })
    }

    /// Whether token `i` is a capitalised word.
    pub fn is_capitalized(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.is(TokenFlags::CAPITALIZED))
    }
}

/// Candidates from gazetteer hits. `user_lists` is the number of leading lists that
/// came from the user (they outrank the built-in ones).
pub fn list_candidates(
    cx: &Context<'_>,
    gazetteer: &Gazetteer,
    hits: &[ListMatch],
    user_lists: usize,
    out: &mut Vec<Candidate>,
) {
    for hit in hits {
        let entry = gazetteer.entry(hit.entry);
        let e = &entry.source;
        let user = (entry.list as usize) < user_lists;
        let mut priority: Priority = if user { PRIORITY_USER_LIST } else { PRIORITY_LIST };
        if e.weak && !user {
            if !weak_context_ok(cx, hit) {
                continue;
            }
            priority = PRIORITY_WEAK_LIST;
        }
        let form = match e.kind {
            ListKind::Demonym => MentionForm::Demonym,
            ListKind::Entity(_) => MentionForm::Name,
        };
        out.push(Candidate {
            tokens: hit.tokens.clone(),
            span: cx.span(hit.tokens.clone()),
            kind: e.kind.entity_kind(),
            form,
            canonical: Some(e.canonical.clone()),
            ids: Some(e.ids.clone()),
            found_by: FoundBy::List(gazetteer.list_names()[entry.list as usize].clone()),
            priority,
        });
    }
}

/// A weak entry ("Georgia", "Jordan") stands as a place only when it is not glued
/// to other capitalised words, which would make it part of a person's name
/// ("Michael Jordan", "Georgia Smith").
fn weak_context_ok(cx: &Context<'_>, hit: &ListMatch) -> bool {
    let prev = hit.tokens.start.checked_sub(1);
    let next = hit.tokens.end;
    let glued = |i: usize| {
        let t = &cx.tokens[i];
        t.is(TokenFlags::CAPITALIZED) && t.is(TokenFlags::WORD) && !t.is(TokenFlags::ALL_CAPS)
    };
    let prev_glued = prev.is_some_and(|p| glued(p) && !cx.at_sentence_start(p));
    let next_glued =
        next < cx.tokens.len() && glued(next) && !cx.tokens[next].is(TokenFlags::LINE_BREAK_BEFORE);
    !(prev_glued || next_glued)
}
