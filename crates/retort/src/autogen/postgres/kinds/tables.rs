//! Tables as a whole: created (with their columns and every constraint but
//! foreign keys, which follow once every table exists), dropped, renamed
//! on request, and their comment. Columns, constraints, row-level security
//! and partitions have their own files.

use super::comments::CommentKeys;
use super::{columns, partitions, policies};
use crate::autogen::postgres::diff::Context;
use crate::autogen::postgres::model::*;
use crate::autogen::postgres::ops::Op;
use crate::autogen::postgres::render::{bare, comment_value};

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
            TableOp::Create(t) => format!("add table {}", t.name),
            TableOp::Drop(t) => format!("drop table {}", t.name),
            TableOp::Rename { from, to } => format!("rename table {from} to {to}"),
            TableOp::SetComment { table, .. } => format!("comment on table {table}"),
        }
    }

    pub fn danger(&self) -> Option<String> {
        match self {
            TableOp::Drop(t) => Some(format!("drops table {} and all its rows", t.name)),
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
pub fn drop_removed(cx: &Context) -> Vec<Op> {
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
pub fn create_or_alter(cx: &Context) -> Vec<Op> {
    let mut ops = Vec::new();
    for new in partitions::parents_first(cx.to) {
        let Some(old) = cx.from.tables.get(&new.name).filter(|_| cx.kept(&new.name)) else {
            ops.push(TableOp::Create(without_foreign_keys(new)).into());
            continue;
        };
        ops.extend(columns::alter_table(old, new));
        ops.extend(set_comment(old, new));
        ops.extend(policies::set_row_security(old, new));
        ops.extend(partitions::move_partition(old, new));
    }
    ops
}

fn set_comment(old: &Table, new: &Table) -> Option<Op> {
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
        .map(|c| format!("    {}", columns::definition(c)))
        .collect();
    // Primary key first, as people write it; then the rest by name.
    let mut constraints: Vec<&Constraint> = t.constraints.values().collect();
    constraints.sort_by_key(|c| c.kind != ConstraintKind::PrimaryKey);
    for c in constraints {
        lines.push(format!("    CONSTRAINT {} {}", c.name, c.definition));
    }
    let mut out = vec![match (&t.partition_of, &t.partition_by) {
        (Some(of), by) => {
            // Columns come from the parent; only the table's own constraints are listed.
            let constraints: Vec<&String> = lines
                .iter()
                .filter(|l| l.trim_start().starts_with("CONSTRAINT "))
                .collect();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autogen::postgres::diff;
    use crate::autogen::postgres::kinds::test_support::*;

    fn users() -> Table {
        let mut id = column("id", "integer");
        id.not_null = true;
        let mut t = table("public.users", vec![id, column("email", "text")]);
        t.constraints
            .insert("users_email_key".into(), unique("users_email_key", "email"));
        t.constraints
            .insert("users_pkey".into(), primary_key("users_pkey", "id"));
        t.comment = Some("people".into());
        t.columns.get_mut("email").unwrap().comment = Some("where to write".into());
        t
    }

    #[test]
    fn create_and_drop() {
        let create = TableOp::Create(users());
        assert_eq!(
            create.render(),
            vec![
                "CREATE TABLE public.users (\n    id integer NOT NULL,\n    email text,\n    \
                 CONSTRAINT users_pkey PRIMARY KEY (id),\n    \
                 CONSTRAINT users_email_key UNIQUE (email)\n);",
                "COMMENT ON TABLE public.users IS 'people';",
                "COMMENT ON COLUMN public.users.email IS 'where to write';",
            ]
        );
        assert_eq!(create.describe(), "add table public.users");
        assert_eq!(create.danger(), None);
        assert_eq!(create.inverse().render(), vec!["DROP TABLE public.users;"]);
        assert_eq!(create.inverse().inverse(), create);
        assert_eq!(
            create.inverse().danger().unwrap(),
            "drops table public.users and all its rows"
        );
    }

    #[test]
    fn a_partition_lists_only_its_own_constraints() {
        let mut t = table("public.m_2024", vec![column("at", "date")]);
        t.partition_of = Some(PartitionOf {
            parent: "public.m".into(),
            bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')".into(),
        });
        assert_eq!(
            TableOp::Create(t.clone()).render(),
            vec![
                "CREATE TABLE public.m_2024 PARTITION OF public.m \
                 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"
            ]
        );
        t.partition_by = Some("RANGE (at)".into());
        t.constraints.insert(
            "m_2024_at_check".into(),
            check("m_2024_at_check", "CHECK ((at IS NOT NULL))"),
        );
        assert_eq!(
            TableOp::Create(t).render(),
            vec![
                "CREATE TABLE public.m_2024 PARTITION OF public.m (\n    \
                 CONSTRAINT m_2024_at_check CHECK ((at IS NOT NULL))\n) \
                 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY RANGE (at);"
            ]
        );
    }

    #[test]
    fn rename_and_comment() {
        let rename = TableOp::Rename {
            from: "public.users".into(),
            to: "public.people".into(),
        };
        assert_eq!(
            rename.render(),
            vec!["ALTER TABLE public.users RENAME TO people;"]
        );
        assert_eq!(
            rename.describe(),
            "rename table public.users to public.people"
        );
        assert_eq!(rename.inverse().inverse(), rename);
        let mut from = schema();
        from.tables.insert("public.users".into(), users());
        let mut to = from.clone();
        to.tables.get_mut("public.users").unwrap().comment = None;
        let ops = diff(&from, &to);
        assert_eq!(sql(&ops), vec!["COMMENT ON TABLE public.users IS NULL;"]);
        assert_eq!(ops[0].describe(), "comment on table public.users");
        assert_eq!(
            sql(&inverses(&ops)),
            vec!["COMMENT ON TABLE public.users IS 'people';"]
        );
    }

    #[test]
    fn foreign_keys_follow_every_table() {
        let mut orders = table("public.orders", vec![column("user_id", "integer")]);
        orders.constraints.insert(
            "orders_user_id_fkey".into(),
            foreign_key("orders_user_id_fkey", "user_id", "public.users"),
        );
        let mut to = schema();
        to.tables.insert("public.orders".into(), orders);
        to.tables.insert("public.users".into(), users());
        let described: Vec<String> = diff(&schema(), &to).iter().map(Op::describe).collect();
        assert_eq!(
            described,
            vec![
                "add table public.orders",
                "add table public.users",
                "add constraint orders_user_id_fkey on public.orders",
            ]
        );
        let back: Vec<String> = diff(&to, &schema()).iter().map(Op::describe).collect();
        assert_eq!(
            back,
            vec![
                "drop constraint orders_user_id_fkey on public.orders",
                "drop table public.users",
                "drop table public.orders",
            ]
        );
    }
}
