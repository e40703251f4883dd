//! `gazette extract --jsonl`: one JSON line out per input line, in input order, on
//! every core, streaming.
//!
//! Three stages run at once, joined by channels that hold one window each:
//!
//! 1. a reader thread cuts the input into windows of at most [`WINDOW_LINES`] lines
//!    or [`WINDOW_BYTES`] bytes (a longer line makes a window of its own);
//! 2. a dispatcher thread runs each window on the worker pool: parsing, extraction
//!    and serialisation of each line are all done by the workers;
//! 3. the calling thread writes each window's records, in order, and moves the
//!    progress bar.
//!
//! So reading and writing overlap the extraction, and memory is bounded by a few
//! windows, whatever the size of the input. A write error (a closed pipe) stops the
//! other two stages: the workers skip what is left of their window, the reader stops
//! at its next window.

use super::extract::shown;
use super::json::write_full_fields;
use super::output;
use super::progress::Progress;
use super::ExtractArgs;
use super::Format;
use gazette::Extractor;
use rayon::prelude::*;
use serde_json::{json, Value};
use std::io::{self, BufRead, Write};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

/// Most lines in one window.
pub const WINDOW_LINES: usize = 4096;
/// Most bytes of input in one window (about; the line that crosses it is kept).
pub const WINDOW_BYTES: usize = 4 << 20;

/// Input lines read together: one buffer, and the range of each line in it.
struct Window {
    data: Vec<u8>,
    lines: Vec<Range<usize>>,
}

/// The output lines of a window, and how much input it covered.
struct Records {
    lines: Vec<String>,
    input_bytes: usize,
}

/// Why a run stopped early.
pub enum Failure {
    /// The input could not be read (the lines before it were written).
    Read(io::Error),
    /// The output could not be written.
    Write(io::Error),
    /// A thread could not be started.
    Start(io::Error),
    /// SIGINT or SIGTERM arrived; the lines written so far are complete.
    Interrupted,
}

/// Run the three stages over `input`, writing to `out`.
pub fn process(
    extractor: &Extractor,
    args: &ExtractArgs,
    pool: &rayon::ThreadPool,
    input: &mut (dyn BufRead + Send),
    out: &mut dyn Write,
    progress: &mut Progress,
) -> Result<(), Failure> {
    let stop = AtomicBool::new(false);
    let stop = &stop;
    let (window_tx, window_rx) = sync_channel::<io::Result<Window>>(1);
    let (records_tx, records_rx) = sync_channel::<io::Result<Records>>(1);
    std::thread::scope(|scope| {
        let reader = std::thread::Builder::new()
            .name("gazette-reader".into())
            .spawn_scoped(scope, move || read_windows(input, &window_tx, stop));
        let dispatcher =
            std::thread::Builder::new().name("gazette-dispatch".into()).spawn_scoped(scope, move || {
                for window in window_rx {
                    let records = window.map(|w| pool.install(|| analyse_window(extractor, args, &w, stop)));
                    if records_tx.send(records).is_err() {
                        break;
                    }
                }
            });
        if let Err(e) = reader.and(dispatcher) {
            // Whatever was started stops when the channels close.
            return Err(Failure::Start(e));
        }
        let result = write_windows(records_rx, out, progress);
        if result.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        result
    })
}

/// Stage 1: read windows until the end of the input, a read error, or a stop.
fn read_windows(
    input: &mut (dyn BufRead + Send),
    windows: &SyncSender<io::Result<Window>>,
    stop: &AtomicBool,
) {
    loop {
        let mut window = Window { data: Vec::with_capacity(WINDOW_BYTES + (64 << 10)), lines: Vec::new() };
        let mut error = None;
        while window.lines.len() < WINDOW_LINES && window.data.len() < WINDOW_BYTES {
            let start = window.data.len();
            match input.read_until(b'\n', &mut window.data) {
                Ok(0) => break,
                Ok(_) => window.lines.push(start..window.data.len()),
                Err(e) => {
                    window.data.truncate(start);
                    error = Some(e);
                    break;
                }
            }
        }
        let finished = window.lines.len() < WINDOW_LINES && window.data.len() < WINDOW_BYTES;
        if !window.lines.is_empty() && windows.send(Ok(window)).is_err() {
            return;
        }
        if let Some(e) = error {
            let _ = windows.send(Err(e));
            return;
        }
        if finished || stop.load(Ordering::Relaxed) || super::interrupted() {
            return;
        }
    }
}

