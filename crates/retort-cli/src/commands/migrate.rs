//! Commands that move the version table: upgrade, downgrade, stamp,
//! ensure_version — online, or as a script with --sql.

use super::data_loss_prompt::Prompt;
use super::Context;
use crate::cli::{ConnectionArgs, MigrateArgs, RunArgs, StampArgs};
use crate::progress;
use crate::signals;
use retort::db::ConnectOptions;
use retort::offline::describe_step;
use retort::project::{Project, RunSettings, StepObserver, Target};
use retort::runtime::{Interrupt, StepEvent};
use retort::url::{DatabaseUrl, Dialect};
use retort::{tr, Result};
use std::sync::Arc;

/// Which way a migrate command goes.
pub use retort::revision::Direction as Verb;

/// The dialect an offline script is written in: the URL's.
fn offline_dialect(project: &Project) -> Result<Dialect> {
    Ok(project.config.database_url()?.dialect())
}

fn settings(
    ctx: &Context,
    project: &Project,
    connection: &ConnectionArgs,
    run: &RunArgs,
    interrupt: Interrupt,
    tag: Option<&str>,
    yes: bool,
) -> RunSettings {
    let prompt = Prompt {
        yes,
        quiet: ctx.global.quiet,
    };
    run_settings(
        run,
        ctx.connect_options(project, connection),
        Arc::new(prompt),
        interrupt,
        tag,
    )
}

/// The settings of a run from its options: one database's, or each
/// target's of a fleet (which answers the data-loss question differently).
pub fn run_settings(
    run: &RunArgs,
    connect: ConnectOptions,
    before_run: Arc<dyn retort::backup::BeforeRun>,
    interrupt: Interrupt,
    tag: Option<&str>,
) -> RunSettings {
    RunSettings {
        before_run: Some(before_run),
        connect,
        allow_edited: run.allow_edited,
        lock_timeout: run.lock_timeout,
        migration_lock_timeout: run.migration_lock_timeout,
        migration_statement_timeout: run.migration_statement_timeout,
        migration_lock_retries: run.migration_lock_retries,
        interrupt: Some(interrupt),
        tag: tag.map(str::to_string),
    }
}

/// Names the database a command is about to change, before it connects:
/// with `--env`, `DATABASE_URL` and `--url` all in play, the person at the
/// terminal sees which one won. Never the password.
fn say_target(ctx: &Context, url: &DatabaseUrl, connect: &ConnectOptions) {
    ctx.say(&tr!(
        "cli-database-target",
        target = retort::db::connect::describe_target(url, connect)
    ));
}

/// Says what each step is doing, as Alembic's log does ("Running upgrade
/// a -> b, message"), on stderr.
/// At a terminal, a long run also shows a progress line under them.
fn announcer(quiet: bool) -> Option<StepObserver> {
    if quiet {
        return None;
    }
    let show_progress = progress::wanted(quiet);
    Some(Box::new(move |event: &StepEvent<'_>| {
        let what = describe_step(event.step, event.script);
        let line = match event.script {
            Some(script) => tr!(
                "cli-running-step-with-message",
                step = &what,
                message = &script.message
            ),
            None => tr!("cli-running-step", step = &what),
        };
        if show_progress {
            // The line moves on first, so it is redrawn under its step.
            let message = event.script.map_or(what.as_str(), |s| s.message.as_str());
            progress::step(event.position, event.total, message);
            progress::eprintln(&line);
        } else {
            eprintln!("{line}");
        }
    }))
}

pub fn migrate(ctx: &Context, verb: Verb, args: &MigrateArgs) -> Result<()> {
    if verb == Verb::Down && !args.exec.is_empty() {
        return Err(retort::Error::Usage(tr!("cli-exec-upgrade-only")));
    }
    let project = ctx.project()?;
    if args.sql {
        let dialect = offline_dialect(&project)?;
        print!("{}", project.migrate_sql(verb, &args.revision, dialect)?);
        return Ok(());
    }
    if verb == Verb::Up {
        // Findings are told (and with `[lint] upgrade = "error"` stop the
        // run) before anything is applied.
        let connect = ctx.connect_options(&project, &args.connection);
        super::lint::before_upgrade(
            ctx,
            &project,
            &args.revision,
            &connect,
            args.run.migration_lock_timeout.is_some(),
        )?;
    }
    let target = match verb {
        Verb::Up => Target::Upgrade(&args.revision),
        Verb::Down => Target::Downgrade(&args.revision),
    };
    run(
        ctx,
        &project,
        target,
        &args.connection,
        &args.run,
        args.tag.as_deref(),
        args.yes,
    )
}

/// Runs a target online: names the database, watches for Ctrl-C and
/// SIGTERM while it runs, and prints the report.
fn run(
    ctx: &Context,
    project: &Project,
    target: Target<'_>,
    connection: &ConnectionArgs,
    run: &RunArgs,
    tag: Option<&str>,
    yes: bool,
) -> Result<()> {
    let url = project.config.database_url()?;
    let (interrupt, _watching) = signals::watch_run();
    let settings = settings(ctx, project, connection, run, interrupt, tag, yes);
    say_target(ctx, &url, &settings.connect);
    let report = {
        // Erased before the report, or the error, is printed.
        let _progress = progress::Finish;
        project.run(&url, target, &settings, announcer(ctx.global.quiet))?
    };
    ctx.report_run(&report);
    Ok(())
}

pub fn stamp(ctx: &Context, args: &StampArgs) -> Result<()> {
    let project = ctx.project()?;
    if args.sql {
        let dialect = offline_dialect(&project)?;
        print!(
            "{}",
            project.stamp_sql(&args.revisions, args.purge, dialect)?
        );
        return Ok(());
    }
    let target = Target::Stamp {
        revisions: &args.revisions,
        purge: args.purge,
    };
    run(
        ctx,
        &project,
        target,
        &args.connection,
        &args.run,
        args.tag.as_deref(),
        false,
    )
}

pub fn ensure_version(ctx: &Context, sql: bool, connection: &ConnectionArgs) -> Result<()> {
    let project = ctx.project()?;
    if sql {
        print!("{}", project.ensure_version_sql(offline_dialect(&project)?));
        return Ok(());
    }
    let url = project.config.database_url()?;
    let connect = ctx.connect_options(&project, connection);
    say_target(ctx, &url, &connect);
    project.ensure_version(&url, &connect)
}
