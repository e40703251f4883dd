//! Resolving a speaker phrase to an entity.
//!
//! In order: a mention inside the phrase (the one at its head, else the last person);
//! a capitalised name the entity stage did not mark, matched to a person entity by its
//! last word; an organisation or country inside the phrase ("a State Department
//! spokesman", "Afghanistan's government"); a pronoun, resolved to the previous
//! quotation's speaker nearby or the nearest person in subject position ("it" and
//! "they" to organisations and countries); a nominal ("the ministry"), resolved to the
//! nearest organisation whose name contains its head word; a demonym ("Russian
//! officials") to its country. Each search looks back over a bounded number of
//! mentions and paragraphs.

use super::gender::Gender;
use super::speaker::name_token;
use super::words::{is_pronoun, is_role_noun, is_stop};
use super::{Doc, Found};
use crate::analysis::{EntityKind, Mention, MentionForm, Quote};
use crate::tokenize::TokenFlags;
use std::ops::Range;

/// How many mentions back pronouns and nominals look for their referent.
const MAX_LOOKBACK_MENTIONS: usize = 80;
/// How many paragraphs back pronouns and nominals look.
const MAX_LOOKBACK_PARAGRAPHS: u32 = 4;

/// Mentions overlapping a token range.
fn mentions_in<'m>(doc: &Doc<'m>, r: &Range<usize>) -> &'m [Mention] {
    if r.is_empty() {
        return &[];
    }
    doc.mentions_in(doc.span(r.clone()))
}

/// Resolve the speaker phrase `r` to an entity. `previous` is the speaker entity of
/// the quotation before, if any.
pub(crate) fn resolve(doc: &Doc<'_>, r: &Range<usize>, previous: Option<(usize, usize)>) -> Option<usize> {
    if r.is_empty() {
        return None;
    }
    let head = r.end - 1;
    let inside = mentions_in(doc, r);
    let head_span = doc.tokens[head].span;
    let name = |m: &&Mention| m.form == MentionForm::Name;
    if let Some(m) =
        inside.iter().filter(name).find(|m| m.span.start <= head_span.start && m.span.end >= head_span.end)
    {
        return Some(m.entity);
    }
    if let Some(m) = inside.iter().filter(name).rev().find(|m| m.kind == EntityKind::Person) {
        return Some(m.entity);
    }
    if name_token(doc, head) && !doc.has(head, TokenFlags::ALL_CAPS) || doc.has(head, TokenFlags::ALL_CAPS) {
        if let Some(e) = person_by_last_word(doc, r.start, doc.word(head)) {
            return Some(e);
        }
    }
    if let Some(m) = inside.iter().filter(name).rev().find(|m| m.kind == EntityKind::Organization) {
        return Some(m.entity);
    }
    if let Some(m) = inside.iter().filter(name).rev().find(|m| m.kind == EntityKind::Country) {
        return Some(m.entity);
    }
    if r.len() == 1 && is_pronoun(doc, head) {
        return resolve_pronoun(doc, head, previous);
    }
    if doc.is_lower_word(head) {
        if let Some(e) = resolve_nominal(doc, r.start, head) {
            return Some(e);
        }
    }
    // "Russian officials": a demonym names the country they speak for.
    inside.iter().rev().find(|m| m.form == MentionForm::Demonym).map(|m| m.entity)
}

/// A person entity named before token `before` whose name ends with `word`.
fn person_by_last_word(doc: &Doc<'_>, before: usize, word: &str) -> Option<usize> {
    if word.is_empty() {
        return None;
    }
    let limit = doc.tokens.get(before).map_or(usize::MAX, |t| t.span.start);
    let hi = doc.mentions_before(limit);
    let lo = hi.saturating_sub(MAX_LOOKBACK_MENTIONS * 4);
    // Tags first (a person whose last word hashes alike), then the words.
    let tags = doc.person_tags();
    let tag = super::word_tag(word);
    let matches = |i: usize, t: u32| {
        t == tag && doc.mentions.get(i).is_some_and(|m| doc.last_word(m.entity).eq_ignore_ascii_case(word))
    };
    let back = tags.get(lo..hi).unwrap_or(&[]);
    let found = last_tagged(back, tag, |i| matches(lo + i, tag)).map(|i| lo + i).or_else(|| {
        // Named only later ("Muttaqi ... Foreign Minister Amir Khan Muttaqi"): a short look ahead.
        let end = (hi + MAX_LOOKBACK_MENTIONS).min(doc.mentions.len());
        let ahead = tags.get(hi..end).unwrap_or(&[]);
        first_tagged(ahead, tag, |i| matches(hi + i, tag)).map(|i| hi + i)
    });
    found.and_then(|i| doc.mentions.get(i)).map(|m| m.entity)
}

