//! Migration files: one revision per `.sql` file, a `-- Key: value` header
//! and `-- retort:upgrade` / `-- retort:downgrade` sections (CONTRACT.md).
//!
//! - [`parse`]: text → [`Script`], with `file:line` in every error.
//! - [`template`]: a new revision's text from its fields and
//!   `script.sql.tmpl`, and its file name from `file_template`.
//! - [`directory`]: every file of the version locations, all broken files
//!   reported at once.
//!
//! A parsed [`Script`] keeps the text it was read from: writing a script
//! back ([`Script::text`]) is the exact inverse of parsing, whatever the
//! layout, line endings or comments were.

pub mod directory;
pub mod parse;
pub mod template;

pub use directory::ScriptDirectory;
pub use template::{
    file_name, format_create_date, new_rev_id, slug, write_new_revision, NewRevision, Template,
    DEFAULT_FILE_TEMPLATE, DEFAULT_TEMPLATE, TEMPLATE_FILE_NAME,
};

use crate::revision::{Direction, Revision};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ScriptError {
    /// Every message names the file, and the line where there is one.
    #[error("{0}")]
    Message(String),
    /// Something wrong at one line of a migration file or template.
    #[error("{}:{line}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} does not exist; create it (or run `retort init`), or fix `script_location` / `version_locations`", path.display())]
    MissingDirectory { path: PathBuf },
    /// A downgrade would pass through revisions whose downgrade section
    /// holds no SQL (or is missing) and is not declared `no-op`: each
    /// revision id with its file, in the order the downgrade meets them.
    #[error("{}", irreversible_message(revisions))]
    Irreversible { revisions: Vec<(String, PathBuf)> },
    #[error("revision `{id}` is defined twice: in {} and in {}", first.display(), second.display())]
    DuplicateRevision {
        id: String,
        first: PathBuf,
        second: PathBuf,
    },
    /// Several broken files, each error on its own line.
    #[error("{} problems in the migration directory:\n{}", .0.len(), list_errors(.0))]
    Many(Vec<ScriptError>),
}

fn irreversible_message(revisions: &[(String, PathBuf)]) -> String {
    const FIX: &str = "-- retort:downgrade no-op";
    match revisions {
        [(revision, path)] => format!(
            "revision `{revision}` cannot be downgraded: {} has no downgrade SQL. Write the SQL \
             that undoes its upgrade or, if there is nothing to undo, mark the section \
             `{FIX}`. Nothing was run",
            path.display()
        ),
        _ => {
            let lines: Vec<String> = revisions
                .iter()
                .map(|(revision, path)| {
                    format!(
                        "  revision `{revision}`: {} has no downgrade SQL",
                        path.display()
                    )
                })
                .collect();
            format!(
                "the downgrade passes through {} revisions that cannot be downgraded. Nothing was run:\n{}\n\
                 Write the SQL that undoes each upgrade or, where there is nothing to undo, mark the \
                 section `{FIX}`",
                revisions.len(),
                lines.join("\n")
            )
        }
    }
}

fn list_errors(errors: &[ScriptError]) -> String {
    let lines: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
    lines.join("\n")
}

impl ScriptError {
    /// One error for a list of them: the error itself when there is one.
    pub(crate) fn collect(mut errors: Vec<ScriptError>) -> Option<ScriptError> {
        match errors.len() {
            0 => None,
            1 => errors.pop(),
            _ => Some(ScriptError::Many(errors)),
        }
    }
}

/// Something in a migration file that retort reads past but that is
/// probably a mistake (a parent named twice). Shown as `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

/// One section of a migration: the SQL between its marker and the next.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    /// Options written after the marker (`no-transaction`).
    pub no_transaction: bool,
    /// The marker says the section deliberately does nothing (`no-op`);
    /// it then holds no SQL.
    pub no_op: bool,
    /// The SQL exactly as written: every line after the marker up to the
    /// next marker or the end of the file, line endings included.
    pub body: String,
    /// 1-based line number of the first line of `body` in the file, so a
    /// failing statement's line within the body maps to a file line
    /// (`first_line + line_in_body - 1`). 0 when the file has no marker for
    /// this section (it is then empty).
    pub first_line: usize,
}

impl Section {
    /// Whether the body holds a statement: anything but blanks, comments
    /// and semicolons.
    pub fn has_statements(&self) -> bool {
        !crate::db::split::split_postgres(&self.body).is_empty()
    }
}

/// One parsed migration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pub path: PathBuf,
    pub revision: String,
    pub down_revisions: Vec<String>,
    pub branch_labels: Vec<String>,
    pub depends_on: Vec<String>,
    /// The first comment line of the file (empty when it is a header line).
    pub message: String,
    pub create_date: Option<String>,
    pub upgrade: Section,
    pub downgrade: Section,
    /// What was read past but is probably a mistake, by line.
    pub warnings: Vec<Warning>,
    /// The text the script was parsed from, kept so that writing it back is exact.
    source: String,
}

impl Script {
    /// Parses a migration file's text; `path` is for error messages.
    pub fn parse(path: &Path, text: &str) -> Result<Script, ScriptError> {
        parse::parse(path, text)
    }

    /// Reads and parses one file; an IO error names the path.
    pub fn read(path: &Path) -> Result<Script, ScriptError> {
        let bytes = std::fs::read(path).map_err(|source| ScriptError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let text = String::from_utf8(bytes).map_err(|e| ScriptError::Parse {
            path: path.to_path_buf(),
            line: 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count(),
            message: "the file is not valid UTF-8".to_string(),
        })?;
        parse::parse_owned(path, text)
    }

    /// The script as a file's text: byte for byte what it was parsed from.
    pub fn text(&self) -> &str {
        &self.source
    }

    /// Writes the script back to `path` exactly as it was read.
    pub fn write(&self, path: &Path) -> Result<(), ScriptError> {
        std::fs::write(path, self.text()).map_err(|source| ScriptError::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    /// The section a direction runs.
    pub fn section(&self, direction: Direction) -> &Section {
        match direction {
            Direction::Up => &self.upgrade,
            Direction::Down => &self.downgrade,
        }
    }

    /// Hex SHA-256 of a section's body as written, for the applied-migration
    /// log: it tells when a file was edited after it ran.
    pub fn checksum(&self, direction: Direction) -> String {
        hex::encode(Sha256::digest(self.section(direction).body.as_bytes()))
    }

    /// Whether the revision cannot be downgraded: its downgrade section
    /// (or the lack of one) holds no SQL, and its marker does not declare
    /// it a deliberate `no-op`. A downgrade through it is refused before
    /// anything runs.
    pub fn is_irreversible(&self) -> bool {
        !self.downgrade.no_op && !self.downgrade.has_statements()
    }

    /// What the revision graph needs of this script.
    pub fn to_revision(&self) -> Revision {
        Revision {
            id: self.revision.clone(),
            down_revisions: self.down_revisions.clone(),
            branch_labels: self.branch_labels.clone(),
            depends_on: self.depends_on.clone(),
        }
    }
}

/// Whether `id` can be a revision id: 1 to 32 characters of `[A-Za-z0-9_]`,
/// because Alembic's `version_num` is `varchar(32)` and ids end up in SQL.
pub fn is_valid_revision_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 32 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}
