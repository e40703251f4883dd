//! Resolution: overlapping candidate mentions become at most one mention per span.
//!
//! Priorities, in order:
//! 1. more tokens wins ("New York Times" over "New York");
//! 2. then the higher [`Priority`] (user lists over built-in lists over rules);
//! 3. then the earlier start.
//!
//! Candidates are accepted greedily in that order; a candidate that overlaps one
//! already accepted is dropped. The result is sorted by position.

use crate::analysis::{EntityKind, FoundBy, MentionForm};
use crate::span::Span;
use std::ops::Range;
use std::sync::Arc;

/// How strongly a candidate claims its span; higher wins among equal lengths.
pub type Priority = u8;

/// Priority of a user list entry.
pub const PRIORITY_USER_LIST: Priority = 90;
/// Priority of a rule that is nearly certain (title + name, "X of Y").
pub const PRIORITY_STRONG_RULE: Priority = 70;
/// Priority of a built-in list entry.
pub const PRIORITY_LIST: Priority = 60;
/// Priority of a weak list entry (needs context).
pub const PRIORITY_WEAK_LIST: Priority = 40;
/// Priority of a guess from context.
pub const PRIORITY_GUESS: Priority = 20;

/// A possible mention before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Token indices covered.
    pub tokens: Range<usize>,
    /// Byte span.
    pub span: Span,
    /// Entity kind.
    pub kind: EntityKind,
    /// Name or demonym.
    pub form: MentionForm,
    /// Canonical name from a list, if known.
    pub canonical: Option<Arc<str>>,
    /// Identifiers from a list.
    pub ids: Option<Arc<[(String, String)]>>,
    /// What proposed it.
    pub found_by: FoundBy,
    /// Its claim strength.
    pub priority: Priority,
}

/// Pick non-overlapping candidates by the priorities above; the result is sorted
/// by start.
pub fn resolve(candidates: Vec<Candidate>, token_count: usize) -> Vec<Candidate> {
    let keep = select(&candidates, token_count);
    let mut slots: Vec<Option<Candidate>> = candidates.into_iter().map(Some).collect();
    keep.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// The same choice as [`resolve`], as indices into `candidates` sorted by start,
/// without moving the candidates.
pub fn select(candidates: &[Candidate], token_count: usize) -> Vec<usize> {
    // One sortable key per candidate: longer first, then higher priority, then
    // earlier start, then input order (so equal claims resolve deterministically).
    let mut order: Vec<(u64, u32)> = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.tokens.is_empty() && c.tokens.end <= token_count)
        .map(|(i, c)| {
            let len = (c.tokens.len().min(0xFFFF) as u64) ^ 0xFFFF;
            let priority = u64::from(u8::MAX - c.priority);
            let start = (c.tokens.start as u64).min((1 << 40) - 1);
            ((len << 48) | (priority << 40) | start, i as u32)
        })
        .collect();
    order.sort_unstable();
    let mut taken = vec![false; token_count];
    let mut out = Vec::new();
    for (_, i) in order {
        let range = candidates[i as usize].tokens.clone();
        if taken[range.clone()].iter().any(|&t| t) {
            continue;
        }
        taken[range].iter_mut().for_each(|t| *t = true);
        out.push(i as usize);
    }
    out.sort_unstable_by_key(|&i| candidates[i].tokens.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Rule;

    fn cand(tokens: Range<usize>, priority: Priority, kind: EntityKind) -> Candidate {
        Candidate {
            span: Span::new(tokens.start * 2, tokens.end * 2),
            tokens,
            kind,
            form: MentionForm::Name,
            canonical: None,
            ids: None,
            found_by: FoundBy::Rule(Rule::Context),
            priority,
        }
    }

    #[test]
    fn longest_then_priority_then_earliest() {
        let out = resolve(
            vec![
                cand(0..2, PRIORITY_LIST, EntityKind::Location),
                cand(0..3, PRIORITY_GUESS, EntityKind::Organization),
                cand(3..4, PRIORITY_GUESS, EntityKind::Person),
                cand(3..4, PRIORITY_LIST, EntityKind::Country),
                cand(5..7, PRIORITY_LIST, EntityKind::Location),
                cand(6..8, PRIORITY_LIST, EntityKind::Person),
            ],
            10,
        );
        let got: Vec<(Range<usize>, EntityKind)> = out.into_iter().map(|c| (c.tokens, c.kind)).collect();
        assert_eq!(
            got,
            [(0..3, EntityKind::Organization), (3..4, EntityKind::Country), (5..7, EntityKind::Location)]
        );
    }

    #[test]
    fn out_of_range_is_ignored() {
        assert!(resolve(vec![cand(3..9, PRIORITY_LIST, EntityKind::Person)], 4).is_empty());
    }
}
