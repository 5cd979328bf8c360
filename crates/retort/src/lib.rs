//! retort: Alembic's migration system as a Rust library.
//!
//! An application that migrates its database at start-up needs only
//! [`Migrator`] (with [`embed_migrations!`] to compile the migrations in)
//! and [`Error`]. A tool built on retort's commands uses [`Project`] (a
//! retort.toml project: plan, run, `--sql`, and with the `autogenerate`
//! feature [`Project::check`], [`Project::diff`], [`Project::autogenerate`],
//! [`Project::verify`] and the types in [`autogenerate`]). Everything public is re-exported
//! here; that list is the API.
//!
//! Cargo features: `postgres` and `sqlite` (each database's driver),
//! `autogenerate` (comparing a database with a target schema), `lint`
//! (`retort lint`: PostgreSQL's parser, libpg_query, which needs libclang
//! to build); all four by default. `internals` makes the modules below public for the `retort`
//! command and the tests; they follow no semver promise.
//!
//! Inside, data flows one way: `config` → `script` (files) → `revision`
//! (the pure graph and planner) → `runtime` (online) or `offline` (`--sql`)
//! → `db` (PostgreSQL, SQLite). Below them all: `url`, `sql` (splitting and
//! quoting) and `version_op` (the version-table changes the planner makes
//! and the databases write). `error` folds every module's error; `project`
//! ties the layers together; `autogen` sits beside them, reading
//! databases through `db`; `verify` sits on top, running migrations on a
//! scratch database and reading it through autogen. `graph` (the
//! picture of `retort graph`) reads the revision map, pure like it; `lint`
//! is pure, beside the migration layers, reading only text. `tests/files/architecture.rs` keeps the modules
//! free of cycles and the layers straight.

// Without `internals` the modules are crate-private, and items only the
// `retort` command uses (it builds with `internals`) would be reported as
// unused (and their re-exports as unused imports).
#![cfg_attr(not(feature = "internals"), allow(dead_code, unused_imports))]

/// Declares modules public with the `internals` feature, crate-private
/// without it.
macro_rules! internal_modules {
    ($($(#[$attr:meta])* $name:ident),* $(,)?) => {$(
        $(#[$attr])*
        #[cfg(feature = "internals")]
        pub mod $name;
        $(#[$attr])*
        #[cfg(not(feature = "internals"))]
        pub(crate) mod $name;
    )*};
}

/// Messages in English or Simplified Chinese: [`i18n::set_language`]
/// changes the language of every error and report.
pub mod i18n;

internal_modules! {
    #[cfg(feature = "autogenerate")]
    autogen,
    backup,
    config,
    db,
    error,
    fleet,
    graph,
    import,
    init,
    #[cfg(feature = "lint")]
    lint,
    migrator,
    offline,
    project,
    revision,
    runtime,
    script,
    sql,
    url,
    #[cfg(feature = "autogenerate")]
    verify,
    version_op,
}

#[cfg(all(
    feature = "autogenerate",
    not(any(feature = "postgres", feature = "sqlite"))
))]
compile_error!(
    "the `autogenerate` feature compares a database with a target: enable `postgres` or `sqlite` too"
);

pub use backup::{BackupError, BackupFile, BackupMade, BackupName, BeforeRun, DataLoss};
pub use config::{Config, ConfigError, ConfigOptions};
pub use db::{ConnectOptions, DbError, EditedMigration, MigrationFailure, StatementError};
pub use error::{Error, Result};
pub use fleet::{
    list_fleet, read_targets_file, run_fleet, FleetCommand, FleetOptions, FleetReport, FleetTarget,
    TargetOutcome, TargetStatus,
};
pub use migrator::{EmbeddedMigrations, IntoDatabase, Migrator};
pub use project::{Project, RunSettings, Target};
pub use revision::{CycleKind, Direction, RevisionError, StepKind};
pub use runtime::{Interrupt, RunReport, StepEvent, StepReport};
pub use script::{Script, ScriptError, Section};
pub use url::{DatabaseUrl, Dialect, UrlError};

/// Comparing a database with a target schema: what [`Project::check`],
/// [`Project::diff`] and [`Project::autogenerate`] take and return.
#[cfg(feature = "autogenerate")]
pub mod autogenerate {
    pub use crate::autogen::erd::{Erd, ErdColumn, ErdRelation, ErdTable};
    pub use crate::autogen::{
        Description, Drift, Generated, Migration, RenameCandidate, Settings, Side,
    };
    pub use crate::verify::{Finding, RevisionResult, TargetCheck, VerifyOptions, VerifyReport};
}

#[cfg(feature = "postgres")]
/// The `postgres` crate retort connects with: hand a `&mut postgres::Client`
/// of this version to a [`Migrator`].
pub use postgres;
#[cfg(feature = "sqlite")]
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
