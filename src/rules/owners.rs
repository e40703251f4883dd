//! Owners of government bodies: "Russia's Foreign Ministry", "Afghanistan Foreign
//! Ministry", "the Taliban Foreign Ministry" and "the Russian Foreign Ministry" name
//! different ministries, though each mention's span is just "Foreign Ministry".
//!
//! An organisation found by a head-word rule whose head is a government body
//! ([`GOVERNMENT_HEADS`](super::names::GOVERNMENT_HEADS)) takes the country of the mention just before it (directly
//! or through a possessive) as its owner; an organisation before it counts through
//! its `cc` identifier ("Taliban" → Afghanistan). Its entity is then named
//! "Foreign Ministry (Russia)". A bare "the Foreign Ministry" joins the nearest
//! owned body with the same name before it, else the nearest after it.

use super::{Context, Vocab};
use crate::analysis::{EntityKind, FoundBy, MentionForm, Rule};
use crate::resolve::Candidate;
use crate::tokenize::TokenFlags;
use std::collections::HashMap;
use std::sync::Arc;

/// Give owned government bodies their owner in their canonical name.
/// `country_names` maps ISO alpha-2 codes to country canonical names.
pub fn assign(cx: &Context<'_>, resolved: &mut [Candidate], country_names: &HashMap<String, Arc<str>>) {
    // (index, base name, owned canonical) of ownable bodies.
    let mut bodies: Vec<(usize, &str, Option<Arc<str>>)> = Vec::new();
    for i in 0..resolved.len() {
        let c = &resolved[i];
        let by_head = matches!(c.found_by, FoundBy::Rule(Rule::OrgHead));
        if c.kind != EntityKind::Organization || !by_head || c.canonical.is_some() {
            continue;
        }
        if !cx.vocab(c.tokens.end - 1).any(Vocab::GOVERNMENT_HEAD) {
            continue;
        }
        let base = c.span.text(cx.text);
        let owner = i.checked_sub(1).and_then(|p| owner_of(cx, &resolved[p], c, country_names));
        let owned = owner.map(|o| Arc::<str>::from(format!("{base} ({o})")));
        bodies.push((i, base, owned));
    }
    // The nearest owned body of the same name before each one, then after it.
    let mut nearest: Vec<Option<Arc<str>>> = vec![None; bodies.len()];
    let mut last: HashMap<&str, Arc<str>> = HashMap::new();
    for (k, b) in bodies.iter().enumerate() {
        match &b.2 {
            Some(owned) => {
                last.insert(b.1, owned.clone());
            }
            None => nearest[k] = last.get(b.1).cloned(),
        }
    }
    last.clear();
    for (k, b) in bodies.iter().enumerate().rev() {
        match &b.2 {
            Some(owned) => {
                last.insert(b.1, owned.clone());
            }
            None if nearest[k].is_none() => nearest[k] = last.get(b.1).cloned(),
            None => {}
        }
    }
    for (b, n) in bodies.iter_mut().zip(nearest) {
        if b.2.is_none() {
            b.2 = n;
        }
    }
    for (i, _, owned) in bodies {
        if owned.is_some() {
            resolved[i].canonical = owned;
        }
    }
}

/// The owner named by `prev` if it stands right before `body` ("Russia 's", "Afghanistan").
fn owner_of(
    cx: &Context<'_>,
    prev: &Candidate,
    body: &Candidate,
    country_names: &HashMap<String, Arc<str>>,
) -> Option<Arc<str>> {
    let adjacent = prev.tokens.end == body.tokens.start
        || (prev.tokens.end + 1 == body.tokens.start
            && cx.tokens[prev.tokens.end].is(TokenFlags::POSSESSIVE));
    if !adjacent {
        return None;
    }
    match (prev.kind, prev.form) {
        (EntityKind::Country, _) | (_, MentionForm::Demonym) => prev.canonical.clone(),
        (EntityKind::Organization, _) => {
            let cc = prev.ids.as_deref().and_then(|ids| ids.iter().find(|(k, _)| k == "cc")).map(|(_, v)| v);
            match cc.and_then(|cc| country_names.get(cc.as_str())) {
                Some(country) => Some(country.clone()),
                None => prev.canonical.clone(),
            }
        }
        _ => None,
    }
}
