//! Renders a [`Plan`] as one SQL script (`--sql`), in the shape Alembic's
//! offline mode gives: the version table's creation whenever a step starts
//! from no heads, a `-- Running ...` comment and the section for each step,
//! the version-table statements after it, and BEGIN/COMMIT around each
//! transaction.

use crate::db::version_table::VersionTable;
use crate::revision::{Direction, Plan, PlanStep, StepKind};
use crate::script::Script;
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
        return Err(crate::Error::Usage(
            "Can't use --purge with --sql mode".to_string(),
        ));
    }
    let mut out = Writer::new();
    for step in &plan.steps {
        let section = match &step.kind {
            StepKind::Migration {
                revision,
                direction,
            } => {
                let script = script_for(revision).ok_or_else(|| {
                    crate::Error::Usage(format!("no migration file for revision '{revision}'"))
                })?;
                Some((script, *direction))
            }
            StepKind::Stamp { .. } => None,
        };
        let no_transaction = section
            .map(|(script, direction)| section_of(script, direction).no_transaction)
            .unwrap_or(false);

        // A no-transaction section stands outside: close what is open. Any
        // other step opens a transaction unless the run's one is still open.
        if no_transaction {
            out.commit();
        } else {
            out.begin();
        }
        // As Alembic: the CREATE TABLE goes before any step that starts
        // from an empty version table.
        if step.starts_without_rows {
            out.statement(&options.version_table.create_sql(options.dialect));
        }
        out.comment(&format!(
            "Running {}",
            describe_step(step, section.map(|(script, _)| script))
        ));
        if let Some((script, direction)) = section {
            out.section(&section_of(script, direction).body);
        }
        for op in &step.version_ops {
            out.statement(&options.version_table.op_sql(op));
        }
        if options.transaction_per_migration {
            out.commit();
        }
    }
    out.commit();
    Ok(out.finish())
}

/// The offline script of `ensure_version --sql`: only the version table.
pub fn render_ensure_version(options: &OfflineOptions) -> String {
    let mut out = Writer::new();
    out.statement(&options.version_table.create_sql(options.dialect));
    out.finish()
}

fn section_of(script: &Script, direction: Direction) -> &crate::script::Section {
    match direction {
        Direction::Up => &script.upgrade,
        Direction::Down => &script.downgrade,
    }
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

/// Accumulates the script text and whether a transaction is open.
struct Writer {
    text: String,
    in_transaction: bool,
}

impl Writer {
    fn new() -> Self {
        Writer {
            text: String::new(),
            in_transaction: false,
        }
    }

    fn begin(&mut self) {
        if !self.in_transaction {
            self.text.push_str("BEGIN;\n\n");
            self.in_transaction = true;
        }
    }

    fn commit(&mut self) {
        if self.in_transaction {
            self.text.push_str("COMMIT;\n\n");
            self.in_transaction = false;
        }
    }

    fn statement(&mut self, sql: &str) {
        self.text.push_str(sql);
        self.text.push_str(";\n\n");
    }

    fn comment(&mut self, line: &str) {
        self.text.push_str("-- ");
        self.text.push_str(line);
        self.text.push_str("\n\n");
    }

    /// A section goes out as written; only surrounding blank lines are trimmed.
    fn section(&mut self, body: &str) {
        let body = body.trim_matches(|c| c == '\n' || c == '\r');
        if !body.trim().is_empty() {
            self.text.push_str(body);
            self.text.push_str("\n\n");
        }
    }

    fn finish(self) -> String {
        self.text
    }
}
