//! Quotations: pairing quotation marks and attributing each quotation to a speaker
//! through a cue ("said", "told", "according to"); reported speech without marks.
//!
//! The stage reads the tokens, the paragraphs and sentences and the entity mentions,
//! and runs in these steps (one file each):
//!
//! 1. `marks`: pair quotation marks into quoted regions: straight and curly double
//!    marks, « », „ “, the typewriter pair `''`, and single marks where they act as
//!    quotation marks (headlines, quotations within quotations), not as apostrophes. A
//!    quotation may run over several paragraphs (each reopens, only the last closes) or
//!    be cut by a stray line break; a mark left open ends with its paragraph.
//! 2. `words` and `cues`: a token is looked up, the first time a rule asks about it,
//!    in a vocabulary of closed-class words and the speech-verb lexicon
//!    (`data/gazetteers/speech_verbs.tsv`: verbs with their inflections, multiword
//!    forms, nouns of attribution such as "statement"). One pass over the tokens
//!    notes those that may be quotation marks and those that may be cue verbs (a
//!    filter on their first bytes), and the later passes visit only these.
//! 3. `attribution`: the cue and the speaker of each region (`"...," X said`,
//!    `"...," said X, <role>`, `X said: "..."`, `according to X, "..."`, a byline after a
//!    dash, a colon ending the paragraph before, transcript labels, and mixed
//!    quotations such as `X said it was "a new phase"`, whose reported clause `clause`
//!    delimits); `grouping`: the parts of an interrupted quotation (`"A," he said.
//!    "B."`) and the paragraphs that continue one become one quotation, and scare
//!    quotes, titles and terms are kept apart as
//!    [`QuoteKind::Unattributed`](crate::QuoteKind::Unattributed).
//! 4. `indirect`: reported speech without marks (`X said (that) ...`, `X told Y that
//!    ...`, `..., X said.`, `according to X, ...`).
//! 5. `speaker`: the speaker phrase next to the cue (a name, "he", "the ministry",
//!    "a spokesman", stepping over appositions and relative clauses); `resolve` and
//!    `gender`: the entity it refers to (pronouns by subject position, the previous
//!    speaker and the gender of given names and honorifics; nominals by the
//!    organisation whose name holds their head word).
//!
//! A quotation whose quoted words are only a small part of a reported clause
//! (`X called the plan "a disaster" for farmers and their families`) is reported speech
//! with a quoted term: it is given as [`QuoteKind::Indirect`](crate::QuoteKind::Indirect)
//! with the whole clause as its content; when the quoted words make up most of the
//! clause it is [`QuoteKind::Mixed`](crate::QuoteKind::Mixed).
//!
//! Every search looks at a bounded window of tokens around a mark or a cue (at most
//! `MAX_SENTENCE` tokens of a sentence, `MAX_PARAGRAPH` of a paragraph, a bounded
//! number of mentions back), so the stage is linear in the length of the text.

mod attribution;
mod clause;
mod cues;
mod gender;
mod grouping;
mod indirect;
mod marks;
mod resolve;
mod speaker;
mod words;

use crate::analysis::{Entity, Mention, Quote};
use crate::segment::Segmentation;
use crate::span::Span;
use crate::tokenize::{Token, TokenFlags};
use std::cell::Cell;
use std::collections::HashMap;
use std::ops::Range;

/// The most tokens of a sentence any rule looks at on either side of a token.
const MAX_SENTENCE: usize = 150;
/// The most tokens of a paragraph any rule looks at on either side of a token.
const MAX_PARAGRAPH: usize = 400;

/// What the quotation stage reads: the text, its tokens and segments, and the
/// entity mentions found before it.
#[derive(Debug, Clone, Copy)]
pub struct QuoteInput<'a> {
    /// The text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Its paragraphs and sentences.
    pub segmentation: &'a Segmentation,
    /// Entity mentions, sorted, non-overlapping.
    pub mentions: &'a [Mention],
    /// Entities the mentions belong to.
    pub entities: &'a [Entity],
}

/// Find the quotations of a document, in text order.
///
/// ```
/// use gazette::{Extractor, QuoteKind};
/// let text = "\"We will not back down,\" the minister said on Monday.";
/// let analysis = Extractor::new().extract(text);
/// let quote = &analysis.quotes[0];
/// assert_eq!(quote.kind, QuoteKind::Direct);
/// assert_eq!(quote.content[0].text(text), "We will not back down,");
/// assert_eq!(quote.speaker.unwrap().text(text), "the minister");
/// assert_eq!(quote.cue.unwrap().text(text), "said");
/// ```
pub fn find_quotes(input: &QuoteInput<'_>) -> Vec<Quote> {
    find_quotes_with(input, &EntityFacts::default())
}

/// [`find_quotes`] with what is known of the entities, which the sections of a long
/// text share: each section's quotes then cost work in proportion to the section,
/// not to the whole text's entities.
pub(crate) fn find_quotes_with(input: &QuoteInput<'_>, facts: &EntityFacts) -> Vec<Quote> {
    if input.tokens.is_empty() {
        return Vec::new();
    }
    let mut doc = Doc::new(input, facts);
    let regions = marks::pair_marks(&doc);
    doc.mark_quoted(&regions);
    let mut found = grouping::attribute(&doc, &regions);
    let mut reported = indirect::find_indirect(&doc, &found);
    // A part can come out empty at the edges of broken marks; a quotation needs words.
    for found in [&mut found, &mut reported] {
        for q in found.iter_mut() {
            q.content.retain(|part| !part.is_empty());
        }
        found.retain(|q| !q.content.is_empty());
    }
    let mut previous = None;
    let mut quotes: Vec<Quote> = Vec::with_capacity(found.len() + reported.len());
    for q in in_text_order(found, reported) {
        quotes.push(resolve::finish(&doc, q, &mut previous));
    }
    for q in &mut quotes {
        carve_attribution(input.text, q);
    }
    quotes.retain(|q| !q.content.is_empty());
    quotes
}

