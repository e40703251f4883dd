//! The `gazette` command-line program: `gazette extract` and `gazette eval`.

#![forbid(unsafe_code)]

mod cli;

fn main() {
    std::process::exit(cli::run());
}
