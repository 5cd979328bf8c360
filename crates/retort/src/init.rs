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

/// Creates a project as `alembic init DIR` does: the configuration in
/// `project_dir` (the current directory, where `app/` and `pyproject.toml`
/// may already be) and the migration directory `script_location` under
/// it, `migrations` by default. Refuses to overwrite: an existing
/// retort.toml, or a migration directory that already has files in it.
/// Returns the files written.
pub fn init_project(project_dir: &Path, script_location: Option<&Path>) -> Result<Vec<PathBuf>> {
    let script_location = script_location.unwrap_or(Path::new("migrations"));
    if script_location.is_absolute() || script_location.as_os_str().is_empty() {
        return Err(Error::Usage(crate::tr!(
            "run-init-location-not-relative",
            path = script_location
        )));
    }
    let config = project_dir.join("retort.toml");
    if config.exists() {
        return Err(Error::Usage(crate::tr!(
            "run-init-project-exists",
            path = &config
        )));
    }
    let scripts = project_dir.join(script_location);
    if scripts.exists() {
        let mut entries = fs::read_dir(&scripts)
            .map_err(|e| {
                Error::Usage(crate::tr!(
                    "cannot-read",
                    path = &scripts,
                    reason = e.to_string()
                ))
            })?;
        if entries.next().is_some() {
            return Err(Error::Usage(crate::tr!(
                "run-init-directory-not-empty",
                path = &scripts
            )));
        }
    }
    let io = |path: &Path, e: std::io::Error| {
        Error::Usage(crate::tr!(
            "run-cannot-write",
            path = path,
            reason = e.to_string()
        ))
    };
    let versions = scripts.join("versions");
    fs::create_dir_all(&versions).map_err(|e| io(&versions, e))?;
    let template = scripts.join("script.sql.tmpl");
    fs::write(&template, crate::script::DEFAULT_TEMPLATE).map_err(|e| io(&template, e))?;
    // The location as written in retort.toml: relative to the file, with
    // forward slashes, quoted as a TOML string.
    let location = script_location.to_string_lossy().replace('\\', "/");
    let text = DEFAULT_CONFIG.replace(
        "script_location = \"migrations\"",
        &format!("script_location = {}", toml_string(&location)),
    );
    fs::write(&config, text).map_err(|e| io(&config, e))?;
    Ok(vec![config, versions, template])
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
