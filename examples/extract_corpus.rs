//! Extract entities and quotations from a few megabytes of the bench corpus
//! (`benches/corpus.rs`) in one call, and print what was found: a steady workload
//! for profilers.
//!
//! ```sh
//! cargo build --release --example extract_corpus
//! valgrind --tool=callgrind target/release/examples/extract_corpus 1   # 1 MB
//! ```
//!
//! The first argument is the size in megabytes (10^6 bytes, default 1); the second,
//! how many times to extract it (default 1), for sampling profilers such as
//! `perf record target/release/examples/extract_corpus 0.1 200`.

#[path = "../benches/corpus.rs"]
mod corpus;

fn main() {
    let megabytes: f64 = match std::env::args().nth(1) {
        Some(arg) => arg.parse().unwrap_or_else(|_| {
            eprintln!("usage: extract_corpus [MEGABYTES]");
            std::process::exit(2)
        }),
        None => 1.0,
    };
    let repeats: u32 = match std::env::args().nth(2) {
        Some(arg) => arg.parse().ok().filter(|&n| n > 0).unwrap_or_else(|| {
            eprintln!("usage: extract_corpus [MEGABYTES] [REPEATS]");
            std::process::exit(2)
        }),
        None => 1,
    };
    let text = corpus::news_text((megabytes * 1e6) as usize);
    let extractor = gazette::Extractor::new();
    let started = std::time::Instant::now();
    let mut analysis = extractor.extract(&text);
    for _ in 1..repeats {
        analysis = extractor.extract(std::hint::black_box(&text));
    }
    let seconds = started.elapsed().as_secs_f64() / f64::from(repeats);
    println!(
        "{} bytes: {} mentions, {} entities, {} quotes in {:.1} ms ({:.1} MB/s)",
        text.len(),
        analysis.mentions.len(),
        analysis.entities.len(),
        analysis.quotes.len(),
        seconds * 1e3,
        text.len() as f64 / 1e6 / seconds
    );
}
