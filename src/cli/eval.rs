//! `gazette eval conll FILE` and `gazette eval brat DIR`.

use super::{build_extractor, output, EvalArgs, EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use gazette::eval::{run_brat, run_conll, EvalOptions, Prediction};
use std::io::Write;

/// Which corpus format to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corpus {
    /// CoNLL-2003 entities.
    Conll,
    /// BRAT attributions.
    Brat,
}

pub fn run(args: &EvalArgs, corpus: Corpus) -> i32 {
    let extractor = match build_extractor(&args.lists) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("gazette: {e}");
            return EXIT_USAGE;
        }
    };
    let predict = |text: &str| -> Prediction {
        let bytes = extractor.extract(text);
        let chars = bytes.clone().to_char_offsets(text);
        output::spans(text, &bytes, &chars)
    };
    let options = EvalOptions { errors: args.errors };
    let started = std::time::Instant::now();
    let printed = match corpus {
        Corpus::Conll => run_conll(&args.path, &predict, &options).map(|r| {
            let _ = writeln!(std::io::stdout(), "{r}");
            if args.json {
                let _ = writeln!(std::io::stdout(), "{}", serde_json::to_string(&r).unwrap_or_default());
            }
        }),
        Corpus::Brat => run_brat(&args.path, &predict, &options).map(|r| {
            let _ = writeln!(std::io::stdout(), "{r}");
            if args.json {
                let _ = writeln!(std::io::stdout(), "{}", serde_json::to_string(&r).unwrap_or_default());
            }
        }),
    };
    match printed {
        Ok(()) => {
            eprintln!("gazette: scored in {:.1} s", started.elapsed().as_secs_f64());
            EXIT_OK
        }
        Err(e) => {
            eprintln!("gazette: {e}");
            EXIT_INPUT
        }
    }
}
