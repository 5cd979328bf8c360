//! What can go wrong between retort and a database. No variant ever holds
//! a password: connection errors describe the target by host, port, user
//! and database only.

use std::fmt;
use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum DbError {
    #[error("{0}")]
    Message(String),
    /// A connection setting that cannot be used as given (an unknown
    /// parameter, `sslmode=bogus`, a port out of range...), from the URL or
    /// the libpq environment: bad configuration, exit status 2. The
    /// message names the setting and where it came from.
    #[error("{0}")]
    InvalidSetting(String),
    /// The server could not be reached, refused us, or has no such database.
    #[error("{}", crate::tr!("db-connect", target = target, reason = reason))]
    Connect {
        /// Host, port, user and database; never the password.
        target: String,
        reason: String,
        /// True when nobody answered (refused, timed out, starting up), so
        /// that waiting for the server may help.
        retryable: bool,
    },
    /// A statement failed.
    #[error("{0}")]
    Statement(StatementError),
    /// A migration step failed and its transaction was rolled back.
    #[error("{0}")]
    Migration(Box<MigrationFailure>),
    /// Applied migration files were changed after they ran.
    #[error("{}", edited_message(.0))]
    EditedMigrations(Vec<EditedMigration>),
    /// Someone else held the migration lock for longer than we would wait.
    #[error("{}", crate::tr!("db-lock-timeout", waited = format!("{waited:?}"), what = what))]
    LockTimeout {
        what: String,
        waited: std::time::Duration,
    },
    /// The URL names a database this build of the library has no driver
    /// for: the Cargo feature was left out.
    #[error("{}", crate::tr!("db-not-built", database = *database, feature = *feature))]
    NotBuilt {
        database: &'static str,
        feature: &'static str,
    },
    /// The run was interrupted (Ctrl-C, SIGTERM) before it changed anything;
    /// the text says where it was.
    #[error("{}", crate::tr!("db-interrupted", detail = .0))]
    Interrupted(String),
}

impl DbError {
    /// The error for a database whose driver this build left out.
    pub fn not_built(dialect: crate::url::Dialect) -> DbError {
        DbError::NotBuilt {
            database: dialect.name(),
            feature: dialect.feature(),
        }
    }

    /// The exit status: 1 for trouble with the database or a migration, 2
    /// for an edited migration file (a problem with the migration directory)
    /// or a connection setting that cannot be used (bad configuration).
    pub fn exit_code(&self) -> i32 {
        match self {
            DbError::EditedMigrations(_) | DbError::InvalidSetting(_) | DbError::NotBuilt { .. } => 2,
            _ => 1,
        }
    }
}

/// A statement the database refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StatementError {
    /// The server's message: severity, text, SQLSTATE, detail, hint, context.
    pub message: String,
    pub sqlstate: Option<String>,
    /// 1-based line within the SQL text that was sent, where the database
    /// says where the error is.
    pub line: Option<usize>,
}

impl fmt::Display for StatementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => f.write_str(&crate::tr!(
                "run-statement-at-line",
                line = line,
                message = &self.message
            )),
            None => f.write_str(&self.message),
        }
    }
}

/// Everything needed to tell the user what broke and where things stand.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MigrationFailure {
    /// "upgrade", "downgrade" or "stamp".
    pub action: String,
    pub revision: String,
    pub file: Option<PathBuf>,
    /// The line in `file` of the failing statement, or of the section's
    /// start when the database does not say where.
    pub line: Option<usize>,
    /// Whether `line` is the statement's own (false: the section's start).
    pub line_is_exact: bool,
    pub message: String,
    /// The database's code for the error, where it gave one (`55P03`: a
    /// lock not obtained within `lock_timeout`).
    pub sqlstate: Option<String>,
    /// The run was interrupted (Ctrl-C, SIGTERM) while this step ran.
    pub interrupted: bool,
    /// What the version table holds after the rollback, or why that could
    /// not be read. Always read again from the database, never assumed.
    pub version_table_now: Result<Vec<String>, String>,
    /// Whether `version_table_now` was read on a new connection, the
    /// failed one being lost.
    pub version_table_reread: bool,
    /// Whether a transaction the server still had open was rolled back.
    pub rolled_back: bool,
    /// Whether the connection to the server was lost.
    pub connection_lost: bool,
    /// What the failure did to the database, one sentence a line: what was
    /// rolled back, what stays committed.
    pub state: Vec<String>,
    /// What to do about it, when there is something to say.
    pub hint: Option<String>,
}

