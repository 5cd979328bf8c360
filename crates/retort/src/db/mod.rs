//! Databases behind one trait: PostgreSQL and SQLite. Adding another
//! database means adding one module here and one arm in [`connect()`].
//!
//! The trait offers a few primitives (run a script, transactions, the lock,
//! counted statements, text queries); the version table and the
//! applied-migration log are written once, on top of those primitives, by
//! the trait's provided methods, with the SQL from [`version_table`] and
//! [`log`].

pub mod connect;
mod error;
pub mod log;
// The connection settings are read (and refused when wrong) whatever the
// build; only connecting needs the driver.
#[cfg_attr(not(feature = "postgres"), allow(dead_code))]
pub mod pg_params;
#[cfg_attr(not(feature = "postgres"), allow(dead_code))]
mod pgpass;
#[cfg(feature = "postgres")]
pub mod postgres;
mod section_diff;
#[cfg(feature = "sqlite")]
pub mod sqlite;
mod value;
pub mod version_table;

pub use connect::{connect, ConnectOptions};
pub use error::{action_word, DbError, EditedMigration, MigrationFailure, StatementError};
pub use log::{LogEntry, LogTable, LoggedUpgrade};
pub use value::SqlValue;
pub use version_table::VersionTable;

use crate::url::Dialect;
use crate::version_op::VersionOp;

/// Asks the database to stop the statement a connection is running; safe
/// to call from any thread, and a no-op when nothing runs.
pub type Canceller = Box<dyn Fn() + Send + Sync>;

/// Told of each notice or warning the server sends ("NOTICE: message"),
/// as it arrives.
pub type NoticeSink = std::sync::Arc<dyn Fn(&str) + Send + Sync>;

/// One connection to one database.
pub trait Database: Send {
    fn dialect(&self) -> Dialect;

    /// Runs SQL text exactly as written, possibly several statements,
    /// inside whatever transaction is open. A failing statement's error
    /// carries the line within `sql` where the database tells where.
    fn execute_script(&mut self, sql: &str) -> Result<(), DbError>;

    /// Runs SQL text outside any transaction, one statement at a time, so
    /// that statements which refuse a transaction block (`CREATE INDEX
    /// CONCURRENTLY`, `VACUUM`) work. Must not be called while a
    /// transaction is open.
    fn execute_autocommit(&mut self, sql: &str) -> Result<(), DbError>;

    fn begin(&mut self) -> Result<(), DbError>;
    fn commit(&mut self) -> Result<(), DbError>;
    fn rollback(&mut self) -> Result<(), DbError>;
    fn in_transaction(&self) -> bool;

    /// Whether the server has a transaction open on this session, asked of
    /// the server itself rather than of retort's own bookkeeping (a
    /// statement may have ended the transaction behind its back). `None`
    /// when the server cannot say (the connection is gone).
    fn server_transaction_open(&mut self) -> Option<bool> {
        Some(self.in_transaction())
    }

    /// Whether the connection to the server has been lost (the server
    /// ended it, or the network did).
    fn connection_lost(&self) -> bool {
        false
    }

    /// One attempt, without waiting, at the migration lock named `name`
    /// for this session: true when taken (or already held). Once taken it
    /// is held across transactions until [`Database::unlock`] or the
    /// connection ends. Waiting is the caller's loop of short attempts, so
    /// that a waiter never sits in a statement whose snapshot a migration
    /// (`CREATE INDEX CONCURRENTLY`) would have to wait for.
    fn try_lock(&mut self, name: &str) -> Result<bool, DbError>;
    fn unlock(&mut self, name: &str) -> Result<(), DbError>;

    /// What the lock named `name` is, for messages.
    fn lock_description(&self, name: &str) -> String {
        name.to_string()
    }

    /// Something another thread can call to stop the statement this
    /// connection is running (Ctrl-C), where the database offers that.
    fn canceller(&mut self) -> Option<Canceller> {
        None
    }

    /// Runs one statement with parameters (placeholders as
    /// [`Database::placeholder`] writes them) and returns the rows it touched.
    fn execute_counted(&mut self, sql: &str, params: &[SqlValue]) -> Result<u64, DbError>;

    /// Runs one query and returns its rows, every column read as text.
    fn query_text(
        &mut self,
        sql: &str,
        params: &[SqlValue],
    ) -> Result<Vec<Vec<Option<String>>>, DbError>;

    /// The placeholder for the `n`th (1-based) parameter.
    fn placeholder(&self, n: usize) -> String;

    fn table_exists(&mut self, schema: Option<&str>, name: &str) -> Result<bool, DbError>;

    /// The columns of an existing table, in order, resolved as
    /// [`Database::table_exists`] resolves the name.
    fn table_columns(&mut self, schema: Option<&str>, name: &str) -> Result<Vec<String>, DbError>;

