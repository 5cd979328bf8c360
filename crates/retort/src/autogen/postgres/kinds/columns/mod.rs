//! Columns of kept tables: added, dropped, altered in place, renamed on
//! request. A generated column's expression (or a change between generated
//! and plain) cannot be altered: the column is dropped and added.

mod convert;
mod identity;
pub mod not_null;

use crate::tr;
use super::comments::CommentKeys;
use crate::autogen::postgres::context::Context;
use crate::autogen::postgres::in_place::needs_rebuild;
use crate::autogen::postgres::model::*;
use crate::autogen::postgres::text::{comment_value, not_null_change};
use identity::{identity_clause, identity_settings, identity_value_within_bounds};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq)]
pub enum ColumnOp {
    Add {
        table: String,
        column: Column,
    },
    Drop {
        table: String,
        column: Column,
    },
    /// Boxed: two columns would make every op as large.
    Alter {
        table: String,
        from: Box<Column>,
        to: Box<Column>,
    },
    /// Only on request (`--rename`): never inferred.
    Rename {
        table: String,
        from: String,
        to: String,
    },
}

impl ColumnOp {
    pub fn inverse(&self) -> ColumnOp {
        match self.clone() {
            ColumnOp::Add { table, column } => ColumnOp::Drop { table, column },
            ColumnOp::Drop { table, column } => ColumnOp::Add { table, column },
            ColumnOp::Alter { table, from, to } => ColumnOp::Alter {
                table,
                from: to,
                to: from,
            },
            ColumnOp::Rename { table, from, to } => ColumnOp::Rename {
                table,
                from: to,
                to: from,
            },
        }
    }

    pub fn describe(&self) -> String {
        match self {
            ColumnOp::Add { table, column } => tr!(
                "autogen-add-column",
                column = format!("{table}.{}", column.name)
            ),
            ColumnOp::Drop { table, column } => tr!(
                "autogen-drop-column",
                column = format!("{table}.{}", column.name)
            ),
            ColumnOp::Alter { table, from, to } => tr!(
                "autogen-alter-column",
                column = format!("{table}.{}", to.name),
                changes = changes(from, to)
            ),
            ColumnOp::Rename { table, from, to } => tr!(
                "autogen-rename-column",
                column = format!("{table}.{from}"),
                to = to
            ),
        }
    }

    pub fn danger(&self) -> Option<String> {
        match self {
            ColumnOp::Drop { table, column } => Some(tr!(
                "autogen-danger-drop-column",
                column = format!("{table}.{}", column.name)
            )),
            ColumnOp::Add { table, column }
                if column.not_null
                    && column.default.is_none()
                    && column.identity.is_none()
                    && column.generated.is_none() =>
            {
                Some(tr!(
                    "autogen-danger-add-not-null-column",
                    column = format!("{table}.{}", column.name)
                ))
            }
            ColumnOp::Alter { table, from, to } => {
                let mut why = Vec::new();
                if from.data_type != to.data_type {
                    why.push(tr!(
                        "autogen-danger-column-type",
                        column = format!("{table}.{}", to.name),
                        from = &from.data_type,
                        to = &to.data_type
                    ));
                }
                if to.not_null && !from.not_null {
                    why.push(tr!(
                        "autogen-danger-set-not-null",
                        column = format!("{table}.{}", to.name)
                    ));
                }
                (!why.is_empty()).then(|| why.join(&tr!("autogen-clause-separator")))
            }
            _ => None,
        }
    }

    pub fn render(&self) -> Vec<String> {
        match self {
            ColumnOp::Add { table, column } => {
                let mut out = vec![format!(
                    "ALTER TABLE {table} ADD COLUMN {};",
                    definition(table, column)
                )];
                out.extend(comment_sql(table, column));
                out
            }
            ColumnOp::Drop { table, column } => {
                vec![format!("ALTER TABLE {table} DROP COLUMN {};", column.name)]
            }
            ColumnOp::Alter { table, from, to } => alter_column(table, from, to),
            ColumnOp::Rename { table, from, to } => {
                vec![format!("ALTER TABLE {table} RENAME COLUMN {from} TO {to};")]
            }
        }
    }

