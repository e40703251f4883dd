//! Entity rules: turn list hits and token patterns into candidate mentions.
//!
//! This stage reads the tokens, the sentences, the word lists and the gazetteer
//! hits, and proposes [`Candidate`]s; [`resolve`](crate::resolve) then keeps one per
//! span. It runs in two rounds: lists and capitalised runs ([`names`]) first, then
//! short forms of the names found ([`short_forms`]) so "Muttaqi" and a headline's
//! "SHEARER" are people because the document names them in full.

pub mod names;
pub mod owners;
pub mod short_forms;
pub mod sports;

use crate::analysis::{EntityKind, FoundBy, MentionForm};
use crate::gazetteer::{Gazetteer, ListKind, ListMatch, Normalized};
use crate::lexicon::{Lexicon, TitleClass, WordInfo};
use crate::resolve::{Candidate, Priority, PRIORITY_LIST, PRIORITY_USER_LIST, PRIORITY_WEAK_LIST};
use crate::span::Span;
use crate::tokenize::{Token, TokenFlags};
use std::ops::Range;

/// What list hit covers a token (the longest one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cover {
    /// No list hit.
    #[default]
    None,
    /// A country.
    Country,
    /// Another place.
    Place,
    /// An organisation.
    Organization,
    /// A person.
    Person,
    /// A nationality word.
    Demonym,
}

impl Cover {
    /// A country or other place.
    pub fn is_place(self) -> bool {
        matches!(self, Cover::Country | Cover::Place)
    }

    /// A list hit that a given name should not override (countries, organisations,
    /// demonyms; places may be people's names: "Paris Hilton").
    pub fn is_strong_list(self) -> bool {
        matches!(self, Cover::Country | Cover::Organization | Cover::Demonym)
    }
}

/// Everything the rules can read about one document.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Token ranges of the sentences.
    pub sentences: &'a [Range<usize>],
    /// For each token, the index of the first word of its sentence (the first token
    /// that is not punctuation or an opening quotation mark).
    pub sentence_start: &'a [u32],
    /// Whether each token is in an ALL CAPS sentence (a headline).
    pub shouting: &'a [bool],
    /// Normalised token text.
    pub norm: &'a Normalized,
    /// The word lists.
    pub lexicon: &'a Lexicon,
    /// What the word lists say about each token.
    pub info: &'a [WordInfo],
    /// The titles starting at each token; empty when they could not be
    /// precomputed (then [`names::title_at`] asks the lexicon).
    pub titles: &'a [TitleStarts],
    /// The closed word classes of each token.
    pub vocab: &'a [Vocab],
    /// In order, the tokens that are name tokens ([`names::is_name_token`]) or
    /// particles that may open a hyphenated name ("al" in "al-Assad"): every
    /// capitalised run starts at one of them, so the rules visit only these.
    pub run_starts: &'a [usize],
    /// The list hit covering each token.
    pub cover: &'a [Cover],
    /// Where the list hit covering each token ends (token index; the token itself + 1
    /// when uncovered).
    pub cover_end: &'a [u32],
}

impl Context<'_> {
    /// The byte span of a token range.
    pub fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.tokens[range.start].span.start, self.tokens[range.end - 1].span.end)
    }

    /// Whether token `i` opens its sentence (after any opening quotes or brackets).
    pub fn at_sentence_start(&self, i: usize) -> bool {
        self.sentence_start[i] as usize == i
    }
}

/// Per-sentence ALL CAPS detection: a sentence whose words have no lower-case
/// letter and hold at least one upper-case word of two letters or more.
pub fn shouting(text: &str, tokens: &[Token], sentences: &[Range<usize>]) -> Vec<bool> {
    let mut out = vec![false; tokens.len()];
    for s in sentences {
        let mut caps = 0;
        let mut lower = false;
        for t in &tokens[s.clone()] {
            if !t.is(TokenFlags::WORD) {
                continue;
            }
            if t.is(TokenFlags::ALL_CAPS) {
                if t.text(text).chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                    caps += 1;
                }
            } else if t.text(text).chars().any(|c| c.is_lowercase()) && !t.is(TokenFlags::POSSESSIVE) {
                lower = true;
                break;
            }
        }
        if caps >= 1 && !lower {
            out[s.clone()].iter_mut().for_each(|x| *x = true);
        }
    }
    out
}

