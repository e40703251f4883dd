//! How the time of one `extract` call grows with the input: the bench text at 100 KB
//! and at 10 MB, timed in alternation in one process, so that both sizes see the same
//! machine (on a shared host the speed drifts by a third from one minute to the next,
//! and criterion times one size minutes after the other).
//!
//! ```sh
//! cargo run --release --example size_ratio            # 9 rounds
//! cargo run --release --example size_ratio -- 15      # 15 rounds
//! ```
//!
//! Each round times 100 calls on 100 KB, then one call on 10 MB, and prints the 10 MB
//! time over the 100 KB time per call; the last line gives the median of the rounds.
//! Both texts come from `benches/corpus.rs`, as in `cargo bench --bench extract`.

#[path = "../benches/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::time::Instant;

fn main() {
    let rounds: usize = match std::env::args().nth(1) {
        Some(arg) => arg.parse().ok().filter(|&n| n > 0).unwrap_or_else(|| {
            eprintln!("usage: size_ratio [ROUNDS]");
            std::process::exit(2)
        }),
        None => 9,
    };
    let small = corpus::news_text(100_000);
    let large = corpus::news_text(10_000_000);
    let extractor = gazette::Extractor::new();
    // Warm up: the lazily built tables, the allocator, the caches.
    for _ in 0..20 {
        black_box(extractor.extract(black_box(&small)));
    }
    black_box(extractor.extract(black_box(&large)));

    const SMALL_CALLS: u32 = 100;
    let mut ratios = Vec::with_capacity(rounds);
    for round in 1..=rounds {
        let started = Instant::now();
        for _ in 0..SMALL_CALLS {
            black_box(extractor.extract(black_box(&small)));
        }
        let per_small = started.elapsed().as_secs_f64() / f64::from(SMALL_CALLS);
        let started = Instant::now();
        black_box(extractor.extract(black_box(&large)));
        let per_large = started.elapsed().as_secs_f64();
        let ratio = per_large / per_small;
        println!(
            "round {round}: 100 KB {:.2} ms ({:.1} MB/s), 10 MB {:.1} ms ({:.1} MB/s), ratio {ratio:.1}x",
            per_small * 1e3,
            small.len() as f64 / 1e6 / per_small,
            per_large * 1e3,
            large.len() as f64 / 1e6 / per_large,
        );
        ratios.push(ratio);
    }
    ratios.sort_by(f64::total_cmp);
    let median = ratios[ratios.len() / 2];
    println!(
        "median of {rounds} rounds: 10 MB takes {median:.1}x the time of 100 KB ({:.1}x the bytes)",
        large.len() as f64 / small.len() as f64
    );
}
