//! retort: Alembic's migration system as a Rust library.
//!
//! Data flows one way: [`config`] → [`script`] (files) → [`revision`] (the
//! pure graph and planner) → [`runtime`] (online) or [`offline`] (`--sql`)
//! → [`db`] (PostgreSQL, SQLite).

pub mod autogen;
pub mod config;
pub mod db;
pub mod error;
pub mod init;
pub mod offline;
pub mod project;
pub mod revision;
pub mod runtime;

pub mod script;
pub mod url;

pub use error::{Error, Result};
