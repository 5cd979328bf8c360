//! retort.toml: found by walking up from the current directory (or `-c`, or
//! `RETORT_CONFIG`), `${VAR}` / `${VAR:-default}` expanded, `[env.NAME]`
//! overrides applied, and the database URL picked (`--url` > the chosen
//! `[env.NAME]`'s `url` > `DATABASE_URL` > the top-level `url`), with the
//! `.env` beside retort.toml filling variables the environment leaves
//! unset. This is the only module that reads the process environment,
//! and only in [`Config::load`]: [`Config::load_with`] takes the
//! environment as a function, for tests and embedding applications.

pub mod backup;
pub mod dotenv;
pub mod duration;
mod error;
pub mod expand;
pub mod file;
pub mod fleet;
mod keys;
pub mod lint;
pub mod tables;
pub mod scope;
pub mod target;

pub use backup::BackupSettings;
pub use fleet::{FleetConfig, QueryGives};
pub use error::{ConfigError, CONFIG_FILE_NAME};
pub use scope::{Patterns, ScopeConfig};
pub use target::TargetSource;

use crate::url::DatabaseUrl;
use expand::{expand, expand_url, ExpandError};
use file::{Entry, Value};
use std::path::{Path, PathBuf};
use std::time::Duration;

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
    /// `--no-dotenv`: do not read the `.env` file beside the configuration.
    pub no_dotenv: bool,
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
    /// The project's Python, which renders SQLAlchemy models and runs
    /// Alembic for `import alembic`: `python` (a path with a `/` relative
    /// to retort.toml, a bare name looked up on PATH), else
    /// `$VIRTUAL_ENV/bin/python`; None: `python3` from PATH.
    pub python: Option<PathBuf>,
    /// How long a program rendering the target may run (`target_timeout`).
    pub target_timeout: Option<Duration>,
    /// `[autogenerate]`: what autogenerate and `check` look at.
    pub scope: ScopeConfig,
    pub transaction_per_migration: bool,
    /// `{rev}_{slug}` unless set.
    pub file_template: String,
    /// Slugs longer than this are cut (40 unless set, as Alembic).
    pub truncate_slug_length: usize,
    /// How long to keep retrying the first connection.
    pub wait_timeout: Option<Duration>,
    /// How long to wait for the migration lock.
    pub lock_timeout: Option<Duration>,
    /// How long a migration statement may wait for a table lock (PostgreSQL).
    pub migration_lock_timeout: Option<Duration>,
    /// How long a migration statement may run (PostgreSQL).
    pub migration_statement_timeout: Option<Duration>,
    /// Runs again of a step that hit `migration_lock_timeout`.
    pub migration_lock_retries: u32,
    /// `[lint]`: the PostgreSQL version, rule levels, what `upgrade` does.
    pub lint: lint::LintConfig,
    /// Autogenerate writes `CREATE INDEX CONCURRENTLY` in `no-transaction` sections.
    pub autogenerate_concurrent_indexes: bool,
    /// A scratch database URL for autogenerate.
    pub dev_url: Option<String>,
    /// Backups before `upgrade` and `downgrade` change the database.
    pub backup: BackupSettings,
    /// `[fleet]` and `[fleet.NAME]`: the databases `--fleet` runs on.
    pub fleets: Vec<FleetConfig>,
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
            .field("migration_lock_timeout", &self.migration_lock_timeout)
            .field(
                "migration_statement_timeout",
                &self.migration_statement_timeout,
            )
            .field("migration_lock_retries", &self.migration_lock_retries)
            .field("lint", &self.lint)
            .field(
                "autogenerate_concurrent_indexes",
                &self.autogenerate_concurrent_indexes,
            )
            .field("dev_url", &self.dev_url.as_deref().map(crate::url::redact))
            .field("backup", &self.backup)
            .field(
                "fleets",
                &self.fleets.iter().map(FleetConfig::table_name).collect::<Vec<_>>(),
            )
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
        // The real environment wins; `.env` fills only what it leaves unset.
        let dotenv = if options.no_dotenv {
            Default::default()
        } else {
            dotenv::read_beside(&path)?
        };
        let lookup = |name: &str| env(name).or_else(|| dotenv.get(name).cloned());
        Config::from_text(&path, &text, options, &lookup)
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
        let env_url = env_url_entry(&file, options.env_name.as_deref());
        let entries = effective_entries(path, file, options.env_name.as_deref())?;
        let base_dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let values = Values {
            path,
            entries: &entries,
            env,
            x_args: &options.x_args,
            prefix: "",
        };

        // --url, then the chosen [env.NAME]'s `url`, then DATABASE_URL,
        // then the top-level `url`: naming an environment on the command
        // line is more specific than a variable that may be left over in
        // the shell. A file `url` is only expanded when it is the one
        // used, so that `${STAGING_URL}` need not be set to run with --url.
        let database_url = env("DATABASE_URL").filter(|u| !u.is_empty());
        let url = match (&options.url, env_url, database_url) {
            (Some(url), _, _) => Some(url.clone()),
            (None, true, _) => values.string("url")?,
            (None, false, Some(url)) => Some(url),
            (None, false, None) => values.string("url")?,
        };

        let script_location = base_dir.join(
            values
                .string("script_location")?
                .unwrap_or_else(|| "migrations".to_string()),
        );
        let truncate_slug_length = match values.integer("truncate_slug_length")? {
            None | Some(0) => 40,
            Some(n) => usize::try_from(n).map_err(|_| {
                values.invalid("truncate_slug_length", &crate::tr!("config-positive-integer"))
            })?,
        };
        let migration_lock_retries = match values.integer("migration_lock_retries")? {
            None => 0,
            Some(n) => u32::try_from(n)
                .ok()
                .filter(|n| *n <= MAX_MIGRATION_LOCK_RETRIES)
                .ok_or_else(|| {
                    values.invalid(
                        "migration_lock_retries",
                        &crate::tr!("config-whole-number-up-to", max = MAX_MIGRATION_LOCK_RETRIES),
                    )
                })?,
        };
        let version_table = tables::version_table(values.string("version_table")?)
            .map_err(|message| values.invalid("version_table", &message))?;
        let log_table = tables::log_table(values.string("log_table")?, &version_table)
            .map_err(|message| values.invalid("log_table", &message))?;
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
            version_table,
            version_table_schema: values.string("version_table_schema")?,
            log_table,
            target_schema: values.target_sources("target_schema", &base_dir)?,
            python: match values.string("python")? {
                Some(python) if python.contains('/') => Some(base_dir.join(python)),
                Some(python) => Some(PathBuf::from(python)),
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
            migration_lock_timeout: values.server_timeout("migration_lock_timeout")?,
            migration_statement_timeout: values.server_timeout("migration_statement_timeout")?,
            migration_lock_retries,
            lint: lint::read(path, values.entry("lint"))?,
            autogenerate_concurrent_indexes: values
                .boolean("autogenerate_concurrent_indexes")?
                .unwrap_or(false),
            dev_url: values.string("dev_url")?,
            backup: values.backup(&base_dir)?,
            fleets: fleet::read(path, values.entry("fleet"), &|text| {
                values.expand_text(true, text).map_err(expand_message)
            })?,
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
            None => Err(ConfigError::Message(crate::tr!(
                "config-no-database-url",
                path = self.path.as_path()
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

/// Whether the chosen `[env.NAME]` sets `url` itself.
fn env_url_entry(file: &file::ConfigFile, env_name: Option<&str>) -> bool {
    env_name.is_some_and(|name| {
        file.envs
            .iter()
            .any(|e| e.name == name && e.entries.iter().any(|entry| entry.key == "url"))
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

/// Typed access to the effective entries, expanding `${VAR}` and
/// `${x:KEY}` on the way.
#[derive(Clone, Copy)]
struct Values<'a> {
    path: &'a Path,
    entries: &'a [Entry],
    env: &'a dyn Fn(&str) -> Option<String>,
    /// `-x KEY=VALUE`, read as `${x:KEY}`.
    x_args: &'a [(String, String)],
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
            message: crate::tr!(
                "config-key-problem",
                key = format!("{}{key}", self.prefix),
                problem = message
            ),
        }
    }

    /// `text` with `${VAR}` and `${x:KEY}` expanded; `url`: as URL parts.
    fn expand_text(&self, url: bool, text: &str) -> Result<String, ExpandError> {
        // The last -x for a key wins, as a later option overrides an earlier one.
        let x = |key: &str| {
            self.x_args
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        };
        if url {
            expand_url(text, self.env, &x)
        } else {
            expand(text, self.env, &x)
        }
    }

    fn expand(&self, key: &str, text: &str) -> Result<String, ConfigError> {
        // The URL keys' `${...}` are URL parts, percent-encoded.
        self.expand_text(matches!(key, "url" | "dev_url"), text)
            .map_err(|e| self.invalid(key, &expand_message(e)))
    }

    fn string(&self, key: &str) -> Result<Option<String>, ConfigError> {
        match self.entry(key).map(|e| &e.value) {
            None => Ok(None),
            Some(Value::String(s)) => self.expand(key, s).map(Some),
            Some(other) => {
                Err(self.invalid(
                    key,
                    &crate::tr!("config-must-be-string", found = other.type_name()),
                ))
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
                        &crate::tr!("config-list-holds", found = other.type_name()),
                    )),
                })
                .collect(),
            Some(other) => Err(self.invalid(
                key,
                &crate::tr!("config-must-be-list", found = other.type_name()),
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
                other => Err(self.invalid(
                    key,
                    &crate::tr!("config-must-be-boolean-text", found = other),
                )),
            },
            Some(other) => Err(self.invalid(
                key,
                &crate::tr!("config-must-be-boolean", found = other.type_name()),
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
                    .map_err(|_| {
                        self.invalid(key, &crate::tr!("config-must-be-integer-text", found = &text))
                    })
            }
            Some(other) => Err(self.invalid(
                key,
                &crate::tr!("config-must-be-integer", found = other.type_name()),
            )),
        }
    }

    /// A PostgreSQL timeout setting: at least a millisecond (0 would mean
    /// "no limit" to the server, the opposite of what was asked) and
    /// within what it accepts.
    fn server_timeout(&self, key: &str) -> Result<Option<Duration>, ConfigError> {
        match self.seconds(key)? {
            None => Ok(None),
            Some(timeout) => check_server_timeout(timeout)
                .map(Some)
                .map_err(|why| self.invalid(key, &why)),
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
                    &crate::tr!("config-target-schema-type", found = other.type_name()),
                )),
            })
            .collect()
    }

    /// `{ command = ["program", "arg", ...] }`.
    fn command(&self, key: &str, entries: &[Entry]) -> Result<TargetSource, ConfigError> {
        let usage = crate::tr!("config-command-usage");
        if let Some(other) = entries.iter().find(|e| e.key != "command") {
            return Err(self.invalid(
                key,
                &crate::tr!("config-command-other-key", found = &other.key, usage = &usage),
            ));
        }
        let inner = Values {
            entries,
            prefix: "",
            ..*self
        };
        let argv = inner
            .strings("command")
            .map_err(|_| self.invalid(key, &usage))?;
        if argv.is_empty() || argv[0].is_empty() {
            return Err(self.invalid(
                key,
                &crate::tr!("config-command-no-program", usage = &usage),
            ));
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
                    &crate::tr!("config-must-be-table", key = key, found = other.type_name()),
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

    /// `backup`, `backup_directory`, `backup_keep` and `pg_dump`.
    fn backup(&self, base_dir: &Path) -> Result<BackupSettings, ConfigError> {
        let keep = match self.integer("backup_keep")? {
            None => Some(backup::DEFAULT_BACKUP_KEEP),
            Some(0) => None,
            Some(n) => Some(u32::try_from(n).map_err(|_| {
                self.invalid(
                    "backup_keep",
                    &crate::tr!("config-backup-keep"),
                )
            })?),
        };
        let directory = self
            .string("backup_directory")?
            .unwrap_or_else(|| backup::DEFAULT_BACKUP_DIRECTORY.to_string());
        if directory.trim().is_empty() {
            return Err(self.invalid("backup_directory", &crate::tr!("config-name-a-directory")));
        }
        let pg_dump = match self.string("pg_dump")? {
            Some(program) if program.trim().is_empty() => {
                return Err(self.invalid("pg_dump", &crate::tr!("config-name-a-program")))
            }
            Some(program) if program.contains('/') => Some(base_dir.join(program)),
            Some(program) => Some(PathBuf::from(program)),
            None => None,
        };
        Ok(BackupSettings {
            enabled: self.boolean("backup")?.unwrap_or(false),
            directory: base_dir.join(directory),
            keep,
            pg_dump,
        })
    }

    /// A duration: a number of seconds, or text [`duration::parse_duration`] reads.
    fn seconds(&self, key: &str) -> Result<Option<Duration>, ConfigError> {
        let duration = match self.entry(key).map(|e| &e.value) {
            None => return Ok(None),
            Some(Value::Integer(i)) => duration::from_seconds(*i as f64),
            Some(Value::Float(f)) => duration::from_seconds(*f),
            Some(Value::String(s)) => duration::parse_duration(&self.expand(key, s)?),
            Some(other) => {
                return Err(self.invalid(
                    key,
                    &crate::tr!(
                        "config-must-be-duration",
                        forms = duration::duration_forms(),
                        found = other.type_name()
                    ),
                ))
            }
        };
        duration
            .map(Some)
            .map_err(|message| self.invalid(key, &message))
    }
}

/// What went wrong expanding a value, in words.
fn expand_message(e: ExpandError) -> String {
    match e {
        ExpandError::Unset(var) => crate::tr!("config-unset-variable", var = var),
        ExpandError::UnsetX(key) => crate::tr!("config-unset-x", key = key),
        ExpandError::Unterminated => crate::tr!("config-unterminated-variable"),
        ExpandError::BadName(name) => crate::tr!("config-bad-variable-name", name = name),
    }
}

/// The most retries `migration_lock_retries` takes: each pauses longer
/// than the last, and a run should end within the hour.
pub const MAX_MIGRATION_LOCK_RETRIES: u32 = 10;

/// A PostgreSQL timeout, checked: at least a millisecond (the setting's
/// unit) and at most what the server accepts (2^31-1 ms).
pub fn check_server_timeout(timeout: Duration) -> Result<Duration, String> {
    let max = Duration::from_millis(i32::MAX as u64);
    if (Duration::from_millis(1)..=max).contains(&timeout) {
        Ok(timeout)
    } else {
        Err(crate::tr!(
            "config-server-timeout-range",
            max = max.as_secs_f64(),
            found = timeout.as_secs_f64()
        ))
    }
}
