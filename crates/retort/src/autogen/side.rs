//! The two sides a comparison reads: each a live database or the target's
//! sources (schema files, SQLAlchemy models, programs).

use crate::config::TargetSource;
use crate::url::DatabaseUrl;
use crate::Result;

/// One side of a comparison.
#[derive(Debug, Clone)]
pub enum Side {
    /// A live database.
    Database(DatabaseUrl),
    /// The target's sources (SQL files, SQLAlchemy models, programs),
    /// rendered as SQL and run in order in a database made for the purpose:
    /// a scratch database on PostgreSQL, an in-memory one on SQLite.
    Files(Vec<TargetSource>),
}

impl Side {
    /// What `diff --from`/`--to` take: a database URL (anything with
    /// `://`), SQLAlchemy models (`sqlalchemy:MODULE:ATTRIBUTE`), else a
    /// schema file.
    pub fn parse(text: &str) -> Result<Side> {
        if text.contains("://") {
            Ok(Side::Database(DatabaseUrl::parse(text)?))
        } else {
            let source = TargetSource::parse(text, std::path::Path::new(""))
                .map_err(crate::Error::Usage)?;
            Ok(Side::Files(vec![source]))
        }
    }
}
