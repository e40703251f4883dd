//! The `gazette` program on hostile input and output: empty input, a closed output
//! pipe (`gazette extract --jsonl big.jsonl | head -1` stops quietly), huge JSON
//! Lines, interruption (the output holds only complete lines) and unreadable files.
//! Exit codes as the README gives them: `0` all input processed, `1` some input
//! could not be read, `2` bad arguments or a bad `--list` file, `130` stopped by
//! SIGINT or SIGTERM.

#[path = "support/cli.rs"]
mod cli;

use cli::{command, gazette, spawn_piped, Scratch};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

/// A megabyte of text to analyse: a quarter of one in debug builds, where the
/// program is some twenty times slower (CI runs the tests in release).
const MB: usize = if cfg!(debug_assertions) { 1 << 18 } else { 1 << 20 };

/// How long any one run may take before the test gives up on it.
const DEADLINE: Duration = Duration::from_secs(120);

/// Wait for `child` at most [`DEADLINE`]; kill it and fail past that.
fn wait(child: &mut Child, what: &str) -> ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("{what}: still running after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn text_of(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("the output is UTF-8")
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// One JSON Lines record, `{"id": id, "text": text}`, with its newline.
fn record(id: impl Into<Value>, text: &str) -> Vec<u8> {
    let mut out = serde_json::to_vec(&serde_json::json!({"id": id.into(), "text": text})).unwrap();
    out.push(b'\n');
    out
}

/// JSON Lines input: `{"id": i, "text": text}` per text.
fn jsonl<S: AsRef<str>>(texts: impl IntoIterator<Item = S>) -> Vec<u8> {
    texts.into_iter().enumerate().flat_map(|(i, text)| record(i, text.as_ref())).collect()
}

/// A news-like article of about `bytes` bytes, with a few names per sentence.
fn article(bytes: usize, seed: usize) -> String {
    const SENTENCES: &[&str] = &[
        "Officials in Kenya met their peers from Brazil on Monday.",
        "\"We will not back down,\" the minister said in Nairobi.",
        "The talks, which began in Geneva, were expected to last a week.",
        "According to the United Nations, prices rose by 4.5 percent.",
    ];
    let mut out = String::with_capacity(bytes + 100);
    let mut k = seed;
    while out.len() < bytes {
        out.push_str(SENTENCES[k % SENTENCES.len()]);
        out.push(' ');
        k += 1;
    }
    out
}

/// A JSON Lines file big enough that writing its output takes a while.
fn big_jsonl(lines: usize) -> Vec<u8> {
    jsonl((0..lines).map(|i| article(2_000, i)))
}

// ---------------------------------------------------------------------------
// Empty input.

#[test]
fn empty_input_is_an_empty_analysis() {
    let scratch = Scratch::new("empty");
    let empty = scratch.file("empty.txt", b"");
    let blank = scratch.file("blank.txt", b" \n\r\n\t\n");
    let empty_jsonl = scratch.file("empty.jsonl", b"");

    for (args, stdin) in [
        (vec!["extract"], &b""[..]),
        (vec!["extract", empty.to_str().unwrap()], b""),
        (vec!["extract", blank.to_str().unwrap()], b""),
        (vec!["extract", "--format", "spans"], b""),
        (vec!["extract", "--offsets", "chars", "--segments"], b"   "),
    ] {
        let out = gazette(&args, stdin);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr_of(&out));
        assert!(out.stderr.is_empty(), "{args:?}: {}", stderr_of(&out));
        let value: Value = serde_json::from_slice(&out.stdout).expect("one JSON value");
        assert_eq!(value["entities"], serde_json::json!([]), "{args:?}");
        assert_eq!(value["quotes"], serde_json::json!([]), "{args:?}");
    }

    // Several empty files: an array with one element per file.
    let out = gazette(&["extract", empty.to_str().unwrap(), blank.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let value: Value = serde_json::from_slice(&out.stdout).expect("a JSON array");
    assert_eq!(value.as_array().map(Vec::len), Some(2));

    // JSON Lines: no line in, no line out.
    for (args, stdin) in [
        (vec!["extract", "--jsonl"], &b""[..]),
        (vec!["extract", "--jsonl", empty_jsonl.to_str().unwrap()], b""),
    ] {
        let out = gazette(&args, stdin);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr_of(&out));
        assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn empty_jsonl_lines_and_empty_texts_each_get_their_line() {
    let input = b"\n   \n{\"id\": 1, \"text\": \"\"}\r\n{\"id\": 2, \"text\": \" \\n \"}\n\n{\"id\": 3}";
    let out = gazette(&["extract", "--jsonl"], input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let lines: Vec<Value> = text_of(&out).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    assert_eq!(lines.len(), 6, "one output line per input line");
    for k in [0, 1, 4] {
        assert!(lines[k]["error"].is_string() && lines[k]["id"].is_null(), "line {k}: {}", lines[k]);
    }
    for (k, id) in [(2, 1), (3, 2)] {
        assert_eq!(lines[k]["id"], id);
        assert_eq!(lines[k]["entities"], serde_json::json!([]), "line {k}");
    }
    // The last line has no newline and no text: still a line, an error line.
    assert_eq!(lines[5]["id"], 3);
    assert!(lines[5]["error"].is_string());
}

// ---------------------------------------------------------------------------
// A closed output pipe.

fn assert_stops_quietly_after_first_line(args: &[&str]) {
    let mut child = command(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gazette runs");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("a first line");
    assert!(!first.is_empty(), "{args:?}: no output at all");
    // `head -1` closes the pipe after the first line.
    drop(stdout);
    let mut stderr = child.stderr.take().expect("stderr");
    let status = wait(&mut child, &format!("{args:?} with a closed output"));
    let mut message = String::new();
    stderr.read_to_string(&mut message).expect("stderr");
    assert_eq!(status.code(), Some(0), "{args:?}: not a quiet stop ({status}): {message}");
    assert!(message.is_empty(), "{args:?}: said {message:?} on a closed pipe");
}

#[test]
fn a_closed_output_pipe_stops_quietly() {
    let scratch = Scratch::new("pipe");
    let big = scratch.file("big.jsonl", &big_jsonl(3_000));
    let big = big.to_str().unwrap();
    assert_stops_quietly_after_first_line(&["extract", "--jsonl", big]);
    assert_stops_quietly_after_first_line(&["extract", "--jsonl", "--threads", "1", big]);
    assert_stops_quietly_after_first_line(&["extract", "--jsonl", "--format", "spans", big, big]);
    // Pretty JSON of large files, and an array of several.
    let text = scratch.file("long.txt", article(2 * MB, 0).as_bytes());
    let text = text.to_str().unwrap();
    assert_stops_quietly_after_first_line(&["extract", text]);
    assert_stops_quietly_after_first_line(&["extract", "--segments", text, text, text]);
}

#[cfg(unix)]
#[test]
fn gazette_piped_into_head_exits_quietly() {
    // The issue's own command line, through a shell.
    let scratch = Scratch::new("head");
    let big = scratch.file("big.jsonl", &big_jsonl(3_000));
    let out = Command::new("bash")
        .arg("-c")
        .arg(r#""$0" extract --jsonl "$1" | head -1; exit "${PIPESTATUS[0]}""#)
        .arg(env!("CARGO_BIN_EXE_gazette"))
        .arg(&big)
        .output()
        .expect("bash runs");
    assert_eq!(text_of(&out).lines().count(), 1);
    assert!(out.stderr.is_empty(), "said {:?}", stderr_of(&out));
    assert_eq!(out.status.code(), Some(0), "gazette's exit status");
}

// ---------------------------------------------------------------------------
// Huge JSON Lines.

#[test]
fn huge_jsonl_lines_keep_one_output_line_each_in_order() {
    let scratch = Scratch::new("huge");
    // 8 MB of text in one line, with two names (2 MB in debug builds).
    let long_text = format!("Kenya {}Brazil", "and the talks went on and on ".repeat(8 * MB / 30));
    // 300 KB of names in one line: a large output line too.
    let many_names = "Kenya and Brazil. ".repeat(300_000 / 18);
    let mut input = Vec::new();
    input.extend_from_slice(&record("small", "Officials in Ghana."));
    input.extend_from_slice(&record("long", &long_text));
    // Not JSON: 10 MB of garbage on one line.
    input.extend(std::iter::repeat_n(b'{', 10 << 20));
    input.push(b'\n');
    // Nested a million deep: a parse error, not a stack overflow.
    input.extend_from_slice(b"{\"id\": \"deep\", \"text\": \"x\", \"extra\": ");
    input.extend(std::iter::repeat_n(b'[', 1 << 20));
    input.extend(std::iter::repeat_n(b']', 1 << 20));
    input.extend_from_slice(b"}\n");
    // 5 MB of blanks.
    input.extend(std::iter::repeat_n(b' ', 5 << 20));
    input.push(b'\n');
    input.extend_from_slice(&record("names", &many_names));
    // A huge line without its newline, last.
    let mut last = record("last", &article(3 * MB, 1));
    last.pop();
    input.extend_from_slice(&last);
    let file = scratch.file("huge.jsonl", &input);

    let from_stdin = gazette(&["extract", "--jsonl"], &input);
    let from_file = gazette(&["extract", "--jsonl", file.to_str().unwrap()], b"");
    for out in [&from_stdin, &from_file] {
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(out));
        let text = text_of(out);
        assert!(text.ends_with('\n'));
        let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
        assert_eq!(lines.len(), 7, "one output line per input line");
        let names = |v: &Value| -> Vec<String> {
            v["entities"]
                .as_array()
                .expect("entities")
                .iter()
                .map(|e| e["name"].as_str().unwrap().into())
                .collect()
        };
        assert_eq!((&lines[0]["id"], names(&lines[0])), (&Value::from("small"), vec!["Ghana".to_string()]));
        assert_eq!(lines[1]["id"], "long");
        assert_eq!(names(&lines[1]), ["Kenya", "Brazil"]);
        for k in [2, 3, 4] {
            assert!(lines[k]["error"].is_string(), "line {k}: an error line");
        }
        assert_eq!(lines[5]["id"], "names");
        assert_eq!(names(&lines[5]), ["Kenya", "Brazil"]);
        assert_eq!(lines[5]["mentions"].as_array().map(Vec::len), Some(2 * (300_000 / 18)));
        assert_eq!(lines[6]["id"], "last");
        assert!(names(&lines[6]).contains(&"Kenya".to_string()));
    }
    assert_eq!(from_stdin.stdout, from_file.stdout);
}

// ---------------------------------------------------------------------------
// Interruption.

/// Start `gazette extract --jsonl big` writing to a file or a pipe; interrupt it
/// with `signal` once output has appeared; return what it wrote and how it ended.
#[cfg(unix)]
fn interrupted(scratch: &Scratch, big: &Path, signal: &str, to_pipe: bool) -> (Vec<u8>, ExitStatus) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let output_file = scratch.0.join(format!("out-{signal}.jsonl"));
    let mut cmd = command(&["extract", "--jsonl", big.to_str().unwrap()]);
    cmd.stdin(Stdio::null()).stderr(Stdio::null());
    if to_pipe {
        cmd.stdout(Stdio::piped());
    } else {
        cmd.stdout(std::fs::File::create(&output_file).expect("output file"));
    }
    let mut child = cmd.spawn().expect("gazette runs");
    let piped = Arc::new(AtomicUsize::new(0));
    let reader = child.stdout.take().map(|mut stdout| {
        let piped = Arc::clone(&piped);
        std::thread::spawn(move || {
            let mut all = Vec::new();
            let mut buffer = [0u8; 4096];
            while let Ok(n @ 1..) = stdout.read(&mut buffer) {
                all.extend_from_slice(&buffer[..n]);
                piped.store(all.len(), Ordering::Relaxed);
            }
            all
        })
    });
    // Wait for the first output, then interrupt a little later.
    let written = || match to_pipe {
        true => piped.load(Ordering::Relaxed) as u64,
        false => std::fs::metadata(&output_file).map_or(0, |m| m.len()),
    };
    let started = Instant::now();
    while written() == 0 {
        assert!(started.elapsed() < DEADLINE, "no output");
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(100));
    send(&child, signal);
    let status = wait(&mut child, "interrupted gazette");
    let written = match reader {
        Some(reader) => reader.join().expect("reader thread"),
        None => std::fs::read(&output_file).expect("output file"),
    };
    (written, status)
}

/// Send `signal` ("INT", "TERM") to `child`.
#[cfg(unix)]
fn send(child: &Child, signal: &str) {
    let sent = Command::new("kill").arg(format!("-{signal}")).arg(child.id().to_string()).status();
    assert!(sent.expect("kill runs").success(), "kill -{signal}");
}

#[cfg(unix)]
#[test]
fn interruption_leaves_only_complete_lines() {
    let scratch = Scratch::new("interrupt");
    let big = scratch.file("big.jsonl", &big_jsonl(6_000));
    for round in 0..2 {
        for (signal, to_pipe) in [("INT", false), ("TERM", false), ("INT", true), ("TERM", true)] {
            let (written, status) = interrupted(&scratch, &big, signal, to_pipe);
            let what =
                format!("round {round}: SIG{signal}, output to a {}", if to_pipe { "pipe" } else { "file" });
            assert_eq!(status.code(), Some(130), "{what}: the documented exit code ({status})");
            assert!(!written.is_empty(), "{what}: nothing written before the interruption");
            assert!(written.ends_with(b"\n"), "{what}: the output ends inside a line");
            let text = std::str::from_utf8(&written).expect("UTF-8 output");
            for (k, line) in text.lines().enumerate() {
                let value: Value =
                    serde_json::from_str(line).unwrap_or_else(|e| panic!("{what}: line {k}: {e}"));
                assert_eq!(value["id"], k, "{what}: lines in input order");
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn interruption_stops_a_run_waiting_for_input() {
    // Each mode with a different signal and a different unfinished input (each run
    // takes a second or so: the program gives the run that long to stop by itself).
    let runs: [(&[&str], &str, &[u8]); 4] = [
        (&["extract"], "INT", b""),
        (&["extract", "--format", "spans"], "TERM", b"Officials in Kenya"),
        (&["extract", "--jsonl"], "INT", b"{\"id\": 1, \"te"),
        (&["extract", "--jsonl"], "TERM", b"{\"id\": 1, \"text\": \"Kenya\"}\n"),
    ];
    for (args, signal, stdin) in runs {
        let mut child = spawn_piped(args);
        // Some input, and the input left open: gazette waits for the rest.
        let mut input = child.stdin.take().expect("stdin");
        input.write_all(stdin).expect("input");
        input.flush().expect("input");
        std::thread::sleep(Duration::from_millis(300));
        send(&child, signal);
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break Some(status);
            }
            if started.elapsed() > Duration::from_secs(10) {
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let _ = child.kill();
        drop(input);
        let _ = child.wait();
        let what = format!("{args:?} with {stdin:?} and SIG{signal}");
        let status = status.unwrap_or_else(|| panic!("{what}: still running 10 s after the signal"));
        assert_eq!(status.code(), Some(130), "{what}: {status}");
    }
}

#[cfg(unix)]
#[test]
fn interrupting_one_large_document_is_not_a_success() {
    let scratch = Scratch::new("interrupt-one");
    // Some seconds of work: the signal comes while the document is analysed.
    let text = scratch.file("long.txt", article(16 * MB, 0).as_bytes());
    let mut child = command(&["extract", text.to_str().unwrap()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("gazette runs");
    std::thread::sleep(Duration::from_millis(500));
    send(&child, "INT");
    let status = wait(&mut child, "interrupted gazette");
    assert_eq!(status.code(), Some(130), "{status}");
}

// ---------------------------------------------------------------------------
// Unreadable files.

#[test]
fn unreadable_files_are_named_and_the_others_still_run() {
    let scratch = Scratch::new("unreadable");
    let good = scratch.file("good.txt", b"Officials in Kenya met their peers from Brazil.");
    let latin1 = scratch.file("latin1.txt", b"S\xe3o Paulo and Kenya");
    let missing = scratch.0.join("missing.txt");
    let directory = scratch.0.join("a-directory");
    std::fs::create_dir_all(&directory).unwrap();
    let paths = [&missing, &latin1, &directory, &good];
    let args: Vec<&str> = ["extract"].into_iter().chain(paths.iter().map(|p| p.to_str().unwrap())).collect();
    let out = gazette(&args, b"");
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for bad in ["missing.txt", "latin1.txt", "a-directory"] {
        assert!(stderr.lines().any(|l| l.contains(bad)), "{bad} not named in {stderr:?}");
    }
    assert_eq!(stderr.lines().count(), 3, "one message per unreadable file: {stderr:?}");
    let value: Value = serde_json::from_slice(&out.stdout).expect("a JSON array");
    let files = value.as_array().expect("an array");
    assert_eq!(files.len(), 1, "only the readable file");
    assert!(files[0]["file"].as_str().unwrap().ends_with("good.txt"));

    // One file alone: nothing on stdout, exit 1.
    for bad in [&missing, &latin1, &directory] {
        let out = gazette(&["extract", bad.to_str().unwrap()], b"");
        assert_eq!(out.status.code(), Some(1), "{}", bad.display());
        assert!(out.stdout.is_empty() || serde_json::from_slice::<Value>(&out.stdout).is_ok());
    }
}

#[test]
fn unreadable_files_in_jsonl_mode_are_named_and_the_others_still_run() {
    let scratch = Scratch::new("unreadable-jsonl");
    let good = scratch.file("good.jsonl", &jsonl(["Officials in Kenya.", "Talks in Brazil."]));
    let missing = scratch.0.join("missing.jsonl");
    let directory = scratch.0.join("dir.jsonl");
    std::fs::create_dir_all(&directory).unwrap();
    let out = gazette(
        &[
            "extract",
            "--jsonl",
            missing.to_str().unwrap(),
            directory.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        b"",
    );
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("missing.jsonl") && stderr.contains("dir.jsonl"), "{stderr}");
    let lines: Vec<Value> = text_of(&out).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!((lines[0]["id"].as_u64(), lines[1]["id"].as_u64()), (Some(0), Some(1)));
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = Scratch::new("permission");
    let secret = scratch.file("secret.txt", b"Kenya");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&secret).is_ok() {
        // Running as root: permissions do not apply; nothing to test.
        return;
    }
    let out = gazette(&["extract", secret.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("secret.txt"));
}

#[test]
fn exit_codes_are_the_documented_ones() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for needle in ["`0`", "`1`", "`2`", "`130`"] {
        assert!(readme.contains(needle), "the README documents exit code {needle}");
    }
    // 2: bad arguments.
    let out = gazette(&["extract", "--no-such-flag"], b"");
    assert_eq!(out.status.code(), Some(2));
    let out = gazette(&["extract", "--offsets", "lines"], b"");
    assert_eq!(out.status.code(), Some(2));
    // 0: help and version are not errors.
    assert_eq!(gazette(&["--help"], b"").status.code(), Some(0));
    assert_eq!(gazette(&["--version"], b"").status.code(), Some(0));
}
