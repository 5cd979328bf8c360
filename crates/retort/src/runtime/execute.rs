//! The step loop: the plan's [transaction schedule](crate::revision::schedule)
//! walked against the database, each section with its version-table change
//! and log row in the same transaction, and a failure reported with the
//! file, the line and what the table now holds.

use super::checksums::edited_migrations;
use super::report::{RunReport, StepEvent, StepReport};
use super::{Interrupt, RuntimeOptions, ScriptLookup};
use crate::db::log::LogDirection;
use crate::db::{Database, DbError, EditedMigration, LogEntry, MigrationFailure, SqlValue};
use crate::revision::schedule::{schedule, Action};
use crate::revision::{Direction, Plan, PlanStep, StepKind};
use crate::script::{no_transaction_flags, step_scripts, Section, StepScript};
use crate::url::Dialect;
use std::collections::BTreeSet;
use std::time::Instant;

pub(super) fn execute(
    db: &mut dyn Database,
    options: &RuntimeOptions,
    plan: &Plan,
    scripts: &dyn ScriptLookup,
    applied: &[String],
    mut observer: Option<&mut dyn FnMut(&StepEvent<'_>)>,
) -> Result<RunReport, DbError> {
    // Everything up to the first write only reads, so a refusal here
    // leaves the database untouched.
    let heads = db.read_versions(&options.version_table)?;
    let as_set = |v: &[String]| v.iter().cloned().collect::<BTreeSet<_>>();
    if as_set(&heads) != as_set(&plan.start_heads) {
        return Err(DbError::Message(crate::tr!(
            "run-plan-start-mismatch",
            heads = heads.join(", "),
            start = plan.start_heads.join(", ")
        )));
    }
    let steps = step_scripts(plan, |revision| scripts.script(revision)).map_err(|revision| {
        DbError::Message(crate::tr!("run-plan-revision-without-file", revision = revision))
    })?;
    let logged = db.logged_checksums(&options.log_table, &options.version_table.name)?;
    let edited = edited_migrations(&logged, applied, scripts);
    if !edited.is_empty() && !options.allow_edited {
        return Err(DbError::EditedMigrations(edited));
    }

    let mut run = Run {
        version_table_exists: db.table_exists(
            options.version_table.schema.as_deref(),
            &options.version_table.name,
        )?,
        // Made (or brought up to date) before the run's first log row.
        log_table_exists: false,
        db_user: db.current_user()?,
        os_user: crate::db::connect::os_user(),
        pending_purge: plan.purge,
        pending_accepts: edited,
        report: RunReport::default(),
        running: None,
        in_transaction: Vec::new(),
        committed: Vec::new(),
        first_upgrade: plan.start_heads.is_empty(),
        db,
        options,
    };
    run.report.accepted_edits = run
        .pending_accepts
        .iter()
        .map(|e| e.revision.clone())
        .collect();

    // From here a cancel hits a statement of the plan; `failure` and the
    // end of the run (the guard's drop) take that back.
    let _busy = Busy::new(options.interrupt.as_ref());
    let actions = schedule(
        plan,
        &no_transaction_flags(&steps),
        options.transaction_per_migration,
    );
    let total = plan
        .steps
        .iter()
        .filter(|s| s.migration().is_some())
        .count();
    for action in actions {
        let step = action.step().map(|i| (&plan.steps[i], steps[i]));
        if let (Action::RunSection { .. }, Some(i), Some((step, script)), Some(observer)) =
            (action, action.step(), step, observer.as_mut())
        {
            let position = plan.steps[..=i]
                .iter()
                .filter(|s| s.migration().is_some())
                .count();
            observer(&StepEvent {
                step,
                script: script.map(|s| s.script),
                position,
                total,
            });
        }
        if options
            .interrupt
            .as_ref()
            .is_some_and(Interrupt::is_requested)
        {
            let error = DbError::Interrupted(crate::tr!("run-interrupted-between-steps"));
            return Err(run.failure(step, error));
        }
        run.perform(action, step)
            .map_err(|e| run.failure(step, e))?;
    }
    // A purge or accepted edits with no step to ride along with.
    if run.pending_purge || !run.pending_accepts.is_empty() {
        run.open_transaction().map_err(|e| run.failure(None, e))?;
        run.db.commit().map_err(|e| run.failure(None, e))?;
    }
    run.report.heads = run.db.read_versions(&run.options.version_table)?;
    Ok(run.report)
}

/// The step running: its index, and when it started.
struct Running {
    step: usize,
    started_at: chrono::DateTime<chrono::Utc>,
    clock: Instant,
}

struct Run<'a> {
    db: &'a mut dyn Database,
    options: &'a RuntimeOptions,
    version_table_exists: bool,
    log_table_exists: bool,
    db_user: Option<String>,
    os_user: Option<String>,
    pending_purge: bool,
    pending_accepts: Vec<EditedMigration>,
    running: Option<Running>,
    report: RunReport,
    /// The steps whose work is in the open transaction ("upgrade r1"), so
    /// that a rollback can say what it undid.
    in_transaction: Vec<String>,
    /// The steps committed so far in this run.
    committed: Vec<String>,
    /// The run started from an empty version table.
    first_upgrade: bool,
}

