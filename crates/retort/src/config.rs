//! retort.toml: found by walking up from the current directory (or `-c`, or
//! `RETORT_CONFIG`), `${VAR}` / `${VAR:-default}` expanded, `[env.NAME]`
//! overrides applied, and the database URL picked (`--url` > `DATABASE_URL` >
//! the file). This is the only module that reads the process environment.

use crate::url::DatabaseUrl;
use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{0}")]
    Message(String),
}

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
#[derive(Debug, Clone)]
pub struct Config {
    /// The retort.toml that was read.
    pub path: PathBuf,
    /// The migrations directory (`script_location`).
    pub script_location: PathBuf,
    /// Extra version directories (`version_locations`); `script_location/versions` is always first.
    pub version_locations: Vec<PathBuf>,
    /// The URL text after expansion and precedence, None when nothing gave one.
    pub url: Option<String>,
    pub version_table: String,
    pub version_table_schema: Option<String>,
    /// retort's applied-migration log table.
    pub log_table: String,
    pub target_schema: Vec<String>,
    pub transaction_per_migration: bool,
    pub file_template: String,
    /// Seconds to keep retrying the first connection.
    pub wait_timeout: Option<f64>,
    pub x_args: Vec<(String, String)>,
}

impl Config {
    pub fn load(options: &ConfigOptions) -> Result<Config, ConfigError> {
        let _ = options;
        todo!("config loading")
    }

    /// The parsed database URL, or an error saying where a URL can be given.
    pub fn database_url(&self) -> crate::Result<DatabaseUrl> {
        match &self.url {
            Some(text) => Ok(DatabaseUrl::parse(text)?),
            None => Err(crate::Error::Usage(format!(
                "no database URL: pass --url, set DATABASE_URL, or set `url` in {}",
                self.path.display()
            ))),
        }
    }
}
