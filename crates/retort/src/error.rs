//! The library's top-level error: every module's error folds into it, and it
//! knows the exit status the command line gives for it.

use thiserror::Error;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Error)]
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
    /// Any other usage problem, already worded for the user (exit status 2).
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// The process exit status CONTRACT.md assigns to this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Database(e) => e.exit_code(),
            Error::NotAtHead(_) => 1,
            _ => 2,
        }
    }
}
