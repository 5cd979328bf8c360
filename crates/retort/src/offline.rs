//! Renders a [`Plan`] as one SQL script (`--sql`), in the shape Alembic's
//! offline mode gives: the version table's creation whenever a step starts
//! from no heads, a `-- Running ...` comment and the section for each step,
//! the version-table statements after it, and BEGIN/COMMIT where the
//! plan's [transaction schedule](crate::revision::schedule) puts them, the
//! same schedule the online runner follows.

use crate::db::version_table::VersionTable;
use crate::revision::schedule::{schedule, Action};
use crate::revision::{Direction, Plan, PlanStep, StepKind};
use crate::script::{no_transaction_flags, step_scripts, Script};
use crate::url::Dialect;

/// How the script is split into transactions.
#[derive(Debug, Clone)]
pub struct OfflineOptions {
    pub dialect: Dialect,
    pub version_table: VersionTable,
    /// One transaction per revision instead of one for the whole run.
    pub transaction_per_migration: bool,
}

/// Renders `plan`; `script_for` finds the file of each revision the plan runs.
pub fn render<'a>(
    plan: &Plan,
    script_for: impl Fn(&str) -> Option<&'a Script>,
    options: &OfflineOptions,
) -> crate::Result<String> {
    if plan.purge {
        return Err(crate::Error::Usage(crate::tr!("run-purge-with-sql")));
    }
    let steps = step_scripts(plan, script_for).map_err(|revision| {
        crate::Error::Usage(crate::tr!("run-no-migration-file", revision = revision))
    })?;
    crate::script::check_transaction_control(&steps, options.dialect)?;
    let actions = schedule(
        plan,
        &no_transaction_flags(&steps),
        options.transaction_per_migration,
    );
    let mut out = Writer::default();
    for action in actions {
        match action {
            Action::Begin { .. } => out.line("BEGIN;"),
            Action::Commit { .. } => out.line("COMMIT;"),
            Action::CreateVersionTable { .. } => {
                out.statement(&options.version_table.create_sql(options.dialect))
            }
            Action::RunSection { step, .. } => {
                let run = steps[step];
                out.comment(&format!(
                    "Running {}",
                    describe_step(&plan.steps[step], run.map(|r| r.script))
                ));
                if let Some(run) = run {
                    out.section(&run.section.body);
                }
            }
            Action::WriteVersionRow { step } => {
                for op in &plan.steps[step].version_ops {
                    out.statement(&options.version_table.op_sql(op));
                }
            }
        }
    }
    Ok(out.text)
}

/// The offline script of `ensure_version --sql`: only the version table.
pub fn render_ensure_version(options: &OfflineOptions) -> String {
    let mut out = Writer::default();
    out.statement(&options.version_table.create_sql(options.dialect));
    out.text
}

/// Alembic's description of a step, `upgrade A, B -> C`, used both for the
/// offline script's `-- Running ...` comments and for progress lines.
/// `script` is the step's file, for migration steps.
pub fn describe_step(step: &PlanStep, script: Option<&Script>) -> String {
    let parents = script
        .map(|s| s.down_revisions.join(", "))
        .unwrap_or_default();
    match &step.kind {
        StepKind::Migration {
            revision,
            direction: Direction::Up,
        } => format!("upgrade {parents} -> {revision}"),
        StepKind::Migration {
            revision,
            direction: Direction::Down,
        } => format!("downgrade {revision} -> {parents}"),
        StepKind::Stamp { from, to } => {
            format!("stamp_revision {} -> {}", from.join(", "), to.join(", "))
        }
    }
}

/// Accumulates the script text.
#[derive(Default)]
struct Writer {
    text: String,
}

impl Writer {
    /// A line and a blank line.
    fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push_str("\n\n");
    }

    fn statement(&mut self, sql: &str) {
        self.text.push_str(sql);
        self.text.push_str(";\n\n");
    }

    fn comment(&mut self, line: &str) {
        self.text.push_str("-- ");
        self.line(line);
    }

    /// A section goes out as written; only surrounding blank lines are trimmed.
    fn section(&mut self, body: &str) {
        let body = body.trim_matches(|c| c == '\n' || c == '\r');
        if !body.trim().is_empty() {
            self.line(body);
        }
    }
}
