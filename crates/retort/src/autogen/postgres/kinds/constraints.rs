//! Table constraints: primary keys, unique, check, exclusion and foreign
//! keys. A changed constraint is dropped and added. Foreign keys go first
//! and come last, so that tables can refer to each other, and are dropped
//! and added again around any change to the keys they hold on to.

use crate::tr;
use super::comments::CommentKeys;
use crate::autogen::postgres::context::Context;
use crate::autogen::postgres::model::*;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq)]
pub enum ConstraintOp {
    Add {
        table: String,
        constraint: Constraint,
    },
    Drop {
        table: String,
        constraint: Constraint,
    },
    /// A CHECK or FOREIGN KEY added to a table that holds rows, in two
    /// statements: `NOT VALID` (a brief lock; new rows are checked) and
    /// `VALIDATE CONSTRAINT` (the old rows, read under a lock that lets
    /// writes go on). Only where each statement commits on its own: see
    /// [`validate_later`].
    AddValidatedLater {
        table: String,
        constraint: Constraint,
    },
    /// A constraint named after a renamed table, renamed with it.
    Rename {
        table: String,
        from: String,
        to: String,
    },
}

impl ConstraintOp {
    pub fn inverse(&self) -> ConstraintOp {
        match self.clone() {
            ConstraintOp::Add { table, constraint }
            | ConstraintOp::AddValidatedLater { table, constraint } => {
                ConstraintOp::Drop { table, constraint }
            }
            ConstraintOp::Drop { table, constraint } => ConstraintOp::Add { table, constraint },
            ConstraintOp::Rename { table, from, to } => ConstraintOp::Rename {
                table,
                from: to,
                to: from,
            },
        }
    }

    pub fn describe(&self) -> String {
        match self {
            ConstraintOp::Add { table, constraint } => tr!(
                "autogen-add-constraint",
                name = &constraint.name,
                table = table
            ),
            ConstraintOp::AddValidatedLater { table, constraint } => tr!(
                "autogen-add-constraint-validated-later",
                name = &constraint.name,
                table = table
            ),
            ConstraintOp::Drop { table, constraint } => tr!(
                "autogen-drop-constraint",
                name = &constraint.name,
                table = table
            ),
            ConstraintOp::Rename { table, from, to } => tr!(
                "autogen-rename-constraint",
                from = from,
                table = table,
                to = to
            ),
        }
    }

    pub fn danger(&self) -> Option<String> {
        None
    }

    pub fn render(&self) -> Vec<String> {
        match self {
            ConstraintOp::Add { table, constraint } => vec![format!(
                "ALTER TABLE {table} ADD CONSTRAINT {} {};",
                constraint.name, constraint.definition
            )],
            ConstraintOp::AddValidatedLater { table, constraint } => vec![
                format!(
                    "ALTER TABLE {table} ADD CONSTRAINT {} {} NOT VALID;",
                    constraint.name, constraint.definition
                ),
                format!(
                    "ALTER TABLE {table} VALIDATE CONSTRAINT {};",
                    constraint.name
                ),
            ],
            ConstraintOp::Drop { table, constraint } => vec![format!(
                "ALTER TABLE {table} DROP CONSTRAINT {};",
                constraint.name
            )],
            ConstraintOp::Rename { table, from, to } => vec![format!(
                "ALTER TABLE {table} RENAME CONSTRAINT {from} TO {to};"
            )],
        }
    }

    pub(crate) fn comment_keys(&self, keys: &mut CommentKeys) {
        match self {
            ConstraintOp::Drop { table, constraint } => {
                keys.drop(format!("CONSTRAINT {} ON {table}", constraint.name))
            }
            ConstraintOp::Add { table, constraint }
            | ConstraintOp::AddValidatedLater { table, constraint } => {
                keys.create(format!("CONSTRAINT {} ON {table}", constraint.name))
            }
            ConstraintOp::Rename { .. } => {}
        }
    }
}

fn is_foreign_key(con: &Constraint) -> bool {
    con.kind == ConstraintKind::ForeignKey
}

/// Foreign keys that change or whose keys change, of dropped tables too so
/// that the downgrade recreates them.
pub fn drop_foreign_keys<O: From<ConstraintOp>>(cx: &Context) -> Vec<O> {
    let mut ops = Vec::new();
    for old in cx.from.tables.values() {
        for con in old.constraints.values() {
            if is_foreign_key(con) && foreign_key_changed(cx, cx.to, &old.name, con) {
                ops.push(drop(&old.name, con));
            }
        }
    }
    ops
}

