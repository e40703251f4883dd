//! Properties that hold for any input: tokens tile the non-whitespace text, spans
//! sit on character boundaries, mentions are sorted and disjoint, nothing panics.

use gazette::tokenize::tokenize;
use gazette::{CharOffsets, Extractor};
use proptest::prelude::*;

/// Text that looks like news more often than random strings do.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Russia".to_string()),
        Just("U.S.".to_string()),
        Just("Afghanistan’s".to_string()),
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("'".to_string()),
        Just("’".to_string()),
        Just(" said ".to_string()),
        Just("Mr.".to_string()),
        Just("-".to_string()),
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just(". ".to_string()),
        Just(", ".to_string()),
        Just(" ".to_string()),
        "[A-Z][a-z]{0,8}",
        "[a-z]{1,8}",
        "\\PC{1,3}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn check_tokens(text: &str) {
    let tokens = tokenize(text);
    let mut covered = vec![false; text.len()];
    let mut last_end = 0;
    for t in &tokens {
        assert!(t.span.start >= last_end, "tokens in order, not overlapping");
        assert!(t.span.start < t.span.end, "no empty token");
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        covered[t.span.start..t.span.end].iter_mut().for_each(|c| *c = true);
        last_end = t.span.end;
    }
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() {
            assert!(covered[i], "non-whitespace {c:?} at {i} not in any token");
        }
    }
}

fn check_analysis(text: &str) {
    let analysis = Extractor::new().extract(text);
    let mut last_end = 0;
    for m in &analysis.mentions {
        assert!(m.span.start >= last_end, "mentions sorted and disjoint");
        assert!(
            m.span.end <= text.len()
                && text.is_char_boundary(m.span.start)
                && text.is_char_boundary(m.span.end)
        );
        assert!(analysis.entities[m.entity].mentions.iter().any(|&i| analysis.mentions[i].span == m.span));
        last_end = m.span.end;
    }
    for q in &analysis.quotes {
        for part in q.content.iter().chain(q.speaker.iter()).chain(q.cue.iter()).chain([&q.span]) {
            assert!(part.end <= text.len());
            assert!(text.is_char_boundary(part.start) && text.is_char_boundary(part.end));
        }
    }
    for s in analysis.sentences.iter().chain(&analysis.paragraphs) {
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }
    // Offsets convert to code points and back.
    let offsets = CharOffsets::new(text);
    for m in &analysis.mentions {
        let c = offsets.span_to_chars(m.span);
        assert_eq!(offsets.to_byte(c.start), Some(m.span.start));
        assert_eq!(offsets.to_byte(c.end), Some(m.span.end));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn tokens_tile_any_string(text in any::<String>()) {
        check_tokens(&text);
    }

    #[test]
    fn tokens_tile_newsish_text(text in newsish()) {
        check_tokens(&text);
    }

    #[test]
    fn extract_never_panics_on_any_string(text in any::<String>()) {
        check_analysis(&text);
    }

    #[test]
    fn extract_holds_its_invariants_on_newsish_text(text in newsish()) {
        check_analysis(&text);
    }
}
