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
mod transaction_control;

/// `file_template`'s default is the configuration's business; re-exported
/// for callers that name files.
pub use crate::config::DEFAULT_FILE_TEMPLATE;
pub use directory::ScriptDirectory;
pub use template::{
    file_name, format_create_date, new_rev_id, slug, write_new_revision, NewRevision, Template,
    DEFAULT_TEMPLATE, TEMPLATE_FILE_NAME,
};
pub use transaction_control::check_transaction_control;

use crate::revision::{Direction, Plan, Revision};
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
    #[error("{}", crate::tr!("script-at-line", path = path, line = *line, message = message))]
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{}", crate::tr!("cannot-read", path = path, reason = source.to_string()))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", crate::tr!("script-missing-directory", path = path))]
    MissingDirectory { path: PathBuf },
    /// A downgrade would pass through revisions whose downgrade section
    /// holds no SQL (or is missing) and is not declared `no-op`: each
    /// revision id with its file, in the order the downgrade meets them.
    #[error("{}", irreversible_message(revisions))]
    Irreversible { revisions: Vec<(String, PathBuf)> },
    #[error("{}", crate::tr!("script-duplicate-revision", id = id, first = first, second = second))]
    DuplicateRevision {
        id: String,
        first: PathBuf,
        second: PathBuf,
    },
    /// Several broken files, each error on its own line.
    #[error("{}", crate::tr!("script-many-problems", count = .0.len(), list = list_errors(.0)))]
    Many(Vec<ScriptError>),
}

fn irreversible_message(revisions: &[(String, PathBuf)]) -> String {
    const FIX: &str = "-- retort:downgrade no-op";
    match revisions {
        [(revision, path)] => crate::tr!(
            "script-irreversible-one",
            revision = revision,
            path = path,
            fix = FIX
        ),
        _ => {
            let lines: Vec<String> = revisions
                .iter()
                .map(|(revision, path)| {
                    crate::tr!("script-irreversible-item", revision = revision, path = path)
                })
                .collect();
            crate::tr!(
                "script-irreversible-many",
                count = revisions.len(),
                list = lines.join("\n"),
                fix = FIX
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
        if self.line == 0 {
            // About the file as a whole.
            write!(f, "{}: {}", self.path.display(), self.message)
        } else {
            write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
        }
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
    /// Hex SHA-256 of the body with its line endings made `\n` and a
    /// leading byte-order mark dropped, for the applied-migration log: it
    /// tells when a file was edited after it ran, and the same file checked
    /// out with CRLF line endings (or saved with a BOM) is not an edit. The
    /// one definition of a migration's checksum.
    pub fn checksum(&self) -> String {
        hex::encode(Sha256::digest(self.normalized_body().as_bytes()))
    }

    /// Hex SHA-256 of the body exactly as written: the checksum earlier
    /// versions logged. Kept so that logs they wrote still match the
    /// unchanged file; new rows hold [`Section::checksum`].
    pub fn raw_checksum(&self) -> String {
        hex::encode(Sha256::digest(self.body.as_bytes()))
    }

    /// Whether `logged` (a checksum from the log, old or new) is this
    /// section's: the normalised checksum, or the raw one older versions wrote.
    pub fn matches_checksum(&self, logged: &str) -> bool {
        self.checksum() == logged || self.raw_checksum() == logged
    }

    /// The body as the checksum sees it: `\r\n` and lone `\r` made `\n`,
    /// without a leading byte-order mark. What the log keeps of a section.
    pub fn normalized_body(&self) -> String {
        let body = self.body.strip_prefix('\u{feff}').unwrap_or(&self.body);
        body.replace("\r\n", "\n").replace('\r', "\n")
    }

    /// Whether the body holds a statement: anything but blanks, comments
    /// and semicolons.
    pub fn has_statements(&self) -> bool {
        !crate::sql::split::split_postgres(&self.body).is_empty()
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
    // `Script::parse` and `Script::read` are in `parse.rs`.

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

    /// The checksum of the section a direction runs ([`Section::checksum`]).
    pub fn checksum(&self, direction: Direction) -> String {
        self.section(direction).checksum()
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

/// What one step of a plan runs: its file, and the file's section for the
/// step's direction.
#[derive(Debug, Clone, Copy)]
pub struct StepScript<'a> {
    pub script: &'a Script,
    pub section: &'a Section,
}

/// For each step of `plan`, what it runs: `None` for a stamp. `Err` names
/// the first revision the plan runs that `lookup` has no file for.
pub fn step_scripts<'a>(
    plan: &Plan,
    lookup: impl Fn(&str) -> Option<&'a Script>,
) -> Result<Vec<Option<StepScript<'a>>>, String> {
    plan.steps
        .iter()
        .map(|step| match step.migration() {
            Some((revision, direction)) => {
                let script = lookup(revision).ok_or_else(|| revision.to_string())?;
                Ok(Some(StepScript {
                    script,
                    section: script.section(direction),
                }))
            }
            None => Ok(None),
        })
        .collect()
}

/// Whether each step's section must run outside a transaction (never for a
/// stamp): what [`crate::revision::schedule::schedule`] takes.
pub fn no_transaction_flags(steps: &[Option<StepScript<'_>>]) -> Vec<bool> {
    steps
        .iter()
        .map(|s| s.is_some_and(|s| s.section.no_transaction))
        .collect()
}

/// Whether `id` can be a revision id: 1 to 32 characters of `[A-Za-z0-9_]`,
/// because Alembic's `version_num` is `varchar(32)` and ids end up in SQL.
pub fn is_valid_revision_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 32 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_is_hex_sha256_of_the_body() {
        let section = Section::default();
        assert_eq!(
            section.checksum(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn line_endings_and_a_bom_do_not_change_the_checksum() {
        let section = |body: &str| Section {
            body: body.to_string(),
            ..Section::default()
        };
        let lf = section("CREATE TABLE t (x int);\n\nSELECT 1;\n");
        for same in [
            "CREATE TABLE t (x int);\r\n\r\nSELECT 1;\r\n",
            "CREATE TABLE t (x int);\r\rSELECT 1;\r",
            "\u{feff}CREATE TABLE t (x int);\n\nSELECT 1;\n",
        ] {
            assert_eq!(section(same).checksum(), lf.checksum(), "{same:?}");
            // A log written by an earlier version holds the raw hash of
            // whatever was checked out then.
            assert!(section(same).matches_checksum(&section(same).raw_checksum()));
            assert!(section(same).matches_checksum(&lf.raw_checksum()));
        }
        assert_ne!(
            section("CREATE TABLE t (y int);\n\nSELECT 1;\n").checksum(),
            lf.checksum()
        );
    }
}
