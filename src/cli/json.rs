//! The full analysis as one line of JSON, written by hand.
//!
//! `gazette extract --jsonl` writes an output line about four times the size of its
//! input, and serde_json spent as long writing it as gazette spent finding what is in
//! it: every key went through its escaping loop, byte by byte, and every mention's
//! `found_by` was formatted into a new string. [`write_full_fields`] writes exactly the
//! fields `serde_json::to_string(&output::full(..))` writes (the tests compare the
//! two), with the keys as literals, numbers by hand, and strings copied whole when, as
//! nearly always, they have nothing to escape.

use gazette::{Analysis, FoundBy, Span};

/// Append the compact JSON of `output::full(text, bytes, shown, segments)` to `out`
/// (the tests' whole object; `--jsonl` puts an id in front of the fields).
#[cfg(test)]
pub fn write_full(out: &mut String, text: &str, bytes: &Analysis, shown: &Analysis, segments: bool) {
    out.push('{');
    write_full_fields(out, text, bytes, shown, segments);
    out.push('}');
}

/// The fields of the compact JSON of `output::full(text, bytes, shown, segments)`,
/// without the braces around them (`"offsets":...`), appended to `out`: `bytes` is the
/// analysis in byte offsets (for the texts), `shown` the same analysis in the offsets
/// written out.
pub fn write_full_fields(out: &mut String, text: &str, bytes: &Analysis, shown: &Analysis, segments: bool) {
    out.push_str("\"offsets\":\"");
    out.push_str(shown.offsets.as_str());
    out.push_str("\",\"entities\":");
    array(out, shown.entities.iter().enumerate(), |out, (id, e)| {
        out.push_str("{\"id\":");
        number(out, id);
        out.push_str(",\"kind\":\"");
        out.push_str(e.kind.as_str());
        out.push_str("\",\"name\":");
        string(out, &e.name);
        if !e.ids.is_empty() {
            out.push_str(",\"ids\":{");
            for (i, (key, value)) in e.ids.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(out, key);
                out.push(':');
                string(out, value);
            }
            out.push('}');
        }
        out.push_str(",\"mentions\":");
        array(out, &e.mentions, |out, &m| number(out, m));
        out.push('}');
    });
    out.push_str(",\"mentions\":");
    array(out, bytes.mentions.iter().zip(&shown.mentions), |out, (b, s)| {
        out.push('{');
        span_fields(out, text, b.span, s.span);
        out.push_str(",\"kind\":\"");
        out.push_str(s.kind.as_str());
        out.push_str("\",\"form\":\"");
        out.push_str(s.form.as_str());
        out.push_str("\",\"entity\":");
        number(out, s.entity);
        out.push_str(",\"found_by\":");
        match &s.found_by {
            FoundBy::List(name) => {
                // "list:" and the list's name, escaped as one string.
                out.push_str("\"list:");
                let quoted = out.len();
                string(out, name);
                out.remove(quoted);
            }
            FoundBy::Rule(rule) => {
                out.push_str("\"rule:");
                out.push_str(rule.as_str());
                out.push('"');
            }
        }
        out.push('}');
    });
    out.push_str(",\"quotes\":");
    array(out, bytes.quotes.iter().zip(&shown.quotes), |out, (b, s)| {
        out.push_str("{\"kind\":\"");
        out.push_str(s.kind.as_str());
        out.push_str("\",\"start\":");
        number(out, s.span.start);
        out.push_str(",\"end\":");
        number(out, s.span.end);
        out.push_str(",\"content\":");
        array(out, b.content.iter().zip(&s.content), |out, (bs, ss)| text_span(out, text, *bs, *ss));
        out.push_str(",\"speaker\":");
        match b.speaker.zip(s.speaker) {
            Some((bs, ss)) => text_span(out, text, bs, ss),
            None => out.push_str("null"),
        }
        out.push_str(",\"speaker_entity\":");
        match s.speaker_entity {
            Some(entity) => number(out, entity),
            None => out.push_str("null"),
        }
        out.push_str(",\"speaker_name\":");
        match s.speaker_entity.and_then(|i| shown.entities.get(i)) {
            Some(entity) => string(out, &entity.name),
            None => out.push_str("null"),
        }
        out.push_str(",\"cue\":");
        match b.cue.zip(s.cue) {
            Some((bs, ss)) => text_span(out, text, bs, ss),
            None => out.push_str("null"),
        }
        out.push('}');
    });
    if segments {
        let pair = |out: &mut String, span: &Span| {
            out.push('[');
            number(out, span.start);
            out.push(',');
            number(out, span.end);
            out.push(']');
        };
        out.push_str(",\"paragraphs\":");
        array(out, &shown.paragraphs, pair);
        out.push_str(",\"sentences\":");
        array(out, &shown.sentences, pair);
    }
}

