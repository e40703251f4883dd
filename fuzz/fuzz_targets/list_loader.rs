//! Fuzz the list loader: any bytes as a user list must give a list or an error
//! naming the list and a line, never a panic; a list that loads must then work on a
//! text (the part of the input after the first NUL byte), holding every invariant
//! of `tests/support/invariants.rs`.

#![no_main]

#[path = "../../tests/support/invariants.rs"]
mod invariants;

use gazette::gazetteer::List;
use gazette::Extractor;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (list_bytes, text_bytes) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b""[..]),
    };
    // Invalid UTF-8 is the file loader's business (an error naming the file); lists
    // reach the parser as text.
    let Ok(tsv) = std::str::from_utf8(list_bytes) else { return };
    let line_count = tsv.lines().count();
    match List::parse("fuzz.tsv", tsv) {
        Ok(list) => assert!(list.entries.iter().all(|e| e.line >= 1 && e.line <= line_count)),
        Err(e) => {
            assert_eq!(e.file(), Some("fuzz.tsv"));
            let line = e.line().expect("a parse error names its line");
            assert!(line >= 1 && line <= line_count, "line {line} of {line_count}");
            assert!(e.to_string().starts_with(&format!("fuzz.tsv:{line}: ")), "{e}");
        }
    }
    // The embedded lists are left out: they are the same every time and slow to build.
    let built = Extractor::builder().embedded_lists(false).add_list("fuzz.tsv", tsv).build();
    if let Ok(extractor) = built {
        let text = String::from_utf8_lossy(text_bytes);
        let analysis = extractor.extract(&text);
        invariants::check(&text, &analysis);
    }
});
