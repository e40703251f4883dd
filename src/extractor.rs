//! The [`Extractor`]: compiled lists and rules, and the pipeline that runs them.

use crate::analysis::Analysis;
use crate::analysis::{EntityKind, FoundBy, Rule};
use crate::error::Error;
use crate::gazetteer::{Gazetteer, List, ListKind, ListMatch, Normalized};
use crate::lexicon::Lexicon;
use crate::resolve::{resolve, select, Candidate};
use crate::rules::{self, Context};
use crate::segment::segment;
use crate::segment::Segmentation;
use crate::span::OffsetUnit;
use crate::tokenize::{tokenize, Token};
use once_cell::sync::Lazy;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// The lists compiled into every default extractor: `(name, TSV text)`.
pub const EMBEDDED_LISTS: &[(&str, &str)] = &[
    ("countries", include_str!("../data/gazetteers/countries.tsv")),
    ("places", include_str!("../data/gazetteers/places.tsv")),
    ("organizations", include_str!("../data/gazetteers/organizations.tsv")),
];

/// Extracts entities and quotations from text. Cheap to clone (the compiled lists
/// are shared), `Send + Sync`: build one and use it from every thread.
///
/// ```
/// let extractor = gazette::Extractor::new();
/// let text = "Russia's ambassador arrived in Afghanistan.";
/// let analysis = extractor.extract(text);
/// let names: Vec<&str> = analysis.entities.iter().map(|e| e.name.as_str()).collect();
/// assert_eq!(names, ["Russia", "Afghanistan"]);
/// ```
#[derive(Debug, Clone)]
pub struct Extractor {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    gazetteer: Gazetteer,
    /// Country canonical names by ISO alpha-2 code.
    country_names: HashMap<String, Arc<str>>,
    lexicon: Lexicon,
    user_lists: usize,
}

static DEFAULT: Lazy<Extractor> = Lazy::new(|| {
    ExtractorBuilder::new().build().expect("the embedded lists parse (checked by the test suite)")
});

impl Default for Extractor {
    fn default() -> Extractor {
        Extractor::new()
    }
}

impl Extractor {
    /// The extractor with the embedded default lists, built once per process and
    /// shared by every call.
    pub fn new() -> Extractor {
        DEFAULT.clone()
    }

    /// A builder for an extractor with user lists or other settings.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// The compiled gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.inner.gazetteer
    }

    /// Analyse one text. Offsets in the result are bytes; see
    /// [`Analysis::to_char_offsets`].
    pub fn extract(&self, text: &str) -> Analysis {
        let tokens = tokenize(text);
        let seg = segment(text, &tokens);
        let norm = Normalized::new(text, &tokens);
        let hits = self.inner.gazetteer.find(text, &tokens, &norm);
        let resolved = self.entity_rules(text, &tokens, &seg, &norm, &hits);
        let (mentions, entities) = crate::link::link(text, resolved);
        let quotes = crate::quotes::find_quotes(&crate::quotes::QuoteInput {
            text,
            tokens: &tokens,
            segmentation: &seg,
            mentions: &mentions,
            entities: &entities,
        });
        Analysis {
            offsets: OffsetUnit::Bytes,
            paragraphs: seg.paragraphs.iter().map(|p| p.span).collect(),
            sentences: seg.sentences.iter().map(|s| s.span).collect(),
            mentions,
            entities,
            quotes,
        }
    }
}

impl Extractor {
    /// The entity-rules stage alone: from the tokens, segments, normalised tokens and
    /// list hits of `text` to resolved candidate mentions (word facts, list
    /// candidates, capitalised runs, sports teams, short forms, resolution, owners,
    /// modifiers). [`Extractor::extract`] runs exactly this; it is public for
    /// benchmarks and for pipelines that want the stages one by one.
    pub fn entity_rules(
        &self,
        text: &str,
        tokens: &[Token],
        seg: &Segmentation,
        norm: &Normalized,
        hits: &[ListMatch],
    ) -> Vec<Candidate> {
        let inner = &*self.inner;
        let sentences: Vec<std::ops::Range<usize>> = seg.sentences.iter().map(|s| s.tokens.clone()).collect();
        let mut facts = rules::WordFacts::new(tokens, norm, &inner.lexicon);
        let shouting = facts.mark_sentences(text, &sentences);
        // Room for the list hits and about a candidate per run, so the candidates
        // are not copied as the vector grows.
        let mut candidates = Vec::with_capacity(hits.len() + facts.run_starts().len() + 16);
        rules::list_candidates(tokens, &facts, &inner.gazetteer, hits, inner.user_lists, &mut candidates);
        facts.mark_cover(&candidates);
        let cx = Context {
            text,
            tokens,
            sentences: &sentences,
            shouting: &shouting,
            norm,
            lexicon: &inner.lexicon,
            facts: &facts,
            run_starts: facts.run_starts(),
        };
        let runs = rules::names::propose(&cx, &mut candidates);
        rules::sports::apply(&cx, &runs, &mut candidates);
        let mut short_forms = Vec::new();
        let first = select(&candidates, tokens.len());
        rules::short_forms::propose_from(&cx, first.iter().map(|&i| &candidates[i]), &mut short_forms);
        candidates.append(&mut short_forms);
        let mut resolved = resolve(candidates, tokens.len());
        // Events only claimed their words; they are not entities.
        resolved.retain(|c| c.found_by != FoundBy::Rule(Rule::Event));
        rules::owners::assign(&cx, &mut resolved, &inner.country_names);
        rules::mark_modifiers(&cx, &mut resolved);
        resolved
    }
}

