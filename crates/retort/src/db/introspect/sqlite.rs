//! Reading an SQLite database's schema: `sqlite_schema` for the objects and
//! their statements, `pragma_table_xinfo` for which columns are generated,
//! `pragma_foreign_key_list` for what each table refers to. Everything
//! else comes from the statements themselves (SQLite reports CHECK
//! constraints nowhere else).

use super::IntrospectOptions;
use crate::db::DbError;
use crate::schema::sqlite::tokens::shape_without_name;
use crate::schema::sqlite::{
    key, table_parts, SqliteColumn, SqliteIndex, SqliteSchema, SqliteTable, SqliteTrigger,
    SqliteView,
};
use rusqlite::Connection;
use std::collections::BTreeSet;

/// One row of `sqlite_schema`.
struct Entry {
    kind: String,
    name: String,
    table: String,
    sql: String,
    position: i64,
}

/// The `main` schema of the database on `conn`, without SQLite's own
/// objects (`sqlite_%`, virtual tables' shadow tables) and the tool tables.
pub fn introspect_sqlite(
    conn: &Connection,
    options: &IntrospectOptions,
) -> Result<SqliteSchema, DbError> {
    let excluded: BTreeSet<String> = options.exclude_tables.iter().map(|t| key(t)).collect();
    let shadow = shadow_tables(conn)?;
    let mut schema = SqliteSchema::default();
    for entry in entries(conn)? {
        if excluded.contains(&key(&entry.table)) || shadow.contains(&key(&entry.table)) {
            continue;
        }
        let shape = shape_without_name(&entry.sql);
        match entry.kind.as_str() {
            "table" => {
                let table = read_table(conn, entry)?;
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

fn failed(what: &str, e: rusqlite::Error) -> DbError {
    DbError::Message(format!("cannot read the SQLite schema ({what}): {e}"))
}

/// The objects with a statement; indexes SQLite makes for PRIMARY KEY and
/// UNIQUE constraints have none and come with their table.
fn entries(conn: &Connection) -> Result<Vec<Entry>, DbError> {
    let mut statement = conn
        .prepare(
            "SELECT type, name, tbl_name, sql, rowid FROM main.sqlite_master \
             WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
        )
        .map_err(|e| failed("sqlite_schema", e))?;
    let rows = statement
        .query_map([], |row| {
            Ok(Entry {
                kind: row.get(0)?,
                name: row.get(1)?,
                table: row.get(2)?,
                sql: row.get(3)?,
                position: row.get(4)?,
            })
        })
        .map_err(|e| failed("sqlite_schema", e))?;
    rows.collect::<Result<Vec<_>, _>>()
        .map_err(|e| failed("sqlite_schema", e))
}

/// Tables a virtual table keeps its data in: they come and go with it.
fn shadow_tables(conn: &Connection) -> Result<BTreeSet<String>, DbError> {
    let mut statement = conn
        .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'")
        .map_err(|e| failed("pragma_table_list", e))?;
    let rows = statement
        .query_map([], |row| row.get::<_, String>(0))
        .map_err(|e| failed("pragma_table_list", e))?;
    rows.map(|r| r.map(|name| key(&name)))
        .collect::<Result<_, _>>()
        .map_err(|e| failed("pragma_table_list", e))
}

fn read_table(conn: &Connection, entry: Entry) -> Result<SqliteTable, DbError> {
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
    let declared = declared_columns(conn, &table.name)?;
    let Some(parts) = parts else {
        // CREATE VIRTUAL TABLE ... USING module(args): the whole statement
        // stands for it; the module reports the columns, to copy them.
        table.virtual_table = Some(shape_without_name(&table.sql));
        table.columns = declared
            .into_iter()
            .filter(|(_, hidden)| *hidden != HIDDEN)
            .map(|(name, hidden)| SqliteColumn {
                source: crate::schema::sqlite::tokens::quote(&name),
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
    table.references = references(conn, &table.name)?;
    Ok(table)
}

/// `pragma_table_xinfo.hidden`: a virtual table's hidden column (such as
/// FTS5's rank), which cannot be inserted into.
const HIDDEN: i64 = 1;
/// `hidden` of 2 or 3: a generated column (virtual or stored).
const GENERATED: i64 = 2;

/// (name, hidden) for each column, in the table's order.
fn declared_columns(conn: &Connection, table: &str) -> Result<Vec<(String, i64)>, DbError> {
    let mut statement = conn
        .prepare("SELECT name, hidden FROM pragma_table_xinfo(?1) ORDER BY cid")
        .map_err(|e| failed("pragma_table_xinfo", e))?;
    let rows = statement
        .query_map([table], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
        })
        .map_err(|e| failed("pragma_table_xinfo", e))?;
    rows.collect::<Result<_, _>>()
        .map_err(|e| failed("pragma_table_xinfo", e))
}

fn references(conn: &Connection, table: &str) -> Result<Vec<String>, DbError> {
    let mut statement = conn
        .prepare("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)")
        .map_err(|e| failed("pragma_foreign_key_list", e))?;
    let rows = statement
        .query_map([table], |row| row.get::<_, String>(0))
        .map_err(|e| failed("pragma_foreign_key_list", e))?;
    let mut names: Vec<String> = rows
        .map(|r| r.map(|n| key(&n)))
        .collect::<Result<_, _>>()
        .map_err(|e| failed("pragma_foreign_key_list", e))?;
    names.sort();
    names.dedup();
    Ok(names)
}
