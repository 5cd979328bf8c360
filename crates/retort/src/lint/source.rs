//! What is linted: the upgrade section of a migration, or a plain `.sql`
//! file, with where its text starts in the file.

use crate::script::Script;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    /// The revision, for a migration's section.
    pub revision: Option<String>,
    /// The SQL.
    pub text: String,
    /// The file line `text` starts on.
    pub first_line: usize,
    /// Whether retort runs it inside a transaction.
    pub transactional: bool,
}

impl Source {
    /// A migration's upgrade section: what runs on the way forward. (A
    /// downgrade undoes, and is full of drops by nature.)
    pub fn upgrade(script: &Script) -> Source {
        Source {
            path: script.path.clone(),
            revision: Some(script.revision.clone()),
            text: script.upgrade.body.clone(),
            first_line: script.upgrade.first_line.max(1),
            transactional: !script.upgrade.no_transaction,
        }
    }

    /// A plain SQL file, run as psql runs it: each statement on its own
    /// unless the file says `BEGIN`.
    pub fn plain(path: &Path, text: String) -> Source {
        Source {
            path: path.to_path_buf(),
            revision: None,
            text,
            first_line: 1,
            transactional: false,
        }
    }
}
