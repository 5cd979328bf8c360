//! One file per object kind, as Alembic's `autogenerate/compare/` and
//! squawk's rules are split. Each owns:
//!
//! - its ops (`IndexOp`, `ViewOp`, ...), one variant of [`super::ops::Op`]
//!   each, with their inverse, description, danger and SQL;
//! - its steps of the diff (`indexes::drop_on_tables`, ...), which
//!   [`super::diff`] puts in order;
//! - the comment keys its ops drop and create (see [`comments`]).
//!
//! The kinds sit below `Op`, the diff and the renderer, which name every
//! kind: a step reads the [`super::context::Context`] and returns any `O`
//! its ops convert into (`O: From<IndexOp>`), which the diff makes `Op`.
//! Their tests, which run the whole diff, are in `super::kind_tests`.
//!
//! A new kind is a new file here, a variant of `Op` (and a line in
//! `op_kinds!` and `each_kind!` in `ops.rs`), its steps in the schedule in
//! `diff.rs`, and its tests.

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
