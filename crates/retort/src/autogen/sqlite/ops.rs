//! The changes autogenerate makes to an SQLite database. As for
//! PostgreSQL, each op carries both sides' full definitions and so knows
//! its inverse: the downgrade is the upgrade's inverses in reverse.

use crate::autogen::sqlite::model::{
    SqliteColumn, SqliteIndex, SqliteTable, SqliteTrigger, SqliteView,
};

#[derive(Debug, Clone, PartialEq)]
pub enum SqliteOp {
    CreateTable(SqliteTable),
    DropTable(SqliteTable),
    /// `ALTER TABLE ... ADD COLUMN`, for a column SQLite can add in place.
    AddColumn {
        table: String,
        column: SqliteColumn,
    },
    /// `ALTER TABLE ... DROP COLUMN`, for a column nothing else names.
    DropColumn {
        table: String,
        column: SqliteColumn,
    },
    /// Only on request (`--rename OLD=NEW`): never inferred. SQLite
    /// rewrites the foreign keys, views and triggers that name the table.
    RenameTable {
        from: String,
        to: String,
    },
    /// Only on request (`--rename`): never inferred.
    RenameColumn {
        table: String,
        from: String,
        to: String,
    },
    /// Every other change to a table: SQLite's ALTER TABLE cannot make it,
    /// so a new table is made under `temp_name`, the rows copied, the old
    /// table dropped and the new one renamed.
    RebuildTable {
        from: Box<SqliteTable>,
        to: Box<SqliteTable>,
        temp_name: String,
        /// Other tables whose foreign keys name this one: dropping it with
        /// enforcement on would run their ON DELETE actions.
        referenced_by: Vec<String>,
    },
    CreateIndex(SqliteIndex),
    DropIndex(SqliteIndex),
    CreateView(SqliteView),
    DropView(SqliteView),
    CreateTrigger(SqliteTrigger),
    DropTrigger(SqliteTrigger),
}

impl SqliteOp {
    pub fn inverse(&self) -> SqliteOp {
        use SqliteOp::*;
        match self {
            CreateTable(t) => DropTable(t.clone()),
            DropTable(t) => CreateTable(t.clone()),
            AddColumn { table, column } => DropColumn {
                table: table.clone(),
                column: column.clone(),
            },
            DropColumn { table, column } => AddColumn {
                table: table.clone(),
                column: column.clone(),
            },
            RenameTable { from, to } => RenameTable {
                from: to.clone(),
                to: from.clone(),
            },
            RenameColumn { table, from, to } => RenameColumn {
                table: table.clone(),
                from: to.clone(),
                to: from.clone(),
            },
            RebuildTable {
                from,
                to,
                temp_name,
                referenced_by,
            } => RebuildTable {
                from: to.clone(),
                to: from.clone(),
                temp_name: temp_name.clone(),
                referenced_by: referenced_by.clone(),
            },
            CreateIndex(i) => DropIndex(i.clone()),
            DropIndex(i) => CreateIndex(i.clone()),
            CreateView(v) => DropView(v.clone()),
            DropView(v) => CreateView(v.clone()),
            CreateTrigger(t) => DropTrigger(t.clone()),
            DropTrigger(t) => CreateTrigger(t.clone()),
        }
    }

    /// One line for `check` and the migration's header.
    pub fn describe(&self) -> String {
        use SqliteOp::*;
        match self {
            CreateTable(t) => format!("add table {}", t.name),
            DropTable(t) => format!("drop table {}", t.name),
            AddColumn { table, column } => format!("add column {table}.{}", column.name),
            DropColumn { table, column } => format!("drop column {table}.{}", column.name),
            RenameTable { from, to } => format!("rename table {from} to {to}"),
            RenameColumn { table, from, to } => {
                format!("rename column {table}.{from} to {to}")
            }
            RebuildTable { from, to, .. } => {
                format!("rebuild table {} ({})", to.name, rebuild_reason(from, to))
            }
            CreateIndex(i) => format!("add index {} on {}", i.name, i.table),
            DropIndex(i) => format!("drop index {} on {}", i.name, i.table),
            CreateView(v) => format!("add view {}", v.name),
            DropView(v) => format!("drop view {}", v.name),
            CreateTrigger(t) => format!("add trigger {} on {}", t.name, t.table),
            DropTrigger(t) => format!("drop trigger {} on {}", t.name, t.table),
        }
    }

    /// What applying the op may lose or refuse, for a `-- WARNING:` line.
    pub fn danger(&self) -> Option<String> {
        use SqliteOp::*;
        match self {
            DropTable(t) => Some(format!("drops table {} and all its rows", t.name)),
            DropColumn { table, column } => {
                Some(format!("drops column {table}.{} and its data", column.name))
            }
            RebuildTable { from, to, .. } => {
                let lost: Vec<&str> = from
                    .columns
                    .iter()
                    .filter(|c| to.column(&c.name).is_none())
                    .map(|c| c.name.as_str())
                    .collect();
                let mut text = format!(
                    "rebuilds table {} by copying its rows: rows that break the new \
                     definition (NOT NULL, CHECK, UNIQUE, foreign keys) make the migration fail",
                    to.name
                );
                if !lost.is_empty() {
                    text.push_str(&format!(
                        "; the data of dropped column(s) {} is lost",
                        lost.join(", ")
                    ));
                }
                Some(text)
            }
            _ => None,
        }
    }
}

/// What changed about a rebuilt table, in a few words.
fn rebuild_reason(from: &SqliteTable, to: &SqliteTable) -> String {
    let mut reasons = Vec::new();
    let names = |cs: Vec<&SqliteColumn>| {
        cs.iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let changed: Vec<&SqliteColumn> = to
        .columns
        .iter()
        .filter(|c| {
            from.column(&c.name)
                .is_some_and(|old| old.definition != c.definition || old.generated != c.generated)
        })
        .collect();
    let added: Vec<&SqliteColumn> = to
        .columns
        .iter()
        .filter(|c| from.column(&c.name).is_none())
        .collect();
    let dropped: Vec<&SqliteColumn> = from
        .columns
        .iter()
        .filter(|c| to.column(&c.name).is_none())
        .collect();
    if !changed.is_empty() {
        reasons.push(format!("change column {}", names(changed)));
    }
    if !added.is_empty() {
        reasons.push(format!("add column {}", names(added)));
    }
    if !dropped.is_empty() {
        reasons.push(format!("drop column {}", names(dropped)));
    }
    if from.constraints != to.constraints {
        reasons.push("change table constraints".to_string());
    }
    if from.options != to.options {
        reasons.push("change table options".to_string());
    }
    if reasons.is_empty() {
        reasons.push("change definition".to_string());
    }
    reasons.join("; ")
}
