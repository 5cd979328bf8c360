//! The `retort` command: parses the command line, runs the command, and turns
//! errors into messages and exit statuses (0 ok, 1 database, 2 usage).

mod cli;

use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    eprintln!("{cli:?}");
}
