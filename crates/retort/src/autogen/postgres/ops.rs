//! The changes autogenerate can make. Each carries the full definitions of
//! both sides, so each knows its inverse: a migration's downgrade is the
//! upgrade's inverses in reverse order.

use crate::autogen::postgres::model::*;

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
    CreateDomain(Domain),
    DropDomain(Domain),
    /// Default, NOT NULL and checks change in place; the base type cannot.
    AlterDomain {
        from: Domain,
        to: Domain,
    },
    /// A new base type: the domain is built again beside the old one and
    /// `columns` converted to it, as for an enum rebuild.
    RebuildDomain {
        from: Domain,
        to: Domain,
        columns: Vec<EnumColumn>,
    },
    CreateComposite(CompositeType),
    DropComposite(CompositeType),
    /// Attributes added, dropped or retyped in place; when table columns
    /// hold the type (which PostgreSQL then refuses to alter), the type is
    /// rebuilt and `columns` converted to it.
    AlterComposite {
        from: CompositeType,
        to: CompositeType,
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
    /// Only on request (`--rename OLD=NEW`): never inferred.
    RenameTable {
        from: String,
        to: String,
    },
    /// A constraint, index or sequence named after a renamed table, renamed with it.
    RenameConstraint {
        table: String,
        from: String,
        to: String,
    },
    RenameIndex {
        from: String,
        to: String,
    },
    RenameSequence {
        from: String,
        to: String,
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
    CreatePolicy(Policy),
    DropPolicy(Policy),
    /// ENABLE/DISABLE and FORCE/NO FORCE ROW LEVEL SECURITY.
    SetRowSecurity {
        table: String,
        from: RowSecurity,
        to: RowSecurity,
    },
    /// DETACH from one parent and ATTACH to another (or with another bound).
    SetPartition {
        table: String,
        from: PartitionOf,
        to: PartitionOf,
    },
    /// `COMMENT ON` an object other than a table or column, keyed as in
    /// [`Schema::comments`].
    SetComment {
        target: String,
        from: Option<String>,
        to: Option<String>,
    },
}

/// A table's row-level security switches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowSecurity {
    pub enabled: bool,
    pub forced: bool,
}

impl RowSecurity {
    pub fn of(table: &Table) -> RowSecurity {
        RowSecurity {
            enabled: table.row_security,
            forced: table.force_row_security,
        }
    }
}

