//! The invariants every analysis holds, whatever the input. Shared by the property
//! tests, the hostile-input tests and the fuzz targets (`fuzz/`), so all three check
//! the same thing.

#![allow(dead_code)]

use gazette::{Analysis, CharOffsets, OffsetUnit, Span};

/// Panic with a description if `analysis` (byte offsets, made from `text`) breaks
/// an invariant:
///
/// - every span lies inside the text, on character boundaries;
/// - mentions are non-empty, sorted and non-overlapping;
/// - each mention belongs to exactly one entity (the one it names, which lists it);
/// - quote content lies inside its quote span; speaker and cue lie outside the content;
/// - byte and code-point offsets convert both ways (and `to_char_offsets` agrees).
pub fn check(text: &str, analysis: &Analysis) {
    let on_boundaries = |what: &str, s: Span| {
        assert!(s.start <= s.end && s.end <= text.len(), "{what} {s:?} outside the text ({})", text.len());
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{what} {s:?} not on char boundaries"
        );
    };
    assert_eq!(analysis.offsets, OffsetUnit::Bytes);
    for s in analysis.paragraphs.iter().chain(&analysis.sentences) {
        on_boundaries("paragraph or sentence", *s);
    }

    // Mentions: sorted, non-empty, disjoint, each in exactly one entity.
    let mut owners = vec![0usize; analysis.mentions.len()];
    for (e, entity) in analysis.entities.iter().enumerate() {
        assert!(!entity.mentions.is_empty(), "entity {e} ({:?}) has no mention", entity.name);
        for &m in &entity.mentions {
            assert!(m < analysis.mentions.len(), "entity {e} lists mention {m}, which does not exist");
            assert_eq!(analysis.mentions[m].entity, e, "entity {e} lists mention {m} of another entity");
            owners[m] += 1;
        }
    }
    let mut last_end = 0;
    for (i, m) in analysis.mentions.iter().enumerate() {
        on_boundaries("mention", m.span);
        assert!(!m.span.is_empty(), "mention {i} is empty");
        assert!(m.span.start >= last_end, "mention {i} {:?} overlaps or precedes the one before", m.span);
        last_end = m.span.end;
        assert!(m.entity < analysis.entities.len(), "mention {i} names a missing entity {}", m.entity);
        assert_eq!(owners[i], 1, "mention {i} is listed by {} entities", owners[i]);
    }

    // Quotes: content inside the span, speaker and cue outside the content.
    for (i, q) in analysis.quotes.iter().enumerate() {
        on_boundaries("quote span", q.span);
        for c in &q.content {
            on_boundaries("quote content", *c);
            assert!(q.span.contains(*c), "quote {i}: content {c:?} outside its span {:?}", q.span);
        }
        for (what, part) in [("speaker", q.speaker), ("cue", q.cue)] {
            let Some(part) = part else { continue };
            on_boundaries(what, part);
            for c in &q.content {
                assert!(!part.overlaps(*c), "quote {i}: {what} {part:?} overlaps the content {c:?}");
            }
        }
        if let Some(e) = q.speaker_entity {
            assert!(e < analysis.entities.len(), "quote {i}: speaker entity {e} does not exist");
        }
    }

    // Byte and code-point offsets convert both ways.
    let offsets = CharOffsets::new(text);
    let chars = analysis.clone().to_char_offsets(text);
    assert_eq!(chars.offsets, OffsetUnit::Chars);
    let mut pairs: Vec<(Span, Span)> = Vec::new();
    pairs.extend(analysis.paragraphs.iter().copied().zip(chars.paragraphs.iter().copied()));
    pairs.extend(analysis.sentences.iter().copied().zip(chars.sentences.iter().copied()));
    pairs.extend(analysis.mentions.iter().map(|m| m.span).zip(chars.mentions.iter().map(|m| m.span)));
    for (b, c) in analysis.quotes.iter().zip(&chars.quotes) {
        pairs.push((b.span, c.span));
        pairs.extend(b.content.iter().copied().zip(c.content.iter().copied()));
        pairs.extend(b.speaker.zip(c.speaker));
        pairs.extend(b.cue.zip(c.cue));
    }
    // Code points before each byte offset, counted directly (one pass).
    let mut chars_before = vec![usize::MAX; text.len() + 1];
    for (n, (b, _)) in text.char_indices().enumerate() {
        chars_before[b] = n;
    }
    chars_before[text.len()] = text.chars().count();
    for (b, c) in pairs {
        assert_eq!(c, offsets.span_to_chars(b), "to_char_offsets disagrees with CharOffsets");
        assert_eq!(c.start, chars_before[b.start], "byte {} to chars", b.start);
        assert_eq!(c.end, chars_before[b.end], "byte {} to chars", b.end);
        assert_eq!(offsets.to_byte(c.start), Some(b.start), "char {} back to bytes", c.start);
        assert_eq!(offsets.to_byte(c.end), Some(b.end), "char {} back to bytes", c.end);
    }
}