impl Run<'_> {
    /// One action of the schedule; `step` is the step it is done for, with
    /// what it runs.
    fn perform(
        &mut self,
        action: Action,
        step: Option<(&PlanStep, Option<StepScript<'_>>)>,
    ) -> Result<(), DbError> {
        let section = step.and_then(|(_, script)| script).map(|s| s.section);
        match action {
            Action::Begin { .. } => self.open_transaction(),
            Action::Commit { step: index } => {
                self.db.commit()?;
                self.committed.append(&mut self.in_transaction);
                // A step that commits on its own is done once committed.
                if let (Some(index), Some(running)) = (index, &self.running) {
                    if running.step == index {
                        let duration = running.clock.elapsed();
                        if let Some(last) = self.report.steps.last_mut() {
                            last.duration = duration;
                        }
                    }
                }
                Ok(())
            }
            Action::CreateVersionTable { .. } => {
                if !self.version_table_exists {
                    self.db.create_version_table(&self.options.version_table)?;
                    self.version_table_exists = true;
                }
                Ok(())
            }
            Action::RunSection {
                step: index,
                autocommit,
            } => {
                if let (false, Some((plan_step, _))) = (autocommit, step) {
                    self.in_transaction.push(describe(plan_step));
                }
                let file = step
                    .and_then(|(_, s)| s)
                    .map(|s| s.script.path.display().to_string())
                    .unwrap_or_default();
                let step = index;
                self.running = Some(Running {
                    step,
                    started_at: chrono::Utc::now(),
                    clock: Instant::now(),
                });
                match section {
                    Some(section) if autocommit => {
                        let invalid = super::invalid_indexes::named_by(self.db, section)?;
                        if !invalid.is_empty() {
                            return Err(super::invalid_indexes::refusal(&invalid, &file));
                        }
                        let saved = self.set_timeouts(false)?;
                        let result = self.db.execute_autocommit(&section.body);
                        self.restore_timeouts(saved, result)
                    }
                    Some(section) => {
                        self.set_timeouts(true)?;
                        self.db.execute_script(&section.body)
                    }
                    None => Ok(()),
                }
            }
            Action::WriteVersionRow { step: index } => {
                let (plan_step, _) = step.expect("a version row is written for a step");
                let running = self
                    .running
                    .as_ref()
                    .filter(|r| r.step == index)
                    .expect("a step's version row follows its section");
                let (started_at, clock) = (running.started_at, running.clock);
                let elapsed = clock.elapsed();
                let described = describe(plan_step);
                if !self.in_transaction.contains(&described) {
                    self.in_transaction.push(described);
                }
                self.record(plan_step, section, started_at, elapsed)?;
                self.report.steps.push(StepReport {
                    step: plan_step.clone(),
                    duration: clock.elapsed(),
                });
                Ok(())
            }
        }
    }

    /// The migration timeouts (PostgreSQL's `lock_timeout` and
    /// `statement_timeout`) for the section about to run: `SET LOCAL` in a
    /// transaction, which ends with it; for a section outside one, set for
    /// the session, returning the values to put back after it.
    fn set_timeouts(&mut self, in_transaction: bool) -> Result<Option<SavedTimeouts>, DbError> {
        if self.db.dialect() != Dialect::Postgres {
            return Ok(None);
        }
        let settings = [
            ("lock_timeout", self.options.migration_lock_timeout),
            (
                "statement_timeout",
                self.options.migration_statement_timeout,
            ),
        ];
        if settings.iter().all(|(_, value)| value.is_none()) {
            return Ok(None);
        }
        let saved = if in_transaction {
            None
        } else {
            let row = self.db.query_text(
                "SELECT current_setting('lock_timeout'), current_setting('statement_timeout')",
                &[],
            )?;
            let value = |i: usize| row.first().and_then(|r| r.get(i).cloned().flatten());
            Some(SavedTimeouts {
                lock_timeout: value(0).unwrap_or_else(|| "0".to_string()),
                statement_timeout: value(1).unwrap_or_else(|| "0".to_string()),
            })
        };
        let scope = if in_transaction { "LOCAL " } else { "" };
        for (name, value) in settings {
            if let Some(value) = value {
                // 0 would turn the server's limit off: a millisecond is the least.
                let ms = value.as_millis().clamp(1, i32::MAX as u128);
                self.db
                    .execute_script(&format!("SET {scope}{name} = '{ms}ms'"))?;
            }
        }
        Ok(saved)
    }

    /// Puts back the session's timeouts after a section run outside a
    /// transaction; the section's own error comes first.
    fn restore_timeouts(
        &mut self,
        saved: Option<SavedTimeouts>,
        result: Result<(), DbError>,
    ) -> Result<(), DbError> {
        let Some(saved) = saved else {
            return result;
        };
        let restored = self.db.query_text(
            "SELECT set_config('lock_timeout', $1, false), set_config('statement_timeout', $2, false)",
            &[
                SqlValue::Text(saved.lock_timeout),
                SqlValue::Text(saved.statement_timeout),
            ],
        );
        result.and(restored.map(|_| ()))
    }

    /// Begins a transaction unless one is open, and makes the writes that
    /// wait for the first transaction: the purge and accepted edits.
    fn open_transaction(&mut self) -> Result<(), DbError> {
        if !self.db.in_transaction() {
            self.db.begin()?;
        }
        if self.pending_purge {
            if self.version_table_exists {
                self.db.purge_versions(&self.options.version_table)?;
            }
            self.pending_purge = false;
        }
        for edit in std::mem::take(&mut self.pending_accepts) {
            let mut entry = self.log_entry(
                &edit.revision,
                LogDirection::AcceptEdit,
                None,
                chrono::Utc::now(),
                0,
            );
            entry.checksum = Some(edit.current_checksum);
            entry.section_text = Some(edit.current_text);
            self.append_log(&entry)?;
        }
        Ok(())
    }

    /// The version-table change and log rows of one step, in the open
    /// transaction.
    fn record(
        &mut self,
        step: &PlanStep,
        section: Option<&Section>,
        started_at: chrono::DateTime<chrono::Utc>,
        elapsed: std::time::Duration,
    ) -> Result<(), DbError> {
        for op in &step.version_ops {
            self.db.apply_version_op(&self.options.version_table, op)?;
        }
        let duration_ms = i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX);
        let entries: Vec<LogEntry> = match &step.kind {
            StepKind::Migration {
                revision,
                direction,
            } => {
                let direction = match direction {
                    Direction::Up => LogDirection::Up,
                    Direction::Down => LogDirection::Down,
                };
                vec![self.log_entry(revision, direction, section, started_at, duration_ms)]
            }
            StepKind::Stamp { from, to } => {
                let stamped = to.iter().map(|r| (r, LogDirection::Stamp));
                let unstamped = from
                    .iter()
                    .filter(|r| !to.contains(r))
                    .map(|r| (r, LogDirection::Unstamp));
                stamped
                    .chain(unstamped)
                    .map(|(r, d)| self.log_entry(r, d, None, started_at, duration_ms))
                    .collect()
            }
        };
        for entry in &entries {
            self.append_log(entry)?;
        }
        Ok(())
    }

    fn append_log(&mut self, entry: &LogEntry) -> Result<(), DbError> {
        if !self.log_table_exists {
            self.db.create_log_table(&self.options.log_table)?;
            self.log_table_exists = true;
        }
        self.db.append_log(&self.options.log_table, entry)
    }

    fn log_entry(
        &self,
        revision: &str,
        direction: LogDirection,
        section: Option<&Section>,
        started_at: chrono::DateTime<chrono::Utc>,
        duration_ms: i64,
    ) -> LogEntry {
        LogEntry {
            revision: revision.to_string(),
            direction,
            checksum: section.map(Section::checksum),
            // The text is what a later edit is shown against, so only
            // upgrades (whose checksums are compared) keep it.
            section_text: section
                .filter(|_| direction == LogDirection::Up)
                .map(Section::normalized_body),
            version_table: self.options.version_table.name.clone(),
            tag: self.options.tag.clone(),
            started_at,
            duration_ms,
            db_user: self.db_user.clone(),
            os_user: self.os_user.clone(),
            retort_version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }

    /// Rolls back what is open and says what failed, where, and what the
    /// database now holds: asked of the server, never assumed.
    fn failure(
        &mut self,
        step: Option<(&PlanStep, Option<StepScript<'_>>)>,
        error: DbError,
    ) -> DbError {
        // No cancel may reach the rollback or the reads below.
        let interrupt = self.options.interrupt.as_ref();
        if let Some(interrupt) = interrupt {
            interrupt.set_busy(false);
        }
        let interrupted = interrupt.is_some_and(Interrupt::is_requested);
        let script = step.and_then(|(_, script)| script);
        let section = script.map(|s| s.section);
        // The section itself failed, outside any transaction.
        let autocommit = section.is_some_and(|s| s.no_transaction)
            && !self.db.in_transaction()
            && matches!(error, DbError::Statement(_));
        let open_by_our_count = self.db.in_transaction();
        let open_on_server = self.db.server_transaction_open();
        // Asked after the probe: a server that ended the session has
        // closed the socket by the time the probe fails.
        let lost = self.db.connection_lost();
        let rollback_error = match open_on_server {
            Some(true) => self.db.rollback().err(),
            // Nothing (or nothing known) to roll back: a ROLLBACK would
            // only make a warning, or fail on a closed connection.
            _ => {
                if open_by_our_count && !lost {
                    let _ = self.db.rollback();
                }
                None
            }
        };
        let rolled_back = open_on_server == Some(true) && rollback_error.is_none();
        // What was planned but not yet written is gone with the rollback.
        if !lost {
            self.version_table_exists = self
                .db
                .table_exists(
                    self.options.version_table.schema.as_deref(),
                    &self.options.version_table.name,
                )
                .unwrap_or(self.version_table_exists);
        }
        self.log_table_exists = false;
        let version_table_now = if lost {
            Err(crate::tr!("run-connection-lost"))
        } else {
            self.db
                .read_versions(&self.options.version_table)
                .map_err(|e| e.to_string())
        };

        let (action, revision) = match step.map(|(s, _)| &s.kind) {
            Some(StepKind::Migration {
                revision,
                direction,
            }) => (direction.verb(), revision.clone()),
            Some(StepKind::Stamp { to, .. }) => ("stamp", to.join(", ")),
            None => ("commit", String::new()),
        };
        let (message, statement_line, sqlstate) = match &error {
            DbError::Statement(e) => (e.message.clone(), e.line, e.sqlstate.clone()),
            other => (other.to_string(), None, None),
        };
        let (line, line_is_exact) = match (section, statement_line) {
            (Some(section), Some(line)) => (Some(section_line(section, line)), true),
            (Some(section), None) => (Some(section.first_line), false),
            (None, _) => (None, false),
        };
        let mut message = if interrupted && !matches!(error, DbError::Interrupted(_)) {
            crate::tr!("run-interrupted-statement-cancelled", message = message)
        } else {
            message
        };
        message.push_str(&self.timeout_hint(sqlstate.as_deref(), interrupted));

        let mut state = Vec::new();
        let undone = std::mem::take(&mut self.in_transaction);
        if lost {
            state.push(if open_by_our_count && !undone.is_empty() {
                crate::tr!("run-connection-lost-nothing-committed", steps = list(&undone))
            } else {
                crate::tr!("run-connection-lost")
            });
        } else if rolled_back {
            state.push(match undone.as_slice() {
                [] => crate::tr!("run-open-transaction-rolled-back"),
                [only] if Some(only) == step.map(|(s, _)| describe(s)).as_ref() => {
                    crate::tr!("run-step-rolled-back", step = only)
                }
                _ => crate::tr!("run-run-rolled-back", steps = list(&undone)),
            });
        } else if open_by_our_count && open_on_server == Some(false) {
            state.push(crate::tr!("run-transaction-ended-by-migration"));
        }
        if let Some(e) = &rollback_error {
            state.push(crate::tr!("run-rollback-failed", reason = e.to_string()));
        }
        if autocommit && !lost {
            if let Some(section) = section {
                state.push(self.committed_statements(section, statement_line, script, &revision));
            }
        }
        if !self.committed.is_empty() && !lost {
            state.push(crate::tr!(
                "run-committed-earlier",
                steps = list(&self.committed)
            ));
        }
        if autocommit && !lost {
            if let Some(section) = section {
                let invalid =
                    super::invalid_indexes::named_by(self.db, section).unwrap_or_default();
                if !invalid.is_empty() {
                    let names: Vec<&str> = invalid.iter().map(|i| i.qualified.as_str()).collect();
                    state.push(crate::tr!(
                        "run-invalid-index-left",
                        indexes = names.join(", "),
                        statements = super::invalid_indexes::drop_statements(&invalid)
                    ));
                }
            }
        }
        let place = match (script, line) {
            (Some(s), Some(line)) => Some(format!("{}:{line}", s.script.path.display())),
            (Some(s), None) => Some(s.script.path.display().to_string()),
            _ => None,
        };
        let hint = super::advice::hint(&super::advice::Doing {
            sqlstate: sqlstate.as_deref(),
            action,
            revision: &revision,
            place,
            first_upgrade: self.first_upgrade && action == "upgrade",
            transactional: !section.is_some_and(|s| s.no_transaction),
            db_user: self.db_user.as_deref(),
        });
        DbError::Migration(Box::new(MigrationFailure {
            action: action.to_string(),
            revision,
            file: script.map(|s| s.script.path.clone()),
            line,
            line_is_exact,
            message,
            sqlstate,
            interrupted,
            version_table_now,
            version_table_reread: false,
            rolled_back,
            connection_lost: lost,
            state,
            hint,
        }))
    }

    /// Which of the migration timeouts ended a statement, when one did.
    fn timeout_hint(&self, sqlstate: Option<&str>, interrupted: bool) -> String {
        let seconds = |d: std::time::Duration| d.as_secs_f64();
        match (sqlstate, interrupted) {
            (Some(LOCK_NOT_AVAILABLE), _) => match self.options.migration_lock_timeout {
                Some(t) => format!(
                    "\n{}",
                    crate::tr!("run-hint-migration-lock-timeout", seconds = seconds(t))
                ),
                None => format!("\n{}", crate::tr!("run-hint-server-lock-timeout")),
            },
            (Some(QUERY_CANCELED), false) => match self.options.migration_statement_timeout {
                Some(t) => format!(
                    "\n{}",
                    crate::tr!("run-hint-statement-timeout", seconds = seconds(t))
                ),
                None => String::new(),
            },
            _ => String::new(),
        }
    }
}

/// PostgreSQL's code for a lock not obtained within `lock_timeout`.
pub(super) const LOCK_NOT_AVAILABLE: &str = "55P03";
/// PostgreSQL's code for a statement cancelled (timeout or request).
pub(super) const QUERY_CANCELED: &str = "57014";

/// A session's timeouts before a section outside a transaction changed them.
struct SavedTimeouts {
    lock_timeout: String,
    statement_timeout: String,
}

/// Marks the run as executing its plan while alive (see [`Interrupt`]).
struct Busy<'a>(Option<&'a Interrupt>);

