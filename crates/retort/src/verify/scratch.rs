//! The database `verify` migrates: a scratch database on PostgreSQL (made,
//! locked and dropped as autogenerate's are), a temporary file on SQLite
//! (in-memory SQLite would not outlive a connection). Dropped with the
//! guard.
//!
//! One connection serves the whole walk, lent to each run and each read:
//! a new session per step would pay the server's start-up and its cold
//! catalog caches every time, most of what a walk took.

use crate::autogen::Settings;
use crate::db::Database;
use crate::url::DatabaseUrl;
use crate::{tr, Result};

pub(super) enum Scratch {
    /// The connection is dropped before the database (field order); the
    /// guards are only held.
    #[cfg(feature = "postgres")]
    Postgres {
        client: postgres::Client,
        // Boxed: it holds a connection of its own, and the variants'
        // sizes would differ by hundreds of bytes.
        _database: Box<crate::autogen::postgres::ScratchDatabase>,
    },
    #[cfg(feature = "sqlite")]
    Sqlite {
        conn: rusqlite::Connection,
        _dir: crate::autogen::ScratchDir,
    },
}

impl Scratch {
    /// An empty database of the project's dialect: on PostgreSQL on the
    /// dev server, or the project's own server without one.
    pub(super) fn create(project_url: &DatabaseUrl, settings: &Settings) -> Result<Scratch> {
        match project_url {
            #[cfg(feature = "postgres")]
            DatabaseUrl::Postgres(_) => {
                let server = settings.dev_url.as_ref().unwrap_or(project_url);
                let params = crate::autogen::postgres::postgres_params(server, &settings.connect)?;
                let scratch = crate::autogen::postgres::ScratchDatabase::create(&params)?;
                let client = scratch.connect()?.into_client();
                Ok(Scratch::Postgres {
                    client,
                    _database: Box::new(scratch),
                })
            }
            #[cfg(feature = "sqlite")]
            DatabaseUrl::Sqlite(_) => {
                let _ = settings;
                let dir = crate::autogen::ScratchDir::new("retort-verify-").map_err(|e| {
                        crate::Error::Usage(tr!("verify-no-temporary-directory", error = e.to_string()))
                    })?;
                let db = crate::db::sqlite::SqliteDatabase::open(
                    &crate::url::SqliteTarget::File(dir.path().join("verify.db")),
                    std::time::Duration::from_secs(5),
                )?;
                let conn = db.into_connection();
                // A throwaway file need not survive a crash: without these
                // every commit waits for the disk.
                conn.execute_batch("PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY;")
                    .map_err(|e| {
                        crate::db::DbError::Message(tr!(
                            "verify-scratch-setup-failed",
                            error = e.to_string()
                        ))
                    })?;
                Ok(Scratch::Sqlite { conn, _dir: dir })
            }
            #[allow(unreachable_patterns)]
            other => Err(crate::db::DbError::not_built(other.dialect()).into()),
        }
    }

    /// The walk's connection, lent for one run or one read.
    pub(super) fn lend(&mut self) -> Box<dyn Database + '_> {
        match self {
            #[cfg(feature = "postgres")]
            Scratch::Postgres { client, .. } => {
                Box::new(crate::db::postgres::PgDatabase::from_client(client))
            }
            #[cfg(feature = "sqlite")]
            Scratch::Sqlite { conn, .. } => {
                Box::new(crate::db::sqlite::SqliteDatabase::from_connection(conn))
            }
        }
    }

    /// Puts the session back as a new one has it, after a read: reading
    /// PostgreSQL sets its own search path, which a migration run next on
    /// the same session must not inherit.
    pub(super) fn reset_session(&mut self) -> Result<()> {
        match self {
            #[cfg(feature = "postgres")]
            Scratch::Postgres { .. } => Ok(self.lend().execute_script("RESET ALL")?),
            #[cfg(feature = "sqlite")]
            Scratch::Sqlite { .. } => Ok(()),
        }
    }
}
