//! What a run may be told: where the tables are, how transactions are cut,
//! how long to wait for the lock.

use crate::db::log::DEFAULT_LOG_TABLE;
use crate::db::{LogTable, VersionTable};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuntimeOptions {
    pub version_table: VersionTable,
    /// retort's applied-migration log, by default beside the version table.
    pub log_table: LogTable,
    /// Alembic's default (false) runs the whole plan in one transaction;
    /// true commits after each revision.
    pub transaction_per_migration: bool,
    /// Accept applied files whose upgrade changed since it ran, recording
    /// the new checksum, instead of stopping.
    pub allow_edited: bool,
    /// How long to wait for another run's lock; None waits as long as it takes.
    pub lock_timeout: Option<Duration>,
    /// PostgreSQL's `lock_timeout` for the migrations' own statements: how
    /// long one may wait for a table lock before it fails (SQLSTATE 55P03)
    /// rather than stall everything queued behind it. Not the wait for the
    /// migration lock (`lock_timeout` above). None: the server's setting.
    pub migration_lock_timeout: Option<Duration>,
    /// PostgreSQL's `statement_timeout` for the migrations' own statements.
    pub migration_statement_timeout: Option<Duration>,
    /// How many times to run again a step that failed only because
    /// `migration_lock_timeout` ran out, when its transaction was rolled
    /// back whole; with a growing pause between attempts.
    pub migration_lock_retries: u32,
    /// Lets another thread stop the run (Ctrl-C).
    pub interrupt: Option<super::Interrupt>,
    /// Recorded in every log row the run writes (`--tag`).
    pub tag: Option<String>,
    /// Told, in words, of a pause the run makes on its own: a step run
    /// again after the migration lock timeout. The library prints nothing.
    pub notice: Option<Notice>,
}

/// A sink for the run's notices.
#[derive(Clone)]
pub struct Notice(pub std::sync::Arc<dyn Fn(&str) + Send + Sync>);

impl Notice {
    pub fn say(&self, words: &str) {
        (self.0)(words)
    }
}

/// Options compare by their values; a sink is only the same as itself.
impl PartialEq for Notice {
    fn eq(&self, other: &Notice) -> bool {
        std::ptr::addr_eq(
            std::sync::Arc::as_ptr(&self.0),
            std::sync::Arc::as_ptr(&other.0),
        )
    }
}

impl Eq for Notice {}

impl std::fmt::Debug for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Notice")
    }
}

impl RuntimeOptions {
    /// Alembic's defaults for a version table: one transaction, wait for
    /// the lock, the log beside the version table.
    pub fn new(version_table: VersionTable) -> Self {
        let log_table = LogTable::new(DEFAULT_LOG_TABLE, version_table.schema.as_deref());
        RuntimeOptions {
            version_table,
            log_table,
            transaction_per_migration: false,
            allow_edited: false,
            lock_timeout: None,
            migration_lock_timeout: None,
            migration_statement_timeout: None,
            migration_lock_retries: 0,
            interrupt: None,
            tag: None,
            notice: None,
        }
    }

    /// The options retort.toml sets; `allow_edited` and `lock_timeout` come
    /// from the command line.
    pub fn from_config(config: &crate::config::Config) -> Self {
        let schema = config.version_table_schema.as_deref();
        let mut options = RuntimeOptions::new(VersionTable::new(&config.version_table, schema));
        options.log_table = LogTable::new(&config.log_table, schema);
        options.transaction_per_migration = config.transaction_per_migration;
        options.migration_lock_timeout = config.migration_lock_timeout;
        options.migration_statement_timeout = config.migration_statement_timeout;
        options.migration_lock_retries = config.migration_lock_retries;
        options
    }
}

impl Default for RuntimeOptions {
    fn default() -> Self {
        RuntimeOptions::new(VersionTable::new("alembic_version", None))
    }
}
