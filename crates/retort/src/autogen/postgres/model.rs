//! The database-neutral schema model: every object with the full definition
//! needed to both create and drop it.
//!
//! Names are SQL as written: identifiers already quoted where the database
//! needs quotes, qualified names as `schema.name`. Definitions are the
//! database's own deparsed text, so two models compare equal exactly when
//! the database would describe both objects the same way.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A whole database's schema, keyed by qualified name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    pub schemas: BTreeSet<String>,
    pub extensions: BTreeMap<String, Extension>,
    pub enums: BTreeMap<String, Enum>,
    pub domains: BTreeMap<String, Domain>,
    pub composites: BTreeMap<String, CompositeType>,
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
    /// Row-level security policies, keyed by `table name`.
    pub policies: BTreeMap<String, Policy>,
    /// Comments on objects other than tables and columns (those belong to
    /// their table), keyed by what `COMMENT ON` names: `VIEW public.v`,
    /// `INDEX public.i`, `FUNCTION public.f(integer)`, `CONSTRAINT c ON public.t`.
    pub comments: BTreeMap<String, String>,
    /// The server names NOT NULL constraints (PostgreSQL 18 and later keep
    /// them in `pg_constraint`). The names are compared only when both
    /// sides have them: a server without them has nothing to compare.
    #[serde(default)]
    pub not_null_names: bool,
}

impl Schema {
    /// True when `table` has a NOT NULL constraint called `name` (a quoted
    /// identifier), on servers that name them: its own column's, or, for
    /// a partition, its own name or one it carries from a parent.
    pub fn has_not_null_constraint(&self, table: &str, name: &str) -> bool {
        let mut current = self.tables.get(table);
        for _ in 0..=self.tables.len() {
            let Some(t) = current else {
                return false;
            };
            let named = |n: &Option<String>| n.as_deref() == Some(name);
            if t.columns.values().any(|c| named(&c.not_null_name))
                || t.partition_not_null_names.values().any(|n| n == name)
            {
                return true;
            }
            current = t.partition_of.as_ref().and_then(|of| self.tables.get(&of.parent));
        }
        false
    }
}

/// `CREATE DOMAIN`: a base type with a default, NOT NULL and checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    pub name: String,
    pub data_type: String,
    pub default: Option<String>,
    pub not_null: bool,
    pub collation: Option<String>,
    /// Check constraints by name, as `pg_get_constraintdef` writes them.
    pub checks: BTreeMap<String, String>,
}

/// `CREATE TYPE ... AS (...)`: attributes in order, as `name type [COLLATE c]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompositeType {
    pub name: String,
    pub attributes: Vec<Attribute>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribute {
    pub name: String,
    pub data_type: String,
    pub collation: Option<String>,
}

