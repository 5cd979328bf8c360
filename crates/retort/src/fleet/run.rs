//! One command on every target of a fleet: canary targets first when
//! asked, then the rest through the pool, stopping early only as the
//! options say.

use super::outcome::{FleetReport, TargetOutcome, TargetStatus};
use super::pool::{run_pool, PoolLimits};
use super::target::FleetTarget;
use crate::project::{Project, RunSettings, Target};
use crate::runtime::Interrupt;
use crate::Result;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Targets migrated at once unless `--jobs` says: enough to overlap the
/// round trips, few enough not to crowd a server's connection slots.
pub const DEFAULT_JOBS: usize = 4;

/// What to do on every target.
#[derive(Debug, Clone)]
pub enum FleetCommand {
    Upgrade(String),
    Downgrade(String),
    Stamp { revisions: Vec<String>, purge: bool },
    /// Read the version table.
    Current,
    /// Read the version table and count the revisions not applied.
    Pending,
    /// Compare each database (at its heads) with the target schema; a
    /// database that differs fails with its differences.
    #[cfg(feature = "autogenerate")]
    Check(Box<crate::autogen::Settings>),
}

/// How a fleet run is bounded and when it stops.
#[derive(Debug, Clone)]
pub struct FleetOptions {
    pub jobs: usize,
    pub jobs_per_server: Option<usize>,
    /// Stop starting targets after the first failure.
    pub fail_fast: bool,
    /// Stop starting targets once this many failed.
    pub max_failures: Option<usize>,
    /// Run this many targets first, and the rest only if none of them failed.
    pub canary: usize,
    /// How each target is run. Its `interrupt` stops the whole fleet: the
    /// running targets' statements are cancelled and no new one starts.
    pub settings: RunSettings,
}

impl Default for FleetOptions {
    fn default() -> Self {
        FleetOptions {
            jobs: DEFAULT_JOBS,
            jobs_per_server: None,
            fail_fast: false,
            max_failures: None,
            canary: 0,
            settings: RunSettings::default(),
        }
    }
}

/// Runs `command` on every target; `finished` hears of each target as it
/// ends (from a worker thread), for a progress line. Never fails as a
/// whole: each target's error is in its record.
pub fn run_fleet(
    project: &Project,
    targets: &[FleetTarget],
    command: &FleetCommand,
    options: &FleetOptions,
    finished: &(dyn Fn(&TargetOutcome) + Sync),
) -> FleetReport {
    let started = Instant::now();
    let stop = AtomicBool::new(false);
    let failures = AtomicUsize::new(0);
    let running = Running::default();
    let master = options.settings.interrupt.clone();
    let on_done = |outcome: &TargetOutcome| {
        if outcome.status == TargetStatus::Failed {
            let failed = failures.fetch_add(1, Ordering::SeqCst) + 1;
            if options.fail_fast || options.max_failures.is_some_and(|max| failed >= max) {
                stop.store(true, Ordering::SeqCst);
            }
        }
        finished(outcome);
    };
    let work = |index: usize, target: &FleetTarget| {
        let interrupt = Interrupt::new();
        running.add(index, &interrupt);
        let outcome = run_target(project, index, target, command, options, &interrupt);
        running.remove(index);
        outcome
    };
    let limits = PoolLimits {
        jobs: options.jobs,
        jobs_per_server: options.jobs_per_server,
        stop: &stop,
    };
    let canary = options.canary.min(targets.len());
    let mut results = Vec::with_capacity(targets.len());
    let watching = AtomicBool::new(true);
    let mut elapsed = Duration::ZERO;
    std::thread::scope(|scope| {
        if let Some(master) = &master {
            scope.spawn(|| forward_interrupt(master, &running, &stop, &watching));
        }
        results = run_pool(&targets[..canary], &limits, &work, &on_done);
        let canary_failed = results.iter().flatten().any(|o| o.status == TargetStatus::Failed);
        if canary_failed {
            stop.store(true, Ordering::SeqCst);
        }
        results.extend(run_pool(&targets[canary..], &limits, &work, &on_done));
        // Before the watcher's last nap: the run is over.
        elapsed = started.elapsed();
        watching.store(false, Ordering::SeqCst);
    });
    let outcomes = results
        .into_iter()
        .enumerate()
        .map(|(index, outcome)| outcome.unwrap_or_else(|| skipped(index, &targets[index])))
        .collect();
    FleetReport { outcomes, elapsed }
}

/// The interrupts of the targets running now, so that a stop reaches them.
#[derive(Default)]
struct Running(Mutex<Vec<(usize, Interrupt)>>);

impl Running {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(usize, Interrupt)>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
    fn add(&self, index: usize, interrupt: &Interrupt) {
        self.lock().push((index, interrupt.clone()));
    }
    fn remove(&self, index: usize) {
        self.lock().retain(|(i, _)| *i != index);
    }
}

