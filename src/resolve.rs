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
pub fn resolve(mut candidates: Vec<Candidate>, token_count: usize) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        let la = a.tokens.len();
        let lb = b.tokens.len();
        lb.cmp(&la).then(b.priority.cmp(&a.priority)).then(a.tokens.start.cmp(&b.tokens.start))
    });
    let mut taken = vec![false; token_count];
    let mut out = Vec::with_capacity(candidates.len());
    for c in candidates {
        if c.tokens.is_empty() || c.tokens.end > token_count {
            continue;
        }
        if taken[c.tokens.clone()].iter().any(|&t| t) {
            continue;
        }
        taken[c.tokens.clone()].iter_mut().for_each(|t| *t = true);
        out.push(c);
    }
    out.sort_by_key(|c| c.tokens.start);
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
