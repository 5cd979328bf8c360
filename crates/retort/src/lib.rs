//! retort: Alembic's migration system as a Rust library.
//!
//! Data flows one way: [`config`] → [`script`] (files) → [`revision`] (the
//! pure graph and planner) → [`runtime`] (online) or [`offline`] (`--sql`)
//! → [`db`] (PostgreSQL, SQLite). Below them all: [`url`], [`sql`] (quoting)
//! and [`version_op`] (the version-table changes the planner makes and the
//! databases write). [`error`] folds every module's error; [`project`] ties
//! the layers together for commands and embedding applications.
//! `tests/files/architecture.rs` keeps the modules free of cycles and the layers
//! straight.
//!
//! An application that migrates its database at start-up needs only
//! [`Migrator`] (with [`embed_migrations!`] to compile the migrations in)
//! and [`Error`].

pub mod autogen;
pub mod config;
pub mod db;
pub mod error;
pub mod init;
pub mod migrator;
pub mod offline;
pub mod project;
pub mod revision;
pub mod runtime;

pub mod script;
pub mod sql;
pub mod url;
pub mod version_op;

pub use db::{DbError, EditedMigration, MigrationFailure};
pub use error::{Error, Result};
pub use migrator::{EmbeddedMigrations, IntoDatabase, Migrator};
pub use revision::{CycleKind, RevisionError};
pub use runtime::{RunReport, StepReport};

/// The `postgres` crate retort connects with: hand a `&mut postgres::Client`
/// of this version to a [`Migrator`].
pub use postgres;
/// The `rusqlite` crate retort connects with: hand a
/// `&mut rusqlite::Connection` of this version to a [`Migrator`].
pub use rusqlite;

/// Embeds a directory's migration files in the program, for
/// [`Migrator::from_embedded`].
///
/// `embed_migrations!("migrations")` names the directory relative to the
/// calling crate's `Cargo.toml` (`CARGO_MANIFEST_DIR`), as `sqlx::migrate!`
/// does; `embed_migrations!()` means `"migrations"`. Either the
/// script_location (holding `versions/`) or the `versions` directory
/// itself. It expands to an [`EmbeddedMigrations`] constant listing each
/// `.sql` file's name and `include_str!` of it, so editing a file rebuilds
/// the program. The text is parsed when the [`Migrator`] is made, by the
/// parser `retort` uses on files, so a broken file is reported with its
/// name and line.
///
/// **Adding** a file is not something the compiler notices: tell Cargo to
/// rebuild when the directory changes, with a `build.rs` beside
/// `Cargo.toml`:
///
/// ```text
/// // build.rs
/// fn main() {
///     println!("cargo:rerun-if-changed=migrations");
/// }
/// ```
///
/// ```
/// static MIGRATIONS: retort::EmbeddedMigrations =
///     retort::embed_migrations!("examples/embedded_sqlite/migrations");
///
/// let migrator = retort::Migrator::from_embedded(&MIGRATIONS)?;
/// assert_eq!(migrator.migrations().len(), MIGRATIONS.files().len());
/// # Ok::<(), retort::Error>(())
/// ```
///
/// A directory that is not there stops the build, naming it:
///
/// ```compile_fail
/// static MIGRATIONS: retort::EmbeddedMigrations = retort::embed_migrations!("no/such/dir");
/// ```
pub use retort_macros::embed_migrations;
