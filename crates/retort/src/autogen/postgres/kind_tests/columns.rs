//! The columns kind: its ops, and where the diff puts them.

use super::support::*;
use crate::autogen::postgres::diff;
use crate::autogen::postgres::kinds::columns::*;
use crate::autogen::postgres::kinds::test_support::*;
use crate::autogen::postgres::model::*;

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
        definition("public.t", &id),
        "id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100) NOT NULL"
    );
    assert_eq!(add(id).danger(), None);
    let mut total = column("total", "numeric");
    total.generated = Some("(price * 2)".into());
    assert_eq!(
        definition("public.t", &total),
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
        from: Box::new(from),
        to: Box::new(to),
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
        from: Box::new(from),
        to: Box::new(to),
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

/// `public.t` with columns `x` and `y` as `f` makes them, on a server that
/// names NOT NULL constraints or not.
fn named_schema(names: bool, f: impl Fn(&mut Column, &mut Column)) -> Schema {
    let (mut x, mut y) = (column("x", "integer"), column("y", "integer"));
    f(&mut x, &mut y);
    let mut s = schema();
    s.not_null_names = names;
    s.tables
        .insert("public.t".into(), table("public.t", vec![x, y]));
    s
}

fn not_null(c: &mut Column, name: &str) {
    c.not_null = true;
    c.not_null_name = Some(name.into());
}

#[test]
fn not_null_constraint_names_are_renamed_and_chosen() {
    let a = named_schema(true, |x, _| not_null(x, "x_required"));
    let b = named_schema(true, |x, y| {
        not_null(x, "x_must");
        not_null(y, "y_required");
    });
    let ops = diff(&a, &b);
    assert_eq!(
        sql(&ops),
        vec![
            "ALTER TABLE public.t RENAME CONSTRAINT x_required TO x_must;",
            "ALTER TABLE public.t ADD CONSTRAINT y_required NOT NULL y;",
        ]
    );
    assert_eq!(
        sql(&inverses(&ops)),
        vec![
            "ALTER TABLE public.t ALTER COLUMN y DROP NOT NULL;",
            "ALTER TABLE public.t RENAME CONSTRAINT x_must TO x_required;",
        ]
    );
    // The default name is what SET NOT NULL gives.
    let b = named_schema(true, |x, y| {
        not_null(x, "x_required");
        not_null(y, "t_y_not_null");
    });
    assert_eq!(
        sql(&diff(&a, &b)),
        vec!["ALTER TABLE public.t ALTER COLUMN y SET NOT NULL;"]
    );
    assert!(diff(&b, &b).is_empty());
}

#[test]
fn not_null_constraint_names_count_only_when_both_servers_have_them() {
    let mut named = named_schema(true, |x, _| not_null(x, "x_required"));
    // A comment on it goes with the name.
    named
        .comments
        .insert("CONSTRAINT x_required ON public.t".into(), "must".into());
    assert!(diff(&named, &named).is_empty());
    let unnamed = named_schema(false, |x, _| x.not_null = true);
    assert!(diff(&named, &unnamed).is_empty());
    assert!(diff(&unnamed, &named).is_empty());
    // A column made NOT NULL for an older server is SET NOT NULL, never
    // the ADD CONSTRAINT ... NOT NULL it does not know.
    let before = named_schema(false, |_, _| {});
    let after = named_schema(true, |x, y| {
        not_null(x, "x_required");
        not_null(y, "y_required");
    });
    assert_eq!(
        sql(&diff(&before, &after)),
        vec![
            "ALTER TABLE public.t ALTER COLUMN x SET NOT NULL;",
            "ALTER TABLE public.t ALTER COLUMN y SET NOT NULL;",
        ]
    );
}

#[test]
fn a_chosen_not_null_name_is_written_where_the_column_is_made() {
    let mut x = column("x", "integer");
    not_null(&mut x, "t_x_not_null");
    assert_eq!(definition("public.t", &x), "x integer NOT NULL");
    not_null(&mut x, "base_x_not_null");
    assert_eq!(
        definition("public.t", &x),
        "x integer CONSTRAINT base_x_not_null NOT NULL"
    );
}

#[test]
fn virtual_generated_columns_say_so_and_are_rebuilt_to_become_stored() {
    let mut g = column("g", "integer");
    g.generated = Some("(n * 2)".into());
    g.generated_virtual = true;
    assert_eq!(
        definition("public.t", &g),
        "g integer GENERATED ALWAYS AS ((n * 2)) VIRTUAL"
    );
    let a = named_schema(false, |x, _| *x = g.clone());
    let b = named_schema(false, |x, _| {
        *x = g.clone();
        x.generated_virtual = false;
    });
    assert_eq!(
        sql(&diff(&a, &b)),
        vec![
            "ALTER TABLE public.t DROP COLUMN g;",
            "ALTER TABLE public.t ADD COLUMN g integer GENERATED ALWAYS AS ((n * 2)) STORED;",
        ]
    );
}

#[test]
fn a_not_valid_not_null_is_a_constraint_and_counts_as_not_null_for_older_servers() {
    let mut named = named_schema(true, |_, _| {});
    named.tables.get_mut("public.t").unwrap().constraints.insert(
        "x_later".into(),
        Constraint {
            name: "x_later".into(),
            kind: ConstraintKind::NotNullNotValid,
            definition: "NOT NULL x NOT VALID".into(),
            references: None,
        },
    );
    named
        .comments
        .insert("CONSTRAINT x_later ON public.t".into(), "later".into());
    assert_eq!(
        sql(&diff(&named_schema(true, |_, _| {}), &named))[..1],
        vec!["ALTER TABLE public.t ADD CONSTRAINT x_later NOT NULL x NOT VALID;"]
    );
    let unnamed = named_schema(false, |x, _| x.not_null = true);
    assert!(diff(&named, &unnamed).is_empty());
    assert!(diff(&unnamed, &named).is_empty());
}
