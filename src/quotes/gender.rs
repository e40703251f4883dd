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

/// The gender the last honorific before a mention of each person gives it ("Mr.
/// Smith"), for the entities of the document's mentions that have one.
pub(crate) fn honorifics(doc: &Doc<'_>) -> HashMap<usize, Gender> {
    let mut out = HashMap::new();
    for (i, m) in doc.mentions.iter().enumerate() {
        if m.kind != EntityKind::Person || m.entity >= doc.entities.len() {
            continue;
        }
        let k = doc.mention_token(i);
        if k > 0 && k <= doc.len() {
            let honorific = match doc.word(k - 1) {
                "Mr." | "Mr" | "Sir" => Gender::Male,
                "Mrs." | "Mrs" | "Ms." | "Ms" | "Miss" | "Dame" => Gender::Female,
                _ => Gender::Unknown,
            };
            if honorific != Gender::Unknown {
                out.insert(m.entity, honorific);
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
