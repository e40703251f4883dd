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
use crate::lexicon::WordInfo;
use crate::resolve::{Candidate, PRIORITY_LIST};
use crate::tokenize::TokenFlags;
use std::collections::HashMap;

/// Priority of a short form: above a plain list hit, so "Jordan" after
/// "Michael Jordan" is the person, not the country.
const PRIORITY_SHORT_FORM: u8 = PRIORITY_LIST + 5;

/// Propose short forms of the names in `resolved` (the first round's result).
pub fn propose(cx: &Context<'_>, resolved: &[Candidate], out: &mut Vec<Candidate>) {
    // Parts of multiword person names, by normalised text.
    let mut parts: HashMap<&str, usize> = HashMap::new();
    // Tokens inside a multi-token mention, and single tokens claimed by a weak list entry.
    let mut in_multi = vec![false; cx.tokens.len()];
    let mut weak_single = vec![false; cx.tokens.len()];
    let mut org_acronyms: HashMap<String, usize> = HashMap::new();
    for (ci, c) in resolved.iter().enumerate() {
        if c.tokens.len() > 1 {
            in_multi[c.tokens.clone()].iter_mut().for_each(|x| *x = true);
        } else if c.priority == crate::resolve::PRIORITY_WEAK_LIST {
            weak_single[c.tokens.start] = true;
        }
        match c.kind {
            EntityKind::Person if c.tokens.len() >= 2 => {
                for k in c.tokens.clone() {
                    let t = &cx.tokens[k];
                    if !t.is(TokenFlags::WORD) || t.is(TokenFlags::ABBREVIATION) {
                        continue;
                    }
                    let word = cx.norm.token(k);
                    if word.chars().count() < 2 || cx.info[k].has(WordInfo::NON_NAME) {
                        continue;
                    }
                    parts.entry(word).or_insert(ci);
                }
            }
            EntityKind::Organization if c.tokens.len() >= 2 => {
                let initials: String = c
                    .tokens
                    .clone()
                    .filter(|&k| cx.tokens[k].is(TokenFlags::CAPITALIZED))
                    .filter_map(|k| cx.norm.token(k).chars().next())
                    .collect();
                if initials.chars().count() >= 2 {
                    org_acronyms.entry(initials).or_insert(ci);
                }
            }
            _ => {}
        }
    }
    if parts.is_empty() && org_acronyms.is_empty() {
        return;
    }
    for (i, t) in cx.tokens.iter().enumerate() {
        if !t.is(TokenFlags::WORD) || t.is(TokenFlags::POSSESSIVE) {
            continue;
        }
        let shouting = cx.shouting[i];
        if !shouting && !is_name_token(cx, i) {
            continue;
        }
        // Inside a longer mention: leave it alone.
        if in_multi[i] {
            continue;
        }
        let word = cx.norm.token(i);
        if let Some(_full) = parts.get(word) {
            if !shouting && cx.at_sentence_start(i) && is_ordinary_word(cx, i) {
                continue;
            }
            if matches!(cx.cover[i], Cover::Country | Cover::Demonym | Cover::Organization)
                && cx.cover_end[i] as usize > i + 1
            {
                continue;
            }
            // "Michael Jordan visited Jordan": a listed place stays a place unless the
            // words around it make it a speaker.
            if cx.cover[i].is_place() && !speaker_next(cx, i + 1) {
                let weak = weak_single[i];
                let locative = i > 0 && cx.vocab[i - 1].any(Vocab::LOCATIVE);
                if !weak || locative {
                    continue;
                }
            }
            out.push(short(cx, i, EntityKind::Person, Rule::ShortForm));
            continue;
        }
        if t.is(TokenFlags::ALL_CAPS) && !shouting && cx.cover[i] == Cover::None {
            let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
            if org_acronyms.contains_key(&letters) {
                out.push(short(cx, i, EntityKind::Organization, Rule::Acronym));
            }
        }
    }
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
    cx.vocab.get(i).is_some_and(|v| v.any(Vocab::SHORT_FORM_SPEECH))
}
