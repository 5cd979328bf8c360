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
    #[error("no {CONFIG_FILE_NAME} in {} or any directory above it; run `retort init`, or name the file with -c or RETORT_CONFIG", start.display())]
    NotFound { start: PathBuf },
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} line {line}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("unknown key `{key}` in {} line {line}; {}", path.display(), match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("known keys: {}", KNOWN_KEYS.join(", ")),
    })]
    UnknownKey {
        path: PathBuf,
        line: usize,
        key: String,
        suggestion: Option<String>,
    },
    /// A bad value (wrong type, unset variable...), at its line.
    #[error("{} line {line}: {message}", path.display())]
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
        format!(
            "unknown environment `{name}`: {} has no [env.NAME] tables",
            path.display()
        )
    } else {
        format!(
            "unknown environment `{name}` in {}; known: {}",
            path.display(),
            known.join(", ")
        )
    }
}