/// The quotations of `a` and then those of `b` sorted by span (start, then end),
/// those that tie in the order they come: as a stable sort of the two lists one after
/// the other would give them. Each list mostly comes in that order already (marks and
/// cues are visited in text order): two sorted lists are merged, without moving the
/// quotations about.
fn in_text_order(mut a: Vec<Found>, b: Vec<Found>) -> impl Iterator<Item = Found> {
    let key = |q: &Found| (q.span.start, q.span.end);
    let sorted = |run: &[Found]| run.windows(2).all(|w| key(&w[0]) <= key(&w[1]));
    let b = if sorted(&a) && sorted(&b) {
        b
    } else {
        a.extend(b);
        a.sort_by_key(key);
        Vec::new()
    };
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        // A tie goes to `a`, which came first.
        (Some(x), Some(y)) if key(y) < key(x) => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
}

/// Keep the speaker and the cue out of the content: a reported clause that runs
/// over its own attribution (broken marks, two attributions in a row) loses those
/// words, and parts left with nothing but spaces and punctuation are dropped.
fn carve_attribution(text: &str, q: &mut Quote) {
    for hole in [q.speaker, q.cue] {
        let Some(hole) = hole else { continue };
        if !q.content.iter().any(|p| p.overlaps(hole)) {
            continue;
        }
        let mut parts = Vec::with_capacity(q.content.len() + 1);
        for p in q.content.drain(..) {
            if !p.overlaps(hole) {
                parts.push(p);
                continue;
            }
            if p.start < hole.start {
                parts.push(Span::new(p.start, hole.start));
            }
            if hole.end < p.end {
                parts.push(Span::new(hole.end, p.end));
            }
        }
        q.content = parts;
    }
    // Most parts start with a word: nothing to drop, and no pass that moves them.
    if !q.content.iter().all(|p| has_alphanumeric(text, *p)) {
        q.content.retain(|p| has_alphanumeric(text, *p));
    }
}

/// Whether the text of `p` has a letter or a digit: `p.text(text).chars().any(char::is_alphanumeric)`,
/// answered from the first byte when it is an ASCII letter or digit (most parts start
/// with a word) and the part lies on character boundaries.
fn has_alphanumeric(text: &str, p: Span) -> bool {
    let first = text.as_bytes().get(p.start).copied().unwrap_or(0);
    if first.is_ascii_alphanumeric() && p.start < p.end && text.is_char_boundary(p.end) {
        return true;
    }
    p.text(text).chars().any(char::is_alphanumeric)
}

/// Per-token buffers kept from one call to the next on a thread, so that a call does
/// not allocate, fault in and free its per-token arrays again (the allocator's
/// bookkeeping for blocks of this size was a tenth of the stage's time).
#[derive(Default)]
struct Buffers {
    numbers: Vec<Vec<u32>>,
    flags: Vec<Vec<bool>>,
    vocab: Vec<Vec<Cell<words::Vocab>>>,
    /// The candidate lists ([`Doc::mark_candidates`], [`Doc::cue_candidates`]),
    /// which grew by doubling on every call when not kept.
    indices: Vec<Vec<usize>>,
}

/// The most tokens whose buffers are kept for the next call (larger ones are freed):
/// a thread keeps at most three buffers of each kind, about 3.5 MB of per-token
/// arrays (the candidate lists hold a small part of the tokens).
const MAX_KEPT: usize = 1 << 17;

thread_local! {
    static BUFFERS: std::cell::RefCell<Buffers> = std::cell::RefCell::new(Buffers::default());
}

