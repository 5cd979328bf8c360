//! `--fleet [NAME]` and `--targets FILE` on upgrade, downgrade, stamp,
//! current and pending: the targets listed, the run through the library's
//! pool, and the exit status (1 when any target failed; for `pending`, 3
//! when any is behind).

use super::fleet_report::{print_report, LiveLine};
use super::Context;
use crate::cli::{ConnectionArgs, FleetArgs, RunArgs, ScratchArgs};
use crate::signals;
use retort::backup::{BackupError, BackupMade, BeforeRun, DataLoss};
use retort::fleet::{list_fleet, read_targets_file, run_fleet, FleetCommand, FleetOptions};
use retort::fleet::{FleetTarget, TargetStatus, DEFAULT_JOBS};
use retort::project::Project;
use retort::{Error, Result};
use std::process::ExitCode;
use std::sync::Arc;

/// What a fleet command brings besides the fleet options.
pub struct FleetRun<'a> {
    pub command: FleetCommand,
    pub connection: &'a ConnectionArgs,
    /// None for the commands that only read (current, pending).
    pub run: Option<&'a RunArgs>,
    pub tag: Option<&'a str>,
    /// `--yes`: a downgrade may drop data.
    pub yes: bool,
    /// `check`: its scratch options; the command is then a check, whose
    /// settings need the project.
    pub check: Option<&'a ScratchArgs>,
}

impl<'a> FleetRun<'a> {
    /// A command that only reads the version table.
    pub fn reading(command: FleetCommand, connection: &'a ConnectionArgs) -> FleetRun<'a> {
        FleetRun {
            command,
            connection,
            run: None,
            tag: None,
            yes: false,
            check: None,
        }
    }
}

/// The fleet options given without `--fleet` or `--targets`: a mistake to name.
pub fn refuse_stray_options(args: &FleetArgs) -> Result<()> {
    let stray = [
        (args.jobs.is_some(), "--jobs"),
        (args.jobs_per_server.is_some(), "--jobs-per-server"),
        (args.fail_fast, "--fail-fast"),
        (args.max_failures.is_some(), "--max-failures"),
        (args.canary.is_some(), "--canary"),
    ];
    match stray.iter().find(|(given, _)| *given) {
        Some((_, flag)) if !args.requested() => Err(Error::Usage(retort::tr!(
            "fleet-option-needs-fleet",
            flag = flag
        ))),
        _ => Ok(()),
    }
}

pub fn run(ctx: &Context, args: &FleetArgs, what: FleetRun<'_>) -> Result<ExitCode> {
    let project = ctx.project()?;
    let mut connect = ctx.connect_options(&project, what.connection);
    // Server notices of hundreds of targets at once would be noise.
    connect.server_notices = None;
    let (targets, configured_jobs, jobs_per_server) = targets(&project, args, &connect)?;
    if targets.is_empty() {
        return Err(Error::Usage(retort::tr!("fleet-no-targets")));
    }
    let (interrupt, _watching) = signals::watch_run();
    let stopped = interrupt.clone();
    let run = what.run.cloned().unwrap_or_default();
    let no_questions = NoQuestions {
        yes: what.yes,
        quiet: ctx.global.quiet,
    };
    let settings = super::migrate::run_settings(
        &run,
        connect.clone(),
        Arc::new(no_questions),
        interrupt,
        what.tag,
    );
    let options = FleetOptions {
        jobs: args
            .jobs
            .map(usize::from)
            .or(configured_jobs)
            .unwrap_or(DEFAULT_JOBS),
        jobs_per_server: args.jobs_per_server.map(usize::from).or(jobs_per_server),
        fail_fast: args.fail_fast,
        max_failures: args.max_failures.map(|max| max.of(targets.len())),
        canary: args.canary.map_or(0, |n| n as usize),
        settings,
    };
    ctx.say(&if options.canary > 0 {
        retort::tr!(
            "fleet-header-canaries",
            count = targets.len(),
            jobs = options.jobs,
            canaries = options.canary
        )
    } else {
        retort::tr!("fleet-header", count = targets.len(), jobs = options.jobs)
    });
    let command = match what.check {
        Some(scratch) => FleetCommand::Check(Box::new(super::autogen::settings(
            ctx,
            &project,
            what.connection,
            scratch,
        )?)),
        None => what.command,
    };
    let live = LiveLine::start(targets.len(), ctx.global.quiet);
    let report = run_fleet(&project, &targets, &command, &options, &|outcome| {
        live.finished(outcome)
    });
    live.finish();
    print_report(ctx, &command, &report);
    if stopped.is_requested() {
        // The records above say where each target stands.
        return Err(Error::Database(retort::DbError::Interrupted(retort::tr!(
            "fleet-interrupted-skipped",
            count = report.count(TargetStatus::Skipped)
        ))));
    }
    Ok(if report.count(TargetStatus::Failed) > 0 {
        ExitCode::from(1)
    } else if report.count(TargetStatus::Behind) > 0 {
        ExitCode::from(super::pending::BEHIND)
    } else {
        ExitCode::SUCCESS
    })
}

/// The targets, and the fleet's own `jobs` and `jobs_per_server`.
fn targets(
    project: &Project,
    args: &FleetArgs,
    connect: &retort::ConnectOptions,
) -> Result<(Vec<FleetTarget>, Option<usize>, Option<usize>)> {
    if let Some(file) = &args.targets {
        return Ok((read_targets_file(file)?, None, None));
    }
    let name = args.fleet.as_deref().filter(|n| !n.is_empty());
    let fleets = &project.config.fleets;
    let Some(fleet) = fleets.iter().find(|f| f.name.as_deref() == name) else {
        let known: Vec<String> = fleets.iter().map(|f| f.table_name()).collect();
        let wanted = match name {
            Some(name) => format!("[fleet.{name}]"),
            None => "[fleet]".to_string(),
        };
        let path = &project.config.path;
        return Err(Error::Usage(if known.is_empty() {
            retort::tr!("fleet-unknown-no-fleets", path = path, wanted = wanted)
        } else {
            retort::tr!(
                "fleet-unknown-known",
                path = path,
                wanted = wanted,
                known = known.join(&retort::tr!("run-list-separator"))
            )
        }));
    };
    let targets = list_fleet(fleet, project.config.url.as_deref(), connect)?;
    Ok((targets, fleet.jobs, fleet.jobs_per_server))
}

/// Nobody can answer a question for hundreds of targets at once: a
/// downgrade that would drop data goes on with `--yes` and stops that
/// target (nothing changed) without it.
#[derive(Debug)]
struct NoQuestions {
    yes: bool,
    quiet: bool,
}

impl BeforeRun for NoQuestions {
    fn confirm_data_loss(&self, losses: &[DataLoss]) -> std::result::Result<bool, BackupError> {
        if self.yes {
            return Ok(true);
        }
        let what: Vec<String> = losses.iter().map(ToString::to_string).collect();
        Err(BackupError::Prompt(retort::tr!(
            "fleet-downgrade-drops-data",
            losses = what.join("; ")
        )))
    }

    fn backup_made(&self, made: &BackupMade) {
        if !self.quiet {
            crate::progress::eprintln(&retort::tr!("fleet-backup-made", path = &made.file.path));
        }
    }
}
