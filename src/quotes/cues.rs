//! The speech-verb lexicon: words that attribute speech ("said", "told", "tweeted"),
//! thought ("believes"), naming ("called") and the nouns of attribution ("statement",
//! "interview"), read once from `speech_verbs.tsv` (`form · lemma · class`).
//!
//! Multiword forms ("points out", "press release") are phrases matched token by token.

use once_cell::sync::Lazy;
use std::collections::HashMap;

/// The embedded list (`form · lemma · class`, one inflected form a line).
const EMBEDDED: &str = include_str!("../../data/gazetteers/speech_verbs.tsv");

/// What a cue verb reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueClass {
    /// Speech: said, added, insisted, warned.
    Speech,
    /// Speech to an addressee: told, assured, warned (someone).
    Tell,
    /// Writing: wrote, tweeted, posted.
    Write,
    /// Thought: believes, thinks, fears.
    Belief,
    /// Naming: called, dubbed, labelled.
    Call,
}

/// The grammatical form of a cue verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VerbForm {
    /// say, tell.
    Base,
    /// says, tells.
    Present,
    /// said, told (and participles).
    Past,
    /// saying, telling.
    Gerund,
}

impl VerbForm {
    /// Whether the form can head a clause by itself ("said", "says", "say").
    pub fn is_finite(self) -> bool {
        !matches!(self, VerbForm::Gerund)
    }
}

/// One word of the lexicon: its verb sense, whether it is also a noun of attribution,
/// and its lemma.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CueWord {
    /// Class and form when the word is a cue verb.
    pub verb: Option<(CueClass, VerbForm)>,
    /// Whether the word is a noun of attribution ("statement").
    pub noun: bool,
    /// Index of its lemma in [`CueLexicon::lemma`].
    pub lemma: u16,
}

/// A multiword form ("points out", "press release").
#[derive(Debug)]
struct Phrase {
    rest: Vec<Box<str>>,
    word: CueWord,
}

/// The parsed lexicon.
#[derive(Debug, Default)]
pub(crate) struct CueLexicon {
    words: HashMap<Box<str>, CueWord>,
    /// Multiword forms by their first word.
    phrases: HashMap<Box<str>, Vec<Phrase>>,
    lemmas: Vec<Box<str>>,
    /// Lines that did not parse (line number, reason); empty for the embedded list.
    errors: Vec<(usize, &'static str)>,
}

static LEXICON: Lazy<CueLexicon> = Lazy::new(|| CueLexicon::parse(EMBEDDED));

impl CueLexicon {
    /// The embedded lexicon, parsed once per process.
    pub fn embedded() -> &'static CueLexicon {
        &LEXICON
    }

    /// Parse a `form · lemma · class` list. Bad lines are skipped and recorded.
    pub fn parse(tsv: &str) -> CueLexicon {
        let mut lex = CueLexicon::default();
        let mut lemma_ids: HashMap<String, u16> = HashMap::new();
        for (n, line) in tsv.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(form), Some(lemma), Some(class)) = (cols.next(), cols.next(), cols.next()) else {
                lex.errors.push((n + 1, "expected three tab-separated columns"));
                continue;
            };
            let (form, lemma, class) = (form.trim(), lemma.trim(), class.trim());
            if form.is_empty() || lemma.is_empty() {
                lex.errors.push((n + 1, "empty form or lemma"));
                continue;
            }
            let class = match class {
                "speech" => Some(CueClass::Speech),
                "tell" => Some(CueClass::Tell),
                "write" => Some(CueClass::Write),
                "belief" => Some(CueClass::Belief),
                "call" => Some(CueClass::Call),
                "noun" => None,
                _ => {
                    lex.errors.push((n + 1, "unknown class"));
                    continue;
                }
            };
            let next_id = lex.lemmas.len() as u16;
            let id = *lemma_ids.entry(lemma.to_lowercase()).or_insert_with(|| {
                lex.lemmas.push(lemma.to_lowercase().into_boxed_str());
                next_id
            });
            let form_lower = form.to_lowercase();
            let verb = class.map(|c| (c, verb_form(&form_lower, &lemma.to_lowercase())));
            let entry = CueWord { verb, noun: class.is_none(), lemma: id };
            let mut words = form_lower.split_whitespace();
            let Some(first) = words.next() else { continue };
            let rest: Vec<Box<str>> = words.map(Box::from).collect();
            if rest.is_empty() {
                let slot = lex.words.entry(Box::from(first)).or_insert(CueWord {
                    verb: None,
                    noun: false,
                    lemma: id,
                });
                merge(slot, entry);
            } else {
                let list = lex.phrases.entry(Box::from(first)).or_default();
                match list.iter_mut().find(|p| p.rest == rest) {
                    Some(p) => merge(&mut p.word, entry),
                    None => list.push(Phrase { rest, word: entry }),
                }
            }
        }
        lex
    }

    /// The one-word entry for `word` (any case).
    #[cfg(test)]
    pub fn word(&self, word: &str) -> Option<CueWord> {
        self.words.get(word.to_lowercase().as_str()).copied()
    }

    /// Every one-word form (lower case) with its entry.
    pub fn entries(&self) -> impl Iterator<Item = (&str, CueWord)> + '_ {
        self.words.iter().map(|(k, v)| (&**k, *v))
    }

    /// The first word of every multiword form (lower case) with the entry of the
    /// longest form it starts.
    pub fn phrase_starts(&self) -> impl Iterator<Item = (&str, CueWord)> + '_ {
        self.phrases
            .iter()
            .filter_map(|(k, list)| list.iter().max_by_key(|p| p.rest.len()).map(|p| (&**k, p.word)))
    }

    /// The longest multiword form starting with `first` whose following words are
    /// given by `next(k)` (k = 1, 2, ...): the number of words it spans and its entry.
    pub fn phrase<'w>(&self, first: &str, next: impl Fn(usize) -> &'w str) -> Option<(usize, CueWord)> {
        let mut buf = [0u8; 24];
        let list = self.phrases.get(super::words::lower_key(first, &mut buf)?)?;
        list.iter()
            .filter(|p| p.rest.iter().enumerate().all(|(k, w)| next(k + 1).eq_ignore_ascii_case(w)))
            .max_by_key(|p| p.rest.len())
            .map(|p| (p.rest.len() + 1, p.word))
    }

    /// Every lemma (lower case), by index ([`CueWord::lemma`]).
    pub fn lemmas(&self) -> impl Iterator<Item = &str> + '_ {
        self.lemmas.iter().map(|s| &**s)
    }

    /// The lemma of an entry.
    pub fn lemma(&self, word: CueWord) -> &str {
        self.lemmas.get(word.lemma as usize).map_or("", |s| s)
    }

    /// Lines that failed to parse.
    #[cfg(test)]
    pub fn errors(&self) -> &[(usize, &'static str)] {
        &self.errors
    }

    /// Number of one-word forms.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.words.len()
    }
}