/// Stage 2: the records of one window, computed by the worker pool, in order.
fn analyse_window(extractor: &Extractor, args: &ExtractArgs, window: &Window, stop: &AtomicBool) -> Records {
    let lines = window
        .lines
        .par_iter()
        .map(|range| {
            if stop.load(Ordering::Relaxed) {
                return String::new();
            }
            jsonl_record(extractor, args, &window.data[range.clone()])
        })
        .collect();
    Records { lines, input_bytes: window.data.len() }
}

/// Stage 3: write every window's records as they come.
fn write_windows(
    records: Receiver<io::Result<Records>>,
    out: &mut dyn Write,
    progress: &mut Progress,
) -> Result<(), Failure> {
    for window in records {
        let window = window.map_err(Failure::Read)?;
        let mut record = Vec::new();
        for line in &window.lines {
            // One write per whole line, under the lock the signal handler's exit timer
            // takes: an exit never falls inside a line.
            record.clear();
            record.extend_from_slice(line.as_bytes());
            record.push(b'\n');
            let _writing = super::WRITING.lock().unwrap_or_else(|e| e.into_inner());
            out.write_all(&record).map_err(Failure::Write)?;
            if super::interrupted() {
                return Err(Failure::Interrupted);
            }
        }
        progress.advance(window.lines.len(), window.input_bytes);
    }
    Ok(())
}

/// The output line for one input line: `{"id": ..., <the analysis>}`, or
/// `{"id": ..., "error": ...}` for a line that is not a JSON object with a `"text"`
/// string (the id is `null` when the line has none or is not JSON).
pub fn jsonl_record(extractor: &Extractor, args: &ExtractArgs, raw: &[u8]) -> String {
    let raw = strip_newline(raw);
    let error = |id: &Value, message: &str| json!({ "id": id, "error": message }).to_string();
    let Ok(line) = std::str::from_utf8(raw) else {
        return error(&Value::Null, "line is not valid UTF-8");
    };
    if line.trim().is_empty() {
        return error(&Value::Null, "empty line");
    }
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return error(&Value::Null, &format!("invalid JSON: {e}")),
    };
    let id = value.get("id").unwrap_or(&Value::Null);
    let Some(text) = value.get("text").and_then(Value::as_str) else {
        return error(id, "no \"text\" string field");
    };
    let bytes = extractor.extract(text);
    let shown = shown(args, text, &bytes);
    let mut record = String::new();
    record.push_str("{\"id\":");
    record.push_str(&id.to_string());
    match args.format {
        Format::Full => {
            // Written straight into the record: about four bytes out for each byte in.
            record.reserve(text.len() * 5 + 256);
            record.push(',');
            write_full_fields(&mut record, text, &bytes, &shown, args.segments);
            record.push('}');
        }
        Format::Spans => {
            let body = match serde_json::to_string(&output::spans(text, &bytes, &shown)) {
                Ok(body) => body,
                Err(e) => return error(id, &e.to_string()),
            };
            // `body` is a JSON object: put the id in front of its fields.
            let Some(fields) = body.strip_prefix('{') else {
                return error(id, "internal error: the analysis is not a JSON object");
            };
            if fields != "}" {
                record.push(',');
            }
            record.push_str(fields);
        }
    }
    record
}

