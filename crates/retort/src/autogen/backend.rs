//! The autogenerate backend trait: what each database's autogenerate
//! provides ([`super::dispatch`] picks one by dialect).
//!
//! A backend reads a side of a comparison into its model, diffs two models
//! into its ops, and renders ops as SQL; everything around that (reading
//! both sides at once, `--rename`, the rename question, the header of a
//! generated file, drift) is written once in [`super::pipeline`].

use super::erd::Erd;
use super::output::Migration;
use super::rename::{RenameCandidate, RenameRequests};
use super::side::Side;
use crate::db::Database;
use crate::Result;

/// One change autogenerate found, as its op type knows itself.
pub(crate) trait Change: Sized {
    /// One line for a person: `add column public.users.email`.
    fn describe(&self) -> String;
    /// Why applying it may lose data or lock, when it may.
    fn danger(&self) -> Option<String>;
}

/// One database's autogenerate: its model, its ops and its SQL.
pub(crate) trait Backend: Sync {
    type Schema: Send + Clone;
    type Op: Change;

    /// Reads one side: a live database, or schema files loaded into a
    /// database of this kind made for the purpose.
    fn read(&self, side: &Side) -> Result<Self::Schema>;

    /// Leaves out of both sides what `[autogenerate]` does not cover; its
    /// default schemas are those `to` (the target) defines.
    fn restrict(&self, from: &mut Self::Schema, to: &mut Self::Schema);

    /// The schema's tables, columns, keys and foreign keys, for `retort erd`.
    fn erd(&self, schema: &Self::Schema) -> Result<Erd>;

    /// Reads a database already open (a scratch database `verify` migrates).
    fn read_open(&self, db: &mut dyn Database) -> Result<Self::Schema>;

    /// True when `name` (as a user writes it in `--rename`) is a table of
    /// `from` that `to` no longer has.
    fn is_dropped_table(&self, from: &Self::Schema, to: &Self::Schema, name: &str) -> bool;

    /// The ops from `from` to `to`, with the requested renames made renames.
    fn diff(
        &self,
        from: &Self::Schema,
        to: &Self::Schema,
        renames: &RenameRequests,
    ) -> Result<Vec<Self::Op>>;

    /// Drop-and-add pairs that may be renames, to point out or ask about.
    fn rename_candidates(&self, ops: &[Self::Op]) -> Vec<RenameCandidate>;

    /// The upgrade from `ops` (after the header `header::header` makes,
    /// with this backend's own warnings), the downgrade from their
    /// inverses, and whether either must run outside a transaction.
    fn render_migration(&self, ops: &[Self::Op]) -> Migration;

    /// The statements of `ops` alone, one per line (`retort diff`).
    fn render_statements(&self, ops: &[Self::Op]) -> String;
}
