//! The [`Extractor`]: compiled lists and rules, and the pipeline that runs them.

use crate::analysis::Analysis;
use crate::analysis::{EntityKind, FoundBy, Rule};
use crate::error::Error;
use crate::gazetteer::{Gazetteer, List, ListKind, ListMatch, Normalized};
use crate::lexicon::Lexicon;
use crate::resolve::{take, Candidate, Rounds};
use crate::rules::{self, Context};
use crate::segment::segment;
use crate::segment::Segmentation;
use crate::span::{OffsetUnit, Span};
use crate::tokenize::{tokenize, PackedTokens, Token};
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
    section_bytes: usize,
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

    /// The same extractor, reading texts longer than `bytes` in sections of about
    /// that size (see [`Extractor::extract`]; the default is [`SECTION_BYTES`]).
    /// `usize::MAX` reads every text in one piece, whatever its length: every rule
    /// then sees the whole document, and the memory used grows with it.
    ///
    /// ```
    /// let extractor = gazette::Extractor::new();
    /// let whole = extractor.clone().with_section_bytes(usize::MAX);
    /// let text = "Vladimir Putin spoke.\n\nLater, Putin left.";
    /// assert_eq!(extractor.with_section_bytes(24).extract(text).entities.len(), 1);
    /// assert_eq!(whole.extract(text).entities.len(), 1);
    /// ```
    pub fn with_section_bytes(mut self, bytes: usize) -> Extractor {
        self.section_bytes = bytes;
        self
    }

    /// The compiled gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.inner.gazetteer
    }

    /// Analyse one text. Offsets in the result are bytes; see
    /// [`Analysis::to_char_offsets`].
    ///
    /// A text longer than [`SECTION_BYTES`] is read in sections of about that size,
    /// cut at paragraph breaks (see [`sections`]): every stage but linking works on
    /// one section at a time, so that a byte costs about the same whatever the length of
    /// the text (the result, of course, still grows with it). Mentions are
    /// linked into entities across the whole text; the rules that read a document
    /// as a whole (whether it is a sports report, short forms of full names, the
    /// referent of "he" or "the ministry", the gender an honorific gives a person)
    /// read the section the words are in.
    pub fn extract(&self, text: &str) -> Analysis {
        let cuts = sections(text, self.section_bytes);
        if cuts.len() <= 1 {
            return self.extract_one(text);
        }
        let mut read: Vec<Section> = Vec::with_capacity(cuts.len());
        let mut candidates = Vec::new();
        let mut paragraphs = Vec::new();
        let mut sentences = Vec::new();
        let mut token_base = 0;
        // The first section's tokens, kept as they are; the later sections' tokens
        // are packed until the quotation pass unpacks them into this vector.
        let mut buffer: Vec<Token> = Vec::new();
        let sections = cuts.len();
        for range in cuts {
            let base = range.start;
            let part = &text[range.clone()];
            let tokens = tokenize(part);
            let seg = segment(part, &tokens);
            let norm = Normalized::new(part, &tokens);
            let hits = self.inner.gazetteer.find(part, &tokens, &norm);
            let resolved = self.entity_rules(part, &tokens, &seg, &norm, &hits);
            candidates.extend(resolved.into_iter().map(|mut c| {
                c.span = shift(c.span, base);
                c.tokens = c.tokens.start + token_base..c.tokens.end + token_base;
                c
            }));
            paragraphs.extend(seg.paragraphs.iter().map(|p| shift(p.span, base)));
            sentences.extend(seg.sentences.iter().map(|s| shift(s.span, base)));
            token_base += tokens.len();
            if read.is_empty() {
                // Sections are alike: room for all of them at once, not a copy of
                // everything each time a vector doubles.
                let more = sections + sections / 8;
                candidates.reserve(candidates.len() * more);
                paragraphs.reserve(paragraphs.len() * more);
                sentences.reserve(sentences.len() * more);
            }
            let packed = if read.is_empty() {
                buffer = tokens;
                None
            } else {
                Some(PackedTokens::new(&tokens))
            };
            read.push(Section { range, packed, seg });
        }
        let (mentions, entities) = crate::link::link(text, candidates);
        let mut quotes = Vec::new();
        let mut local: Vec<crate::analysis::Mention> = Vec::new();
        let facts = crate::quotes::EntityFacts::default();
        let mut first = true;
        for section in &read {
            if let Some(packed) = &section.packed {
                packed.unpack_into(&mut buffer);
            }
            let (base, end) = (section.range.start, section.range.end);
            let lo = mentions.partition_point(|m| m.span.start < base);
            let hi = mentions.partition_point(|m| m.span.start < end);
            local.clear();
            // The quotation pass does not read what found a mention: the section's
            // copies leave the list names (shared, counted references) alone.
            local.extend(mentions[lo..hi].iter().map(|m| crate::analysis::Mention {
                span: Span::new(m.span.start - base, m.span.end - base),
                kind: m.kind,
                form: m.form,
                entity: m.entity,
                found_by: FoundBy::Rule(Rule::Context),
            }));
            let input = crate::quotes::QuoteInput {
                text: &text[section.range.clone()],
                tokens: &buffer,
                segmentation: &section.seg,
                mentions: &local,
                entities: &entities,
            };
            let found = crate::quotes::find_quotes_with(&input, &facts);
            quotes.extend(found.into_iter().map(|mut q| {
                q.content.iter_mut().for_each(|p| *p = shift(*p, base));
                q.span = shift(q.span, base);
                q.speaker = q.speaker.map(|s| shift(s, base));
                q.cue = q.cue.map(|s| shift(s, base));
                q
            }));
            if first {
                // Room for all sections' quotations at once, as above.
                quotes.reserve(quotes.len() * (sections + sections / 8));
                first = false;
            }
        }
        Analysis { offsets: OffsetUnit::Bytes, paragraphs, sentences, mentions, entities, quotes }
    }

    /// [`Extractor::extract`] on a text read in one piece.
    fn extract_one(&self, text: &str) -> Analysis {
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

/// The length of text [`Extractor::extract`] reads in one piece: longer texts are
/// read in sections of about this size (128 KiB, longer than nearly any news
/// article). A section's tokens and per-token tables, about 15 bytes for each byte
/// of text, then stay in a core's L2 cache beside the lists' tables: in sections of
/// 1 MiB, the bench's 10 MB text made five times as many misses in a simulated 4 MB
/// L2 cache (`valgrind --tool=callgrind --cache-sim=yes --LL=4194304,16,64`), 20
/// million against 4; the same text in 100 KB calls, almost none.
pub const SECTION_BYTES: usize = 1 << 17;

/// One section of a long text, kept from the first pass (tokens to entity
/// candidates) for the second (quotations), which needs the whole text's entities.
struct Section {
    range: std::ops::Range<usize>,
    /// Its tokens (none for the first section, whose tokens are kept unpacked).
    packed: Option<PackedTokens>,
    seg: Segmentation,
}

fn shift(span: Span, base: usize) -> Span {
    Span::new(span.start + base, span.end + base)
}

/// How far back from a section's end [`sections`] looks for a place to cut.
const CUT_WINDOW: usize = 64 * 1024;

/// Cut `text` into sections of at most `size` bytes: each cut is made where
/// the whitespace before a blank line starts (a paragraph break) in the second half
/// of the section (its last 64 KB at most), else before a line break, else before any whitespace, else at a
/// character boundary (after the size only when no boundary lies in its second
/// half: a size of a few bytes).
/// The whitespace goes to the section after the cut, so a
/// section's first token sees the same line breaks before it as in the whole text.
/// One range covering the whole text when it is no longer than `size`.
pub fn sections(text: &str, size: usize) -> Vec<std::ops::Range<usize>> {
    let size = size.max(2);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / size + 1);
    let mut start = 0;
    while text.len() - start > size {
        let limit = start + size;
        // A cut is looked for in the second half of the section, and at most in its
        // last `CUT_WINDOW` bytes, so that a text without breaks costs no long scans.
        let floor = limit - (size / 2).min(CUT_WINDOW);
        let cut = paragraph_break(bytes, floor, limit)
            .or_else(|| whitespace_before(bytes, floor, limit, |b| b == b'\n'))
            .or_else(|| whitespace_before(bytes, floor, limit, |b| b.is_ascii_whitespace()))
            .or_else(|| (floor..=limit).rev().find(|&k| text.is_char_boundary(k)))
            .unwrap_or_else(|| (limit..text.len()).find(|&k| text.is_char_boundary(k)).unwrap_or(text.len()));
        out.push(start..cut);
        start = cut;
    }
    if start < text.len() || out.is_empty() {
        out.push(start..text.len());
    }
    out
}