    /// The user the database knows this session as, where it has users.
    fn current_user(&mut self) -> Result<Option<String>, DbError>;

    // ---- provided: the version table --------------------------------

    /// The version table's rows in the table's natural order (no ORDER BY,
    /// as Alembic reads them); empty when the table does not exist.
    /// A table by the version table's name that is not one is refused
    /// here, before anything is written, naming the setting.
    fn read_versions(&mut self, table: &VersionTable) -> Result<Vec<String>, DbError> {
        if !self.table_exists(table.schema.as_deref(), &table.name)? {
            return Ok(Vec::new());
        }
        let columns = self.table_columns(table.schema.as_deref(), &table.name)?;
        table.check_columns(&columns)?;
        let rows = self.query_text(&table.select_sql(), &[])?;
        Ok(rows
            .into_iter()
            .filter_map(|row| row.into_iter().next().flatten())
            .collect())
    }

    fn create_version_table(&mut self, table: &VersionTable) -> Result<(), DbError> {
        let sql = table.create_sql(self.dialect());
        self.execute_script(&sql)
    }

    /// Applies one version-table change. An UPDATE or DELETE must touch
    /// exactly one row, as Alembic checks: anything else means the table
    /// does not hold what the plan was made from.
    fn apply_version_op(&mut self, table: &VersionTable, op: &VersionOp) -> Result<(), DbError> {
        let touched = self.execute_counted(&table.op_sql(op), &[])?;
        match op {
            VersionOp::Insert(_) => Ok(()),
            VersionOp::Update { from, to } if touched != 1 => {
                Err(DbError::Message(crate::tr!(
                    "run-version-update-not-one-row",
                    from = from,
                    to = to,
                    table = &table.name,
                    found = touched
                )))
            }
            VersionOp::Delete(rev) if touched != 1 => Err(DbError::Message(crate::tr!(
                "run-version-delete-not-one-row",
                revision = rev,
                table = &table.name,
                found = touched
            ))),
            _ => Ok(()),
        }
    }

    fn purge_versions(&mut self, table: &VersionTable) -> Result<(), DbError> {
        self.execute_counted(&table.purge_sql(), &[]).map(|_| ())
    }

    // ---- provided: the applied-migration log ------------------------

    /// Creates the log, or brings a log made by an older version up to
    /// date by adding the columns it lacks. Runs in the transaction of the
    /// first row written, under the migration lock.
    fn create_log_table(&mut self, log: &LogTable) -> Result<(), DbError> {
        // Asked first, so that `CREATE TABLE IF NOT EXISTS` is not sent for
        // a table that exists: the server's "already exists, skipping"
        // notice would be shown to the user on every run.
        if !self.table_exists(log.schema.as_deref(), &log.name)? {
            let sql = log.create_sql(self.dialect());
            self.execute_script(&sql)?;
        }
        let columns = self.table_columns(log.schema.as_deref(), &log.name)?;
        log.check_columns(&columns)?;
        for column in LogTable::ADDED_COLUMNS {
            if !columns.iter().any(|c| c == column) {
                let sql = log.add_column_sql(self.dialect(), column);
                self.execute_script(&sql)?;
            }
        }
        Ok(())
    }

    fn append_log(&mut self, log: &LogTable, entry: &LogEntry) -> Result<(), DbError> {
        let placeholders: Vec<String> = (1..=LogEntry::COLUMNS.len())
            .map(|n| self.placeholder(n))
            .collect();
        let sql = log.insert_sql(self.dialect(), &placeholders);
        self.execute_counted(&sql, &entry.values()).map(|_| ())
    }

    /// For each revision with a logged upgrade (or accepted edit) by the
    /// project whose version table is `version_table`, what the file may
    /// hash to (see [`LoggedUpgrade`]). Empty when there is no log. Only
    /// reads: a log made by an older version is read as it is.
    fn logged_checksums(
        &mut self,
        log: &LogTable,
        version_table: &str,
    ) -> Result<std::collections::HashMap<String, LoggedUpgrade>, DbError> {
        if !self.table_exists(log.schema.as_deref(), &log.name)? {
            return Ok(Default::default());
        }
        let columns = self.table_columns(log.schema.as_deref(), &log.name)?;
        log.check_columns(&columns)?;
        let rows = self.query_text(&log.checksums_sql(&columns, version_table), &[])?;
        let mut latest: std::collections::HashMap<String, LoggedUpgrade> = Default::default();
        for row in rows {
            if let [Some(revision), Some(checksum), owner, text] = row.as_slice() {
                latest.entry(revision.clone()).or_default().add(
                    checksum.clone(),
                    text.clone(),
                    owner.is_some(),
                );
            }
        }
        Ok(latest)
    }
}
