//! Capitalised runs: maximal sequences of name-like tokens inside a sentence,
//! and what kind of name each one is.
//!
//! A run is a sequence of capitalised words, initials and titles, with lower-case
//! connectors inside ("Bank of England", "Ludwig van Beethoven", "Osama bin Laden",
//! "al-Qaeda"). Each run is classified in this order:
//!
//! 1. a title or office at its start ("Foreign Minister", "Sen.", "President",
//!    "Russian President") makes the rest of the run a person ([`Rule::Title`]);
//! 2. an organisation head word ends an organisation ("Foreign Ministry",
//!    "Labour Party", "Acme Corp.") and "X of Y" starts one ("Bank of England",
//!    "Ministry of Foreign Affairs") ([`Rule::OrgHead`], [`Rule::OrgOf`]);
//! 3. a known given name followed by capitalised words starts a person
//!    ([`Rule::GivenName`]); a given name alone is a person when it is not also an
//!    ordinary word;
//! 4. capitalised words ending in a known surname are a person ([`Rule::Surname`]);
//! 5. a place word at the end makes a place ("Helmand Province", "Orange County",
//!    "Jordan River") ([`Rule::PlacePattern`]);
//! 6. a run next to a speech verb ("Hoddle said", "said Koofi") is a person
//!    ([`Rule::Speaker`]); an unknown acronym is an organisation ([`Rule::Acronym`]).
//!
//! What is left is not guessed: list hits inside the run still stand on their own.

use super::{Context, Cover, Shapes, Vocab};
use crate::analysis::{EntityKind, FoundBy, MentionForm, Rule};
use crate::lexicon::{TitleClass, WordInfo};
use crate::resolve::{Candidate, Priority, PRIORITY_GUESS, PRIORITY_STRONG_RULE};
use crate::tokenize::TokenFlags;
use once_cell::sync::Lazy;
use std::ops::Range;

/// The most tokens a run may have. No name is longer; a longer stretch of
/// capitalised words (a title in capitals, a list of names, hostile input) is cut
/// into runs of this size, which keeps every step bounded.
pub const MAX_RUN: usize = 16;

/// Lower-case words that may sit inside a name between capitalised words.
pub(crate) const CONNECTORS: &[&str] = &[
    "of", "de", "del", "della", "di", "da", "du", "des", "dos", "das", "van", "von", "der", "den", "ter",
    "la", "le", "bin", "ibn", "bint", "al", "el", "y", "e", "do", "und",
];

/// Lower-case particles that may open a hyphenated name part ("al-Assad").
pub(crate) const DASH_PARTICLES: &[&str] =
    &["al", "el", "ad", "as", "ash", "at", "az", "ul", "ud", "bin", "abu"];

/// Head words after which "for" / "on" / "and" may continue an organisation name.
pub(crate) const LINKING_AFTER_HEAD: &[&str] = &["for", "on", "and"];

/// Last words that make a place ("Helmand Province").
pub(crate) const PLACE_WORDS: &[&str] = &[
    "province",
    "county",
    "district",
    "region",
    "river",
    "island",
    "islands",
    "valley",
    "mountains",
    "mountain",
    "lake",
    "sea",
    "bay",
    "strait",
    "desert",
    "peninsula",
    "state",
    "oblast",
    "prefecture",
    "governorate",
    "canton",
    "territory",
    "territories",
    "coast",
    "gulf",
    "ocean",
    "canal",
    "square",
    "heights",
    "plain",
    "plains",
    "basin",
    "delta",
    "hills",
    "city",
    "town",
    "village",
    "airport",
];

/// Last words of event names ("U.S. Open", "Berlin Grand Prix", "Hong Kong Sevens"):
/// a place inside such a name is not a mention of the place.
pub(crate) const EVENT_WORDS: &[&str] = &[
    "open",
    "championship",
    "championships",
    "prix",
    "cup",
    "games",
    "masters",
    "classic",
    "marathon",
    "tour",
    "trophy",
    "olympics",
    "sevens",
    "derby",
    "festival",
    "expo",
    "summit",
    "invitational",
    "amateur",
    "series",
    "rally",
    "regatta",
    "grand",
];

