//! Running the Python helper (`alembic_helper.py`, shipped inside the
//! binary) in the project's interpreter, once for the whole history, and
//! reading its answer.

use crate::url::{DatabaseUrl, Dialect};
use crate::{tr, Error, Result};
use serde::Deserialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const HELPER: &str = include_str!("alembic_helper.py");
/// The helper's answer is the last stdout line starting with this, so
/// that whatever a migration module prints cannot be taken for it.
const MARK: &str = "@@retort-import@@";

/// Where the Alembic history is.
#[derive(Debug, Clone)]
pub enum Source {
    /// An alembic.ini, and its section (`alembic` unless named).
    Ini { path: PathBuf, section: String },
    /// A versions directory read directly, without alembic.ini or env.py.
    Versions(PathBuf),
}

/// One revision as Alembic sees it.
#[derive(Debug, Deserialize)]
pub struct HelperRevision {
    pub id: String,
    pub down_revisions: Vec<String>,
    pub branch_labels: Vec<String>,
    pub depends_on: Vec<String>,
    pub message: String,
    pub create_date: Option<String>,
    pub path: PathBuf,
    pub upgrade: Rendered,
    pub downgrade: Rendered,
}

/// One direction of a revision: its statements in segments (a segment
/// per autocommit block and per stretch between them), or why there are
/// none.
#[derive(Debug, Deserialize, Default)]
pub struct Rendered {
    #[serde(default)]
    pub segments: Vec<Segment>,
    /// Data read by the migration's code during a replay.
    #[serde(default)]
    pub reads: Vec<String>,
    /// Why the revision was replayed on a scratch database instead of
    /// rendered offline.
    #[serde(default)]
    pub replayed: Option<String>,
    /// The function raised (or is missing): its message.
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub traceback: Vec<String>,
    #[serde(default)]
    pub file: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Segment {
    pub autocommit: bool,
    pub sql: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct History {
    pub revisions: Vec<HelperRevision>,
    pub heads: Vec<String>,
    pub alembic_version: String,
}

#[derive(Debug, Deserialize)]
struct HelperError {
    kind: String,
    /// The helper's own wording, in English: what is shown when retort
    /// has no words of its own for the kind.
    message: String,
    #[serde(default)]
    traceback: Vec<String>,
    #[serde(default)]
    file: Option<String>,
    /// The parts of a `scratch` or `upgrade` failure, worded here in the
    /// reader's language.
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    revision: Option<String>,
    #[serde(default)]
    path: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Answer {
    Error { error: HelperError },
    History(History),
}

/// The interpreter to run: `python` in retort.toml, else
/// `$VIRTUAL_ENV/bin/python`, else `python3`. `env` reads the environment.
pub fn resolve_python(configured: Option<&Path>, env: &dyn Fn(&str) -> Option<String>) -> PathBuf {
    if let Some(path) = configured {
        return path.to_path_buf();
    }
    if let Some(venv) = env("VIRTUAL_ENV").filter(|v| !v.is_empty()) {
        return Path::new(&venv).join("bin/python");
    }
    PathBuf::from("python3")
}

/// Runs the helper and returns the history, base first.
pub fn read_history(
    python: &Path,
    source: &Source,
    dialect: Dialect,
    scratch: Option<&DatabaseUrl>,
) -> Result<History> {
    let (request, cwd) = request(source, dialect, scratch);
    drop_scratch_leftovers(scratch);
    let mut child = Command::new(python)
        .arg("-c")
        .arg(HELPER)
        .current_dir(&cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            Error::Usage(tr!(
                "import-cannot-run-python",
                python = python,
                error = e.to_string()
            ))
        })?;
    // The request (with a password, when a scratch server needs one) goes
    // on stdin, never on the command line.
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(request.to_string().as_bytes());
    }
    let output = child.wait_with_output().map_err(|e| {
        Error::Usage(tr!(
            "import-python-failed",
            python = python,
            error = e.to_string()
        ))
    })?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let answer = stdout
        .lines()
        .rev()
        .find_map(|line| line.strip_prefix(MARK))
        .ok_or_else(|| {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let tail: Vec<&str> = stderr.trim_end().lines().rev().take(8).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            Error::Usage(tr!(
                "import-helper-failed",
                python = python,
                status = output.status.to_string(),
                output = tail.join("\n")
            ))
        })?;
    match serde_json::from_str::<Answer>(answer) {
        Ok(Answer::History(history)) => Ok(history),
        Ok(Answer::Error { error }) => Err(Error::Usage(describe_error(python, &error))),
        Err(e) => Err(Error::Usage(tr!(
            "import-helper-answer-unreadable",
            error = e.to_string()
        ))),
    }
}

fn describe_error(python: &Path, error: &HelperError) -> String {
    let mut text = match error.kind.as_str() {
        "missing_module" => tr!(
            "import-no-alembic",
            python = python,
            error = &error.message
        ),
        "alembic" => tr!("import-alembic-error", error = &error.message),
        "module" => tr!("import-history-unloadable", error = &error.message),
        "usage" => tr!("import-no-scratch-server"),
        "scratch" => match &error.reason {
            Some(reason) => tr!("import-scratch-unavailable", reason = reason),
            None => error.message.clone(),
        },
        "upgrade" => match (&error.revision, &error.path, &error.reason) {
            (Some(revision), Some(path), Some(reason)) => tr!(
                "import-upgrade-failed",
                revision = revision,
                path = path,
                error = reason
            ),
            _ => error.message.clone(),
        },
        _ => error.message.clone(),
    };
    if let Some(file) = &error.file {
        text.push_str("\n  ");
        text.push_str(&tr!("import-error-in-file", file = file));
    }
    if !error.traceback.is_empty() && error.kind != "missing_module" {
        text.push_str("\n  ");
        text.push_str(&tr!("import-traceback"));
        for line in &error.traceback {
            text.push_str(&format!("\n    {line}"));
        }
    }
    text
}

/// The helper's scratch databases are named and locked as retort's own
/// (see `autogen::postgres::scratch`), so the ones of a helper killed
/// outright are dropped here, before this run makes its own. Best effort:
/// a server that cannot be reached now is reported by the helper itself.
fn drop_scratch_leftovers(scratch: Option<&DatabaseUrl>) {
    #[cfg(feature = "postgres")]
    if let Some(server @ DatabaseUrl::Postgres(_)) = scratch {
        use crate::autogen::postgres::{postgres_params, scratch::drop_leftovers};
        use crate::db::postgres::PgDatabase;
        let connect = crate::db::ConnectOptions::default();
        if let Ok(mut admin) =
            postgres_params(server, &connect).and_then(|p| Ok(PgDatabase::connect(&p)?))
        {
            drop_leftovers(&mut admin);
        }
    }
    #[cfg(not(feature = "postgres"))]
    let _ = scratch;
}

/// The JSON request, and the directory the helper runs in: the ini's
/// own, since Alembic resolves a relative `script_location` and
/// `prepend_sys_path` from the directory it is run in.
fn request(
    source: &Source,
    dialect: Dialect,
    scratch: Option<&DatabaseUrl>,
) -> (serde_json::Value, PathBuf) {
    let dialect_name = match dialect {
        Dialect::Postgres => "postgresql",
        Dialect::Sqlite => "sqlite",
    };
    let scratch = match scratch {
        Some(DatabaseUrl::Postgres(pg)) => {
            let mut params = serde_json::Map::new();
            let mut put = |k: &str, v: String| {
                params.insert(k.to_string(), serde_json::Value::String(v));
            };
            for (key, value) in &pg.params {
                put(key, value.clone());
            }
            if !pg.hosts.is_empty() {
                put("host", pg.hosts.join(","));
            }
            if !pg.ports.is_empty() {
                let ports: Vec<String> = pg.ports.iter().map(u16::to_string).collect();
                put("port", ports.join(","));
            }
            if let Some(user) = &pg.user {
                put("user", user.clone());
            }
            if let Some(password) = pg.password() {
                put("password", password.to_string());
            }
            put("dbname", pg.dbname.clone().unwrap_or_else(|| "postgres".into()));
            serde_json::Value::Object(params)
        }
        _ => serde_json::Value::Null,
    };
    let (ini, section, versions, cwd) = match source {
        Source::Ini { path, section } => (
            Some(path.display().to_string()),
            section.clone(),
            None,
            path.parent().map(Path::to_path_buf).unwrap_or_default(),
        ),
        Source::Versions(dir) => (
            None,
            String::new(),
            Some(dir.display().to_string()),
            dir.clone(),
        ),
    };
    let request = serde_json::json!({
        "ini": ini,
        "ini_section": section,
        "versions": versions,
        "dialect": dialect_name,
        "scratch": scratch,
    });
    (request, cwd)
}