/// Fold a second sense of the same form into an entry (a form can be a verb and a
/// noun: "post", "tweet", "report").
fn merge(slot: &mut CueWord, new: CueWord) {
    if slot.verb.is_none() && new.verb.is_some() {
        slot.verb = new.verb;
        slot.lemma = new.lemma;
    }
    slot.noun |= new.noun;
}

/// The form of an inflection of `lemma`.
fn verb_form(form: &str, lemma: &str) -> VerbForm {
    let last = |s: &str| s.split_whitespace().next().unwrap_or("").to_string();
    let (f, l) = (last(form), last(lemma));
    if f == l {
        VerbForm::Base
    } else if f.ends_with("ing") && !l.ends_with("ing") {
        VerbForm::Gerund
    } else if f.ends_with('s') && !f.ends_with("ss") && !l.ends_with('s') {
        VerbForm::Present
    } else {
        VerbForm::Past
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_list_parses() {
        let lex = CueLexicon::embedded();
        assert!(lex.errors().is_empty(), "{:?}", lex.errors());
        assert!(lex.len() > 500);
    }

    #[test]
    fn forms_and_classes() {
        let lex = CueLexicon::embedded();
        let said = lex.word("said").unwrap();
        assert_eq!(said.verb, Some((CueClass::Speech, VerbForm::Past)));
        assert_eq!(lex.lemma(said), "say");
        assert_eq!(lex.word("Says").unwrap().verb, Some((CueClass::Speech, VerbForm::Present)));
        assert_eq!(lex.word("telling").unwrap().verb, Some((CueClass::Tell, VerbForm::Gerund)));
        assert_eq!(lex.word("tweeted").unwrap().verb.map(|v| v.0), Some(CueClass::Write));
        assert!(lex.word("statement").unwrap().noun);
        assert!(lex.word("statement").unwrap().verb.is_none());
        assert!(lex.word("the").is_none());
        assert!(lex.word("").is_none());
        assert!(lex.word("ünïcode").is_none());
    }

    #[test]
    fn phrases() {
        let lex = CueLexicon::embedded();
        let words = ["pointed", "out", "that"];
        let (n, w) = lex.phrase(words[0], |k| words.get(k).copied().unwrap_or("")).unwrap();
        assert_eq!(n, 2);
        assert_eq!(w.verb.map(|v| v.1), Some(VerbForm::Past));
        assert!(lex.phrase("pointed", |_| "").is_none());
    }

    #[test]
    fn bad_lines_are_reported() {
        let lex = CueLexicon::parse("# header\nsaid\tsay\tspeech\nbroken line\nx\ty\tnonsense\n");
        assert_eq!(lex.errors().len(), 2);
        assert!(lex.word("said").is_some());
    }
}
