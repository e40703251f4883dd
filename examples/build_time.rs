//! How long building the default extractor takes (cold start).
//!
//! ```sh
//! cargo run --release --example build_time
//! ```

fn main() {
    let start = std::time::Instant::now();
    let extractor = gazette::Extractor::builder().build().expect("embedded lists parse");
    let built = start.elapsed();
    println!(
        "default extractor: {} list entries, built in {:.1} ms",
        extractor.gazetteer().len(),
        built.as_secs_f64() * 1e3
    );
}
