//! SQLite statements for [`SqliteOp`]s.
//!
//! A rebuild follows https://www.sqlite.org/lang_altertable.html#otheralter:
//! create the new table under a temporary name, copy the common columns,
//! drop the old table, rename the new one into place; its indexes,
//! triggers and the views over it are separate ops around it. Then the
//! foreign keys of the rebuilt tables, and of the tables that refer to
//! them, are checked, and a violation fails the migration.
//!
//! retort's SQLite enforces foreign keys (the bundled library is built
//! with them on), and with enforcement on, dropping a table that others
//! refer to runs their ON DELETE actions: a rebuild would cascade-delete
//! the children's rows. Enforcement cannot be switched off inside a
//! transaction, so a section that rebuilds such a table runs outside the
//! runner's transaction, switches enforcement off, and opens and commits a
//! transaction of its own.

use super::ops::SqliteOp;
use crate::autogen::sqlite::model::{key, SqliteTable};
use crate::autogen::sqlite::tokens::{literal, quote, with_name};
use std::collections::BTreeSet;

/// The statements of `ops`, in order, with the foreign-key check after the
/// last table change when any table is rebuilt.
pub fn render_statements(ops: &[SqliteOp]) -> Vec<String> {
    let mut checked: BTreeSet<String> = BTreeSet::new();
    let mut last_table_op = None;
    for (i, op) in ops.iter().enumerate() {
        if let SqliteOp::RebuildTable {
            to, referenced_by, ..
        } = op
        {
            // Only tables with foreign keys of their own can break one.
            if !to.references.is_empty() {
                checked.insert(to.name.clone());
            }
            checked.extend(referenced_by.iter().cloned());
            last_table_op = Some(i);
        }
    }
    let mut out = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        out.extend(render_op(op));
        if Some(i) == last_table_op && !checked.is_empty() {
            out.extend(foreign_key_check(&checked));
        }
    }
    if needs_own_transaction(ops) {
        let mut wrapped = vec![
            "PRAGMA foreign_keys = OFF;".to_string(),
            "BEGIN;".to_string(),
        ];
        wrapped.append(&mut out);
        wrapped.push("COMMIT;".to_string());
        wrapped.push("PRAGMA foreign_keys = ON;".to_string());
        return wrapped;
    }
    out
}

/// A table that other tables refer to is rebuilt (see the module
/// comment), or one that refers to itself: the new table's rows refer to
/// the old table while it is dropped, so its ON DELETE actions would hit
/// the copied rows.
pub fn needs_own_transaction(ops: &[SqliteOp]) -> bool {
    ops.iter().any(|op| match op {
        SqliteOp::RebuildTable {
            from,
            to,
            referenced_by,
            ..
        } => {
            !referenced_by.is_empty()
                || from.references.contains(&key(&from.name))
                || to.references.contains(&key(&to.name))
        }
        _ => false,
    })
}

pub fn render_op(op: &SqliteOp) -> Vec<String> {
    use SqliteOp::*;
    match op {
        CreateTable(t) => vec![statement(&t.sql)],
        DropTable(t) => vec![format!("DROP TABLE {};", quote(&t.name))],
        AddColumn { table, column } => vec![format!(
            "ALTER TABLE {} ADD COLUMN {};",
            quote(table),
            column.source
        )],
        DropColumn { table, column } => vec![format!(
            "ALTER TABLE {} DROP COLUMN {};",
            quote(table),
            quote(&column.name)
        )],
        RenameTable { from, to } => vec![format!(
            "ALTER TABLE {} RENAME TO {};",
            quote(from),
            quote(to)
        )],
        RenameColumn { table, from, to } => vec![format!(
            "ALTER TABLE {} RENAME COLUMN {} TO {};",
            quote(table),
            quote(from),
            quote(to)
        )],
        RebuildTable {
            from,
            to,
            temp_name,
            ..
        } => rebuild(from, to, temp_name),
        CreateIndex(i) => vec![statement(&i.sql)],
        DropIndex(i) => vec![format!("DROP INDEX {};", quote(&i.name))],
        CreateView(v) => vec![statement(&v.sql)],
        DropView(v) => vec![format!("DROP VIEW {};", quote(&v.name))],
        CreateTrigger(t) => vec![statement(&t.sql)],
        DropTrigger(t) => vec![format!("DROP TRIGGER {};", quote(&t.name))],
    }
}

fn statement(sql: &str) -> String {
    format!("{};", sql.trim_end().trim_end_matches(';'))
}

fn rebuild(from: &SqliteTable, to: &SqliteTable, temp_name: &str) -> Vec<String> {
    // Generated columns compute themselves and cannot be inserted into.
    let common: Vec<(&str, &str)> = to
        .columns
        .iter()
        .filter(|c| !c.generated)
        .filter_map(|c| {
            from.column(&c.name)
                .filter(|old| !old.generated)
                .map(|old| (c.name.as_str(), old.name.as_str()))
        })
        .collect();
    let mut out = vec![
        format!(
            "-- rebuild {}: SQLite's ALTER TABLE cannot make this change",
            to.name
        ),
        statement(&with_name(&to.sql, temp_name)),
    ];
    if !common.is_empty() {
        let mut into: Vec<String> = common.iter().map(|(new, _)| quote(new)).collect();
        let mut select: Vec<String> = common.iter().map(|(_, old)| quote(old)).collect();
        // Implicit rowids are kept too: something may refer to them (an
        // FTS index's external content, the application).
        if keeps_rowid(from) && keeps_rowid(to) {
            into.insert(0, "rowid".to_string());
            select.insert(0, "rowid".to_string());
        }
        out.push(format!(
            "INSERT INTO {} ({}) SELECT {} FROM {};",
            quote(temp_name),
            into.join(", "),
            select.join(", "),
            quote(&from.name)
        ));
    }
    out.push(format!("DROP TABLE {};", quote(&from.name)));
    out.push(format!(
        "ALTER TABLE {} RENAME TO {};",
        quote(temp_name),
        quote(&to.name)
    ));
    out
}

/// A table with a rowid that `rowid` names: not WITHOUT ROWID, no column
/// of that name, and either an ordinary table or a full-text one.
fn keeps_rowid(table: &SqliteTable) -> bool {
    let ordinary_or_fts = match &table.virtual_table {
        None => true,
        Some(shape) => shape.starts_with("create virtual table using fts"),
    };
    ordinary_or_fts
        && !table.options.iter().any(|o| o == "without rowid")
        && table.column("rowid").is_none()
}

/// Fails the migration when any of `tables` has a row whose foreign key
/// finds no parent. `pragma_foreign_key_check` only reports, and RAISE()
/// works only in triggers, so the count goes into a temporary table whose
/// CHECK refuses anything but zero; the constraint's name is the message.
fn foreign_key_check(tables: &BTreeSet<String>) -> Vec<String> {
    let counts: Vec<String> = tables
        .iter()
        .map(|t| {
            format!(
                "(SELECT count(*) FROM pragma_foreign_key_check({}))",
                literal(t)
            )
        })
        .collect();
    vec![
        "-- the rebuilt tables' foreign keys must all still find their rows".to_string(),
        "CREATE TEMP TABLE retort_foreign_key_check (violations INTEGER \
         CONSTRAINT \"foreign key violations after rebuilding tables (see PRAGMA foreign_key_check)\" \
         CHECK (violations = 0));"
            .to_string(),
        format!(
            "INSERT INTO retort_foreign_key_check SELECT {};",
            counts.join(" + ")
        ),
        "DROP TABLE retort_foreign_key_check;".to_string(),
    ]
}
