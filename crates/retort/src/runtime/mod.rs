//! Executes a [`crate::revision::Plan`] against a live database: the lock,
//! transactions, each section, the version table and the applied-migration log.
//!
//! The order matters, so it is spelled out by the API: connect, take the
//! lock, read the current heads *under the lock*, let the caller plan from
//! them, execute the plan, unlock. [`Session`] is that sequence as an
//! object; [`run`] strings it together for callers with a planning closure.
//!
//! ```no_run
//! # use retort::runtime::*; use retort::db::*; use retort::url::*; use retort::revision::Plan;
//! # fn plan_from(heads: &[String]) -> (Plan, Vec<String>) { unimplemented!() }
//! # fn demo(url: &DatabaseUrl, scripts: &Vec<retort::script::Script>) -> Result<(), DbError> {
//! let mut session = Session::connect(url, &ConnectOptions::default(), RuntimeOptions::default())?;
//! session.lock()?;
//! let heads = session.current_heads()?;
//! let (plan, applied) = plan_from(&heads);
//! session.execute(&plan, scripts, &applied)?;
//! session.unlock()?;
//! # Ok(()) }
//! ```

mod advice;
mod checksums;
mod execute;
mod interrupt;
mod invalid_indexes;
mod options;
mod report;
mod scripts;

pub use interrupt::Interrupt;
pub use options::{Notice, RuntimeOptions};
pub use report::{PlannedRun, RunReport, StepEvent, StepObserver, StepReport};
pub use scripts::ScriptLookup;

use crate::db::{connect, ConnectOptions, Database, DbError, MigrationFailure};
use crate::revision::Plan;
use crate::url::DatabaseUrl;
use interrupt::sleep_unless_interrupted;
use std::time::{Duration, Instant};

/// The first pause between two attempts at the migration lock; each pause
/// doubles up to [`LOCK_POLL_MAX`].
const LOCK_POLL_FIRST: Duration = Duration::from_millis(20);
/// The longest pause between two attempts at the migration lock: how late
/// a waiter may notice that the lock came free.
const LOCK_POLL_MAX: Duration = Duration::from_millis(500);
/// The pause before the first run again of a step that hit
/// `migration_lock_timeout`; it doubles each time, up to [`RETRY_PAUSE_MAX`].
const RETRY_PAUSE_FIRST: Duration = Duration::from_millis(500);
const RETRY_PAUSE_MAX: Duration = Duration::from_secs(30);

/// One connection and the migration lock it holds. The connection may
/// borrow one the caller owns (`'c`), which it leaves with no transaction
/// open and no lock held when the session ends.
pub struct Session<'c> {
    db: Box<dyn Database + 'c>,
    options: RuntimeOptions,
    locked: bool,
    observer: Option<StepObserver>,
}

impl<'c> Session<'c> {
    pub fn new(mut db: Box<dyn Database + 'c>, options: RuntimeOptions) -> Session<'c> {
        if let Some(interrupt) = &options.interrupt {
            interrupt.arm(db.canceller());
        }
        Session {
            db,
            options,
            locked: false,
            observer: None,
        }
    }

    pub fn connect(
        url: &DatabaseUrl,
        connect_options: &ConnectOptions,
        options: RuntimeOptions,
    ) -> Result<Session<'static>, DbError> {
        Ok(Session::new(connect(url, connect_options)?, options))
    }

    pub fn options(&self) -> &RuntimeOptions {
        &self.options
    }

    /// The connection, for what the session does not cover.
    pub fn database(&mut self) -> &mut dyn Database {
        self.db.as_mut()
    }

