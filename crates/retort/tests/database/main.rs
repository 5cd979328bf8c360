//! The database layer and the runtime against real SQLite files and a real
//! PostgreSQL server: connections, the version table, transactions, the
//! migration lock.
//!
//! One test binary per area (see `tests/revision/main.rs`):
//! `cargo test -p retort --test database`. The tests share one throwaway
//! PostgreSQL cluster (started on first use, see the testkit), each on a
//! database of its own; none changes the process's environment or
//! current directory.

mod db_postgres;
mod db_sqlite;
mod db_support;
mod lint_rewrites;
mod migrator;
mod runtime_lock;
mod runtime_postgres;
mod runtime_truth;