impl<'a> Busy<'a> {
    fn new(interrupt: Option<&'a Interrupt>) -> Busy<'a> {
        if let Some(interrupt) = interrupt {
            interrupt.set_busy(true);
        }
        Busy(interrupt)
    }
}

impl Drop for Busy<'_> {
    fn drop(&mut self) {
        if let Some(interrupt) = self.0 {
            interrupt.set_busy(false);
        }
    }
}

impl Run<'_> {
    /// For a failed `no-transaction` section: which of its statements ran
    /// and stay committed, and what to do about them.
    fn committed_statements(
        &self,
        section: &Section,
        failed_line_in_body: Option<usize>,
        script: Option<StepScript<'_>>,
        revision: &str,
    ) -> String {
        let lines: Vec<usize> = match failed_line_in_body {
            Some(failed) => crate::sql::split::split_postgres(&section.body)
                .iter()
                .map(|span| crate::sql::split::line_of_byte(&section.body, span.first_token))
                .filter(|&line| line < failed)
                .map(|line| section_line(section, line))
                .collect(),
            None => Vec::new(),
        };
        let file = script
            .map(|s| s.script.path.display().to_string())
            .unwrap_or_default();
        if lines.is_empty() && failed_line_in_body.is_some() {
            return crate::tr!("run-no-transaction-nothing-committed", revision = revision);
        }
        if lines.is_empty() {
            return crate::tr!("run-no-transaction-earlier-committed", revision = revision);
        }
        let lines = lines
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        crate::tr!(
            "run-no-transaction-committed-at",
            file = file,
            lines = lines,
            revision = revision
        )
    }
}

/// "upgrade r1", "downgrade r2", "stamp r3".
fn describe(step: &PlanStep) -> String {
    match &step.kind {
        StepKind::Migration {
            revision,
            direction,
        } => crate::tr!(
            "run-step",
            action = crate::db::action_word(direction.verb()),
            revision = revision
        ),
        StepKind::Stamp { to, .. } => crate::tr!(
            "run-step",
            action = crate::db::action_word("stamp"),
            revision = to.join(", ")
        ),
    }
}

/// "a", "a and b", "a, b and c".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => crate::tr!(
            "run-list-and",
            rest = rest.join(&crate::tr!("run-list-separator")),
            last = last
        ),
    }
}

/// A line within a section's body as a line of its file.
fn section_line(section: &Section, line_in_body: usize) -> usize {
    section.first_line + line_in_body.saturating_sub(1)
}
