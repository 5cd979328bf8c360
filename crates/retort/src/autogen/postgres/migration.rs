//! Ops as a migration: the upgrade with its header and warnings, the
//! downgrade from the inverses, and whether either must run outside a
//! transaction.

use super::kinds::enums::uses_label_added_by;
use super::kinds::constraints::ConstraintOp;
use super::ops::{IndexOp, Op};
use super::rename_column::rename_candidates;
use super::render::{render_op, render_op_concurrently};
use crate::autogen::header::header;
use crate::autogen::output::Migration;

/// Choices in how ops become SQL.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// `CREATE INDEX CONCURRENTLY` and `DROP INDEX CONCURRENTLY`, which do
    /// not lock out writes but cannot run in a transaction
    /// (`autogenerate_concurrent_indexes` in retort.toml).
    pub concurrent_indexes: bool,
}

/// The upgrade from `ops` and the downgrade from their inverses, reversed.
pub fn render_migration(ops: &[Op]) -> Migration {
    render_migration_with(ops, RenderOptions::default())
}

pub fn render_migration_with(ops: &[Op], options: RenderOptions) -> Migration {
    let mut header = header(ops, &rename_candidates(ops));
    let concurrent = options.concurrent_indexes
        && ops.iter().any(|op| {
            matches!(
                op,
                Op::Index(IndexOp::Create(_) | IndexOp::Drop(_))
                    | Op::Constraint(ConstraintOp::AddValidatedLater { .. })
            )
        });
    if concurrent {
        header.push(
            "-- WARNING: indexes are built concurrently and new constraints on existing tables \
             validated separately, so this migration runs outside a transaction: a failure \
             leaves the statements before it applied"
                .to_string(),
        );
    }
    let upgrade_no_transaction = uses_added_labels(ops) || concurrent;
    if upgrade_no_transaction && !concurrent {
        header.push(
            "-- WARNING: new enum labels are used below, which PostgreSQL allows only after \
             they are committed, so the upgrade runs outside a transaction"
                .to_string(),
        );
    }
    let upgrade = format!(
        "{}\n\n{}",
        header.join("\n"),
        render_statements_with(ops.iter(), options)
    );
    let inverses: Vec<Op> = ops.iter().rev().map(Op::inverse).collect();
    let downgrade = render_statements_with(inverses.iter(), options);
    Migration {
        upgrade,
        downgrade,
        upgrade_no_transaction,
        downgrade_no_transaction: concurrent,
    }
}

/// The statements of `ops`, one per line (or block), in order.
pub fn render_statements<'a>(ops: impl Iterator<Item = &'a Op>) -> String {
    render_statements_with(ops, RenderOptions::default())
}

pub fn render_statements_with<'a>(
    ops: impl Iterator<Item = &'a Op>,
    options: RenderOptions,
) -> String {
    let mut out = String::new();
    for op in ops {
        let statements = if options.concurrent_indexes {
            render_op_concurrently(op)
        } else {
            render_op(op)
        };
        for statement in statements {
            out.push_str(&statement);
            out.push('\n');
        }
    }
    out
}

/// True when a label an enum op adds is used by a later statement, which
/// PostgreSQL allows only once the label is committed.
pub fn uses_added_labels(ops: &[Op]) -> bool {
    ops.iter().enumerate().any(|(i, op)| match op {
        Op::Enum(op) => uses_label_added_by(op, || render_statements(ops[i + 1..].iter())),
        _ => false,
    })
}
