//! Entity rules: turn list hits and token patterns into candidate mentions.
//!
//! This stage reads the tokens, the sentences, the word lists and the gazetteer
//! hits, and proposes [`Candidate`]s; [`resolve`](crate::resolve) then keeps one per
//! span. It runs in two rounds: lists and capitalised runs ([`names`]) first, then
//! short forms of the names found ([`short_forms`]) so "Muttaqi" and a headline's
//! "SHEARER" are people because the document names them in full.

pub mod facts;
pub mod names;
pub mod owners;
pub mod short_forms;
pub mod sports;

use crate::analysis::{FoundBy, MentionForm};
use crate::gazetteer::{Gazetteer, ListKind, ListMatch, Normalized};
pub use facts::{vocabulary, Shapes, TitleStarts, Vocab, WordFacts};

use crate::lexicon::{Lexicon, WordInfo};
use crate::resolve::{Candidate, Priority, PRIORITY_LIST, PRIORITY_USER_LIST, PRIORITY_WEAK_LIST};
use crate::span::Span;
use crate::tokenize::{Token, TokenFlags};
use std::ops::Range;

/// What list hit covers a token (the longest one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cover {
    /// No list hit.
    #[default]
    None,
    /// A country.
    Country,
    /// Another place.
    Place,
    /// An organisation.
    Organization,
    /// A person.
    Person,
    /// A nationality word.
    Demonym,
}

impl Cover {
    /// A country or other place.
    pub fn is_place(self) -> bool {
        matches!(self, Cover::Country | Cover::Place)
    }

    /// A list hit that a given name should not override (countries, organisations,
    /// demonyms; places may be people's names: "Paris Hilton").
    pub fn is_strong_list(self) -> bool {
        matches!(self, Cover::Country | Cover::Organization | Cover::Demonym)
    }
}

/// Everything the rules can read about one document.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Token ranges of the sentences.
    pub sentences: &'a [Range<usize>],
    /// Token ranges of the sentences in capitals (headlines), in order.
    pub shouting: &'a [Range<usize>],
    /// Normalised token text.
    pub norm: &'a Normalized,
    /// The word lists.
    pub lexicon: &'a Lexicon,
    /// What the word lists say about each token.
    pub facts: &'a WordFacts<'a>,
    /// In order, the tokens that are name tokens ([`names::is_name_token`]) or
    /// particles that may open a hyphenated name ("al" in "al-Assad"): every
    /// capitalised run starts at one of them, so the rules visit only these.
    pub run_starts: &'a [usize],
}

impl Context<'_> {
    /// The byte span of a token range.
    pub fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.tokens[range.start].span.start, self.tokens[range.end - 1].span.end)
    }

    /// Whether token `i` opens its sentence (after any opening quotes or brackets).
    #[inline]
    pub fn at_sentence_start(&self, i: usize) -> bool {
        self.facts.at_sentence_start(i)
    }

    /// Whether token `i` is in a sentence in capitals (a headline).
    #[inline]
    pub fn shouting(&self, i: usize) -> bool {
        self.facts.shouting(i)
    }

    /// The list hit covering token `i`.
    #[inline]
    pub fn cover(&self, i: usize) -> Cover {
        self.facts.cover(i)
    }

    /// Where the list hit covering token `i` ends (token index; `i + 1` when
    /// uncovered).
    #[inline]
    pub fn cover_end(&self, i: usize) -> usize {
        self.facts.cover_end(i)
    }

    /// What the word lists say about token `i` (see [`WordFacts::info`]).
    pub fn info(&self, i: usize) -> WordInfo {
        self.facts.info(i)
    }

    /// The closed word classes of token `i` (see [`WordFacts::vocab`]).
    pub fn vocab(&self, i: usize) -> Vocab {
        self.facts.vocab(i)
    }
}

/// The index of the first element of `sorted` at or after `position`, searching on
/// from `from` (the answer for an earlier position: a pass over sentences in order
/// then walks the list once) or else from the start.
pub(crate) fn seek(sorted: &[usize], from: usize, position: usize) -> usize {
    let mut k = from.min(sorted.len());
    if k > 0 && sorted[k - 1] >= position {
        return sorted.partition_point(|&p| p < position);
    }
    while k < sorted.len() && sorted[k] < position {
        k += 1;
    }
    k
}

