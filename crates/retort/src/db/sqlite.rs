//! SQLite through rusqlite (bundled). Scripts run statement by statement,
//! split where SQLite's own `sqlite3_complete` says a statement ends, so a
//! failing statement's line is always known. The migration lock is an
//! exclusive `flock` on a file beside the database: it spans the whole run,
//! across the commits of `transaction_per_migration` and no-transaction
//! sections, which SQLite's own write lock cannot.
//!
//! [`SqliteDatabase`] owns its connection by default;
//! `SqliteDatabase<&mut Connection>` ([`SqliteDatabase::from_connection`])
//! runs on a connection an application already holds.

use super::{Database, DbError, SqlValue, StatementError};
use crate::sql::quote_ident;
use crate::sql::split::{line_of_byte, split_postgres};
use crate::url::{Dialect, SqliteTarget};
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::Connection;
use std::borrow::Borrow;
use std::fs::File;
use std::path::PathBuf;
use std::time::Duration;

/// One SQLite connection. `C` is the connection, owned (`Connection`, what
/// [`SqliteDatabase::open`] makes) or borrowed (`&mut Connection`).
pub struct SqliteDatabase<C = Connection> {
    conn: C,
    path: Option<PathBuf>,
    lock_file: Option<File>,
}

impl SqliteDatabase {
    /// Opens (and creates, as SQLAlchemy does) the database. `busy_timeout`
    /// bounds how long a statement waits for another writer.
    pub fn open(target: &SqliteTarget, busy_timeout: Duration) -> Result<SqliteDatabase, DbError> {
        let (conn, path) = match target {
            SqliteTarget::Memory => (Connection::open_in_memory(), None),
            SqliteTarget::File(path) => (Connection::open(path), Some(path.clone())),
        };
        let describe = || describe(target);
        let conn = conn.map_err(|e| DbError::Connect {
            target: describe(),
            reason: e.to_string(),
            retryable: false,
        })?;
        conn.busy_timeout(busy_timeout)
            .map_err(|e| DbError::Connect {
                target: describe(),
                reason: e.to_string(),
                retryable: false,
            })?;
        Ok(SqliteDatabase {
            conn,
            path,
            lock_file: None,
        })
    }
}

impl<C: Borrow<Connection>> SqliteDatabase<C> {
    /// Runs retort on a connection opened elsewhere, owned or borrowed
    /// (`&mut Connection`). The migration lock is the same file the
    /// command line locks, found from the connection's database file. The
    /// connection keeps its own settings (busy timeout included).
    pub fn from_connection(conn: C) -> SqliteDatabase<C> {
        let path = conn
            .borrow()
            .path()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from);
        SqliteDatabase {
            conn,
            path,
            lock_file: None,
        }
    }

    /// The connection back, for an owned one.
    pub fn into_connection(self) -> C {
        self.conn
    }

    /// The underlying connection, for what the trait does not cover.
    pub fn connection(&self) -> &Connection {
        self.conn.borrow()
    }

    fn lock_path(&self) -> Option<PathBuf> {
        self.path.as_ref().map(|p| {
            let mut name = p.as_os_str().to_owned();
            name.push("-retort-lock");
            PathBuf::from(name)
        })
    }
}

fn describe(target: &SqliteTarget) -> String {
    match target {
        SqliteTarget::Memory => crate::tr!("run-sqlite-in-memory"),
        SqliteTarget::File(path) => crate::tr!("run-sqlite-database", path = path),
    }
}

fn statement_error(e: rusqlite::Error, line: Option<usize>) -> DbError {
    let (message, code) = match &e {
        rusqlite::Error::SqliteFailure(err, msg) => (
            msg.clone().unwrap_or_else(|| err.to_string()),
            error_code(err),
        ),
        rusqlite::Error::SqlInputError { error, msg, .. } => (msg.clone(), error_code(error)),
        other => (other.to_string(), None),
    };
    DbError::Statement(StatementError {
        message: match &code {
            Some(code) => format!("{message} ({code})"),
            None => message,
        },
        sqlstate: code,
        line,
    })
}

/// SQLite's result code when it says more than the generic SQLITE_ERROR.
fn error_code(err: &rusqlite::ffi::Error) -> Option<String> {
    (err.code != rusqlite::ErrorCode::Unknown).then(|| format!("{:?}", err.code))
}

impl rusqlite::ToSql for SqlValue {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            SqlValue::Text(text) => ToSqlOutput::Borrowed(ValueRef::Text(text.as_bytes())),
            SqlValue::Int(n) => ToSqlOutput::Owned(Value::Integer(*n)),
            SqlValue::Null => ToSqlOutput::Owned(Value::Null),
        })
    }
}