    pub(crate) fn comment_keys(&self, _: &mut CommentKeys) {}
}

/// What an ALTER changes, for its description.
fn changes(from: &Column, to: &Column) -> String {
    let mut what = Vec::new();
    if from.data_type != to.data_type {
        what.push(tr!(
            "autogen-column-type-change",
            from = &from.data_type,
            to = &to.data_type
        ));
    }
    if from.not_null != to.not_null {
        what.push(not_null_change(to.not_null).into());
    }
    if let (true, true, Some(old), Some(new)) = (
        from.not_null,
        to.not_null,
        &from.not_null_name,
        &to.not_null_name,
    ) {
        if old != new {
            what.push(tr!("autogen-not-null-renamed", from = old, to = new));
        }
    }
    if from.generated_virtual != to.generated_virtual {
        what.push(tr!("autogen-column-generated-kind"));
    }
    if from.default != to.default {
        what.push(tr!("autogen-column-default"));
    }
    if from.identity != to.identity {
        what.push(tr!("autogen-column-identity"));
    }
    if from.identity_options != to.identity_options {
        what.push(tr!("autogen-column-identity-options"));
    }
    if from.collation != to.collation {
        what.push(tr!("autogen-column-collation"));
    }
    if from.comment != to.comment {
        what.push(tr!("autogen-column-comment"));
    }
    what.join(&tr!("autogen-list-separator"))
}

/// Columns of kept tables that go or are rebuilt, last first.
pub fn drop_rebuilt<O: From<ColumnOp>>(cx: &Context) -> Vec<O> {
    let mut ops = Vec::new();
    for old in cx.from.tables.values() {
        let Some(new) = cx.to.tables.get(&old.name).filter(|_| cx.kept(&old.name)) else {
            continue;
        };
        for column in old.ordered_columns().into_iter().rev() {
            if needs_rebuild(column, new.columns.get(&column.name)) {
                ops.push(
                    ColumnOp::Drop {
                        table: old.name.clone(),
                        column: column.clone(),
                    }
                    .into(),
                );
            }
        }
    }
    ops
}

/// The columns `new` adds (or rebuilds) and alters, in its column order.
pub fn alter_table<O: From<ColumnOp>>(old: &Table, new: &Table) -> Vec<O> {
    let mut ops = Vec::new();
    for column in new.ordered_columns() {
        let before = old.columns.get(&column.name);
        if needs_rebuild_target(before, column) {
            ops.push(
                ColumnOp::Add {
                    table: new.name.clone(),
                    column: column.clone(),
                }
                .into(),
            );
        } else if let Some(before) = before {
            if before != column {
                ops.push(
                    ColumnOp::Alter {
                        table: new.name.clone(),
                        from: Box::new(before.clone()),
                        to: Box::new(column.clone()),
                    }
                    .into(),
                );
            }
        }
    }
    ops
}

/// [`needs_rebuild`] seen from the target side: a column added, or one
/// whose change PostgreSQL cannot make in place.
fn needs_rebuild_target(old: Option<&Column>, new: &Column) -> bool {
    match old {
        None => true,
        Some(old) => old.generated != new.generated || old.generated_virtual != new.generated_virtual,
    }
}

/// Tables whose columns change, or that go or are replaced.
pub fn tables_with_changed_columns(
    from: &Schema,
    to: &Schema,
    replaced: &BTreeSet<String>,
) -> BTreeSet<String> {
    from.tables
        .values()
        .filter(|old| {
            replaced.contains(&old.name)
                || to
                    .tables
                    .get(&old.name)
                    .is_none_or(|new| !same_columns(old, new))
        })
        .map(|t| t.name.clone())
        .collect()
}