/// Head words of government bodies, which take an owner ("Russia's Foreign Ministry")
/// rather than a country inside their name.
pub const GOVERNMENT_HEADS: &[&str] = &[
    "ministry",
    "department",
    "office",
    "embassy",
    "government",
    "cabinet",
    "army",
    "navy",
    "police",
    "parliament",
    "court",
    "senate",
    "congress",
    "council",
    "agency",
    "commission",
    "forces",
    "force",
    "consulate",
    "mission",
    "presidency",
    "secretariat",
    "directorate",
];

/// Speech verbs that mark speaker position for a bare capitalised name.
pub(crate) const SPEAKER_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "asked",
    "stated",
    "wrote",
    "tweeted",
    "explained",
    "noted",
    "insisted",
    "warned",
    "argued",
    "claimed",
    "declared",
    "announced",
    "replied",
    "recalled",
];

/// Words a person's name stops before ("Todd Stottlemyre of the Cardinals").
pub(crate) const PERSON_BREAKS: &[&str] = &["of", "&", "and", "for", "on"];

/// The capitalised runs of a document as [`propose`] found them, for the rules
/// that read the same runs after it ([`sports`](super::sports)), so they need not
/// find them again.
#[derive(Debug, Default)]
pub struct Runs {
    /// Each run's first token and one past its last, in order.
    spans: Vec<(u32, u32)>,
    /// Per sentence, its runs in `spans`, or `None` where they were not recorded:
    /// sentences in capitals (skipped) and sentences where a run starts at a
    /// particle ("al-Assad"), which a reader starting runs at name tokens only
    /// would cut differently.
    sentences: Vec<Option<(u32, u32)>>,
}

impl Runs {
    /// The runs of sentence `s` (index into [`Context::sentences`]), each its first
    /// token and one past its last, if recorded: the runs that start at name
    /// tokens ([`is_name_token`]), in order.
    pub fn of_sentence(&self, s: usize) -> Option<impl Iterator<Item = (usize, usize)> + '_> {
        let (from, to) = self.sentences.get(s).copied().flatten()?;
        let spans = self.spans.get(from as usize..to as usize).unwrap_or_default();
        Some(spans.iter().map(|&(start, end)| (start as usize, end as usize)))
    }
}

/// Propose candidates for every capitalised run of every sentence; returns the
/// runs.
pub fn propose(cx: &Context<'_>, out: &mut Vec<Candidate>) -> Runs {
    let first_new = out.len();
    let runs = propose_runs(cx, out);
    // Where a list names exactly the same words, the list knows better
    // ("Russian Federation" is a country, not a federation).
    // The others keep their order (by start, nearly), which makes the
    // resolution's sort by start cheap.
    let mut kept = first_new;
    for k in first_new..out.len() {
        let r = out[k].tokens.clone();
        let exact_list = cx.cover(r.start) != Cover::None && cx.cover_end(r.start) == r.end && {
            r.start == 0 || cx.cover_end(r.start - 1) != r.end
        };
        if !exact_list {
            if kept != k {
                out.swap(kept, k);
            }
            kept += 1;
        }
    }
    out.truncate(kept);
    runs
}

fn propose_runs(cx: &Context<'_>, out: &mut Vec<Candidate>) -> Runs {
    let mut runs = Runs { spans: Vec::with_capacity(cx.run_starts.len()), sentences: Vec::new() };
    runs.sentences.reserve(cx.sentences.len());
    let mut k = 0;
    for s in cx.sentences {
        if cx.shouting(s.start) {
            runs.sentences.push(None);
            continue;
        }
        let from = runs.spans.len() as u32;
        let mut recorded = true;
        // Runs start at name tokens and particles only: visit those.
        k = super::seek(cx.run_starts, k, s.start);
        while let Some(&i) = cx.run_starts.get(k).filter(|&&p| p < s.end) {
            let name = is_name_token(cx, i);
            if !name && !starts_dash_name(cx, i, s.end) {
                k += 1;
                continue;
            }
            recorded &= name;
            let end = run_end(cx, i, s.end.min(i + MAX_RUN));
            runs.spans.push((i as u32, end as u32));
            classify(cx, i..end, out);
            let next = end.max(i + 1);
            while cx.run_starts.get(k).is_some_and(|&p| p < next) {
                k += 1;
            }
        }
        runs.sentences.push(recorded.then_some((from, runs.spans.len() as u32)));
    }
    runs
}

