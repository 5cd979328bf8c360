//! The views kind: its ops, and where the diff puts them.

use super::support::*;
use crate::autogen::postgres::diff;
use crate::autogen::postgres::kinds::test_support::*;
use crate::autogen::postgres::kinds::views::*;
use std::collections::BTreeMap;

#[test]
fn create_and_drop() {
    let mut m = view("public.m", &["public.t"]);
    m.materialized = true;
    let create = ViewOp::Create(m);
    assert_eq!(
        create.render(),
        vec!["CREATE MATERIALIZED VIEW public.m AS\n SELECT 1;"]
    );
    assert_eq!(create.describe(), "add view public.m");
    assert_eq!(create.danger(), None);
    assert_eq!(
        create.inverse().render(),
        vec!["DROP MATERIALIZED VIEW public.m;"]
    );
    assert_eq!(create.inverse().danger(), None);
    assert_eq!(create.inverse().inverse(), create);
}

#[test]
fn views_come_after_what_they_read() {
    let mut views = BTreeMap::new();
    views.insert("public.a".into(), view("public.a", &["public.b"]));
    views.insert("public.b".into(), view("public.b", &["public.c"]));
    views.insert("public.c".into(), view("public.c", &["public.t"]));
    assert_eq!(order(&views), vec!["public.c", "public.b", "public.a"]);
}

#[test]
fn a_view_reading_a_changed_table_is_rebuilt() {
    let mut from = schema();
    from.tables.insert(
        "public.t".into(),
        table("public.t", vec![column("n", "integer")]),
    );
    from.views
        .insert("public.v".into(), view("public.v", &["public.t"]));
    from.views
        .insert("public.w".into(), view("public.w", &["public.v"]));
    let mut to = from.clone();
    to.tables.insert(
        "public.t".into(),
        table("public.t", vec![column("n", "bigint")]),
    );
    assert_eq!(
        sql(&diff(&from, &to)),
        vec![
            "DROP VIEW public.w;",
            "DROP VIEW public.v;",
            "ALTER TABLE public.t ALTER COLUMN n TYPE bigint USING n::bigint;",
            "CREATE VIEW public.v AS\n SELECT 1;",
            "CREATE VIEW public.w AS\n SELECT 1;",
        ]
    );
}