/// A column an enum rebuild converts, with the default it has at that
/// moment (the `from` side's, in both directions: the upgrade rebuilds the
/// type before columns change, the downgrade after they are restored).
#[derive(Debug, Clone, PartialEq)]
pub struct EnumColumn {
    pub column: ColumnRef,
    pub default: Option<String>,
    /// The column holds an array of the type.
    pub array: bool,
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
            CreateDomain(d) => DropDomain(d),
            DropDomain(d) => CreateDomain(d),
            AlterDomain { from, to } => AlterDomain { from: to, to: from },
            RebuildDomain { from, to, columns } => RebuildDomain {
                from: to,
                to: from,
                columns,
            },
            CreateComposite(c) => DropComposite(c),
            DropComposite(c) => CreateComposite(c),
            AlterComposite { from, to, columns } => AlterComposite {
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
            RenameTable { from, to } => RenameTable { from: to, to: from },
            RenameConstraint { table, from, to } => RenameConstraint {
                table,
                from: to,
                to: from,
            },
            RenameIndex { from, to } => RenameIndex { from: to, to: from },
            RenameSequence { from, to } => RenameSequence { from: to, to: from },
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
            CreatePolicy(p) => DropPolicy(p),
            DropPolicy(p) => CreatePolicy(p),
            SetRowSecurity { table, from, to } => SetRowSecurity {
                table,
                from: to,
                to: from,
            },
            SetPartition { table, from, to } => SetPartition {
                table,
                from: to,
                to: from,
            },
            SetComment { target, from, to } => SetComment {
                target,
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
            CreateDomain(d) => format!("add domain {}", d.name),
            DropDomain(d) => format!("drop domain {}", d.name),
            AlterDomain { to, .. } => format!("change domain {}", to.name),
            RebuildDomain { from, to, .. } => format!(
                "change domain {} from {} to {}",
                to.name, from.data_type, to.data_type
            ),
            CreateComposite(c) => format!("add type {}", c.name),
            DropComposite(c) => format!("drop type {}", c.name),
            AlterComposite { to, .. } => format!("change type {}", to.name),
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
                if from.identity_options != to.identity_options {
                    what.push("identity options".into());
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
            RenameTable { from, to } => format!("rename table {from} to {to}"),
            RenameConstraint { table, from, to } => {
                format!("rename constraint {from} on {table} to {to}")
            }
            RenameIndex { from, to } => format!("rename index {from} to {to}"),
            RenameSequence { from, to } => format!("rename sequence {from} to {to}"),
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
            CreatePolicy(p) => format!("add policy {} on {}", p.name, p.table),
            DropPolicy(p) => format!("drop policy {} on {}", p.name, p.table),
            SetRowSecurity { table, to, .. } => format!(
                "row level security on {table}: {}{}",
                if to.enabled { "enabled" } else { "disabled" },
                if to.forced { ", forced" } else { "" }
            ),
            SetPartition { table, to, .. } => {
                format!("partition {table} of {} {}", to.parent, to.bound)
            }
            SetComment { target, .. } => format!("comment on {}", target.to_lowercase()),
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
            AddColumn { table, column }
                if column.not_null
                    && column.default.is_none()
                    && column.identity.is_none()
                    && column.generated.is_none() =>
            {
                Some(format!(
                    "adds NOT NULL column {table}.{} without a default: fails if the table has \
                     rows (add a default, or add it nullable, fill it, then SET NOT NULL)",
                    column.name
                ))
            }
            DropSchema(s) => Some(format!("drops schema {s}")),
            DropSequence(s) => Some(format!("drops sequence {}", s.name)),
            DropEnum(e) => Some(format!("drops enum {}", e.name)),
            DropDomain(d) => Some(format!("drops domain {}", d.name)),
            DropComposite(c) => Some(format!("drops type {}", c.name)),
            RebuildDomain { from, to, .. } => Some(format!(
                "changes the base type of domain {} from {} to {}: values may not convert",
                to.name, from.data_type, to.data_type
            )),
            AlterComposite { from, to, .. } if from.attributes.iter().any(|a| !to.attributes.iter().any(|b| b.name == a.name)) => {
                Some(format!("drops attributes of type {}", to.name))
            }
            AlterDomain { from, to } if to.not_null && !from.not_null || to.checks.keys().any(|k| from.checks.get(k) != to.checks.get(k)) => {
                Some(format!("tightens domain {}: fails if a value breaks it", to.name))
            }
            ReplaceFunction { from, to } if !from.replaceable_by(to) => Some(format!(
                "drops and creates {} again (CREATE OR REPLACE cannot change its result or \
                 arguments): fails if views, defaults or triggers use it",
                to.signature
            )),
            DropPolicy(p) => Some(format!(
                "drops policy {} on {}: rows it guarded are governed by the remaining policies",
                p.name, p.table
            )),
            SetRowSecurity { table, from, to } if from.enabled && !to.enabled => Some(format!(
                "disables row level security on {table}: every row becomes visible to those with table privileges"
            )),
            SetPartition { table, from, .. } => Some(format!(
                "detaches {table} from {} and attaches it again: rows outside the new bound make it fail",
                from.parent
            )),
            DropExtension(x) => Some(format!("drops extension {}", x.name)),
            AlterEnum { from, to, .. } if enum_change(from, to) == EnumChange::RenameValues => {
                Some(format!(
                    "renames labels of enum {} ({}): rows keep their value under the new label",
                    to.name,
                    from.values
                        .iter()
                        .zip(&to.values)
                        .filter(|(a, b)| a != b)
                        .map(|(a, b)| format!("{a} -> {b}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            }
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

/// How an enum goes from one list of labels to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumChange {
    /// The old labels keep their order among the new: `ADD VALUE`.
    AddValues,
    /// Same number of labels, and each that differs is new on one side and
    /// gone on the other: `RENAME VALUE`, which keeps the rows' values, where
    /// dropping the old label would make rows holding it fail.
    RenameValues,
    /// Anything else: a new type, and the columns converted to it.
    Rebuild,
}

pub fn enum_change(from: &Enum, to: &Enum) -> EnumChange {
    if super::render::is_in_order_within(&from.values, &to.values) {
        return EnumChange::AddValues;
    }
    let renamed = from.values.len() == to.values.len()
        && from
            .values
            .iter()
            .zip(&to.values)
            .all(|(a, b)| a == b || (!to.values.contains(a) && !from.values.contains(b)));
    if renamed {
        EnumChange::RenameValues
    } else {
        EnumChange::Rebuild
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(name: &str, not_null: bool, default: Option<&str>) -> Column {
        Column {
            name: name.into(),
            data_type: "text".into(),
            not_null,
            default: default.map(str::to_string),
            identity: None,
            identity_options: None,
            identity_sequence: None,
            generated: None,
            collation: None,
            comment: None,
            position: 1,
        }
    }

    #[test]
    fn a_not_null_column_without_default_is_dangerous() {
        let add = |c: Column| Op::AddColumn {
            table: "public.t".into(),
            column: c,
        };
        let warning = add(column("plan", true, None)).danger().unwrap();
        assert!(warning.contains("NOT NULL column public.t.plan without a default"));
        assert_eq!(add(column("plan", true, Some("'x'::text"))).danger(), None);
        assert_eq!(add(column("plan", false, None)).danger(), None);
    }

    #[test]
    fn enum_changes() {
        let e = |values: &[&str]| Enum {
            name: "public.e".into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        };
        assert_eq!(
            enum_change(&e(&["a", "b"]), &e(&["a", "x", "b"])),
            EnumChange::AddValues
        );
        assert_eq!(
            enum_change(&e(&["a", "b"]), &e(&["a", "c"])),
            EnumChange::RenameValues
        );
        assert_eq!(
            enum_change(&e(&["a", "b"]), &e(&["b", "a"])),
            EnumChange::Rebuild
        );
        assert_eq!(
            enum_change(&e(&["a", "b"]), &e(&["a"])),
            EnumChange::Rebuild
        );
    }
}