/// A buffer from the thread's pool as it was given back (a new one when the pool is
/// empty).
fn pop_buffer<T>(pool: impl FnOnce(&mut Buffers) -> &mut Vec<Vec<T>>) -> Vec<T> {
    BUFFERS
        .try_with(|b| b.try_borrow_mut().ok().and_then(|mut b| pool(&mut b).pop()))
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// An empty buffer from the thread's pool (a new one when the pool is empty).
fn take_buffer<T>(pool: impl FnOnce(&mut Buffers) -> &mut Vec<Vec<T>>) -> Vec<T> {
    let mut v = pop_buffer(pool);
    v.clear();
    v
}

/// A buffer of `n` times `x` from the thread's pool.
fn take_filled<T: Copy>(pool: impl FnOnce(&mut Buffers) -> &mut Vec<Vec<T>>, n: usize, x: T) -> Vec<T> {
    let mut v = take_buffer(pool);
    v.resize(n, x);
    v
}

/// A buffer of `n` elements from the thread's pool, whatever their values (the caller
/// overwrites them all): it keeps its length from the call before, so that it is
/// written once, not first filled and then written again (`Vec::resize` writes one
/// element at a time; [`slice::fill`] with a value known only at run time is a vector
/// loop).
fn take_sized<T: Copy + Default>(pool: impl FnOnce(&mut Buffers) -> &mut Vec<Vec<T>>, n: usize) -> Vec<T> {
    let mut v = pop_buffer(pool);
    v.truncate(n);
    v.resize(n, T::default());
    v
}

/// Give a buffer back to the thread's pool (dropped when too large or the pool is
/// full).
fn give_back<T>(v: Vec<T>, pool: impl FnOnce(&mut Buffers) -> &mut Vec<Vec<T>>) {
    if v.capacity() > MAX_KEPT {
        return;
    }
    let _ = BUFFERS.try_with(|b| {
        if let Ok(mut b) = b.try_borrow_mut() {
            let pool = pool(&mut b);
            if pool.len() < 3 {
                pool.push(v);
            }
        }
    });
}

/// A buffer of `n` times `false` from the thread's pool.
pub(crate) fn false_flags(n: usize) -> Vec<bool> {
    take_filled(|b| &mut b.flags, n, false)
}

/// Give a buffer of flags back to the thread's pool.
pub(crate) fn give_back_flags(v: Vec<bool>) {
    give_back(v, |b| &mut b.flags);
}

/// The sentence index of each of `n` tokens (0 for tokens in no sentence).
fn sentence_of(sentences: &[crate::segment::Sentence], n: usize) -> Vec<u32> {
    let mut out: Vec<u32> = take_sized(|b| &mut b.numbers, n);
    // Sentences come in order without overlapping: each writes the gap before it and
    // its tokens.
    let mut written = 0;
    for (s, sentence) in sentences.iter().enumerate() {
        let (start, end) = (sentence.tokens.start.min(n), sentence.tokens.end.min(n));
        if start < written || end < start {
            // Out of order: each sentence writes its tokens, later ones last.
            out.fill(0);
            for (s, sentence) in sentences.iter().enumerate() {
                if let Some(slots) = out.get_mut(sentence.tokens.start.min(n)..sentence.tokens.end.min(n)) {
                    slots.fill(s as u32);
                }
            }
            return out;
        }
        // Sentences mostly follow each other: no gap to write (a `memset` call).
        if start > written {
            out[written..start].fill(0);
        }
        out[start..end].fill(s as u32);
        written = end;
    }
    if written < n {
        out[written..].fill(0);
    }
    out
}

/// A buffer of `n` entries [`Vocab::UNKNOWN`](words::Vocab::UNKNOWN) from the thread's
/// pool: the entries kept from the call before are overwritten through `get_mut` (a
/// loop of plain stores, which the compiler turns into a `memset`), and only the
/// entries beyond them are pushed (`Vec::resize` writes one element at a time: a
/// tenth of the cost of `Doc::new`).
fn unknown_vocab(n: usize) -> Vec<Cell<words::Vocab>> {
    let mut vocab = pop_buffer(|b| &mut b.vocab);
    vocab.truncate(n);
    for cell in &mut vocab {
        *cell.get_mut() = words::Vocab::UNKNOWN;
    }
    vocab.resize(n, Cell::new(words::Vocab::UNKNOWN));
    vocab
}

/// The paragraphs (token ranges) and the paragraph index of each of the tokens: the
/// segmentation's paragraphs, and also every blank line (or line break after a closing
/// mark) where a sentence starts, which the segmentation may have joined to the
/// paragraph before. Only the segmentation's paragraph starts and the sentence
/// boundaries (where `sentence_of` changes) can start a paragraph, so only they are
/// looked at.
fn paragraphs(tokens: &[Token], seg: &Segmentation, sentence_of: &[u32]) -> (Vec<Range<usize>>, Vec<u32>) {
    let n = tokens.len();
    // Where the segmentation's paragraphs start, in order.
    // (Both lists are buffers of the thread's pool, given back below.)
    let mut starts: Vec<usize> = take_buffer(|b| &mut b.indices);
    starts.extend(seg.paragraphs.iter().map(|p| p.tokens.start).filter(|&s| s < n));
    starts.sort_unstable();
    // Where sentences start and end, in order: `sentence_of` changes nowhere else.
    let mut bounds: Vec<usize> = take_buffer(|b| &mut b.indices);
    bounds.reserve(2 * seg.sentences.len());
    for s in &seg.sentences {
        bounds.push(s.tokens.start);
        bounds.push(s.tokens.end);
    }
    if !bounds.windows(2).all(|w| w[0] <= w[1]) {
        bounds.sort_unstable();
    }
    let mut paragraphs: Vec<Range<usize>> = Vec::with_capacity(starts.len() + 1);
    // Every token is written below (the paragraphs tile the tokens).
    let mut paragraph_of: Vec<u32> = take_sized(|b| &mut b.numbers, n);
    let mut start = 0;
    let (mut a, mut b) = (0, 0);
    loop {
        let next_start = starts.get(a).copied().unwrap_or(usize::MAX);
        let i = next_start.min(bounds.get(b).copied().unwrap_or(usize::MAX));
        if i >= n {
            break;
        }
        while starts.get(a) == Some(&i) {
            a += 1;
        }
        while bounds.get(b) == Some(&i) {
            b += 1;
        }
        if i == 0 {
            continue;
        }
        let breaks = next_start == i
            || (sentence_of[i] != sentence_of[i - 1]
                && (tokens[i].is(TokenFlags::BLANK_LINE_BEFORE)
                    || (tokens[i].is(TokenFlags::LINE_BREAK_BEFORE)
                        && tokens[i - 1].is(TokenFlags::QUOTE_CLOSE))));
        if breaks {
            paragraph_of[start..i].fill(paragraphs.len() as u32);
            paragraphs.push(start..i);
            start = i;
        }
    }
    paragraph_of[start..n].fill(paragraphs.len() as u32);
    paragraphs.push(start..n);
    give_back(starts, |b| &mut b.indices);
    give_back(bounds, |b| &mut b.indices);
    (paragraphs, paragraph_of)
}

/// The tokens that may be quotation marks, those that may start reported speech and
/// the honorifics ([`Doc::mark_candidates`], [`Doc::cue_candidates`],
/// [`Doc::honorific_tokens`]), found in one pass so that the later passes visit only
/// them.
///
/// A short word the cue filter lets through is looked up at once (one load and two
/// slots) and its answer kept in `vocab`: it is a candidate only when it is a cue
/// verb or "according", and the pass over the candidates reads its entry.
fn candidates(
    text: &str,
    tokens: &[Token],
    vocabulary: &words::Vocabulary,
    vocab: &[Cell<words::Vocab>],
) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
    let bytes = text.as_bytes();
    let (mut marks, mut cues) = (take_buffer(|b| &mut b.indices), take_buffer(|b| &mut b.indices));
    // Few texts have more than a handful (no buffer from the pool: most have none).
    let mut honorifics = Vec::new();
    // Whether the token's span is in the text (not empty, not past its end).
    let in_text = |t: &Token| t.span.start < t.span.end && t.span.end <= bytes.len();
    // Most tokens are lower-case words: one test of their flags sends them to the
    // cue filter.
    let not_lower = TokenFlags::PUNCT | TokenFlags::DIGIT | TokenFlags::CAPITALIZED;
    for (i, t) in tokens.iter().enumerate() {
        if !t.flags.intersects(not_lower) {
            if vocabulary.may_be_cue(bytes, t.span) {
                // A lower-case word is no number: its entry is the vocabulary's answer.
                let cue = match (vocabulary.get_short(bytes, t.span), vocab.get(i)) {
                    (Some(v), Some(cell)) => {
                        cell.set(v);
                        v.is_verb() || v.class().any(words::WordClass::ACCORDING)
                    }
                    _ => true,
                };
                if cue {
                    cues.push(i);
                }
            }
        } else if t.is(TokenFlags::PUNCT) {
            // `"`, `'`, `` ` ``; `«`, `»` (0xC2 ..); `“”„‘’‹›` (0xE2 ..).
            // The first byte is read before the span is checked (most punctuation is
            // no mark): the same answer as checking first.
            let first = bytes.get(t.span.start).copied().unwrap_or(0);
            if (matches!(first, b'"' | b'\'' | b'`' | 0xC2 | 0xE2) && in_text(t))
                || t.is(TokenFlags::SINGLE_QUOTE)
            {
                marks.push(i);
            }
        } else if !t.is(TokenFlags::DIGIT) {
            match bytes.get(t.span.start) {
                // (`may_be_cue` turns down spans that are empty or not in the text.)
                // Capitalised: only "According" starts reported speech.
                Some(b'A') if vocabulary.may_be_cue(bytes, t.span) => cues.push(i),
                // "Mr.", "Sir", "Mrs.", "Ms.", "Miss", "Dame" (capitalised: their first
                // letter is; no digit, no punctuation only).
                Some(b'M' | b'S' | b'D')
                    if gender::of_honorific(bytes.get(t.span.start..t.span.end).unwrap_or(&[]))
                        != gender::Gender::Unknown =>
                {
                    honorifics.push(i)
                }
                _ => {}
            }
        }
    }
    (marks, cues, honorifics)
}

