//! Tables as a whole: created (with their columns and every constraint but
//! foreign keys, which follow once every table exists), dropped, renamed
//! on request, and their comment. Columns, constraints, row-level security
//! and partitions have their own files.

use crate::tr;
use super::columns::{self, ColumnOp};
use super::comments::CommentKeys;
use super::partitions::{self, PartitionOp};
use super::policies::{self, PolicyOp};
use crate::autogen::postgres::context::Context;
use crate::autogen::postgres::model::*;
use crate::autogen::postgres::text::{bare, comment_value};

#[derive(Debug, Clone, PartialEq)]
pub enum TableOp {
    /// The table with its columns and every constraint but foreign keys,
    /// which are separate ops so that tables can refer to each other.
    Create(Table),
    Drop(Table),
    /// Only on request (`--rename OLD=NEW`): never inferred.
    Rename {
        from: String,
        to: String,
    },
    SetComment {
        table: String,
        from: Option<String>,
        to: Option<String>,
    },
}

impl TableOp {
    pub fn inverse(&self) -> TableOp {
        match self.clone() {
            TableOp::Create(t) => TableOp::Drop(t),
            TableOp::Drop(t) => TableOp::Create(t),
            TableOp::Rename { from, to } => TableOp::Rename { from: to, to: from },
            TableOp::SetComment { table, from, to } => TableOp::SetComment {
                table,
                from: to,
                to: from,
            },
        }
    }

    pub fn describe(&self) -> String {
        match self {
            TableOp::Create(t) => tr!("autogen-add-table", name = &t.name),
            TableOp::Drop(t) => tr!("autogen-drop-table", name = &t.name),
            TableOp::Rename { from, to } => tr!("autogen-rename-table", from = from, to = to),
            TableOp::SetComment { table, .. } => tr!("autogen-comment-on-table", name = table),
        }
    }

    pub fn danger(&self) -> Option<String> {
        match self {
            TableOp::Drop(t) => Some(tr!("autogen-danger-drop-table", name = &t.name)),
            _ => None,
        }
    }

    pub fn render(&self) -> Vec<String> {
        match self {
            TableOp::Create(t) => create_table(t),
            TableOp::Drop(t) => vec![format!("DROP TABLE {};", t.name)],
            TableOp::Rename { from, to } => {
                vec![format!("ALTER TABLE {from} RENAME TO {};", bare(to))]
            }
            TableOp::SetComment { table, to, .. } => {
                vec![format!(
                    "COMMENT ON TABLE {table} IS {};",
                    comment_value(to)
                )]
            }
        }
    }

    /// A table takes the comments on its constraints, triggers and policies
    /// with it.
    pub(crate) fn comment_keys(&self, keys: &mut CommentKeys) {
        match self {
            TableOp::Drop(t) => keys.drop_owned_by(&t.name),
            TableOp::Create(t) => keys.create_owned_by(&t.name),
            _ => {}
        }
    }
}

/// Tables that go or are replaced, partitions before their parent (which
/// would take them along). Their foreign keys are already dropped.
pub fn drop_removed<O: From<TableOp>>(cx: &Context) -> Vec<O> {
    partitions::parents_first(cx.from)
        .into_iter()
        .rev()
        .filter(|old| !cx.kept(&old.name))
        .map(|old| TableOp::Drop(without_foreign_keys(old)).into())
        .collect()
}

/// Tables parents first: each new (or replaced) one created, each kept one
/// altered in place: its columns, comment, row-level security and
/// partition bound, in that order.
pub fn create_or_alter<O>(cx: &Context) -> Vec<O>
where
    O: From<TableOp> + From<ColumnOp> + From<PolicyOp> + From<PartitionOp>,
{
    let mut ops = Vec::new();
    for new in partitions::parents_first(cx.to) {
        let Some(old) = cx.from.tables.get(&new.name).filter(|_| cx.kept(&new.name)) else {
            ops.push(TableOp::Create(without_foreign_keys(new)).into());
            continue;
        };
        ops.extend(columns::alter_table(old, new));
        ops.extend(set_comment(old, new));
        ops.extend(policies::set_row_security(old, new));
        ops.extend(partitions::move_partition(cx, old, new));
    }
    ops
}

fn set_comment<O: From<TableOp>>(old: &Table, new: &Table) -> Option<O> {
    (old.comment != new.comment).then(|| {
        TableOp::SetComment {
            table: new.name.clone(),
            from: old.comment.clone(),
            to: new.comment.clone(),
        }
        .into()
    })
}

fn without_foreign_keys(table: &Table) -> Table {
    let mut table = table.clone();
    table
        .constraints
        .retain(|_, c| c.kind != ConstraintKind::ForeignKey);
    table
}

fn create_table(t: &Table) -> Vec<String> {
    let mut lines: Vec<String> = t
        .ordered_columns()
        .into_iter()
        .map(|c| format!("    {}", columns::definition(&t.name, c)))
        .collect();
    // Primary key first, as people write it; then the rest by name.
    let mut constraints: Vec<&Constraint> = t.constraints.values().collect();
    constraints.sort_by_key(|c| c.kind != ConstraintKind::PrimaryKey);
    for c in constraints {
        lines.push(format!("    CONSTRAINT {} {}", c.name, c.definition));
    }
    let mut out = vec![match (&t.partition_of, &t.partition_by) {
        (Some(of), by) => {
            // Columns come from the parent; only the table's own constraints
            // are listed, and the NOT NULL constraints it names otherwise
            // than its parent (which would give them its names).
            let mut constraints: Vec<&String> = lines
                .iter()
                .filter(|l| l.trim_start().starts_with("CONSTRAINT "))
                .collect();
            let renamed: Vec<String> = t
                .partition_not_null_names
                .iter()
                .map(|(column, name)| {
                    format!("    {column} WITH OPTIONS CONSTRAINT {name} NOT NULL")
                })
                .collect();
            constraints.splice(0..0, renamed.iter());
            let list = if constraints.is_empty() {
                String::new()
            } else {
                format!(
                    " (\n{}\n)",
                    constraints
                        .iter()
                        .map(|l| l.as_str())
                        .collect::<Vec<_>>()
                        .join(",\n")
                )
            };
            let by = by
                .as_ref()
                .map(|b| format!(" PARTITION BY {b}"))
                .unwrap_or_default();
            format!(
                "CREATE TABLE {} PARTITION OF {}{list} {}{by};",
                t.name, of.parent, of.bound
            )
        }
        (None, by) => format!(
            "CREATE TABLE {} (\n{}\n){};",
            t.name,
            lines.join(",\n"),
            by.as_ref()
                .map(|b| format!(" PARTITION BY {b}"))
                .unwrap_or_default()
        ),
    }];
    out.extend(policies::row_security_sql(
        &t.name,
        None,
        policies::RowSecurity::of(t),
    ));
    if t.comment.is_some() {
        out.push(format!(
            "COMMENT ON TABLE {} IS {};",
            t.name,
            comment_value(&t.comment)
        ));
    }
    for c in t.ordered_columns() {
        out.extend(columns::comment_sql(&t.name, c));
    }
    out
}
