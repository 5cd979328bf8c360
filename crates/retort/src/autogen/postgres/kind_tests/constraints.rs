//! The constraints kind: its ops, and where the diff puts them.

use super::support::*;
use crate::autogen::postgres::diff;
use crate::autogen::postgres::kinds::constraints::*;
use crate::autogen::postgres::kinds::test_support::*;

#[test]
fn add_and_drop() {
    let op = ConstraintOp::Add {
        table: "public.t".into(),
        constraint: check("t_n_check", "CHECK ((n > 0))"),
    };
    assert_eq!(
        op.render(),
        vec!["ALTER TABLE public.t ADD CONSTRAINT t_n_check CHECK ((n > 0));"]
    );
    assert_eq!(op.describe(), "add constraint t_n_check on public.t");
    assert_eq!(op.danger(), None);
    assert_eq!(
        op.inverse().render(),
        vec!["ALTER TABLE public.t DROP CONSTRAINT t_n_check;"]
    );
    assert_eq!(op.inverse().danger(), None);
    assert_eq!(op.inverse().inverse(), op);
}

#[test]
fn rename() {
    let op = ConstraintOp::Rename {
        table: "public.people".into(),
        from: "users_pkey".into(),
        to: "people_pkey".into(),
    };
    assert_eq!(
        op.render(),
        vec!["ALTER TABLE public.people RENAME CONSTRAINT users_pkey TO people_pkey;"]
    );
    assert_eq!(
        op.describe(),
        "rename constraint users_pkey on public.people to people_pkey"
    );
    assert_eq!(op.inverse().inverse(), op);
}

#[test]
fn a_changed_check_is_dropped_and_added() {
    let mut from = schema();
    let mut t = table("public.t", vec![column("n", "integer")]);
    t.constraints
        .insert("t_n_check".into(), check("t_n_check", "CHECK ((n > 0))"));
    from.tables.insert("public.t".into(), t);
    let mut to = from.clone();
    to.tables
        .get_mut("public.t")
        .unwrap()
        .constraints
        .insert("t_n_check".into(), check("t_n_check", "CHECK ((n > 1))"));
    assert_eq!(
        sql(&diff(&from, &to)),
        vec![
            "ALTER TABLE public.t DROP CONSTRAINT t_n_check;",
            "ALTER TABLE public.t ADD CONSTRAINT t_n_check CHECK ((n > 1));",
        ]
    );
}

#[test]
fn a_foreign_key_is_redone_around_a_change_of_the_key_it_refers_to() {
    let mut users = table("public.users", vec![column("id", "integer")]);
    users
        .constraints
        .insert("users_id_key".into(), unique("users_id_key", "id"));
    let mut orders = table("public.orders", vec![column("user_id", "integer")]);
    orders.constraints.insert(
        "orders_user_id_fkey".into(),
        foreign_key("orders_user_id_fkey", "user_id", "public.users"),
    );
    let mut from = schema();
    from.tables.insert("public.users".into(), users.clone());
    from.tables.insert("public.orders".into(), orders);
    let mut to = from.clone();
    users.constraints.clear();
    users
        .constraints
        .insert("users_pkey".into(), primary_key("users_pkey", "id"));
    to.tables.insert("public.users".into(), users);
    assert_eq!(
        tables_with_changed_keys(&from, &to),
        ["public.users".to_string()].into()
    );
    assert_eq!(
        sql(&diff(&from, &to)),
        vec![
            "ALTER TABLE public.orders DROP CONSTRAINT orders_user_id_fkey;",
            "ALTER TABLE public.users DROP CONSTRAINT users_id_key;",
            "ALTER TABLE public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);",
            "ALTER TABLE public.orders ADD CONSTRAINT orders_user_id_fkey \
             FOREIGN KEY (user_id) REFERENCES public.users(id);",
        ]
    );
}

/// Outside a transaction, new CHECK and FOREIGN KEY constraints on tables
/// in use are added NOT VALID and validated; those of a table the
/// migration creates, of partitioned tables, keys of other kinds and
/// constraints the target itself leaves NOT VALID are added as they are.
#[test]
fn validate_later_picks_checks_and_foreign_keys_of_tables_in_use() {
    use crate::autogen::postgres::kinds::tables::TableOp;
    use crate::autogen::postgres::ops::Op;
    let mut from = schema();
    from.tables.insert(
        "public.t".into(),
        table("public.t", vec![column("n", "integer")]),
    );
    let mut partitioned = table("public.p", vec![column("n", "integer")]);
    partitioned.partition_by = Some("RANGE (n)".into());
    from.tables.insert("public.p".into(), partitioned);
    let add = |table: &str, constraint: crate::autogen::postgres::model::Constraint| {
        Op::Constraint(ConstraintOp::Add {
            table: table.into(),
            constraint,
        })
    };
    let ops = vec![
        Op::Table(TableOp::Create(table("public.new", vec![column("n", "integer")]))),
        add("public.t", check("t_n_check", "CHECK ((n > 0))")),
        add("public.t", foreign_key("t_n_fkey", "n", "public.new")),
        add("public.t", unique("t_n_key", "n")),
        add("public.t", check("t_n_big", "CHECK ((n > 9)) NOT VALID")),
        add("public.new", check("new_n_check", "CHECK ((n > 0))")),
        add("public.p", check("p_n_check", "CHECK ((n > 0))")),
    ];
    let later: Vec<String> = crate::autogen::postgres::validate_later::validate_later(ops, &from)
        .iter()
        .filter_map(|op| match op {
            Op::Constraint(ConstraintOp::AddValidatedLater { constraint, .. }) => {
                Some(constraint.name.clone())
            }
            _ => None,
        })
        .collect();
    assert_eq!(later, ["t_n_check", "t_n_fkey"]);
    let op = ConstraintOp::AddValidatedLater {
        table: "public.t".into(),
        constraint: check("t_n_check", "CHECK ((n > 0))"),
    };
    assert_eq!(
        op.render(),
        vec![
            "ALTER TABLE public.t ADD CONSTRAINT t_n_check CHECK ((n > 0)) NOT VALID;",
            "ALTER TABLE public.t VALIDATE CONSTRAINT t_n_check;"
        ]
    );
    assert_eq!(
        op.inverse().render(),
        vec!["ALTER TABLE public.t DROP CONSTRAINT t_n_check;"]
    );
}
