//! Migration files: one revision per `.sql` file, a `-- Key: value` header
//! and `-- retort:upgrade` / `-- retort:downgrade` sections (CONTRACT.md).
//! Parsing keeps line numbers for error messages, and writing is the exact
//! inverse of parsing.

use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ScriptError {
    /// Every message names the file, and the line where there is one.
    #[error("{0}")]
    Message(String),
}

/// One section of a migration: the SQL between its marker and the next.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    /// Options written after the marker (`no-transaction`).
    pub no_transaction: bool,
    /// The SQL exactly as written.
    pub body: String,
    /// 1-based line number of the first line of `body` in the file, so a
    /// failing statement's line within the body maps to a file line.
    pub first_line: usize,
}

/// One parsed migration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pub path: PathBuf,
    pub revision: String,
    pub down_revisions: Vec<String>,
    pub branch_labels: Vec<String>,
    pub depends_on: Vec<String>,
    pub message: String,
    pub create_date: Option<String>,
    pub upgrade: Section,
    pub downgrade: Section,
}

impl Script {
    pub fn parse(path: &Path, text: &str) -> Result<Script, ScriptError> {
        let _ = (path, text);
        todo!("script parsing")
    }
}

/// All migration files of a project, in the order Alembic reads them
/// (sorted by file name, by code point).
#[derive(Debug, Clone)]
pub struct ScriptDirectory {
    pub scripts: Vec<Script>,
}

impl ScriptDirectory {
    /// Loads every `.sql` file in the version locations; reports every broken file at once.
    pub fn load(config: &crate::config::Config) -> Result<ScriptDirectory, ScriptError> {
        let _ = config;
        todo!("directory loading")
    }
}
