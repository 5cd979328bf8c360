//! Columns of kept tables: added, dropped, altered in place, renamed on
//! request. A generated column's expression (or a change between generated
//! and plain) cannot be altered: the column is dropped and added.

mod convert;
mod identity;

use super::comments::CommentKeys;
use crate::autogen::postgres::diff::Context;
use crate::autogen::postgres::model::*;
use crate::autogen::postgres::ops::Op;
use crate::autogen::postgres::render::{comment_value, not_null_change};
use identity::{identity_clause, identity_settings, identity_value_within_bounds};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq)]
pub enum ColumnOp {
    Add {
        table: String,
        column: Column,
    },
    Drop {
        table: String,
        column: Column,
    },
    Alter {
        table: String,
        from: Column,
        to: Column,
    },
    /// Only on request (`--rename`): never inferred.
    Rename {
        table: String,
        from: String,
        to: String,
    },
}

impl ColumnOp {
    pub fn inverse(&self) -> ColumnOp {
        match self.clone() {
            ColumnOp::Add { table, column } => ColumnOp::Drop { table, column },
            ColumnOp::Drop { table, column } => ColumnOp::Add { table, column },
            ColumnOp::Alter { table, from, to } => ColumnOp::Alter {
                table,
                from: to,
                to: from,
            },
            ColumnOp::Rename { table, from, to } => ColumnOp::Rename {
                table,
                from: to,
                to: from,
            },
        }
    }

    pub fn describe(&self) -> String {
        match self {
            ColumnOp::Add { table, column } => format!("add column {table}.{}", column.name),
            ColumnOp::Drop { table, column } => format!("drop column {table}.{}", column.name),
            ColumnOp::Alter { table, from, to } => {
                format!("alter column {table}.{}: {}", to.name, changes(from, to))
            }
            ColumnOp::Rename { table, from, to } => {
                format!("rename column {table}.{from} to {to}")
            }
        }
    }

