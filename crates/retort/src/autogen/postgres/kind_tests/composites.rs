//! The composites kind: its ops, and where the diff puts them.

use super::support::*;
use crate::autogen::postgres::diff;
use crate::autogen::postgres::kinds::composites::*;
use crate::autogen::postgres::kinds::test_support::*;
use crate::autogen::postgres::model::*;

fn point(attributes: &[(&str, &str)]) -> CompositeType {
    CompositeType {
        name: "public.point".into(),
        attributes: attributes
            .iter()
            .map(|(name, data_type)| Attribute {
                name: name.to_string(),
                data_type: data_type.to_string(),
                collation: None,
            })
            .collect(),
    }
}

#[test]
fn create_and_drop() {
    let mut p = point(&[("x", "integer"), ("label", "text")]);
    p.attributes[1].collation = Some("\"C\"".into());
    let create = CompositeOp::Create(p);
    assert_eq!(
        create.render(),
        vec!["CREATE TYPE public.point AS (\n    x integer,\n    label text COLLATE \"C\"\n);"]
    );
    assert_eq!(create.describe(), "add type public.point");
    assert_eq!(create.danger(), None);
    assert_eq!(create.inverse().render(), vec!["DROP TYPE public.point;"]);
    assert_eq!(create.inverse().inverse(), create);
    assert_eq!(
        create.inverse().danger().unwrap(),
        "drops type public.point"
    );
}

#[test]
fn alter_in_place_when_no_column_holds_it() {
    let op = CompositeOp::Alter {
        from: point(&[("x", "integer"), ("y", "integer")]),
        to: point(&[("x", "bigint"), ("z", "integer")]),
        columns: vec![],
    };
    assert_eq!(
        op.render(),
        vec![
            "ALTER TYPE public.point DROP ATTRIBUTE y;",
            "ALTER TYPE public.point ALTER ATTRIBUTE x TYPE bigint;",
            "ALTER TYPE public.point ADD ATTRIBUTE z integer;",
        ]
    );
    assert_eq!(op.describe(), "change type public.point");
    assert_eq!(
        op.danger().unwrap(),
        "drops attributes of type public.point"
    );
    assert_eq!(op.inverse().inverse(), op);
}

#[test]
fn a_type_columns_hold_is_rebuilt() {
    let mut from = schema();
    from.composites
        .insert("public.point".into(), point(&[("x", "integer")]));
    from.tables.insert(
        "public.t".into(),
        table("public.t", vec![column("p", "point")]),
    );
    let mut to = from.clone();
    to.composites.insert(
        "public.point".into(),
        point(&[("x", "integer"), ("y", "integer")]),
    );
    let ops = diff(&from, &to);
    assert_eq!(
        sql(&ops),
        vec![
            "ALTER TYPE public.point RENAME TO point__retort_old;",
            "CREATE TYPE public.point AS (\n    x integer,\n    y integer\n);",
            "ALTER TABLE public.t ALTER COLUMN p TYPE public.point USING CASE WHEN p IS NOT \
             DISTINCT FROM NULL THEN NULL ELSE ROW((p).x, NULL::integer)::public.point END;",
            "DROP TYPE public.point__retort_old;",
        ]
    );
    assert_eq!(ops[0].danger(), None);
}
