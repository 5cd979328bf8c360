//! The `retort` command: parses the command line, runs the command, and turns
//! errors into messages and exit statuses (0 ok, 1 database, 2 usage, 3
//! `pending`: behind).

mod cli;
mod commands;
mod format;
mod localize;
mod progress;
mod signals;

use clap::FromArgMatches;
use cli::{Cli, Command};
use commands::{
    author, autogen, backups, docs, entrypoint, fleet, graph, import, inspect, lint, migrate,
    pending, verify, Context,
};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The language is known before parsing: clap prints the help while
    // parsing.
    match localize::language_of(&args) {
        Ok(language) => retort::i18n::set_language(language),
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    }
    // Parsed with the plain definition first: translating every help text
    // costs a couple of milliseconds, and only the help and a parse error
    // print them; those parse again with the translated definition.
    let parse = |command: clap::Command| {
        command
            .try_get_matches_from(&args)
            .and_then(|matches| Cli::from_arg_matches(&matches))
    };
    let cli = match parse(<Cli as clap::CommandFactory>::command()) {
        Ok(cli) => cli,
        Err(error) if retort::i18n::language() == retort::i18n::Language::English => {
            localize::exit_with(error)
        }
        Err(_) => match parse(localize::command()) {
            Ok(cli) => cli,
            Err(error) => localize::exit_with(error),
        },
    };
    // `--json` is read by programs: its text (error fields included) and
    // the messages around it stay English.
    if cli.global.json {
        retort::i18n::set_language(retort::i18n::Language::English);
    }
    signals::install();
    let ctx = Context {
        global: cli.global.clone(),
    };
    let result = run(&ctx, &cli.command);
    if let Some(status) = signals::caught() {
        if !signals::main_thread_reports() {
            loop {
                // The handler finishes (drops the scratch databases) and
                // exits the process.
                std::thread::park();
            }
        }
        // A run stopped by the signal: its error says where the database
        // stands (what was rolled back, what the version table holds).
        match result {
            Ok(_) => eprintln!("{}", retort::tr!("interrupted-after-finish")),
            Err(error) => eprintln!("{}{error}", retort::tr!("error-prefix")),
        }
        std::process::exit(i32::from(status));
    }
    match result {
        Ok(status) => status,
        Err(error) => {
            // Errors never hold a password: URLs are redacted where they are made.
            eprintln!("{}{error}", retort::tr!("error-prefix"));
            ExitCode::from(error.exit_code() as u8)
        }
    }
}

