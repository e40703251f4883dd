//! `gazette extract`: plain text files or JSON Lines in, JSON out.

use super::jsonl::{self, Failure};
use super::progress::Progress;
use super::{
    build_extractor, interrupted, output, ExtractArgs, Format, Offsets, EXIT_INPUT, EXIT_INTERRUPTED,
    EXIT_OK, EXIT_USAGE,
};
use gazette::{Analysis, Extractor};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::io::{self, BufRead, BufWriter, Write};

/// What a JSON Lines run needs besides the extractor: the workers and the bar.
struct JsonlRun {
    pool: rayon::ThreadPool,
    progress: Progress,
}

pub fn run(args: &ExtractArgs) -> i32 {
    let extractor = match build_extractor(&args.lists) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("gazette: {e}");
            return EXIT_USAGE;
        }
    };
    let mut jsonl_run = None;
    if args.jsonl {
        let threads = args.threads.map(usize::from).unwrap_or_else(available_threads);
        let pool = match rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("gazette-worker-{i}"))
            .build()
        {
            Ok(pool) => pool,
            Err(e) => {
                eprintln!("gazette: cannot start {threads} worker threads: {e}");
                return EXIT_USAGE;
            }
        };
        jsonl_run = Some(JsonlRun { pool, progress: Progress::new(args.quiet, input_size(args)) });
    }
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut code = EXIT_OK;
    let result = if args.files.is_empty() {
        let mut input = io::BufReader::with_capacity(1 << 16, io::stdin());
        process_input(&extractor, args, jsonl_run.as_mut(), &mut input, "<stdin>", &mut out, &mut code)
    } else {
        let many = args.files.len() > 1 && !args.jsonl;
        if many {
            let _ = writeln!(out, "[");
        }
        let mut first = true;
        let mut r = Ok(());
        for path in &args.files {
            if interrupted() {
                code = EXIT_INTERRUPTED;
                break;
            }
            let file = match std::fs::File::open(path) {
                Ok(f) => f,
                Err(e) => {
                    let message = format!("gazette: {}: {e}", path.display());
                    match &jsonl_run {
                        Some(run) => run.progress.note(&message),
                        None => eprintln!("{message}"),
                    }
                    code = EXIT_INPUT;
                    continue;
                }
            };
            let mut input = io::BufReader::with_capacity(1 << 16, file);
            let shown = path.display().to_string();
            r = if many {
                process_many_member(&extractor, args, &mut input, &shown, &mut out, &mut code, &mut first)
            } else {
                process_input(&extractor, args, jsonl_run.as_mut(), &mut input, &shown, &mut out, &mut code)
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
    if let Some(run) = &jsonl_run {
        run.progress.finish();
    }
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

/// One worker per core the process may use.
fn available_threads() -> usize {
    std::thread::available_parallelism().map(usize::from).unwrap_or(1)
}

/// The total size of the input when it is known (regular files), for the bar.
fn input_size(args: &ExtractArgs) -> Option<u64> {
    let size = |path: &std::path::Path| std::fs::metadata(path).ok().filter(|m| m.is_file()).map(|m| m.len());
    if args.files.is_empty() {
        // Standard input redirected from a file (`< docs.jsonl`).
        return if cfg!(target_os = "linux") { size(std::path::Path::new("/dev/stdin")) } else { None };
    }
    args.files.iter().map(|p| size(p)).sum()
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
    jsonl_run: Option<&mut JsonlRun>,
    input: &mut (dyn BufRead + Send),
    name: &str,
    out: &mut dyn Write,
    code: &mut i32,
) -> io::Result<()> {
    if let Some(run) = jsonl_run {
        return match jsonl::process(extractor, args, &run.pool, input, out, &mut run.progress) {
            Ok(()) => Ok(()),
            Err(Failure::Write(e)) => Err(e),
            Err(Failure::Interrupted) => {
                *code = EXIT_INTERRUPTED;
                Ok(())
            }
            Err(Failure::Start(e)) => {
                run.progress.note(&format!("gazette: cannot start a thread: {e}"));
                *code = EXIT_INPUT;
                Ok(())
            }
            Err(Failure::Read(e)) => {
                // The lines before the error were written; the run goes on with the
                // next file.
                run.progress.note(&format!("gazette: {name}: cannot read: {e}"));
                *code = EXIT_INPUT;
                Ok(())
            }
        };
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

/// The analysis in the offsets the user asked for.
pub fn shown<'a>(args: &ExtractArgs, text: &str, bytes: &'a Analysis) -> Cow<'a, Analysis> {
    match args.offsets {
        Offsets::Bytes => Cow::Borrowed(bytes),
        Offsets::Chars => Cow::Owned(bytes.clone().to_char_offsets(text)),
    }
}

/// The output value for one text.
fn analyse(extractor: &Extractor, args: &ExtractArgs, text: &str) -> Value {
    let bytes = extractor.extract(text);
    let shown = shown(args, text, &bytes);
    let value = match args.format {
        Format::Full => serde_json::to_value(output::full(text, &bytes, &shown, args.segments)),
        Format::Spans => serde_json::to_value(output::spans(text, &bytes, &shown)),
    };
    value.unwrap_or_else(|e| json!({ "error": e.to_string() }))
}
