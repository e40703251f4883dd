//! Sports pages: clubs named after places ("Leicestershire beat Somerset",
//! "Nice 's home defeat", "DETROIT 4 Kansas City 1") are organisations, not places.
//!
//! The rule only runs on documents that read as sports reports (scores and match
//! vocabulary), and only turns a place into a team where the words around it say
//! "team": a score after it, a result verb, "against", "club", "coach"... Countries
//! stay countries (national sides are named after their country and tagged as such).

use super::names::{is_initial, is_name_token, run_end_apart, Runs};
use super::{Context, Cover, Shapes, Vocab};
use crate::analysis::{EntityKind, FoundBy, MentionForm, Rule};
use crate::lexicon::WordInfo;
use crate::resolve::{Candidate, PRIORITY_GUESS};
use crate::tokenize::TokenFlags;
use once_cell::sync::Lazy;

/// Words that make a document read as a sports report.
pub const SPORTS_WORDS: &[&str] = &[
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
pub(crate) const BEFORE_TEAM: &[&str] = &[
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
pub(crate) const AFTER_TEAM: &[&str] = &[
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

/// Prepositions after which a place stays a place ("the match in Leicester").
pub(crate) const LOCATIVE: &[&str] = &["in", "near", "outside", "across", "around", "into"];

/// Words right before a single unknown word that make it a team ("beat Guingamp").
pub(crate) const STRONG_BEFORE_TEAM: &[&str] = &["beat", "against", "v", "vs", "club", "side"];

/// Whether the document reads as a sports report.
pub fn is_sports(cx: &Context<'_>) -> bool {
    let mut hits = 0;
    for (i, t) in cx.tokens.iter().enumerate() {
        let score = t.is(TokenFlags::DIGIT) && is_score_pair(cx.norm.token(i).as_bytes());
        if score
            || (t.is(TokenFlags::WORD)
                && may_be_sports_word(cx.norm.token(i))
                && cx.info(i).has(WordInfo::SPORTS))
        {
            hits += 1;
            if hits >= 4 {
                return true;
            }
        }
    }
    false
}

/// Whether a normalised token reads as a score ("3-1", "102-7"): one to three
/// digits, a dash, then one to three bytes. Only the first four bytes are
/// searched for the dash: a token with none there has more than three bytes
/// before it.
#[inline]
fn is_score_pair(word: &[u8]) -> bool {
    let Some(dash) = word.iter().take(4).position(|&b| b == b'-') else { return false };
    dash >= 1 && word[..dash].iter().all(u8::is_ascii_digit) && (2..=4).contains(&(word.len() - dash))
}

/// Whether a normalised word has the first letter and length of one of the
/// [`SPORTS_WORDS`], the only words the lexicon marks [`WordInfo::SPORTS`]: the
/// others need no lookup.
fn may_be_sports_word(word: &str) -> bool {
    static SHAPES: Lazy<Shapes> = Lazy::new(|| Shapes::of(SPORTS_WORDS.iter().copied()));
    SHAPES.may_hold(word.as_bytes())
}

/// A small whole number: a score or a points total, not a year or a date.
#[inline]
fn is_score(cx: &Context<'_>, i: usize) -> bool {
    // Shapes first, inline: most tokens tested are words.
    cx.tokens.get(i).is_some_and(|t| t.is(TokenFlags::DIGIT) && !t.is(TokenFlags::LINE_BREAK_BEFORE))
        && score_text(cx, i)
}

/// The text half of [`is_score`].
#[inline(never)]
fn score_text(cx: &Context<'_>, i: usize) -> bool {
    let w = cx.norm.token(i);
    let head = w.split('-').next().unwrap_or("");
    !head.is_empty() && head.len() <= 3 && head.bytes().all(|b| b.is_ascii_digit()) && w.len() <= 7
}

fn team_context(cx: &Context<'_>, start: usize, end: usize) -> bool {
    let prev = start.checked_sub(1).filter(|_| !cx.tokens[start].is(TokenFlags::LINE_BREAK_BEFORE));
    // "the match in Leicester": a place after a locative preposition stays a place.
    if prev.is_some_and(|p| cx.vocab(p).any(Vocab::SPORTS_LOCATIVE)) {
        return false;
    }
    let next = (end < cx.tokens.len() && !cx.tokens[end].is(TokenFlags::LINE_BREAK_BEFORE)).then_some(end);
    if next.is_some_and(|n| is_score(cx, n)) {
        return true;
    }
    if prev.is_some_and(|p| cx.vocab(p).any(Vocab::BEFORE_TEAM)) {
        return true;
    }
    next.is_some_and(|n| cx.vocab(n).any(Vocab::AFTER_TEAM))
}

/// Turn team-like places into organisations, and propose unknown team names.
/// `runs` are the capitalised runs [`names::propose`](super::names::propose) found.
pub fn apply(cx: &Context<'_>, runs: &Runs, candidates: &mut Vec<Candidate>) {
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
    // The teams found below go after the candidates above, which they no longer
    // change.
    // Results tables and match reports: "Queens Park Rangers 3 2 1 0", "Leyton Orient 2",
    // "the Cincinnati Reds", "the Mets".
    let mut k = 0;
    for (index, s) in cx.sentences.iter().enumerate() {
        if let Some(recorded) = runs.of_sentence(index) {
            // A plain loop: most runs are no team, and `extend` on a filter
            // checks the room for each.
            for (i, end) in recorded {
                if let Some(team) = team_run(cx, i, end) {
                    candidates.push(team);
                }
            }
            continue;
        }
        // Runs start at name tokens only: visit those.
        k = super::seek(cx.run_starts, k, s.start);
        while let Some(&i) = cx.run_starts.get(k).filter(|&&p| p < s.end) {
            if !is_name_token(cx, i) {
                k += 1;
                continue;
            }
            let end = run_end_apart(cx, i, s.end.min(i + super::names::MAX_RUN));
            candidates.extend(team_run(cx, i, end));
            let next = end.max(i + 1);
            while cx.run_starts.get(k).is_some_and(|&p| p < next) {
                k += 1;
            }
        }
    }
    // Single unknown capitalised words in team position ("beat Guingamp 2-1").
    for &i in cx.run_starts {
        if cx.cover(i) != Cover::None || !is_name_token(cx, i) || cx.at_sentence_start(i) {
            continue;
        }
        let info = cx.info(i);
        if info.any(WordInfo::COMMON_WORD | WordInfo::GIVEN | WordInfo::NON_NAME) || cx.shouting(i) {
            continue;
        }
        if (i > 0 && is_name_token(cx, i - 1)) || is_name_token(cx, i + 1) {
            continue;
        }
        let prev = i.checked_sub(1).map(|p| cx.vocab(p));
        let strong_before = prev.is_some_and(|v| v.any(Vocab::STRONG_BEFORE_TEAM));
        if strong_before
            || (i + 1 < cx.tokens.len()
                && is_score(cx, i + 1)
                && prev.is_none_or(|v| !v.any(Vocab::OPEN_PAREN)))
        {
            candidates.push(team(cx, i..i + 1));
        }
    }
}

/// A team over the run `i..end` (which starts at a name token) when it reads as one:
/// "Queens Park Rangers 3 2 1 0", "Leyton Orient 2", "the Cincinnati Reds".
/// Inline up to the test most runs fail, so they cost no call (always: the
/// compiler left it a call, which cost more than the tests).
#[inline(always)]
fn team_run(cx: &Context<'_>, i: usize, end: usize) -> Option<Candidate> {
    let len = end - i;
    if len > 4 {
        return None;
    }
    // The tests are pure, so the rarest goes first: most runs are no team.
    let scored = is_score(cx, end) && !cx.shouting(i);
    let team_like = scored || {
        let plural_team = i > 0
            && cx.facts.vocab_if(i - 1, may_be_the).any(Vocab::THE)
            && cx.norm.token(end - 1).ends_with('s')
            && cx.tokens[end - 1].is(TokenFlags::CAPITALIZED)
            && cx.cover(end - 1) == Cover::None
            && !cx.info(end - 1).any(WordInfo::NON_NAME | WordInfo::ORG_HEAD);
        // A plural name needs "the" before it, so never opens a sentence.
        plural_team && !cx.at_sentence_start(i)
    };
    if !team_like {
        return None;
    }
    team_unless_person(cx, i, end)
}

/// The rest of [`team_run`], once the run reads as a team: a team unless it reads
/// as a person's name or a list names it whole.
#[inline(never)]
fn team_unless_person(cx: &Context<'_>, i: usize, end: usize) -> Option<Candidate> {
    let len = end - i;
    let person_like = (i..end).any(|k| is_initial(cx, k))
        || (cx.info(i).has(WordInfo::GIVEN) && !cx.info(i).has(WordInfo::COMMON_WORD) && len > 1);
    let listed_whole = cx.cover(i) != Cover::None && cx.cover_end(i) >= end;
    (!person_like && !listed_whole).then(|| team(cx, i..end))
}

fn team(cx: &Context<'_>, range: std::ops::Range<usize>) -> Candidate {
    Candidate {
        span: cx.span(range.clone()),
        tokens: range,
        kind: EntityKind::Organization,
        form: MentionForm::Name,
        canonical: None,
        ids: None,
        found_by: FoundBy::Rule(Rule::Context),
        priority: PRIORITY_GUESS + 8,
    }
}

/// Whether a normalised word has the first byte and length of "the" (the class
/// [`Vocab::THE`]), before the plural team [`team_run`] tests.
#[inline]
fn may_be_the(word: &[u8]) -> bool {
    static SHAPES: Lazy<Shapes> = Lazy::new(|| Shapes::of_classes(Vocab::THE));
    SHAPES.may_hold(word)
}

#[cfg(test)]
mod tests {
    use super::is_score_pair;

    /// The byte test says what splitting at the first dash says.
    #[test]
    fn score_pairs_as_split_at_the_dash() {
        let by_split = |w: &str| {
            w.split_once('-').is_some_and(|(a, b)| {
                !a.is_empty()
                    && a.len() <= 3
                    && a.bytes().all(|c| c.is_ascii_digit())
                    && !b.is_empty()
                    && b.len() <= 3
            })
        };
        let words = [
            "3-1", "102-7", "1-", "-1", "12-345", "12-3456", "1234-5", "1-2-3", "a-1", "1a-2", "7-é", "7-éé",
            "", "-", "2--", "10-0", "0-0-", "999-999",
        ];
        for w in words {
            assert_eq!(is_score_pair(w.as_bytes()), by_split(w), "{w:?}");
        }
    }
}
