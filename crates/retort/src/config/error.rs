//! What can be wrong with the configuration: each error names the file,
//! and the line where there is one.

use super::keys::KNOWN_KEYS;
use crate::url::UrlError;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The configuration file's name.
pub const CONFIG_FILE_NAME: &str = "retort.toml";

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ConfigError {
    #[error("{0}")]
    Message(String),
    #[error("{}", crate::tr!("config-not-found", file = CONFIG_FILE_NAME, start = start))]
    NotFound { start: PathBuf },
    #[error("{}", crate::tr!("cannot-read", path = path, reason = source.to_string()))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", crate::tr!("config-at-line", path = path, line = *line, message = message))]
    Syntax {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{}", crate::tr!("config-unknown-key", key = key, path = path, line = *line, hint = match suggestion {
        Some(s) => crate::tr!("config-did-you-mean", suggestion = s),
        None => crate::tr!("config-known-keys", keys = KNOWN_KEYS.join(", ")),
    }))]
    UnknownKey {
        path: PathBuf,
        line: usize,
        key: String,
        suggestion: Option<String>,
    },
    /// A bad value (wrong type, unset variable...), at its line.
    #[error("{}", crate::tr!("config-at-line", path = path, line = *line, message = message))]
    Invalid {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// The URL did not parse.
    #[error("{0}")]
    Url(#[from] UrlError),
    #[error("{}", unknown_env_message(name, known, path))]
    UnknownEnv {
        path: PathBuf,
        name: String,
        known: Vec<String>,
    },
}

fn unknown_env_message(name: &str, known: &[String], path: &Path) -> String {
    if known.is_empty() {
        crate::tr!("config-unknown-env-none", name = name, path = path)
    } else {
        crate::tr!(
            "config-unknown-env",
            name = name,
            path = path,
            known = known.join(", ")
        )
    }
}
