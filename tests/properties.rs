//! Properties that hold for any input, over arbitrary Unicode strings and over
//! generated news-like text: tokens tile the non-whitespace text, nothing panics,
//! every span lies inside the text on character boundaries, mentions are sorted
//! and disjoint and each belongs to exactly one entity, quote content lies inside
//! its quote span with the speaker and the cue outside it, and byte and code-point
//! offsets convert both ways (the checks are in `support/invariants.rs`, shared
//! with `tests/hostile.rs` and the fuzz targets).

#[path = "support/invariants.rs"]
mod invariants;

use gazette::segment::segment;
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

/// Names from the embedded lists and their parts, written in every case, between
/// other words: what the gazetteer's anchored search must find exactly as the
/// one-pass search does.
fn list_names_text() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        Just("New York"),
        Just("New York Times"),
        Just("York"),
        Just("al-Qaeda"),
        Just("al‐Qaeda"),
        Just("Islamic State"),
        Just("3M"),
        Just("Côte d’Ivoire"),
        Just("Saudi Arabia"),
        Just("United Nations"),
        Just("U.S."),
        Just("Bank of England"),
        Just("Wells Fargo"),
        Just("the"),
        Just("el"),
        Just("la"),
        Just("Rio de Janeiro"),
        Just("São Paulo"),
        Just("’s"),
        Just("-"),
    ];
    let case = 0..4u8;
    let piece = prop_oneof![
        (name, case).prop_map(|(n, c)| match c {
            0 => n.to_string(),
            1 => n.to_lowercase(),
            2 => n.to_uppercase(),
            _ => n
                .split(' ')
                .map(|w| {
                    let mut cs = w.chars();
                    cs.next().map_or(String::new(), |f| f.to_uppercase().chain(cs).collect())
                })
                .collect::<Vec<_>>()
                .join(" "),
        }),
        "[A-Za-z]{1,6}".prop_map(|s| s),
        Just("\n".to_string()),
        Just(", ".to_string()),
    ];
    proptest::collection::vec(piece, 0..30).prop_map(|v| v.join(" "))
}