fn run(ctx: &Context, command: &Command) -> retort::Result<ExitCode> {
    if let Some(status) = run_fleet(ctx, command)? {
        return Ok(status);
    }
    let done: retort::Result<()> = match command {
        Command::Init { directory } => author::init(ctx, directory.as_deref()),
        Command::Revision(args) => author::revision(ctx, args),
        Command::Merge(args) => author::merge(ctx, args),
        Command::Heads {
            verbose,
            resolve_dependencies,
        } => inspect::heads(ctx, *verbose, *resolve_dependencies),
        Command::Branches { verbose } => inspect::branches(ctx, *verbose),
        Command::History {
            rev_range,
            verbose,
            indicate_current,
            connection,
        } => {
            let project = ctx.project()?;
            let needs_database = *indicate_current
                || retort::revision::RevisionMap::history_range_uses_current(rev_range.as_deref());
            let current = if needs_database {
                Some(ctx.current_heads(&project, connection)?)
            } else {
                None
            };
            let marked = if *indicate_current {
                current.as_deref()
            } else {
                None
            };
            inspect::history(
                &project,
                rev_range.as_deref(),
                *verbose,
                current.as_deref(),
                marked,
                ctx.global.json,
            )
        }
        Command::Current {
            verbose,
            check_heads,
            connection,
            ..
        } => inspect::current(ctx, *verbose, *check_heads, connection),
        Command::Graph(args) => graph::graph(ctx, args),
        Command::Show { rev, connection } => {
            let project = ctx.project()?;
            let current = if rev == "current" {
                ctx.current_heads(&project, connection)?
            } else {
                Vec::new()
            };
            inspect::show(&project, rev, &current, ctx.global.json)
        }
        Command::Edit { rev, connection } => {
            let project = ctx.project()?;
            let current = if rev == "current" {
                ctx.current_heads(&project, connection)?
            } else {
                Vec::new()
            };
            author::edit(&project, rev, &current)
        }
        Command::Completions { shell } => docs::completions(*shell),
        Command::Man { subcommand } => docs::man(subcommand.as_deref()),
        Command::Upgrade(args) if !args.exec.is_empty() => return entrypoint::run(ctx, args),
        Command::Upgrade(args) => migrate::migrate(ctx, migrate::Verb::Up, args),
        Command::Downgrade(args) => migrate::migrate(ctx, migrate::Verb::Down, args),
        Command::Stamp(args) => migrate::stamp(ctx, args),
        Command::Backups => backups::list(ctx),
        Command::Verify {
            from,
            to,
            scratch,
            connection,
        } => verify::verify(ctx, connection, scratch, from.clone(), to.clone()),
        Command::Lint(args) => lint::lint(ctx, args),
        Command::Check {
            scratch,
            connection,
            ..
        } => autogen::check(ctx, connection, scratch),
        Command::Diff {
            from,
            to,
            scratch,
            connection,
        } => autogen::diff(ctx, connection, scratch, from.as_deref(), to.as_deref()),
        Command::Erd {
            target,
            from,
            output,
            scratch,
            connection,
        } => autogen::erd(
            ctx,
            connection,
            scratch,
            autogen::ErdSource {
                target: *target,
                from: from.as_deref(),
            },
            output.as_deref(),
        ),
        Command::Import(cli::ImportCommand::Alembic(args)) => import::alembic(ctx, args),
        Command::EnsureVersion { sql, connection } => {
            migrate::ensure_version(ctx, *sql, connection)
        }
        // The one command whose success has two outcomes: at every head
        // (0) or behind (3).
        Command::Pending { connection, .. } => {
            return Ok(if pending::pending(ctx, connection)? {
                ExitCode::from(pending::BEHIND)
            } else {
                ExitCode::SUCCESS
            });
        }
    };
    done.map(|()| ExitCode::SUCCESS)
}

/// The commands given `--fleet` or `--targets`, run on every target; None
/// for a run on one database.
fn run_fleet(ctx: &Context, command: &Command) -> retort::Result<Option<ExitCode>> {
    use retort::fleet::FleetCommand;
    let (args, what) = match command {
        Command::Upgrade(args) | Command::Downgrade(args) => {
            let up = matches!(command, Command::Upgrade(_));
            let what = fleet::FleetRun {
                command: if up {
                    FleetCommand::Upgrade(args.revision.clone())
                } else {
                    FleetCommand::Downgrade(args.revision.clone())
                },
                connection: &args.connection,
                run: Some(&args.run),
                tag: args.tag.as_deref(),
                yes: args.yes,
                check: None,
            };
            if args.fleet.requested() && (args.sql || !args.exec.is_empty()) {
                return Err(retort::Error::Usage(retort::tr!("fleet-no-sql-or-exec")));
            }
            (&args.fleet, what)
        }
        Command::Stamp(args) => {
            if args.fleet.requested() && args.sql {
                return Err(retort::Error::Usage(retort::tr!("fleet-no-sql")));
            }
            let what = fleet::FleetRun {
                command: FleetCommand::Stamp {
                    revisions: args.revisions.clone(),
                    purge: args.purge,
                },
                connection: &args.connection,
                run: Some(&args.run),
                tag: args.tag.as_deref(),
                yes: false,
                check: None,
            };
            (&args.fleet, what)
        }
        Command::Current {
            connection,
            fleet: args,
            check_heads,
            ..
        } => {
            if args.requested() && *check_heads {
                return Err(retort::Error::Usage(retort::tr!("fleet-no-check-heads")));
            }
            (
                args,
                fleet::FleetRun::reading(FleetCommand::Current, connection),
            )
        }
        Command::Pending {
            connection,
            fleet: args,
        } => (
            args,
            fleet::FleetRun::reading(FleetCommand::Pending, connection),
        ),
        Command::Check {
            scratch,
            connection,
            fleet: args,
        } => {
            let mut what = fleet::FleetRun::reading(FleetCommand::Current, connection);
            what.check = Some(scratch);
            (args, what)
        }
        _ => return Ok(None),
    };
    fleet::refuse_stray_options(args)?;
    if !args.requested() {
        return Ok(None);
    }
    fleet::run(ctx, args, what).map(Some)
}