/// Other constraints of kept tables that change (or whose check casts to a
/// rebuilt type).
pub fn drop_changed<O: From<ConstraintOp>>(cx: &Context) -> Vec<O> {
    let mut ops = Vec::new();
    for old in cx.from.tables.values() {
        if !cx.kept(&old.name) {
            continue;
        }
        for con in old.constraints.values() {
            if !is_foreign_key(con) && (changed(cx.to, &old.name, con) || check_redone(cx, con)) {
                ops.push(drop(&old.name, con));
            }
        }
    }
    ops
}

/// The other side of [`drop_changed`], once functions they may call exist.
pub fn add_changed<O: From<ConstraintOp>>(cx: &Context) -> Vec<O> {
    let mut ops = Vec::new();
    for new in cx.to.tables.values() {
        for con in new.constraints.values() {
            if !is_foreign_key(con)
                && cx.from.tables.contains_key(&new.name)
                && cx.kept(&new.name)
                && (changed(cx.from, &new.name, con) || check_redone(cx, con))
            {
                ops.push(add(&new.name, con));
            }
        }
    }
    ops
}

/// The other side of [`drop_foreign_keys`], once every table and the
/// unique indexes they refer to exist.
pub fn add_foreign_keys<O: From<ConstraintOp>>(cx: &Context) -> Vec<O> {
    let mut ops = Vec::new();
    for new in cx.to.tables.values() {
        for con in new.constraints.values() {
            if is_foreign_key(con) && foreign_key_changed(cx, cx.from, &new.name, con) {
                ops.push(add(&new.name, con));
            }
        }
    }
    ops
}

fn add<O: From<ConstraintOp>>(table: &str, con: &Constraint) -> O {
    ConstraintOp::Add {
        table: table.to_string(),
        constraint: con.clone(),
    }
    .into()
}

fn drop<O: From<ConstraintOp>>(table: &str, con: &Constraint) -> O {
    ConstraintOp::Drop {
        table: table.to_string(),
        constraint: con.clone(),
    }
    .into()
}

/// True when `schema` lacks `con` on `table` or has it defined otherwise.
fn changed(schema: &Schema, table: &str, con: &Constraint) -> bool {
    schema
        .tables
        .get(table)
        .and_then(|t| t.constraints.get(&con.name))
        != Some(con)
}

/// A check that casts to a rebuilt type would keep the old one.
fn check_redone(cx: &Context, con: &Constraint) -> bool {
    con.kind == ConstraintKind::Check && cx.mentions_retyped(&con.definition)
}

/// A foreign key holds on to the referenced table's unique index, so it
/// is dropped and added again around any change to that table's keys.
fn foreign_key_changed(cx: &Context, other: &Schema, table: &str, con: &Constraint) -> bool {
    changed(other, table, con)
        || cx.replaced.contains(table)
        || con
            .references
            .as_ref()
            .is_some_and(|r| cx.rekeyed.contains(r) || cx.replaced.contains(r))
}

/// Tables on both sides whose primary key, unique or exclusion constraints
/// or unique indexes change.
pub fn tables_with_changed_keys(from: &Schema, to: &Schema) -> BTreeSet<String> {
    // Unique indexes grouped by table once: looking them up per table by
    // scanning every index is quadratic on large schemas.
    fn unique_indexes(schema: &Schema) -> BTreeMap<&str, Vec<&str>> {
        let mut by_table: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for i in schema.indexes.values() {
            if i.definition.starts_with("CREATE UNIQUE") {
                by_table.entry(&i.table).or_default().push(&i.definition);
            }
        }
        by_table
    }
    let (from_unique, to_unique) = (unique_indexes(from), unique_indexes(to));
    let keys = |schema: &Schema, unique: &BTreeMap<&str, Vec<&str>>, table: &str| -> Vec<String> {
        let mut keys: Vec<String> = schema.tables[table]
            .constraints
            .values()
            .filter(|c| {
                !matches!(
                    c.kind,
                    ConstraintKind::ForeignKey
                        | ConstraintKind::Check
                        | ConstraintKind::NotNullNotValid
                )
            })
            .map(|c| format!("{} {}", c.name, c.definition))
            .collect();
        keys.extend(
            unique
                .get(table)
                .into_iter()
                .flatten()
                .map(|d| d.to_string()),
        );
        keys.sort();
        keys
    };
    from.tables
        .keys()
        .filter(|name| {
            to.tables.contains_key(*name)
                && keys(from, &from_unique, name) != keys(to, &to_unique, name)
        })
        .cloned()
        .collect()
}
