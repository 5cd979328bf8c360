//! PostgreSQL through the `postgres` crate. Scripts go through the
//! simple-query protocol, so several statements, dollar-quoted bodies and
//! `DO` blocks run as written; the migration lock is a session-level
//! advisory lock, which outlives transactions.
//!
//! [`PgDatabase`] owns its client by default; `PgDatabase<&mut Client>`
//! ([`PgDatabase::from_client`]) runs on a client an application already
//! holds, which it gets back as it was: no transaction open, no lock held.

use super::pg_params::PgParams;
use super::{Database, DbError, SqlValue, StatementError};
use crate::sql::split::{line_of_byte, line_of_char_position, split_postgres};
use crate::url::Dialect;

mod engine;
mod error_text;
pub mod startup;
mod tls;

use error_text::error_chain;
use postgres::error::ErrorPosition;
use postgres::types::ToSql;
use postgres::Client;
use sha2::{Digest, Sha256};
use std::borrow::{Borrow, BorrowMut};
use std::collections::HashMap;

/// One PostgreSQL session. `C` is the client, owned (`Client`, what
/// [`PgDatabase::connect`] makes) or borrowed (`&mut Client`).
pub struct PgDatabase<C = Client> {
    client: C,
    in_transaction: bool,
    /// Statements with parameters, prepared once per session: the log insert
    /// runs once per step, and preparing costs a round trip each time.
    prepared: HashMap<String, postgres::Statement>,
    /// How the connection was made, so that a cancel request goes the same
    /// way (TLS as `sslmode` says); None for a client opened elsewhere.
    params: Option<PgParams>,
    /// Whether the server was checked to be one whose advisory locks lock.
    engine_checked: bool,
}

impl PgDatabase {
    /// One attempt to connect (to each host in turn, each within the
    /// connect timeout: see [`startup`]); the caller decides whether to
    /// wait and retry.
    pub fn connect(params: &PgParams) -> Result<PgDatabase, DbError> {
        Self::connect_with_notices(params, None)
    }

    /// [`PgDatabase::connect`], with the server's notices and warnings
    /// (`RAISE NOTICE`) handed to `notices` as they arrive, as
    /// "SEVERITY: message".
    pub fn connect_with_notices(
        params: &PgParams,
        notices: Option<&super::NoticeSink>,
    ) -> Result<PgDatabase, DbError> {
        let mut db = startup::connect(params, notices).map(PgDatabase::from_client)?;
        db.params = Some(params.clone());
        Ok(db)
    }
}

impl<C: BorrowMut<Client>> PgDatabase<C> {
    /// Runs retort on a client opened elsewhere (by the application, a
    /// pool), owned or borrowed (`&mut Client`). The client must not be in
    /// a transaction. What retort leaves on it: nothing, once a run is over
    /// (its transactions end, its advisory lock is released).
    pub fn from_client(client: C) -> PgDatabase<C> {
        PgDatabase {
            client,
            in_transaction: false,
            prepared: HashMap::new(),
            params: None,
            engine_checked: false,
        }
    }

    /// The client back, for an owned one.
    pub fn into_client(self) -> C {
        self.client
    }

    /// Runs `sql` with the simple protocol (one round trip, several statements allowed).
    fn simple(&mut self, sql: &str) -> Result<Vec<postgres::SimpleQueryMessage>, DbError> {
        self.client()
            .simple_query(sql)
            .map_err(|e| statement_error(e, sql))
    }

    /// `sql` prepared once per session.
    fn prepared_statement(&mut self, sql: &str) -> Result<postgres::Statement, DbError> {
        if let Some(statement) = self.prepared.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self
            .client()
            .prepare(sql)
            .map_err(|e| statement_error(e, sql))?;
        self.prepared.insert(sql.to_string(), statement.clone());
        Ok(statement)
    }

    /// The underlying client, for what the trait does not cover.
    pub fn client(&mut self) -> &mut Client {
        self.client.borrow_mut()
    }
}

/// The server's error with everything it says about it, and the line in
/// `sent` its position points at.
fn statement_error(e: postgres::Error, sent: &str) -> DbError {
    let Some(db) = e.as_db_error() else {
        return DbError::Message(error_chain(&e));
    };
    let mut message = format!(
        "{}: {} (SQLSTATE {})",
        db.severity(),
        db.message(),
        db.code().code()
    );
    if let Some(detail) = db.detail() {
        message.push_str(&format!("\nDETAIL: {detail}"));
    }
    if let Some(hint) = db.hint() {
        message.push_str(&format!("\nHINT: {hint}"));
    }
    if let Some(context) = db.where_() {
        message.push_str(&format!("\nCONTEXT: {context}"));
    }
    let line = match db.position() {
        Some(ErrorPosition::Original(position)) => {
            Some(line_of_char_position(sent, *position as usize))
        }
        _ => None,
    };
    DbError::Statement(StatementError {
        message,
        sqlstate: Some(db.code().code().to_string()),
        line,
    })
}

