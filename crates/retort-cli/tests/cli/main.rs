//! The `retort` binary end to end: authoring commands, bad input,
//! Alembic conformance, the online commands against SQLite and PostgreSQL,
//! and autogenerate.
//!
//! One test binary, each former test file a module, so that the test
//! dependencies are linked once: `cargo test -p retort-cli --test cli`,
//! or one module with `cargo test -p retort-cli --test cli -- online_lock::`.
//! Every test runs the binary as a child process with its own environment
//! and working directory, so nothing here changes the test process's own.
//! The tests share one throwaway PostgreSQL cluster; `autogen_cli`'s count
//! of scratch databases is server-wide, so `verify`, the other module that
//! makes them, takes turns with it.

mod alembic_baseline;
mod alembic_import;
mod authoring;
mod autogen_cli;
mod autogen_sqlite_cli;
mod autogen_zh;
mod backup;
mod bad_input;
mod common;
mod conformance;
mod connection_faults;
mod crash_upgrade;
mod erd_cli;
mod failure_reports;
mod fleet_postgres;
mod fleet_sqlite;
mod fuzz_cli;
mod graph_cli;
mod hostile_scripts;
mod i18n_cli;
mod lint;
mod lint_i18n;
mod messages_zh;
mod models_cli;
mod online_checksums;
mod online_commands;
mod online_errors;
mod online_interrupts;
mod online_lock;
mod online_support;
mod ops_docs;
mod ops_dotenv;
mod ops_entrypoint;
mod ops_pending;
mod ops_progress;
mod run_messages_zh;
mod scope_cli;
mod settings_checks;
mod verify;
mod wheel;
