//! Partitioned tables and their partitions. A partition moved to another
//! parent or bound is detached and attached again; a change of partitioning
//! itself (`PARTITION BY`, or becoming or ceasing to be a partition) cannot
//! be altered, and the table is replaced: dropped and created again, with
//! its partitions ([`replaced_tables`]). Partitions are created after their
//! parent and dropped before it ([`parents_first`]).
//!
//! On PostgreSQL 18 a partition's NOT NULL constraints have names: a
//! partition takes its parent's when it is created and keeps its own when it
//! is attached or moves. PostgreSQL refuses to rename an inherited
//! constraint, so a partition whose names differ is detached, renamed and
//! attached again, as a move is.

use crate::tr;
use super::comments::CommentKeys;
use crate::autogen::postgres::context::Context;
use crate::autogen::postgres::model::*;
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq)]
pub enum PartitionOp {
    /// DETACH from one parent and ATTACH to another (or with another bound,
    /// or the same), renaming NOT NULL constraints while detached.
    Move {
        table: String,
        from: PartitionOf,
        to: PartitionOf,
        /// NOT NULL constraints' names, old and new.
        not_null_renames: Vec<(String, String)>,
    },
}

impl PartitionOp {
    pub fn inverse(&self) -> PartitionOp {
        let PartitionOp::Move {
            table,
            from,
            to,
            not_null_renames,
        } = self.clone();
        PartitionOp::Move {
            table,
            from: to,
            to: from,
            not_null_renames: not_null_renames
                .into_iter()
                .map(|(old, new)| (new, old))
                .collect(),
        }
    }

    pub fn describe(&self) -> String {
        let PartitionOp::Move {
            table,
            to,
            not_null_renames,
            ..
        } = self;
        let mut out = tr!(
            "autogen-partition-of",
            table = table,
            parent = &to.parent,
            bound = &to.bound
        );
        for (old, new) in not_null_renames {
            out.push_str(&tr!("autogen-list-separator"));
            out.push_str(&tr!("autogen-not-null-renamed", from = old, to = new));
        }
        out
    }

    pub fn danger(&self) -> Option<String> {
        let PartitionOp::Move { table, from, .. } = self;
        Some(tr!(
            "autogen-danger-move-partition",
            table = table,
            parent = &from.parent
        ))
    }

    pub fn render(&self) -> Vec<String> {
        let PartitionOp::Move {
            table,
            from,
            to,
            not_null_renames,
        } = self;
        let mut out = vec![format!(
            "ALTER TABLE {} DETACH PARTITION {table};",
            from.parent
        )];
        for (old, new) in not_null_renames {
            out.push(format!(
                "ALTER TABLE {table} RENAME CONSTRAINT {old} TO {new};"
            ));
        }
        out.push(format!(
            "ALTER TABLE {} ATTACH PARTITION {table} {};",
            to.parent, to.bound
        ));
        out
    }

    pub(crate) fn comment_keys(&self, _: &mut CommentKeys) {}
}

/// A kept partition's move to another parent or bound, or a change of its
/// NOT NULL constraints' names (which only a detached partition can make).
pub fn move_partition<O: From<PartitionOp>>(cx: &Context, old: &Table, new: &Table) -> Option<O> {
    let (Some(was), Some(is)) = (&old.partition_of, &new.partition_of) else {
        return None;
    };
    let not_null_renames = not_null_renames(cx, &new.name, was);
    (was != is || !not_null_renames.is_empty()).then(|| {
        PartitionOp::Move {
            table: new.name.clone(),
            from: was.clone(),
            to: is.clone(),
            not_null_renames,
        }
        .into()
    })
}

/// The names of `table`'s NOT NULL constraints that differ between the
/// sides, old and new. The old names are as they are when the partition
/// is detached: a kept old parent has renamed its own already, and with
/// them the partition's that carried the same.
fn not_null_renames(cx: &Context, table: &str, was: &PartitionOf) -> Vec<(String, String)> {
    let Some(root) = root_columns(cx.to, table) else {
        return Vec::new();
    };
    let old_table = &cx.from.tables[table];
    let parent_side = if cx.to.tables.contains_key(&was.parent) && cx.kept(&was.parent) {
        cx.to
    } else {
        cx.from
    };
    let mut renames = Vec::new();
    for column in root.keys() {
        let old = old_table
            .partition_not_null_names
            .get(column)
            .cloned()
            .or_else(|| not_null_name(parent_side, &was.parent, column));
        let new = not_null_name(cx.to, table, column);
        if let (Some(old), Some(new)) = (old, new) {
            if old != new {
                renames.push((old, new));
            }
        }
    }
    renames
}

/// The columns of the partitioned table at the top of `table`'s tree.
fn root_columns<'a>(
    schema: &'a Schema,
    table: &str,
) -> Option<&'a std::collections::BTreeMap<String, Column>> {
    let mut current = schema.tables.get(table)?;
    for _ in 0..=schema.tables.len() {
        match &current.partition_of {
            Some(of) => current = schema.tables.get(&of.parent)?,
            None => return Some(&current.columns),
        }
    }
    None
}

/// The name of the NOT NULL constraint on `column` of `table`, a partition
/// or not, when the server names them.
pub fn not_null_name(schema: &Schema, table: &str, column: &str) -> Option<String> {
    let mut current = schema.tables.get(table)?;
    for _ in 0..=schema.tables.len() {
        if let Some(name) = current.partition_not_null_names.get(column) {
            return Some(name.clone());
        }
        match &current.partition_of {
            Some(of) => current = schema.tables.get(&of.parent)?,
            None => return current.columns.get(column)?.not_null_name.clone(),
        }
    }
    None
}

/// Tables on both sides that cannot be altered into their new form: a
/// change of partitioning (`PARTITION BY`, or becoming or ceasing to be a
/// partition) needs the table created again.
pub fn replaced_tables(from: &Schema, to: &Schema) -> BTreeSet<String> {
    let mut replaced: BTreeSet<String> = from
        .tables
        .values()
        .filter(|old| {
            to.tables.get(&old.name).is_some_and(|new| {
                old.partition_by != new.partition_by
                    || old.partition_of.is_some() != new.partition_of.is_some()
            })
        })
        .map(|t| t.name.clone())
        .collect();
    // Dropping a partitioned table drops its partitions: they are created
    // again with it, on either side.
    loop {
        let before = replaced.len();
        for schema in [from, to] {
            for table in schema.tables.values() {
                let parent_replaced = table
                    .partition_of
                    .as_ref()
                    .is_some_and(|of| replaced.contains(&of.parent));
                if parent_replaced
                    && from.tables.contains_key(&table.name)
                    && to.tables.contains_key(&table.name)
                {
                    replaced.insert(table.name.clone());
                }
            }
        }
        if replaced.len() == before {
            return replaced;
        }
    }
}

/// Tables with every partition after its parent.
pub fn parents_first(schema: &Schema) -> Vec<&Table> {
    let depth = |table: &Table| {
        let mut depth = 0;
        let mut parent = table.partition_of.as_ref().map(|p| &p.parent);
        while let Some(name) = parent {
            depth += 1;
            if depth > schema.tables.len() {
                break;
            }
            parent = schema
                .tables
                .get(name)
                .and_then(|t| t.partition_of.as_ref().map(|p| &p.parent));
        }
        depth
    };
    let mut tables: Vec<&Table> = schema.tables.values().collect();
    tables.sort_by_key(|t| depth(t));
    tables
}
