//! Extract entities and quotations from a few megabytes of the bench corpus
//! (`benches/corpus.rs`) in one call, and print what was found: a steady workload
//! for profilers.
//!
//! ```sh
//! cargo build --release --example extract_corpus
//! valgrind --tool=callgrind target/release/examples/extract_corpus 1   # 1 MB
//! ```
//!
//! The argument is the size in megabytes (10^6 bytes, default 1).

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
    let text = corpus::news_text((megabytes * 1e6) as usize);
    let extractor = gazette::Extractor::new();
    let started = std::time::Instant::now();
    let analysis = extractor.extract(&text);
    let seconds = started.elapsed().as_secs_f64();
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