/// A capitalised word, initial or title abbreviation that can be part of a name.
pub fn is_name_token(cx: &Context<'_>, i: usize) -> bool {
    cx.tokens.get(i).is_some_and(|t| may_be_name(t) && name_info(cx.info(i)))
}

/// The shape half of [`is_name_token`]: a capitalised word, not a possessive.
pub(crate) fn may_be_name(t: &crate::tokenize::Token) -> bool {
    t.is(TokenFlags::WORD) && t.is(TokenFlags::CAPITALIZED) && !t.is(TokenFlags::POSSESSIVE)
}

/// The word-list half of [`is_name_token`]: not a word that is never a name.
pub(crate) fn name_info(info: WordInfo) -> bool {
    !(info.has(WordInfo::NON_NAME)
        && (!info.any(WordInfo::GIVEN | WordInfo::SURNAME)
            || info.any(WordInfo::WEEKDAY | WordInfo::FUNCTION)))
}

#[inline]
fn starts_dash_name(cx: &Context<'_>, i: usize, end: usize) -> bool {
    // Shapes first, inline: a glued dash after the word is rare.
    i + 2 < end && cx.tokens[i + 1].is(TokenFlags::DASH | TokenFlags::JOINED) && dash_name_after(cx, i)
}

/// The rest of [`starts_dash_name`], once token `i + 1` is a glued dash.
#[inline(never)]
fn dash_name_after(cx: &Context<'_>, i: usize) -> bool {
    cx.tokens[i + 2].is(TokenFlags::JOINED)
        && cx.vocab(i).any(Vocab::DASH_PARTICLE)
        && is_name_token(cx, i + 2)
}

/// One past the last token of the run starting at `i`. Inline (the runs of
/// [`propose`] call it once each); [`run_end_apart`] is the same as a call.
#[inline(always)]
pub(crate) fn run_end(cx: &Context<'_>, start: usize, end: usize) -> usize {
    let mut j = start + 1;
    if starts_dash_name(cx, start, end) {
        j = start + 3;
    }
    let breaks = |k: usize| cx.tokens[k].is(TokenFlags::LINE_BREAK_BEFORE);
    while j < end {
        if breaks(j) {
            break;
        }
        if is_name_token(cx, j) {
            j += 1;
            continue;
        }
        let t = &cx.tokens[j];
        // Hyphenated parts: "Abdul-Jabbar", "Ban Ki-moon" (a short lower-case tail).
        if t.is(TokenFlags::DASH)
            && t.is(TokenFlags::JOINED)
            && j + 1 < end
            && cx.tokens[j + 1].is(TokenFlags::JOINED)
        {
            let next = &cx.tokens[j + 1];
            if next.is(TokenFlags::WORD)
                && (next.is(TokenFlags::CAPITALIZED)
                    || (next.span.len() <= 4 && !cx.info(j + 1).has(WordInfo::COMMON_WORD)))
            {
                j += 2;
                continue;
            }
            break;
        }
        if j + 1 < end && !breaks(j + 1) {
            // Only connectors, "&" and linking words go on: most tokens after a
            // run are none by their first byte and length, without a lookup.
            let word = cx.facts.vocab_if(j, may_join_names);
            if word.any(Vocab::CONNECTOR) {
                if is_name_token(cx, j + 1) {
                    j += 2;
                    continue;
                }
                // "van der Westhuizen", "de la Rua".
                if j + 2 < end
                    && cx.vocab(j + 1).any(Vocab::CONNECTOR)
                    && !breaks(j + 2)
                    && is_name_token(cx, j + 2)
                    && !word.any(Vocab::OF)
                {
                    j += 3;
                    continue;
                }
                // "of the": "Bank of the West".
                if word.any(Vocab::OF)
                    && j + 2 < end
                    && cx.vocab(j + 1).any(Vocab::THE)
                    && is_name_token(cx, j + 2)
                {
                    j += 3;
                    continue;
                }
                if starts_dash_name(cx, j, end) {
                    j += 3;
                    continue;
                }
            }
            // "Douglas & Lomason", "Procter & Gamble".
            if word.any(Vocab::AMPERSAND) && is_name_token(cx, j + 1) {
                j += 2;
                continue;
            }
            if word.any(Vocab::LINKING_AFTER_HEAD)
                && cx.info(j - 1).has(WordInfo::ORG_HEAD)
                && is_name_token(cx, j + 1)
                && !cx.cover(j + 1).is_place()
            {
                j += 2;
                continue;
            }
        }
        break;
    }
    j
}