impl fmt::Display for MigrationFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let step = crate::tr!(
            "run-step",
            action = action_word(&self.action),
            revision = &self.revision
        );
        let message = &self.message;
        let headline = match (&self.file, self.line, self.line_is_exact) {
            (Some(file), Some(line), true) => crate::tr!(
                "run-failed-at",
                step = step,
                file = file,
                line = line,
                message = message
            ),
            (Some(file), Some(line), false) => crate::tr!(
                "run-failed-in-section",
                step = step,
                file = file,
                line = line,
                message = message
            ),
            (Some(file), None, _) => crate::tr!(
                "run-failed-in",
                step = step,
                file = file,
                message = message
            ),
            (None, _, _) => crate::tr!("run-failed", step = step, message = message),
        };
        f.write_str(&headline)?;
        for line in &self.state {
            write!(f, "\n{line}")?;
        }
        let now = match (&self.version_table_now, self.version_table_reread) {
            (Ok(rows), false) if rows.is_empty() => crate::tr!("run-version-table-empty"),
            (Ok(rows), true) if rows.is_empty() => crate::tr!("run-version-table-reread-empty"),
            (Ok(rows), false) => crate::tr!("run-version-table-holds", rows = rows.join(", ")),
            (Ok(rows), true) => {
                crate::tr!("run-version-table-reread-holds", rows = rows.join(", "))
            }
            (Err(why), _) => crate::tr!("run-version-table-unknown", reason = why),
        };
        write!(f, "\n{now}")?;
        if let Some(hint) = &self.hint {
            write!(f, "\n{}", crate::tr!("run-hint", hint = hint))?;
        }
        Ok(())
    }
}

/// A step's action ("upgrade", "downgrade", "stamp", "commit") in the
/// reader's language; [`MigrationFailure::action`] itself stays the
/// English word programs match on.
pub fn action_word(action: &str) -> String {
    match action {
        "upgrade" => crate::tr!("run-action-upgrade"),
        "downgrade" => crate::tr!("run-action-downgrade"),
        "stamp" => crate::tr!("run-action-stamp"),
        "commit" => crate::tr!("run-action-commit"),
        other => other.to_string(),
    }
}

/// An applied revision whose file no longer matches what ran.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct EditedMigration {
    pub revision: String,
    pub file: PathBuf,
    pub logged_checksum: String,
    pub current_checksum: String,
    /// The section's text as it ran, when the log holds it (logs written
    /// by earlier versions hold only its checksum).
    pub logged_text: Option<String>,
    /// The section's text now, line endings normalised.
    pub current_text: String,
}

impl EditedMigration {
    pub fn new(
        revision: String,
        file: PathBuf,
        logged_checksum: String,
        current_checksum: String,
        logged_text: Option<String>,
        current_text: String,
    ) -> Self {
        EditedMigration {
            revision,
            file,
            logged_checksum,
            current_checksum,
            logged_text,
            current_text,
        }
    }
}

fn edited_message(edited: &[EditedMigration]) -> String {
    let mut text = crate::tr!("run-edited-migrations");
    for e in edited {
        text.push_str("\n  ");
        text.push_str(&crate::tr!(
            "run-edited-migration",
            file = &e.file,
            revision = &e.revision,
            logged = &e.logged_checksum,
            current = &e.current_checksum
        ));
        match &e.logged_text {
            Some(logged) => {
                text.push_str(":\n");
                text.push_str(&super::section_diff::section_diff(logged, &e.current_text));
            }
            None => {
                text.push_str("\n    ");
                text.push_str(&crate::tr!("run-edited-no-text-logged"));
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(file: Option<&str>, line: Option<usize>, exact: bool) -> MigrationFailure {
        MigrationFailure {
            action: "upgrade".to_string(),
            revision: "r2".to_string(),
            file: file.map(PathBuf::from),
            line,
            line_is_exact: exact,
            message: "ERROR: boom (SQLSTATE 42000)".to_string(),
            sqlstate: Some("42000".to_string()),
            interrupted: false,
            version_table_now: Ok(vec!["r1".to_string()]),
            version_table_reread: false,
            rolled_back: true,
            connection_lost: false,
            state: vec!["its transaction was rolled back".to_string()],
            hint: Some("do this".to_string()),
        }
    }

    /// The English report is worded as it was before the catalog, line
    /// for line, in each of its shapes.
    #[test]
    fn a_failure_says_where_it_failed_and_what_the_version_table_holds() {
        assert_eq!(
            failure(Some("v/r2.sql"), Some(9), true).to_string(),
            "upgrade r2 failed at v/r2.sql:9: ERROR: boom (SQLSTATE 42000)\n\
             its transaction was rolled back\n\
             the version table now holds: r1\n\
             hint: do this"
        );
        let mut in_section = failure(Some("v/r2.sql"), Some(7), false);
        in_section.version_table_now = Ok(Vec::new());
        in_section.version_table_reread = true;
        in_section.hint = None;
        assert_eq!(
            in_section.to_string(),
            "upgrade r2 failed in v/r2.sql (section starting at line 7): ERROR: boom (SQLSTATE 42000)\n\
             its transaction was rolled back\n\
             the version table, read again on a new connection, is now empty"
        );
        let mut nowhere = failure(None, None, false);
        nowhere.action = "commit".to_string();
        nowhere.revision = String::new();
        nowhere.state.clear();
        nowhere.version_table_now = Err("the connection to the server was lost".to_string());
        nowhere.hint = None;
        assert_eq!(
            nowhere.to_string(),
            "commit  failed: ERROR: boom (SQLSTATE 42000)\n\
             what the version table holds is unknown: the connection to the server was lost"
        );
    }
}
