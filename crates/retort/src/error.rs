//! The library's top-level error: every module's error folds into it, and it
//! knows the exit status the command line gives for it.

use thiserror::Error;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Every error the library returns. A program matches on the kind it
/// cares about; the `Display` text is the command line's message.
///
/// | To react to | match |
/// |---|---|
/// | several heads where one is needed | `Error::Revision(RevisionError::MultipleHeads { .. })` |
/// | an unknown revision | `Error::Revision(RevisionError::UnknownRevision { .. })` |
/// | an ambiguous prefix | `Error::Revision(RevisionError::AmbiguousPrefix { candidates, .. })` |
/// | a cycle in the graph | `Error::Revision(RevisionError::Cycle { .. })` |
/// | a failed migration (revision, file:line, the database's message) | `Error::Database(DbError::Migration(failure))` |
/// | edited applied migrations | `Error::Database(DbError::EditedMigrations(list))` |
/// | the lock not taken in time | `Error::Database(DbError::LockTimeout { .. })` |
/// | the database differing from the target schema | `Error::Drift { differences }` |
/// | `verify` finding failures | `Error::Verify { failures }` |
/// | a failed backup, a refused downgrade | `Error::Backup(_)` |
/// | `lint` errors, or `upgrade` stopped by them | `Error::Lint { .. }` |
/// | bad configuration or usage | `Error::Config(_)`, `Error::Url(_)`, `Error::Usage(_)` |
/// | a broken migration file or directory | `Error::Script(_)` |
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// Bad usage or bad configuration (exit status 2).
    #[error("{0}")]
    Config(#[from] crate::config::ConfigError),
    #[error("{0}")]
    Url(#[from] crate::url::UrlError),
    /// A broken migration directory or file (exit status 2).
    #[error("{0}")]
    Script(#[from] crate::script::ScriptError),
    /// Unknown revision, ambiguous prefix, several heads... (exit status 2).
    #[error("{0}")]
    Revision(#[from] crate::revision::RevisionError),
    /// Talking to the database or running a migration failed (exit status 1).
    #[error("{0}")]
    Database(#[from] crate::db::DbError),
    /// The database is not where it was asked to be (`current --check-heads`): exit status 1.
    #[error("{0}")]
    NotAtHead(String),
    /// The database differs from the target schema (`check`): one line
    /// per difference, as `check` lists them. Exit status 1.
    #[error("{}", crate::tr!("error-drift", count = differences.len()))]
    Drift { differences: Vec<String> },
    /// `verify` found failing revisions or a head differing from the
    /// target schema (the report lists them). Exit status 1.
    #[error("{}", crate::tr!("error-verify-failures", count = failures))]
    Verify { failures: usize },
    /// A backup before the run failed, or a downgrade's data loss was
    /// refused: nothing was changed (exit status 1).
    #[error("{0}")]
    Backup(#[from] crate::backup::BackupError),
    /// `lint` found error-level findings; with `stopped_upgrade`, `upgrade`
    /// stopped on them before running anything (`[lint] upgrade = "error"`).
    /// Exit status 1.
    #[error("{}", lint_message(*errors, *stopped_upgrade))]
    Lint {
        errors: usize,
        stopped_upgrade: bool,
    },
    /// Any other usage problem, already worded for the user (exit status 2).
    #[error("{0}")]
    Usage(String),
}

fn lint_message(errors: usize, stopped_upgrade: bool) -> String {
    if stopped_upgrade {
        crate::tr!("error-lint-stopped-upgrade", count = errors)
    } else {
        crate::tr!("error-lint-errors", count = errors)
    }
}

impl Error {
    /// The process exit status CONTRACT.md assigns to this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Database(e) => e.exit_code(),
            Error::NotAtHead(_)
            | Error::Drift { .. }
            | Error::Verify { .. }
            | Error::Backup(_)
            | Error::Lint { .. } => 1,
            _ => 2,
        }
    }
}
