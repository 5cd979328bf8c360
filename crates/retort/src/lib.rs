//! retort: Alembic's migration system as a Rust library.
//!
//! Data flows one way: [`config`] → [`script`] (files) → [`revision`] (the
//! pure graph and planner) → [`runtime`] (online) or [`offline`] (`--sql`)
//! → [`db`] (PostgreSQL, SQLite). Below them all: [`url`], [`sql`] (quoting)
//! and [`version_op`] (the version-table changes the planner makes and the
//! databases write). [`error`] folds every module's error; [`project`] ties
//! the layers together for commands and embedding applications.
//! `tests/architecture.rs` keeps the modules free of cycles and the layers
//! straight.

pub mod autogen;
pub mod config;
pub mod db;
pub mod error;
pub mod init;
pub mod offline;
pub mod project;
pub mod revision;
pub mod runtime;
pub mod schema;
pub mod script;
pub mod sql;
pub mod url;
pub mod version_op;

pub use error::{Error, Result};
