//! One file per object kind, as Alembic's `autogenerate/compare/` and
//! squawk's rules are split. Each owns:
//!
//! - its ops (`IndexOp`, `ViewOp`, ...), one variant of [`super::Op`] each,
//!   with their inverse, description, danger and SQL;
//! - its steps of the diff (`indexes::drop_on_tables`, ...), which
//!   [`super::diff`] puts in order;
//! - the comment keys its ops drop and create (see [`comments`]);
//! - its unit tests, on models built by hand.
//!
//! A new kind is a new file here, a variant of `Op` (and a line in
//! `each_kind!` and `from_kind!` in `ops.rs`), and its steps in the
//! schedule in `diff.rs`.

pub mod columns;
pub mod comments;
pub mod composites;
pub mod constraints;
pub mod domains;
pub mod enums;
pub mod extensions;
pub mod functions;
pub mod indexes;
pub mod partitions;
pub mod policies;
pub mod schemas;
pub mod sequences;
pub mod tables;
pub mod triggers;
pub mod views;

#[cfg(test)]
pub(crate) mod test_support;
