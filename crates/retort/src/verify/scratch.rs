//! The database `verify` migrates: a scratch database on PostgreSQL (made,
//! locked and dropped as autogenerate's are), a temporary file on SQLite
//! (in-memory SQLite would not outlive the connection each run opens).
//! Dropped with the guard.

use crate::autogen::Settings;
use crate::db::Database;
use crate::url::DatabaseUrl;
use crate::Result;

pub(super) enum Scratch {
    #[cfg(feature = "postgres")]
    Postgres(crate::autogen::postgres::ScratchDatabase),
    #[cfg(feature = "sqlite")]
    Sqlite(tempfile::TempDir),
}

/// The file in the temporary directory of a SQLite scratch.
#[cfg(feature = "sqlite")]
const SQLITE_FILE: &str = "verify.db";

impl Scratch {
    /// An empty database of the project's dialect: on PostgreSQL on the
    /// dev server, or the project's own server without one.
    pub(super) fn create(project_url: &DatabaseUrl, settings: &Settings) -> Result<Scratch> {
        match project_url {
            #[cfg(feature = "postgres")]
            DatabaseUrl::Postgres(_) => {
                let server = settings.dev_url.as_ref().unwrap_or(project_url);
                let params = crate::autogen::postgres::postgres_params(server, &settings.connect)?;
                Ok(Scratch::Postgres(
                    crate::autogen::postgres::ScratchDatabase::create(&params)?,
                ))
            }
            #[cfg(feature = "sqlite")]
            DatabaseUrl::Sqlite(_) => {
                let _ = settings;
                let dir = tempfile::Builder::new()
                    .prefix("retort-verify-")
                    .tempdir()
                    .map_err(|e| {
                        crate::Error::Usage(format!(
                            "cannot make a temporary directory for the scratch database: {e}"
                        ))
                    })?;
                Ok(Scratch::Sqlite(dir))
            }
            #[allow(unreachable_patterns)]
            other => Err(crate::db::DbError::not_built(other.dialect()).into()),
        }
    }

    /// A new connection to it.
    pub(super) fn connect(&self) -> Result<Box<dyn Database>> {
        match self {
            #[cfg(feature = "postgres")]
            Scratch::Postgres(scratch) => Ok(Box::new(scratch.connect()?)),
            #[cfg(feature = "sqlite")]
            Scratch::Sqlite(dir) => Ok(Box::new(crate::db::sqlite::SqliteDatabase::open(
                &crate::url::SqliteTarget::File(dir.path().join(SQLITE_FILE)),
                std::time::Duration::from_secs(5),
            )?)),
        }
    }
}