/// [`run_end`] as a call, for the rules that seldom need it.
#[inline(never)]
pub(crate) fn run_end_apart(cx: &Context<'_>, start: usize, end: usize) -> usize {
    run_end(cx, start, end)
}

/// Whether a normalised word has the first byte and length of a word that may
/// join two name tokens in [`run_end`]: a connector, a linking word after a head,
/// or "&" (the classes [`Vocab::CONNECTOR`], [`Vocab::LINKING_AFTER_HEAD`] and
/// [`Vocab::AMPERSAND`]).
#[inline]
fn may_join_names(word: &[u8]) -> bool {
    static SHAPES: Lazy<Shapes> =
        Lazy::new(|| Shapes::of_classes(Vocab::CONNECTOR | Vocab::LINKING_AFTER_HEAD | Vocab::AMPERSAND));
    SHAPES.may_hold(word)
}

/// Whether a normalised word has the first byte and length of one of the
/// [`SPEAKER_VERBS`] (the class [`Vocab::SPEAKER_VERB`]).
#[inline]
fn may_be_speaker_verb(word: &[u8]) -> bool {
    static SHAPES: Lazy<Shapes> = Lazy::new(|| Shapes::of_classes(Vocab::SPEAKER_VERB));
    SHAPES.may_hold(word)
}

/// Whether a normalised word has the first byte and length of one of the marks
/// [`person_context_after`] looks for ("(", ")", ",", ".").
#[inline]
fn may_be_context_mark(word: &[u8]) -> bool {
    static SHAPES: Lazy<Shapes> = Lazy::new(|| {
        Shapes::of_classes(Vocab::OPEN_PAREN | Vocab::CLOSE_PAREN | Vocab::COMMA | Vocab::PERIOD)
    });
    SHAPES.may_hold(word)
}

fn candidate(
    cx: &Context<'_>,
    range: Range<usize>,
    kind: EntityKind,
    rule: Rule,
    priority: Priority,
) -> Candidate {
    Candidate {
        span: cx.span(range.clone()),
        tokens: range,
        kind,
        form: MentionForm::Name,
        canonical: None,
        ids: None,
        found_by: FoundBy::Rule(rule),
        priority,
    }
}

/// The longest title starting at `i` (with modifiers before it): its end and class.
#[inline]
pub fn title_at(cx: &Context<'_>, i: usize, end: usize) -> Option<(usize, TitleClass)> {
    if end <= i {
        return None;
    }
    match cx.facts.longest_title(i, end - i) {
        Some(longest) => longest.map(|(n, class)| (i + n, class)),
        None => title_by_lookups(cx, i, end),
    }
}

/// [`title_at`] where titles cannot be read from the word facts: every token
/// range from `i` looked up.
#[inline(never)]
fn title_by_lookups(cx: &Context<'_>, i: usize, end: usize) -> Option<(usize, TitleClass)> {
    let max = cx.lexicon.max_title_tokens().max(1);
    let mut best = None;
    for n in 1..=max.min(end.saturating_sub(i)) {
        if let Some(class) = cx.lexicon.title(cx.norm.tokens_text(i..i + n)) {
            best = Some((i + n, class));
        }
    }
    best
}

/// Skip titles, modifiers, demonyms and countries at the start of a run
/// ("Former Russian President", "U.S. Secretary of State"): where the name starts,
/// and whether a title was seen.
fn skip_titles(cx: &Context<'_>, run: &Range<usize>) -> (usize, bool) {
    let mut p = run.start;
    let mut titled = false;
    let mut guard = 0;
    while p < run.end && guard < 8 {
        guard += 1;
        if let Some((t_end, class)) = title_at(cx, p, run.end) {
            if class == TitleClass::Modifier {
                p = t_end;
                continue;
            }
            // "President Bush" but not "President" inside "President Hotel".
            titled = true;
            p = t_end;
            continue;
        }
        // A demonym or a country before a title: "Russian President", "U.S. Senator".
        let cover = cx.cover(p);
        if matches!(cover, Cover::Demonym | Cover::Country | Cover::Organization) {
            let c_end = cx.cover_end(p);
            if c_end < run.end && title_at(cx, c_end, run.end).is_some() {
                p = c_end;
                continue;
            }
        }
        break;
    }
    (p, titled)
}

