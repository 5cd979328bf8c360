//! The target schema: which sources it is, rendering each to SQL (reading
//! a file, running SQLAlchemy or a program), and loading the SQL into a
//! database made for the purpose, with a failing statement named by where
//! it came from and its line.

mod program;

use crate::config::TargetSource;
use crate::db::{Database, DbError};
use crate::url::Dialect;
use crate::{tr, Error, Result};
use std::path::PathBuf;
use std::time::Duration;

/// The helper that renders a SQLAlchemy `MetaData` as DDL: part of retort,
/// run with the project's Python.
const RENDER_SQLALCHEMY: &str = include_str!("target/render_sqlalchemy.py");

/// How long a program rendering the target may run, unless
/// `target_timeout` says otherwise: importing a large model package takes
/// seconds, not minutes.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

/// The target schema sources: `target_schema` from the configuration, or
/// `schema.sql` beside the configuration file.
pub fn target_sources(config: &crate::config::Config) -> Vec<TargetSource> {
    if !config.target_schema.is_empty() {
        return config.target_schema.clone();
    }
    let dir = config
        .path
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    vec![TargetSource::File(dir.join("schema.sql"))]
}

/// Whether the project has a target schema to compare with: `target_schema`
/// set, or the default `schema.sql` present.
pub fn target_schema_configured(config: &crate::config::Config) -> bool {
    !config.target_schema.is_empty()
        || target_sources(config).iter().all(|source| match source {
            TargetSource::File(path) => path.is_file(),
            _ => true,
        })
}

/// What rendering a target needs besides the sources themselves.
#[derive(Debug, Clone, Default)]
pub struct TargetSettings {
    /// The interpreter for SQLAlchemy models; `python3` from PATH when None.
    pub python: Option<PathBuf>,
    /// Put on `sys.path`, and the directory programs run in: retort.toml's
    /// directory (the current directory when empty).
    pub project_dir: PathBuf,
    /// How long one program may run (`DEFAULT_TIMEOUT` when None).
    pub timeout: Option<Duration>,
}

impl TargetSettings {
    pub fn for_project(config: &crate::config::Config) -> Self {
        TargetSettings {
            python: config.python.clone(),
            project_dir: config.path.parent().map(PathBuf::from).unwrap_or_default(),
            timeout: config.target_timeout,
        }
    }
}

/// One source of the target as SQL text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedTarget {
    pub source: TargetSource,
    pub sql: String,
}

/// Renders every source for `dialect`, in order.
pub fn render(
    sources: &[TargetSource],
    dialect: Dialect,
    settings: &TargetSettings,
) -> Result<Vec<RenderedTarget>> {
    sources
        .iter()
        .map(|source| {
            let sql = match source {
                TargetSource::File(path) => std::fs::read_to_string(path).map_err(|e| {
                    Error::Usage(tr!(
                        "autogen-target-unreadable",
                        path = path,
                        error = e.to_string()
                    ))
                })?,
                TargetSource::SqlAlchemy { module, attribute } => {
                    render_sqlalchemy(module, attribute, dialect, settings)?
                }
                TargetSource::Command(argv) => run_command(argv, settings)?,
            };
            Ok(RenderedTarget {
                source: source.clone(),
                sql,
            })
        })
        .collect()
}