/// Closed classes of words the rules test tokens against (connectors, speech verbs,
/// place words, a few punctuation marks...), as a bit set: the classes a token's
/// normalised text belongs to. Every [`Lexicon`] holds these words (see
/// [`vocabulary`]), so the one lookup per token that gives its word-list facts
/// gives its classes too, and the rules test bits instead of comparing strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Vocab(u32);

impl Vocab {
    /// A lower-case word inside a name ("of", "van", "bin").
    pub const CONNECTOR: Vocab = Vocab(1);
    /// A particle opening a hyphenated name part ("al" in "al-Assad").
    pub const DASH_PARTICLE: Vocab = Vocab(1 << 1);
    /// "for", "on", "and" after an organisation head word.
    pub const LINKING_AFTER_HEAD: Vocab = Vocab(1 << 2);
    /// A last word that makes a place ("province").
    pub const PLACE_WORD: Vocab = Vocab(1 << 3);
    /// A last word of event names ("open", "cup").
    pub const EVENT_WORD: Vocab = Vocab(1 << 4);
    /// A head word of government bodies ("ministry").
    pub const GOVERNMENT_HEAD: Vocab = Vocab(1 << 5);
    /// A speech verb that marks a bare name as a speaker ("said", "warned").
    pub const SPEAKER_VERB: Vocab = Vocab(1 << 6);
    /// A word a person's name stops before ("of", "&", "and", "for", "on").
    pub const PERSON_BREAK: Vocab = Vocab(1 << 7);
    /// "of".
    pub const OF: Vocab = Vocab(1 << 8);
    /// "the".
    pub const THE: Vocab = Vocab(1 << 9);
    /// "&".
    pub const AMPERSAND: Vocab = Vocab(1 << 10);
    /// "(".
    pub const OPEN_PAREN: Vocab = Vocab(1 << 11);
    /// ")".
    pub const CLOSE_PAREN: Vocab = Vocab(1 << 12);
    /// ",".
    pub const COMMA: Vocab = Vocab(1 << 13);
    /// ".".
    pub const PERIOD: Vocab = Vocab(1 << 14);
    /// A word after which a name is a place ("in", "visited"); see
    /// [`short_forms`].
    pub const LOCATIVE: Vocab = Vocab(1 << 15);
    /// A speech verb after a short form ("said", "told"); see [`short_forms`].
    pub const SHORT_FORM_SPEECH: Vocab = Vocab(1 << 16);
    /// A word before a team name ("beat", "against"); see [`sports`].
    pub const BEFORE_TEAM: Vocab = Vocab(1 << 17);
    /// A word after a team name ("drew", "coach"); see [`sports`].
    pub const AFTER_TEAM: Vocab = Vocab(1 << 18);
    /// A preposition after which a place stays a place in sports reports ("in").
    pub const SPORTS_LOCATIVE: Vocab = Vocab(1 << 19);
    /// A word right before a single-word team ("beat", "against", "v").
    pub const STRONG_BEFORE_TEAM: Vocab = Vocab(1 << 20);

    /// Whether any class of `other` is set.
    pub const fn any(self, other: Vocab) -> bool {
        self.0 & other.0 != 0
    }
}