    /// Called before each step.
    pub fn on_step(&mut self, observer: impl FnMut(&StepEvent<'_>) + Send + 'static) {
        self.observer = Some(Box::new(observer));
    }

    fn lock_name(&self) -> String {
        self.options.version_table.qualified()
    }

    /// Takes the migration lock, waiting up to the options' `lock_timeout`.
    /// Held until [`Session::unlock`] or the session ends, across every
    /// transaction of the run.
    ///
    /// The wait is a series of short attempts with growing pauses (a little
    /// random, so that many waiters do not knock in step), never one
    /// statement that blocks: a waiter inside a statement holds a snapshot,
    /// and the running migration's `CREATE INDEX CONCURRENTLY` would wait
    /// for it while it waits for the migration — a deadlock.
    pub fn lock(&mut self) -> Result<(), DbError> {
        if self.locked {
            return Ok(());
        }
        let name = self.lock_name();
        let interrupt = self.options.interrupt.clone();
        let started = Instant::now();
        let mut pause = LOCK_POLL_FIRST;
        loop {
            if interrupt.as_ref().is_some_and(Interrupt::is_requested) {
                return Err(DbError::Interrupted(crate::tr!("run-interrupted-waiting-for-lock")));
            }
            if self.db.try_lock(&name).map_err(waiting_for_lock)? {
                self.locked = true;
                return Ok(());
            }
            let mut next = pause.mul_f64(rand::Rng::gen_range(&mut rand::thread_rng(), 0.5..1.5));
            if let Some(timeout) = self.options.lock_timeout {
                let waited = started.elapsed();
                if waited >= timeout {
                    return Err(DbError::LockTimeout {
                        what: self.db.lock_description(&name),
                        waited: timeout,
                    });
                }
                next = next.min(timeout - waited);
            }
            sleep_unless_interrupted(interrupt.as_ref(), next);
            pause = (pause * 2).min(LOCK_POLL_MAX);
        }
    }

    pub fn unlock(&mut self) -> Result<(), DbError> {
        if self.locked {
            let name = self.lock_name();
            self.locked = false;
            self.db.unlock(&name)?;
        }
        Ok(())
    }

    /// The step runs again after a pause when it failed only because
    /// `migration_lock_timeout` ran out and its transaction was rolled back
    /// whole: the version table then says exactly what is applied, and
    /// planning again from it redoes nothing that stayed. A section outside
    /// a transaction is never run again: what it did before the timeout
    /// stayed (an invalid index from `CREATE INDEX CONCURRENTLY`).
    fn may_retry(&self, failure: &MigrationFailure, attempt: u32) -> bool {
        attempt < self.options.migration_lock_retries
            && failure.rolled_back
            && !failure.interrupted
            && failure.sqlstate.as_deref() == Some(execute::LOCK_NOT_AVAILABLE)
    }

    pub fn is_locked(&self) -> bool {
        self.locked
    }

    /// The version table's rows in its natural order (Alembic's `downgrade
    /// -1` starts from the first); empty when there is no table yet.
    pub fn current_heads(&mut self) -> Result<Vec<String>, DbError> {
        self.db.read_versions(&self.options.version_table)
    }

    /// Runs the plan. Takes the lock first if the caller has not; the plan
    /// must start from the heads the version table holds now.
    pub fn execute(
        &mut self,
        plan: &Plan,
        scripts: &dyn ScriptLookup,
        applied: &[String],
    ) -> Result<RunReport, DbError> {
        self.lock()?;
        let mut observer = self.observer.take();
        let result = execute::execute(
            self.db.as_mut(),
            &self.options,
            plan,
            scripts,
            applied,
            observer
                .as_mut()
                .map(|o| o.as_mut() as &mut dyn FnMut(&StepEvent<'_>)),
        );
        self.observer = observer;
        result
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        // Ending the connection would release both too; saying so keeps a
        // pooled or long-lived connection clean.
        if self.db.in_transaction() {
            let _ = self.db.rollback();
        }
        let _ = self.unlock();
    }
}

/// The whole sequence: connect, lock, read the heads, plan from them,
/// execute, unlock. Planning errors come back as they are.
pub fn run(
    url: &DatabaseUrl,
    connect_options: &ConnectOptions,
    options: RuntimeOptions,
    scripts: &dyn ScriptLookup,
    plan_for: impl FnMut(&[String]) -> crate::Result<PlannedRun>,
) -> crate::Result<RunReport> {
    let db = crate::db::connect(url, connect_options)?;
    run_on(db, options, scripts, None, plan_for)
}

/// [`run`], on a connection already open, with `observer` told of each
/// step before it runs. The connection is left with no transaction open
/// and the lock released.
pub fn run_on<'c>(
    db: Box<dyn Database + 'c>,
    options: RuntimeOptions,
    scripts: &dyn ScriptLookup,
    observer: Option<StepObserver>,
    plan_for: impl FnMut(&[String]) -> crate::Result<PlannedRun>,
) -> crate::Result<RunReport> {
    run_on_guarded(db, options, scripts, observer, plan_for, &mut |_, _| Ok(()))
}

/// What [`run_on_guarded`] calls once, under the lock, after planning and
/// before the first change, when the plan has steps: the place for checks
/// and backups that must see the database exactly as the run will find
/// it, and may stop the run with nothing changed.
pub type BeforeChanges<'h> = dyn FnMut(&mut dyn Database, &PlannedRun) -> crate::Result<()> + 'h;

/// [`run_on`], with `before_changes` called as [`BeforeChanges`] says. A
/// step run again after a lock timeout is not checked again: the first
/// check saw the database before any change.
pub fn run_on_guarded<'c>(
    db: Box<dyn Database + 'c>,
    options: RuntimeOptions,
    scripts: &dyn ScriptLookup,
    observer: Option<StepObserver>,
    mut plan_for: impl FnMut(&[String]) -> crate::Result<PlannedRun>,
    before_changes: &mut BeforeChanges<'_>,
) -> crate::Result<RunReport> {
    let mut checked = false;
    let mut session = Session::new(db, options);
    session.observer = observer;
    session.lock()?;
    let mut attempt = 0;
    let report = loop {
        // Planned again on each attempt, from what the version table holds
        // now, under the lock still held.
        let heads = session.current_heads()?;
        let planned = plan_for(&heads)?;
        if !checked && !planned.plan.steps.is_empty() {
            before_changes(session.database(), &planned)?;
            checked = true;
        }
        match session.execute(&planned.plan, scripts, &planned.applied) {
            Ok(report) => break report,
            Err(DbError::Migration(failure)) if session.may_retry(&failure, attempt) => {
                let pause = RETRY_PAUSE_FIRST
                    .saturating_mul(1 << attempt.min(16))
                    .min(RETRY_PAUSE_MAX);
                attempt += 1;
                if let Some(notice) = &session.options.notice {
                    notice.say(&crate::tr!(
                        "run-lock-timeout-retry",
                        revision = &failure.revision,
                        pause = format!("{:.1}", pause.as_secs_f64()),
                        attempt = attempt,
                        retries = session.options.migration_lock_retries
                    ));
                }
                if !sleep_unless_interrupted(session.options.interrupt.as_ref(), pause) {
                    return Err(DbError::Migration(failure).into());
                }
            }
            Err(e) => return Err(e.into()),
        }
    };
    session.unlock()?;
    Ok(report)
}

/// An error met while waiting for the migration lock, said so: a server's
/// `lock_timeout` or `statement_timeout` can end one of the attempts.
fn waiting_for_lock(error: DbError) -> DbError {
    match error {
        DbError::Statement(mut e) => {
            if matches!(
                e.sqlstate.as_deref(),
                Some(execute::LOCK_NOT_AVAILABLE | execute::QUERY_CANCELED)
            ) {
                e.message.push('\n');
                e.message.push_str(&crate::tr!("run-lock-wait-ended-by-server-timeout"));
            }
            e.message = crate::tr!("run-while-waiting-for-lock", message = e.message);
            DbError::Statement(e)
        }
        other => other,
    }
}