/// How many tags [`last_tagged`] and [`first_tagged`] compare at once: a block
/// without `tag` (most of them) is passed over by one test of a comparison the
/// compiler does on all its tags together, not one branch per tag.
const TAG_BLOCK: usize = 16;

/// Whether `tag` is among `tags` (no early exit: a vector comparison).
fn has_tag(tags: &[u32], tag: u32) -> bool {
    tags.iter().fold(false, |any, &t| any | (t == tag))
}

/// The last index `i` of `tags` holding `tag` for which `accept(i)` holds:
/// `tags.iter().rposition(..)`, block by block.
fn last_tagged(tags: &[u32], tag: u32, accept: impl Fn(usize) -> bool) -> Option<usize> {
    let mut end = tags.len();
    while end > 0 {
        let start = end.saturating_sub(TAG_BLOCK);
        let block = &tags[start..end];
        if has_tag(block, tag) {
            if let Some(i) = (start..end).rev().find(|&i| tags[i] == tag && accept(i)) {
                return Some(i);
            }
        }
        end = start;
    }
    None
}

/// The first index `i` of `tags` holding `tag` for which `accept(i)` holds:
/// `tags.iter().position(..)`, block by block.
fn first_tagged(tags: &[u32], tag: u32, accept: impl Fn(usize) -> bool) -> Option<usize> {
    let mut start = 0;
    while start < tags.len() {
        let end = (start + TAG_BLOCK).min(tags.len());
        if has_tag(&tags[start..end], tag) {
            if let Some(i) = (start..end).find(|&i| tags[i] == tag && accept(i)) {
                return Some(i);
            }
        }
        start = end;
    }
    None
}

/// Whether the mention starting at token `i` stands where a sentence's subject stands:
/// nothing but names, titles, determiners and adjectives between the clause start
/// and it.
fn in_subject_position(doc: &Doc<'_>, i: usize) -> bool {
    let s = doc.sentence_range(i).start;
    let lo = s.max(i.saturating_sub(12));
    for k in (lo..i).rev() {
        let w = doc.word(k);
        if w == "," || w == ";" || w == ":" {
            return true;
        }
        if is_stop(doc, k) || doc.verb(k).is_some() {
            return false;
        }
    }
    true
}

