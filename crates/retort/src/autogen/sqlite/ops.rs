//! The changes autogenerate makes to an SQLite database. As for
//! PostgreSQL, each op carries both sides' full definitions and so knows
//! its inverse: the downgrade is the upgrade's inverses in reverse.

use crate::tr;
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
            CreateTable(t) => tr!("autogen-add-table", name = &t.name),
            DropTable(t) => tr!("autogen-drop-table", name = &t.name),
            AddColumn { table, column } => tr!(
                "autogen-add-column",
                column = format!("{table}.{}", column.name)
            ),
            DropColumn { table, column } => tr!(
                "autogen-drop-column",
                column = format!("{table}.{}", column.name)
            ),
            RenameTable { from, to } => tr!("autogen-rename-table", from = from, to = to),
            RenameColumn { table, from, to } => tr!(
                "autogen-rename-column",
                column = format!("{table}.{from}"),
                to = to
            ),
            RebuildTable { from, to, .. } => tr!(
                "autogen-rebuild-table",
                name = &to.name,
                reasons = rebuild_reason(from, to)
            ),
            CreateIndex(i) => tr!("autogen-add-index-on", name = &i.name, table = &i.table),
            DropIndex(i) => tr!("autogen-drop-index-on", name = &i.name, table = &i.table),
            CreateView(v) => tr!("autogen-add-view", name = &v.name),
            DropView(v) => tr!("autogen-drop-view", name = &v.name),
            CreateTrigger(t) => tr!("autogen-add-trigger", name = &t.name, table = &t.table),
            DropTrigger(t) => tr!("autogen-drop-trigger", name = &t.name, table = &t.table),
        }
    }

    /// What applying the op may lose or refuse, for a `-- WARNING:` line.
    pub fn danger(&self) -> Option<String> {
        use SqliteOp::*;
        match self {
            DropTable(t) => Some(tr!("autogen-danger-drop-table", name = &t.name)),
            DropColumn { table, column } => Some(tr!(
                "autogen-danger-drop-column",
                column = format!("{table}.{}", column.name)
            )),
            RebuildTable { from, to, .. } => {
                let lost: Vec<&str> = from
                    .columns
                    .iter()
                    .filter(|c| to.column(&c.name).is_none())
                    .map(|c| c.name.as_str())
                    .collect();
                let rebuild = tr!("autogen-danger-rebuild-table", name = &to.name);
                if lost.is_empty() {
                    return Some(rebuild);
                }
                Some(tr!(
                    "autogen-danger-rebuild-loses-columns",
                    rebuild = rebuild,
                    columns = lost.join(&tr!("autogen-list-separator"))
                ))
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
            .join(&tr!("autogen-list-separator"))
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
        reasons.push(tr!("autogen-rebuild-change-columns", columns = names(changed)));
    }
    if !added.is_empty() {
        reasons.push(tr!("autogen-rebuild-add-columns", columns = names(added)));
    }
    if !dropped.is_empty() {
        reasons.push(tr!("autogen-rebuild-drop-columns", columns = names(dropped)));
    }
    if from.constraints != to.constraints {
        reasons.push(tr!("autogen-rebuild-constraints"));
    }
    if from.options != to.options {
        reasons.push(tr!("autogen-rebuild-options"));
    }
    if reasons.is_empty() {
        reasons.push(tr!("autogen-rebuild-definition"));
    }
    reasons.join(&tr!("autogen-clause-separator"))
}
