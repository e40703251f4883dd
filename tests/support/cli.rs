//! Running the `gazette` program from the integration tests, and scratch files for
//! them. Shared by `tests/cli.rs`, `tests/cli_hostile.rs` and `tests/lists.rs`.

#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};

/// A scratch directory for one test, removed when dropped. Its name holds the test
/// binary's and the process id, so test binaries running side by side never share one.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let crate_name = env!("CARGO_CRATE_NAME");
        let dir = std::env::temp_dir().join(format!("gazette-{crate_name}-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch directory");
        Scratch(dir)
    }

    pub fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).expect("scratch file");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// The `gazette` program with `args`.
pub fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gazette"));
    command.args(args);
    command
}

/// `gazette` started with its standard input, output and error all piped.
pub fn spawn_piped(args: &[&str]) -> Child {
    command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gazette runs")
}

/// Run `gazette` with `stdin` as its input; stdout and stderr are collected.
pub fn gazette(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = spawn_piped(args);
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    // The input may be larger than a pipe holds: feed it from another thread.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("gazette finishes");
    writer.join().expect("writer thread");
    out
}
