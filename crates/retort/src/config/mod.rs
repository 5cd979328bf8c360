//! retort.toml: found by walking up from the current directory (or `-c`, or
//! `RETORT_CONFIG`), `${VAR}` / `${VAR:-default}` expanded, `[env.NAME]`
//! overrides applied, and the database URL picked (`--url` > `DATABASE_URL` >
//! the file). This is the only module that reads the process environment,
//! and only in [`Config::load`]: [`Config::load_with`] takes the
//! environment as a function, for tests and embedding applications.

mod error;
pub mod expand;
pub mod file;
mod keys;
pub mod scope;
pub mod target;

pub use error::{ConfigError, CONFIG_FILE_NAME};
pub use scope::{Patterns, ScopeConfig};
pub use target::TargetSource;

use crate::url::DatabaseUrl;
use expand::{expand, ExpandError};
use file::{Entry, Value};
use std::path::{Path, PathBuf};

/// Alembic's default file name for new revisions (`file_template`):
/// `%(rev)s_%(slug)s`.
pub const DEFAULT_FILE_TEMPLATE: &str = "{rev}_{slug}";

/// What the command line says about where the configuration comes from.
#[derive(Debug, Clone, Default)]
pub struct ConfigOptions {
    /// `-c/--config`.
    pub config_path: Option<PathBuf>,
    /// `--env/-n`.
    pub env_name: Option<String>,
    /// `--url`.
    pub url: Option<String>,
    /// `-x KEY=VALUE`.
    pub x_args: Vec<(String, String)>,
    /// The directory to start the upward search from (the process's current directory when None).
    pub cwd: Option<PathBuf>,
}

/// The effective configuration, every path absolute.
#[derive(Clone)]
pub struct Config {
    /// The retort.toml that was read.
    pub path: PathBuf,
    /// The `[env.NAME]` applied, if any.
    pub env_name: Option<String>,
    /// The migrations directory (`script_location`, default `migrations`).
    pub script_location: PathBuf,
    /// Extra version directories (`version_locations`); `script_location/versions` is always first.
    pub version_locations: Vec<PathBuf>,
    /// The URL text after expansion and precedence, None when nothing gave one.
    pub url: Option<String>,
    /// `alembic_version` unless set.
    pub version_table: String,
    pub version_table_schema: Option<String>,
    /// retort's applied-migration log table (`retort_migration_log` unless set).
    pub log_table: String,
    /// What autogenerate compares against: SQL files, SQLAlchemy models,
    /// programs printing SQL (empty: `schema.sql` beside this file).
    pub target_schema: Vec<TargetSource>,
    /// The Python that renders SQLAlchemy models: `python`, else
    /// `$VIRTUAL_ENV/bin/python`; None: `python3` from PATH.
    pub python: Option<PathBuf>,
    /// Seconds a program rendering the target may run (`target_timeout`).
    pub target_timeout: Option<f64>,
    /// `[autogenerate]`: what autogenerate and `check` look at.
    pub scope: ScopeConfig,
    pub transaction_per_migration: bool,
    /// `{rev}_{slug}` unless set.
    pub file_template: String,
    /// Slugs longer than this are cut (40 unless set, as Alembic).
    pub truncate_slug_length: usize,
    /// Seconds to keep retrying the first connection.
    pub wait_timeout: Option<f64>,
    /// Seconds to wait for the migration lock.
    pub lock_timeout: Option<f64>,
    /// Autogenerate writes `CREATE INDEX CONCURRENTLY` in `no-transaction` sections.
    pub autogenerate_concurrent_indexes: bool,
    /// A scratch database URL for autogenerate.
    pub dev_url: Option<String>,
    pub x_args: Vec<(String, String)>,
}

impl std::fmt::Debug for Config {
    /// Field by field, but with the URLs redacted: a Config is printed in
    /// logs and test failures, and its URLs may carry passwords.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("path", &self.path)
            .field("env_name", &self.env_name)
            .field("script_location", &self.script_location)
            .field("version_locations", &self.version_locations)
            .field("url", &self.url.as_deref().map(crate::url::redact))
            .field("version_table", &self.version_table)
            .field("version_table_schema", &self.version_table_schema)
            .field("log_table", &self.log_table)
            .field("target_schema", &self.target_schema)
            .field("python", &self.python)
            .field("target_timeout", &self.target_timeout)
            .field("scope", &self.scope)
            .field("transaction_per_migration", &self.transaction_per_migration)
            .field("file_template", &self.file_template)
            .field("truncate_slug_length", &self.truncate_slug_length)
            .field("wait_timeout", &self.wait_timeout)
            .field("lock_timeout", &self.lock_timeout)
            .field(
                "autogenerate_concurrent_indexes",
                &self.autogenerate_concurrent_indexes,
            )
            .field("dev_url", &self.dev_url.as_deref().map(crate::url::redact))
            .field("x_args", &self.x_args)
            .finish()
    }
}

