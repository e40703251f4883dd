//! Command-line parsing and the subcommands.

mod eval;
mod extract;
mod json;
mod jsonl;
mod output;
mod progress;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Exit code: everything went fine.
pub const EXIT_OK: i32 = 0;
/// Exit code: some input could not be processed (others were).
pub const EXIT_INPUT: i32 = 1;
/// Exit code: bad arguments or an unusable list.
pub const EXIT_USAGE: i32 = 2;
/// Exit code: stopped by SIGINT or SIGTERM (the output holds only complete lines).
pub const EXIT_INTERRUPTED: i32 = 130;

/// Set by the SIGINT / SIGTERM handler: the run finishes the line it is writing,
/// flushes and stops.
pub static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Held while a `--jsonl` output line is written; the exit timer of the signal
/// handler takes it before ending the process.
pub static WRITING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Whether a stop was asked for.
pub fn interrupted() -> bool {
    INTERRUPTED.load(std::sync::atomic::Ordering::Relaxed)
}

#[derive(Parser, Debug)]
#[command(
    name = "gazette",
    version,
    about = "People, organisations, places and who said what in English news text."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract entities and quotations from text files (or standard input).
    Extract(ExtractArgs),
    /// Score gazette against annotated data.
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
}

#[derive(Subcommand, Debug)]
enum EvalCommand {
    /// Entities against a CoNLL-2003 file (IOB1 or IOB2).
    Conll(EvalArgs),
    /// Quotations against a BRAT attribution directory (PolNeAR layout).
    Brat(EvalArgs),
}

#[derive(Args, Debug)]
struct EvalArgs {
    /// The CoNLL file or the BRAT directory.
    path: PathBuf,
    /// List the first N misses and N false positives of each type.
    #[arg(long, value_name = "N", default_value_t = 0)]
    errors: usize,
    /// Print a one-line JSON summary after the table.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    lists: ListArgs,
}

#[derive(Args, Debug, Clone)]
struct ListArgs {
    /// Add a gazetteer list (TSV, see data/gazetteers/FORMAT.md); may be repeated.
    #[arg(long = "list", value_name = "FILE")]
    lists: Vec<PathBuf>,
    /// Use only the lists given with --list.
    #[arg(long)]
    no_default_lists: bool,
}

#[derive(Args, Debug)]
struct ExtractArgs {
    /// Text files to read; standard input when none is given.
    files: Vec<PathBuf>,
    /// Read JSON Lines ({"id": ..., "text": ...}) and write one JSON line per input line.
    #[arg(long)]
    jsonl: bool,
    /// Output shape: the full analysis, or flat spans (the evaluation format).
    #[arg(long, value_enum, default_value_t = Format::Full)]
    format: Format,
    /// Count offsets in bytes (UTF-8) or in characters (code points).
    #[arg(long, value_enum, default_value_t = Offsets::Bytes)]
    offsets: Offsets,
    /// Include paragraph and sentence spans in the full output.
    #[arg(long)]
    segments: bool,
    /// Worker threads for --jsonl (default: one per available core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// No progress bar (it is shown only on a terminal, for runs over a second).
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    lists: ListArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// Entities with their mentions, quotations with speakers, texts included.
    Full,
    /// One flat record per document: entity and quote spans only.
    Spans,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Offsets {
    /// UTF-8 byte offsets.
    Bytes,
    /// Unicode code point offsets.
    Chars,
}

/// Parse arguments, run, and return the exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    match cli.command {
        Command::Extract(args) => {
            // Without a handler the signal would kill the process inside a write and
            // could leave half a line; with it, the run stops between lines.
            // A run that is not writing (waiting for input, or deep in one long
            // document) does not look at the flag: a second later it is ended.
            let _ = ctrlc::set_handler(|| {
                INTERRUPTED.store(true, std::sync::atomic::Ordering::Relaxed);
                std::thread::spawn(|| {
                    std::thread::sleep(std::time::Duration::from_secs(1));
                    let _writing = WRITING.lock().unwrap_or_else(|e| e.into_inner());
                    std::process::exit(EXIT_INTERRUPTED);
                });
            });
            extract::run(&args)
        }
        Command::Eval { what } => match what {
            EvalCommand::Conll(args) => eval::run(&args, eval::Corpus::Conll),
            EvalCommand::Brat(args) => eval::run(&args, eval::Corpus::Brat),
        },
    }
}

/// Build the extractor the arguments ask for.
fn build_extractor(lists: &ListArgs) -> Result<gazette::Extractor, gazette::Error> {
    if lists.lists.is_empty() && !lists.no_default_lists {
        return Ok(gazette::Extractor::new());
    }
    let mut b = gazette::Extractor::builder();
    b.embedded_lists(!lists.no_default_lists);
    for path in &lists.lists {
        b.add_list_file(path);
    }
    b.build()
}