/// Word-list facts for every token.
pub fn word_info(tokens: &[Token], norm: &Normalized, lexicon: &Lexicon) -> Vec<WordInfo> {
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| if t.is(TokenFlags::WORD) { lexicon.word(norm.token(i)) } else { WordInfo::default() })
        .collect()
}

/// Candidates from gazetteer hits. `user_lists` is the number of leading lists that
/// came from the user (they outrank the built-in ones).
pub fn list_candidates(
    tokens: &[Token],
    facts: &WordFacts<'_>,
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
            if !weak_context_ok(tokens, facts, hit) {
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
            span: Span::new(tokens[hit.tokens.start].span.start, tokens[hit.tokens.end - 1].span.end),
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
fn weak_context_ok(tokens: &[Token], facts: &WordFacts<'_>, hit: &ListMatch) -> bool {
    let glued = |i: usize| {
        let t = &tokens[i];
        t.is(TokenFlags::CAPITALIZED)
            && t.is(TokenFlags::WORD)
            && !t.is(TokenFlags::ALL_CAPS)
            && !facts.info(i).has(WordInfo::NON_NAME)
    };
    let prev_glued = hit.tokens.start.checked_sub(1).is_some_and(|p| {
        glued(p)
            && !tokens[hit.tokens.start].is(TokenFlags::LINE_BREAK_BEFORE)
            && !tokens[p].is(TokenFlags::TERMINAL)
    });
    let next = hit.tokens.end;
    let next_glued = next < tokens.len() && glued(next) && !tokens[next].is(TokenFlags::LINE_BREAK_BEFORE);
    !(prev_glued || next_glued)
}

/// Mark names used inside hyphenated modifiers ("U.S.-led", "Moscow-based",
/// "pro-Moscow", "ex-England") as [`MentionForm::Modifier`].
pub fn mark_modifiers(cx: &Context<'_>, resolved: &mut [Candidate]) {
    for c in resolved.iter_mut() {
        if c.form != MentionForm::Name {
            continue;
        }
        let (s, e) = (c.tokens.start, c.tokens.end);
        let dash_joined =
            |k: usize| cx.tokens.get(k).is_some_and(|t| t.is(TokenFlags::DASH) && t.is(TokenFlags::JOINED));
        // "Moscow-based": a dash and a lower-case word glued after the name.
        let after = dash_joined(e)
            && cx.tokens.get(e + 1).is_some_and(|t| {
                t.is(TokenFlags::JOINED) && t.is(TokenFlags::WORD) && !t.is(TokenFlags::CAPITALIZED)
            });
        // "pro-Moscow", "ex-England", "anti-NATO": a lower-case prefix glued before it.
        let before = s >= 2
            && cx.tokens[s].is(TokenFlags::JOINED)
            && cx.tokens[s - 1].is(TokenFlags::DASH)
            && cx.tokens[s - 1].is(TokenFlags::JOINED)
            && cx.tokens[s - 2].is(TokenFlags::WORD)
            && !cx.tokens[s - 2].is(TokenFlags::CAPITALIZED);
        if after || before {
            c.form = MentionForm::Modifier;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    /// The precomputed titles say what looking every token range up says.
    #[test]
    fn title_starts_match_lookups() {
        let lexicon = Lexicon::embedded().unwrap();
        let text = "Deputy Foreign Minister Ahmed met the prime minister, Vice President Lee, \
                    U.S. Secretary of State Rubio and the Chief Executive Officer of the bank. \
                    Mr. Rt. Hon. Sgt. Major Lt. Col. former acting deputy chief of staff said";
        let tokens = tokenize(text);
        let norm = Normalized::new(text, &tokens);
        let facts = WordFacts::new(&tokens, &norm, &lexicon);
        let titles: Vec<TitleStarts> = (0..tokens.len()).map(|i| facts.titles(i).unwrap()).collect();
        let max = lexicon.max_title_tokens().max(1);
        let mut found = 0;
        for (i, starts) in titles.iter().enumerate() {
            for end in i..=tokens.len() {
                let mut best = None;
                for n in 1..=max.min(end - i) {
                    if let Some(class) = lexicon.title(norm.tokens_text(i..i + n)) {
                        best = Some((n, class));
                    }
                }
                assert_eq!(starts.longest(end - i), best, "at {i}..{end}");
                found += usize::from(best.is_some_and(|(n, _)| n > 1));
            }
        }
        assert!(found > 10);
    }
}