/// The same columns as far as what reads the table sees: a NOT NULL
/// constraint's new name rebuilds no view.
fn same_columns(old: &Table, new: &Table) -> bool {
    old.columns.len() == new.columns.len()
        && old
            .columns
            .iter()
            .zip(&new.columns)
            .all(|((a_name, a), (b_name, b))| a_name == b_name && a.same_but_not_null_name(b))
}

/// The column of `table` as `CREATE TABLE` and `ADD COLUMN` write it.
pub fn definition(table: &str, c: &Column) -> String {
    let mut out = format!("{} {}", c.name, c.data_type);
    if let Some(collation) = &c.collation {
        out.push_str(&format!(" COLLATE {collation}"));
    }
    if let Some(expression) = &c.generated {
        let kind = if c.generated_virtual {
            "VIRTUAL"
        } else {
            "STORED"
        };
        out.push_str(&format!(" GENERATED ALWAYS AS ({expression}) {kind}"));
    }
    if let Some(identity) = c.identity {
        out.push(' ');
        out.push_str(&identity_clause(identity, &c.identity_options));
    }
    if let Some(default) = &c.default {
        out.push_str(&format!(" DEFAULT {default}"));
    }
    if c.not_null {
        out.push(' ');
        out.push_str(&not_null::clause(table, c));
    }
    out
}

/// The column's comment, set once the column exists.
pub fn comment_sql(table: &str, c: &Column) -> Option<String> {
    c.comment.as_ref().map(|_| {
        format!(
            "COMMENT ON COLUMN {table}.{} IS {};",
            c.name,
            comment_value(&c.comment)
        )
    })
}

/// Dropping the default first lets the type change; the new default is set
/// once the column has its new type.
fn alter_column(table: &str, from: &Column, to: &Column) -> Vec<String> {
    let alter = |what: String| format!("ALTER TABLE {table} ALTER COLUMN {} {what};", to.name);
    let mut out = Vec::new();
    let type_changes = from.data_type != to.data_type || from.collation != to.collation;
    let default_changes = from.default != to.default || type_changes;
    if from.identity.is_some() && to.identity.is_none() {
        out.push(alter("DROP IDENTITY".into()));
    }
    if from.default.is_some() && default_changes {
        out.push(alter("DROP DEFAULT".into()));
    }
    if type_changes {
        let collate = to
            .collation
            .as_ref()
            .map(|c| format!(" COLLATE {c}"))
            .unwrap_or_default();
        out.push(alter(format!(
            "TYPE {}{collate} USING {}",
            to.data_type,
            convert::using_expression(&to.name, &from.data_type, &to.data_type)
        )));
    }
    if let Some(default) = &to.default {
        if default_changes {
            out.push(alter(format!("SET DEFAULT {default}")));
        }
    }
    if to.not_null && !from.not_null {
        out.push(not_null::set_not_null(table, to));
    } else if from.not_null && !to.not_null {
        out.push(alter(not_null_change(false).to_string()));
    }
    out.extend(not_null::rename(table, from, to));
    match (from.identity, to.identity) {
        (None, Some(identity)) => out.push(alter(format!(
            "ADD {}",
            identity_clause(identity, &to.identity_options)
        ))),
        (Some(a), Some(b)) if a != b => out.push(alter(
            match b {
                Identity::Always => "SET GENERATED ALWAYS",
                Identity::ByDefault => "SET GENERATED BY DEFAULT",
            }
            .into(),
        )),
        _ => {}
    }
    if from.identity.is_some()
        && to.identity.is_some()
        && from.identity_options != to.identity_options
    {
        out.extend(identity_value_within_bounds(from, &to.identity_options));
        out.push(alter(identity_settings(&to.identity_options)));
    }
    if from.comment != to.comment {
        out.push(format!(
            "COMMENT ON COLUMN {table}.{} IS {};",
            to.name,
            comment_value(&to.comment)
        ));
    }
    out
}
