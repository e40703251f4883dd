//! Reading gazetteer lists: the TSV format of `data/gazetteers/FORMAT.md`.

use crate::analysis::EntityKind;
use crate::error::Error;
use std::sync::Arc;

/// Shared `key=value` identifiers of an entry.
pub type Ids = Arc<[(String, String)]>;

/// What an entry of an entity list names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ListKind {
    /// A mention of an entity of this kind.
    Entity(EntityKind),
    /// A nationality word linked to a country.
    Demonym,
}

impl ListKind {
    /// Parse the `kind` column.
    pub fn from_name(name: &str) -> Option<ListKind> {
        if name == "demonym" {
            return Some(ListKind::Demonym);
        }
        EntityKind::from_name(name).map(ListKind::Entity)
    }

    /// The kind of the entity the entry belongs to (demonyms belong to countries).
    pub fn entity_kind(self) -> EntityKind {
        match self {
            ListKind::Entity(k) => k,
            ListKind::Demonym => EntityKind::Country,
        }
    }
}

/// One line of an entity list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListEntry {
    /// The surface form as written in text.
    pub name: String,
    /// What it names.
    pub kind: ListKind,
    /// The canonical name of the entity (the name itself when the column is empty).
    pub canonical: Arc<str>,
    /// `key=value` identifiers.
    pub ids: Arc<[(String, String)]>,
    /// Match only this exact capitalisation (or ALL CAPS).
    pub exact: bool,
    /// A name only with supporting context.
    pub weak: bool,
    /// 1-based line number in its list.
    pub line: usize,
}

/// A parsed entity list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// The list's name (file stem or the name given by the user).
    pub name: Arc<str>,
    /// Its entries in file order.
    pub entries: Vec<ListEntry>,
}

/// Longest line accepted in a list; anything longer is a mistake, not a name.
const MAX_LINE: usize = 4096;

impl List {
    /// Parse a list in the five-column TSV format (`name kind canonical ids flags`;
    /// the last three may be empty or missing; `#` starts a comment line).
    ///
    /// ```
    /// use gazette::gazetteer::List;
    /// let list = List::parse("mine", "# my list\nAcme Corp\torganization\tAcme\ttype=company\n")?;
    /// assert_eq!(list.entries.len(), 1);
    /// assert_eq!(&*list.entries[0].canonical, "Acme");
    /// # Ok::<(), gazette::Error>(())
    /// ```
    pub fn parse(name: &str, source: &str) -> Result<List, Error> {
        // A byte-order mark (lists saved by spreadsheet programs and Notepad) is not
        // part of the first line: it hid a header comment and made line 1 an error.
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        Ok(List { name: Arc::from(name), entries: List::parse_entries(name, source, 0)? })
    }

    /// Cut a list's text in two at the start of a line near byte `at` (after a
    /// byte-order mark, which is dropped): the two parts and the number of lines
    /// in the first. [`List::parse_entries`] parses the parts side by side; their
    /// entries one after the other are those of [`List::parse`].
    pub(crate) fn cut(source: &str, at: usize) -> (&str, &str, usize) {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let bytes = source.as_bytes();
        let at = at.min(bytes.len());
        let cut = bytes[at..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |i| at + i + 1);
        let (head, tail) = source.split_at(cut);
        (head, tail, head.bytes().filter(|&b| b == b'\n').count())
    }

