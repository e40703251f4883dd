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

/// How many distinct full names a multiword short form is compared with (they are
/// tried in order of first appearance). Real documents have a handful.
const MAX_HOLDERS: usize = 64;

/// Build mentions and entities from resolved candidates (sorted by start).
pub fn link(text: &str, candidates: Vec<Candidate>) -> (Vec<Mention>, Vec<Entity>) {
    let mut entities: Vec<Entity> = Vec::new();
    let mut mentions: Vec<Mention> = Vec::with_capacity(candidates.len());

    // The words of every candidate the links below look at (people without a list
    // entry, organisations), split once into one arena; `words_of[i]` is candidate
    // i's range in it (empty for the others).
    let mut arena: Vec<&str> = Vec::with_capacity(candidates.len() * 2);
    let mut words_of: Vec<(u32, u32)> = Vec::with_capacity(candidates.len());
    for c in &candidates {
        let from = arena.len() as u32;
        if has_words(c) {
            push_name_words(c.span.text(text), &mut arena);
        }
        words_of.push((from, arena.len() as u32));
    }
    let words = |i: usize| -> &[&str] {
        let (from, to) = words_of[i];
        &arena[from as usize..to as usize]
    };

    // Distinct full person names (two or more words), where each occurs (candidate
    // indices in text order), and which distinct names hold each word: a short form
    // looks only at the few distinct names that hold its first word.
    let people = candidates.iter().filter(|c| c.kind == EntityKind::Person && c.canonical.is_none()).count();
    let mut distinct: HashMap<&[&str], usize, BuildWordHasher> =
        HashMap::with_capacity_and_hasher(people, BuildWordHasher::default());
    let mut full_names: Vec<&[&str]> = Vec::new();
    // (distinct name, candidate), (word, distinct name), (word, candidate) pairs,
    // grouped once all are known.
    let mut name_at: Vec<(usize, usize)> = Vec::with_capacity(people);
    let mut word_in_name: Vec<(&str, usize)> = Vec::with_capacity(people * 2);
    let mut word_at: Vec<(&str, usize)> = Vec::with_capacity(people * 2);
    for (i, c) in candidates.iter().enumerate() {
        if c.kind != EntityKind::Person || c.canonical.is_some() {
            continue;
        }
        let name = words(i);
        if name.len() < 2 {
            continue;
        }
        let id = *distinct.entry(name).or_insert_with(|| {
            word_in_name.extend(name.iter().map(|&w| (w, full_names.len())));
            full_names.push(name);
            full_names.len() - 1
        });
        name_at.push((id, i));
        word_at.extend(name.iter().map(|&w| (w, i)));
    }
    // Where each distinct name occurs (candidate indices in text order).
    name_at.sort_unstable();
    let mut name_ranges = vec![(0u32, 0u32); full_names.len()];
    for (k, &(id, _)) in name_at.iter().enumerate() {
        let r = &mut name_ranges[id];
        if r.1 == 0 {
            r.0 = k as u32;
        }
        r.1 = k as u32 + 1;
    }
    let occurrences_of = |id: usize| -> &[(usize, usize)] {
        let (from, to) = name_ranges[id];
        &name_at[from as usize..to as usize]
    };
    // Which distinct names hold each word, and the candidates of the full names
    // holding each word, in text order.
    let names_with_word = Postings::new(word_in_name);
    let occurrences_with_word = Postings::new(word_at);
    // Organisation acronyms: initials of multiword organisation names.
    let mut org_initials: HashMap<String, usize, BuildWordHasher> = HashMap::default();
    let mut scratch = String::new();
    for (i, c) in candidates.iter().enumerate() {
        if c.kind == EntityKind::Organization {
            let name = words(i);
            if name.len() >= 2 {
                scratch.clear();
                scratch.extend(name.iter().filter_map(|w| w.chars().next()).filter(|ch| ch.is_uppercase()));
                if scratch.chars().nth(1).is_some() && !org_initials.contains_key(scratch.as_str()) {
                    org_initials.insert(scratch.clone(), i);
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
        match c.kind {
            EntityKind::Person => {
                let name = words(i);
                if name.is_empty() {
                    continue;
                }
                let contains =
                    |full: &[&str]| full.len() > name.len() && full.windows(name.len()).any(|w| w == name);
                // One word (the usual short form): every full name holding it qualifies,
                // so the nearest one is a binary search in its occurrences.
                if name.len() == 1 {
                    let Some(at) = occurrences_with_word.get(name[0]) else { continue };
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
                let Some(holders) = names_with_word.get(name[0]) else { continue };
                // The nearest occurrence of a longer name before the mention, else after.
                let mut before: Option<usize> = None;
                let mut after: Option<usize> = None;
                for &id in holders.iter().take(MAX_HOLDERS) {
                    let (full, at) = (full_names[id], occurrences_of(id));
                    if !contains(full) {
                        continue;
                    }
                    let split = at.partition_point(|&(_, j)| j < i);
                    if let Some(&(_, j)) = split.checked_sub(1).and_then(|k| at.get(k)) {
                        before = Some(before.map_or(j, |b| b.max(j)));
                    }
                    if let Some(&(_, j)) = at.get(split).filter(|&&(_, j)| j > i) {
                        after = Some(after.map_or(j, |a| a.min(j)));
                    }
                }
                if let Some(j) = before.or(after) {
                    head[i] = j;
                }
            }
            EntityKind::Organization => {
                let surface = c.span.text(text);
                if surface.chars().nth(1).is_none()
                    || !surface.chars().all(|ch| ch.is_uppercase() || ch == '.')
                {
                    continue;
                }
                scratch.clear();
                scratch.extend(surface.chars().filter(|ch| *ch != '.'));
                if let Some(&j) = org_initials.get(scratch.as_str()) {
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

    // Entities by kind and key (the canonical name, or the mention's words joined by
    // single spaces), looked up through one reused buffer.
    let mut by_key: [HashMap<Box<str>, usize, BuildWordHasher>; 4] = Default::default();
    // Byte length of the text each entity's name was taken from.
    let mut name_len: Vec<usize> = Vec::new();
    let mut entity_of_candidate: Vec<usize> = vec![usize::MAX; candidates.len()];
    let mut key = String::new();
    let mut key_words: Vec<&str> = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let h = head[i];
        let entity = if h != i && entity_of_candidate[h] != usize::MAX {
            entity_of_candidate[h]
        } else {
            let hc = &candidates[h];
            key.clear();
            match &hc.canonical {
                Some(canon) => key.push_str(canon),
                None if has_words(hc) => join_words(words(h), &mut key),
                None => {
                    key_words.clear();
                    push_name_words(hc.span.text(text), &mut key_words);
                    join_words(&key_words, &mut key);
                }
            }
            let map = &mut by_key[kind_index(c.kind)];
            match map.get(key.as_str()) {
                Some(&e) => e,
                None => {
                    let e = entities.len();
                    let name = key.clone();
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
                    map.insert(key.as_str().into(), e);
                    e
                }
            }
        };
        entity_of_candidate[i] = entity;
        if c.form == MentionForm::Name && c.canonical.is_none() && c.span.len() > name_len[entity] {
            // The longest name written in the text names a list-less entity.
            name_len[entity] = c.span.len();
            let name = &mut entities[entity].name;
            name.clear();
            if has_words(c) {
                join_words(words(i), name);
            } else {
                key_words.clear();
                push_name_words(c.span.text(text), &mut key_words);
                join_words(&key_words, name);
            }
        }
        mentions.push(Mention {
            span: c.span,
            kind: c.kind,
            form: c.form,
            entity,
            found_by: c.found_by.clone(),
        });
    }
    // Each entity's mentions, in text order, in vectors of the right size.
    let mut counts = vec![0usize; entities.len()];
    for &e in &entity_of_candidate {
        counts[e] += 1;
    }
    for (entity, &n) in entities.iter_mut().zip(&counts) {
        entity.mentions.reserve_exact(n);
    }
    for (i, &e) in entity_of_candidate.iter().enumerate() {
        entities[e].mentions.push(i);
    }
    (mentions, entities)
}

/// Whether [`link`] splits the candidate's words into its arena.
fn has_words(c: &Candidate) -> bool {
    match c.kind {
        EntityKind::Person => c.canonical.is_none(),
        EntityKind::Organization => true,
        _ => false,
    }
}

/// Values grouped by word, built from (word, value) pairs: words numbered as they
/// come, the pairs sorted as numbers into one array, and a range into it for each
/// word, instead of a growing vector per word. The values of a word come out in
/// increasing order, without repeats.
struct Postings<'t> {
    ids: HashMap<&'t str, u32, BuildWordHasher>,
    ranges: Vec<(u32, u32)>,
    values: Vec<usize>,
}

impl<'t> Postings<'t> {
    fn new(pairs: Vec<(&'t str, usize)>) -> Postings<'t> {
        let mut ids: HashMap<&str, u32, BuildWordHasher> =
            HashMap::with_capacity_and_hasher(pairs.len(), BuildWordHasher::default());
        let mut numbered: Vec<(u32, usize)> = pairs
            .iter()
            .map(|&(word, v)| {
                let next = ids.len() as u32;
                (*ids.entry(word).or_insert(next), v)
            })
            .collect();
        numbered.sort_unstable();
        numbered.dedup();
        let mut ranges = vec![(0u32, 0u32); ids.len()];
        for (k, &(id, _)) in numbered.iter().enumerate() {
            let r = &mut ranges[id as usize];
            if r.1 == 0 {
                r.0 = k as u32;
            }
            r.1 = k as u32 + 1;
        }
        let values = numbered.into_iter().map(|(_, v)| v).collect();
        Postings { ids, ranges, values }
    }

    fn get(&self, word: &str) -> Option<&[usize]> {
        let &(from, to) = self.ranges.get(*self.ids.get(word)? as usize)?;
        self.values.get(from as usize..to as usize)
    }
}

fn kind_index(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Country => 2,
        EntityKind::Location => 3,
    }
}

/// Append the words of a name to `out`, without possessive endings and punctuation.
fn push_name_words<'t>(s: &'t str, out: &mut Vec<&'t str>) {
    if s.is_ascii() {
        // The usual case, on bytes: split at ASCII whitespace (the only whitespace
        // ASCII has), trim what is neither alphanumeric nor `.`, `-`, `'`.
        let keep = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'\'');
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            while i < bytes.len() && !keep(bytes[i]) && !is_ascii_space(bytes[i]) {
                i += 1;
            }
            let start = i;
            while i < bytes.len() && !is_ascii_space(bytes[i]) {
                i += 1;
            }
            let mut end = i;
            while end > start && !keep(bytes[end - 1]) {
                end -= 1;
            }
            if end > start {
                out.push(&s[start..end]);
            }
            i += 1;
        }
        return;
    }
    out.extend(
        s.split(|c: char| c.is_whitespace())
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '-' && c != '\''))
            .filter(|w| !w.is_empty()),
    );
}

/// The ASCII characters `char::is_whitespace` accepts.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// Append words joined by single spaces.
fn join_words(words: &[&str], out: &mut String) {
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
}