fn value_text(value: ValueRef<'_>) -> Option<String> {
    match value {
        ValueRef::Null => None,
        ValueRef::Integer(n) => Some(n.to_string()),
        ValueRef::Real(x) => Some(x.to_string()),
        ValueRef::Text(t) => Some(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Some(hex::encode(b)),
    }
}

impl<C: Borrow<Connection> + Send> Database for SqliteDatabase<C> {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn execute_script(&mut self, sql: &str) -> Result<(), DbError> {
        for (start, end) in crate::sql::split::split_sqlite(sql) {
            let statement = &sql[start..end];
            if let Err(e) = self.connection().execute_batch(statement) {
                let at = match &e {
                    rusqlite::Error::SqlInputError { offset, .. } if *offset >= 0 => {
                        start + *offset as usize
                    }
                    _ => split_postgres(statement)
                        .first()
                        .map_or(start, |s| start + s.first_token),
                };
                return Err(statement_error(e, Some(line_of_byte(sql, at))));
            }
        }
        Ok(())
    }

    fn execute_autocommit(&mut self, sql: &str) -> Result<(), DbError> {
        // Outside a transaction every SQLite statement commits on its own.
        self.execute_script(sql)
    }

    fn begin(&mut self) -> Result<(), DbError> {
        // IMMEDIATE takes the write lock now, so two writers never deadlock
        // upgrading their read locks.
        self.connection()
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| statement_error(e, None))
    }

    fn commit(&mut self) -> Result<(), DbError> {
        self.connection()
            .execute_batch("COMMIT")
            .map_err(|e| statement_error(e, None))
    }

    fn rollback(&mut self) -> Result<(), DbError> {
        // Some errors (a full disk, an interrupt) end the transaction already.
        if self.connection().is_autocommit() {
            return Ok(());
        }
        self.connection()
            .execute_batch("ROLLBACK")
            .map_err(|e| statement_error(e, None))
    }

    fn in_transaction(&self) -> bool {
        !self.connection().is_autocommit()
    }

    fn try_lock(&mut self, _name: &str) -> Result<bool, DbError> {
        let Some(lock_path) = self.lock_path() else {
            return Ok(true); // in memory: nobody else can see the database
        };
        if self.lock_file.is_some() {
            return Ok(true);
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| {
                DbError::Message(crate::tr!(
                    "run-sqlite-cannot-open-lock-file",
                    path = &lock_path,
                    reason = e.to_string()
                ))
            })?;
        let taken = file_lock::try_lock_exclusive(&file)
            .map_err(|e| {
                DbError::Message(crate::tr!(
                    "run-sqlite-cannot-lock",
                    path = &lock_path,
                    reason = e.to_string()
                ))
            })?;
        if taken {
            self.lock_file = Some(file);
        }
        Ok(taken)
    }

    fn lock_description(&self, name: &str) -> String {
        self.lock_path()
            .map_or_else(|| name.to_string(), |p| p.display().to_string())
    }

    fn canceller(&mut self) -> Option<super::Canceller> {
        // sqlite3_interrupt: the running statement fails with SQLITE_INTERRUPT.
        let handle = self.connection().get_interrupt_handle();
        Some(Box::new(move || handle.interrupt()))
    }

    fn unlock(&mut self, _name: &str) -> Result<(), DbError> {
        // Closing the file releases the flock.
        self.lock_file = None;
        Ok(())
    }

    fn execute_counted(&mut self, sql: &str, params: &[SqlValue]) -> Result<u64, DbError> {
        self.connection()
            .execute(sql, rusqlite::params_from_iter(params.iter()))
            .map(|n| n as u64)
            .map_err(|e| statement_error(e, None))
    }

    fn query_text(
        &mut self,
        sql: &str,
        params: &[SqlValue],
    ) -> Result<Vec<Vec<Option<String>>>, DbError> {
        let mut statement = self
            .connection()
            .prepare(sql)
            .map_err(|e| statement_error(e, None))?;
        let columns = statement.column_count();
        let mut rows = statement
            .query(rusqlite::params_from_iter(params.iter()))
            .map_err(|e| statement_error(e, None))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(|e| statement_error(e, None))? {
            let mut values = Vec::with_capacity(columns);
            for i in 0..columns {
                values.push(value_text(
                    row.get_ref(i).map_err(|e| statement_error(e, None))?,
                ));
            }
            out.push(values);
        }
        Ok(out)
    }

    fn placeholder(&self, n: usize) -> String {
        format!("?{n}")
    }

    fn table_exists(&mut self, schema: Option<&str>, name: &str) -> Result<bool, DbError> {
        let master = match schema {
            Some(schema) => format!("{}.sqlite_master", quote_ident(schema)),
            None => "sqlite_master".to_string(),
        };
        let sql = format!("SELECT 1 FROM {master} WHERE type = 'table' AND name = ?1");
        Ok(!self
            .query_text(&sql, &[SqlValue::Text(name.to_string())])?
            .is_empty())
    }

    fn table_columns(&mut self, schema: Option<&str>, name: &str) -> Result<Vec<String>, DbError> {
        let mut params = vec![SqlValue::Text(name.to_string())];
        let sql = match schema {
            Some(schema) => {
                params.push(SqlValue::Text(schema.to_string()));
                "SELECT name FROM pragma_table_info(?1, ?2) ORDER BY cid"
            }
            None => "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
        };
        Ok(self
            .query_text(sql, &params)?
            .into_iter()
            .filter_map(|row| row.into_iter().next().flatten())
            .collect())
    }

    fn current_user(&mut self) -> Result<Option<String>, DbError> {
        Ok(None)
    }
}

/// An exclusive advisory lock on a file that other processes (and other
/// connections in this one) see.
mod file_lock {
    use std::fs::File;

    /// One attempt at the lock: false when another holder has it.
    #[cfg(unix)]
    pub fn try_lock_exclusive(file: &File) -> std::io::Result<bool> {
        use std::os::unix::io::AsRawFd;
        let fd = file.as_raw_fd();
        loop {
            // SAFETY: fd is an open descriptor owned by `file` for the call.
            if unsafe { libc::flock(fd, libc::LOCK_EX | libc::LOCK_NB) } == 0 {
                return Ok(true);
            }
            let err = std::io::Error::last_os_error();
            match err.raw_os_error() {
                Some(libc::EINTR) => continue,
                Some(libc::EWOULDBLOCK) => return Ok(false),
                _ => return Err(err),
            }
        }
    }

    /// Elsewhere SQLite's own write lock (`BEGIN IMMEDIATE`) is all there is.
    #[cfg(not(unix))]
    pub fn try_lock_exclusive(_file: &File) -> std::io::Result<bool> {
        Ok(true)
    }
}
