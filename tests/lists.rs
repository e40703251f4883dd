//! User lists with mistakes: through `Extractor::builder().add_list(name, text)`,
//! `.add_list_file(path)` and the command line's `--list`. A bad line is an error
//! that names the list and the line; nothing panics or aborts the process.
//!
//! Duplicate entries with conflicting kinds ("Jordan" a country in one line, a
//! person in the next) are not an error: both entries are kept, and the resolver
//! decides as for any overlap (longest match, then priority: user lists over the
//! built-in lists over rules, then the earliest). Two entries for the same words in
//! user lists tie on all three, and the one listed first wins: the earlier line of
//! one list, the list added first across lists. The outcome is deterministic.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/invariants.rs"]
mod invariants;

use cli::Scratch;
use gazette::{EntityKind, Error, Extractor};
use std::path::Path;

fn build_text(tsv: &str) -> Result<Extractor, Error> {
    Extractor::builder().add_list("mine.tsv", tsv).build()
}

fn build_file(path: &Path) -> Result<Extractor, Error> {
    Extractor::builder().add_list_file(path).build()
}

/// Lists with one bad line (given as the second line) and a word the error must use.
const BAD_LINES: &[(&str, &str, &str)] = &[
    ("one column", "Acme Widgets", "columns"),
    ("six columns", "Acme\torganization\tAcme\ttype=company\texact\textra", "columns"),
    ("many columns", "a\tb\tc\td\te\tf\tg\th\ti\tj\tk", "columns"),
    ("empty name", "\torganization", "empty name"),
    ("blank name", "   \torganization\tAcme", "empty name"),
    ("name without a letter or digit", "...\tcountry", "empty name"),
    ("emoji-only name", "🇷🇺\tcountry", "empty name"),
    ("unknown kind", "Acme\tcompany", "unknown kind"),
    ("empty kind", "Acme\t", "unknown kind"),
    ("identifier without =", "Acme\torganization\tAcme\ttype", "key=value"),
    ("identifier with an empty value", "Acme\torganization\tAcme\ttype=", "empty key or value"),
    ("unknown flag", "Acme\torganization\tAcme\t\tloud", "unknown flag"),
    ("lone CR line ends", "Acme\torganization\rBeta\torganization", "unknown kind"),
];

#[test]
fn a_bad_line_is_an_error_naming_the_list_and_the_line() {
    for &(case, line, needle) in BAD_LINES {
        let tsv = format!("Good Name\tcountry\n{line}\nOther Name\tlocation\n");
        let err = build_text(&tsv).err().unwrap_or_else(|| panic!("{case}: accepted"));
        assert_eq!(err.file(), Some("mine.tsv"), "{case}");
        assert_eq!(err.line(), Some(2), "{case}: {err}");
        let message = err.to_string();
        assert!(message.starts_with("mine.tsv:2: "), "{case}: {message}");
        assert!(message.contains(needle), "{case}: {message:?} should say {needle:?}");
    }
}

#[test]
fn a_bad_line_in_a_file_names_the_path_and_the_line() {
    let scratch = Scratch::new("file");
    for (k, &(case, line, needle)) in BAD_LINES.iter().enumerate() {
        let path = scratch.file(&format!("list{k}.tsv"), format!("# header\n\n{line}\n").as_bytes());
        let err = build_file(&path).err().unwrap_or_else(|| panic!("{case}: accepted"));
        assert_eq!(err.file(), Some(path.display().to_string().as_str()), "{case}");
        assert_eq!(err.line(), Some(3), "{case}: {err}");
        assert!(err.to_string().contains(needle), "{case}: {err}");
    }
}

#[test]
fn line_numbers_count_comments_blank_lines_and_crlf() {
    let tsv = "# header\r\n\r\nAcme\torganization\r\n   \r\n# note\r\nbroken\r\n";
    let err = build_text(tsv).expect_err("line 6 is broken");
    assert_eq!(err.line(), Some(6), "{err}");
}

#[test]
fn a_ten_megabyte_line_is_an_error_naming_the_line() {
    let huge = "x".repeat(10 << 20);
    for tsv in [
        format!("Acme\torganization\n{huge}\tcountry\n"),
        format!("Acme\torganization\n{huge}\n"),
        format!("Acme\torganization\nAcme\torganization\tAcme\ttype={huge}\n"),
    ] {
        let started = std::time::Instant::now();
        let err = build_text(&tsv).expect_err("a 10 MB line is refused");
        assert_eq!((err.file(), err.line()), (Some("mine.tsv"), Some(2)), "{err}");
        assert!(err.to_string().contains("longer than"), "{err}");
        // Refused on sight, not after splitting or tokenizing the line (generous bound).
        assert!(started.elapsed().as_secs() < 10);
    }
    // A 10 MB comment or blank line is skipped like any other.
    let skipped = format!("#{huge}\n{}\nAcme\torganization\n", " ".repeat(10 << 20));
    let extractor = build_text(&skipped).expect("comments and blank lines of any length are skipped");
    assert_eq!(extractor.extract("Acme hired.").entities[0].name, "Acme");
}