    pub fn danger(&self) -> Option<String> {
        match self {
            ColumnOp::Drop { table, column } => {
                Some(format!("drops column {table}.{} and its data", column.name))
            }
            ColumnOp::Add { table, column }
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
            ColumnOp::Alter { table, from, to } => {
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

    pub fn render(&self) -> Vec<String> {
        match self {
            ColumnOp::Add { table, column } => {
                let mut out = vec![format!(
                    "ALTER TABLE {table} ADD COLUMN {};",
                    definition(column)
                )];
                out.extend(comment_sql(table, column));
                out
            }
            ColumnOp::Drop { table, column } => {
                vec![format!("ALTER TABLE {table} DROP COLUMN {};", column.name)]
            }
            ColumnOp::Alter { table, from, to } => alter_column(table, from, to),
            ColumnOp::Rename { table, from, to } => {
                vec![format!("ALTER TABLE {table} RENAME COLUMN {from} TO {to};")]
            }
        }
    }

    pub(crate) fn comment_keys(&self, _: &mut CommentKeys) {}
}

/// What an ALTER changes, for its description.
fn changes(from: &Column, to: &Column) -> String {
    let mut what = Vec::new();
    if from.data_type != to.data_type {
        what.push(format!("type {} -> {}", from.data_type, to.data_type));
    }
    if from.not_null != to.not_null {
        what.push(not_null_change(to.not_null).into());
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
    what.join(", ")
}

/// Columns of kept tables that go or are rebuilt, last first.
pub fn drop_rebuilt(cx: &Context) -> Vec<Op> {
    let mut ops = Vec::new();
    for old in cx.from.tables.values() {
        let Some(new) = cx.to.tables.get(&old.name).filter(|_| cx.kept(&old.name)) else {
            continue;
        };
        for column in old.ordered_columns().into_iter().rev() {
            if needs_rebuild(column, new.columns.get(&column.name)) {
                ops.push(
                    ColumnOp::Drop {
                        table: old.name.clone(),
                        column: column.clone(),
                    }
                    .into(),
                );
            }
        }
    }
    ops
}

/// The columns `new` adds (or rebuilds) and alters, in its column order.
pub fn alter_table(old: &Table, new: &Table) -> Vec<Op> {
    let mut ops = Vec::new();
    for column in new.ordered_columns() {
        let before = old.columns.get(&column.name);
        if needs_rebuild_target(before, column) {
            ops.push(
                ColumnOp::Add {
                    table: new.name.clone(),
                    column: column.clone(),
                }
                .into(),
            );
        } else if let Some(before) = before {
            if before != column {
                ops.push(
                    ColumnOp::Alter {
                        table: new.name.clone(),
                        from: before.clone(),
                        to: column.clone(),
                    }
                    .into(),
                );
            }
        }
    }
    ops
}

/// A column that PostgreSQL cannot alter in place (a generated column's
/// expression, or a change between generated and plain) is dropped and added.
pub fn needs_rebuild(old: &Column, new: Option<&Column>) -> bool {
    match new {
        None => true,
        Some(new) => old.generated != new.generated,
    }
}

fn needs_rebuild_target(old: Option<&Column>, new: &Column) -> bool {
    match old {
        None => true,
        Some(old) => old.generated != new.generated,
    }
}

/// Tables whose columns change, or that go or are replaced.
pub fn tables_with_changed_columns(
    from: &Schema,
    to: &Schema,
    replaced: &BTreeSet<String>,
) -> BTreeSet<String> {
    from.tables
        .values()
        .filter(|old| {
            replaced.contains(&old.name)
                || to
                    .tables
                    .get(&old.name)
                    .is_none_or(|new| old.columns != new.columns)
        })
        .map(|t| t.name.clone())
        .collect()
}

/// The column as `CREATE TABLE` and `ADD COLUMN` write it.
pub fn definition(c: &Column) -> String {
    let mut out = format!("{} {}", c.name, c.data_type);
    if let Some(collation) = &c.collation {
        out.push_str(&format!(" COLLATE {collation}"));
    }
    if let Some(expression) = &c.generated {
        out.push_str(&format!(" GENERATED ALWAYS AS ({expression}) STORED"));
    }
    if let Some(identity) = c.identity {
        out.push(' ');
        out.push_str(&identity_clause(identity, &c.identity_options));
    }
    if let Some(default) = &c.default {
        out.push_str(&format!(" DEFAULT {default}"));
    }
    if c.not_null {
        out.push_str(" NOT NULL");
    }
    out
}

/// The column's comment, set once the column exists.
pub fn comment_sql(table: &str, c: &Column) -> Option<String> {
    c.comment.as_ref().map(|_| {
        format!(
            "COMMENT ON COLUMN {table}.{} IS {};",
            c.name,
            comment_value(&c.comment)
        )
    })
}

/// Dropping the default first lets the type change; the new default is set
/// once the column has its new type.
fn alter_column(table: &str, from: &Column, to: &Column) -> Vec<String> {
    let alter = |what: String| format!("ALTER TABLE {table} ALTER COLUMN {} {what};", to.name);
    let mut out = Vec::new();
    let type_changes = from.data_type != to.data_type || from.collation != to.collation;
    let default_changes = from.default != to.default || type_changes;
    if from.identity.is_some() && to.identity.is_none() {
        out.push(alter("DROP IDENTITY".into()));
    }
    if from.default.is_some() && default_changes {
        out.push(alter("DROP DEFAULT".into()));
    }
    if type_changes {
        let collate = to
            .collation
            .as_ref()
            .map(|c| format!(" COLLATE {c}"))
            .unwrap_or_default();
        out.push(alter(format!(
            "TYPE {}{collate} USING {}",
            to.data_type,
            convert::using_expression(&to.name, &from.data_type, &to.data_type)
        )));
    }
    if let Some(default) = &to.default {
        if default_changes {
            out.push(alter(format!("SET DEFAULT {default}")));
        }
    }
    if from.not_null != to.not_null {
        out.push(alter(not_null_change(to.not_null).to_string()));
    }
    match (from.identity, to.identity) {
        (None, Some(identity)) => out.push(alter(format!(
            "ADD {}",
            identity_clause(identity, &to.identity_options)
        ))),
        (Some(a), Some(b)) if a != b => out.push(alter(
            match b {
                Identity::Always => "SET GENERATED ALWAYS",
                Identity::ByDefault => "SET GENERATED BY DEFAULT",
            }
            .into(),
        )),
        _ => {}
    }
    if from.identity.is_some()
        && to.identity.is_some()
        && from.identity_options != to.identity_options
    {
        out.extend(identity_value_within_bounds(from, &to.identity_options));
        out.push(alter(identity_settings(&to.identity_options)));
    }
    if from.comment != to.comment {
        out.push(format!(
            "COMMENT ON COLUMN {table}.{} IS {};",
            to.name,
            comment_value(&to.comment)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autogen::postgres::diff;
    use crate::autogen::postgres::kinds::test_support::*;

    fn add(column: Column) -> ColumnOp {
        ColumnOp::Add {
            table: "public.t".into(),
            column,
        }
    }

    #[test]
    fn add_and_drop() {
        let mut plan = column("plan", "text");
        plan.default = Some("'free'::text".into());
        plan.not_null = true;
        plan.comment = Some("billing".into());
        let op = add(plan);
        assert_eq!(
            op.render(),
            vec![
                "ALTER TABLE public.t ADD COLUMN plan text DEFAULT 'free'::text NOT NULL;",
                "COMMENT ON COLUMN public.t.plan IS 'billing';",
            ]
        );
        assert_eq!(op.describe(), "add column public.t.plan");
        assert_eq!(op.danger(), None);
        assert_eq!(
            op.inverse().render(),
            vec!["ALTER TABLE public.t DROP COLUMN plan;"]
        );
        assert_eq!(op.inverse().inverse(), op);
        assert_eq!(
            op.inverse().danger().unwrap(),
            "drops column public.t.plan and its data"
        );
    }

    #[test]
    fn a_not_null_column_without_default_is_dangerous() {
        let mut plan = column("plan", "text");
        plan.not_null = true;
        let warning = add(plan.clone()).danger().unwrap();
        assert!(warning.contains("NOT NULL column public.t.plan without a default"));
        plan.default = Some("'x'::text".into());
        assert_eq!(add(plan).danger(), None);
        assert_eq!(add(column("plan", "text")).danger(), None);
    }

    #[test]
    fn identity_and_generated_columns() {
        let mut id = column("id", "bigint");
        id.identity = Some(Identity::Always);
        id.identity_options = Some("START WITH 100".into());
        id.not_null = true;
        assert_eq!(
            definition(&id),
            "id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100) NOT NULL"
        );
        assert_eq!(add(id).danger(), None);
        let mut total = column("total", "numeric");
        total.generated = Some("(price * 2)".into());
        assert_eq!(
            definition(&total),
            "total numeric GENERATED ALWAYS AS ((price * 2)) STORED"
        );
    }

    #[test]
    fn alter_type_default_and_not_null() {
        let mut from = column("n", "integer");
        from.default = Some("0".into());
        let mut to = column("n", "uuid");
        to.default = Some("gen_random_uuid()".into());
        to.not_null = true;
        let op = ColumnOp::Alter {
            table: "public.t".into(),
            from,
            to,
        };
        assert_eq!(
            op.render(),
            vec![
                "ALTER TABLE public.t ALTER COLUMN n DROP DEFAULT;",
                "ALTER TABLE public.t ALTER COLUMN n TYPE uuid USING n::text::uuid;",
                "ALTER TABLE public.t ALTER COLUMN n SET DEFAULT gen_random_uuid();",
                "ALTER TABLE public.t ALTER COLUMN n SET NOT NULL;",
            ]
        );
        assert_eq!(
            op.describe(),
            "alter column public.t.n: type integer -> uuid, SET NOT NULL, default"
        );
        assert_eq!(
            op.danger().unwrap(),
            "changes the type of public.t.n from integer to uuid: check the USING expression: \
             values that do not convert make it fail; SET NOT NULL on public.t.n: fails if any \
             row holds NULL"
        );
        assert_eq!(
            op.inverse().render(),
            vec![
                "ALTER TABLE public.t ALTER COLUMN n DROP DEFAULT;",
                "ALTER TABLE public.t ALTER COLUMN n TYPE integer USING n::text::integer;",
                "ALTER TABLE public.t ALTER COLUMN n SET DEFAULT 0;",
                "ALTER TABLE public.t ALTER COLUMN n DROP NOT NULL;",
            ]
        );
        assert_eq!(op.inverse().inverse(), op);
        assert_eq!(
            op.inverse().danger().unwrap(),
            "changes the type of public.t.n from uuid to integer: check the USING expression: \
             values that do not convert make it fail"
        );
    }

    #[test]
    fn alter_identity_options_keeps_the_value_within_bounds() {
        let mut from = column("id", "integer");
        from.identity = Some(Identity::ByDefault);
        from.identity_sequence = Some("public.t_id_seq".into());
        let mut to = from.clone();
        to.identity = Some(Identity::Always);
        to.identity_options = Some("MINVALUE 10".into());
        let op = ColumnOp::Alter {
            table: "public.t".into(),
            from,
            to,
        };
        assert_eq!(
            op.render(),
            vec![
                "ALTER TABLE public.t ALTER COLUMN id SET GENERATED ALWAYS;",
                "SELECT setval('public.t_id_seq', 10, false) FROM public.t_id_seq WHERE last_value < 10;",
                "ALTER TABLE public.t ALTER COLUMN id SET INCREMENT BY 1 SET MINVALUE 10 \
                 SET NO MAXVALUE SET START WITH 10 SET CACHE 1 SET NO CYCLE;",
            ]
        );
    }

    #[test]
    fn rename() {
        let op = ColumnOp::Rename {
            table: "public.t".into(),
            from: "a".into(),
            to: "b".into(),
        };
        assert_eq!(
            op.render(),
            vec!["ALTER TABLE public.t RENAME COLUMN a TO b;"]
        );
        assert_eq!(op.describe(), "rename column public.t.a to b");
        assert_eq!(op.inverse().inverse(), op);
    }

    #[test]
    fn a_changed_generated_column_is_dropped_and_added() {
        let mut total = column("total", "integer");
        total.generated = Some("(n * 2)".into());
        let mut from = schema();
        from.tables.insert(
            "public.t".into(),
            table("public.t", vec![column("n", "integer"), total.clone()]),
        );
        let mut to = from.clone();
        total.generated = Some("(n * 3)".into());
        to.tables
            .get_mut("public.t")
            .unwrap()
            .columns
            .insert("total".into(), total);
        assert_eq!(
            sql(&diff(&from, &to)),
            vec![
                "ALTER TABLE public.t DROP COLUMN total;",
                "ALTER TABLE public.t ADD COLUMN total integer GENERATED ALWAYS AS ((n * 3)) STORED;",
            ]
        );
    }
}
