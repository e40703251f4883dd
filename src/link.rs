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

use crate::analysis::{Entity, EntityKind, FoundBy, Mention, MentionForm, Rule};
use crate::resolve::Candidate;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// How many distinct full names a multiword short form is compared with (they are
/// tried in order of first appearance). Real documents have a handful.
const MAX_HOLDERS: usize = 64;

/// Build mentions and entities from resolved candidates (sorted by start).
pub fn link(text: &str, mut candidates: Vec<Candidate>) -> (Vec<Mention>, Vec<Entity>) {
    // A document names each entity a few times: room for a quarter of the
    // candidates, given back at the end (a shrink in place, no copy).
    let expected_entities = candidates.len() / 4 + 8;
    let mut entities: Vec<Entity> = Vec::with_capacity(expected_entities);

    // What the passes below need of each candidate, in a byte ([`Class`]): they read
    // this instead of the candidates themselves (88 bytes each, tens of megabytes in a
    // long text).
    // Organisation mentions without a list entry written in capitals ("PTI") are
    // tried as the initials of the other organisation mentions: only then are the
    // words of organisations with a list entry needed.
    let mut acronyms = false;
    let class: Vec<Class> = candidates
        .iter()
        .map(|c| {
            let class = Class::of(c, text);
            acronyms |= class.acronym();
            class
        })
        .collect();

    // The words of every candidate the links below look at (people without a list
    // entry, organisations), split once into one arena; candidate i's words are
    // `arena[range.0..range.1]` for `range = word_ranges[i]` (none for the others).
    // The words of people are numbered as they come (each word hashed once):
    // `numbers` is parallel to `arena`, and names are compared, looked up and
    // grouped as numbers from there. A name written again the same way (most are)
    // shares its first writing's words: `first[i]` is the first candidate of the
    // same kind and text (`i` itself for a first writing, `u32::MAX` for those
    // without words), found by one hash of the text instead of one per word.
    let mut arena: Vec<&str> = Vec::with_capacity(candidates.len() * 2);
    let mut numbers: Vec<u32> = Vec::with_capacity(candidates.len() * 2);
    let mut word_ranges: Vec<(u32, u32)> = vec![(0, 0); candidates.len()];
    let mut first: Vec<u32> = vec![u32::MAX; candidates.len()];
    let mut written = Table::with_capacity(candidates.len() / 2);
    // Each word number's word, and where to find it by its text.
    let mut word_of_number: Vec<&str> = Vec::with_capacity(candidates.len());
    let mut word_numbers = Table::with_capacity(candidates.len() / 2);
    let mut people = 0;
    for (i, c) in candidates.iter().enumerate() {
        if has_words(c) && (c.canonical.is_none() || acronyms) {
            let is_person = c.kind == EntityKind::Person;
            people += usize::from(is_person);
            let surface = c.span.text(text);
            let earlier = written.find_or_insert(hash_str(surface), i as u32, |j| {
                candidates.get(j as usize).is_some_and(|e| e.span.text(text) == surface)
            }) as usize;
            if earlier != i && candidates[earlier].kind == c.kind {
                word_ranges[i] = word_ranges[earlier];
                first[i] = earlier as u32;
                continue;
            }
            first[i] = i as u32;
            let from = arena.len();
            push_name_words(surface, &mut arena);
            if is_person {
                for &word in &arena[from..] {
                    let next = word_of_number.len() as u32;
                    let number = word_numbers.find_or_insert(hash_str(word), next, |n| {
                        word_of_number.get(n as usize) == Some(&word)
                    });
                    if number == next {
                        word_of_number.push(word);
                    }
                    numbers.push(number);
                }
            } else {
                numbers.resize(arena.len(), u32::MAX);
            }
            word_ranges[i] = (from as u32, arena.len() as u32);
        }
    }
    let word_count = word_of_number.len();
    drop((word_numbers, word_of_number, written));
    let words = |i: usize| -> &[&str] {
        let (from, to) = word_ranges[i];
        &arena[from as usize..to as usize]
    };
    let name_numbers = |i: usize| -> &[u32] {
        let (from, to) = word_ranges[i];
        &numbers[from as usize..to as usize]
    };

    // Distinct full person names (two or more words), where each occurs (candidate
    // indices in text order), and which distinct names hold each word: a short form
    // looks only at the few distinct names that hold its first word.
    let mut distinct = Table::with_capacity(people / 4);
    let mut full_names: Vec<&[u32]> = Vec::with_capacity(people / 4);
    // (distinct name, candidate), (word, distinct name), (word, candidate) pairs,
    // grouped once all are known.
    let mut name_at: Vec<(u32, u32)> = Vec::with_capacity(people);
    let mut word_in_name: Vec<(u32, u32)> = Vec::with_capacity(people / 2);
    let mut word_at: Vec<(u32, u32)> = Vec::with_capacity(people * 2);
    // Each candidate's distinct full name (`u32::MAX` for the others).
    let mut distinct_of: Vec<u32> = vec![u32::MAX; candidates.len()];
    for (i, c) in class.iter().enumerate() {
        if c.kind() != EntityKind::Person || c.listed() {
            continue;
        }
        let name = name_numbers(i);
        if name.len() < 2 {
            continue;
        }
        // (A repeated writing has its first writing's name.)
        let earlier = first[i] as usize;
        let id = if earlier < i {
            distinct_of[earlier]
        } else {
            let next = full_names.len() as u32;
            let id = distinct
                .find_or_insert(hash_numbers(name), next, |d| full_names.get(d as usize) == Some(&name));
            if id == next {
                word_in_name.extend(distinct_words(name).map(|w| (w, id)));
                full_names.push(name);
            }
            id
        };
        name_at.push((id, i as u32));
        distinct_of[i] = id;
        // (A word twice in a name gives a repeated candidate here, which the binary
        // searches below do not mind.)
        word_at.extend(name.iter().map(|&w| (w, i as u32)));
    }
    drop(distinct);
    // A full name is held only in longer ones: none is when all have two words.
    let longest = full_names.iter().map(|name| name.len()).max().unwrap_or(0);
    // Where each distinct name occurs; which distinct names hold each word (only
    // needed to find longer names); and the candidates of the full names holding
    // each word: all in increasing order.
    let occurrences_of = Groups::new(full_names.len(), &name_at);
    let names_with_word =
        if longest > 2 { Groups::new(word_count, &word_in_name) } else { Groups::new(0, &[]) };
    let occurrences_with_word = Groups::new(word_count, &word_at);

    // Organisation acronyms: initials of multiword organisation names, written into
    // one buffer, then looked up there (the first name with given initials wins).
    let mut initials = String::new();
    let mut initials_of: Vec<(u32, u32, usize)> = Vec::new();
    for (i, c) in class.iter().enumerate() {
        if acronyms && c.kind() == EntityKind::Organization {
            let name = words(i);
            if name.len() >= 2 {
                let from = initials.len();
                initials.extend(name.iter().filter_map(|w| w.chars().next()).filter(|ch| ch.is_uppercase()));
                if initials[from..].chars().nth(1).is_some() {
                    initials_of.push((from as u32, initials.len() as u32, i));
                } else {
                    initials.truncate(from);
                }
            }
        }
    }
    let mut org_initials: HashMap<&str, usize, BuildNameHasher> =
        HashMap::with_capacity_and_hasher(initials_of.len(), BuildNameHasher::default());
    for &(from, to, i) in &initials_of {
        org_initials.entry(&initials[from as usize..to as usize]).or_insert(i);
    }
    let mut scratch = String::new();

    // Which candidate each candidate links to (itself when it is its own head).
    let mut head: Vec<usize> = (0..candidates.len()).collect();
    // The longer full names containing each distinct full name, once known: a range
    // of `containers`.
    let mut containers_of: Vec<Option<(u32, u32)>> = vec![None; full_names.len()];
    let mut containers: Vec<u32> = Vec::new();
    // How many of each word's occurrences come before the candidate at hand: the
    // candidates are taken in order, so this only grows, and a one-word short form
    // moves it on instead of a binary search through the occurrences (thousands for
    // a common name in a long text).
    let mut passed: Vec<u32> = vec![0; word_count];
    for (i, c) in class.iter().enumerate() {
        if c.listed() {
            continue;
        }
        match c.kind() {
            EntityKind::Person => {
                let name = name_numbers(i);
                if name.is_empty() {
                    continue;
                }
                // (Word numbers compared one by one: the names are two or three words
                // long, shorter than a call to `memcmp`.)
                let contains = |full: &[u32]| {
                    full.len() > name.len()
                        && full.windows(name.len()).any(|w| w.iter().zip(name).all(|(a, b)| a == b))
                };
                // One word (the usual short form): every full name holding it qualifies,
                // so the nearest one is found in its occurrences.
                if name.len() == 1 {
                    let at = occurrences_with_word.get(name[0]);
                    let split = match passed.get_mut(name[0] as usize) {
                        Some(count) => {
                            let mut k = *count as usize;
                            while at.get(k).is_some_and(|&j| (j as usize) < i) {
                                k += 1;
                            }
                            *count = k as u32;
                            k
                        }
                        None => at.partition_point(|&j| (j as usize) < i),
                    };
                    let before = split.checked_sub(1).map(|k| at[k] as usize);
                    let after = at.get(split).map(|&j| j as usize).filter(|&j| j > i);
                    if let Some(j) = before.or(after) {
                        head[i] = j;
                    }
                    continue;
                }
                // Several words: the longer full names that hold them all, worked out
                // once per distinct name (a long text repeats its names). Only the
                // names that hold its rarest word can (in a long text, many names
                // share a given name, few a surname); a bounded number of them.
                if name.len() >= longest {
                    continue;
                }
                let id = distinct_of[i] as usize;
                let found = match containers_of.get(id) {
                    Some(&Some(found)) => found,
                    _ => {
                        let from = containers.len() as u32;
                        let holders = name
                            .iter()
                            .map(|&w| names_with_word.get(w))
                            .min_by_key(|holders| holders.len())
                            .unwrap_or(&[]);
                        containers.extend(
                            holders.iter().take(MAX_HOLDERS).filter(|&&h| contains(full_names[h as usize])),
                        );
                        let found = (from, containers.len() as u32);
                        if let Some(slot) = containers_of.get_mut(id) {
                            *slot = Some(found);
                        }
                        found
                    }
                };
                // The nearest occurrence of a longer name before the mention, else after.
                let mut before: Option<usize> = None;
                let mut after: Option<usize> = None;
                for &holder in &containers[found.0 as usize..found.1 as usize] {
                    let at = occurrences_of.get(holder);
                    let split = at.partition_point(|&j| (j as usize) < i);
                    if let Some(&j) = split.checked_sub(1).and_then(|k| at.get(k)) {
                        let j = j as usize;
                        before = Some(before.map_or(j, |b| b.max(j)));
                    }
                    if let Some(&j) = at.get(split).filter(|&&j| j as usize > i) {
                        let j = j as usize;
                        after = Some(after.map_or(j, |a| a.min(j)));
                    }
                }
                if let Some(j) = before.or(after) {
                    head[i] = j;
                }
            }
            EntityKind::Organization => {
                if !c.acronym() {
                    continue;
                }
                let surface = candidates[i].span.text(text);
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
    // single spaces). Keys point to the canonical name or borrow the text where they
    // can (a name written with single spaces and nothing trimmed); joined words are
    // built in one reused buffer.
    // `keys[e]` is entity `e`'s key, found by its hash and kind in `by_key`.
    let mut by_key = Table::with_capacity(expected_entities);
    let mut keys: Vec<Key<'_>> = Vec::with_capacity(expected_entities);
    // Most list mentions repeat an entry met before, whose shared canonical name is
    // the same allocation: a direct-mapped cache from the name's address to its
    // entity answers them without hashing the name. A slot is only a hint, checked
    // against the address and the entity's kind.
    let slots = (candidates.len() / 4).next_power_of_two().max(64);
    let mut by_address: Vec<(usize, usize)> = vec![(0, 0); slots];
    let slot_of = |address: usize| ((address >> 4) ^ (address >> 14)) & (slots - 1);
    // Byte length of the text each entity's name was taken from.
    let mut name_len: Vec<usize> = Vec::with_capacity(expected_entities);
    // How many mentions each entity has.
    let mut mention_counts: Vec<u32> = Vec::with_capacity(expected_entities);
    // Each candidate's entity (`u32::MAX` until known; entities are fewer than
    // candidates, whose indices fit 32 bits).
    let mut entity_of_candidate: Vec<u32> = vec![u32::MAX; candidates.len()];
    // The mentions, made in the same pass as the entities: each takes over what its
    // candidate was found by (taken out in place, without moving the candidates).
    let mut mentions = Vec::with_capacity(candidates.len());
    let mut joined = String::new();
    let mut key_words: Vec<&str> = Vec::new();
    // A list-less candidate `f` before `i`, its own head, written as `h` is: its
    // entity has `h`'s key.
    let written_before = |h: usize, i: usize| {
        let f = first[h] as usize;
        (f < i && head[f] == f && !class[f].listed() && !class[h].listed()).then_some(f)
    };
    for i in 0..candidates.len() {
        let c = &candidates[i];
        let h = head[i];
        let hc = &candidates[h];
        let address = hc.canonical.as_ref().map_or(0, |canon| Arc::as_ptr(canon) as *const u8 as usize);
        let cached = match address {
            0 => None,
            _ => match by_address[slot_of(address)] {
                (a, e) if a == address && entities[e].kind == c.kind => Some(e),
                _ => None,
            },
        };
        let entity = if let Some(e) = cached {
            e
        } else if h != i && entity_of_candidate[h] != u32::MAX {
            entity_of_candidate[h] as usize
        } else if let Some(f) = written_before(h, i) {
            // The key of a list-less name written the same way before, as its own head.
            entity_of_candidate[f] as usize
        } else {
            let key: &str = match &hc.canonical {
                Some(canon) => canon,
                None => {
                    joined.clear();
                    if has_words(hc) {
                        join_words(words(h), &mut joined);
                    } else {
                        key_words.clear();
                        push_name_words(hc.span.text(text), &mut key_words);
                        join_words(&key_words, &mut joined);
                    }
                    &joined
                }
            };
            // (The same key of another kind is another entity, told apart by `same`.)
            let hash = hash_str(key);
            let next = entities.len() as u32;
            let found = by_key.find_or_insert(hash, next, |e| {
                let e = e as usize;
                entities.get(e).is_some_and(|entity| entity.kind == c.kind)
                    && keys.get(e).is_some_and(|k| k.text(&candidates) == key)
            });
            let e = match found {
                e if e != next => e as usize,
                _ => {
                    let e = entities.len();
                    let mut ids = BTreeMap::new();
                    for (k, v) in hc.ids.as_deref().unwrap_or(&[]) {
                        if k != "pop" && k != "type" {
                            ids.insert(k.clone(), v.clone());
                        }
                    }
                    name_len.push(hc.span.len());
                    mention_counts.push(0);
                    entities.push(Entity { kind: c.kind, name: key.to_owned(), ids, mentions: Vec::new() });
                    let surface = hc.span.text(text);
                    let stored = match &hc.canonical {
                        Some(_) => Key::Listed(h as u32),
                        None if surface == key => Key::Text(surface),
                        None => Key::Owned(key.to_owned()),
                    };
                    keys.push(stored);
                    e
                }
            };
            if address != 0 {
                by_address[slot_of(address)] = (address, e);
            }
            e
        };
        entity_of_candidate[i] = entity as u32;
        mention_counts[entity] += 1;
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
        let (span, kind, form) = (c.span, c.kind, c.form);
        let found_by = std::mem::replace(&mut candidates[i].found_by, FoundBy::Rule(Rule::Context));
        mentions.push(Mention { span, kind, form, entity, found_by });
    }
    drop((by_key, keys));
    // Each entity's mentions, in text order, in vectors of the right size.
    for (entity, &n) in entities.iter_mut().zip(&mention_counts) {
        entity.mentions = Vec::with_capacity(n as usize);
    }
    for (i, &entity) in entity_of_candidate.iter().enumerate() {
        if let Some(e) = entities.get_mut(entity as usize) {
            e.mentions.push(i);
        }
    }
    entities.shrink_to_fit();
    (mentions, entities)
}

/// An entity's key in [`link`], kept without borrowing the candidates (whose
/// mentions are made in the same pass): a candidate's canonical name, a piece of the
/// text, or words joined anew.
enum Key<'t> {
    /// The canonical name of the candidate at this index.
    Listed(u32),
    /// A name as written in the text.
    Text(&'t str),
    /// Words joined by single spaces.
    Owned(String),
}

impl<'t> Key<'t> {
    fn text<'a>(&'a self, candidates: &'a [Candidate]) -> &'a str {
        match self {
            Key::Listed(h) => candidates.get(*h as usize).and_then(|c| c.canonical.as_deref()).unwrap_or(""),
            Key::Text(text) => text,
            Key::Owned(joined) => joined,
        }
    }
}

/// What [`link`] needs to know of a candidate in most of its passes, in one byte: its
/// kind, whether it has a list entry, and whether it is an acronym ([`is_acronym`]).
#[derive(Clone, Copy)]
struct Class(u8);

impl Class {
    const LISTED: u8 = 1 << 2;
    const ACRONYM: u8 = 1 << 3;

    #[inline]
    fn of(c: &Candidate, text: &str) -> Class {
        let kind = kind_index(c.kind) as u8;
        if c.canonical.is_some() {
            Class(kind | Class::LISTED)
        } else if is_acronym(c, text) {
            Class(kind | Class::ACRONYM)
        } else {
            Class(kind)
        }
    }

    fn kind(self) -> EntityKind {
        const KINDS: [EntityKind; 4] =
            [EntityKind::Person, EntityKind::Organization, EntityKind::Country, EntityKind::Location];
        KINDS[usize::from(self.0 & 3)]
    }

    /// Whether the candidate has a list entry (a canonical name).
    fn listed(self) -> bool {
        self.0 & Class::LISTED != 0
    }

    fn acronym(self) -> bool {
        self.0 & Class::ACRONYM != 0
    }
}

/// An organisation mention without a list entry written in capitals ("PTI", "U.N."):
/// [`link`] tries it as the initials of the other organisation mentions.
fn is_acronym(c: &Candidate, text: &str) -> bool {
    if c.kind != EntityKind::Organization || c.canonical.is_some() {
        return false;
    }
    let surface = c.span.text(text);
    surface.chars().nth(1).is_some() && surface.chars().all(|ch| ch.is_uppercase() || ch == '.')
}

/// Whether [`link`] looks at the candidate's words: people without a list entry and
/// organisations (those with a list entry only when the document has acronyms to
/// link, see [`is_acronym`]).
fn has_words(c: &Candidate) -> bool {
    match c.kind {
        EntityKind::Person => c.canonical.is_none(),
        EntityKind::Organization => true,
        _ => false,
    }
}

/// The word numbers of a name, each once (a name may repeat a word).
fn distinct_words(name: &[u32]) -> impl Iterator<Item = u32> + '_ {
    name.iter().enumerate().filter(|&(k, w)| !name[..k].contains(w)).map(|(_, &w)| w)
}

/// Values grouped by a dense key (a word or name number), built from (key, value)
/// pairs by counting, instead of a growing vector per key: one array of values and
/// where each key's values start in it. The pairs of one key come in increasing
/// value order, and so do its values.
struct Groups {
    /// `starts[k]..starts[k + 1]` is key `k`'s range in `values`.
    starts: Vec<u32>,
    values: Vec<u32>,
}

impl Groups {
    fn new(keys: usize, pairs: &[(u32, u32)]) -> Groups {
        // Count each key's pairs, sum the counts into where each key's values end,
        // then place the pairs from the last: each key's end moves back to its start.
        let mut starts = vec![0u32; keys + 1];
        for &(k, _) in pairs {
            starts[k as usize] += 1;
        }
        let mut total = 0;
        for s in &mut starts {
            total += *s;
            *s = total;
        }
        let mut values = vec![0u32; pairs.len()];
        for &(k, v) in pairs.iter().rev() {
            let s = &mut starts[k as usize];
            *s -= 1;
            values[*s as usize] = v;
        }
        Groups { starts, values }
    }

    /// The values of key `k` (none for a key without pairs).
    fn get(&self, k: u32) -> &[u32] {
        let k = k as usize;
        match (self.starts.get(k), self.starts.get(k + 1)) {
            (Some(&from), Some(&to)) => self.values.get(from as usize..to as usize).unwrap_or_default(),
            _ => &[],
        }
    }
}

/// A hash table of `u32` values (indices) whose keys are kept elsewhere: the caller
/// gives a key's hash and says whether the key of a stored value is the one looked
/// up. Open addressing with linear probing on the hash's high bits, so a lookup
/// costs the hash, a slot or two and one key comparison (cheaper than a `HashMap`
/// of borrowed keys for the few thousand names of a document).
struct Table {
    /// (high 32 bits of the hash, value); [`Table::EMPTY`] as the value when free.
    slots: Vec<(u32, u32)>,
    /// Values stored.
    len: usize,
    /// `32 - log2(slots.len())`: a hash's slot is its high bits shifted by this.
    shift: u32,
}

impl Table {
    const EMPTY: u32 = u32::MAX;

    /// A table for about `n` values without growing.
    fn with_capacity(n: usize) -> Table {
        let size = (n.saturating_mul(2)).next_power_of_two().clamp(16, 1 << 31);
        Table { slots: vec![(0, Table::EMPTY); size], len: 0, shift: 32 - size.trailing_zeros() }
    }

    /// The stored value whose key is the one looked up (`same` says which is), or
    /// else `value`, stored.
    fn find_or_insert(&mut self, hash: u64, value: u32, same: impl Fn(u32) -> bool) -> u32 {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let high = (hash >> 32) as u32;
        let mask = self.slots.len() - 1;
        let mut at = (high >> self.shift) as usize & mask;
        while let Some(&(h, v)) = self.slots.get(at) {
            if v == Table::EMPTY {
                self.slots[at] = (high, value);
                self.len += 1;
                return value;
            }
            if h == high && same(v) {
                return v;
            }
            at = (at + 1) & mask;
        }
        value
    }

    /// Twice the slots, the values placed again from their stored hash bits.
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let shift = self.shift.saturating_sub(1);
        let mut slots = vec![(0, Table::EMPTY); size];
        let mask = size - 1;
        for &(h, v) in &self.slots {
            if v == Table::EMPTY {
                continue;
            }
            let mut at = (h >> shift) as usize & mask;
            while slots[at].1 != Table::EMPTY {
                at = (at + 1) & mask;
            }
            slots[at] = (h, v);
        }
        self.slots = slots;
        self.shift = shift;
    }
}

/// The [`NameHasher`] hash of a text.
fn hash_str(s: &str) -> u64 {
    let mut h = NameHasher::default();
    h.write(s.as_bytes());
    h.add(s.len() as u64);
    h.finish()
}

/// The [`NameHasher`] hash of a name's word numbers.
fn hash_numbers(name: &[u32]) -> u64 {
    let mut h = NameHasher::default();
    for &n in name {
        h.add(u64::from(n));
    }
    h.add(name.len() as u64);
    h.finish()
}

/// An FxHash-style hasher for the short keys hashed here (words, names, lists of
/// word numbers): eight bytes a step, the last one to seven bytes read at once
/// rather than byte by byte, and an integer in one step. The keys come from the
/// document, but each map lives for one call and holds a document's names, so
/// flooding is not a concern.
#[derive(Debug, Clone, Copy, Default)]
struct NameHasher(u64);

/// Builds [`NameHasher`]s.
type BuildNameHasher = BuildHasherDefault<NameHasher>;

impl NameHasher {
    fn add(&mut self, v: u64) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
    }
}