#[test]
fn a_ten_megabyte_line_in_a_file_names_the_path_and_the_line() {
    let scratch = Scratch::new("huge");
    let mut bytes = b"# big\nAcme\torganization\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'y', 10 << 20));
    bytes.extend_from_slice(b"\tcountry\n");
    let path = scratch.file("huge.tsv", &bytes);
    let err = build_file(&path).expect_err("refused");
    assert_eq!(err.line(), Some(3), "{err}");
    assert!(err.to_string().starts_with(&format!("{}:3: ", path.display())), "{err}");
}

#[test]
fn an_invalid_utf8_file_is_an_error_naming_the_file_and_the_line() {
    let scratch = Scratch::new("utf8");
    for (name, bytes, line) in [
        ("latin1.tsv", &b"# cities\nAcme\torganization\nS\xe3o Paulo\tlocation\n"[..], 3),
        ("truncated.tsv", &b"Acme\torganization\n\xe2\x80"[..], 2),
        ("utf16.tsv", &b"\xff\xfeA\x00c\x00m\x00e\x00"[..], 1),
    ] {
        let path = scratch.file(name, bytes);
        let err = build_file(&path).err().unwrap_or_else(|| panic!("{name}: accepted"));
        assert_eq!(err.file(), Some(path.display().to_string().as_str()));
        assert_eq!(err.line(), Some(line), "{err}");
        assert!(err.to_string().starts_with(&format!("{}:{line}: ", path.display())), "{err}");
        assert!(err.to_string().contains("UTF-8"), "{err}");
    }
}

#[test]
fn unreadable_list_files_are_errors_naming_the_file() {
    let scratch = Scratch::new("unreadable");
    let missing = scratch.0.join("missing.tsv");
    let directory = scratch.0.clone();
    for path in [missing, directory] {
        let err = build_file(&path).expect_err("refused");
        assert_eq!(err.file(), Some(path.display().to_string().as_str()));
        assert_eq!(err.line(), None);
    }
}

#[test]
fn a_byte_order_mark_does_not_break_the_first_line() {
    let extractor = build_text("\u{feff}# exported from a spreadsheet\nAcme Widgets\torganization\tAcme\n")
        .expect("a list with a byte-order mark loads");
    assert_eq!(extractor.extract("Acme Widgets hired.").entities[0].name, "Acme");
    let extractor = build_text("\u{feff}Acme Widgets\torganization\tAcme\n").expect("loads");
    assert_eq!(extractor.extract("Acme Widgets hired.").entities[0].name, "Acme");
}

#[test]
fn duplicates_with_conflicting_kinds_are_kept_and_the_first_listed_wins() {
    let text = "Jordan met officials in Amman on Monday.";
    let kind_of_jordan = |extractor: &Extractor| {
        let analysis = extractor.extract(text);
        invariants::check(text, &analysis);
        let mention = analysis.mentions.iter().find(|m| m.span.text(text) == "Jordan").expect("Jordan found");
        (mention.kind, mention.found_by.to_string())
    };
    // Within one list: the earlier line.
    let country_first =
        build_text("Jordan\tcountry\nJordan\tperson\tJordan Smith\n").expect("duplicates load");
    assert_eq!(kind_of_jordan(&country_first), (EntityKind::Country, "list:mine.tsv".to_string()));
    let person_first =
        build_text("Jordan\tperson\tJordan Smith\nJordan\tcountry\n").expect("duplicates load");
    assert_eq!(kind_of_jordan(&person_first), (EntityKind::Person, "list:mine.tsv".to_string()));
    // Across lists: the list added first.
    let across = Extractor::builder()
        .add_list("a.tsv", "Jordan\tperson\tJordan Smith\n")
        .add_list("b.tsv", "Jordan\tcountry\n")
        .build()
        .expect("lists load");
    assert_eq!(kind_of_jordan(&across), (EntityKind::Person, "list:a.tsv".to_string()));
    // Exact duplicates and same-kind duplicates with different canonical names load too.
    let same = build_text(
        "Acme\torganization\tAcme Inc\nAcme\torganization\tAcme Ltd\nAcme\torganization\tAcme Inc\n",
    )
    .expect("duplicates load");
    assert_eq!(same.extract("Acme hired.").entities[0].name, "Acme Inc");
}