/// `[item,item,...]`, each item written by `write`.
#[inline(always)]
fn array<T>(out: &mut String, items: impl IntoIterator<Item = T>, mut write: impl FnMut(&mut String, T)) {
    out.push('[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(out, item);
    }
    out.push(']');
}

/// `{"start":..,"end":..,"text":..}`: the offsets shown, the text at the byte span.
fn text_span(out: &mut String, text: &str, byte_span: Span, shown: Span) {
    out.push('{');
    span_fields(out, text, byte_span, shown);
    out.push('}');
}

/// `"start":..,"end":..,"text":..`, as in [`text_span`] (and a mention).
fn span_fields(out: &mut String, text: &str, byte_span: Span, shown: Span) {
    out.push_str("\"start\":");
    number(out, shown.start);
    out.push_str(",\"end\":");
    number(out, shown.end);
    out.push_str(",\"text\":");
    string(out, byte_span.text(text));
}

/// A number in decimal.
fn number(out: &mut String, mut n: usize) {
    if n < 10 {
        out.push(char::from(b'0' + n as u8));
        return;
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    while n > 0 {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// A JSON string, escaped as serde_json escapes it: `"` and `\` with a backslash,
/// the control characters U+0000 to U+001F as `\b \t \n \f \r` or `\u00XX` (lower-case
/// hex), everything else as it is.
fn string(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut from = 0;
    // Eight bytes at a time to the first one that needs escaping, if any.
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            if !needs_escape(u64::from_le_bytes(word)) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            b'\t' => "\\t",
            b'\n' => "\\n",
            0x0C => "\\f",
            b'\r' => "\\r",
            0x00..=0x1F => "",
            _ => {
                i += 1;
                continue;
            }
        };
        // `b` is ASCII, so `from..i` and `i + 1..` lie on character boundaries.
        out.push_str(&s[from..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        } else {
            out.push_str(escape);
        }
        i += 1;
        from = i;
    }
    out.push_str(&s[from..]);
    out.push('"');
}

/// Whether any of the eight bytes of `word` is a control character (below 0x20), `"`
/// or `\` (the usual has-zero-byte test on the word itself and on it xor'ed with each
/// of the two marks; it may only err towards yes, and the caller then looks byte by byte).
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |w: u64, n: u64| w.wrapping_sub(ONES * n) & !w & HIGHS;
    below(word, 0x20) != 0
        || below(word ^ (ONES * u64::from(b'"')), 1) != 0
        || below(word ^ (ONES * u64::from(b'\\')), 1) != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::output;
    use gazette::{Extractor, MentionForm, OffsetUnit};

    fn serde_string(s: &str) -> String {
        serde_json::to_string(s).unwrap()
    }

    fn ours(s: &str) -> String {
        let mut out = String::new();
        string(&mut out, s);
        out
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all_ascii = String::new();
        for b in 0u8..0x80 {
            all_ascii.push(char::from(b));
        }
        for s in [
            "",
            "plain",
            "exactly8",
            "sixteen bytes ok",
            all_ascii.as_str(),
            "\"Quoted,\" he said \\ and \u{7f} left",
            "tab\there\nnewline\r\u{c}\u{8}\u{0}\u{1f}",
            "Zürich — «Straße» 東京 \u{2028} 🙂",
            "long text without anything to escape in it, longer than eight bytes",
            "\"\"\"\"\"\"\"\"\"",
        ] {
            assert_eq!(ours(s), serde_string(s), "{s:?}");
        }
        // Every byte at every position of a chunk.
        for b in 0u8..0x80 {
            for at in 0..10 {
                let mut s = "abcdefghij".to_string();
                s.replace_range(at..at + 1, &char::from(b).to_string());
                assert_eq!(ours(&s), serde_string(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn the_escape_test_finds_every_byte_that_needs_it() {
        for b in 0u8..=255 {
            for at in 0..8 {
                let mut word = *b"abcdefgh";
                word[at] = b;
                let needs = b < 0x20 || b == b'"' || b == b'\\';
                if needs {
                    assert!(needs_escape(u64::from_le_bytes(word)), "byte {b:#x} at {at}");
                }
            }
        }
        assert!(!needs_escape(u64::from_le_bytes(*b"abcdefgh")));
        assert!(!needs_escape(u64::from_le_bytes("Zürich!".as_bytes().try_into().unwrap())));
    }

    #[test]
    fn numbers_are_decimal() {
        for n in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            let mut out = String::new();
            number(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn names_of_forms_and_units_are_serde_names() {
        for form in [MentionForm::Name, MentionForm::Demonym, MentionForm::Modifier] {
            assert_eq!(serde_json::to_string(&form).unwrap(), format!("\"{}\"", form.as_str()));
        }
        for unit in [OffsetUnit::Bytes, OffsetUnit::Chars] {
            assert_eq!(serde_json::to_string(&unit).unwrap(), format!("\"{}\"", unit.as_str()));
        }
    }

    /// Text with names, quotations, cue verbs and the characters JSON escapes.
    fn newsish() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("Russia"),
            Just("Sergei Lavrov"),
            Just("the United Nations"),
            Just("Afghans"),
            Just("U.S.-led"),
            Just(" said "),
            Just(" told reporters "),
            Just("\""),
            Just("“"),
            Just("”"),
            Just("'"),
            Just("\\"),
            Just("\t"),
            Just("\u{0}"),
            Just("\u{1b}"),
            Just("\r\n"),
            Just("\n\n"),
            Just(". "),
            Just(", "),
            Just(" "),
        ]
        .prop_map(str::to_string);
        let any = prop_oneof![piece, "[A-Z][a-z]{0,8}", "\\PC{1,3}", any::<String>()];
        proptest::collection::vec(any, 0..40).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(s in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(ours(&s), serde_string(&s));
        }

        #[test]
        fn any_text_is_written_as_serde_json_writes_it(text in newsish(), chars in proptest::prelude::any::<bool>(), segments in proptest::prelude::any::<bool>()) {
            static EXTRACTOR: once_cell::sync::Lazy<Extractor> = once_cell::sync::Lazy::new(Extractor::new);
            let bytes = EXTRACTOR.extract(&text);
            let shown = if chars { bytes.clone().to_char_offsets(&text) } else { bytes.clone() };
            let expected = serde_json::to_string(&output::full(&text, &bytes, &shown, segments)).unwrap();
            let mut got = String::new();
            write_full(&mut got, &text, &bytes, &shown, segments);
            proptest::prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn full_output_is_what_serde_json_writes() {
        let extractor = Extractor::new();
        let mut lists = gazette::Extractor::builder();
        lists.add_list("my \"desk\"\\list", "Acme Widgets\torganization\tAcme \"Widgets\"\tx=a\\b;cc=US\n");
        let with_list = lists.build().unwrap();
        let texts = [
            "",
            "No names here.",
            "MOSCOW (Reuters) - Russia recognised the Taliban government on Thursday, the first \
             country to do so. \"This is a historic step,\" Foreign Minister Sergei Lavrov said.\n\n\
             The U.S.-led coalition said it was \"deeply concerned\". Afghans in Kabul celebrated.\n\
             Zürich-based analysts said that the move \u{201c}changes nothing\u{201d}, Merkel told reporters.",
            "\u{0}\u{1f}\"Weird\\ \t input,\" said Acme Widgets.\r\n'Quiet,' she said.",
        ];
        for text in texts {
            for extractor in [&extractor, &with_list] {
                let bytes = extractor.extract(text);
                let chars = bytes.clone().to_char_offsets(text);
                for shown in [&bytes, &chars] {
                    for segments in [false, true] {
                        let expected =
                            serde_json::to_string(&output::full(text, &bytes, shown, segments)).unwrap();
                        let mut got = String::new();
                        write_full(&mut got, text, &bytes, shown, segments);
                        assert_eq!(got, expected, "{text:?}");
                    }
                }
            }
        }
    }
}
