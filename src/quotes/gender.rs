//! Grammatical gender of person entities, for "he" and "she": from the given name
//! (`data/gazetteers/given_names.tsv`, names mostly borne by one sex) and from
//! honorifics before a mention ("Mr.", "Mrs.", "Ms.").

use super::Doc;
use crate::analysis::{Entity, EntityKind};
use crate::lexicon::BuildWordHasher;
use once_cell::sync::Lazy;
use std::collections::HashMap;

/// The given-name list (`name · sex · origin · flags`).
const GIVEN_NAMES: &str = include_str!("../../data/gazetteers/given_names.tsv");

/// What a pronoun or a name says about a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    /// "he", "Mr.", "John".
    Male,
    /// "she", "Mrs.", "Maria".
    Female,
    /// Not known.
    Unknown,
}

/// Given names by their gender, hashed with the fast word hasher (an entity's first
/// name is looked up per call).
static BY_NAME: Lazy<HashMap<Box<str>, Gender, BuildWordHasher>> = Lazy::new(|| {
    let mut map = HashMap::default();
    for line in GIVEN_NAMES.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(name), Some(sex)) = (cols.next(), cols.next()) else { continue };
        let gender = match sex.trim() {
            "m" => Gender::Male,
            "f" => Gender::Female,
            _ => continue,
        };
        map.insert(Box::from(name.trim()), gender);
    }
    map
});

/// The gender a given name suggests.
pub(crate) fn of_given_name(name: &str) -> Gender {
    BY_NAME.get(name).copied().unwrap_or(Gender::Unknown)
}

/// The gender an honorific gives ("Mr." male, "Mrs." female), `Unknown` for any other
/// word (compared on bytes: an ASCII word equals them byte for byte or not at all).
pub(crate) fn of_honorific(word: &[u8]) -> Gender {
    match word {
        b"Mr." | b"Mr" | b"Sir" => Gender::Male,
        b"Mrs." | b"Mrs" | b"Ms." | b"Ms" | b"Miss" | b"Dame" => Gender::Female,
        _ => Gender::Unknown,
    }
}

/// The gender the last honorific before a mention of each person gives it ("Mr.
/// Smith"), for the entities of the document's mentions that have one: the token
/// before the first token starting at or after the mention's start is an honorific.
///
/// That token is found among the few honorific tokens ([`Doc::honorific_tokens`]):
/// the last one starting before the mention, when the token after it does not (the
/// mentions are not each looked up among all the tokens; a text without honorifics
/// costs a pass over its mentions).
pub(crate) fn honorifics(doc: &Doc<'_>) -> HashMap<usize, Gender> {
    let mut out = HashMap::new();
    let honorific = doc.honorific_tokens.as_slice();
    if honorific.is_empty() {
        return out;
    }
    let start = |k: usize| doc.tokens.get(k).map_or(usize::MAX, |t| t.span.start);
    for m in doc.mentions {
        if m.kind != EntityKind::Person || m.entity >= doc.entities.len() {
            continue;
        }
        let offset = m.span.start;
        // The last honorific starting before the mention, if any.
        let Some(&h) = honorific.get(honorific.partition_point(|&h| start(h) < offset).wrapping_sub(1))
        else {
            continue;
        };
        // It is the token before the mention's first token: the next one does not
        // start before the mention (or there is none).
        if start(h + 1) >= offset {
            let g = of_honorific(doc.word(h).as_bytes());
            if g != Gender::Unknown {
                out.insert(m.entity, g);
            }
        }
    }
    out
}

/// The gender the first word of a person's name suggests (`Unknown` for anything
/// but people); an honorific before a mention goes first (see [`honorifics`]).
pub(crate) fn of_entity(entity: &Entity) -> Gender {
    if entity.kind == EntityKind::Person {
        of_given_name(super::first_name_word(&entity.name))
    } else {
        Gender::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_have_a_gender() {
        assert_eq!(of_given_name("Maria"), Gender::Female);
        assert_eq!(of_given_name("John"), Gender::Male);
        assert_eq!(of_given_name("Qwxz"), Gender::Unknown);
    }
}
