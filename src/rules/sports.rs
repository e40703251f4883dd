//! Sports pages: clubs named after places ("Leicestershire beat Somerset",
//! "Nice 's home defeat", "DETROIT 4 Kansas City 1") are organisations, not places.
//!
//! The rule only runs on documents that read as sports reports (scores and match
//! vocabulary), and only turns a place into a team where the words around it say
//! "team": a score after it, a result verb, "against", "club", "coach"... Countries
//! stay countries (national sides are named after their country and tagged as such).

use super::names::is_name_token;
use super::{Context, Cover};
use crate::analysis::{EntityKind, FoundBy, MentionForm, Rule};
use crate::lexicon::WordInfo;
use crate::resolve::{Candidate, PRIORITY_GUESS};
use crate::tokenize::TokenFlags;

const SPORTS_WORDS: &[&str] = &[
    "innings",
    "wickets",
    "wicket",
    "goals",
    "goal",
    "scored",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "match",
    "matches",
    "league",
    "season",
    "championship",
    "tournament",
    "cup",
    "coach",
    "club",
    "beat",
    "drew",
    "points",
    "halftime",
    "half-time",
    "seeded",
    "bowling",
    "batting",
    "soccer",
    "tennis",
    "golf",
    "cricket",
    "baseball",
    "football",
    "rugby",
    "hockey",
    "basketball",
    "inning",
    "homer",
    "pitcher",
    "runs",
    "racing",
    "standings",
    "playoff",
    "playoffs",
    "fixture",
    "fixtures",
    "quarter-final",
    "semifinal",
    "semi-final",
    "final",
    "draw",
    "defeat",
    "victory",
    "title",
];

/// Words before a team name.
const BEFORE_TEAM: &[&str] = &[
    "beat",
    "beats",
    "against",
    "v",
    "vs",
    "vs.",
    "v.",
    "defeated",
    "over",
    "club",
    "side",
    "joined",
    "host",
    "hosts",
    "visiting",
    "visit",
    "play",
    "plays",
    "face",
    "faces",
    "eliminated",
    "edged",
    "thrashed",
    "routed",
    "downed",
    "blanked",
    "swept",
    "champions",
    "for",
];

/// Words after a team name.
const AFTER_TEAM: &[&str] = &[
    "beat",
    "beats",
    "drew",
    "draw",
    "lost",
    "lose",
    "won",
    "win",
    "defeated",
    "captain",
    "coach",
    "manager",
    "striker",
    "midfielder",
    "goalkeeper",
    "defender",
    "player",
    "players",
    "side",
    "team",
    "club",
    "fans",
    "supporters",
    "scored",
    "kept",
    "made",
    "reached",
    "closed",
    "declared",
    "were",
    "have",
    "had",
    "are",
    "'s",
    "trail",
    "lead",
    "led",
    "trailed",
    "v",
    "vs",
    "vs.",
    "at",
    "rallied",
    "edged",
    "routed",
    "blanked",
    "swept",
    "extended",
    "got",
    "took",
    "will",
];

/// Whether the document reads as a sports report.
pub fn is_sports(cx: &Context<'_>) -> bool {
    let mut hits = 0;
    for (i, t) in cx.tokens.iter().enumerate() {
        let w = cx.norm.token(i);
        let score = t.is(TokenFlags::DIGIT)
            && w.split_once('-').is_some_and(|(a, b)| {
                !a.is_empty()
                    && a.len() <= 3
                    && a.bytes().all(|c| c.is_ascii_digit())
                    && !b.is_empty()
                    && b.len() <= 3
            });
        if score || SPORTS_WORDS.contains(&w) {
            hits += 1;
            if hits >= 4 {
                return true;
            }
        }
    }
    false
}

/// A small whole number: a score or a points total, not a year or a date.
fn is_score(cx: &Context<'_>, i: usize) -> bool {
    let Some(t) = cx.tokens.get(i) else { return false };
    if !t.is(TokenFlags::DIGIT) || t.is(TokenFlags::LINE_BREAK_BEFORE) {
        return false;
    }
    let w = cx.norm.token(i);
    let head = w.split('-').next().unwrap_or("");
    !head.is_empty() && head.len() <= 3 && head.bytes().all(|b| b.is_ascii_digit()) && w.len() <= 7
}

fn team_context(cx: &Context<'_>, start: usize, end: usize) -> bool {
    let prev = start.checked_sub(1).filter(|_| !cx.tokens[start].is(TokenFlags::LINE_BREAK_BEFORE));
    let next = (end < cx.tokens.len() && !cx.tokens[end].is(TokenFlags::LINE_BREAK_BEFORE)).then_some(end);
    if next.is_some_and(|n| is_score(cx, n)) {
        return true;
    }
    if prev.is_some_and(|p| BEFORE_TEAM.contains(&cx.norm.token(p))) {
        return true;
    }
    next.is_some_and(|n| AFTER_TEAM.contains(&cx.norm.token(n)))
}

/// Turn team-like places into organisations, and propose unknown team names.
pub fn apply(cx: &Context<'_>, candidates: &mut Vec<Candidate>) {
    if !is_sports(cx) {
        return;
    }
    for c in candidates.iter_mut() {
        if c.kind == EntityKind::Location
            && c.form == MentionForm::Name
            && team_context(cx, c.tokens.start, c.tokens.end)
        {
            c.kind = EntityKind::Organization;
            c.canonical = None;
            c.ids = None;
        }
    }
    // Single unknown capitalised words in team position ("beat Guingamp 2-1").
    let mut extra = Vec::new();
    for i in 0..cx.tokens.len() {
        if cx.cover[i] != Cover::None || !is_name_token(cx, i) || cx.at_sentence_start(i) {
            continue;
        }
        let info = cx.info[i];
        if info.any(WordInfo::COMMON_WORD | WordInfo::GIVEN | WordInfo::NON_NAME) || cx.shouting[i] {
            continue;
        }
        if (i > 0 && is_name_token(cx, i - 1)) || is_name_token(cx, i + 1) {
            continue;
        }
        let prev = i.checked_sub(1).map(|p| cx.norm.token(p));
        let strong_before =
            prev.is_some_and(|w| matches!(w, "beat" | "against" | "v" | "vs" | "club" | "side"));
        if strong_before || (i + 1 < cx.tokens.len() && is_score(cx, i + 1) && prev.is_none_or(|w| w != "("))
        {
            extra.push(Candidate {
                tokens: i..i + 1,
                span: cx.tokens[i].span,
                kind: EntityKind::Organization,
                form: MentionForm::Name,
                canonical: None,
                ids: None,
                found_by: FoundBy::Rule(Rule::Context),
                priority: PRIORITY_GUESS + 8,
            });
        }
    }
    candidates.extend(extra);
}
