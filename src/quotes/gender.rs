//! Grammatical gender of person entities, for "he" and "she": from the given name
//! (`data/gazetteers/given_names.tsv`, names mostly borne by one sex) and from
//! honorifics before a mention ("Mr.", "Mrs.", "Ms.").

use super::Doc;
use crate::analysis::EntityKind;
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

/// The gender of each entity (people only; others are `Unknown`), from the honorific
/// before any of its mentions, else from the first word of its canonical name.
pub(crate) fn of_entities(doc: &Doc<'_>) -> Vec<Gender> {
    let mut out = vec![Gender::Unknown; doc.entities.len()];
    for (i, m) in doc.mentions.iter().enumerate() {
        if m.kind != EntityKind::Person {
            continue;
        }
        let Some(slot) = out.get_mut(m.entity) else { continue };
        let k = doc.mention_token(i);
        if k > 0 && k <= doc.len() {
            let honorific = match doc.word(k - 1) {
                "Mr." | "Mr" | "Sir" => Gender::Male,
                "Mrs." | "Mrs" | "Ms." | "Ms" | "Miss" | "Dame" => Gender::Female,
                _ => Gender::Unknown,
            };
            if honorific != Gender::Unknown {
                *slot = honorific;
            }
        }
    }
    for (e, slot) in doc.entities.iter().zip(out.iter_mut()) {
        if e.kind == EntityKind::Person && *slot == Gender::Unknown {
            let first = super::first_name_word(&e.name);
            *slot = of_given_name(first);
        }
    }
    out
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
