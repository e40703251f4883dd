//! `gazette extract`: plain text files or JSON Lines in, JSON out.

use super::{build_extractor, output, ExtractArgs, Format, Offsets, EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use gazette::Extractor;
use serde_json::{json, Value};
use std::io::{self, BufRead, BufWriter, Write};

pub fn run(args: &ExtractArgs) -> i32 {
    let extractor = match build_extractor(&args.lists) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("gazette: {e}");
            return EXIT_USAGE;
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut code = EXIT_OK;
    let result = if args.files.is_empty() {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        process_input(&extractor, args, &mut input, "<stdin>", &mut out, &mut code)
    } else {
        let many = args.files.len() > 1 && !args.jsonl;
        if many {
            let _ = writeln!(out, "[");
        }
        let mut first = true;
        let mut r = Ok(());
        for path in &args.files {
            let file = match std::fs::File::open(path) {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("gazette: {}: {e}", path.display());
                    code = EXIT_INPUT;
                    continue;
                }
            };
            let mut input = io::BufReader::new(file);
            let shown = path.display().to_string();
            r = if many {
                process_many_member(&extractor, args, &mut input, &shown, &mut out, &mut code, &mut first)
            } else {
                process_input(&extractor, args, &mut input, &shown, &mut out, &mut code)
            };
            if r.is_err() {
                break;
            }
        }
        if many && r.is_ok() {
            let _ = writeln!(out, "\n]");
        }
        r
    };
    match result.and_then(|_| out.flush()) {
        Ok(()) => code,
        // A closed pipe (`gazette extract ... | head -1`) is a normal way to stop.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            eprintln!("gazette: cannot write output: {e}");
            EXIT_INPUT
        }
    }
}

/// One file among several: an element of the output array, tagged with its file.
fn process_many_member(
    extractor: &Extractor,
    args: &ExtractArgs,
    input: &mut dyn BufRead,
    name: &str,
    out: &mut dyn Write,
    code: &mut i32,
    first: &mut bool,
) -> io::Result<()> {
    let Some(text) = read_text(input, name, code) else { return Ok(()) };
    let mut value = analyse(extractor, args, &text);
    if let Value::Object(map) = &mut value {
        let mut tagged = serde_json::Map::new();
        tagged.insert("file".into(), Value::String(name.to_string()));
        tagged.extend(std::mem::take(map));
        *map = tagged;
    }
    if !*first {
        writeln!(out, ",")?;
    }
    *first = false;
    write!(out, "{}", to_pretty(&value))
}

fn process_input(
    extractor: &Extractor,
    args: &ExtractArgs,
    input: &mut dyn BufRead,
    name: &str,
    out: &mut dyn Write,
    code: &mut i32,
) -> io::Result<()> {
    if args.jsonl {
        return process_jsonl(extractor, args, input, out);
    }
    let Some(text) = read_text(input, name, code) else { return Ok(()) };
    let value = analyse(extractor, args, &text);
    writeln!(out, "{}", to_pretty(&value))
}

/// Read a whole text; a read error or invalid UTF-8 is reported with the file name.
fn read_text(input: &mut dyn BufRead, name: &str, code: &mut i32) -> Option<String> {
    let mut bytes = Vec::new();
    if let Err(e) = input.read_to_end(&mut bytes) {
        eprintln!("gazette: {name}: cannot read: {e}");
        *code = EXIT_INPUT;
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!(
                "gazette: {name}: not valid UTF-8 (first bad byte at offset {}); file skipped",
                e.utf8_error().valid_up_to()
            );
            *code = EXIT_INPUT;
            None
        }
    }
}

fn to_pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|e| json!({ "error": e.to_string() }).to_string())
}

/// The output value for one text.
fn analyse(extractor: &Extractor, args: &ExtractArgs, text: &str) -> Value {
    let bytes = extractor.extract(text);
    let shown = match args.offsets {
        Offsets::Bytes => bytes.clone(),
        Offsets::Chars => bytes.clone().to_char_offsets(text),
    };
    let value = match args.format {
        Format::Full => serde_json::to_value(output::full(text, &bytes, &shown, args.segments)),
        Format::Spans => serde_json::to_value(output::spans(&shown)),
    };
    value.unwrap_or_else(|e| json!({ "error": e.to_string() }))
}

/// JSON Lines: one output line per input line, in order; a bad line gives an error
/// line and the run goes on.
fn process_jsonl(
    extractor: &Extractor,
    args: &ExtractArgs,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = input.read_until(b'\n', &mut line)?;
        if n == 0 {
            break;
        }
        let record = jsonl_record(extractor, args, &line);
        writeln!(out, "{record}")?;
    }
    Ok(())
}

/// The output line for one input line.
pub fn jsonl_record(extractor: &Extractor, args: &ExtractArgs, raw: &[u8]) -> String {
    let raw = strip_newline(raw);
    let error = |id: Value, message: String| json!({ "id": id, "error": message }).to_string();
    let Ok(line) = std::str::from_utf8(raw) else {
        return error(Value::Null, "line is not valid UTF-8".into());
    };
    if line.trim().is_empty() {
        return error(Value::Null, "empty line".into());
    }
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return error(Value::Null, format!("invalid JSON: {e}")),
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    let Some(text) = value.get("text").and_then(Value::as_str) else {
        return error(id, "no \"text\" string field".into());
    };
    let mut result = analyse(extractor, args, text);
    let mut map = serde_json::Map::new();
    map.insert("id".into(), id);
    if let Value::Object(fields) = &mut result {
        map.extend(std::mem::take(fields));
    }
    Value::Object(map).to_string()
}

fn strip_newline(raw: &[u8]) -> &[u8] {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    raw.strip_suffix(b"\r").unwrap_or(raw)
}
