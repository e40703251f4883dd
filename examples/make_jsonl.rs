//! Write a JSON Lines file of generated news articles (`{"id": N, "text": ...}` per
//! line) for measuring `gazette extract --jsonl`; the articles are those of the bench
//! corpus (`benches/corpus.rs`: deterministic, license-clean).
//!
//! ```sh
//! cargo run --release --example make_jsonl -- 100 > /tmp/news-100MB.jsonl   # ~100 MB
//! ```
//!
//! The argument is the size in megabytes (10^6 bytes, default 100); the output stops
//! at the first whole line past it.

#[path = "../benches/corpus.rs"]
mod corpus;

use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let megabytes: f64 = match std::env::args().nth(1) {
        Some(arg) => arg.parse().unwrap_or_else(|_| {
            eprintln!("usage: make_jsonl [MEGABYTES]");
            std::process::exit(2)
        }),
        None => 100.0,
    };
    let limit = (megabytes * 1e6) as usize;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut written = 0;
    for (id, article) in corpus::Articles::new().enumerate() {
        if written >= limit {
            break;
        }
        let line = serde_json::json!({ "id": id, "text": article.join("\n\n") }).to_string();
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        written += line.len() + 1;
    }
    out.flush()
}
