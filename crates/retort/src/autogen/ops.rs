//! The changes autogenerate can make. Each carries the full definitions of
//! both sides, so each knows its inverse: a migration's downgrade is the
//! upgrade's inverses in reverse order.

use crate::schema::*;

#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    CreateSchema(String),
    DropSchema(String),
    CreateExtension(Extension),
    DropExtension(Extension),
    CreateEnum(Enum),
    DropEnum(Enum),
    /// New labels only (`ADD VALUE`) when `from` is in order within `to`;
    /// otherwise the type is rebuilt and `columns` converted to it.
    AlterEnum {
        from: Enum,
        to: Enum,
        columns: Vec<EnumColumn>,
    },
    CreateSequence(Sequence),
    DropSequence(Sequence),
    AlterSequence {
        from: Sequence,
        to: Sequence,
    },
    SetSequenceOwner {
        sequence: String,
        from: Option<ColumnRef>,
        to: Option<ColumnRef>,
    },
    /// The table with its columns and every constraint but foreign keys,
    /// which are separate ops so that tables can refer to each other.
    CreateTable(Table),
    DropTable(Table),
    AddColumn {
        table: String,
        column: Column,
    },
    DropColumn {
        table: String,
        column: Column,
    },
    AlterColumn {
        table: String,
        from: Column,
        to: Column,
    },
    /// Only on request (`--rename`): never inferred.
    RenameColumn {
        table: String,
        from: String,
        to: String,
    },
    AddConstraint {
        table: String,
        constraint: Constraint,
    },
    DropConstraint {
        table: String,
        constraint: Constraint,
    },
    CreateIndex(Index),
    DropIndex(Index),
    CreateView(View),
    DropView(View),
    CreateFunction(Function),
    DropFunction(Function),
    ReplaceFunction {
        from: Function,
        to: Function,
    },
    CreateTrigger(Trigger),
    DropTrigger(Trigger),
    SetTableComment {
        table: String,
        from: Option<String>,
        to: Option<String>,
    },
}

/// A column an enum rebuild converts, with the default it has at that
/// moment (the `from` side's, in both directions: the upgrade rebuilds the
/// type before columns change, the downgrade after they are restored).
#[derive(Debug, Clone, PartialEq)]
pub struct EnumColumn {
    pub column: ColumnRef,
    pub default: Option<String>,
}

impl Op {
    pub fn inverse(&self) -> Op {
        use Op::*;
        match self.clone() {
            CreateSchema(s) => DropSchema(s),
            DropSchema(s) => CreateSchema(s),
            CreateExtension(x) => DropExtension(x),
            DropExtension(x) => CreateExtension(x),
            CreateEnum(e) => DropEnum(e),
            DropEnum(e) => CreateEnum(e),
            AlterEnum { from, to, columns } => AlterEnum {
                from: to,
                to: from,
                columns,
            },
            CreateSequence(s) => DropSequence(s),
            DropSequence(s) => CreateSequence(s),
            AlterSequence { from, to } => AlterSequence { from: to, to: from },
            SetSequenceOwner { sequence, from, to } => SetSequenceOwner {
                sequence,
                from: to,
                to: from,
            },
            CreateTable(t) => DropTable(t),
            DropTable(t) => CreateTable(t),
            AddColumn { table, column } => DropColumn { table, column },
            DropColumn { table, column } => AddColumn { table, column },
            AlterColumn { table, from, to } => AlterColumn {
                table,
                from: to,
                to: from,
            },
            RenameColumn { table, from, to } => RenameColumn {
                table,
                from: to,
                to: from,
            },
            AddConstraint { table, constraint } => DropConstraint { table, constraint },
            DropConstraint { table, constraint } => AddConstraint { table, constraint },
            CreateIndex(i) => DropIndex(i),
            DropIndex(i) => CreateIndex(i),
            CreateView(v) => DropView(v),
            DropView(v) => CreateView(v),
            CreateFunction(f) => DropFunction(f),
            DropFunction(f) => CreateFunction(f),
            ReplaceFunction { from, to } => ReplaceFunction { from: to, to: from },
            CreateTrigger(t) => DropTrigger(t),
            DropTrigger(t) => CreateTrigger(t),
            SetTableComment { table, from, to } => SetTableComment {
                table,
                from: to,
                to: from,
            },
        }
    }