/// `CREATE POLICY`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub name: String,
    pub table: String,
    pub permissive: bool,
    /// ALL, SELECT, INSERT, UPDATE or DELETE.
    pub command: String,
    /// Quoted role names, or `PUBLIC`.
    pub roles: Vec<String>,
    pub using: Option<String>,
    pub with_check: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub name: String,
    pub schema: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enum {
    pub name: String,
    /// The labels in sort order, unquoted.
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ColumnRef {
    pub table: String,
    pub column: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub name: String,
    pub columns: BTreeMap<String, Column>,
    pub constraints: BTreeMap<String, Constraint>,
    pub comment: Option<String>,
    /// `ENABLE ROW LEVEL SECURITY`, and `FORCE` for the table's owner too.
    pub row_security: bool,
    pub force_row_security: bool,
    /// `PARTITION BY ...` of a partitioned table, as `pg_get_partkeydef` writes it.
    pub partition_by: Option<String>,
    /// The parent and bound of a partition. A partition's columns and the
    /// constraints, indexes and triggers it inherits are its parent's and are
    /// not listed on it.
    pub partition_of: Option<PartitionOf>,
    /// A partition's NOT NULL constraints (on servers that name them)
    /// whose name is not the one its parent has on the same column, by
    /// column. The others carry the parent's name, which a partition
    /// created with `PARTITION OF` takes.
    #[serde(default)]
    pub partition_not_null_names: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionOf {
    pub parent: String,
    /// `FOR VALUES ...` or `DEFAULT`.
    pub bound: String,
}

impl Table {
    /// Columns in the order the table defines them.
    pub fn ordered_columns(&self) -> Vec<&Column> {
        let mut columns: Vec<&Column> = self.columns.values().collect();
        columns.sort_by_key(|c| c.position);
        columns
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Identity {
    Always,
    ByDefault,
}

#[derive(Debug, Clone, Eq, Serialize, Deserialize)]
pub struct Column {
    pub name: String,
    pub data_type: String,
    pub not_null: bool,
    /// The name of the column's NOT NULL constraint, on servers that name
    /// it (see [`Schema::not_null_names`]); `None` when the column is
    /// nullable, the server does not name it, or it is inherited (its name
    /// is the parent's, and changes only with it). PostgreSQL names it
    /// `<table>_<column>_not_null` when it is made and keeps the name
    /// through renames, as it does with other constraints.
    #[serde(default)]
    pub not_null_name: Option<String>,
    pub default: Option<String>,
    pub identity: Option<Identity>,
    /// Sequence options of an identity column that differ from the
    /// defaults, e.g. `START WITH 100 INCREMENT BY 10`.
    pub identity_options: Option<String>,
    /// The identity's sequence, `schema.name`. Not compared: PostgreSQL
    /// names it after the table and column when it is made, and keeps the
    /// name through renames, so only a rename's op looks at it.
    #[serde(default)]
    pub identity_sequence: Option<String>,
    /// The expression of a `GENERATED ALWAYS AS (...)` column.
    pub generated: Option<String>,
    /// A generated column computed when read (`VIRTUAL`, PostgreSQL 18's
    /// default) rather than stored.
    #[serde(default)]
    pub generated_virtual: bool,
    /// Only when it differs from the type's default collation.
    pub collation: Option<String>,
    pub comment: Option<String>,
    /// Where the column sits in its table. Not part of the comparison: no
    /// migration tool reorders columns, and `ADD COLUMN` appends.
    pub position: i32,
}

impl PartialEq for Column {
    fn eq(&self, other: &Self) -> bool {
        self.same_but_not_null_name(other) && self.not_null_name == other.not_null_name
    }
}

impl Column {
    /// Equal in all that matters to what reads the column (views,
    /// policies): its NOT NULL constraint's name does not.
    pub fn same_but_not_null_name(&self, other: &Self) -> bool {
        self.name == other.name
            && self.data_type == other.data_type
            && self.not_null == other.not_null
            && self.default == other.default
            && self.identity == other.identity
            && self.identity_options == other.identity_options
            && self.generated == other.generated
            && self.generated_virtual == other.generated_virtual
            && self.collation == other.collation
            && self.comment == other.comment
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConstraintKind {
    PrimaryKey,
    Unique,
    Check,
    ForeignKey,
    Exclusion,
    /// A NOT NULL constraint not validated (PostgreSQL 18's `NOT VALID`):
    /// rows from before it may hold NULL. A valid one is its column's
    /// `not_null`.
    NotNullNotValid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constraint {
    pub name: String,
    pub kind: ConstraintKind,
    /// As `pg_get_constraintdef` writes it, e.g. `FOREIGN KEY (a) REFERENCES t(id) ON DELETE CASCADE`.
    pub definition: String,
    /// For foreign keys, the referenced table.
    pub references: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub name: String,
    pub table: String,
    /// The complete `CREATE INDEX` statement as `pg_get_indexdef` writes it.
    pub definition: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    pub name: String,
    pub materialized: bool,
    /// The query, without the trailing semicolon.
    pub definition: String,
    /// Tables and views the query reads.
    pub depends_on: BTreeSet<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Function {
    /// `schema.name(identity arguments)`, what DROP FUNCTION needs.
    pub signature: String,
    pub procedure: bool,
    /// What CREATE OR REPLACE cannot change: the result type and the
    /// argument names (`pg_get_function_result`, `pg_get_function_arguments`).
    pub result: String,
    pub arguments: String,
    /// The complete `CREATE OR REPLACE FUNCTION` statement.
    pub definition: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    pub name: String,
    pub table: String,
    /// The complete `CREATE TRIGGER` statement.
    pub definition: String,
}

impl Function {
    /// True when `CREATE OR REPLACE` can turn `self` into `other`: PostgreSQL
    /// refuses to change the result type, an argument's name or mode, or to
    /// take a default away; those need DROP and CREATE.
    pub fn replaceable_by(&self, other: &Function) -> bool {
        if self.result != other.result || self.procedure != other.procedure {
            return false;
        }
        let (old, new) = (arguments(&self.arguments), arguments(&other.arguments));
        old.len() == new.len()
            && old
                .iter()
                .zip(&new)
                .all(|((a, a_default), (b, b_default))| a == b && (*b_default || !*a_default))
    }
}

/// Each argument without its default, and whether it had one.
fn arguments(list: &str) -> Vec<(String, bool)> {
    let mut parts = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    for (i, ch) in list.char_indices() {
        match ch {
            '\'' | '"' => quoted = !quoted,
            '(' | '[' if !quoted => depth += 1,
            ')' | ']' if !quoted => depth -= 1,
            ',' if !quoted && depth == 0 => {
                parts.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&list[start..]);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| match p.find(" DEFAULT ") {
            Some(at) => (p[..at].to_string(), true),
            None => (p.to_string(), false),
        })
        .collect()
}
