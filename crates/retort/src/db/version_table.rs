//! The SQL that reads and writes Alembic's version table, shared by the
//! online runner and the offline (`--sql`) renderer so that both say the
//! same thing.

use crate::sql::{qualified_name, quote_ident, quote_literal};
use crate::url::Dialect;
use crate::version_op::VersionOp;

/// Where the version table lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionTable {
    pub name: String,
    pub schema: Option<String>,
}

impl VersionTable {
    pub fn new(name: &str, schema: Option<&str>) -> Self {
        VersionTable {
            name: name.to_string(),
            schema: schema.map(str::to_string),
        }
    }

    /// The table's name as SQL, schema-qualified and quoted where needed.
    pub fn qualified(&self) -> String {
        qualified_name(self.schema.as_deref(), &self.name)
    }

    /// Alembic's table, exactly: `version_num VARCHAR(32) NOT NULL` with the
    /// primary key named `<table>_pkc`.
    pub fn create_sql(&self, _dialect: Dialect) -> String {
        format!(
            "CREATE TABLE {} (\n    version_num VARCHAR(32) NOT NULL, \n    CONSTRAINT {} PRIMARY KEY (version_num)\n)",
            self.qualified(),
            quote_ident(&format!("{}_pkc", self.name))
        )
    }

    /// Refuses a table by the version table's name that is not one:
    /// Alembic's version table has exactly one column, `version_num`.
    /// Checked when the table is first read, before anything is written.
    pub fn check_columns(&self, columns: &[String]) -> Result<(), super::DbError> {
        if columns.len() == 1 && columns[0] == "version_num" {
            return Ok(());
        }
        let columns = if columns.is_empty() {
            crate::tr!("run-no-columns")
        } else {
            columns.join(", ")
        };
        Err(super::DbError::InvalidSetting(crate::tr!(
            "run-not-a-version-table",
            name = &self.name,
            table = self.qualified(),
            columns = columns
        )))
    }

    pub fn select_sql(&self) -> String {
        format!("SELECT version_num FROM {}", self.qualified())
    }

    /// The statement for one version-table change. Revision ids are
    /// `[A-Za-z0-9_]` only (checked when files are parsed), and are quoted
    /// as literals all the same.
    pub fn op_sql(&self, op: &VersionOp) -> String {
        let table = self.qualified();
        match op {
            VersionOp::Insert(rev) => {
                format!(
                    "INSERT INTO {table} (version_num) VALUES ({})",
                    quote_literal(rev)
                )
            }
            VersionOp::Delete(rev) => {
                format!(
                    "DELETE FROM {table} WHERE {table}.version_num = {}",
                    quote_literal(rev)
                )
            }
            VersionOp::Update { from, to } => format!(
                "UPDATE {table} SET version_num={} WHERE {table}.version_num = {}",
                quote_literal(to),
                quote_literal(from)
            ),
        }
    }

    pub fn purge_sql(&self) -> String {
        format!("DELETE FROM {}", self.qualified())
    }
}