/// The start of the whitespace run before the last blank line in `floor..limit`
/// that has a non-blank byte before it after `floor`.
fn paragraph_break(bytes: &[u8], floor: usize, limit: usize) -> Option<usize> {
    let mut k = limit;
    while k > floor {
        k -= 1;
        if bytes[k] != b'\n' {
            continue;
        }
        // The run of spaces, tabs and line breaks this line break is part of.
        let mut from = k;
        while from > floor && matches!(bytes[from - 1], b' ' | b'\t' | b'\r' | b'\n') {
            from -= 1;
        }
        let breaks = bytes[from..=k].iter().filter(|&&b| b == b'\n').count();
        if breaks >= 2 && from > floor {
            return Some(from);
        }
        k = from;
    }
    None
}

/// The start of the whitespace run around the last byte in `floor..limit` that
/// `is` accepts, when a non-whitespace byte comes before it after `floor`.
fn whitespace_before(bytes: &[u8], floor: usize, limit: usize, is: impl Fn(u8) -> bool) -> Option<usize> {
    let k = (floor..limit).rev().find(|&k| is(bytes[k]))?;
    let mut from = k;
    while from > floor && bytes[from - 1].is_ascii_whitespace() {
        from -= 1;
    }
    (from > floor).then_some(from)
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
        // The second choice sorts only the short forms into the first one's order.
        let mut rounds = Rounds::default();
        let first = rounds.select(&candidates, tokens.len());
        rules::short_forms::propose_from(&cx, first.iter().map(|&i| &candidates[i]), &mut short_forms);
        candidates.append(&mut short_forms);
        let keep = rounds.select(&candidates, tokens.len());
        let mut resolved = take(candidates, &keep);
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
        // The word lists and the automaton are independent: build them side by
        // side. Parsing the embedded lists comes before the automaton and is shared
        // out too: the second thread first parses the end of the largest list (half
        // the embedded text), then builds the word lists, which are only needed
        // once the automaton is built.
        let embedded = self.embedded;
        let largest = (0..EMBEDDED_LISTS.len()).max_by_key(|&i| EMBEDDED_LISTS[i].1.len()).unwrap_or(0);
        let all: usize = EMBEDDED_LISTS.iter().map(|(_, tsv)| tsv.len()).sum();
        let (largest_name, largest_tsv) = EMBEDDED_LISTS.get(largest).copied().unwrap_or(("", ""));
        let (head, tail, head_lines) = List::cut(largest_tsv, largest_tsv.len().saturating_sub(all / 2));
        let (lexicon, compiled) = std::thread::scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::channel();
            let lexicon = scope.spawn(move || {
                if !embedded {
                    return Ok(Lexicon::default());
                }
                // (Sending fails only if the other thread has stopped on an error.)
                let _ = sender.send(List::parse_entries(largest_name, tail, head_lines));
                Lexicon::embedded()
            });
            let compiled = (|| -> Result<_, Error> {
                if embedded {
                    // This thread's parts first; then every part in list order, so
                    // that the first error in the text is the one reported.
                    let parts: Vec<_> = EMBEDDED_LISTS
                        .iter()
                        .enumerate()
                        .map(|(i, &(name, tsv))| {
                            if i == largest {
                                List::parse_entries(name, head, 0)
                            } else {
                                List::parse(name, tsv).map(|list| list.entries)
                            }
                        })
                        .collect();
                    for (i, (part, &(name, _))) in parts.into_iter().zip(EMBEDDED_LISTS).enumerate() {
                        let mut entries = part?;
                        if i == largest {
                            let rest = receiver
                                .recv()
                                .unwrap_or_else(|_| Err(Error::list_file(name, "could not be parsed")))?;
                            entries.extend(rest);
                        }
                        lists.push(List { name: Arc::from(name), entries });
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
        Ok(Extractor {
            inner: Arc::new(Inner { gazetteer, country_names, lexicon, user_lists }),
            section_bytes: SECTION_BYTES,
        })
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