/// Resolve "he", "she", "they", "it" to the entity they most likely refer to: the
/// nearest agreeing mention in subject position (outside quotations), unless the
/// previous quotation's speaker is nearer ("it" and "they": unless an organisation or
/// country spoke within the last two paragraphs); "he" and "she" skip people whose
/// given name or honorific says otherwise.
fn resolve_pronoun(doc: &Doc<'_>, at: usize, previous: Option<(usize, usize)>) -> Option<usize> {
    let (kinds, gender): (&[EntityKind], Gender) = if doc.is(at, "he") {
        (&[EntityKind::Person], Gender::Male)
    } else if doc.is(at, "she") {
        (&[EntityKind::Person], Gender::Female)
    } else if doc.is(at, "it") {
        (&[EntityKind::Organization, EntityKind::Country], Gender::Unknown)
    } else if doc.is(at, "they") {
        (&[EntityKind::Organization, EntityKind::Country, EntityKind::Person], Gender::Unknown)
    } else {
        return None;
    };
    let agrees = |e: usize| {
        doc.entities.get(e).is_some_and(|x| kinds.contains(&x.kind))
            && !matches!(
                (gender, doc.gender(e)),
                (Gender::Male, Gender::Female) | (Gender::Female, Gender::Male)
            )
    };
    let para = doc.paragraph_of[at];
    // Organisations keep the floor longer than people ("The ministry said ... It added").
    let window = if kinds[0] == EntityKind::Person { 1 } else { 2 };
    let previous = previous
        .filter(|&(e, k)| k < doc.len() && para.saturating_sub(doc.paragraph_of[k]) <= window && agrees(e));
    if kinds[0] != EntityKind::Person {
        // An organisation that spoke last keeps the floor ("The ministry said ... It
        // added"); names in between are usually what it talks about.
        if let Some((e, _)) = previous {
            return Some(e);
        }
    }
    let limit = doc.tokens[at].span.start;
    let hi = doc.mentions_before(limit);
    let lo = hi.saturating_sub(MAX_LOOKBACK_MENTIONS);
    let mut fallback = None;
    for (i, m) in doc.mentions[lo..hi].iter().enumerate().rev() {
        let k = doc.mention_token(lo + i);
        if k >= doc.len() || para.saturating_sub(doc.paragraph_of[k]) > MAX_LOOKBACK_PARAGRAPHS {
            break;
        }
        if let Some((e, pk)) = previous {
            if k <= pk {
                // Nothing newer than the previous speaker: it keeps the floor.
                return Some(e);
            }
        }
        if m.form != MentionForm::Name || doc.quoted[k] || !agrees(m.entity) {
            continue;
        }
        if in_subject_position(doc, k) {
            return Some(m.entity);
        }
        fallback.get_or_insert(m.entity);
    }
    previous.map(|(e, _)| e).or(fallback)
}

/// Resolve "the ministry", "the campaign" to the nearest organisation before it whose
/// name contains the head word; "a spokesman for X" was resolved through X already.
fn resolve_nominal(doc: &Doc<'_>, start: usize, head: usize) -> Option<usize> {
    if is_role_noun(doc, head) {
        return None;
    }
    let word = doc.word(head);
    let singular = word.strip_suffix('s').filter(|s| s.len() > 3).unwrap_or(word);
    let limit = doc.tokens[start].span.start;
    let hi = doc.mentions_before(limit);
    let lo = hi.saturating_sub(MAX_LOOKBACK_MENTIONS * 2);
    let para = doc.paragraph_of[start];
    for (i, m) in doc.mentions[lo..hi].iter().enumerate().rev() {
        if m.kind != EntityKind::Organization || m.form != MentionForm::Name {
            continue;
        }
        let k = doc.mention_token(lo + i);
        if k < doc.len() && para.saturating_sub(doc.paragraph_of[k]) > MAX_LOOKBACK_PARAGRAPHS * 3 {
            break;
        }
        let text = m.span.text(doc.text);
        let name = doc.entities.get(m.entity).map_or("", |e| e.name.as_str());
        if has_word(text, singular) || has_word(name, singular) {
            return Some(m.entity);
        }
    }
    None
}

/// Whether `word` is one of the words of `s` (split at characters that are not
/// letters or digits), ignoring ASCII case.
fn has_word(s: &str, word: &str) -> bool {
    if s.len() < word.len() {
        return false;
    }
    if s.is_ascii() {
        // The same split on bytes.
        let word = word.as_bytes();
        return s.as_bytes().split(|b| !b.is_ascii_alphanumeric()).any(|w| w.eq_ignore_ascii_case(word));
    }
    s.split(|c: char| !c.is_alphanumeric()).any(|w| w.eq_ignore_ascii_case(word))
}

/// Turn a found quotation into a [`Quote`], resolving its speaker. `previous` carries
/// the last resolved speaker (entity, paragraph) from quotation to quotation.
pub(crate) fn finish(doc: &Doc<'_>, found: Found, previous: &mut Option<(usize, usize)>) -> Quote {
    let speaker_entity = found.speaker.as_ref().and_then(|r| resolve(doc, r, *previous));
    if let (Some(e), Some(r)) = (speaker_entity, &found.speaker) {
        *previous = Some((e, r.start));
    }
    Quote {
        content: found.content,
        span: found.span,
        speaker: found.speaker.map(|r| doc.span(r)),
        speaker_entity,
        cue: found.cue.map(|r| doc.span(r)),
        kind: found.kind,
    }
}
