//! What every step of the diff reads: both sides, and what is decided
//! about them once before any step. The diff ([`super::diff::context`])
//! decides it, asking the kinds; the kinds' steps read it, so it is a plain
//! struct below them.

use super::model::Schema;
use super::retype;
use std::collections::BTreeSet;

/// Both sides, and what is decided about them once before any step: the
/// changes that make objects of one kind go and come back because of
/// another.
pub struct Context<'a> {
    pub from: &'a Schema,
    pub to: &'a Schema,
    /// Tables on both sides dropped and created again: a change of
    /// partitioning ([`super::kinds::partitions::replaced_tables`]).
    pub replaced: BTreeSet<String>,
    /// Enums, domains and composite types rebuilt under a temporary name
    /// ([`retype`]): what refers to them by oid (a view's columns, a cast
    /// in an index or check, a function's signature) would keep the old
    /// type, so it is dropped first and created again.
    pub retyped: Vec<String>,
    /// Tables whose columns change, that go or are replaced, or that hold a
    /// retyped type: the views reading them and their policies are redone.
    pub touched: BTreeSet<String>,
    /// Views dropped and created again ([`super::kinds::views::to_rebuild`]).
    pub rebuilt_views: BTreeSet<String>,
    /// The materialized ones among them, which take their indexes along.
    pub rebuilt_matviews: BTreeSet<String>,
    /// Tables whose keys change, which the foreign keys referring to them
    /// hold on to ([`super::kinds::constraints::tables_with_changed_keys`]).
    pub rekeyed: BTreeSet<String>,
}

impl Context<'_> {
    /// On both sides and altered in place (not dropped and created again).
    pub fn kept(&self, table: &str) -> bool {
        self.to.tables.contains_key(table) && !self.replaced.contains(table)
    }

    /// True when `text` names a retyped type.
    pub fn mentions_retyped(&self, text: &str) -> bool {
        self.retyped.iter().any(|t| retype::mentions_type(text, t))
    }
}