impl Config {
    /// Loads the configuration with the process's environment and current directory.
    pub fn load(options: &ConfigOptions) -> Result<Config, ConfigError> {
        Config::load_with(options, &|name| std::env::var(name).ok())
    }

    /// Loads the configuration, reading environment variables only through `env`.
    pub fn load_with(
        options: &ConfigOptions,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let cwd = match &options.cwd {
            Some(cwd) => cwd.clone(),
            None => std::env::current_dir().map_err(|source| ConfigError::Io {
                path: PathBuf::from("."),
                source,
            })?,
        };
        let path = find_config_file(options, env, &cwd)?;
        let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Io {
            path: path.clone(),
            source,
        })?;
        Config::from_text(&path, &text, options, env)
    }

    /// Builds the configuration from a file's text; `path` locates relative
    /// paths and names the file in errors.
    pub fn from_text(
        path: &Path,
        text: &str,
        options: &ConfigOptions,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let file = file::parse(path, text)?;
        let entries = effective_entries(path, file, options.env_name.as_deref())?;
        let base_dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let values = Values {
            path,
            entries: &entries,
            env,
            prefix: "",
        };

        // --url, then DATABASE_URL, then the file: the file's `url` is only
        // expanded when it is the one used, so that `${STAGING_URL}` need
        // not be set to run with --url.
        let url = match (&options.url, env("DATABASE_URL").filter(|u| !u.is_empty())) {
            (Some(url), _) => Some(url.clone()),
            (None, Some(url)) => Some(url),
            (None, None) => values.string("url")?,
        };

        let script_location = base_dir.join(
            values
                .string("script_location")?
                .unwrap_or_else(|| "migrations".to_string()),
        );
        let truncate_slug_length = match values.integer("truncate_slug_length")? {
            None | Some(0) => 40,
            Some(n) => usize::try_from(n).map_err(|_| {
                values.invalid("truncate_slug_length", "must be a positive integer")
            })?,
        };
        Ok(Config {
            path: path.to_path_buf(),
            env_name: options.env_name.clone(),
            script_location,
            version_locations: values
                .strings("version_locations")?
                .into_iter()
                .map(|p| base_dir.join(p))
                .collect(),
            url,
            version_table: values
                .string("version_table")?
                .unwrap_or_else(|| "alembic_version".to_string()),
            version_table_schema: values.string("version_table_schema")?,
            log_table: values
                .string("log_table")?
                .unwrap_or_else(|| "retort_migration_log".to_string()),
            target_schema: values.target_sources("target_schema", &base_dir)?,
            python: match values.string("python")? {
                Some(python) => Some(base_dir.join(python)),
                None => env("VIRTUAL_ENV")
                    .filter(|v| !v.is_empty())
                    .map(|venv| Path::new(&venv).join("bin/python")),
            },
            target_timeout: values.seconds("target_timeout")?,
            scope: values.scope("autogenerate")?,
            transaction_per_migration: values
                .boolean("transaction_per_migration")?
                .unwrap_or(false),
            file_template: values
                .string("file_template")?
                .unwrap_or_else(|| DEFAULT_FILE_TEMPLATE.to_string()),
            truncate_slug_length,
            wait_timeout: values.seconds("wait_timeout")?,
            lock_timeout: values.seconds("lock_timeout")?,
            autogenerate_concurrent_indexes: values
                .boolean("autogenerate_concurrent_indexes")?
                .unwrap_or(false),
            dev_url: values.string("dev_url")?,
            x_args: options.x_args.clone(),
        })
    }

    /// The directories holding revision files, in the order they are read:
    /// `script_location/versions`, then `version_locations`. When
    /// `version_locations` names `script_location/versions` itself, its
    /// order is kept as written, as Alembic reads exactly that list.
    pub fn version_dirs(&self) -> Vec<PathBuf> {
        let versions = self.script_location.join("versions");
        let mut dirs = Vec::with_capacity(self.version_locations.len() + 1);
        if !self.version_locations.contains(&versions) {
            dirs.push(versions);
        }
        dirs.extend(self.version_locations.iter().cloned());
        dirs
    }

    /// The parsed database URL, or an error saying where a URL can be given.
    pub fn database_url(&self) -> Result<DatabaseUrl, ConfigError> {
        match &self.url {
            Some(text) => Ok(DatabaseUrl::parse(text)?),
            None => Err(ConfigError::Message(format!(
                "no database URL: pass --url, set DATABASE_URL, or set `url` in {}",
                self.path.display()
            ))),
        }
    }
}

