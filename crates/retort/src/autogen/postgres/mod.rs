//! Autogenerate for PostgreSQL. The target schema is loaded into a scratch
//! database on the dev server and read by the same catalog queries as the
//! live database, so PostgreSQL normalises both (`int` and `integer`,
//! `now()` and `CURRENT_TIMESTAMP`, implicit names, casts).

// Declarations and the public face only: the code is in the children.
mod backend;
pub mod cache;
pub mod context;
pub mod diff;
mod erd;
pub mod in_place;
pub mod introspect;
pub mod kinds;
pub mod migration;
pub mod model;
pub mod ops;
pub mod rename_column;
pub mod rename_table;
pub mod render;
mod requests;
pub mod retype;
pub mod scratch;
mod scope;
pub mod source;
pub mod text;
pub mod validate_later;

#[cfg(test)]
mod kind_tests;

pub(crate) use backend::PgBackend;
pub use diff::diff;
pub use introspect::introspect_postgres;
pub use migration::{
    render_migration, render_migration_with, render_statements, render_statements_with,
    RenderOptions,
};
pub use ops::Op;
pub use rename_column::{apply_renames, rename_candidates};
pub use rename_table::TableRename;
pub use requests::diff_with_renames;
pub use scratch::ScratchDatabase;
pub use source::{postgres_params, read_schema, Source};
