//! Reading an SQLite database's schema: `sqlite_schema` for the objects and
//! their statements, `pragma_table_xinfo` for which columns are generated,
//! `pragma_foreign_key_list` for what each table refers to. Everything
//! else comes from the statements themselves (SQLite reports CHECK
//! constraints nowhere else).

use crate::autogen::sqlite::model::{
    key, table_parts, SqliteColumn, SqliteIndex, SqliteSchema, SqliteTable, SqliteTrigger,
    SqliteView,
};
use crate::autogen::sqlite::tokens::shape_without_name;
use crate::autogen::IntrospectOptions;
use crate::db::{Database, DbError, SqlValue};
use crate::tr;
use std::collections::BTreeSet;

/// One row of `sqlite_schema`.
struct Entry {
    kind: String,
    name: String,
    table: String,
    sql: String,
    position: i64,
}

/// The `main` schema of the database `db` is connected to, without SQLite's own
/// objects (`sqlite_%`, virtual tables' shadow tables) and the tool tables.
pub fn introspect_sqlite(
    db: &mut dyn Database,
    options: &IntrospectOptions,
) -> Result<SqliteSchema, DbError> {
    let excluded: BTreeSet<String> = options.exclude_tables.iter().map(|t| key(t)).collect();
    let shadow = shadow_tables(db)?;
    let mut schema = SqliteSchema::default();
    for entry in entries(db)? {
        if excluded.contains(&key(&entry.table)) || shadow.contains(&key(&entry.table)) {
            continue;
        }
        let shape = shape_without_name(&entry.sql);
        match entry.kind.as_str() {
            "table" => {
                let table = read_table(db, entry)?;
                schema.tables.insert(key(&table.name), table);
            }
            "index" => {
                schema.indexes.insert(
                    key(&entry.name),
                    SqliteIndex {
                        name: entry.name,
                        table: entry.table,
                        sql: entry.sql,
                        shape,
                    },
                );
            }
            "view" => {
                schema.views.insert(
                    key(&entry.name),
                    SqliteView {
                        name: entry.name,
                        sql: entry.sql,
                        shape,
                        position: entry.position,
                    },
                );
            }
            "trigger" => {
                schema.triggers.insert(
                    key(&entry.name),
                    SqliteTrigger {
                        name: entry.name,
                        table: entry.table,
                        sql: entry.sql,
                        shape,
                        position: entry.position,
                    },
                );
            }
            _ => {}
        }
    }
    Ok(schema)
}

type Row = Vec<Option<String>>;

/// Runs one catalog query through the `Database` trait; every value is text.
fn query(
    db: &mut dyn Database,
    what: &str,
    sql: &str,
    params: &[SqlValue],
) -> Result<Vec<Row>, DbError> {
    db.query_text(sql, params)
        .map_err(|e| {
            DbError::Message(tr!(
                "autogen-sqlite-schema-read-failed",
                what = what,
                error = e.to_string()
            ))
        })
}

fn text(row: &Row, i: usize) -> String {
    row.get(i).cloned().flatten().unwrap_or_default()
}

fn number(row: &Row, i: usize) -> i64 {
    text(row, i).parse().unwrap_or_default()
}

/// The objects with a statement; indexes SQLite makes for PRIMARY KEY and
/// UNIQUE constraints have none and come with their table.
fn entries(db: &mut dyn Database) -> Result<Vec<Entry>, DbError> {
    let rows = query(
        db,
        "sqlite_schema",
        "SELECT type, name, tbl_name, sql, rowid FROM main.sqlite_master \
         WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
        &[],
    )?;
    Ok(rows
        .iter()
        .map(|row| Entry {
            kind: text(row, 0),
            name: text(row, 1),
            table: text(row, 2),
            sql: text(row, 3),
            position: number(row, 4),
        })
        .collect())
}

/// Tables a virtual table keeps its data in: they come and go with it.
fn shadow_tables(db: &mut dyn Database) -> Result<BTreeSet<String>, DbError> {
    let rows = query(
        db,
        "pragma_table_list",
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'",
        &[],
    )?;
    Ok(rows.iter().map(|row| key(&text(row, 0))).collect())
}

fn read_table(db: &mut dyn Database, entry: Entry) -> Result<SqliteTable, DbError> {
    let mut table = SqliteTable {
        name: entry.name,
        sql: entry.sql,
        columns: Vec::new(),
        constraints: Vec::new(),
        options: Vec::new(),
        virtual_table: None,
        references: Vec::new(),
        position: entry.position,
    };
    let parts = table_parts(&table.sql);
    // The pragma spells each name as declared; the statement may quote it.
    let declared = declared_columns(db, &table.name)?;
    let Some(parts) = parts else {
        // CREATE VIRTUAL TABLE ... USING module(args): the whole statement
        // stands for it; the module reports the columns, to copy them.
        table.virtual_table = Some(shape_without_name(&table.sql));
        table.columns = declared
            .into_iter()
            .filter(|(_, hidden)| *hidden != HIDDEN)
            .map(|(name, hidden)| SqliteColumn {
                source: crate::autogen::sqlite::tokens::quote(&name),
                name,
                definition: String::new(),
                generated: hidden >= GENERATED,
            })
            .collect();
        return Ok(table);
    };
    table.columns = parts
        .columns
        .into_iter()
        .map(|(name_key, definition, source)| {
            let found = declared.iter().find(|(n, _)| key(n) == name_key);
            SqliteColumn {
                name: found.map_or_else(|| name_key.clone(), |(n, _)| n.clone()),
                generated: found.is_some_and(|(_, hidden)| *hidden >= GENERATED),
                definition,
                source,
            }
        })
        .collect();
    table.constraints = parts.constraints;
    table.options = parts.options;
    table.references = references(db, &table.name)?;
    Ok(table)
}

/// `pragma_table_xinfo.hidden`: a virtual table's hidden column (such as
/// FTS5's rank), which cannot be inserted into.
const HIDDEN: i64 = 1;
/// `hidden` of 2 or 3: a generated column (virtual or stored).
const GENERATED: i64 = 2;

/// (name, hidden) for each column, in the table's order.
fn declared_columns(db: &mut dyn Database, table: &str) -> Result<Vec<(String, i64)>, DbError> {
    let rows = query(
        db,
        "pragma_table_xinfo",
        "SELECT name, hidden FROM pragma_table_xinfo(?1) ORDER BY cid",
        &[SqlValue::Text(table.to_string())],
    )?;
    Ok(rows
        .iter()
        .map(|row| (text(row, 0), number(row, 1)))
        .collect())
}

fn references(db: &mut dyn Database, table: &str) -> Result<Vec<String>, DbError> {
    let rows = query(
        db,
        "pragma_foreign_key_list",
        "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)",
        &[SqlValue::Text(table.to_string())],
    )?;
    let mut names: Vec<String> = rows.iter().map(|row| key(&text(row, 0))).collect();
    names.sort();
    names.dedup();
    Ok(names)
}
