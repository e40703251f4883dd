//! Resolution: overlapping candidate mentions become at most one mention per span.
//!
//! Priorities, in order:
//! 1. more tokens wins ("New York Times" over "New York");
//! 2. then the higher [`Priority`] (user lists over built-in lists over rules);
//! 3. then the earlier start.
//!
//! Candidates are accepted greedily in that order; a candidate that overlaps one
//! already accepted is dropped. The result is sorted by position.

use crate::analysis::{EntityKind, FoundBy, MentionForm, Rule};
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
    take(candidates, &keep)
}

/// The candidates at `keep`, in that order, moved out of `candidates`.
pub(crate) fn take(mut candidates: Vec<Candidate>, keep: &[usize]) -> Vec<Candidate> {
    // Move the chosen ones out: what a candidate owns is taken, leaving nothing to
    // drop, and the rest copied (cheaper than writing a whole empty candidate back).
    keep.iter()
        .map(|&i| {
            let c = &mut candidates[i];
            Candidate {
                tokens: c.tokens.clone(),
                span: c.span,
                kind: c.kind,
                form: c.form,
                canonical: c.canonical.take(),
                ids: c.ids.take(),
                found_by: std::mem::replace(&mut c.found_by, FoundBy::Rule(Rule::Context)),
                priority: c.priority,
            }
        })
        .collect()
}

/// The same choice as [`resolve`], as indices into `candidates` sorted by start,
/// without moving the candidates.
pub fn select(candidates: &[Candidate], token_count: usize) -> Vec<usize> {
    choose(candidates, &by_start(candidates, 0, token_count))
}

/// [`select`] over a list of candidates that grows between choices (the rules'
/// two rounds): the candidates already ordered by start stay so, and only those
/// added since the last choice are sorted and merged in.
#[derive(Debug, Default)]
pub(crate) struct Rounds {
    /// The keys of [`by_start`] for the candidates seen so far.
    by_start: Vec<u64>,
    /// How many candidates were seen.
    seen: usize,
    /// The keys added by the last call, set aside while they are merged in.
    added: Vec<u64>,
}

impl Rounds {
    /// [`select`] over `candidates`, whose first candidates must be those of
    /// the last call, unchanged.
    pub(crate) fn select(&mut self, candidates: &[Candidate], token_count: usize) -> Vec<usize> {
        let from = self.seen.min(candidates.len());
        self.seen = candidates.len();
        let old = self.by_start.len();
        push_keys(candidates, from, token_count, &mut self.by_start);
        self.by_start[old..].sort();
        if old > 0 {
            merge_added(&mut self.by_start, old, &mut self.added);
        }
        choose(candidates, &self.by_start)
    }
}

/// Merge the sorted keys from `old` on into the sorted keys before it, from the
/// back: each added key, from the last, moves the old keys greater than it up by
/// the number of added keys still to place (one block copy), then takes its place.
/// `added` is scratch room for the added keys. Keys are distinct.
fn merge_added(keys: &mut [u64], old: usize, added: &mut Vec<u64>) {
    added.clear();
    added.extend_from_slice(keys.get(old..).unwrap_or_default());
    // `keys[..rest]` are the old keys not yet moved; `added[..b]` the added keys
    // not yet placed; they go to `keys[..rest + b]`.
    let mut rest = old.min(keys.len());
    for (b, &key) in added.iter().enumerate().rev() {
        while rest > 0 && keys[rest - 1] > key {
            keys[rest + b] = keys[rest - 1];
            rest -= 1;
        }
        keys[rest + b] = key;
    }
}

/// The valid candidates from index `from` on by start (then input order), as
/// start << 32 | index (token and candidate counts fit 32 bits: offsets
/// elsewhere are 32 bits), sorted.
fn by_start(candidates: &[Candidate], from: usize, token_count: usize) -> Vec<u64> {
    let mut by_start = Vec::new();
    push_keys(candidates, from, token_count, &mut by_start);
    // Candidates come in a few runs already sorted (lists, runs, short forms),
    // which the sort merges cheaply; keys are distinct, so any sort gives one order.
    by_start.sort();
    by_start
}

/// Append the keys of [`by_start`] for the valid candidates from index `from` on,
/// unsorted, with room made once for all of them.
fn push_keys(candidates: &[Candidate], from: usize, token_count: usize, keys: &mut Vec<u64>) {
    let added = candidates.get(from..).unwrap_or_default();
    keys.reserve(added.len());
    keys.extend(
        added
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.tokens.is_empty() && c.tokens.end <= token_count)
            .map(|(i, c)| (c.tokens.start as u64) << 32 | (from + i) as u64),
    );
}

/// The choice of [`select`] among the candidates of `by_start` (see [`by_start`]).
///
/// Greedy acceptance in priority order only ever compares candidates that overlap,
/// so it runs on each group of chained overlapping candidates on its own (most
/// are a single candidate, which needs no sorting), with the same order inside
/// each group; the groups come in text order, so the result needs no final sort.
fn choose(candidates: &[Candidate], by_start: &[u64]) -> Vec<usize> {
    let end_of = |key: u64| candidates.get(index_of(key)).map_or(0, |c| c.tokens.end);
    let mut out = Vec::with_capacity(by_start.len());
    let mut scratch = Scratch::default();
    let mut k = 0;
    while let Some(&key) = by_start.get(k) {
        // The group: every candidate starting before the furthest end so far.
        let mut end = end_of(key);
        let mut g = k + 1;
        while let Some(&next) = by_start.get(g) {
            if start_of(next) >= end {
                break;
            }
            end = end.max(end_of(next));
            g += 1;
        }
        match by_start.get(k..g).unwrap_or_default() {
            // Most candidates overlap no other.
            [_] => out.push(index_of(key)),
            // Two candidates (a list hit and a run over the same words, most
            // often): the second starts inside the first, so the stronger claim
            // alone is kept, with no sorting or marking.
            &[a, b] => out.push(claim(candidates, a).min(claim(candidates, b)).1 as usize),
            group => scratch.choose(candidates, group, end, &mut out),
        }
        k = g;
    }
    out
}

