//! The database-neutral schema model: every object with the full definition
//! needed to both create and drop it.
//!
//! Names are SQL as written: identifiers already quoted where the database
//! needs quotes, qualified names as `schema.name`. Definitions are the
//! database's own deparsed text, so two models compare equal exactly when
//! the database would describe both objects the same way.

pub mod sqlite;

use std::collections::{BTreeMap, BTreeSet};

/// A whole database's schema, keyed by qualified name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schema {
    pub schemas: BTreeSet<String>,
    pub extensions: BTreeMap<String, Extension>,
    pub enums: BTreeMap<String, Enum>,
    /// Sequences of their own (serial ones included); identity columns'
    /// sequences belong to their column and are not listed.
    pub sequences: BTreeMap<String, Sequence>,
    pub tables: BTreeMap<String, Table>,
    /// Indexes that no constraint owns (those come with their constraint).
    pub indexes: BTreeMap<String, Index>,
    pub views: BTreeMap<String, View>,
    /// Keyed by `schema.name(identity arguments)`.
    pub functions: BTreeMap<String, Function>,
    /// Keyed by `table name`.
    pub triggers: BTreeMap<String, Trigger>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    pub name: String,
    pub schema: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enum {
    pub name: String,
    /// The labels in sort order, unquoted.
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sequence {
    pub name: String,
    pub data_type: String,
    pub start: String,
    pub increment: String,
    pub min: String,
    pub max: String,
    pub cache: String,
    pub cycle: bool,
    pub owned_by: Option<ColumnRef>,
}

/// A column of a table: `table` qualified, `column` quoted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ColumnRef {
    pub table: String,
    pub column: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    pub columns: BTreeMap<String, Column>,
    pub constraints: BTreeMap<String, Constraint>,
    pub comment: Option<String>,
}

impl Table {
    /// Columns in the order the table defines them.
    pub fn ordered_columns(&self) -> Vec<&Column> {
        let mut columns: Vec<&Column> = self.columns.values().collect();
        columns.sort_by_key(|c| c.position);
        columns
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identity {
    Always,
    ByDefault,
}

#[derive(Debug, Clone, Eq)]
pub struct Column {
    pub name: String,
    pub data_type: String,
    pub not_null: bool,
    pub default: Option<String>,
    pub identity: Option<Identity>,
    /// The expression of a `GENERATED ALWAYS AS (...) STORED` column.
    pub generated: Option<String>,
    /// Only when it differs from the type's default collation.
    pub collation: Option<String>,
    pub comment: Option<String>,
    /// Where the column sits in its table. Not part of the comparison: no
    /// migration tool reorders columns, and `ADD COLUMN` appends.
    pub position: i32,
}

impl PartialEq for Column {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.data_type == other.data_type
            && self.not_null == other.not_null
            && self.default == other.default
            && self.identity == other.identity
            && self.generated == other.generated
            && self.collation == other.collation
            && self.comment == other.comment
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstraintKind {
    PrimaryKey,
    Unique,
    Check,
    ForeignKey,
    Exclusion,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constraint {
    pub name: String,
    pub kind: ConstraintKind,
    /// As `pg_get_constraintdef` writes it, e.g. `FOREIGN KEY (a) REFERENCES t(id) ON DELETE CASCADE`.
    pub definition: String,
    /// For foreign keys, the referenced table.
    pub references: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    pub name: String,
    pub table: String,
    /// The complete `CREATE INDEX` statement as `pg_get_indexdef` writes it.
    pub definition: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub name: String,
    pub materialized: bool,
    /// The query, without the trailing semicolon.
    pub definition: String,
    /// Tables and views the query reads.
    pub depends_on: BTreeSet<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    /// `schema.name(identity arguments)`, what DROP FUNCTION needs.
    pub signature: String,
    pub procedure: bool,
    /// The complete `CREATE OR REPLACE FUNCTION` statement.
    pub definition: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    pub name: String,
    pub table: String,
    /// The complete `CREATE TRIGGER` statement.
    pub definition: String,
}