fn classify(cx: &Context<'_>, run: Range<usize>, out: &mut Vec<Candidate>) {
    // An event named after a place: the whole run is no entity, and its place is
    // not a place mention either.
    if run.len() >= 2 && cx.vocab(run.end - 1).any(Vocab::EVENT_WORD) && cx.cover(run.start).is_place() {
        out.push(Candidate {
            span: cx.span(run.clone()),
            tokens: run,
            kind: EntityKind::Location,
            form: MentionForm::Name,
            canonical: None,
            ids: None,
            found_by: FoundBy::Rule(Rule::Event),
            priority: PRIORITY_STRONG_RULE,
        });
        return;
    }
    let mut start = run.start;
    // Sentence-initial ordinary words ("Officials", "Shares") are not names.
    while start < run.end && cx.at_sentence_start(start) && is_ordinary_word(cx, start) {
        // "Roger Pavlik", "Mark Brooks": a given name before another name word stays.
        let given_before_name = cx.info(start).has(WordInfo::GIVEN)
            && start + 1 < run.end
            && !is_ordinary_word(cx, start + 1)
            && cx.cover(start + 1) == Cover::None;
        if given_before_name {
            break;
        }
        start += 1;
    }
    if start >= run.end {
        return;
    }
    let run = start..run.end;

    // 1. Titles.
    let (p, titled) = skip_titles(cx, &run);
    if titled && p < run.end && p > run.start && is_name_token(cx, p) {
        let end = person_end(cx, p, run.end);
        if end > p && !is_ordinary_word(cx, p) || (end > p + 1) {
            person_then_rest(cx, p..end, run.end, Rule::Title, PRIORITY_STRONG_RULE, out);
            return;
        }
    }

    // A role or office just before the run: "economist Lynn Reaser",
    // "goalkeeper Rustu Recber", "Armenian counterpart Zhirayr Liparityan".
    let role_before = run.start.checked_sub(1).is_some_and(|b| {
        !cx.tokens[b].is(TokenFlags::CAPITALIZED)
            && title_at(cx, b, run.start)
                .is_some_and(|(_, c)| matches!(c, TitleClass::Role | TitleClass::Office))
    });
    if role_before && !cx.cover(run.start).is_strong_list() && !cx.info(run.start).has(WordInfo::ORG_HEAD) {
        let end = person_end(cx, run.start, run.end);
        if organization(cx, &(run.start..run.end)).is_none() && !is_ordinary_word(cx, run.start) {
            person_then_rest(cx, run.start..end, run.end, Rule::Title, PRIORITY_STRONG_RULE - 5, out);
            return;
        }
    }

    // Initials before a name: "D. Blenkiron", "J. K. Rowling".
    if is_initial(cx, run.start) {
        let mut p = run.start;
        while p < run.end && is_initial(cx, p) {
            p += 1;
        }
        if p < run.end && !cx.cover(p).is_strong_list() {
            let end = person_end(cx, p, run.end);
            person_then_rest(cx, run.start..end, run.end, Rule::GivenName, PRIORITY_STRONG_RULE - 5, out);
            return;
        }
    }

    // 2. Organisations.
    if let Some(org) = organization(cx, &run) {
        let (range, rule) = org;
        out.push(candidate(cx, range.clone(), EntityKind::Organization, rule, PRIORITY_STRONG_RULE));
        if range.start > run.start {
            classify_rest(cx, run.start..range.start, out);
        }
        if range.end < run.end {
            classify(cx, range.end..run.end, out);
        }
        return;
    }

    // 3. Given names.
    for g in run.clone() {
        let info = cx.info(g);
        if !info.has(WordInfo::GIVEN) || cx.cover(g).is_strong_list() {
            continue;
        }
        let end = person_end(cx, g, run.end);
        if end > g + 1 {
            // "Will Smith" needs a name after the common word; "Mariam Solaimankhil" does not.
            let next_ok = !info.has(WordInfo::COMMON_WORD)
                || cx.info(g + 1).has(WordInfo::SURNAME)
                || !cx.info(g + 1).has(WordInfo::COMMON_WORD);
            // Only list names (a country, a demonym) may stand before the given name.
            let clear_before = (run.start..g).all(|k| cx.cover(k) != Cover::None);
            if next_ok && (g == run.start || clear_before) {
                person_then_rest(cx, g..end, run.end, Rule::GivenName, PRIORITY_STRONG_RULE - 5, out);
                return;
            }
        }
    }

    // 4. Surnames: "Dariusz Rosati" where only the surname is known.
    let len = run.len();
    if (2..=3).contains(&len)
        && run.clone().all(|k| cx.cover(k) == Cover::None && !cx.info(k).has(WordInfo::NON_NAME))
        && cx.info(run.end - 1).has(WordInfo::SURNAME)
        && !cx.info(run.end - 1).has(WordInfo::COMMON_WORD)
        && !cx.info(run.start).any(WordInfo::ORG_HEAD | WordInfo::COMMON_WORD)
    {
        out.push(candidate(cx, run.clone(), EntityKind::Person, Rule::Surname, PRIORITY_GUESS + 10));
        return;
    }

    // 5. Places.
    if len >= 2 && cx.vocab(run.end - 1).any(Vocab::PLACE_WORD) {
        out.push(candidate(
            cx,
            run.clone(),
            EntityKind::Location,
            Rule::PlacePattern,
            PRIORITY_STRONG_RULE - 10,
        ));
        return;
    }

    classify_rest(cx, run, out);
}