/// `-c`, else `RETORT_CONFIG`, else the first retort.toml from `cwd` upwards.
fn find_config_file(
    options: &ConfigOptions,
    env: &dyn Fn(&str) -> Option<String>,
    cwd: &Path,
) -> Result<PathBuf, ConfigError> {
    let named = options.config_path.clone().or_else(|| {
        env("RETORT_CONFIG")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    });
    if let Some(named) = named {
        let path = cwd.join(named);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(ConfigError::Io {
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
                path,
            })
        };
    }
    let mut dir = Some(cwd);
    while let Some(current) = dir {
        let candidate = current.join(CONFIG_FILE_NAME);
        if candidate.is_file() {
            return Ok(candidate);
        }
        dir = current.parent();
    }
    Err(ConfigError::NotFound {
        start: cwd.to_path_buf(),
    })
}

/// The top-level entries with `[env.NAME]`'s laid over them.
fn effective_entries(
    path: &Path,
    file: file::ConfigFile,
    env_name: Option<&str>,
) -> Result<Vec<Entry>, ConfigError> {
    let mut entries = file.entries;
    let Some(name) = env_name else {
        return Ok(entries);
    };
    let known: Vec<String> = file.envs.iter().map(|e| e.name.clone()).collect();
    let Some(env) = file.envs.into_iter().find(|e| e.name == name) else {
        return Err(ConfigError::UnknownEnv {
            path: path.to_path_buf(),
            name: name.to_string(),
            known,
        });
    };
    for over in env.entries {
        match entries.iter_mut().find(|e| e.key == over.key) {
            Some(entry) => *entry = over,
            None => entries.push(over),
        }
    }
    Ok(entries)
}

/// Typed access to the effective entries, expanding `${VAR}` on the way.
#[derive(Clone, Copy)]
struct Values<'a> {
    path: &'a Path,
    entries: &'a [Entry],
    env: &'a dyn Fn(&str) -> Option<String>,
    /// `autogenerate.` inside `[autogenerate]`, so errors name the key in full.
    prefix: &'a str,
}