impl Hasher for NameHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let read8 = |b: &[u8]| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
        let read4 = |b: &[u8]| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(read8(c));
        }
        // The rest, in reads that may overlap, with its length.
        let rest = chunks.remainder();
        let n = rest.len();
        let last = match n {
            0 => return,
            1..=3 => u64::from(rest[0]) | u64::from(rest[n / 2]) << 8 | u64::from(rest[n - 1]) << 16,
            _ => read4(rest) | read4(&rest[n - 4..]) << 32,
        };
        self.add(last ^ (n as u64) << 59);
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
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

/// Append the words of a name to `out`, without possessive endings and punctuation:
/// the pieces between whitespace characters, trimmed of what is neither alphanumeric
/// nor `.`, `-`, `'` at both ends, the empty ones left out. One pass on bytes;
/// only characters outside ASCII are decoded.
fn push_name_words<'t>(s: &'t str, out: &mut Vec<&'t str>) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // The usual byte: ASCII, part of a word.
        if NAME_BYTES[usize::from(b)] & (SPACE | OUTSIDE_ASCII) == 0 {
            i += 1;
            continue;
        }
        let (space, len) = if b.is_ascii() {
            (true, 1)
        } else {
            match s[i..].chars().next() {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => break,
            }
        };
        if space {
            push_trimmed(&s[start..i], out);
            start = i + len;
        }
        i += len;
    }
    push_trimmed(&s[start..], out);
}