/// Propose a person over `person` (which ends where the name ends), then classify
/// what is left of the run after it.
fn person_then_rest(
    cx: &Context<'_>,
    person: Range<usize>,
    run_end: usize,
    rule: Rule,
    priority: Priority,
    out: &mut Vec<Candidate>,
) {
    let end = person.end;
    out.push(candidate(cx, person, EntityKind::Person, rule, priority));
    if end < run_end {
        classify(cx, end..run_end, out);
    }
}

/// Speaker position, acronyms and lone given names: the last resorts, for runs
/// no list hit touches. Inline up to that test, which many runs fail, so they
/// cost no call.
#[inline]
fn classify_rest(cx: &Context<'_>, run: Range<usize>, out: &mut Vec<Candidate>) {
    if run.is_empty() {
        return;
    }
    let all_unlisted = run.clone().all(|k| cx.cover(k) == Cover::None);
    if all_unlisted {
        guess(cx, run, out);
    }
}

/// The rest of [`classify_rest`], for a run of unlisted tokens.
#[inline(never)]
fn guess(cx: &Context<'_>, run: Range<usize>, out: &mut Vec<Candidate>) {
    let len = run.len();
    // "Hoddle said", "said Koofi".
    let speaker_verb = |k: usize| cx.facts.vocab_if(k, may_be_speaker_verb).any(Vocab::SPEAKER_VERB);
    let after_verb = run.start.checked_sub(1).is_some_and(speaker_verb)
        && cx.tokens.get(run.end).is_none_or(|t| t.is(TokenFlags::PUNCT));
    let before_verb = speaker_verb(run.end);
    if (after_verb || before_verb) && len <= 4 && !run.clone().any(|k| is_ordinary_word(cx, k)) {
        out.push(candidate(cx, run.clone(), EntityKind::Person, Rule::Speaker, PRIORITY_GUESS + 5));
        return;
    }
    // "Brigita Bokovec ( Slovenia )", "Duran , 45 ,": a name with a country or an age.
    if person_context_after(cx, run.end) && !run.clone().any(|k| is_ordinary_word(cx, k)) && len <= 4 {
        out.push(candidate(cx, run.clone(), EntityKind::Person, Rule::Context, PRIORITY_GUESS + 5));
        return;
    }
    // Two or three capitalised words that are neither ordinary words nor known
    // names of anything else: most often a person in news.
    if (2..=3).contains(&len)
        && !cx.at_sentence_start(run.start)
        && run.clone().all(|k| {
            let t = &cx.tokens[k];
            !is_ordinary_word(cx, k)
                && !t.is(TokenFlags::ALL_CAPS)
                && !cx.info(k).any(WordInfo::ORG_HEAD | WordInfo::LEGAL | WordInfo::MONTH | WordInfo::WEEKDAY)
                && t.text(cx.text).chars().filter(|c| c.is_alphabetic()).take(2).count() >= 2
        })
    {
        out.push(candidate(cx, run.clone(), EntityKind::Person, Rule::Context, PRIORITY_GUESS));
        return;
    }
    if len == 1 {
        let t = &cx.tokens[run.start];
        let info = cx.info(run.start);
        // Up to 7: enough to tell 2 to 6 (counted only for words in capitals).
        let letters = || t.text(cx.text).chars().filter(|c| c.is_alphabetic()).take(7).count();
        if t.is(TokenFlags::ALL_CAPS)
            && (2..=6).contains(&letters())
            && !info.has(WordInfo::COMMON_WORD)
            && title_at(cx, run.start, run.end).is_none()
        {
            out.push(candidate(cx, run.clone(), EntityKind::Organization, Rule::Acronym, PRIORITY_GUESS));
            return;
        }
        if info.has(WordInfo::GIVEN)
            && !info.any(WordInfo::COMMON_WORD | WordInfo::NON_NAME)
            && !cx.at_sentence_start(run.start)
        {
            out.push(candidate(cx, run.clone(), EntityKind::Person, Rule::GivenName, PRIORITY_GUESS));
        }
    }
}

