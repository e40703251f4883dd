//! End-to-end and per-stage throughput on the generated news corpus (see corpus.rs).

mod corpus;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use gazette::tokenize::tokenize;
use gazette::Extractor;
use std::hint::black_box;

fn benches(c: &mut Criterion) {
    let extractor = Extractor::new();
    let mut group = c.benchmark_group("news");
    for &size in &[1_000usize, 100_000] {
        let text = corpus::news_text(size);
        let expected_tokens = tokenize(&text).len();
        let expected_mentions = extractor.extract(&text).mentions.len();
        assert!(expected_mentions > 0);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("tokenize", size), &text, |b, text| {
            b.iter(|| assert_eq!(tokenize(black_box(text)).len(), expected_tokens))
        });
        group.bench_with_input(BenchmarkId::new("extract", size), &text, |b, text| {
            b.iter(|| assert_eq!(extractor.extract(black_box(text)).mentions.len(), expected_mentions))
        });
    }
    group.finish();
}

criterion_group!(all, benches);
criterion_main!(all);
