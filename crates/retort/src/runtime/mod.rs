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
mod invalid_indexes;
mod options;
mod report;
mod scripts;

pub use options::RuntimeOptions;
pub use report::{PlannedRun, RunReport, StepEvent, StepObserver, StepReport};
pub use scripts::ScriptLookup;

use crate::db::{connect, ConnectOptions, Database, DbError};
use crate::revision::Plan;
use crate::url::DatabaseUrl;

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
    pub fn new(db: Box<dyn Database + 'c>, options: RuntimeOptions) -> Session<'c> {
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
    pub fn lock(&mut self) -> Result<(), DbError> {
        if !self.locked {
            let name = self.lock_name();
            self.db.lock(&name, self.options.lock_timeout)?;
            self.locked = true;
        }
        Ok(())
    }

    pub fn unlock(&mut self) -> Result<(), DbError> {
        if self.locked {
            let name = self.lock_name();
            self.locked = false;
            self.db.unlock(&name)?;
        }
        Ok(())
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
    plan_for: impl FnOnce(&[String]) -> crate::Result<PlannedRun>,
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
    plan_for: impl FnOnce(&[String]) -> crate::Result<PlannedRun>,
) -> crate::Result<RunReport> {
    let mut session = Session::new(db, options);
    session.observer = observer;
    session.lock()?;
    let heads = session.current_heads()?;
    let planned = plan_for(&heads)?;
    let report = session.execute(&planned.plan, scripts, &planned.applied)?;
    session.unlock()?;
    Ok(report)
}
