//! Fuzz `Extractor::extract`: any bytes (as UTF-8, lossily) must give an analysis
//! that holds every invariant of `tests/support/invariants.rs`, without panicking,
//! read in one piece and in sections (the size of which the first byte chooses).

#![no_main]

#[path = "../../tests/support/invariants.rs"]
mod invariants;

use gazette::Extractor;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let analysis = Extractor::new().extract(&text);
    invariants::check(&text, &analysis);
    let section_bytes = usize::from(data.first().copied().unwrap_or(0)) + 1;
    let analysis = Extractor::new().with_section_bytes(section_bytes).extract(&text);
    invariants::check(&text, &analysis);
});
