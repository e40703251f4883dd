//! Long texts are read in sections (`Extractor::with_section_bytes`,
//! `gazette::SECTION_BYTES`): the result has the same offsets and the same entities
//! as reading the text in one piece, when no rule needs to see across a cut.

use gazette::{Analysis, Extractor};

/// A self-contained article in one paragraph (line breaks, no blank line):
/// every quotation names its speaker, and every short name follows its full name
/// in the same paragraph, so nothing in it refers to another article.
fn article(n: usize) -> String {
    let city = ["Kabul", "Moscow", "Nairobi", "Lima"][n % 4];
    format!(
        "TALKS RESUME IN {up}\n\
         {city} (Reuters) — Foreign Minister Amir Khan Muttaqi met Olena Kovalenko of the \
         United Nations in {city} on Monday, round {n} of the talks.\n\
         “We will not back down,” Muttaqi told reporters. “The border must stay open.”\n\
         Kovalenko said the World Health Organization would send doctors to Afghanistan \
         and Pakistan before the winter.\n\n",
        up = city.to_uppercase(),
    )
}

fn long_text(articles: usize) -> String {
    (0..articles).map(article).collect()
}

/// Fail with the first item that differs.
fn same_items<T: PartialEq + std::fmt::Debug>(what: &str, a: &[T], b: &[T]) {
    if let Some(i) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
        panic!("{what} {i} differs ({} against {}):\n{:?}\n{:?}", a.len(), b.len(), a.get(i), b.get(i));
    }
}

fn same(a: &Analysis, b: &Analysis) {
    same_items("paragraph", &a.paragraphs, &b.paragraphs);
    same_items("sentence", &a.sentences, &b.sentences);
    same_items("mention", &a.mentions, &b.mentions);
    same_items("entity", &a.entities, &b.entities);
    same_items("quote", &a.quotes, &b.quotes);
}

#[test]
fn sections_give_what_one_piece_gives() {
    let text = long_text(40);
    let whole = Extractor::new().with_section_bytes(usize::MAX).extract(&text);
    assert!(whole.quotes.len() >= 40 && whole.mentions.len() >= 200, "{} quotes", whole.quotes.len());
    for size in [700, 1500, 4000, text.len() / 2] {
        let cuts = gazette::sections(&text, size);
        assert!(cuts.len() > 1, "{size}: one section");
        same(&Extractor::new().with_section_bytes(size).extract(&text), &whole);
    }
}

#[test]
fn cuts_fall_at_paragraph_breaks() {
    let text = long_text(12);
    for r in gazette::sections(&text, 1000).iter().skip(1) {
        assert!(
            text[r.clone()].starts_with("\n\nTALKS"),
            "cut at {}: {:?}",
            r.start,
            &text[r.start..r.start + 20]
        );
    }
}

#[test]
fn entities_are_linked_across_sections() {
    // "Muttaqi" as a speaker, 4 KB after the full name, joins the full name's entity.
    let text = format!(
        "Foreign Minister Amir Khan Muttaqi arrived.\n\n{}“We will stay,” Muttaqi told reporters.",
        "The talks went on.\n\n".repeat(200)
    );
    assert!(gazette::sections(&text, 1000).len() > 2);
    let analysis = Extractor::new().with_section_bytes(1000).extract(&text);
    let people: Vec<_> = analysis.entities.iter().filter(|e| e.name.contains("Muttaqi")).collect();
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(people[0].mentions.len(), 2, "{people:?}");
    let quote = analysis.quotes.last().expect("the quotation is found");
    assert_eq!(
        quote.speaker_entity.map(|e| analysis.entities[e].name.as_str()),
        Some(people[0].name.as_str())
    );
}

#[test]
fn the_default_reads_short_texts_in_one_piece() {
    let text = long_text(3);
    assert!(text.len() < gazette::SECTION_BYTES);
    assert_eq!(gazette::sections(&text, gazette::SECTION_BYTES), vec![0..text.len()]);
    same(&Extractor::new().extract(&text), &Extractor::new().with_section_bytes(usize::MAX).extract(&text));
}