/// The start token of a key of [`by_start`].
#[inline]
fn start_of(key: u64) -> usize {
    (key >> 32) as usize
}

/// The candidate index of a key of [`by_start`].
#[inline]
fn index_of(key: u64) -> usize {
    (key & 0xFFFF_FFFF) as usize
}

/// One sortable key per candidate (of a [`by_start`] key): longer first, then
/// higher priority, then earlier start, then input order (so equal claims resolve
/// deterministically).
#[inline]
fn claim(candidates: &[Candidate], key: u64) -> (u64, u32) {
    let i = index_of(key);
    let (len, priority, start) =
        candidates.get(i).map_or((0, 0, 0), |c| (c.tokens.len(), c.priority, c.tokens.start));
    let len = (len.min(0xFFFF) as u64) ^ 0xFFFF;
    let priority = u64::from(u8::MAX - priority);
    let start = (start as u64).min((1 << 40) - 1);
    ((len << 48) | (priority << 40) | start, i as u32)
}

/// Room reused by [`choose`] for the groups of three or more candidates.
#[derive(Default)]
struct Scratch {
    group: Vec<(u64, u32)>,
    accepted: Vec<usize>,
    /// The tokens taken in the current group, from its first token.
    taken: Vec<bool>,
}

impl Scratch {
    /// Greedy acceptance in claim order among `keys` (a group of chained
    /// overlapping candidates ending at token `end`), the accepted ones appended
    /// to `out` by start.
    #[inline(never)]
    fn choose(&mut self, candidates: &[Candidate], keys: &[u64], end: usize, out: &mut Vec<usize>) {
        let first = keys.first().map_or(0, |&key| start_of(key));
        self.group.clear();
        self.group.extend(keys.iter().map(|&key| claim(candidates, key)));
        self.group.sort_unstable();
        self.accepted.clear();
        self.taken.clear();
        self.taken.resize(end - first, false);
        for &(_, i) in &self.group {
            let range = candidates[i as usize].tokens.clone();
            let range = range.start - first..range.end - first;
            if self.taken[range.clone()].iter().any(|&t| t) {
                continue;
            }
            self.taken[range].iter_mut().for_each(|t| *t = true);
            self.accepted.push(i as usize);
        }
        self.accepted.sort_unstable_by_key(|&i| candidates[i].tokens.start);
        out.extend_from_slice(&self.accepted);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// The order-then-greedy choice over all candidates at once, as `select`
    /// once made it.
    fn select_reference(candidates: &[Candidate], token_count: usize) -> Vec<usize> {
        let mut order: Vec<(u64, u32)> = candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.tokens.is_empty() && c.tokens.end <= token_count)
            .map(|(i, c)| {
                let len = (c.tokens.len().min(0xFFFF) as u64) ^ 0xFFFF;
                let priority = u64::from(u8::MAX - c.priority);
                ((len << 48) | (priority << 40) | c.tokens.start as u64, i as u32)
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

    /// A small deterministic generator: `next(n)` is below `n`.
    fn xorshift(mut seed: u64) -> impl FnMut(u64) -> usize {
        move |n| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        }
    }

    #[test]
    fn groups_choose_as_one_global_order() {
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        for round in 0..500 {
            let token_count = 1 + next(60);
            let mut candidates = Vec::new();
            for _ in 0..next(40) {
                let start = next(token_count as u64 + 2);
                let end = start + next(5);
                let priority = [PRIORITY_GUESS, PRIORITY_LIST, PRIORITY_STRONG_RULE][next(3)];
                candidates.push(cand(start..end, priority, EntityKind::Person));
            }
            assert_eq!(
                select(&candidates, token_count),
                select_reference(&candidates, token_count),
                "round {round}: {candidates:?}"
            );
        }
    }

    #[test]
    fn second_round_merges_as_one_sort() {
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
        for round in 0..300 {
            let token_count = 1 + next(60);
            let mut candidates = Vec::new();
            let first = next(30);
            for k in 0..first + next(20) {
                let start = next(token_count as u64 + 2);
                let end = start + next(5);
                let priority = [PRIORITY_GUESS, PRIORITY_LIST, PRIORITY_STRONG_RULE][k % 3];
                candidates.push(cand(start..end, priority, EntityKind::Person));
            }
            let mut rounds = Rounds::default();
            let head = &candidates[..first];
            assert_eq!(rounds.select(head, token_count), select(head, token_count), "round {round}");
            assert_eq!(
                rounds.select(&candidates, token_count),
                select(&candidates, token_count),
                "round {round}: {candidates:?}"
            );
        }
    }

    #[test]
    fn out_of_range_is_ignored() {
        assert!(resolve(vec![cand(3..9, PRIORITY_LIST, EntityKind::Person)], 4).is_empty());
    }
}
