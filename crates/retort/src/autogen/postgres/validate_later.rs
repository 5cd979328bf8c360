//! The lock-friendly form of new constraints, for migrations that run
//! outside a transaction.

use super::kinds::constraints::ConstraintOp;
use super::kinds::tables::TableOp;
use super::model::{ConstraintKind, Schema};
use super::ops::Op;
use std::collections::BTreeSet;

/// For a migration that runs outside a transaction (autogenerate's
/// `autogenerate_concurrent_indexes`), the CHECK and FOREIGN KEY
/// constraints added to tables that exist already and are not created in
/// this migration become [`ConstraintOp::AddValidatedLater`]: a plain `ADD
/// CONSTRAINT` checks every row under a lock that stops writes (lint's
/// R007), and `VALIDATE` helps only in a transaction of its own (R008).
/// Partitioned tables and partitions keep the plain form: PostgreSQL
/// refuses `NOT VALID` foreign keys on partitioned tables.
pub fn validate_later(ops: Vec<Op>, from: &Schema) -> Vec<Op> {
    let created: BTreeSet<String> = ops
        .iter()
        .filter_map(|op| match op {
            Op::Table(TableOp::Create(table)) => Some(table.name.clone()),
            _ => None,
        })
        .collect();
    ops.into_iter()
        .map(|op| match op {
            Op::Constraint(ConstraintOp::Add { table, constraint })
                if matches!(constraint.kind, ConstraintKind::Check | ConstraintKind::ForeignKey)
                    && !constraint.definition.ends_with("NOT VALID")
                    && !created.contains(&table)
                    && from.tables.get(&table).is_some_and(|t| {
                        t.partition_by.is_none() && t.partition_of.is_none()
                    }) =>
            {
                Op::Constraint(ConstraintOp::AddValidatedLater { table, constraint })
            }
            other => other,
        })
        .collect()
}