/// Passes a stop of the whole run on to every running target, again
/// every half second while it runs (a cancel that reaches the server
/// between two statements stops nothing).
fn forward_interrupt(master: &Interrupt, running: &Running, stop: &AtomicBool, watching: &AtomicBool) {
    while watching.load(Ordering::SeqCst) {
        if master.is_requested() {
            stop.store(true, Ordering::SeqCst);
            for (_, interrupt) in running.lock().iter() {
                interrupt.request();
            }
            std::thread::sleep(Duration::from_millis(500));
        } else {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn skipped(index: usize, target: &FleetTarget) -> TargetOutcome {
    TargetOutcome {
        index,
        target: target.clone(),
        status: TargetStatus::Skipped,
        heads: Vec::new(),
        steps: 0,
        error: None,
        duration: Duration::ZERO,
    }
}

fn run_target(
    project: &Project,
    index: usize,
    target: &FleetTarget,
    command: &FleetCommand,
    options: &FleetOptions,
    interrupt: &Interrupt,
) -> TargetOutcome {
    let started = Instant::now();
    let mut settings = options.settings.clone();
    settings.interrupt = Some(interrupt.clone());
    let tenant;
    let project = match &target.schema {
        Some(schema) => {
            tenant = project.with_version_table_schema(schema);
            &tenant
        }
        None => project,
    };
    let (status, heads, steps, error) = match run_command(project, target, command, &settings) {
        Ok((status, heads, steps)) => (status, heads, steps, None),
        Err(e) => (TargetStatus::Failed, heads_after(&e), 0, Some(describe(&e))),
    };
    TargetOutcome {
        index,
        target: target.clone(),
        status,
        heads,
        steps,
        error,
        duration: started.elapsed(),
    }
}

/// The error, with each difference when the database drifted.
fn describe(error: &crate::Error) -> String {
    let mut text = error.to_string();
    if let crate::Error::Drift { differences } = error {
        for difference in differences {
            text.push('\n');
            text.push_str(difference);
        }
    }
    text
}

/// What the version table holds after a failed migration, when it is known.
fn heads_after(error: &crate::Error) -> Vec<String> {
    match error {
        crate::Error::Database(crate::db::DbError::Migration(failure)) => {
            failure.version_table_now.clone().unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

fn run_command(
    project: &Project,
    target: &FleetTarget,
    command: &FleetCommand,
    settings: &RunSettings,
) -> Result<(TargetStatus, Vec<String>, usize)> {
    let url = target.connect_url();
    let planned = match command {
        FleetCommand::Upgrade(rev) => Target::Upgrade(rev),
        FleetCommand::Downgrade(rev) => Target::Downgrade(rev),
        FleetCommand::Stamp { revisions, purge } => Target::Stamp {
            revisions,
            purge: *purge,
        },
        FleetCommand::Current => {
            let heads = project.current_heads(&url, &settings.connect)?;
            return Ok((TargetStatus::AtTarget, heads, 0));
        }
        FleetCommand::Pending => {
            let heads = project.current_heads(&url, &settings.connect)?;
            let behind: usize = project
                .pending(&heads)?
                .iter()
                .map(|h| h.revisions.len())
                .sum();
            let status = if behind == 0 {
                TargetStatus::AtTarget
            } else {
                TargetStatus::Behind
            };
            return Ok((status, heads, behind));
        }
        #[cfg(feature = "autogenerate")]
        FleetCommand::Check(check) => return check_target(project, target, &url, check),
    };
    let report = project.run(&url, planned, settings, None)?;
    let status = if report.steps.is_empty() {
        TargetStatus::AtTarget
    } else {
        TargetStatus::Moved
    };
    Ok((status, report.heads, report.steps.len()))
}

#[cfg(feature = "autogenerate")]
fn check_target(
    project: &Project,
    target: &FleetTarget,
    url: &crate::url::DatabaseUrl,
    settings: &crate::autogen::Settings,
) -> Result<(TargetStatus, Vec<String>, usize)> {
    if target.schema.is_some() {
        // Autogenerate reads the schemas `[autogenerate]` names, and loads
        // the target schema as written, not into the tenant's schema.
        return Err(crate::Error::Usage(crate::tr!(
            "fleet-check-no-tenant-schema"
        )));
    }
    let drift = project.check_database(url, settings)?;
    if !drift.in_sync() {
        // In the reader's language, as the error they follow.
        return Err(crate::Error::Drift {
            differences: drift.differences.iter().map(ToString::to_string).collect(),
        });
    }
    Ok((TargetStatus::AtTarget, Vec::new(), 0))
}