    /// The entries of the lines of `source`, the text of list `name` after its
    /// first `lines_before` lines (for error messages and [`ListEntry::line`]).
    pub(crate) fn parse_entries(
        name: &str,
        source: &str,
        lines_before: usize,
    ) -> Result<Vec<ListEntry>, Error> {
        let lines = source.bytes().filter(|&b| b == b'\n').count() + 1;
        let mut entries: Vec<ListEntry> = Vec::with_capacity(lines);
        let shared_empty: Ids = Arc::from(Vec::new());
        // The entry before, and the identifier text it was read from.
        let mut last: Option<(usize, &str)> = None;
        // Identifiers being read, reused from line to line.
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (i, raw) in source.lines().enumerate() {
            let line_no = lines_before + i + 1;
            let line = raw.trim_end_matches(['\r', '\n']);
            if line.starts_with('#') || trim(line).is_empty() {
                continue;
            }
            if line.len() > MAX_LINE {
                return Err(Error::list_line(name, line_no, format!("line longer than {MAX_LINE} bytes")));
            }
            // Five columns at most; counted without allocating.
            let mut cols: [&str; 5] = [""; 5];
            let mut count = 0;
            for c in split_at(line, b'\t') {
                if count < 5 {
                    cols[count] = c;
                }
                count += 1;
            }
            let cols = &cols[..count.min(5)];
            if !(2..=5).contains(&count) {
                return Err(Error::list_line(
                    name,
                    line_no,
                    format!(
                        "expected 2 to 5 tab-separated columns (name, kind, canonical, ids, flags), found {}",
                        count
                    ),
                ));
            }
            // A lower-case article is not part of the name: "the Middle East" is
            // mentioned as "Middle East" ("The Hague" keeps its capital).
            let surface = trim(cols[0]);
            let surface = surface.strip_prefix("the ").unwrap_or(surface);
            if surface.is_empty() || !surface.chars().any(|c| c.is_alphanumeric()) {
                return Err(Error::list_line(name, line_no, "empty name"));
            }
            let kind = ListKind::from_name(trim(cols[1])).ok_or_else(|| {
                Error::list_line(
                    name,
                    line_no,
                    format!(
                        "unknown kind {:?} (expected person, organization, country, location or demonym)",
                        trim(cols[1])
                    ),
                )
            })?;
            let canonical_text = cols.get(2).map(|s| trim(s)).filter(|s| !s.is_empty()).unwrap_or(surface);
            let ids_text = cols.get(3).map(|s| trim(s)).unwrap_or("");
            // Consecutive rows of one entity share their strings.
            let shared = last.and_then(|(k, text)| {
                let e = entries.get(k)?;
                let same =
                    *e.canonical == *canonical_text && (text == ids_text || ids_match(&e.ids, ids_text));
                same.then(|| (e.canonical.clone(), e.ids.clone()))
            });
            let (canonical, ids) = match shared {
                Some(shared) => shared,
                None => {
                    let ids = if ids_text.is_empty() {
                        shared_empty.clone()
                    } else {
                        parse_ids(name, line_no, ids_text, &mut pairs)?
                    };
                    (Arc::<str>::from(canonical_text), ids)
                }
            };
            let mut exact = false;
            let mut weak = false;
            let flags = cols.get(4).map(|s| trim(s)).unwrap_or("");
            if !flags.is_empty() {
                for flag in split_at(flags, b',') {
                    match trim(flag) {
                        "" => {}
                        "exact" => exact = true,
                        "weak" => weak = true,
                        other => {
                            return Err(Error::list_line(
                                name,
                                line_no,
                                format!("unknown flag {other:?} (expected exact or weak)"),
                            ))
                        }
                    }
                }
            }
            last = Some((entries.len(), ids_text));
            entries.push(ListEntry {
                name: surface.to_string(),
                kind,
                canonical,
                ids,
                exact,
                weak,
                line: line_no,
            });
        }
        Ok(entries)
    }
}

/// `str::trim`, on bytes in the usual case (ASCII at both ends).
fn trim(s: &str) -> &str {
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r');
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut end = bytes.len();
    while start < end && is_space(bytes[start]) {
        start += 1;
    }
    while end > start && is_space(bytes[end - 1]) {
        end -= 1;
    }
    let trimmed = &s[start..end];
    let outside_ascii = |b: Option<&u8>| b.is_some_and(|b| !b.is_ascii());
    if outside_ascii(trimmed.as_bytes().first()) || outside_ascii(trimmed.as_bytes().last()) {
        // Whitespace outside ASCII (a no-break space) is whitespace too.
        trimmed.trim()
    } else {
        trimmed
    }
}