impl std::ops::BitOr for Vocab {
    type Output = Vocab;
    fn bitor(self, rhs: Vocab) -> Vocab {
        Vocab(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for Vocab {
    fn bitor_assign(&mut self, rhs: Vocab) {
        self.0 |= rhs.0;
    }
}

/// Every word of the closed classes, with its class, as the rules compare them
/// with normalised tokens (a word may come several times, once per class).
pub fn vocabulary() -> impl Iterator<Item = (&'static str, Vocab)> {
    let lists: [(&'static [&'static str], Vocab); 14] = [
        (names::CONNECTORS, Vocab::CONNECTOR),
        (names::DASH_PARTICLES, Vocab::DASH_PARTICLE),
        (names::LINKING_AFTER_HEAD, Vocab::LINKING_AFTER_HEAD),
        (names::PLACE_WORDS, Vocab::PLACE_WORD),
        (names::EVENT_WORDS, Vocab::EVENT_WORD),
        (names::GOVERNMENT_HEADS, Vocab::GOVERNMENT_HEAD),
        (names::SPEAKER_VERBS, Vocab::SPEAKER_VERB),
        (names::PERSON_BREAKS, Vocab::PERSON_BREAK),
        (short_forms::LOCATIVE, Vocab::LOCATIVE),
        (short_forms::SPEECH_AFTER, Vocab::SHORT_FORM_SPEECH),
        (sports::BEFORE_TEAM, Vocab::BEFORE_TEAM),
        (sports::AFTER_TEAM, Vocab::AFTER_TEAM),
        (sports::LOCATIVE, Vocab::SPORTS_LOCATIVE),
        (sports::STRONG_BEFORE_TEAM, Vocab::STRONG_BEFORE_TEAM),
    ];
    let single: [(&'static str, Vocab); 7] = [
        ("of", Vocab::OF),
        ("the", Vocab::THE),
        ("&", Vocab::AMPERSAND),
        ("(", Vocab::OPEN_PAREN),
        (")", Vocab::CLOSE_PAREN),
        (",", Vocab::COMMA),
        (".", Vocab::PERIOD),
    ];
    lists.into_iter().flat_map(|(words, class)| words.iter().map(move |w| (*w, class))).chain(single)
}

/// The titles that start at one token: for each length of 1 to
/// [`TitleStarts::MAX_TOKENS`] tokens, whether that many tokens from here are a title,
/// and of which class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TitleStarts {
    /// Bit `n - 1`: the `n` tokens from here are a title.
    lengths: u16,
    /// Two bits per length: the class of that title.
    classes: u32,
}

impl TitleStarts {
    /// The longest title this can describe, in tokens.
    pub const MAX_TOKENS: usize = 16;

    fn set(&mut self, n: usize, class: TitleClass) {
        let code = match class {
            TitleClass::Honorific => 0,
            TitleClass::Office => 1,
            TitleClass::Role => 2,
            TitleClass::Modifier => 3,
        };
        self.lengths |= 1 << (n - 1);
        self.classes |= code << (2 * (n - 1));
    }

    /// The longest title of at most `limit` tokens: its length and class.
    pub fn longest(self, limit: usize) -> Option<(usize, TitleClass)> {
        let mask = ((1u32 << limit.min(Self::MAX_TOKENS)) - 1) as u16;
        let lengths = self.lengths & mask;
        if lengths == 0 {
            return None;
        }
        let n = 16 - lengths.leading_zeros() as usize;
        let class = match (self.classes >> (2 * (n - 1))) & 3 {
            0 => TitleClass::Honorific,
            1 => TitleClass::Office,
            2 => TitleClass::Role,
            _ => TitleClass::Modifier,
        };
        Some((n, class))
    }
}

/// What the lexicon says about every token: word-list facts, closed word classes,
/// and the titles starting there.
#[derive(Debug, Clone, Default)]
pub struct WordFacts {
    /// Word-list facts (default for tokens that are not words).
    pub info: Vec<WordInfo>,
    /// Closed word classes.
    pub vocab: Vec<Vocab>,
    /// The titles starting at each token; empty when they cannot be precomputed
    /// exactly: when a lexicon title is longer than [`TitleStarts::MAX_TOKENS`], or
    /// a normalised token holds a space.
    pub titles: Vec<TitleStarts>,
    /// The tokens runs may start at ([`Context::run_starts`]).
    pub run_starts: Vec<usize>,
}

/// [`WordFacts`] for every token, from one lexicon lookup per token (and title
/// lookups only where the words may make a longer title).
pub fn word_facts(tokens: &[Token], norm: &Normalized, lexicon: &Lexicon) -> WordFacts {
    let count = tokens.len();
    let max = lexicon.max_title_tokens().max(1);
    let precompute = max <= TitleStarts::MAX_TOKENS && spaceless(norm, count);
    let mut info = Vec::with_capacity(count);
    let mut vocab = Vec::with_capacity(count);
    let mut titles = Vec::with_capacity(if precompute { count } else { 0 });
    // Whether each token is a later word of some title, and the tokens that start
    // titles of two or more words (with their lengths).
    let mut continues = Vec::with_capacity(if precompute { count } else { 0 });
    let mut longer: Vec<(usize, u16)> = Vec::new();
    let mut run_starts = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let e = lexicon.entry(norm.token(i));
        let word_info = if t.is(TokenFlags::WORD) { e.info } else { WordInfo::default() };
        if names::name_like(t, word_info) || e.vocab.any(Vocab::DASH_PARTICLE) {
            run_starts.push(i);
        }
        info.push(word_info);
        vocab.push(e.vocab);
        if precompute {
            let mut starts = TitleStarts::default();
            if let Some(class) = e.title {
                starts.set(1, class);
            }
            titles.push(starts);
            continues.push(e.continues_title);
            if e.title_lengths != 0 {
                longer.push((i, e.title_lengths));
            }
        }
    }
    for (i, lengths) in longer {
        // Every later token of a title continues one.
        let mut n = 2;
        while n <= max && i + n <= count && continues[i + n - 1] {
            if lengths & (1 << (n - 1)) != 0 {
                if let Some(class) = lexicon.title(norm.tokens_text(i..i + n)) {
                    titles[i].set(n, class);
                }
            }
            n += 1;
        }
    }
    WordFacts { info, vocab, titles, run_starts }
}

/// The index of the first element of `sorted` at or after `position`, searching on
/// from `from` (the answer for an earlier position: a pass over sentences in order
/// then walks the list once) or else from the start.
pub(crate) fn seek(sorted: &[usize], from: usize, position: usize) -> usize {
    let mut k = from.min(sorted.len());
    if k > 0 && sorted[k - 1] >= position {
        return sorted.partition_point(|&p| p < position);
    }
    while k < sorted.len() && sorted[k] < position {
        k += 1;
    }
    k
}

/// Whether no normalised token holds a space: the buffer then has exactly one
/// space before each token and one at its end.
fn spaceless(norm: &Normalized, token_count: usize) -> bool {
    // Count in chunks whose sums fit a byte, which compilers vectorise.
    let spaces: usize = norm
        .as_str()
        .as_bytes()
        .chunks(255)
        .map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from(b == b' '))))
        .sum();
    spaces == token_count + 1
}

