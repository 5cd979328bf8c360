//! Opening a connection from a [`DatabaseUrl`], optionally waiting for a
//! server that is still starting (containers, CI services).

use super::pg_params::PgParams;
#[cfg(feature = "postgres")]
use super::postgres::PgDatabase;
#[cfg(feature = "sqlite")]
use super::sqlite::SqliteDatabase;
use super::{Database, DbError};
use crate::url::{DatabaseUrl, PgUrl, SqliteTarget};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;
#[cfg(feature = "postgres")]
use std::time::Instant;

pub use super::pg_params::LIBPQ_ENV_VARS;

/// How often `wait` retries.
pub const WAIT_RETRY_INTERVAL: Duration = Duration::from_secs(2);

/// How often, at most, a wait says it is still waiting.
pub const WAIT_NOTICE_INTERVAL: Duration = Duration::from_secs(5);

/// Told, in words, that a wait for the server has begun or goes on.
pub type WaitNotice = Arc<dyn Fn(&str) + Send + Sync>;

pub use super::NoticeSink;

#[derive(Clone)]
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
    /// Called when a wait for the server begins ("waiting for the database
    /// server at user@host:port/db …") and, at most every
    /// [`WAIT_NOTICE_INTERVAL`], while it goes on. The library prints nothing itself.
    pub wait_notice: Option<WaitNotice>,
    /// Where the server's notices go (`RAISE NOTICE` in a migration);
    /// PostgreSQL only. None: they are dropped.
    pub server_notices: Option<NoticeSink>,
}

impl std::fmt::Debug for ConnectOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConnectOptions")
            .field("libpq_env", &self.libpq_env.keys().collect::<Vec<_>>())
            .field("wait", &self.wait)
            .field("os_user", &self.os_user)
            .field("sqlite_busy_timeout", &self.sqlite_busy_timeout)
            .field("wait_notice", &self.wait_notice.is_some())
            .field("server_notices", &self.server_notices.is_some())
            .finish()
    }
}

impl Default for ConnectOptions {
    fn default() -> Self {
        ConnectOptions {
            libpq_env: BTreeMap::new(),
            wait: None,
            os_user: None,
            sqlite_busy_timeout: Duration::from_secs(30),
            wait_notice: None,
            server_notices: None,
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

    /// See [`ConnectOptions::wait_notice`].
    pub fn with_wait_notice(mut self, notice: impl Fn(&str) + Send + Sync + 'static) -> Self {
        self.wait_notice = Some(Arc::new(notice));
        self
    }
}

impl ConnectOptions {
    /// See [`ConnectOptions::server_notices`].
    pub fn with_server_notices(mut self, sink: impl Fn(&str) + Send + Sync + 'static) -> Self {
        self.server_notices = Some(Arc::new(sink));
        self
    }
}

/// The name of the user running retort, for libpq's default user and the
/// applied-migration log.
pub fn os_user() -> Option<String> {
    whoami::username().ok()
}

/// The database the URL names, as `user@host:port/db` after the libpq
/// environment and defaults are applied (what [`connect`] would reach), or
/// the SQLite file's path; never a password. For telling people which
/// database a command is about to change.
pub fn describe_target(url: &DatabaseUrl, options: &ConnectOptions) -> String {
    match url {
        DatabaseUrl::Postgres(pg) => {
            let os_user = options.os_user.clone().or_else(os_user);
            match PgParams::resolve(pg, &options.libpq_env, os_user.as_deref()) {
                Ok(params) => params.short_target(),
                // Connecting will say what is wrong; name what was written.
                Err(_) => url.redacted(),
            }
        }
        DatabaseUrl::Sqlite(crate::url::SqliteTarget::File(path)) => path.display().to_string(),
        DatabaseUrl::Sqlite(crate::url::SqliteTarget::Memory) => crate::tr!("run-sqlite-in-memory"),
    }
}

/// Connects to the database the URL names.
pub fn connect(url: &DatabaseUrl, options: &ConnectOptions) -> Result<Box<dyn Database>, DbError> {
    match url {
        DatabaseUrl::Postgres(pg) => connect_postgres(pg, options),
        DatabaseUrl::Sqlite(target) => open_sqlite(target, options),
    }
}

#[cfg(feature = "postgres")]
fn connect_postgres(pg: &PgUrl, options: &ConnectOptions) -> Result<Box<dyn Database>, DbError> {
    let os_user = options.os_user.clone().or_else(os_user);
    let params = PgParams::resolve(pg, &options.libpq_env, os_user.as_deref())?;
    let db = with_wait(
        options.wait,
        options.wait_notice.as_ref(),
        &params,
        |params| PgDatabase::connect_with_notices(params, options.server_notices.as_ref()),
    )?;
    Ok(Box::new(db))
}

#[cfg(not(feature = "postgres"))]
fn connect_postgres(_: &PgUrl, _: &ConnectOptions) -> Result<Box<dyn Database>, DbError> {
    Err(DbError::not_built(crate::url::Dialect::Postgres))
}

#[cfg(feature = "sqlite")]
fn open_sqlite(target: &SqliteTarget, options: &ConnectOptions) -> Result<Box<dyn Database>, DbError> {
    Ok(Box::new(SqliteDatabase::open(
        target,
        options.sqlite_busy_timeout,
    )?))
}

#[cfg(not(feature = "sqlite"))]
fn open_sqlite(_: &SqliteTarget, _: &ConnectOptions) -> Result<Box<dyn Database>, DbError> {
    Err(DbError::not_built(crate::url::Dialect::Sqlite))
}

/// Retries while nobody answers, until `wait` has passed. A server that
/// answers with a refusal (wrong password, no such database) fails at once.
/// Each attempt is bounded by the connect timeout and by what is left of
/// the wait (at least two seconds, libpq's least).
#[cfg(feature = "postgres")]
fn with_wait<T>(
    wait: Option<Duration>,
    notice: Option<&WaitNotice>,
    params: &PgParams,
    attempt: impl Fn(&PgParams) -> Result<T, DbError>,
) -> Result<T, DbError> {
    let Some(wait) = wait else {
        return attempt(params);
    };
    // Time is measured from `started` rather than against `started + wait`:
    // a wait of a hundred years must not overflow an `Instant`.
    let started = Instant::now();
    let left = || wait.saturating_sub(started.elapsed());
    let mut last_notice: Option<Instant> = None;
    loop {
        let mut this_try = params.clone();
        // One attempt must not outlast the wait.
        let remaining = left().max(Duration::from_secs(2));
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
                if left().is_zero() {
                    return Err(DbError::Connect {
                        target,
                        reason: crate::tr!(
                            "run-connect-gave-up",
                            reason = reason,
                            seconds = wait.as_secs_f64().round()
                        ),
                        retryable: true,
                    });
                }
                if let Some(notice) = notice {
                    match last_notice {
                        None => {
                            notice(&crate::tr!(
                                "run-connect-waiting",
                                target = params.short_target(),
                                seconds = wait.as_secs_f64().round()
                            ));
                            last_notice = Some(now);
                        }
                        Some(at) if now.duration_since(at) >= WAIT_NOTICE_INTERVAL => {
                            notice(&crate::tr!(
                                "run-connect-still-waiting",
                                target = params.short_target(),
                                seconds = now.duration_since(started).as_secs(),
                                reason = reason
                            ));
                            last_notice = Some(now);
                        }
                        Some(_) => {}
                    }
                }
                std::thread::sleep(WAIT_RETRY_INTERVAL.min(left()));
            }
            other => return other,
        }
    }
}
