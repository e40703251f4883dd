//! Owners of government bodies: "Russia's Foreign Ministry", "Afghanistan Foreign
//! Ministry", "the Taliban Foreign Ministry" and "the Russian Foreign Ministry" name
//! different ministries, though each mention's span is just "Foreign Ministry".
//!
//! An organisation found by a head-word rule whose head is a government body
//! ([`GOVERNMENT_HEADS`]) takes the country of the mention just before it (directly
//! or through a possessive) as its owner; an organisation before it counts through
//! its `cc` identifier ("Taliban" → Afghanistan). Its entity is then named
//! "Foreign Ministry (Russia)". A bare "the Foreign Ministry" joins the nearest
//! owned body with the same name before it, else the nearest after it.

use super::names::GOVERNMENT_HEADS;
use super::Context;
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
        let head = cx.norm.token(c.tokens.end - 1);
        if !GOVERNMENT_HEADS.contains(&head) {
            continue;
        }
        let base = c.span.text(cx.text);
        let owner = i.checked_sub(1).and_then(|p| owner_of(cx, &resolved[p], c, country_names));
        let owned = owner.map(|o| Arc::<str>::from(format!("{base} ({o})")));
        bodies.push((i, base, owned));
    }
    for k in 0..bodies.len() {
        if bodies[k].2.is_some() {
            continue;
        }
        let base = bodies[k].1;
        let before = bodies[..k].iter().rev().find(|b| b.1 == base && b.2.is_some());
        let after = bodies[k + 1..].iter().find(|b| b.1 == base && b.2.is_some());
        if let Some(owned) = before.or(after).and_then(|b| b.2.clone()) {
            bodies[k].2 = Some(owned);
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