/// A lock key for `name`, the same in every process: the first eight bytes
/// of its SHA-256, as PostgreSQL's advisory locks take a bigint.
pub fn advisory_lock_key(name: &str) -> i64 {
    let digest = Sha256::digest(format!("retort migration lock: {name}").as_bytes());
    i64::from_be_bytes(digest[..8].try_into().expect("8 bytes"))
}

fn to_sql_params(params: &[SqlValue]) -> Vec<Box<dyn ToSql + Sync>> {
    params
        .iter()
        .map(|p| -> Box<dyn ToSql + Sync> {
            match p {
                SqlValue::Text(text) => Box::new(text.clone()),
                SqlValue::Int(n) => Box::new(*n),
                SqlValue::Null => Box::new(None::<String>),
            }
        })
        .collect()
}

impl<C: BorrowMut<Client>> PgDatabase<C> {
    /// Sends each statement of `sql` on its own; an error's line is that of
    /// `sql`, exact even when the server gives no position.
    fn execute_each(&mut self, sql: &str) -> Result<(), DbError> {
        for span in split_postgres(sql) {
            let statement = &sql[span.start..span.end];
            if let Err(e) = self.client().batch_execute(statement) {
                let lines_before = line_of_byte(sql, span.start) - 1;
                return Err(match statement_error(e, statement) {
                    DbError::Statement(mut err) => {
                        // Without a position, the statement's first line is
                        // still exact: it was sent on its own.
                        err.line = Some(match err.line {
                            Some(line) => lines_before + line,
                            None => line_of_byte(sql, span.first_token),
                        });
                        DbError::Statement(err)
                    }
                    other => other,
                });
            }
        }
        Ok(())
    }
}

impl<C: BorrowMut<Client> + Send> Database for PgDatabase<C> {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn execute_script(&mut self, sql: &str) -> Result<(), DbError> {
        if self.in_transaction {
            // Inside a transaction, sending the statements one by one runs
            // them the same way, and tells which one failed: the server
            // gives a position only for errors found while parsing.
            return self.execute_each(sql);
        }
        self.client()
            .batch_execute(sql)
            .map_err(|e| statement_error(e, sql))
    }

    fn execute_autocommit(&mut self, sql: &str) -> Result<(), DbError> {
        debug_assert!(!self.in_transaction, "autocommit inside a transaction");
        self.execute_each(sql)
    }

    fn begin(&mut self) -> Result<(), DbError> {
        self.execute_script("BEGIN")?;
        self.in_transaction = true;
        Ok(())
    }

    fn commit(&mut self) -> Result<(), DbError> {
        self.in_transaction = false;
        self.execute_script("COMMIT")
    }

    fn rollback(&mut self) -> Result<(), DbError> {
        self.in_transaction = false;
        self.execute_script("ROLLBACK")
    }

    fn in_transaction(&self) -> bool {
        self.in_transaction
    }

    fn server_transaction_open(&mut self) -> Option<bool> {
        if self.connection_lost() {
            return None;
        }
        // Outside a transaction each statement starts its own, so now()
        // (the transaction's start) is this statement's start; inside one,
        // an earlier statement started it, or it holds an xid. In an
        // aborted transaction every statement fails with 25P02.
        let sql = "SELECT txid_current_if_assigned() IS NOT NULL OR now() <> statement_timestamp()";
        // The simple protocol: one message, so a transaction it starts
        // itself starts at the statement's own timestamp.
        match self.client().simple_query(sql) {
            Ok(messages) => Some(messages.iter().any(
                |m| matches!(m, postgres::SimpleQueryMessage::Row(row) if row.get(0) == Some("t")),
            )),
            Err(e) if e.code() == Some(&postgres::error::SqlState::IN_FAILED_SQL_TRANSACTION) => {
                Some(true)
            }
            Err(_) if self.connection_lost() => None,
            Err(_) => Some(self.in_transaction),
        }
    }

    fn connection_lost(&self) -> bool {
        Borrow::<Client>::borrow(&self.client).is_closed()
    }


