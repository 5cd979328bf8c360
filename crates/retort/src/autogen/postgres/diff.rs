//! Comparing two schema models into an ordered list of [`Op`]s.
//!
//! Each kind (under [`super::kinds`]) knows what of it changes; this file
//! only says in which order, so that every op finds what it needs in the
//! upgrade and, reversed and inverted, in the downgrade. What depends on
//! other objects is dropped first and created last; tables are created
//! without foreign keys, which follow once every table exists.

use super::context::Context;
use super::kinds::{
    columns, comments, composites, constraints, domains, enums, extensions, functions, indexes,
    partitions, policies, schemas, sequences, tables, triggers, views,
};
use super::model::Schema;
use super::ops::Op;
use super::retype;

/// The ops that turn `from` into `to`; empty when they are the same.
pub fn diff(from: &Schema, to: &Schema) -> Vec<Op> {
    // NOT NULL constraints' names count only when both servers have them.
    let (from, to) = columns::not_null::comparable(from, to);
    let (from, to) = (from.as_ref(), to.as_ref());
    // Renamed enum labels are renamed everywhere they are written first.
    let from = &enums::with_labels_renamed(from, to);
    let cx = context(from, to);
    let ops = SCHEDULE.iter().flat_map(|step| step(&cx)).collect();
    comments::around(from, to, ops)
}

/// One step of the diff: the ops of one kind at one point of the order.
type Step = fn(&Context) -> Vec<Op>;

/// The order of the diff, step by step.
const SCHEDULE: &[Step] = &[
    // What reads tables and types goes first, dependents before what they
    // depend on.
    triggers::drop_changed,
    policies::drop_changed,
    indexes::drop_on_views,
    views::drop_rebuilt,
    constraints::drop_foreign_keys,
    indexes::drop_on_tables,
    constraints::drop_changed,
    // Sequences let go of columns before those go.
    sequences::release_owners,
    columns::drop_rebuilt,
    tables::drop_removed,
    functions::drop_unused,
    // Creations, types first.
    schemas::create,
    extensions::create_or_replace,
    enums::create_or_alter,
    domains::create_or_alter,
    composites::create_or_alter,
    sequences::create_or_alter,
    // Functions that column defaults or generated columns call come before
    // the tables; the rest after them, as their bodies may read tables.
    functions::create_used_by_columns,
    tables::create_or_alter,
    sequences::set_owners,
    // What nothing refers to any more goes once the columns have let go.
    functions::drop_used_by_columns,
    sequences::drop_removed,
    composites::drop_removed,
    domains::drop_removed,
    enums::drop_removed,
    extensions::drop_removed,
    schemas::drop_removed,
    // Functions before what may call them: constraints, indexes, views,
    // triggers.
    functions::create_or_replace,
    constraints::add_changed,
    indexes::create_on_tables,
    constraints::add_foreign_keys,
    views::create,
    indexes::create_on_views,
    triggers::create_changed,
    policies::create_changed,
];

/// What is decided about both sides once, before any step: the changes
/// that make objects of one kind go and come back because of another.
pub fn context<'a>(from: &'a Schema, to: &'a Schema) -> Context<'a> {
    let replaced = partitions::replaced_tables(from, to);
    let retyped = retype::retyped_types(from, to);
    let mut touched = columns::tables_with_changed_columns(from, to, &replaced);
    touched.extend(retype::tables_holding(from, &retyped));
    let rebuilt_views = views::to_rebuild(from, to, &touched);
    let rebuilt_matviews = rebuilt_views
        .iter()
        .filter(|v| from.views.get(*v).is_some_and(|v| v.materialized))
        .cloned()
        .collect();
    Context {
        from,
        to,
        replaced,
        retyped,
        touched,
        rebuilt_views,
        rebuilt_matviews,
        rekeyed: constraints::tables_with_changed_keys(from, to),
    }
}