    /// One line for the list of detected changes.
    pub fn describe(&self) -> String {
        use Op::*;
        match self {
            CreateSchema(s) => format!("add schema {s}"),
            DropSchema(s) => format!("drop schema {s}"),
            CreateExtension(x) => format!("add extension {}", x.name),
            DropExtension(x) => format!("drop extension {}", x.name),
            CreateEnum(e) => format!("add enum {}", e.name),
            DropEnum(e) => format!("drop enum {}", e.name),
            AlterEnum { from, to, .. } => format!(
                "change enum {} from ({}) to ({})",
                to.name,
                from.values.join(", "),
                to.values.join(", ")
            ),
            CreateSequence(s) => format!("add sequence {}", s.name),
            DropSequence(s) => format!("drop sequence {}", s.name),
            AlterSequence { to, .. } => format!("change sequence {}", to.name),
            SetSequenceOwner { sequence, to, .. } => match to {
                Some(c) => format!("sequence {sequence} owned by {}.{}", c.table, c.column),
                None => format!("sequence {sequence} owned by nothing"),
            },
            CreateTable(t) => format!("add table {}", t.name),
            DropTable(t) => format!("drop table {}", t.name),
            AddColumn { table, column } => format!("add column {table}.{}", column.name),
            DropColumn { table, column } => format!("drop column {table}.{}", column.name),
            AlterColumn { table, from, to } => {
                let mut what = Vec::new();
                if from.data_type != to.data_type {
                    what.push(format!("type {} -> {}", from.data_type, to.data_type));
                }
                if from.not_null != to.not_null {
                    what.push(
                        if to.not_null {
                            "SET NOT NULL"
                        } else {
                            "DROP NOT NULL"
                        }
                        .into(),
                    );
                }
                if from.default != to.default {
                    what.push("default".into());
                }
                if from.identity != to.identity {
                    what.push("identity".into());
                }
                if from.collation != to.collation {
                    what.push("collation".into());
                }
                if from.comment != to.comment {
                    what.push("comment".into());
                }
                format!("alter column {table}.{}: {}", to.name, what.join(", "))
            }
            RenameColumn { table, from, to } => {
                format!("rename column {table}.{from} to {to}")
            }
            AddConstraint { table, constraint } => {
                format!("add constraint {} on {table}", constraint.name)
            }
            DropConstraint { table, constraint } => {
                format!("drop constraint {} on {table}", constraint.name)
            }
            CreateIndex(i) => format!("add index {}", i.name),
            DropIndex(i) => format!("drop index {}", i.name),
            CreateView(v) => format!("add view {}", v.name),
            DropView(v) => format!("drop view {}", v.name),
            CreateFunction(f) => format!("add function {}", f.signature),
            DropFunction(f) => format!("drop function {}", f.signature),
            ReplaceFunction { to, .. } => format!("replace function {}", to.signature),
            CreateTrigger(t) => format!("add trigger {} on {}", t.name, t.table),
            DropTrigger(t) => format!("drop trigger {} on {}", t.name, t.table),
            SetTableComment { table, .. } => format!("comment on table {table}"),
        }
    }

    /// Why this change may lose data or fail on existing rows, if it may.
    pub fn danger(&self) -> Option<String> {
        use Op::*;
        match self {
            DropTable(t) => Some(format!("drops table {} and all its rows", t.name)),
            DropColumn { table, column } => {
                Some(format!("drops column {table}.{} and its data", column.name))
            }
            DropSchema(s) => Some(format!("drops schema {s}")),
            DropSequence(s) => Some(format!("drops sequence {}", s.name)),
            DropEnum(e) => Some(format!("drops enum {}", e.name)),
            DropExtension(x) => Some(format!("drops extension {}", x.name)),
            AlterEnum { from, to, .. } if from.values.iter().any(|v| !to.values.contains(v)) => {
                Some(format!(
                    "removes labels from enum {}: rows holding them make it fail",
                    to.name
                ))
            }
            AlterColumn { table, from, to } => {
                let mut why = Vec::new();
                if from.data_type != to.data_type {
                    why.push(format!(
                        "changes the type of {table}.{} from {} to {}: check the USING \
                         expression: values that do not convert make it fail",
                        to.name, from.data_type, to.data_type
                    ));
                }
                if to.not_null && !from.not_null {
                    why.push(format!(
                        "SET NOT NULL on {table}.{}: fails if any row holds NULL",
                        to.name
                    ));
                }
                (!why.is_empty()).then(|| why.join("; "))
            }
            _ => None,
        }
    }
}
