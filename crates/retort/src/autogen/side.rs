//! The two sides a comparison reads: each a live database or schema files.

use crate::url::DatabaseUrl;
use crate::Result;
use std::path::PathBuf;

/// One side of a comparison.
#[derive(Debug, Clone)]
pub enum Side {
    /// A live database.
    Database(DatabaseUrl),
    /// Schema files, run in order in a database made for the purpose: a
    /// scratch database on PostgreSQL, an in-memory one on SQLite.
    Files(Vec<PathBuf>),
}

impl Side {
    /// What `diff --from`/`--to` take: a database URL (anything with
    /// `://`), else a schema file.
    pub fn parse(text: &str) -> Result<Side> {
        if text.contains("://") {
            Ok(Side::Database(DatabaseUrl::parse(text)?))
        } else {
            Ok(Side::Files(vec![PathBuf::from(text)]))
        }
    }
}