fn strip_newline(raw: &[u8]) -> &[u8] {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    raw.strip_suffix(b"\r").unwrap_or(raw)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn args(extra: &[&str]) -> ExtractArgs {
        let mut argv = vec!["gazette", "extract", "--jsonl", "--quiet"];
        argv.extend_from_slice(extra);
        match super::super::Cli::try_parse_from(argv).expect("arguments parse").command {
            super::super::Command::Extract(args) => args,
            _ => unreachable!(),
        }
    }

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap()
    }

    /// More lines than one window holds, some of them bad.
    fn input(lines: usize) -> Vec<u8> {
        let mut input = Vec::new();
        for i in 0..lines {
            if i % 1000 == 7 {
                input.extend_from_slice(b"{oops\n");
            } else {
                input.extend_from_slice(
                    format!("{{\"id\":{i},\"text\":\"Kenya and Brazil, {i}.\"}}\n").as_bytes(),
                );
            }
        }
        input
    }

    fn run(threads: usize, input: &[u8], out: &mut dyn Write) -> Result<(), Failure> {
        let extractor = Extractor::new();
        let mut reader: &[u8] = input;
        let mut progress = Progress::new(true, None);
        process(&extractor, &args(&[]), &pool(threads), &mut reader, out, &mut progress)
    }

    #[test]
    fn windows_keep_input_order_on_any_number_of_threads() {
        let input = input(WINDOW_LINES * 2 + 10);
        let mut one = Vec::new();
        assert!(run(1, &input, &mut one).is_ok());
        let mut three = Vec::new();
        assert!(run(3, &input, &mut three).is_ok());
        assert_eq!(one, three);
        let lines: Vec<&str> = std::str::from_utf8(&one).unwrap().lines().collect();
        assert_eq!(lines.len(), WINDOW_LINES * 2 + 10);
        for (i, line) in lines.iter().enumerate() {
            let v: Value = serde_json::from_str(line).unwrap();
            if i % 1000 == 7 {
                assert!(v["id"].is_null() && v["error"].is_string(), "{line}");
            } else {
                assert_eq!(v["id"], i, "{line}");
            }
        }
    }

    #[test]
    fn the_last_line_needs_no_newline() {
        let mut out = Vec::new();
        assert!(run(2, b"{\"id\":1,\"text\":\"Kenya\"}\n{\"id\":2,\"text\":\"Chad\"}", &mut out).is_ok());
        assert_eq!(String::from_utf8(out).unwrap().lines().count(), 2);
    }

    /// A writer that takes `left` bytes, then fails as a closed pipe does.
    struct ClosedAfter {
        left: usize,
    }

    impl Write for ClosedAfter {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.left == 0 {
                return Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"));
            }
            let n = buf.len().min(self.left);
            self.left -= n;
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_output_stops_the_run() {
        let input = input(WINDOW_LINES * 4);
        let result = run(2, &input, &mut ClosedAfter { left: 1000 });
        assert!(matches!(result, Err(Failure::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe));
    }

    /// A reader that gives `data`, then fails.
    struct FailsAfter<'a> {
        data: &'a [u8],
    }

    impl io::Read for FailsAfter<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.data.is_empty() {
                return Err(io::Error::other("disk on fire"));
            }
            let n = buf.len().min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    #[test]
    fn a_read_error_comes_after_the_lines_before_it() {
        let data = input(10);
        let mut reader = io::BufReader::new(FailsAfter { data: &data });
        let mut out = Vec::new();
        let mut progress = Progress::new(true, None);
        let result = process(&Extractor::new(), &args(&[]), &pool(2), &mut reader, &mut out, &mut progress);
        assert!(matches!(result, Err(Failure::Read(e)) if e.to_string() == "disk on fire"));
        assert_eq!(String::from_utf8(out).unwrap().lines().count(), 10);
    }

    #[test]
    fn record_puts_the_id_first() {
        let extractor = Extractor::new();
        let line =
            jsonl_record(&extractor, &args(&["--format", "spans"]), b"{\"text\":\"Chad\",\"id\":\"a\"}\r\n");
        assert!(line.starts_with("{\"id\":\"a\",\"entities\":["), "{line}");
        let line = jsonl_record(&extractor, &args(&[]), b"[1]");
        assert_eq!(line, "{\"id\":null,\"error\":\"no \\\"text\\\" string field\"}");
    }
}