/// A single capital letter with its period: an initial.
#[inline]
pub(crate) fn is_initial(cx: &Context<'_>, i: usize) -> bool {
    let t = &cx.tokens[i];
    t.is(TokenFlags::ABBREVIATION) && one_letter(t.text(cx.text))
}

/// Whether `word` holds exactly one letter.
#[inline(never)]
fn one_letter(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() == 1
}

/// What follows a person's name in results and profiles: "( Country )" or ", 45 ,".
fn person_context_after(cx: &Context<'_>, e: usize) -> bool {
    // A token that is none of the marks needs no lookup.
    let is = |k: usize, class: Vocab| cx.facts.vocab_if(k, may_be_context_mark).any(class);
    if is(e, Vocab::OPEN_PAREN) {
        e + 2 < cx.tokens.len() && matches!(cx.cover(e + 1), Cover::Country) && {
            let after = cx.cover_end(e + 1);
            is(after, Vocab::CLOSE_PAREN)
        }
    } else if is(e, Vocab::COMMA) {
        let age = e + 1 < cx.tokens.len() && {
            let w = cx.norm.token(e + 1);
            w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit())
        };
        age && is(e + 2, Vocab::COMMA | Vocab::PERIOD)
    } else {
        false
    }
}

/// Where a person's name that starts at `p` ends inside the run: before an
/// organisation head word, a title, or a place or organisation from the lists.
fn person_end(cx: &Context<'_>, p: usize, run_end: usize) -> usize {
    let mut e = p;
    while e < run_end {
        let info = cx.info(e);
        if e > p {
            if info.has(WordInfo::ORG_HEAD) {
                break;
            }
            // A title starts the next person ("... Foreign Minister X"), unless it is
            // also a surname ending this one ("Billie Jean King").
            if title_at(cx, e, run_end).is_some()
                && (!info.any(WordInfo::SURNAME | WordInfo::GIVEN)
                    || (e + 1 < run_end && is_name_token(cx, e + 1)))
            {
                break;
            }
            if matches!(cx.cover(e), Cover::Country | Cover::Organization | Cover::Demonym) {
                break;
            }
            if info.any(WordInfo::WEEKDAY | WordInfo::MONTH) && !info.has(WordInfo::SURNAME) {
                break;
            }
            // "Todd Stottlemyre of the Cardinals": people take particles, not "of".
            if cx.vocab(e).any(Vocab::PERSON_BREAK) {
                break;
            }
        }
        e += 1;
    }
    // Regnal numbers: "Charles VI", "Elizabeth I".
    if e < cx.tokens.len()
        && e > p
        && cx.info(e - 1).has(WordInfo::GIVEN)
        && !cx.tokens[e].is(TokenFlags::LINE_BREAK_BEFORE)
        && is_regnal(cx.tokens[e].text(cx.text))
    {
        e += 1;
    }
    trim_connectors(cx, p, e)
}

