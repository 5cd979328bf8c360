//! The `retort` command: parses the command line, runs the command, and turns
//! errors into messages and exit statuses (0 ok, 1 database, 2 usage).

mod cli;
mod commands;
mod format;

use clap::Parser;
use cli::{Cli, Command};
use commands::{inspect, migrate, Context};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = Context {
        global: cli.global.clone(),
    };
    match run(&ctx, &cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(error.exit_code() as u8)
        }
    }
}

fn run(ctx: &Context, command: &Command) -> retort::Result<()> {
    match command {
        Command::Heads {
            verbose,
            resolve_dependencies,
        } => inspect::heads(ctx, *verbose, *resolve_dependencies),
        Command::Branches { verbose } => inspect::branches(ctx, *verbose),
        Command::History {
            rev_range,
            verbose,
            indicate_current: _,
            connection: _,
        } => inspect::history(&ctx.project()?, rev_range.as_deref(), *verbose, None),
        Command::Show { rev, connection: _ } => inspect::show(&ctx.project()?, rev, &[]),
        Command::Upgrade(args) => migrate::migrate(ctx, migrate::Verb::Upgrade, args),
        Command::Downgrade(args) => migrate::migrate(ctx, migrate::Verb::Downgrade, args),
        Command::Stamp(args) => migrate::stamp(ctx, args),
        Command::EnsureVersion { sql, connection: _ } => migrate::ensure_version(ctx, *sql),
        _ => Err(retort::Error::Usage("not implemented yet".to_string())),
    }
}
