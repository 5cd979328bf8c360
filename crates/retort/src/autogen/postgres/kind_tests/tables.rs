//! The tables kind: its ops, and where the diff puts them.

use super::support::*;
use crate::autogen::postgres::diff;
use crate::autogen::postgres::kinds::tables::*;
use crate::autogen::postgres::kinds::test_support::*;
use crate::autogen::postgres::model::*;
use crate::autogen::postgres::ops::*;

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
