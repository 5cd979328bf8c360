//! Autogenerate: compare a database with a target schema and write the
//! migration between them.
//!
//! One pipeline ([`pipeline`]) drives every database through the
//! [`backend::Backend`] trait, which [`dispatch`] picks by dialect; each
//! database is one folder here (behind its Cargo feature) holding its model, its introspection, its diff, its ops and their SQL. Both sides of
//! a comparison are read by the same introspection from the database's own
//! catalog (schema files are first loaded into a database made for the
//! purpose), so the database normalises both and a schema in sync yields no
//! ops at all.
//!
//! The operations themselves are methods of [`crate::project::Project`]:
//! `check`, `diff` and `autogenerate`.

// Lowest first: what a comparison reads and hands back, the backend
// trait, the backends, then the dispatch and the pipeline driving them.
// This file only declares and re-exports: its children depend on each
// other, never on it.
pub mod erd;
mod introspect_options;
pub mod rename;
mod scope;
mod side;
mod target;

mod backend;
mod header;
mod output;

#[cfg(feature = "postgres")]
pub mod postgres;
#[cfg(feature = "sqlite")]
pub mod sqlite;

mod dispatch;
mod exit;
mod pipeline;
mod settings;

// For `verify`, which reads and compares schemas through the same backends.
pub(crate) use backend::{Backend, Change};
pub(crate) use dispatch::{with_backend, Job};
pub use crate::i18n::Description;
pub use exit::{clean_up_before_exit, ScratchDir};
pub use introspect_options::IntrospectOptions;
pub use output::{Drift, Generated, Migration};
pub use pipeline::migration_between;
#[cfg(feature = "postgres")]
pub use postgres::cache::SchemaCache;
pub use rename::RenameCandidate;
pub use settings::Settings;
pub use side::Side;
pub use target::{
    render as render_target, target_schema_configured, target_sources, RenderedTarget,
    TargetSettings,
};
