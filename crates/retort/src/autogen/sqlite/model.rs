//! The schema of an SQLite database. SQLite describes its objects by the
//! `CREATE` statement each was made with (kept as written, and edited in
//! place by `ALTER TABLE`), so this model keeps that statement for
//! creating the object again, and a normalised form of its parts for
//! comparing: two definitions are the same when they differ only in
//! spacing, comments, letter case or quoting of names, or in the order of
//! a table's columns and constraints.

use super::tokens::{self, normalise, tokenize, Kind, Token};
use std::collections::BTreeMap;

/// Keyed by lowercased name, as SQLite compares names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SqliteSchema {
    pub tables: BTreeMap<String, SqliteTable>,
    pub indexes: BTreeMap<String, SqliteIndex>,
    pub views: BTreeMap<String, SqliteView>,
    pub triggers: BTreeMap<String, SqliteTrigger>,
}

/// The key an object is stored under.
pub fn key(name: &str) -> String {
    name.to_lowercase()
}

#[derive(Debug, Clone)]
pub struct SqliteTable {
    pub name: String,
    /// The `CREATE TABLE` statement as SQLite keeps it.
    pub sql: String,
    /// In the table's order.
    pub columns: Vec<SqliteColumn>,
    /// Table constraints (`PRIMARY KEY (...)`, `CHECK (...)`, `FOREIGN
    /// KEY ...`), normalised and sorted.
    pub constraints: Vec<String>,
    /// `WITHOUT ROWID`, `STRICT`, normalised and sorted.
    pub options: Vec<String>,
    /// `CREATE VIRTUAL TABLE`: compared as a whole, never altered.
    pub virtual_table: Option<String>,
    /// Lowercased names of the tables this one's foreign keys refer to.
    pub references: Vec<String>,
    /// Its place in `sqlite_schema`, to create tables in the same order.
    pub position: i64,
}

impl PartialEq for SqliteTable {
    /// Same name and same parts; the column order, the statement's
    /// spelling and the position do not count.
    fn eq(&self, other: &Self) -> bool {
        let columns = |t: &SqliteTable| -> BTreeMap<String, (String, bool)> {
            t.columns
                .iter()
                .map(|c| (key(&c.name), (c.definition.clone(), c.generated)))
                .collect()
        };
        key(&self.name) == key(&other.name)
            && columns(self) == columns(other)
            && self.constraints == other.constraints
            && self.options == other.options
            && self.virtual_table == other.virtual_table
    }
}

impl Eq for SqliteTable {}

impl SqliteTable {
    pub fn column(&self, name: &str) -> Option<&SqliteColumn> {
        self.columns.iter().find(|c| key(&c.name) == key(name))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqliteColumn {
    pub name: String,
    /// Everything after the name (type and column constraints), normalised.
    pub definition: String,
    /// The definition as written, name included: what `ADD COLUMN` takes.
    pub source: String,
    /// A generated column, which cannot be copied into.
    pub generated: bool,
}

#[derive(Debug, Clone)]
pub struct SqliteIndex {
    pub name: String,
    pub table: String,
    pub sql: String,
    /// The statement without its name, normalised.
    pub shape: String,
}

impl PartialEq for SqliteIndex {
    fn eq(&self, other: &Self) -> bool {
        key(&self.name) == key(&other.name)
            && key(&self.table) == key(&other.table)
            && self.shape == other.shape
    }
}

impl Eq for SqliteIndex {}

#[derive(Debug, Clone)]
pub struct SqliteView {
    pub name: String,
    pub sql: String,
    pub shape: String,
    /// Views may read views: they are created in their database's order.
    pub position: i64,
}

impl PartialEq for SqliteView {
    fn eq(&self, other: &Self) -> bool {
        key(&self.name) == key(&other.name) && self.shape == other.shape
    }
}

impl Eq for SqliteView {}

#[derive(Debug, Clone)]
pub struct SqliteTrigger {
    pub name: String,
    /// The table or view it fires on.
    pub table: String,
    pub sql: String,
    pub shape: String,
    pub position: i64,
}

impl PartialEq for SqliteTrigger {
    fn eq(&self, other: &Self) -> bool {
        key(&self.name) == key(&other.name)
            && key(&self.table) == key(&other.table)
            && self.shape == other.shape
    }
}

impl Eq for SqliteTrigger {}

/// The parts of a `CREATE TABLE` statement.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableParts {
    /// (lowercased name, normalised definition after the name, source text).
    pub columns: Vec<(String, String, String)>,
    pub constraints: Vec<String>,
    pub options: Vec<String>,
}

/// Words that start a table constraint rather than a column definition.
const CONSTRAINT_WORDS: [&str; 5] = ["constraint", "primary", "unique", "check", "foreign"];

/// Splits a `CREATE TABLE name (...) options` statement into its column
/// definitions, table constraints and options. None when the statement
/// has no parenthesised body (SQLite always stores one).
pub fn table_parts(sql: &str) -> Option<TableParts> {
    let tokens = tokenize(sql);
    let (_, name_end) = tokens::name_range(&tokens)?;
    let open = name_end;
    if !tokens.get(open)?.is_punct('(') {
        return None;
    }
    let mut parts = TableParts::default();
    let mut depth = 0usize;
    let mut item_start = open + 1;
    let mut close = None;
    for (i, t) in tokens.iter().enumerate().skip(open + 1) {
        if t.is_punct('(') {
            depth += 1;
        } else if t.is_punct(')') && depth > 0 {
            depth -= 1;
        } else if depth == 0 && (t.is_punct(',') || t.is_punct(')')) {
            add_item(&mut parts, sql, &tokens[item_start..i]);
            item_start = i + 1;
            if t.is_punct(')') {
                close = Some(i);
                break;
            }
        }
    }
    let close = close?;
    parts.options = tokens[close + 1..]
        .split(|t| t.is_punct(','))
        .filter(|o| !o.is_empty() && !o.iter().all(|t| t.is_punct(';')))
        .map(normalise)
        .collect();
    parts.options.sort();
    parts.constraints.sort();
    Some(parts)
}

fn add_item(parts: &mut TableParts, sql: &str, item: &[Token]) {
    let Some(first) = item.first() else {
        return;
    };
    if first.kind == Kind::Word && CONSTRAINT_WORDS.contains(&first.text.as_str()) {
        parts.constraints.push(normalise(item));
    } else {
        let last = item.last().unwrap_or(first);
        parts.columns.push((
            first.text.clone(),
            normalise(&item[1..]),
            sql[first.start..last.end].to_string(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_splits_into_columns_constraints_and_options() {
        let parts = table_parts(
            "CREATE TABLE \"t\" (id INTEGER PRIMARY KEY, b TEXT CHECK (length(b) > 0), \
             \"select\" NUMERIC(10, 2), CONSTRAINT c UNIQUE (b), FOREIGN KEY (b) REFERENCES u(x)) \
             STRICT, WITHOUT ROWID",
        )
        .unwrap();
        let names: Vec<&str> = parts.columns.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(names, ["id", "b", "select"]);
        assert_eq!(parts.columns[1].1, "text check ( length ( b ) > 0 )");
        assert_eq!(parts.columns[2].2, "\"select\" NUMERIC(10, 2)");
        assert_eq!(
            parts.constraints,
            [
                "constraint c unique ( b )",
                "foreign key ( b ) references u ( x )"
            ]
        );
        assert_eq!(parts.options, ["strict", "without rowid"]);
    }
}
