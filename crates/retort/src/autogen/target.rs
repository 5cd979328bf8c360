//! The target schema: which files it is, and loading them into a database
//! made for the purpose, with a failing statement named by file and line.

use crate::db::{Database, DbError};
use crate::{Error, Result};
use std::path::{Path, PathBuf};

/// The target schema files: `target_schema` from the configuration, or
/// `schema.sql` beside the configuration file.
pub fn target_files(config: &crate::config::Config) -> Vec<PathBuf> {
    if !config.target_schema.is_empty() {
        return config.target_schema.clone();
    }
    let dir = config
        .path
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    vec![dir.join("schema.sql")]
}

/// Whether the project has a target schema to compare with: `target_schema`
/// set, or the default `schema.sql` present.
pub fn target_schema_configured(config: &crate::config::Config) -> bool {
    !config.target_schema.is_empty() || target_files(config).iter().all(|f| f.is_file())
}

/// Runs a schema file as written. Lines of psql meta-commands (such as
/// `\restrict` in recent `pg_dump` output) are blanked, keeping the line
/// numbers of the server's messages right.
pub fn load_schema_file(db: &mut dyn Database, path: &Path) -> Result<()> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::Usage(format!("cannot read target schema {}: {e}", path.display())))?;
    let sql: String = text
        .lines()
        .map(|line| if line.starts_with('\\') { "" } else { line })
        .collect::<Vec<_>>()
        .join("\n");
    db.execute_script(&sql)
        .map_err(|e| schema_load_error(path, e))
}

/// A target schema that does not load, named with the file and line.
fn schema_load_error(path: &Path, error: DbError) -> Error {
    Error::Usage(match error {
        DbError::Statement(err) => match err.line {
            Some(line) => format!(
                "target schema {}:{line} does not load: {}",
                path.display(),
                err.message
            ),
            None => format!(
                "target schema {} does not load: {}",
                path.display(),
                err.message
            ),
        },
        other => format!("target schema {} does not load: {other}", path.display()),
    })
}
