//! Throughput of each pipeline stage and of the full extraction on the generated
//! news corpus (see `corpus.rs`), at 1 KB, 100 KB and 10 MB, against the ceiling of
//! one bare Aho-Corasick pass of the default automaton over the same normalised text.
//!
//! ```sh
//! cargo bench --bench extract             # everything, a few minutes
//! cargo bench --bench extract -- 100KB    # one size
//! cargo bench --bench extract -- extract  # one stage at every size
//! ```
//!
//! Each stage is timed on the output of the stages before it (computed once,
//! outside the timed loop), through the public entry points `Extractor::extract`
//! runs, in the same order, on the whole text; the set-up checks that these stages
//! together give the same mentions and quotes as `Extractor::extract` reading the
//! text in one piece. (`extract` itself reads a text over `gazette::SECTION_BYTES`,
//! the 10 MB case, in sections.) Every timed loop asserts the
//! count it produced (tokens, sentences, hits, candidates, mentions, quotes,
//! automaton matches), so a fast wrong answer cannot pass. Criterion reports MB/s
//! (decimal) for every case; `tools/bench_report.sh` turns the figures into
//! `BENCHMARKS.md`.

mod corpus;

use criterion::{
    criterion_group, criterion_main, BatchSize, BenchmarkGroup, Criterion, SamplingMode, Throughput,
};
use gazette::gazetteer::{Gazetteer, ListMatch, Normalized};
use gazette::quotes::{find_quotes, QuoteInput};
use gazette::resolve::Candidate;
use gazette::segment::{segment, Segmentation};
use gazette::tokenize::{tokenize, Token};
use gazette::{Entity, Extractor, Mention};
use std::hint::black_box;
use std::time::Duration;

/// The sizes measured, with a label, and the criterion settings for each: small
/// inputs get many samples, the 10 MB case the fewest criterion allows, in flat
/// sampling (every sample the same number of iterations).
const SIZES: &[(&str, usize, usize, u64)] = &[
    // (label, bytes, samples, measurement seconds)
    ("1KB", 1_000, 50, 2),
    ("100KB", 100_000, 20, 3),
    ("10MB", 10_000_000, 10, 10),
];

/// The extractor whose stages are measured.
struct Resources {
    extractor: Extractor,
}

impl Resources {
    fn new() -> Resources {
        Resources { extractor: Extractor::new() }
    }

    fn gazetteer(&self) -> &Gazetteer {
        self.extractor.gazetteer()
    }
}

/// The output of every stage for one text, computed once.
struct Stages {
    tokens: Vec<Token>,
    segmentation: Segmentation,
    norm: Normalized,
    hits: Vec<ListMatch>,
    resolved: Vec<Candidate>,
    mentions: Vec<Mention>,
    entities: Vec<Entity>,
}

/// The entity rules stage: list hits and token patterns to resolved candidates,
/// through the extractor's own stage entry point.
fn entity_rules(
    r: &Resources,
    text: &str,
    tokens: &[Token],
    segmentation: &Segmentation,
    norm: &Normalized,
    hits: &[ListMatch],
) -> Vec<Candidate> {
    r.extractor.entity_rules(text, tokens, segmentation, norm, hits)
}

fn quote_count(text: &str, s: &Stages) -> usize {
    find_quotes(&QuoteInput {
        text,
        tokens: &s.tokens,
        segmentation: &s.segmentation,
        mentions: &s.mentions,
        entities: &s.entities,
    })
    .len()
}

impl Stages {
    fn new(r: &Resources, text: &str) -> Stages {
        let tokens = tokenize(text);
        let segmentation = segment(text, &tokens);
        let norm = Normalized::new(text, &tokens);
        let hits = r.gazetteer().find(text, &tokens, &norm);
        let resolved = entity_rules(r, text, &tokens, &segmentation, &norm, &hits);
        let (mentions, entities) = gazette::link::link(text, resolved.clone());
        let stages = Stages { tokens, segmentation, norm, hits, resolved, mentions, entities };
        // The stages run on the whole text; `Extractor::extract` reads a text over
        // `gazette::SECTION_BYTES` in sections, so compare with it reading in one piece.
        let whole = r.extractor.clone().with_section_bytes(usize::MAX).extract(text);
        let drift = stages.mentions.iter().zip(&whole.mentions).position(|(a, b)| a != b);
        assert!(
            stages.mentions.len() == whole.mentions.len() && drift.is_none(),
            "benches/extract.rs `entity_rules` no longer runs the stages as Extractor::extract does \
             ({} mentions against {}, first difference at mention {:?}): bring it in step with \
             src/extractor.rs",
            stages.mentions.len(),
            whole.mentions.len(),
            drift,
        );
        assert_eq!(
            quote_count(text, &stages),
            whole.quotes.len(),
            "the quote stage drifted from Extractor::extract"
        );
        stages
    }
}