/// Builds an [`Extractor`] with user lists on top of (or instead of) the embedded ones.
///
/// ```
/// let extractor = gazette::Extractor::builder()
///     .add_list("newsroom", "Acme Widgets\torganization\tAcme\ttype=company\n")
///     .build()?;
/// let text = "Acme Widgets opened an office in Chad.";
/// let analysis = extractor.extract(text);
/// assert_eq!(analysis.entities[0].name, "Acme");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ExtractorBuilder {
    user: Vec<Source>,
    embedded: bool,
}

#[derive(Debug, Clone)]
enum Source {
    Text { name: String, tsv: String },
    File(std::path::PathBuf),
}

impl Default for ExtractorBuilder {
    fn default() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }
}

impl ExtractorBuilder {
    /// A builder with the embedded lists and no user list.
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder { user: Vec::new(), embedded: true }
    }

    /// Add a list in the TSV format (see `data/gazetteers/FORMAT.md`). Its entries
    /// outrank the embedded ones where both match the same words. `name` appears in
    /// errors and in each mention's `found_by`.
    pub fn add_list(&mut self, name: &str, tsv: &str) -> &mut ExtractorBuilder {
        self.user.push(Source::Text { name: name.to_string(), tsv: tsv.to_string() });
        self
    }

    /// Add a list file (read when [`build`](Self::build) runs).
    pub fn add_list_file(&mut self, path: impl AsRef<Path>) -> &mut ExtractorBuilder {
        self.user.push(Source::File(path.as_ref().to_path_buf()));
        self
    }

    /// Whether to include the embedded lists (default `true`).
    pub fn embedded_lists(&mut self, yes: bool) -> &mut ExtractorBuilder {
        self.embedded = yes;
        self
    }

    /// Parse and compile every list (the embedded ones too, unless turned off).
    pub fn build(&self) -> Result<Extractor, Error> {
        let mut lists = Vec::new();
        for source in &self.user {
            lists.push(match source {
                Source::Text { name, tsv } => List::parse(name, tsv)?,
                Source::File(path) => {
                    let shown = path.display().to_string();
                    let bytes = std::fs::read(path).map_err(|e| Error::list_file(&shown, e.to_string()))?;
                    let tsv = String::from_utf8(bytes).map_err(|e| {
                        let at = e.utf8_error().valid_up_to();
                        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                        Error::list_line(&shown, line, format!("not valid UTF-8 (at byte {at})"))
                    })?;
                    List::parse(&shown, &tsv)?
                }
            });
        }
        let user_lists = lists.len();
        // The word lists and the automaton are independent: build them side by side.
        let embedded = self.embedded;
        let (lexicon, compiled) = std::thread::scope(|scope| {
            let lexicon =
                scope.spawn(move || if embedded { Lexicon::embedded() } else { Ok(Lexicon::default()) });
            let compiled = (|| -> Result<_, Error> {
                if embedded {
                    for (name, tsv) in EMBEDDED_LISTS {
                        lists.push(List::parse(name, tsv)?);
                    }
                }
                let country_names = country_names(&lists);
                Ok((Gazetteer::from_lists(lists), country_names))
            })();
            let lexicon =
                lexicon.join().unwrap_or_else(|_| Err(Error::list_file("word lists", "could not be built")));
            (lexicon, compiled)
        });
        let lexicon = lexicon?;
        let (gazetteer, country_names) = compiled?;
        Ok(Extractor { inner: Arc::new(Inner { gazetteer, country_names, lexicon, user_lists }) })
    }
}

/// Country canonical names by ISO alpha-2 code, from the country entries of `lists`.
fn country_names(lists: &[List]) -> HashMap<String, Arc<str>> {
    let mut names = HashMap::new();
    for list in lists {
        for e in &list.entries {
            if e.kind == ListKind::Entity(EntityKind::Country) {
                if let Some((_, iso2)) = e.ids.iter().find(|(k, _)| k == "iso2") {
                    names.entry(iso2.clone()).or_insert_with(|| e.canonical.clone());
                }
            }
        }
    }
    names
}
