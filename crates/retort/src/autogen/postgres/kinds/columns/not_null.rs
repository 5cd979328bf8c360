//! Names of NOT NULL constraints (PostgreSQL 18 keeps them in
//! `pg_constraint`): written where a column is made when they are not the
//! name PostgreSQL would give, renamed when they differ, and left out of
//! the comparison when one side's server does not name them.

use crate::autogen::postgres::model::{Column, ConstraintKind, Schema};
use std::borrow::Cow;

/// PostgreSQL's identifiers are at most this many bytes.
const NAME_MAX: usize = 63;

/// `from` and `to` with the NOT NULL constraints' names, or, when either
/// server does not name them, both without: a name one side cannot have is
/// no difference.
pub fn comparable<'a>(from: &'a Schema, to: &'a Schema) -> (Cow<'a, Schema>, Cow<'a, Schema>) {
    // Both with names, or both without (a server that does not name them
    // gives none): nothing to take away.
    if from.not_null_names == to.not_null_names {
        return (Cow::Borrowed(from), Cow::Borrowed(to));
    }
    (Cow::Owned(without_names(from)), Cow::Owned(without_names(to)))
}

/// The schema as a server without names sees it: also without NOT VALID
/// NOT NULL constraints, which such a server cannot make; their columns
/// count as NOT NULL (as `attnotnull` says).
fn without_names(schema: &Schema) -> Schema {
    let mut schema = schema.clone();
    // Comments on NOT NULL constraints go with the names: an older server
    // has nothing to put them on.
    let on_not_null: Vec<String> = schema
        .comments
        .keys()
        .filter(|key| {
            key.strip_prefix("CONSTRAINT ")
                .and_then(|rest| rest.split_once(" ON "))
                .is_some_and(|(name, table)| schema.has_not_null_constraint(table, name))
        })
        .cloned()
        .collect();
    for key in on_not_null {
        schema.comments.remove(&key);
    }
    schema.not_null_names = false;
    let mut comments = std::mem::take(&mut schema.comments);
    for table in schema.tables.values_mut() {
        table.partition_not_null_names.clear();
        let not_valid: Vec<String> = table
            .constraints
            .values()
            .filter(|c| c.kind == ConstraintKind::NotNullNotValid)
            .map(|c| c.name.clone())
            .collect();
        for name in not_valid {
            let constraint = table.constraints.remove(&name).expect("listed");
            comments.remove(&format!("CONSTRAINT {name} ON {}", table.name));
            // `NOT NULL column NOT VALID`, as pg_get_constraintdef writes it.
            let column = constraint
                .definition
                .strip_prefix("NOT NULL ")
                .and_then(|rest| rest.strip_suffix(" NOT VALID"))
                .unwrap_or_default();
            if let Some(column) = table.columns.get_mut(column) {
                column.not_null = true;
            }
        }
        for column in table.columns.values_mut() {
            column.not_null_name = None;
        }
    }
    schema.comments = comments;
    schema
}

/// The identifier as PostgreSQL stores it: quotes taken off.
fn unquoted(identifier: &str) -> String {
    match identifier
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    {
        Some(inner) => inner.replace("\"\"", "\""),
        None => identifier.to_string(),
    }
}

/// True when `name` is what PostgreSQL names the NOT NULL constraint of
/// `column` on `table` (qualified) that no one named: `<table>_<column>_not_null`.
/// A default too long for an identifier is truncated by rules not
/// imitated here: such a name counts as chosen, and is written out.
pub fn is_default_name(table: &str, column: &str, name: &str) -> bool {
    let table = crate::autogen::postgres::text::bare(table);
    let default = format!("{}_{}_not_null", unquoted(table), unquoted(column));
    default.len() <= NAME_MAX && unquoted(name) == default
}

/// The column's NOT NULL clause: named when the name is not the default,
/// so that the column gets exactly the name the target has. (Servers
/// before 18 accept the name and ignore it.)
pub fn clause(table: &str, column: &Column) -> String {
    match &column.not_null_name {
        Some(name) if !is_default_name(table, &column.name, name) => {
            format!("CONSTRAINT {name} NOT NULL")
        }
        _ => "NOT NULL".to_string(),
    }
}

/// The statement that makes an existing column NOT NULL. `SET NOT NULL`
/// names the constraint by default (or, should that name be taken, by
/// default with a number), so a target with another name gets
/// `ADD CONSTRAINT name NOT NULL column` instead: the same check of the
/// rows in one statement, with exactly the name, where renaming after
/// `SET NOT NULL` would have to guess what PostgreSQL chose. Only servers
/// that name the constraints ever see it: `to.not_null_name` is only set
/// when both sides have names (see [`comparable`]).
pub fn set_not_null(table: &str, to: &Column) -> String {
    match &to.not_null_name {
        Some(name) if !is_default_name(table, &to.name, name) => {
            format!("ALTER TABLE {table} ADD CONSTRAINT {name} NOT NULL {};", to.name)
        }
        _ => format!("ALTER TABLE {table} ALTER COLUMN {} SET NOT NULL;", to.name),
    }
}

/// The rename of a kept NOT NULL constraint whose name differs on the two
/// sides, when both have one.
pub fn rename(table: &str, from: &Column, to: &Column) -> Option<String> {
    match (&from.not_null_name, &to.not_null_name) {
        (Some(old), Some(new)) if from.not_null && to.not_null && old != new => Some(format!(
            "ALTER TABLE {table} RENAME CONSTRAINT {old} TO {new};"
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names_follow_the_table_and_column() {
        assert!(is_default_name("public.t", "id", "t_id_not_null"));
        assert!(is_default_name(
            "app.\"My T\"",
            "\"Col\"",
            "\"My T_Col_not_null\""
        ));
        assert!(!is_default_name("public.t", "id", "t_id_not_null1"));
        assert!(!is_default_name("public.t2", "id", "t_id_not_null"));
        let long = "a".repeat(60);
        assert!(!is_default_name(
            &format!("public.{long}"),
            "id",
            &format!("{long}_id_not_null")
        ));
    }
}