/// Whether `b` is a byte of ASCII white space as [`char::is_whitespace`] has it
/// (which, unlike [`u8::is_ascii_whitespace`], counts the vertical tab).
fn is_white_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// The first word of a name (`name.split_whitespace().next()`, "" when none), on
/// bytes when the name is ASCII.
pub(crate) fn first_name_word(name: &str) -> &str {
    if !name.is_ascii() {
        return name.split_whitespace().next().unwrap_or("");
    }
    let bytes = name.as_bytes();
    let start = bytes.iter().position(|&b| !is_white_byte(b)).unwrap_or(bytes.len());
    let end = bytes[start..].iter().position(|&b| is_white_byte(b)).map_or(bytes.len(), |e| start + e);
    &name[start..end]
}

/// The last word of a name (`name.split_whitespace().next_back()`, "" when none), on
/// bytes when the name is ASCII.
pub(crate) fn last_name_word(name: &str) -> &str {
    if !name.is_ascii() {
        return name.split_whitespace().next_back().unwrap_or("");
    }
    let bytes = name.as_bytes();
    let end = bytes.iter().rposition(|&b| !is_white_byte(b)).map_or(0, |e| e + 1);
    let start = bytes[..end].iter().rposition(|&b| is_white_byte(b)).map_or(0, |s| s + 1);
    &name[start..end]
}

/// A hash of `word` ignoring ASCII case, never 0 for a non-empty word (0 for "").
pub(crate) fn word_tag(word: &str) -> u32 {
    if word.is_empty() {
        return 0;
    }
    let mut h: u32 = 0x811c_9dc5;
    for &b in word.as_bytes() {
        h = (h ^ u32::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0193);
    }
    h | 1
}

/// `items.partition_point(pred)` (`pred` true on a prefix of `items`), found by
/// galloping from `from` when every item before it satisfies `pred` (a few steps when
/// the answer is near), else by a binary search over all of them.
fn partition_from<T>(items: &[T], from: usize, pred: impl Fn(&T) -> bool) -> usize {
    if from > items.len() || (from > 0 && !pred(&items[from - 1])) {
        return items.partition_point(pred);
    }
    gallop(items, from, pred)
}

/// The first item at or after `from` (clamped to the length) that does not satisfy
/// `pred`, `pred` being true on a prefix of `items[from..]`: galloping, then a binary
/// search in the last step.
fn gallop<T>(items: &[T], from: usize, pred: impl Fn(&T) -> bool) -> usize {
    // Every item of `from..lo` satisfies `pred`; the answer is at most `lo + step - 1`.
    let mut lo = from.min(items.len());
    let mut step = 1;
    while items.get(lo + step - 1).is_some_and(&pred) {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step - 1).min(items.len());
    lo + items[lo..hi].partition_point(pred)
}