fn render_sqlalchemy(
    module: &str,
    attribute: &str,
    dialect: Dialect,
    settings: &TargetSettings,
) -> Result<String> {
    let what = tr!(
        "autogen-target-sqlalchemy",
        source = format!("sqlalchemy:{module}:{attribute}")
    );
    let (python, origin) = match &settings.python {
        Some(path) => (path.clone(), tr!("autogen-python-origin-configured")),
        None => (PathBuf::from("python3"), tr!("autogen-python-origin-default")),
    };
    let dialect_name = match dialect {
        Dialect::Postgres => "postgresql",
        Dialect::Sqlite => "sqlite",
    };
    let project_dir = absolute(&settings.project_dir);
    let mut command = std::process::Command::new(&python);
    command
        .arg("-c")
        .arg(RENDER_SQLALCHEMY)
        .arg(&project_dir)
        .arg(module)
        .arg(attribute)
        .arg(dialect_name);
    let output = program::run(&mut command, &project_dir, timeout(settings)).map_err(|e| {
        Error::Usage(match e {
            program::Failure::NotFound(_) => tr!(
                "autogen-no-python",
                what = &what,
                python = &python,
                origin = &origin
            ),
            other => tr!(
                "autogen-what-failed",
                what = &what,
                detail = other.describe(&python.display().to_string())
            ),
        })
    })?;
    match output.status.code() {
        Some(0) => Ok(output.stdout),
        // The helper's own failures: one message, meant to be shown as is.
        Some(3) => Err(Error::Usage(tr!(
            "autogen-what-failed",
            what = &what,
            detail = output.stderr.trim_end()
        ))),
        _ => Err(Error::Usage(tr!(
            "autogen-python-failed",
            what = &what,
            python = &python,
            status = output.status.to_string(),
            output = program::tail(&output.stderr)
        ))),
    }
}

fn run_command(argv: &[String], settings: &TargetSettings) -> Result<String> {
    let shown = argv.join(" ");
    let what = tr!("autogen-target-command", command = shown);
    let project_dir = absolute(&settings.project_dir);
    let mut command = std::process::Command::new(&argv[0]);
    command.args(&argv[1..]);
    let output = program::run(&mut command, &project_dir, timeout(settings))
        .map_err(|e| {
            Error::Usage(tr!(
                "autogen-what-failed",
                what = &what,
                detail = e.describe(&argv[0])
            ))
        })?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(Error::Usage(tr!(
            "autogen-target-command-failed",
            what = &what,
            status = output.status.to_string(),
            output = program::tail(&output.stderr)
        )))
    }
}

fn timeout(settings: &TargetSettings) -> Duration {
    settings.timeout.unwrap_or(DEFAULT_TIMEOUT)
}

fn absolute(dir: &std::path::Path) -> PathBuf {
    if dir.as_os_str().is_empty() {
        std::env::current_dir().unwrap_or_default()
    } else {
        std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf())
    }
}

/// Runs one rendered source. Lines of psql meta-commands (such as
/// `\restrict` in recent `pg_dump` output) are blanked, keeping the line
/// numbers of the server's messages right. A file runs as one script; SQL
/// a program printed runs statement by statement, so that a failure names
/// the statement, which the user has no file to look it up in.
pub fn load_target(db: &mut dyn Database, target: &RenderedTarget) -> Result<()> {
    let sql: String = target
        .sql
        .lines()
        .map(|line| if line.starts_with('\\') { "" } else { line })
        .collect::<Vec<_>>()
        .join("\n");
    match &target.source {
        TargetSource::File(_) => db.execute_script(&sql),
        _ => db.execute_autocommit(&sql),
    }
    .map_err(|e| schema_load_error(target, &sql, e))
}

/// A target schema that does not load, named with its source and line,
/// and for rendered SQL the statement itself.
fn schema_load_error(target: &RenderedTarget, sql: &str, error: DbError) -> Error {
    let rendered = !matches!(target.source, TargetSource::File(_));
    let name = target.source.describe();
    Error::Usage(match error {
        DbError::Statement(err) => match (err.line, rendered) {
            (Some(line), false) => tr!(
                "autogen-target-does-not-load-at",
                name = &name,
                line = line,
                error = &err.message
            ),
            (Some(line), true) => tr!(
                "autogen-target-rendered-does-not-load",
                name = &name,
                line = line,
                error = &err.message,
                statement = statement_at(sql, line)
            ),
            (None, _) => tr!(
                "autogen-target-does-not-load",
                name = &name,
                error = &err.message
            ),
        },
        other => tr!(
            "autogen-target-does-not-load",
            name = &name,
            error = other.to_string()
        ),
    })
}

/// The statement of `sql` that the 1-based `line` falls in.
fn statement_at(sql: &str, line: usize) -> String {
    use crate::sql::split::{line_of_byte, split_postgres};
    split_postgres(sql)
        .into_iter()
        .find(|span| line_of_byte(sql, span.end.saturating_sub(1)) >= line)
        .map(|span| sql[span.start..span.end].trim().to_string())
        .unwrap_or_default()
}