/// The pieces of `s` between the ASCII byte `separator`, as `str::split` gives them
/// (found with a byte loop: the pieces are short).
fn split_at(s: &str, separator: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == separator) {
            Some(i) => {
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// Split `key=value` at its first `=`.
fn split_key_value(part: &str) -> Option<(&str, &str)> {
    let i = part.bytes().position(|b| b == b'=')?;
    Some((part.get(..i)?, part.get(i + 1..)?))
}

fn ids_match(ids: &[(String, String)], text: &str) -> bool {
    let mut n = 0;
    for part in split_at(text, b';').filter(|p| !trim(p).is_empty()) {
        match split_key_value(part) {
            Some((k, v)) if ids.get(n).is_some_and(|(ik, iv)| ik == trim(k) && iv == trim(v)) => n += 1,
            _ => return false,
        }
    }
    n == ids.len()
}

/// Read `key=value;...` identifiers (with `pairs` as scratch space).
fn parse_ids(file: &str, line: usize, text: &str, pairs: &mut Vec<(String, String)>) -> Result<Ids, Error> {
    pairs.clear();
    for part in split_at(text, b';').filter(|p| !trim(p).is_empty()) {
        let (k, v) = split_key_value(part)
            .ok_or_else(|| Error::list_line(file, line, format!("identifier {part:?} is not key=value")))?;
        let (k, v) = (trim(k), trim(v));
        if k.is_empty() || v.is_empty() {
            return Err(Error::list_line(
                file,
                line,
                format!("identifier {part:?} has an empty key or value"),
            ));
        }
        pairs.push((k.to_string(), v.to_string()));
    }
    // One allocation of the right size (a drain has an exact length).
    Ok(pairs.drain(..).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_all_columns() {
        let l =
            List::parse("t", "Chad\tcountry\tChad\tiso2=TD;iso3=TCD\texact,weak\nKabul\tlocation\n").unwrap();
        assert_eq!(l.entries.len(), 2);
        let chad = &l.entries[0];
        assert!(chad.exact && chad.weak);
        assert_eq!(chad.ids.len(), 2);
        assert_eq!(&*l.entries[1].canonical, "Kabul");
        assert_eq!(l.entries[1].line, 2);
    }

    #[test]
    fn errors_name_file_and_line() {
        for (src, needle) in [
            ("ok\tcountry\nbad\n", "columns"),
            ("\tcountry\n", "empty name"),
            ("x\tplanet\n", "unknown kind"),
            ("x\tcountry\tX\tiso2\n", "key=value"),
            ("x\tcountry\tX\t\tloud\n", "unknown flag"),
            ("a\tb\tc\td\te\tf\n", "columns"),
        ] {
            let e = List::parse("f.tsv", src).unwrap_err();
            assert_eq!(e.file(), Some("f.tsv"));
            assert!(e.line().is_some());
            assert!(e.to_string().contains(needle), "{e} should mention {needle}");
        }
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        let l = List::parse("f", "\u{feff}# exported\nAcme\torganization\n").unwrap();
        assert_eq!(l.entries.len(), 1);
        assert_eq!(l.entries[0].name, "Acme");
        assert_eq!(l.entries[0].line, 2);
        let l = List::parse("f", "\u{feff}Acme\torganization\n").unwrap();
        assert_eq!(l.entries[0].name, "Acme");
    }

    #[test]
    fn a_list_cut_in_two_parses_as_a_whole() {
        let src = "\u{feff}# header\nChad\tcountry\tChad\tiso2=TD\nTchad\tcountry\tChad\tiso2=TD\n\nKabul\tlocation\n";
        let whole = List::parse("f", src).unwrap().entries;
        for at in 0..=src.len() + 1 {
            let (head, tail, lines) = List::cut(src, at);
            let mut parts = List::parse_entries("f", head, 0).unwrap();
            parts.extend(List::parse_entries("f", tail, lines).unwrap());
            assert_eq!(parts, whole, "cut at {at}");
        }
        let bad = "Chad\tcountry\nKabul\tplace\n";
        let (head, tail, lines) = List::cut(bad, 3);
        assert!(List::parse_entries("f", head, 0).is_ok());
        assert_eq!(List::parse_entries("f", tail, lines).unwrap_err().line(), Some(2));
    }

    #[test]
    fn long_line_is_an_error() {
        let src = format!("{}\tcountry\n", "a".repeat(10_000));
        assert!(List::parse("f", &src).unwrap_err().to_string().contains("longer"));
    }
}