/// Word-list facts for every token.
pub fn word_info(tokens: &[Token], norm: &Normalized, lexicon: &Lexicon) -> Vec<WordInfo> {
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| if t.is(TokenFlags::WORD) { lexicon.word(norm.token(i)) } else { WordInfo::default() })
        .collect()
}

/// Which list candidate covers each token, and where it ends.
pub fn cover(candidates: &[Candidate], token_count: usize) -> (Vec<Cover>, Vec<u32>) {
    let mut cover = vec![Cover::None; token_count];
    let mut cover_end: Vec<u32> = (1..=token_count as u32).collect();
    let mut best_len = vec![0usize; token_count];
    for c in candidates {
        let kind = match (c.form, c.kind) {
            (MentionForm::Demonym, _) => Cover::Demonym,
            (MentionForm::Modifier, _) => Cover::None,
            (_, EntityKind::Country) => Cover::Country,
            (_, EntityKind::Location) => Cover::Place,
            (_, EntityKind::Organization) => Cover::Organization,
            (_, EntityKind::Person) => Cover::Person,
        };
        let len = c.tokens.len();
        for k in c.tokens.clone() {
            if k < token_count && len > best_len[k] {
                best_len[k] = len;
                cover[k] = kind;
                cover_end[k] = c.tokens.end as u32;
            }
        }
    }
    (cover, cover_end)
}

/// Candidates from gazetteer hits. `user_lists` is the number of leading lists that
/// came from the user (they outrank the built-in ones).
pub fn list_candidates(
    tokens: &[Token],
    info: &[WordInfo],
    gazetteer: &Gazetteer,
    hits: &[ListMatch],
    user_lists: usize,
    out: &mut Vec<Candidate>,
) {
    for hit in hits {
        let entry = gazetteer.entry(hit.entry);
        let e = &entry.source;
        let user = (entry.list as usize) < user_lists;
        let mut priority: Priority = if user { PRIORITY_USER_LIST } else { PRIORITY_LIST };
        if e.weak && !user {
            if !weak_context_ok(tokens, info, hit) {
                continue;
            }
            priority = PRIORITY_WEAK_LIST;
        }
        let form = match e.kind {
            ListKind::Demonym => MentionForm::Demonym,
            ListKind::Entity(_) => MentionForm::Name,
        };
        out.push(Candidate {
            tokens: hit.tokens.clone(),
            span: Span::new(tokens[hit.tokens.start].span.start, tokens[hit.tokens.end - 1].span.end),
            kind: e.kind.entity_kind(),
            form,
            canonical: Some(e.canonical.clone()),
            ids: Some(e.ids.clone()),
            found_by: FoundBy::List(gazetteer.list_names()[entry.list as usize].clone()),
            priority,
        });
    }
}