/// Roman numerals used after monarchs' and popes' names.
fn is_regnal(word: &str) -> bool {
    matches!(
        word,
        "I" | "II"
            | "III"
            | "IV"
            | "V"
            | "VI"
            | "VII"
            | "VIII"
            | "IX"
            | "X"
            | "XI"
            | "XII"
            | "XIII"
            | "XIV"
            | "XV"
            | "XVI"
    )
}

/// Drop lower-case connectors and dashes left at the end of a name.
fn trim_connectors(cx: &Context<'_>, start: usize, mut end: usize) -> usize {
    while end > start + 1 {
        let t = &cx.tokens[end - 1];
        if t.is(TokenFlags::CAPITALIZED) || t.is(TokenFlags::ABBREVIATION) {
            break;
        }
        if !t.is(TokenFlags::WORD) || cx.vocab(end - 1).any(Vocab::CONNECTOR) {
            end -= 1;
            continue;
        }
        break;
    }
    end
}

/// An organisation inside the run: head word ("Foreign Ministry") or "X of Y".
#[inline]
fn organization(cx: &Context<'_>, run: &Range<usize>) -> Option<(Range<usize>, Rule)> {
    // Both need a word before the head: a single word (most runs) is none.
    if run.len() < 2 {
        return None;
    }
    organization_in(cx, run)
}

/// [`organization`] in a run of two tokens or more.
#[inline(never)]
fn organization_in(cx: &Context<'_>, run: &Range<usize>) -> Option<(Range<usize>, Rule)> {
    // "X of Y": a head_of word followed by "of".
    for h in run.clone() {
        if cx.info(h).has(WordInfo::ORG_HEAD_OF) && h + 2 < run.end && cx.vocab(h + 1).any(Vocab::OF) {
            let start = org_start(cx, run.start, h);
            let mut end = h + 2;
            if cx.vocab(end).any(Vocab::THE) {
                end += 1;
            }
            while end < run.end && title_at(cx, end, run.end).is_none() {
                end += 1;
            }
            return Some((start..end, Rule::OrgOf));
        }
    }
    // A head word: the last one in the run, with a legal suffix after it if any.
    let h =
        run.clone().rev().find(|&k| k > run.start && cx.info(k).any(WordInfo::ORG_HEAD | WordInfo::LEGAL))?;
    let start = org_start(cx, run.start, h);
    if start > h {
        return None;
    }
    let mut end = h + 1;
    while end < run.end && cx.info(end).has(WordInfo::LEGAL) {
        end += 1;
    }
    if end - start < 2 && !cx.info(h).has(WordInfo::LEGAL) {
        return None;
    }
    Some((start..end, Rule::OrgHead))
}

/// Where an organisation whose head is at `h` starts: government bodies leave their
/// owner out ("Russian Foreign Ministry" → "Foreign Ministry"), other names keep
/// everything ("Kabul University", "Pakistan Peoples Party").
fn org_start(cx: &Context<'_>, run_start: usize, h: usize) -> usize {
    let mut s = run_start;
    let government = cx.vocab(h).any(Vocab::GOVERNMENT_HEAD);
    while s < h {
        let cover = cx.cover(s);
        let owner = matches!(cover, Cover::Demonym)
            || (government && matches!(cover, Cover::Country | Cover::Place | Cover::Organization));
        if owner {
            s = cx.cover_end(s).max(s + 1);
            continue;
        }
        if title_at(cx, s, h).is_some_and(|(_, c)| c == TitleClass::Modifier) {
            s += 1;
            continue;
        }
        break;
    }
    s
}

/// A capitalised token that is an ordinary English word and nothing the lists know
/// as a name.
pub fn is_ordinary_word(cx: &Context<'_>, i: usize) -> bool {
    let info = cx.info(i);
    if info.has(WordInfo::NON_NAME) {
        return true;
    }
    if cx.cover(i) != Cover::None {
        return false;
    }
    let name_like =
        (info.has(WordInfo::GIVEN) || info.has(WordInfo::SURNAME)) && !info.has(WordInfo::COMMON_WORD);
    info.has(WordInfo::COMMON_WORD) && !name_like
}