#[test]
fn duplicates_resolve_the_same_way_every_time() {
    let tsv = "Jordan\tcountry\nJordan\tperson\nJordan\tlocation\tJordan Valley\nJordan\torganization\n\
               Georgia\tlocation\t\t\tweak\nGeorgia\tperson\nGeorgia\tcountry\tGeorgia\tiso2=GE\n";
    let text = "Jordan told Georgia that Jordan and Georgia would meet in Jordan, Georgia said.";
    let first = build_text(tsv).expect("loads").extract(text);
    invariants::check(text, &first);
    for _ in 0..5 {
        assert_eq!(build_text(tsv).expect("loads").extract(text), first);
    }
}

#[test]
fn odd_but_valid_names_load_and_extraction_holds_its_invariants() {
    let tsv = "\"Quoted\" Name\torganization\n\
               ’s Company\torganization\n\
               U.S.-led Group\torganization\n\
               Ka\u{301}bul\tlocation\n\
               \u{0}Nul Corp\torganization\n\
               x\tperson\n\
               The\tcountry\n\
               a b c d e f g h i j k l m n o p q r s t u v w x y z\tlocation\n\
               قطر الجديدة\tlocation\n\
               Co-op--Group\torganization\n";
    let extractor = build_text(tsv).expect("odd names are names");
    let text = "\"Quoted\" Name and ’s Company met the U.S.-led Group in Ka\u{301}bul. \u{0}Nul Corp, x and The \
                a b c d e f g h i j k l m n o p q r s t u v w x y z said قطر الجديدة and Co-op--Group agreed.";
    invariants::check(text, &extractor.extract(text));
}

#[test]
fn no_list_text_makes_the_builder_panic() {
    // Every line of BAD_LINES, every odd name, in every position: an error or a
    // list, never a panic.
    let mut pieces: Vec<String> = BAD_LINES.iter().map(|(_, line, _)| line.to_string()).collect();
    pieces.extend(
        [
            "",
            "#",
            "\t",
            "\t\t\t\t",
            "a\tcountry",
            "the \tcountry",
            "the\tcountry",
            "\u{feff}",
            "\r",
            "\0\tperson",
        ]
        .map(String::from),
    );
    for a in &pieces {
        for b in &pieces {
            let tsv = format!("{a}\n{b}\n");
            // Without the embedded lists: they are the same every time and slow to build.
            let built = std::panic::catch_unwind(|| {
                let mut builder = Extractor::builder();
                builder.embedded_lists(false).add_list("mine.tsv", &tsv);
                builder.build().map(|x| x.extract("A country said."))
            });
            assert!(built.is_ok(), "panicked on {tsv:?}");
        }
    }
}

fn gazette(args: &[&str]) -> std::process::Output {
    cli::command(args).output().expect("gazette runs")
}

#[test]
fn the_command_line_refuses_bad_lists_with_exit_code_2() {
    let scratch = Scratch::new("cli");
    let text = scratch.file("article.txt", b"Acme hired 40 people in Ghana.");
    let text = text.to_str().unwrap();
    let columns = scratch.file("columns.tsv", b"# mine\nAcme\torganization\nAcme Widgets\n");
    let latin1 = scratch.file("latin1.tsv", b"S\xe3o Paulo\tlocation\n");
    let mut huge = b"Acme\torganization\n".to_vec();
    huge.extend(std::iter::repeat_n(b'z', 10 << 20));
    let huge = scratch.file("huge.tsv", &huge);
    let missing = scratch.0.join("missing.tsv");
    for (list, expected) in [
        (&columns, format!("{}:3:", columns.display())),
        (&latin1, format!("{}:1:", latin1.display())),
        (&huge, format!("{}:2:", huge.display())),
        (&missing, format!("{}:", missing.display())),
        (&scratch.0, format!("{}:", scratch.0.display())),
    ] {
        let out = gazette(&["extract", "--list", list.to_str().unwrap(), text]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", list.display());
        assert!(stderr.contains(&expected), "{stderr:?} should contain {expected:?}");
        assert_eq!(stderr.lines().count(), 1, "one line of error: {stderr:?}");
        assert!(out.stdout.is_empty(), "no output with a bad list");
    }
    // A good list with duplicates is not an error.
    let duplicates = scratch.file("dup.tsv", b"Acme\torganization\nAcme\tperson\n");
    let out = gazette(&["extract", "--list", duplicates.to_str().unwrap(), text]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}