/// `items.partition_point(pred)` (`pred` true on a prefix of `items`) when no item
/// from `to` on satisfies `pred`: galloping back from `to` (a few steps when the
/// answer is near), then a binary search in the last step.
fn gallop_back<T>(items: &[T], to: usize, pred: impl Fn(&T) -> bool) -> usize {
    // The answer is at most `hi`.
    let mut hi = to.min(items.len());
    let mut step = 1;
    loop {
        let Some(probe) = hi.checked_sub(step) else {
            return items[..hi].partition_point(pred);
        };
        if pred(&items[probe]) {
            return probe + 1 + items[probe + 1..hi].partition_point(pred);
        }
        hi = probe;
        step *= 2;
    }
}

/// A quotation before its speaker is resolved: token ranges and byte spans.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// Content parts (byte spans), in order.
    pub content: Vec<Span>,
    /// The span with the marks.
    pub span: Span,
    /// Speaker tokens.
    pub speaker: Option<Range<usize>>,
    /// Cue tokens.
    pub cue: Option<Range<usize>>,
    /// Direct, mixed, indirect or unattributed.
    pub kind: crate::analysis::QuoteKind,
}

/// What the quotation stage knows of each entity whatever the text around its
/// mentions: where the last word of its name is (and its [`word_tag`]), worked out
/// once for all entities when first asked for, and the gender its given name suggests,
/// worked out for an entity when first asked for (a few of them are).
#[derive(Default)]
pub(crate) struct EntityFacts {
    known: once_cell::unsync::OnceCell<Vec<EntityFact>>,
}

struct EntityFact {
    /// Where the last word is in the entity's name.
    last: Range<usize>,
    /// [`word_tag`] of the last word.
    tag: u32,
    /// [`gender::of_entity`], once asked for.
    gender: Cell<Option<gender::Gender>>,
}

impl EntityFacts {
    fn get(&self, entities: &[Entity], e: usize) -> Option<&EntityFact> {
        self.all(entities).get(e)
    }

    /// What is known of every entity, by index.
    fn all(&self, entities: &[Entity]) -> &[EntityFact] {
        self.known.get_or_init(|| {
            entities
                .iter()
                .map(|entity| {
                    let last = last_name_word(&entity.name);
                    // `last` lies in the name: its offset is the distance between the two.
                    let at = last.as_ptr() as usize - entity.name.as_ptr() as usize;
                    EntityFact { last: at..at + last.len(), tag: word_tag(last), gender: Cell::new(None) }
                })
                .collect()
        })
    }

    /// The gender the given name of entity `e` suggests (`Unknown` for anything but
    /// people).
    fn gender(&self, entities: &[Entity], e: usize) -> gender::Gender {
        let (Some(fact), Some(entity)) = (self.get(entities, e), entities.get(e)) else {
            return gender::Gender::Unknown;
        };
        fact.gender.get().unwrap_or_else(|| {
            let g = gender::of_entity(entity);
            fact.gender.set(Some(g));
            g
        })
    }
}

/// The document as the quotation stage sees it: tokens with their sentence and
/// paragraph, cue words looked up once, and which tokens are inside quotation marks.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub seg: &'a Segmentation,
    pub mentions: &'a [Mention],
    pub entities: &'a [Entity],
    /// Sentence index of each token.
    pub sentence_of: Vec<u32>,
    /// Paragraph index of each token.
    pub paragraph_of: Vec<u32>,
    /// Token ranges of the paragraphs.
    pub paragraphs: Vec<Range<usize>>,
    /// The vocabulary the tokens are looked up in.
    vocabulary: &'static words::Vocabulary,
    /// What the vocabulary says about each token (closed classes, cue entry), looked
    /// up when first asked for ([`Vocab::UNKNOWN`](words::Vocab::UNKNOWN) until then):
    /// the rules read the words around quotation marks and cues, most tokens are
    /// never asked about.
    vocab: Vec<Cell<words::Vocab>>,
    /// The tokens that may be quotation marks, in order: punctuation that starts like
    /// one or that the tokenizer flagged as a single mark.
    pub mark_candidates: Vec<usize>,
    /// The tokens that may start reported speech, in order: words that may be cue
    /// verbs or "according" ([`Vocabulary::may_be_cue`](words::Vocabulary::may_be_cue)),
    /// not capitalised (a capitalised cue verb starts none) unless they may be
    /// "According".
    pub cue_candidates: Vec<usize>,
    /// The tokens that are honorifics ("Mr.", "Mrs.", ...: [`gender::of_honorific`]),
    /// in order.
    pub honorific_tokens: Vec<usize>,
    /// Whether each token lies inside a quoted region (marks included).
    pub quoted: Vec<bool>,
    /// Whether each token is the opening or closing mark of a quoted region.
    mark: Vec<bool>,
    /// What is known of the entities whatever the text around their mentions.
    facts: &'a EntityFacts,
    /// The gender an honorific before one of this text's mentions gives an entity
    /// (the last such honorific), computed when first needed.
    honorifics: once_cell::unsync::OnceCell<HashMap<usize, gender::Gender>>,
    /// For each mention of a person, [`word_tag`] of the last word of its entity's
    /// name (0 for other mentions), computed when first needed.
    person_tags: once_cell::unsync::OnceCell<Vec<u32>>,
    /// The start of the mention [`Doc::mention_token`] was last asked about, and its
    /// answer (where the next search starts).
    mention_hint_token: Cell<(usize, usize)>,
    /// Tokens per byte of text, in 1/65536: where [`Doc::token_near`] looks first.
    tokens_per_byte: u64,
    /// The first mention of the last [`Doc::mentions_in`] (speakers are resolved in
    /// text order: the next search starts there).
    mention_hint: Cell<usize>,
}

