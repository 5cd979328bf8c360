//! Transaction control (`COMMIT`, `BEGIN`...) in a section that runs
//! inside retort's transaction, refused before anything runs.

use super::{ScriptError, StepScript};

/// Refuses a transaction-control statement (`COMMIT`, `BEGIN`, `ROLLBACK`,
/// `END`, `ABORT`, `START TRANSACTION`, `PREPARE TRANSACTION`) in a section
/// that runs inside retort's transaction: it would end that transaction
/// half-way, commit part of the run behind retort's back, and make every
/// later report about a rollback untrue. Checked on the plan's steps
/// before anything runs, online and for `--sql`.
pub fn check_transaction_control(
    steps: &[Option<StepScript<'_>>],
    dialect: crate::url::Dialect,
) -> Result<(), ScriptError> {
    use crate::sql::split::{split_postgres, split_sqlite};
    use crate::sql::statements::transaction_control_statements;
    let mut errors = Vec::new();
    for step in steps.iter().flatten() {
        let section = step.section;
        if section.no_transaction {
            continue;
        }
        let body = &section.body;
        let spans: Vec<(usize, usize, usize)> = match dialect {
            crate::url::Dialect::Postgres => split_postgres(body)
                .into_iter()
                .map(|s| (s.start, s.first_token, s.end))
                .collect(),
            crate::url::Dialect::Sqlite => split_sqlite(body)
                .into_iter()
                .map(|(start, end)| {
                    let first = split_postgres(&body[start..end])
                        .first()
                        .map_or(start, |s| start + s.first_token);
                    (start, first, end)
                })
                .collect(),
        };
        let which = if std::ptr::eq(section, &step.script.upgrade) {
            "upgrade"
        } else {
            "downgrade"
        };
        for found in transaction_control_statements(body, &spans) {
            errors.push(ScriptError::Parse {
                path: step.script.path.clone(),
                line: section.first_line + found.line - 1,
                message: crate::tr!(
                    "script-transaction-control",
                    statement = found.what.to_string(),
                    section = which,
                    revision = &step.script.revision,
                    marker_line = section.first_line.saturating_sub(1)
                ),
            });
        }
    }
    match ScriptError::collect(errors) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
