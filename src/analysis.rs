//! Result types: what gazette finds in a text.
//!
//! Everything holds offsets ([`Span`]), not borrowed text, so results can be stored,
//! sent across threads and serialised; [`Span::text`] gives the strings back.

use crate::span::{CharOffsets, OffsetUnit, Span};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, government body, party, agency, armed group, news outlet...
    Organization,
    /// A sovereign state or a widely recognised territory.
    Country,
    /// Any other place: city, region, continent, sea, river, mountain...
    Location,
}

impl EntityKind {
    /// The lower-case name used in JSON and in lists.
    pub const fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Country => "country",
            EntityKind::Location => "location",
        }
    }

    /// Parse the lower-case name.
    pub fn from_name(name: &str) -> Option<EntityKind> {
        Some(match name {
            "person" => EntityKind::Person,
            "organization" | "organisation" => EntityKind::Organization,
            "country" => EntityKind::Country,
            "location" => EntityKind::Location,
            _ => return None,
        })
    }
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// How a mention refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum MentionForm {
    /// A name ("Amir Khan Muttaqi", "Muttaqi", "Russia", "NATO").
    Name,
    /// A nationality word that points to a country ("Russian", "Afghans"); not a
    /// mention of the country itself (CoNLL tags it MISC).
    Demonym,
    /// A name used as part of a compound modifier ("U.S.-led", "Moscow-based",
    /// "pro-Moscow"): it names the entity but is not a stand-alone mention of it
    /// (CoNLL-style annotation leaves such words out).
    Modifier,
}

impl MentionForm {
    /// The lower-case name used in JSON (`"name"`, `"demonym"`, `"modifier"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            MentionForm::Name => "name",
            MentionForm::Demonym => "demonym",
            MentionForm::Modifier => "modifier",
        }
    }
}

/// Which rule of gazette's found a mention (see [`FoundBy`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rule {
    /// A short form of a name seen elsewhere in the document ("Muttaqi").
    ShortForm,
    /// A name after a title or role ("Foreign Minister Amir Khan Muttaqi").
    Title,
    /// A given name followed by capitalised words ("Mariam Solaimankhil").
    GivenName,
    /// A capitalised sequence ending in an organisation head word ("Foreign Ministry").
    OrgHead,
    /// "X of Y" organisations ("Bank of England", "Ministry of Foreign Affairs").
    OrgOf,
    /// An acronym introduced in parentheses or known from the text.
    Acronym,
    /// A capitalised name in speaker position ("..., said Fawzia Koofi").
    Speaker,
    /// A place pattern ("X Province", "X County").
    PlacePattern,
    /// A surname from the lists after a capitalised word, or a capitalised word
    /// that only a person name explains.
    Surname,
    /// A capitalised sequence that nothing else explained, typed by its context.
    Context,
    /// An event named after a place ("U.S. Open", "Berlin Grand Prix"): it claims its
    /// words during resolution so the place inside is not reported, and is itself
    /// not reported either (events are not among the entity kinds).
    Event,
}

impl Rule {
    /// The rule's name as written in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            Rule::ShortForm => "short_form",
            Rule::Title => "title",
            Rule::GivenName => "given_name",
            Rule::OrgHead => "org_head",
            Rule::OrgOf => "org_of",
            Rule::Acronym => "acronym",
            Rule::Speaker => "speaker",
            Rule::PlacePattern => "place_pattern",
            Rule::Surname => "surname",
            Rule::Context => "context",
            Rule::Event => "event",
        }
    }
}

/// What found a mention: a list (by its name) or a rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FoundBy {
    /// An entry of the named gazetteer list ("countries", or a user list's name).
    List(Arc<str>),
    /// One of gazette's rules.
    Rule(Rule),
}

impl std::fmt::Display for FoundBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FoundBy::List(name) => write!(f, "list:{name}"),
            FoundBy::Rule(rule) => write!(f, "rule:{}", rule.as_str()),
        }
    }
}

/// One place in the text that names an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Where it is.
    pub span: Span,
    /// The kind of its entity.
    pub kind: EntityKind,
    /// Name or demonym.
    pub form: MentionForm,
    /// Index of its entity in [`Analysis::entities`].
    pub entity: usize,
    /// What found it.
    pub found_by: FoundBy,
}

