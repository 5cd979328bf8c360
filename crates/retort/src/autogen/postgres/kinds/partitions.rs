//! Partitioned tables and their partitions. A partition moved to another
//! parent or bound is detached and attached again; a change of partitioning
//! itself (`PARTITION BY`, or becoming or ceasing to be a partition) cannot
//! be altered, and the table is replaced: dropped and created again, with
//! its partitions ([`replaced_tables`]). Partitions are created after their
//! parent and dropped before it ([`parents_first`]).

use super::comments::CommentKeys;
use crate::autogen::postgres::model::*;
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq)]
pub enum PartitionOp {
    /// DETACH from one parent and ATTACH to another (or with another bound).
    Move {
        table: String,
        from: PartitionOf,
        to: PartitionOf,
    },
}

impl PartitionOp {
    pub fn inverse(&self) -> PartitionOp {
        let PartitionOp::Move { table, from, to } = self.clone();
        PartitionOp::Move {
            table,
            from: to,
            to: from,
        }
    }

    pub fn describe(&self) -> String {
        let PartitionOp::Move { table, to, .. } = self;
        format!("partition {table} of {} {}", to.parent, to.bound)
    }

    pub fn danger(&self) -> Option<String> {
        let PartitionOp::Move { table, from, .. } = self;
        Some(format!(
            "detaches {table} from {} and attaches it again: rows outside the new bound make it fail",
            from.parent
        ))
    }

    pub fn render(&self) -> Vec<String> {
        let PartitionOp::Move { table, from, to } = self;
        vec![
            format!("ALTER TABLE {} DETACH PARTITION {table};", from.parent),
            format!(
                "ALTER TABLE {} ATTACH PARTITION {table} {};",
                to.parent, to.bound
            ),
        ]
    }

    pub(crate) fn comment_keys(&self, _: &mut CommentKeys) {}
}

/// A kept partition's move to another parent or bound.
pub fn move_partition<O: From<PartitionOp>>(old: &Table, new: &Table) -> Option<O> {
    let (Some(was), Some(is)) = (&old.partition_of, &new.partition_of) else {
        return None;
    };
    (was != is).then(|| {
        PartitionOp::Move {
            table: new.name.clone(),
            from: was.clone(),
            to: is.clone(),
        }
        .into()
    })
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
