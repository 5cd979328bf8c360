//! Opening a connection from a [`DatabaseUrl`], optionally waiting for a
//! server that is still starting (containers, CI services).

use super::pg_params::PgParams;
use super::postgres::PgDatabase;
use super::sqlite::SqliteDatabase;
use super::{Database, DbError};
use crate::url::DatabaseUrl;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

pub use super::pg_params::LIBPQ_ENV_VARS;

/// How often `wait` retries.
pub const WAIT_RETRY_INTERVAL: Duration = Duration::from_secs(2);

#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// The libpq environment (`PGHOST`, `PGUSER`, ...), read by the caller:
    /// see [`ConnectOptions::with_libpq_env`]. The library itself never
    /// reads the process environment.
    pub libpq_env: BTreeMap<String, String>,
    /// Keep retrying every [`WAIT_RETRY_INTERVAL`] until the server answers
    /// or this much time has passed.
    pub wait: Option<Duration>,
    /// The user name libpq falls back to; the OS user when None.
    pub os_user: Option<String>,
    /// How long an SQLite statement waits for another writer.
    pub sqlite_busy_timeout: Duration,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        ConnectOptions {
            libpq_env: BTreeMap::new(),
            wait: None,
            os_user: None,
            sqlite_busy_timeout: Duration::from_secs(30),
        }
    }
}

impl ConnectOptions {
    /// Fills `libpq_env` from a lookup, e.g. `|k| std::env::var(k).ok()`.
    pub fn with_libpq_env(mut self, lookup: impl Fn(&str) -> Option<String>) -> Self {
        for name in LIBPQ_ENV_VARS {
            if let Some(value) = lookup(name) {
                self.libpq_env.insert(name.to_string(), value);
            }
        }
        self
    }

    pub fn with_wait(mut self, wait: Option<Duration>) -> Self {
        self.wait = wait;
        self
    }
}

/// The name of the user running retort, for libpq's default user and the
/// applied-migration log.
pub fn os_user() -> Option<String> {
    whoami::username().ok()
}

/// Connects to the database the URL names.
pub fn connect(url: &DatabaseUrl, options: &ConnectOptions) -> Result<Box<dyn Database>, DbError> {
    match url {
        DatabaseUrl::Postgres(pg) => {
            let os_user = options.os_user.clone().or_else(os_user);
            let params = PgParams::resolve(pg, &options.libpq_env, os_user.as_deref())?;
            let db = with_wait(options.wait, &params, PgDatabase::connect)?;
            Ok(Box::new(db))
        }
        DatabaseUrl::Sqlite(target) => Ok(Box::new(SqliteDatabase::open(
            target,
            options.sqlite_busy_timeout,
        )?)),
    }
}

/// Retries while nobody answers, until `wait` has passed. A server that
/// answers with a refusal (wrong password, no such database) fails at once.
fn with_wait<T>(
    wait: Option<Duration>,
    params: &PgParams,
    attempt: impl Fn(&PgParams) -> Result<T, DbError>,
) -> Result<T, DbError> {
    let Some(wait) = wait else {
        return attempt(params);
    };
    let deadline = Instant::now() + wait;
    loop {
        let mut this_try = params.clone();
        // One attempt must not outlast the wait.
        let remaining = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_secs(1));
        this_try.connect_timeout = Some(
            this_try
                .connect_timeout
                .map_or(remaining, |t| t.min(remaining)),
        );
        match attempt(&this_try) {
            Err(DbError::Connect {
                target,
                reason,
                retryable: true,
            }) => {
                let now = Instant::now();
                if now >= deadline {
                    return Err(DbError::Connect {
                        target,
                        reason: format!(
                            "{reason} (gave up after waiting {}s)",
                            wait.as_secs_f64().round()
                        ),
                        retryable: true,
                    });
                }
                std::thread::sleep(WAIT_RETRY_INTERVAL.min(deadline - now));
            }
            other => return other,
        }
    }
}