/// One bare pass of the default automaton over the normalised text, the way
/// `Gazetteer::find_unanchored` searches it (unanchored, overlapping matches).
fn automaton_pass(gazetteer: &Gazetteer, normalized: &str) -> usize {
    use aho_corasick::automaton::Automaton;
    let ac = gazetteer.automaton().expect("the default gazetteer has an automaton");
    ac.try_find_overlapping_iter(aho_corasick::Input::new(normalized))
        .expect("the automaton supports unanchored overlapping search")
        .count()
}

fn bench_size(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, r: &Resources, text: &str) {
    let s = Stages::new(r, text);
    let gazetteer = r.gazetteer();
    let expected_tokens = s.tokens.len();
    let expected_sentences = s.segmentation.sentences.len();
    let expected_hits = s.hits.len();
    let expected_candidates = s.resolved.len();
    let expected_mentions = s.mentions.len();
    let expected_quotes = quote_count(text, &s);
    let expected_matches = automaton_pass(gazetteer, s.norm.as_str());
    assert!(expected_mentions > 0 && expected_quotes > 0 && expected_matches > 0);

    group.bench_function("tokenize", |b| {
        b.iter(|| assert_eq!(tokenize(black_box(text)).len(), expected_tokens))
    });
    group.bench_function("segment", |b| {
        b.iter(|| assert_eq!(segment(black_box(text), &s.tokens).sentences.len(), expected_sentences))
    });
    group.bench_function("gazetteer", |b| {
        b.iter(|| {
            let norm = Normalized::new(black_box(text), &s.tokens);
            assert_eq!(gazetteer.find(text, &s.tokens, &norm).len(), expected_hits)
        })
    });
    group.bench_function("entity_rules", |b| {
        b.iter(|| {
            let resolved = entity_rules(r, black_box(text), &s.tokens, &s.segmentation, &s.norm, &s.hits);
            assert_eq!(resolved.len(), expected_candidates)
        })
    });
    group.bench_function("link", |b| {
        b.iter_batched(
            || s.resolved.clone(),
            |resolved| assert_eq!(gazette::link::link(black_box(text), resolved).0.len(), expected_mentions),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("quotes", |b| {
        b.iter(|| assert_eq!(quote_count(black_box(text), &s), expected_quotes))
    });
    // Over `gazette::SECTION_BYTES` (the 10 MB case), the full extract reads the text
    // in sections, as `Extractor::extract` does by default.
    let expected_extract = r.extractor.extract(text).mentions.len();
    group.bench_function("extract", |b| {
        b.iter(|| assert_eq!(r.extractor.extract(black_box(text)).mentions.len(), expected_extract))
    });
    if text.len() > gazette::SECTION_BYTES {
        // The same text read in one piece, for comparison.
        let whole = r.extractor.clone().with_section_bytes(usize::MAX);
        group.bench_function("extract_one_piece", |b| {
            b.iter(|| assert_eq!(whole.extract(black_box(text)).mentions.len(), expected_mentions))
        });
    }
    group.bench_function("aho_corasick", |b| {
        b.iter(|| assert_eq!(automaton_pass(gazetteer, black_box(s.norm.as_str())), expected_matches))
    });
}

fn benches(c: &mut Criterion) {
    let resources = Resources::new();
    for &(label, bytes, samples, seconds) in SIZES {
        let text = corpus::news_text(bytes);
        let mut group = c.benchmark_group(format!("news-{label}"));
        group.throughput(Throughput::BytesDecimal(text.len() as u64));
        group.sample_size(samples);
        group.measurement_time(Duration::from_secs(seconds));
        group.warm_up_time(Duration::from_secs(1));
        if bytes >= 1_000_000 {
            group.sampling_mode(SamplingMode::Flat);
        }
        bench_size(&mut group, &resources, &text);
        group.finish();
    }
}

criterion_group!(all, benches);
criterion_main!(all);