/// News-like sentences built from the shapes the quotation and entity stages look
/// for: names with titles, speech verbs, quotations of every kind (balanced or not),
/// datelines, line breaks, CRLF, with stray Unicode in between.
fn news_article() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        Just("Amir Khan Muttaqi"),
        Just("Muttaqi"),
        Just("Olena Kovalenko"),
        Just("the minister"),
        Just("he"),
        Just("she"),
        Just("Foreign Minister Sergei Lavrov"),
        Just("a State Department spokeswoman"),
        Just("the United Nations"),
        Just("NATO"),
        Just("Russia’s Foreign Ministry"),
        Just("Mr. Smith"),
    ];
    let verb = prop_oneof![
        Just("said"),
        Just("told reporters"),
        Just("added"),
        Just("says"),
        Just("wrote"),
        Just("asked")
    ];
    let words = "[A-Za-z’' ,-]{0,40}";
    let open = prop_oneof![Just("\""), Just("“"), Just("‘"), Just("«"), Just("„"), Just("'"), Just("")];
    let close = prop_oneof![Just("\""), Just("”"), Just("’"), Just("»"), Just("“"), Just("'"), Just("")];
    let sentence = prop_oneof![
        // "...," X said.
        (open.clone(), words, close.clone(), name.clone(), verb.clone())
            .prop_map(|(o, w, c, n, v)| format!("{o}{w},{c} {n} {v}.")),
        // X said: "..."
        (name.clone(), verb.clone(), open.clone(), words, close.clone())
            .prop_map(|(n, v, o, w, c)| format!("{n} {v}: {o}{w}.{c}")),
        // "...," X said, "..."
        (open.clone(), words, close.clone(), name.clone(), verb.clone(), words)
            .prop_map(|(o, w, c, n, v, w2)| format!("{o}{w},{c} {n} {v}, {o}{w2}.{c}")),
        // Reported speech, with a quoted fragment sometimes.
        (name.clone(), verb.clone(), words, open, close)
            .prop_map(|(n, v, w, o, c)| format!("{n} {v} that {o}{w}{c} would follow.")),
        // According to X, ...
        (name, words).prop_map(|(n, w)| format!("According to {n}, {w}.")),
        Just("KABUL, Afghanistan (Reuters) — ".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        "\\PC{1,4}",
    ];
    proptest::collection::vec(sentence, 0..25).prop_map(|v| v.join(" "))
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

/// Sentences are in order, do not overlap, and each lies inside its paragraph.
fn check_segments(text: &str) {
    let tokens = tokenize(text);
    let seg = segment(text, &tokens);
    let mut last_end = 0;
    for s in &seg.sentences {
        assert!(s.span.start >= last_end && s.span.start < s.span.end, "sentences in order: {s:?}");
        let p = &seg.paragraphs[s.paragraph];
        assert!(p.span.contains(s.span), "sentence {s:?} outside its paragraph {p:?}");
        last_end = s.span.end;
    }
}

/// Sections tile the text in order, cut on character boundaries, no longer than
/// the size asked for (but for the end of a character when the size is tiny).
fn check_sections(text: &str, size: usize) {
    let sections = gazette::sections(text, size);
    assert_eq!(sections.first().map(|r| r.start), Some(0), "{sections:?}");
    assert_eq!(sections.last().map(|r| r.end), Some(text.len()), "{sections:?}");
    for pair in sections.windows(2) {
        assert_eq!(pair[0].end, pair[1].start, "{sections:?}");
    }
    for r in &sections {
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{r:?}");
        assert!(r.start < r.end || text.is_empty(), "empty section {r:?}");
        // Over the size only to reach the end of a character longer than half of it.
        let limit = if size.max(2) / 2 < 4 { size.max(2) + 3 } else { size };
        assert!(r.len() <= limit, "section {r:?} over {size} bytes");
    }
    if text.len() <= size.max(2) {
        assert_eq!(sections.len(), 1);
    }
}

/// Every character boundary converts to code points and back, and every code-point
/// offset to bytes and back.
fn check_offsets(text: &str) {
    let offsets = CharOffsets::new(text);
    let boundaries = text.char_indices().map(|(b, _)| b).chain([text.len()]);
    for (c, b) in boundaries.enumerate() {
        assert_eq!(offsets.to_char(b), c, "byte {b}");
        assert_eq!(offsets.to_byte(c), Some(b), "char {c}");
    }
    assert_eq!(offsets.to_byte(text.chars().count() + 1), None);
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
    fn sentences_nest_in_paragraphs(text in prop_oneof![any::<String>(), newsish(), news_article()]) {
        check_segments(&text);
    }

    #[test]
    fn offsets_convert_both_ways(text in prop_oneof![any::<String>(), newsish()]) {
        check_offsets(&text);
    }

    #[test]
    fn extract_never_panics_on_any_string(text in any::<String>()) {
        invariants::check(&text, &Extractor::new().extract(&text));
    }

    #[test]
    fn extract_holds_its_invariants_on_newsish_text(text in newsish()) {
        invariants::check(&text, &Extractor::new().extract(&text));
    }

    #[test]
    fn extract_holds_its_invariants_on_news_articles(text in news_article()) {
        invariants::check(&text, &Extractor::new().extract(&text));
    }

    #[test]
    fn anchored_list_search_finds_what_one_pass_finds(text in prop_oneof![list_names_text(), newsish()]) {
        let extractor = Extractor::new();
        let gazetteer = extractor.gazetteer();
        let tokens = tokenize(&text);
        let norm = gazette::gazetteer::Normalized::new(&text, &tokens);
        prop_assert_eq!(
            gazetteer.find(&text, &tokens, &norm),
            gazetteer.find_unanchored(&text, &tokens, &norm)
        );
    }

    #[test]
    fn sections_tile_any_string(text in any::<String>(), size in 0usize..48) {
        check_sections(&text, size);
    }

    #[test]
    fn sections_tile_news_articles(text in news_article(), size in 0usize..400) {
        check_sections(&text, size);
    }

    #[test]
    fn extract_in_sections_holds_its_invariants(text in prop_oneof![any::<String>(), news_article()], size in 1usize..300) {
        invariants::check(&text, &Extractor::new().with_section_bytes(size).extract(&text));
    }

    #[test]
    fn extract_is_deterministic(text in news_article()) {
        let extractor = Extractor::new();
        prop_assert_eq!(extractor.extract(&text), extractor.extract(&text));
    }
}