/// One real-world thing named in the text, with all its mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Its kind.
    pub kind: EntityKind,
    /// Canonical name: from the lists where known, else the longest name in the text.
    pub name: String,
    /// Identifiers from the lists (`iso2`, `iso3`, `geonames`, ...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ids: BTreeMap<String, String>,
    /// Indices into [`Analysis::mentions`], in text order.
    pub mentions: Vec<usize>,
}

/// How a quotation reports speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum QuoteKind {
    /// Verbatim words in quotation marks.
    Direct,
    /// Reported speech that contains a quoted fragment (`X said it was "a new phase"`).
    Mixed,
    /// Reported speech without quotation marks (`X said that ...`).
    Indirect,
    /// Words in quotation marks that nobody is reported to say: scare quotes, titles,
    /// terms, headings.
    Unattributed,
}

impl QuoteKind {
    /// The lower-case name used in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Unattributed => "unattributed",
        }
    }
}

/// A quotation (or reported speech) with its speaker and cue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted text without quotation marks; several parts when the attribution
    /// interrupts it (`"A," he said. "B."`).
    pub content: Vec<Span>,
    /// From the first opening mark to the last closing mark (the content hull for
    /// indirect speech).
    pub span: Span,
    /// The speaker as written next to the cue ("Muttaqi", "he", "the ministry").
    pub speaker: Option<Span>,
    /// The entity the speaker resolves to, an index into [`Analysis::entities`].
    pub speaker_entity: Option<usize>,
    /// The attributing words ("said", "told", "according to").
    pub cue: Option<Span>,
    /// Direct, mixed, indirect or unattributed.
    pub kind: QuoteKind,
}

/// Everything gazette found in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// The unit of every offset in this value.
    pub offsets: OffsetUnit,
    /// Paragraph spans.
    pub paragraphs: Vec<Span>,
    /// Sentence spans.
    pub sentences: Vec<Span>,
    /// Mentions in text order, never overlapping.
    pub mentions: Vec<Mention>,
    /// Entities in order of first mention.
    pub entities: Vec<Entity>,
    /// Quotations in text order.
    pub quotes: Vec<Quote>,
}

impl Analysis {
    /// The entities of one kind.
    pub fn entities_of(&self, kind: EntityKind) -> impl Iterator<Item = &Entity> + '_ {
        self.entities.iter().filter(move |e| e.kind == kind)
    }

    /// The entity with this canonical name, if any.
    pub fn entity(&self, name: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.name == name)
    }

    /// The speaker entity of a quote.
    pub fn speaker_of(&self, quote: &Quote) -> Option<&Entity> {
        quote.speaker_entity.and_then(|i| self.entities.get(i))
    }

    /// The same analysis with every offset counted in code points of `text` (the
    /// text it was made from). Does nothing if the offsets are already in chars.
    ///
    /// ```
    /// let text = "Côte d’Ivoire and Ghana";
    /// let analysis = gazette::Extractor::new().extract(text).to_char_offsets(text);
    /// let ghana = analysis.mentions.iter().find(|m| m.span.start > 10).unwrap();
    /// assert_eq!((ghana.span.start, ghana.span.end), (18, 23));
    /// ```
    pub fn to_char_offsets(mut self, text: &str) -> Analysis {
        if self.offsets == OffsetUnit::Chars {
            return self;
        }
        let o = CharOffsets::new(text);
        let conv = |s: &mut Span| *s = o.span_to_chars(*s);
        self.paragraphs.iter_mut().for_each(conv);
        self.sentences.iter_mut().for_each(conv);
        for m in &mut self.mentions {
            conv(&mut m.span);
        }
        for q in &mut self.quotes {
            q.content.iter_mut().for_each(conv);
            conv(&mut q.span);
            if let Some(s) = &mut q.speaker {
                conv(s);
            }
            if let Some(s) = &mut q.cue {
                conv(s);
            }
        }
        self.offsets = OffsetUnit::Chars;
        self
    }
}
