//! `retort init`: a new project with a configuration that works at once
//! (SQLite), the versions directory and the template for new revisions.

use crate::{Error, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// The configuration `init` writes: every key, the optional ones commented.
pub const DEFAULT_CONFIG: &str = r#"# retort configuration. Keys as Alembic's alembic.ini + env.py.

# Where the migrations live (versions/ inside it).
script_location = "migrations"

# The database. ${VAR} and ${VAR:-default} expand from the environment;
# --url and DATABASE_URL take precedence over this line.
url = "sqlite:///app.db"

# Alembic's version table, so either tool can take over a database.
version_table = "alembic_version"
# version_table_schema = "public"

# As Alembic: the whole run is one transaction. true: each revision commits on its own.
transaction_per_migration = false

# New file names; also {year} {month} {day} {hour} {minute} {second}.
file_template = "{rev}_{slug}"

# The declarative schema that autogenerate compares against.
# target_schema = ["schema.sql"]

# Overrides chosen with --env NAME:
# [env.staging]
# url = "${STAGING_DATABASE_URL}"
"#;

/// Creates the project in `dir` (made if missing); refuses a directory that
/// already has files in it. Returns the files written.
pub fn init_project(dir: &Path) -> Result<Vec<PathBuf>> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir)
            .map_err(|e| Error::Usage(format!("cannot read {}: {e}", dir.display())))?;
        if entries.next().is_some() {
            return Err(Error::Usage(format!(
                "directory {} is not empty; choose a new or empty directory",
                dir.display()
            )));
        }
    }
    let io = |path: &Path, e: std::io::Error| {
        Error::Usage(format!("cannot write {}: {e}", path.display()))
    };
    let versions = dir.join("migrations").join("versions");
    fs::create_dir_all(&versions).map_err(|e| io(&versions, e))?;
    let config = dir.join("retort.toml");
    fs::write(&config, DEFAULT_CONFIG).map_err(|e| io(&config, e))?;
    let template = dir.join("migrations").join("script.sql.tmpl");
    fs::write(&template, crate::script::DEFAULT_TEMPLATE).map_err(|e| io(&template, e))?;
    Ok(vec![config, versions, template])
}
