//! Autogenerate: compare a database with a target schema and write the
//! migration between them.
//!
//! One pipeline ([`pipeline`]) drives every database through the
//! [`backend::Backend`] trait; each database is one folder here holding its
//! model, its introspection, its diff, its ops and their SQL. Both sides of
//! a comparison are read by the same introspection from the database's own
//! catalog (schema files are first loaded into a database made for the
//! purpose), so the database normalises both and a schema in sync yields no
//! ops at all.
//!
//! The operations themselves are methods of [`crate::project::Project`]:
//! `check`, `diff` and `autogenerate`.

mod backend;
mod introspect_options;
mod pipeline;
#[cfg(feature = "postgres")]
pub mod postgres;
pub mod rename;
mod scope;
#[cfg(feature = "sqlite")]
pub mod sqlite;
mod target;

pub use introspect_options::IntrospectOptions;
#[cfg(feature = "postgres")]
pub use postgres::cache::SchemaCache;
pub use rename::RenameCandidate;
pub use target::{render as render_target, target_sources, RenderedTarget, TargetSettings};

use crate::config::TargetSource;
use crate::db::ConnectOptions;
use crate::url::DatabaseUrl;
use crate::Result;

/// One side of a comparison.
#[derive(Debug, Clone)]
pub enum Side {
    /// A live database.
    Database(DatabaseUrl),
    /// The target's sources (SQL files, SQLAlchemy models, programs),
    /// rendered as SQL and run in order in a database made for the purpose:
    /// a scratch database on PostgreSQL, an in-memory one on SQLite.
    Files(Vec<TargetSource>),
}

impl Side {
    /// What `diff --from`/`--to` take: a database URL (anything with
    /// `://`), SQLAlchemy models (`sqlalchemy:MODULE:ATTRIBUTE`), else a
    /// schema file.
    pub fn parse(text: &str) -> Result<Side> {
        if text.contains("://") {
            Ok(Side::Database(DatabaseUrl::parse(text)?))
        } else {
            let source = TargetSource::parse(text, std::path::Path::new(""))
                .map_err(crate::Error::Usage)?;
            Ok(Side::Files(vec![source]))
        }
    }
}

/// How autogenerate reaches databases and renders SQL.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub connect: ConnectOptions,
    /// The PostgreSQL server scratch databases are made on; the project's
    /// own server when None.
    pub dev_url: Option<DatabaseUrl>,
    /// Loaded target schemas kept from earlier runs (PostgreSQL).
    #[cfg(feature = "postgres")]
    pub cache: Option<SchemaCache>,
    /// What introspection leaves out: the migration tool's own tables.
    pub introspect: IntrospectOptions,
    /// Build and drop indexes `CONCURRENTLY` (PostgreSQL).
    pub concurrent_indexes: bool,
    /// The Python, directory and deadline for rendering the target.
    pub target: TargetSettings,
}

impl Settings {
    /// The settings the project's configuration gives: its dev URL, its
    /// version and log tables left out, its choice of concurrent indexes.
    pub fn for_project(config: &crate::config::Config, connect: ConnectOptions) -> Result<Self> {
        Ok(Settings {
            connect,
            dev_url: config
                .dev_url
                .as_deref()
                .map(DatabaseUrl::parse)
                .transpose()?,
            #[cfg(feature = "postgres")]
            cache: None,
            introspect: IntrospectOptions {
                scope: config.scope.clone(),
                ..IntrospectOptions::for_tool_tables(&config.version_table, &config.log_table)
            },
            concurrent_indexes: config.autogenerate_concurrent_indexes,
            target: TargetSettings::for_project(config),
        })
    }
}

/// What `check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    /// One line per difference between the database and the target schema.
    pub differences: Vec<String>,
}

impl Drift {
    pub fn in_sync(&self) -> bool {
        self.differences.is_empty()
    }
}

/// A migration autogenerate wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// One line per change, in the order applied.
    pub changes: Vec<String>,
    pub migration: Migration,
}

/// A migration's two sections, as SQL text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// A comment block listing the changes (destructive ones with a
    /// `-- WARNING:` line), then the statements.
    pub upgrade: String,
    pub downgrade: String,
    /// The upgrade must run outside a transaction (the file's
    /// `no-transaction` marker): concurrent index builds, enum labels used
    /// in the migration that adds them, SQLite rebuilds of referenced tables.
    pub upgrade_no_transaction: bool,
    pub downgrade_no_transaction: bool,
}

/// For a Ctrl-C or SIGTERM handler, just before the process exits: drops
/// the scratch databases this process made and has not dropped yet (a
/// guard's `Drop` does not run when a signal ends the process).
pub fn clean_up_before_exit() {
    #[cfg(feature = "postgres")]
    postgres::scratch::drop_active_scratch_databases();
}