    fn try_lock(&mut self, name: &str) -> Result<bool, DbError> {
        if !self.engine_checked {
            let version = self.query_text("SELECT version()", &[])?;
            let version = version
                .first()
                .and_then(|row| row.first().cloned().flatten())
                .unwrap_or_default();
            if let Some(why) = engine::lock_refusal(&version) {
                return Err(DbError::Message(why));
            }
            self.engine_checked = true;
        }
        // Never the blocking pg_advisory_lock: a session waiting inside it
        // holds a snapshot, which a migration's CREATE INDEX CONCURRENTLY
        // must wait for while the waiter waits for the migration: deadlock.
        let sql = "SELECT pg_try_advisory_lock($1)";
        let row = self
            .client()
            .query_one(sql, &[&advisory_lock_key(name)])
            .map_err(|e| statement_error(e, sql))?;
        Ok(row.get::<_, bool>(0))
    }

    fn canceller(&mut self) -> Option<super::Canceller> {
        let token = self.client().cancel_token();
        let params = self.params.clone();
        Some(Box::new(move || startup::cancel(&token, params.as_ref())))
    }

    fn unlock(&mut self, name: &str) -> Result<(), DbError> {
        self.client()
            .execute("SELECT pg_advisory_unlock($1)", &[&advisory_lock_key(name)])
            .map_err(|e| statement_error(e, ""))
            .map(|_| ())
    }

    fn execute_counted(&mut self, sql: &str, params: &[SqlValue]) -> Result<u64, DbError> {
        if params.is_empty() {
            // One round trip: the simple protocol reports the row count too.
            return Ok(self
                .simple(sql)?
                .iter()
                .map(|m| match m {
                    postgres::SimpleQueryMessage::CommandComplete(n) => *n,
                    _ => 0,
                })
                .sum());
        }
        let statement = self.prepared_statement(sql)?;
        let owned = to_sql_params(params);
        let refs: Vec<&(dyn ToSql + Sync)> = owned.iter().map(|b| b.as_ref()).collect();
        self.client()
            .execute(&statement, &refs)
            .map_err(|e| statement_error(e, sql))
    }

    fn query_text(
        &mut self,
        sql: &str,
        params: &[SqlValue],
    ) -> Result<Vec<Vec<Option<String>>>, DbError> {
        if params.is_empty() {
            // The simple protocol hands every value over as text, whatever its type.
            return Ok(self
                .simple(sql)?
                .into_iter()
                .filter_map(|m| match m {
                    postgres::SimpleQueryMessage::Row(row) => Some(
                        (0..row.len())
                            .map(|i| row.get(i).map(str::to_string))
                            .collect(),
                    ),
                    _ => None,
                })
                .collect());
        }
        let owned = to_sql_params(params);
        let refs: Vec<&(dyn ToSql + Sync)> = owned.iter().map(|b| b.as_ref()).collect();
        let rows = self
            .client()
            .query(sql, &refs)
            .map_err(|e| statement_error(e, sql))?;
        rows.iter()
            .map(|row| {
                (0..row.len())
                    .map(|i| row.try_get::<_, Option<String>>(i))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| statement_error(e, sql))
            })
            .collect()
    }

    fn placeholder(&self, n: usize) -> String {
        format!("${n}")
    }

    fn table_exists(&mut self, schema: Option<&str>, name: &str) -> Result<bool, DbError> {
        // to_regclass resolves an unqualified name through search_path,
        // exactly as the statements that use the table will.
        let qualified = super::VersionTable::new(name, schema).qualified();
        let sql = "SELECT to_regclass(CAST($1 AS TEXT)) IS NOT NULL";
        let row = self
            .client()
            .query_one(sql, &[&qualified])
            .map_err(|e| statement_error(e, sql))?;
        Ok(row.get(0))
    }

    fn table_columns(&mut self, schema: Option<&str>, name: &str) -> Result<Vec<String>, DbError> {
        let qualified = super::VersionTable::new(name, schema).qualified();
        let sql = "SELECT attname::text FROM pg_attribute \
                   WHERE attrelid = to_regclass(CAST($1 AS TEXT)) AND attnum > 0 AND NOT attisdropped \
                   ORDER BY attnum";
        Ok(self
            .query_text(sql, &[SqlValue::Text(qualified)])?
            .into_iter()
            .filter_map(|row| row.into_iter().next().flatten())
            .collect())
    }

    fn current_user(&mut self) -> Result<Option<String>, DbError> {
        Ok(self
            .query_text("SELECT current_user", &[])?
            .into_iter()
            .next()
            .and_then(|row| row.into_iter().next().flatten()))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lock_keys_are_stable_and_distinct() {
        use super::advisory_lock_key;
        assert_eq!(
            advisory_lock_key("alembic_version"),
            advisory_lock_key("alembic_version")
        );
        assert_ne!(
            advisory_lock_key("alembic_version"),
            advisory_lock_key("app.alembic_version")
        );
    }
}