impl Values<'_> {
    fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    fn line(&self, key: &str) -> usize {
        self.entry(key).map_or(0, |e| e.line)
    }

    fn invalid(&self, key: &str, message: &str) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.to_path_buf(),
            line: self.line(key),
            message: format!("`{}{key}` {message}", self.prefix),
        }
    }

    fn expand(&self, key: &str, text: &str) -> Result<String, ConfigError> {
        expand(text, self.env).map_err(|e| {
            let message = match e {
                ExpandError::Unset(var) => format!(
                    "uses ${{{var}}}, but the environment variable {var} is not set (a default is written ${{{var}:-default}})"
                ),
                ExpandError::Unterminated => "has a `${` without its closing `}`".to_string(),
                ExpandError::BadName(name) => format!(
                    "has `${{{name}}}`, which is not a variable name (letters, digits and `_`)"
                ),
            };
            self.invalid(key, &message)
        })
    }

    fn string(&self, key: &str) -> Result<Option<String>, ConfigError> {
        match self.entry(key).map(|e| &e.value) {
            None => Ok(None),
            Some(Value::String(s)) => self.expand(key, s).map(Some),
            Some(other) => {
                Err(self.invalid(key, &format!("must be a string, not {}", other.type_name())))
            }
        }
    }

    /// A list of strings; a single string is a list of one.
    fn strings(&self, key: &str) -> Result<Vec<String>, ConfigError> {
        match self.entry(key).map(|e| &e.value) {
            None => Ok(Vec::new()),
            Some(Value::String(s)) => Ok(vec![self.expand(key, s)?]),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| match item {
                    Value::String(s) => self.expand(key, s),
                    other => Err(self.invalid(
                        key,
                        &format!("must be a list of strings, but holds {}", other.type_name()),
                    )),
                })
                .collect(),
            Some(other) => Err(self.invalid(
                key,
                &format!("must be a list of strings, not {}", other.type_name()),
            )),
        }
    }

    /// A boolean, or a string that expands to `true` / `false`.
    fn boolean(&self, key: &str) -> Result<Option<bool>, ConfigError> {
        match self.entry(key).map(|e| &e.value) {
            None => Ok(None),
            Some(Value::Boolean(b)) => Ok(Some(*b)),
            Some(Value::String(s)) => match self.expand(key, s)?.trim() {
                "true" => Ok(Some(true)),
                "false" => Ok(Some(false)),
                other => Err(self.invalid(key, &format!("must be true or false, not `{other}`"))),
            },
            Some(other) => Err(self.invalid(
                key,
                &format!("must be true or false, not {}", other.type_name()),
            )),
        }
    }

    fn integer(&self, key: &str) -> Result<Option<i64>, ConfigError> {
        match self.entry(key).map(|e| &e.value) {
            None => Ok(None),
            Some(Value::Integer(i)) => Ok(Some(*i)),
            Some(Value::String(s)) => {
                let text = self.expand(key, s)?;
                text.trim()
                    .parse()
                    .map(Some)
                    .map_err(|_| self.invalid(key, &format!("must be an integer, not `{text}`")))
            }
            Some(other) => Err(self.invalid(
                key,
                &format!("must be an integer, not {}", other.type_name()),
            )),
        }
    }

    /// `target_schema`: a string, an inline table, or a list of them.
    fn target_sources(&self, key: &str, base_dir: &Path) -> Result<Vec<TargetSource>, ConfigError> {
        let items = match self.entry(key).map(|e| &e.value) {
            None => return Ok(Vec::new()),
            Some(Value::Array(items)) => items.iter().collect(),
            Some(one) => vec![one],
        };
        items
            .into_iter()
            .map(|item| match item {
                Value::String(s) => TargetSource::parse(&self.expand(key, s)?, base_dir)
                    .map_err(|why| self.invalid(key, &why)),
                Value::Table(entries) => self.command(key, entries),
                other => Err(self.invalid(
                    key,
                    &format!(
                        "holds {}: it takes file paths, `sqlalchemy:MODULE:ATTRIBUTE` \
                         and `{{ command = [\"program\", \"arg\"] }}`",
                        other.type_name()
                    ),
                )),
            })
            .collect()
    }

    /// `{ command = ["program", "arg", ...] }`.
    fn command(&self, key: &str, entries: &[Entry]) -> Result<TargetSource, ConfigError> {
        let usage = "a table in `target_schema` is `{ command = [\"program\", \"arg\"] }`";
        if let Some(other) = entries.iter().find(|e| e.key != "command") {
            return Err(self.invalid(key, &format!("has `{}`: {usage}", other.key)));
        }
        let inner = Values {
            entries,
            prefix: "",
            ..*self
        };
        let argv = inner.strings("command").map_err(|_| self.invalid(key, usage))?;
        if argv.is_empty() || argv[0].is_empty() {
            return Err(self.invalid(key, &format!("names no program: {usage}")));
        }
        Ok(TargetSource::Command(argv))
    }

    /// The `[autogenerate]` table.
    fn scope(&self, key: &str) -> Result<ScopeConfig, ConfigError> {
        let entries = match self.entry(key).map(|e| &e.value) {
            None => return Ok(ScopeConfig::default()),
            Some(Value::Table(entries)) => entries,
            Some(other) => {
                return Err(self.invalid(
                    key,
                    &format!("must be a table ([{key}]), not {}", other.type_name()),
                ))
            }
        };
        let prefix = format!("{key}.");
        let inner = Values {
            entries,
            prefix: &prefix,
            ..*self
        };
        let known = scope::known_keys();
        for entry in entries {
            if !known.contains(&entry.key) {
                return Err(ConfigError::UnknownKey {
                    path: self.path.to_path_buf(),
                    line: entry.line,
                    key: format!("{prefix}{}", entry.key),
                    suggestion: file::nearest(&entry.key, known.iter().map(String::as_str))
                        .map(|k| format!("{prefix}{k}")),
                });
            }
        }
        let patterns = |name: &str| -> Result<Vec<String>, ConfigError> {
            let list = inner.strings(name)?;
            for pattern in &list {
                scope::check_pattern(pattern).map_err(|why| inner.invalid(name, &why))?;
            }
            Ok(list)
        };
        let mut config = ScopeConfig {
            schemas: match inner.entry("schemas") {
                Some(_) => Some(patterns("schemas")?),
                None => None,
            },
            exclude_schemas: patterns("exclude_schemas")?,
            ..ScopeConfig::default()
        };
        for kind in scope::KINDS {
            let include = patterns(&format!("include_{kind}"))?;
            let exclude = patterns(&format!("exclude_{kind}"))?;
            *config.patterns_mut(kind) = Patterns { include, exclude };
        }
        Ok(config)
    }

    /// A non-negative number of seconds.
    fn seconds(&self, key: &str) -> Result<Option<f64>, ConfigError> {
        let seconds = match self.entry(key).map(|e| &e.value) {
            None => return Ok(None),
            Some(Value::Integer(i)) => *i as f64,
            Some(Value::Float(f)) => *f,
            Some(Value::String(s)) => {
                let text = self.expand(key, s)?;
                text.trim().parse().map_err(|_| {
                    self.invalid(key, &format!("must be a number of seconds, not `{text}`"))
                })?
            }
            Some(other) => {
                return Err(self.invalid(
                    key,
                    &format!("must be a number of seconds, not {}", other.type_name()),
                ))
            }
        };
        if seconds.is_finite() && seconds >= 0.0 {
            Ok(Some(seconds))
        } else {
            Err(self.invalid(key, "must be a number of seconds, 0 or more"))
        }
    }
}
