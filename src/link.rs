//! Linking: mentions of the same thing in one document become one entity.
//!
//! - List mentions with the same kind and canonical name are one entity ("U.S.",
//!   "United States" and "America"); demonyms join their country's entity.
//! - A person mention that is a part of a longer person name in the same document
//!   ("Muttaqi", "Amir Khan Muttaqi") joins that name's entity, whether it comes before
//!   or after the full form; when two full names share the part, the nearest one
//!   before the mention wins (else the nearest after).
//! - An organisation written as the initials of another organisation mention
//!   ("NATO" / "North Atlantic Treaty Organization" is a list alias; "PTI" after
//!   "Pakistan Tehreek-e-Insaf (PTI)") joins it.
//! - Other mentions are keyed by kind and text.
//!
//! An entity's name is its list canonical name, or else its longest mention.

use crate::analysis::{Entity, EntityKind, Mention, MentionForm};
use crate::lexicon::BuildWordHasher;
use crate::resolve::Candidate;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// How many distinct full names a multiword short form is compared with (they are
/// tried in order of first appearance). Real documents have a handful.
const MAX_HOLDERS: usize = 64;

/// Build mentions and entities from resolved candidates (sorted by start).
pub fn link(text: &str, candidates: Vec<Candidate>) -> (Vec<Mention>, Vec<Entity>) {
    let mut entities: Vec<Entity> = Vec::new();
    let mut mentions: Vec<Mention> = Vec::with_capacity(candidates.len());
    let mut by_key: HashMap<(EntityKind, Arc<str>), usize, BuildWordHasher> = HashMap::default();
    // Byte length of the text each entity's name was taken from.
    let mut name_len: Vec<usize> = Vec::new();

    // Distinct full person names (two or more words), where each occurs (candidate
    // indices in text order), and which distinct names hold each word: a short form
    // looks only at the few distinct names that hold its first word.
    let mut distinct: HashMap<Vec<&str>, usize, BuildWordHasher> = HashMap::default();
    let mut full_names: Vec<(Vec<&str>, Vec<usize>)> = Vec::new();
    let mut names_with_word: HashMap<&str, Vec<usize>, BuildWordHasher> = HashMap::default();
    // Candidate indices of the full names holding each word, in text order.
    let mut occurrences_with_word: HashMap<&str, Vec<usize>, BuildWordHasher> = HashMap::default();
    for (i, c) in candidates.iter().enumerate() {
        if c.kind != EntityKind::Person || c.canonical.is_some() {
            continue;
        }
        let words: Vec<&str> = name_words(c.span.text(text));
        if words.len() < 2 {
            continue;
        }
        let id = *distinct.entry(words.clone()).or_insert_with(|| {
            for w in &words {
                let list = names_with_word.entry(w).or_default();
                if list.last() != Some(&full_names.len()) {
                    list.push(full_names.len());
                }
            }
            full_names.push((words, Vec::new()));
            full_names.len() - 1
        });
        full_names[id].1.push(i);
        for w in &full_names[id].0 {
            let at = occurrences_with_word.entry(w).or_default();
            if at.last() != Some(&i) {
                at.push(i);
            }
        }
    }
    // Organisation acronyms: initials of multiword organisation names.
    let mut org_initials: HashMap<String, usize> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        if c.kind == EntityKind::Organization {
            let words = name_words(c.span.text(text));
            if words.len() >= 2 {
                let initials: String = words
                    .iter()
                    .filter(|w| w.chars().next().is_some_and(|ch| ch.is_uppercase()))
                    .filter_map(|w| w.chars().next())
                    .collect();
                if initials.chars().count() >= 2 {
                    org_initials.entry(initials).or_insert(i);
                }
            }
        }
    }

    // Which candidate each candidate links to (itself when it is its own head).
    let mut head: Vec<usize> = (0..candidates.len()).collect();
    for (i, c) in candidates.iter().enumerate() {
        if c.canonical.is_some() {
            continue;
        }
        let surface = c.span.text(text);
        match c.kind {
            EntityKind::Person => {
                let words = name_words(surface);
                if words.is_empty() {
                    continue;
                }
                let contains = |full: &[&str]| {
                    full.len() > words.len() && full.windows(words.len()).any(|w| w == words.as_slice())
                };
                // One word (the usual short form): every full name holding it qualifies,
                // so the nearest one is a binary search in its occurrences.
                if words.len() == 1 {
                    let Some(at) = occurrences_with_word.get(words[0]) else { continue };
                    let split = at.partition_point(|&j| j < i);
                    let before = split.checked_sub(1).map(|k| at[k]);
                    let after = at.get(split).copied().filter(|&j| j > i);
                    if let Some(j) = before.or(after) {
                        head[i] = j;
                    }
                    continue;
                }
                // Several words: only the full names that hold the first word can hold
                // them all; look at a bounded number of them.
                let Some(holders) = names_with_word.get(words[0]) else { continue };
                // The nearest occurrence of a longer name before the mention, else after.
                let mut before: Option<usize> = None;
                let mut after: Option<usize> = None;
                for &id in holders.iter().take(MAX_HOLDERS) {
                    let (full, at) = &full_names[id];
                    if !contains(full) {
                        continue;
                    }
                    let split = at.partition_point(|&j| j < i);
                    if let Some(&j) = split.checked_sub(1).and_then(|k| at.get(k)) {
                        before = Some(before.map_or(j, |b| b.max(j)));
                    }
                    if let Some(&j) = at.get(split).filter(|&&j| j > i) {
                        after = Some(after.map_or(j, |a| a.min(j)));
                    }
                }
                if let Some(j) = before.or(after) {
                    head[i] = j;
                }
            }
            EntityKind::Organization
                if surface.chars().count() >= 2
                    && surface.chars().all(|ch| ch.is_uppercase() || ch == '.') =>
            {
                let letters: String = surface.chars().filter(|ch| *ch != '.').collect();
                if let Some(&j) = org_initials.get(&letters) {
                    if j != i {
                        head[i] = j;
                    }
                }
            }
            _ => {}
        }
    }
    // Follow links to their end (a chain is at most a few steps; bounded anyway).
    for i in 0..head.len() {
        let mut h = head[i];
        let mut steps = 0;
        while head[h] != h && steps < 8 {
            h = head[h];
            steps += 1;
        }
        head[i] = h;
    }

    let mut entity_of_candidate: Vec<usize> = vec![usize::MAX; candidates.len()];
    for (i, c) in candidates.iter().enumerate() {
        let h = head[i];
        let entity = if h != i && entity_of_candidate[h] != usize::MAX {
            entity_of_candidate[h]
        } else {
            let hc = &candidates[h];
            let key_name: Arc<str> = match &hc.canonical {
                Some(canon) => canon.clone(),
                None => normalize_key(hc.span.text(text)).into(),
            };
            let key = (c.kind, key_name);
            match by_key.get(&key) {
                Some(&e) => e,
                None => {
                    let e = entities.len();
                    let name = match &hc.canonical {
                        Some(canon) => canon.to_string(),
                        None => clean_name(hc.span.text(text)),
                    };
                    let ids: BTreeMap<String, String> = hc
                        .ids
                        .as_deref()
                        .unwrap_or(&[])
                        .iter()
                        .filter(|(k, _)| k != "pop" && k != "type")
                        .cloned()
                        .collect();
                    name_len.push(hc.span.len());
                    entities.push(Entity { kind: c.kind, name, ids, mentions: Vec::new() });
                    by_key.insert(key, e);
                    e
                }
            }
        };
        entity_of_candidate[i] = entity;
        let mention_index = mentions.len();
        entities[entity].mentions.push(mention_index);
        if c.form == MentionForm::Name && c.canonical.is_none() && c.span.len() > name_len[entity] {
            // The longest name written in the text names a list-less entity.
            name_len[entity] = c.span.len();
            entities[entity].name = clean_name(c.span.text(text));
        }
        mentions.push(Mention {
            span: c.span,
            kind: c.kind,
            form: c.form,
            entity,
            found_by: c.found_by.clone(),
        });
    }
    (mentions, entities)
}

/// The words of a name, without possessive endings and punctuation.
fn name_words(s: &str) -> Vec<&str> {
    s.split(|c: char| c.is_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '-' && c != '\''))
        .filter(|w| !w.is_empty())
        .collect()
}

fn normalize_key(s: &str) -> String {
    name_words(s).join(" ")
}

fn clean_name(s: &str) -> String {
    name_words(s).join(" ")
}