/// A weak entry ("Georgia", "Jordan") stands as a place only when it is not glued
/// to other capitalised words, which would make it part of a person's name
/// ("Michael Jordan", "Georgia Smith").
fn weak_context_ok(tokens: &[Token], info: &[WordInfo], hit: &ListMatch) -> bool {
    let glued = |i: usize| {
        let t = &tokens[i];
        t.is(TokenFlags::CAPITALIZED)
            && t.is(TokenFlags::WORD)
            && !t.is(TokenFlags::ALL_CAPS)
            && !info[i].has(WordInfo::NON_NAME)
    };
    let prev_glued = hit.tokens.start.checked_sub(1).is_some_and(|p| {
        glued(p)
            && !tokens[hit.tokens.start].is(TokenFlags::LINE_BREAK_BEFORE)
            && !tokens[p].is(TokenFlags::TERMINAL)
    });
    let next = hit.tokens.end;
    let next_glued = next < tokens.len() && glued(next) && !tokens[next].is(TokenFlags::LINE_BREAK_BEFORE);
    !(prev_glued || next_glued)
}

/// Mark names used inside hyphenated modifiers ("U.S.-led", "Moscow-based",
/// "pro-Moscow", "ex-England") as [`MentionForm::Modifier`].
pub fn mark_modifiers(cx: &Context<'_>, resolved: &mut [Candidate]) {
    for c in resolved.iter_mut() {
        if c.form != MentionForm::Name {
            continue;
        }
        let (s, e) = (c.tokens.start, c.tokens.end);
        let dash_joined =
            |k: usize| cx.tokens.get(k).is_some_and(|t| t.is(TokenFlags::DASH) && t.is(TokenFlags::JOINED));
        // "Moscow-based": a dash and a lower-case word glued after the name.
        let after = dash_joined(e)
            && cx.tokens.get(e + 1).is_some_and(|t| {
                t.is(TokenFlags::JOINED) && t.is(TokenFlags::WORD) && !t.is(TokenFlags::CAPITALIZED)
            });
        // "pro-Moscow", "ex-England", "anti-NATO": a lower-case prefix glued before it.
        let before = s >= 2
            && cx.tokens[s].is(TokenFlags::JOINED)
            && cx.tokens[s - 1].is(TokenFlags::DASH)
            && cx.tokens[s - 1].is(TokenFlags::JOINED)
            && cx.tokens[s - 2].is(TokenFlags::WORD)
            && !cx.tokens[s - 2].is(TokenFlags::CAPITALIZED);
        if after || before {
            c.form = MentionForm::Modifier;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    /// The precomputed titles say what looking every token range up says.
    #[test]
    fn title_starts_match_lookups() {
        let lexicon = Lexicon::embedded().unwrap();
        let text = "Deputy Foreign Minister Ahmed met the prime minister, Vice President Lee, \
                    U.S. Secretary of State Rubio and the Chief Executive Officer of the bank. \
                    Mr. Rt. Hon. Sgt. Major Lt. Col. former acting deputy chief of staff said";
        let tokens = tokenize(text);
        let norm = Normalized::new(text, &tokens);
        let titles = word_facts(&tokens, &norm, &lexicon).titles;
        assert_eq!(titles.len(), tokens.len());
        let max = lexicon.max_title_tokens().max(1);
        let mut found = 0;
        for (i, starts) in titles.iter().enumerate() {
            for end in i..=tokens.len() {
                let mut best = None;
                for n in 1..=max.min(end - i) {
                    if let Some(class) = lexicon.title(norm.tokens_text(i..i + n)) {
                        best = Some((n, class));
                    }
                }
                assert_eq!(starts.longest(end - i), best, "at {i}..{end}");
                found += usize::from(best.is_some_and(|(n, _)| n > 1));
            }
        }
        assert!(found > 10);
    }
}