/// Append one piece of a name, trimmed as [`push_name_words`] says, unless empty.
#[inline]
fn push_trimmed<'t>(piece: &'t str, out: &mut Vec<&'t str>) {
    let keep = |b: u8| NAME_BYTES[usize::from(b)] == KEEP;
    let word = match piece.as_bytes() {
        // The usual case: nothing to trim.
        [first, .., last] if keep(*first) && keep(*last) => piece,
        [only] if keep(*only) => piece,
        _ => piece.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '-' && c != '\''),
    };
    if !word.is_empty() {
        out.push(word);
    }
}

/// A byte [`push_name_words`] keeps in a word: an ASCII letter or digit, `.`, `-`, `'`.
const KEEP: u8 = 1;
/// An ASCII character `char::is_whitespace` accepts.
const SPACE: u8 = 2;
/// A byte of a character outside ASCII.
const OUTSIDE_ASCII: u8 = 4;

/// [`KEEP`], [`SPACE`] or [`OUTSIDE_ASCII`] for each byte (0 for the rest of ASCII).
static NAME_BYTES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if !c.is_ascii() {
            OUTSIDE_ASCII
        } else if c.is_ascii_alphanumeric() || c == b'.' || c == b'-' || c == b'\'' {
            KEEP
        } else if matches!(c, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') {
            SPACE
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Append words joined by single spaces.
fn join_words(words: &[&str], out: &mut String) {
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
}
