//! Short forms: a part of a full name found elsewhere in the document is a mention
//! of the same person ("Muttaqi" after "Amir Khan Muttaqi", "SHEARER" in a headline
//! above "Alan Shearer"), and an acronym that spells an organisation found in the
//! document is that organisation.
//!
//! The full names come from the first round of resolution; this round proposes the
//! short forms, which then compete with everything else in the final resolution.

use super::names::{is_name_token, is_ordinary_word};
use super::{Context, Cover, Vocab};
use crate::analysis::{EntityKind, FoundBy, MentionForm, Rule};
use crate::lexicon::BuildWordHasher;
use crate::lexicon::WordInfo;
use crate::resolve::{Candidate, PRIORITY_LIST};
use crate::tokenize::TokenFlags;
use std::collections::HashSet;

/// Priority of a short form: above a plain list hit, so "Jordan" after
/// "Michael Jordan" is the person, not the country.
const PRIORITY_SHORT_FORM: u8 = PRIORITY_LIST + 5;

/// Propose short forms of the names in `resolved` (the first round's result).
pub fn propose(cx: &Context<'_>, resolved: &[Candidate], out: &mut Vec<Candidate>) {
    propose_from(cx, resolved.iter(), out);
}

/// [`propose`] for the first round's result given as references, so the caller
/// need not copy the candidates it chose.
pub fn propose_from<'c>(
    cx: &Context<'_>,
    resolved: impl Iterator<Item = &'c Candidate>,
    out: &mut Vec<Candidate>,
) {
    // Parts of multiword person names, by normalised text.
    let mut parts: HashSet<&str, BuildWordHasher> = HashSet::default();
    // Per token: inside a multi-token mention, or a single token claimed by a weak
    // list entry.
    const IN_MULTI: u8 = 1;
    const WEAK_SINGLE: u8 = 2;
    let mut marks = vec![0u8; cx.tokens.len()];
    let mut org_acronyms: HashSet<String, BuildWordHasher> = HashSet::default();
    for c in resolved {
        if c.tokens.len() > 1 {
            marks[c.tokens.clone()].iter_mut().for_each(|x| *x |= IN_MULTI);
        } else if c.priority == crate::resolve::PRIORITY_WEAK_LIST {
            marks[c.tokens.start] |= WEAK_SINGLE;
        }
        match c.kind {
            EntityKind::Person if c.tokens.len() >= 2 => {
                for k in c.tokens.clone() {
                    let t = &cx.tokens[k];
                    if !t.is(TokenFlags::WORD) || t.is(TokenFlags::ABBREVIATION) {
                        continue;
                    }
                    let word = cx.norm.token(k);
                    if word.chars().nth(1).is_none() || cx.info(k).has(WordInfo::NON_NAME) {
                        continue;
                    }
                    parts.insert(word);
                }
            }
            EntityKind::Organization if c.tokens.len() >= 2 => {
                let initials: String = c
                    .tokens
                    .clone()
                    .filter(|&k| cx.tokens[k].is(TokenFlags::CAPITALIZED))
                    .filter_map(|k| cx.norm.token(k).chars().next())
                    .collect();
                if initials.chars().nth(1).is_some() {
                    org_acronyms.insert(initials);
                }
            }
            _ => {}
        }
    }
    if parts.is_empty() && org_acronyms.is_empty() {
        return;
    }
    let mut letters = String::new();
    // Outside headlines only name tokens can be short forms: visit those (among
    // the tokens runs start at) and the words of headlines.
    let shouting: Vec<usize> = cx.shouting.iter().flat_map(|s| s.clone()).collect();
    let merged: Vec<usize>;
    let visit = if shouting.is_empty() {
        cx.run_starts
    } else {
        merged = merge_sorted(cx.run_starts, &shouting);
        &merged
    };
    for &i in visit {
        let t = &cx.tokens[i];
        if !t.is(TokenFlags::WORD) || t.is(TokenFlags::POSSESSIVE) {
            continue;
        }
        let shouting = cx.shouting(i);
        if !shouting && !is_name_token(cx, i) {
            continue;
        }
        // Inside a longer mention: leave it alone.
        if marks[i] & IN_MULTI != 0 {
            continue;
        }
        let word = cx.norm.token(i);
        if parts.contains(word) {
            if !shouting && cx.at_sentence_start(i) && is_ordinary_word(cx, i) {
                continue;
            }
            if matches!(cx.cover(i), Cover::Country | Cover::Demonym | Cover::Organization)
                && cx.cover_end(i) > i + 1
            {
                continue;
            }
            // "Michael Jordan visited Jordan": a listed place stays a place unless the
            // words around it make it a speaker.
            if cx.cover(i).is_place() && !speaker_next(cx, i + 1) {
                let weak = marks[i] & WEAK_SINGLE != 0;
                let locative = i > 0 && cx.vocab(i - 1).any(Vocab::LOCATIVE);
                if !weak || locative {
                    continue;
                }
            }
            out.push(short(cx, i, EntityKind::Person, Rule::ShortForm));
            continue;
        }
        if t.is(TokenFlags::ALL_CAPS) && !shouting && cx.cover(i) == Cover::None && !org_acronyms.is_empty() {
            letters.clear();
            letters.extend(word.chars().filter(|c| c.is_alphabetic()));
            if org_acronyms.contains(&letters) {
                out.push(short(cx, i, EntityKind::Organization, Rule::Acronym));
            }
        }
    }
}

/// The union of two sorted lists of distinct indices, sorted.
fn merge_sorted(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

fn short(cx: &Context<'_>, i: usize, kind: EntityKind, rule: Rule) -> Candidate {
    Candidate {
        tokens: i..i + 1,
        span: cx.tokens[i].span,
        kind,
        form: MentionForm::Name,
        canonical: None,
        ids: None,
        found_by: FoundBy::Rule(rule),
        priority: PRIORITY_SHORT_FORM,
    }
}

/// Words after which a name is a place ("visited Jordan", "in Washington").
pub(crate) const LOCATIVE: &[&str] = &[
    "in",
    "to",
    "from",
    "at",
    "into",
    "near",
    "across",
    "toward",
    "towards",
    "visited",
    "visit",
    "visiting",
    "left",
    "leave",
    "leaving",
    "outside",
    "inside",
    "throughout",
    "via",
];

/// Speech verbs that make a listed place after a short form a speaker.
pub(crate) const SPEECH_AFTER: &[&str] = &["said", "says", "told", "added", "asked", "wrote", "tweeted"];

/// Whether a speech verb stands at token `i`.
fn speaker_next(cx: &Context<'_>, i: usize) -> bool {
    cx.vocab(i).any(Vocab::SHORT_FORM_SPEECH)
}