impl Drop for Doc<'_> {
    /// The per-token arrays go back to the thread's pool for the next call.
    fn drop(&mut self) {
        give_back(std::mem::take(&mut self.sentence_of), |b| &mut b.numbers);
        give_back(std::mem::take(&mut self.paragraph_of), |b| &mut b.numbers);
        give_back(std::mem::take(&mut self.vocab), |b| &mut b.vocab);
        give_back(std::mem::take(&mut self.mark_candidates), |b| &mut b.indices);
        give_back(std::mem::take(&mut self.cue_candidates), |b| &mut b.indices);
        give_back_flags(std::mem::take(&mut self.quoted));
        give_back_flags(std::mem::take(&mut self.mark));
    }
}

impl<'a> Doc<'a> {
    fn new(input: &QuoteInput<'a>, facts: &'a EntityFacts) -> Doc<'a> {
        let n = input.tokens.len();
        let sentence_of = sentence_of(&input.segmentation.sentences, n);
        let (paragraphs, paragraph_of) = paragraphs(input.tokens, input.segmentation, &sentence_of);
        let vocabulary = words::Vocabulary::embedded();
        let vocab = unknown_vocab(n);
        let (mark_candidates, cue_candidates, honorific_tokens) =
            candidates(input.text, input.tokens, vocabulary, &vocab);
        Doc {
            text: input.text,
            tokens: input.tokens,
            seg: input.segmentation,
            mentions: input.mentions,
            entities: input.entities,
            sentence_of,
            paragraph_of,
            paragraphs,
            vocabulary,
            vocab,
            mark_candidates,
            cue_candidates,
            honorific_tokens,
            quoted: false_flags(n),
            mark: false_flags(n),
            facts,
            honorifics: once_cell::unsync::OnceCell::new(),
            person_tags: once_cell::unsync::OnceCell::new(),
            mention_hint_token: Cell::new((0, 0)),
            tokens_per_byte: ((n as u64) << 16) / (input.text.len().max(1) as u64),
            mention_hint: Cell::new(0),
        }
    }

    /// The last word of the name of entity `e` ("" when it has none).
    pub fn last_word(&self, e: usize) -> &'a str {
        let name = self.entities.get(e).map_or("", |entity| entity.name.as_str());
        self.facts.get(self.entities, e).and_then(|f| name.get(f.last.clone())).unwrap_or("")
    }

    /// For each mention, [`word_tag`] of the last word of its entity's name when it
    /// is a person, else 0: a person whose name ends with `w` is found by comparing
    /// integers, and only the mentions whose tag equals `word_tag(w)` compare words.
    pub fn person_tags(&self) -> &[u32] {
        self.person_tags.get_or_init(|| {
            // The facts are read once, not asked for mention by mention.
            let facts = self.facts.all(self.entities);
            self.mentions
                .iter()
                .map(|m| {
                    let tag = facts.get(m.entity).map_or(0, |f| f.tag);
                    if m.kind == crate::analysis::EntityKind::Person {
                        tag
                    } else {
                        0
                    }
                })
                .collect()
        })
    }

    /// The index of the first token starting at or after the start of mention `m`
    /// (`len()` when none does): found from the answer before, galloping forwards or
    /// backwards (the gender of a person steps through the mentions of people in
    /// order, resolving a speaker walks back from it a few mentions at a time: a few
    /// hundred questions, against a table of all the mentions).
    pub fn mention_token(&self, m: usize) -> usize {
        let Some(mention) = self.mentions.get(m) else { return self.len() };
        let offset = mention.span.start;
        let k = self.token_near(self.mention_hint_token.get(), offset);
        self.mention_hint_token.set((offset, k));
        k
    }

    /// The first token that starts at or after byte `offset` (`len()` when none
    /// does): `tokens.partition_point(|t| t.span.start < offset)`, found near where
    /// the tokens' average length puts it from a known pair `(byte, token)` (any
    /// pair: the closer, the better), then galloping from there, forwards or
    /// backwards: a few steps, where a search from the known token would take
    /// twice the logarithm of the distance.
    pub fn token_near(&self, (known_offset, known): (usize, usize), offset: usize) -> usize {
        let per_byte = |bytes: usize| ((bytes as u64).saturating_mul(self.tokens_per_byte) >> 16) as usize;
        let guess = if offset >= known_offset {
            known.saturating_add(per_byte(offset - known_offset))
        } else {
            known.saturating_sub(per_byte(known_offset - offset))
        };
        let guess = guess.min(self.len());
        let before = |t: &Token| t.span.start < offset;
        match self.tokens.get(guess) {
            // Every token up to the guess starts before `offset`.
            Some(t) if before(t) => gallop(self.tokens, guess + 1, before),
            // No token from the guess on does.
            _ => gallop_back(self.tokens, guess, before),
        }
    }

    /// The mentions that overlap the byte span `span`: those from the first that ends
    /// after its start to the last that starts before its end (as two binary
    /// searches would find them, galloping from where the last call found its first).
    pub fn mentions_in(&self, span: Span) -> &'a [Mention] {
        let mentions = self.mentions;
        let lo = partition_from(mentions, self.mention_hint.get(), |m| m.span.end <= span.start);
        self.mention_hint.set(lo);
        let hi = partition_from(mentions, lo, |m| m.span.start < span.end);
        mentions.get(lo..hi.max(lo)).unwrap_or(&[])
    }

    /// The number of mentions that start before byte `offset` (as a binary search
    /// would find it, galloping from the first mention of the last
    /// [`Doc::mentions_in`]: the rules look back from the speaker phrase).
    pub fn mentions_before(&self, offset: usize) -> usize {
        partition_from(self.mentions, self.mention_hint.get(), |m| m.span.start < offset)
    }

    /// The gender of entity `e` (`Unknown` for anything but people).
    pub fn gender(&self, e: usize) -> gender::Gender {
        let honorifics = self.honorifics.get_or_init(|| gender::honorifics(self));
        honorifics.get(&e).copied().unwrap_or_else(|| self.facts.gender(self.entities, e))
    }

    /// Record which tokens lie inside quoted regions, and which are their marks: the
    /// tokens of a region between its parts (the marks, most regions have two) are
    /// looked at one by one, the parts are stepped over.
    fn mark_quoted(&mut self, regions: &[marks::Region]) {
        for r in regions {
            let end = r.close.map_or(r.last_token() + 1, |c| c + 1).min(self.len());
            if let Some(quoted) = self.quoted.get_mut(r.open..end) {
                quoted.fill(true);
            }
            let mut parts = r.parts.iter().peekable();
            let mut k = r.open;
            while k < end {
                while parts.peek().is_some_and(|p| p.end <= k) {
                    parts.next();
                }
                match parts.peek() {
                    // Inside the part up to its end (which lies after `k`).
                    Some(p) if p.contains(&k) => k = p.end,
                    _ => {
                        if marks::is_quote_char(self.word(k)) {
                            self.mark[k] = true;
                        }
                        k += 1;
                    }
                }
            }
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The text of token `i` ("" out of range).
    pub fn word(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    /// Whether token `i` is exactly `w` (a non-empty word): `word(i) == w` on bytes,
    /// without checking that the token starts and ends on character boundaries (a
    /// whole `str` matched byte for byte does).
    #[inline]
    pub fn word_is(&self, i: usize, w: &str) -> bool {
        !w.is_empty() && self.word_bytes(i) == w.as_bytes()
    }

    /// Whether token `i` is `w`, ignoring ASCII case.
    #[inline]
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.word_bytes(i).eq_ignore_ascii_case(w.as_bytes())
    }

    /// Whether token `i` is one of `words`, ignoring ASCII case.
    #[inline]
    pub fn is_any(&self, i: usize, words: &[&str]) -> bool {
        let t = self.word_bytes(i);
        words.iter().any(|w| t.eq_ignore_ascii_case(w.as_bytes()))
    }

    /// The bytes of token `i` (empty out of range). Compared with a word, they say
    /// the same as [`Doc::word`]: bytes cut off character boundaries (which `word`
    /// reads as "") are never a whole word.
    #[inline]
    fn word_bytes(&self, i: usize) -> &'a [u8] {
        self.tokens.get(i).and_then(|t| self.text.as_bytes().get(t.span.start..t.span.end)).unwrap_or(&[])
    }

    /// Whether token `i` has all of `flags`.
    pub fn has(&self, i: usize, flags: TokenFlags) -> bool {
        self.tokens.get(i).is_some_and(|t| t.is(flags))
    }

    /// Whether token `i` is a word starting with a capital letter.
    pub fn is_capitalized(&self, i: usize) -> bool {
        self.has(i, TokenFlags::CAPITALIZED)
    }

    /// Whether token `i` is a word in lower case.
    pub fn is_lower_word(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else { return false };
        if !t.is(TokenFlags::WORD) || t.is(TokenFlags::CAPITALIZED) {
            return false;
        }
        match self.word_bytes(i).first() {
            // An ASCII first byte starts a character: the word reads as text when its
            // end is a boundary too (else `word` gives "", which has no first letter).
            Some(&b) if b.is_ascii() => b.is_ascii_lowercase() && self.text.is_char_boundary(t.span.end),
            _ => self.word(i).chars().next().is_some_and(|c| c.is_lowercase()),
        }
    }

    /// Whether token `i` is the opening or closing mark of a quoted region.
    pub fn is_mark(&self, i: usize) -> bool {
        self.mark.get(i).copied().unwrap_or(false)
    }

    /// Whether a paragraph starts at token `i`.
    pub fn paragraph_starts(&self, i: usize) -> bool {
        i == 0 || (i < self.len() && self.paragraph_of[i] != self.paragraph_of[i - 1])
    }

    /// Whether a sentence starts at token `i`.
    pub fn sentence_starts(&self, i: usize) -> bool {
        i == 0 || (i < self.len() && self.sentence_of[i] != self.sentence_of[i - 1])
    }

    /// Token range of the sentence containing token `i`, cut to at most
    /// `MAX_SENTENCE` tokens on either side of `i` (so that no search runs the
    /// length of a text without punctuation).
    pub fn sentence_range(&self, i: usize) -> Range<usize> {
        let r = self.seg.sentences.get(self.sentence_of[i] as usize).map_or(i..i + 1, |s| s.tokens.clone());
        r.start.max(i.saturating_sub(MAX_SENTENCE))..r.end.min(i + MAX_SENTENCE).min(self.len())
    }

    /// Token range of the paragraph containing token `i`, cut to at most
    /// `MAX_PARAGRAPH` tokens on either side of `i`.
    pub fn paragraph_range(&self, i: usize) -> Range<usize> {
        let r = self.paragraphs.get(self.paragraph_of[i] as usize).map_or(i..i + 1, |p| p.clone());
        r.start.max(i.saturating_sub(MAX_PARAGRAPH))..r.end.min(i + MAX_PARAGRAPH).min(self.len())
    }

    /// The byte span of a non-empty token range.
    pub fn span(&self, r: Range<usize>) -> Span {
        Span::new(self.tokens[r.start].span.start, self.tokens[r.end - 1].span.end)
    }

    /// What the vocabulary says about token `i` (nothing out of range): looked up
    /// the first time, then read from the table.
    #[inline]
    pub fn vocab(&self, i: usize) -> words::Vocab {
        match self.vocab.get(i) {
            Some(cell) if cell.get() != words::Vocab::UNKNOWN => cell.get(),
            Some(cell) => self.look_up(i, cell),
            None => words::Vocab::default(),
        }
    }

    /// Look token `i` up in the vocabulary and keep the answer in `cell`. Numbers are
    /// in no list (punctuation but "&" and "-" is in none either, so it is looked up
    /// like words).
    #[inline(never)]
    fn look_up(&self, i: usize, cell: &Cell<words::Vocab>) -> words::Vocab {
        let v = self.tokens.get(i).map_or(words::Vocab::default(), |t| {
            self.vocabulary.get_at(self.text, t.span).unless(t.is(TokenFlags::DIGIT))
        });
        cell.set(v);
        v
    }

    /// Whether token `i` is "that" (any ASCII case): what `class(i)` says of
    /// [`WordClass::THAT`](words::WordClass::THAT), the class of that one word,
    /// without looking up the words the rules scan for it.
    #[inline]
    pub fn is_that(&self, i: usize) -> bool {
        self.is(i, "that")
    }

    /// The lexicon entry of token `i`, when it is a cue verb.
    pub fn verb(&self, i: usize) -> Option<cues::CueWord> {
        Some(self.vocab(i)).filter(|v| v.is_verb()).and_then(|v| v.cue())
    }

    /// Whether token `i` is a noun of attribution ("statement").
    pub fn cue_noun(&self, i: usize) -> bool {
        self.vocab(i).is_cue_noun()
    }

    /// The closed classes of token `i`.
    #[inline]
    pub fn class(&self, i: usize) -> words::WordClass {
        self.vocab(i).class()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_words_split_like_the_standard_library() {
        for name in
            ["", " ", "Amir Khan Muttaqi", "  Jane\tDoe \n", "Cher", "a\u{b}b", "José  María", "x\u{a0}y z"]
        {
            assert_eq!(first_name_word(name), name.split_whitespace().next().unwrap_or(""), "{name:?}");
            assert_eq!(last_name_word(name), name.split_whitespace().next_back().unwrap_or(""), "{name:?}");
        }
    }

    /// Run `f` on the quotation stage's view of `text` (no entities) and its tokens.
    fn with_doc(text: &str, f: impl FnOnce(&Doc<'_>, &[Token])) {
        let tokens = crate::tokenize::tokenize(text);
        let segmentation = crate::segment::segment(text, &tokens);
        let input =
            QuoteInput { text, tokens: &tokens, segmentation: &segmentation, mentions: &[], entities: &[] };
        let facts = EntityFacts::default();
        f(&Doc::new(&input, &facts), &tokens);
    }

    #[test]
    fn byte_comparisons_agree_with_the_text() {
        let text = "«Ça va», she said — “quietly”, über-ally; the family’s (ex-)chief: didn’t you?";
        with_doc(text, |doc, _| {
            for i in 0..=doc.len() {
                for w in [",", ":", "(", ")", "—", "“", "”", "«", "»", "she", "said", "didn’t"] {
                    assert_eq!(doc.word_is(i, w), doc.word(i) == w, "{i} {w:?}");
                }
                let lower = doc.has(i, TokenFlags::WORD)
                    && !doc.has(i, TokenFlags::CAPITALIZED)
                    && doc.word(i).chars().next().is_some_and(|c| c.is_lowercase());
                assert_eq!(doc.is_lower_word(i), lower, "{i}");
            }
        });
    }

    #[test]
    fn token_searches_agree_with_a_binary_search() {
        let text = "He said , \" We will not back down , \" on Monday .";
        with_doc(text, |doc, tokens| {
            for offset in 0..=text.len() + 1 {
                let expected = tokens.partition_point(|t| t.span.start < offset);
                for from in 0..=expected {
                    assert_eq!(
                        gallop(tokens, from, |t| t.span.start < offset),
                        expected,
                        "from {from} offset {offset}"
                    );
                }
                for known in 0..=text.len() + 1 {
                    let k = tokens.partition_point(|t| t.span.start < known);
                    assert_eq!(doc.token_near((known, k), offset), expected, "known {known} offset {offset}");
                }
                for to in expected..=tokens.len() + 1 {
                    let back = gallop_back(tokens, to, |t| t.span.start < offset);
                    assert_eq!(back, expected, "to {to} offset {offset}");
                }
            }
        });
    }

    #[test]
    fn mention_tokens_agree_with_a_binary_search_in_any_order() {
        let text = "Mr. Jane Doe met John Smith of Acme Corp. in Paris , he said .";
        let tokens = crate::tokenize::tokenize(text);
        let segmentation = crate::segment::segment(text, &tokens);
        let mention = |start: usize, end: usize| Mention {
            span: Span::new(start, end),
            kind: crate::analysis::EntityKind::Person,
            form: crate::analysis::MentionForm::Name,
            entity: 0,
            found_by: crate::analysis::FoundBy::Rule(crate::analysis::Rule::Context),
        };
        let mentions: Vec<Mention> = [(4, 12), (17, 27), (31, 41), (45, 50), (0, 3), (53, 55)]
            .iter()
            .map(|&(a, b)| mention(a, b))
            .collect();
        let input = QuoteInput {
            text,
            tokens: &tokens,
            segmentation: &segmentation,
            mentions: &mentions,
            entities: &[],
        };
        let facts = EntityFacts::default();
        let doc = Doc::new(&input, &facts);
        for m in [0, 1, 2, 3, 4, 5, 3, 1, 0, 5, 2, 6, 4] {
            let offset = mentions.get(m).map_or(usize::MAX, |x| x.span.start);
            assert_eq!(
                doc.mention_token(m),
                tokens.partition_point(|t| t.span.start < offset),
                "mention {m}"
            );
        }
    }
}
