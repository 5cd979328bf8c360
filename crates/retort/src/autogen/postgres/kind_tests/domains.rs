//! The domains kind: its ops, and where the diff puts them.

use super::support::*;
use crate::autogen::postgres::diff;
use crate::autogen::postgres::kinds::domains::*;
use crate::autogen::postgres::kinds::test_support::*;
use crate::autogen::postgres::model::*;

fn positive(data_type: &str) -> Domain {
    Domain {
        name: "public.positive".into(),
        data_type: data_type.into(),
        default: None,
        not_null: false,
        collation: None,
        checks: [(
            "positive_check".to_string(),
            "CHECK ((VALUE > 0))".to_string(),
        )]
        .into(),
    }
}

#[test]
fn create_and_drop() {
    let mut d = positive("integer");
    d.default = Some("1".into());
    d.not_null = true;
    let create = DomainOp::Create(d);
    assert_eq!(
        create.render(),
        vec![
            "CREATE DOMAIN public.positive AS integer DEFAULT 1 NOT NULL \
             CONSTRAINT positive_check CHECK ((VALUE > 0));"
        ]
    );
    assert_eq!(create.describe(), "add domain public.positive");
    assert_eq!(create.danger(), None);
    assert_eq!(
        create.inverse().render(),
        vec!["DROP DOMAIN public.positive;"]
    );
    assert_eq!(create.inverse().inverse(), create);
    assert_eq!(
        create.inverse().danger().unwrap(),
        "drops domain public.positive"
    );
}

#[test]
fn alter_in_place() {
    let from = positive("integer");
    let mut to = positive("integer");
    to.not_null = true;
    to.default = Some("1".into());
    to.checks
        .insert("positive_check".into(), "CHECK ((VALUE > 1))".into());
    let op = DomainOp::Alter {
        from: from.clone(),
        to,
    };
    assert_eq!(
        op.render(),
        vec![
            "ALTER DOMAIN public.positive DROP CONSTRAINT positive_check;",
            "ALTER DOMAIN public.positive SET DEFAULT 1;",
            "ALTER DOMAIN public.positive SET NOT NULL;",
            "ALTER DOMAIN public.positive ADD CONSTRAINT positive_check CHECK ((VALUE > 1));",
        ]
    );
    assert_eq!(
        op.danger().unwrap(),
        "tightens domain public.positive: fails if a value breaks it"
    );
    assert_eq!(
        op.inverse().render(),
        vec![
            "ALTER DOMAIN public.positive DROP CONSTRAINT positive_check;",
            "ALTER DOMAIN public.positive DROP DEFAULT;",
            "ALTER DOMAIN public.positive DROP NOT NULL;",
            "ALTER DOMAIN public.positive ADD CONSTRAINT positive_check CHECK ((VALUE > 0));",
        ]
    );
    assert_eq!(op.inverse().inverse(), op);
    let mut looser = from.clone();
    looser.checks.clear();
    assert_eq!(DomainOp::Alter { from, to: looser }.danger(), None);
}

#[test]
fn a_new_base_type_rebuilds_the_domain() {
    let mut from = schema();
    from.domains
        .insert("public.positive".into(), positive("integer"));
    from.tables.insert(
        "public.t".into(),
        table("public.t", vec![column("n", "positive")]),
    );
    let mut to = from.clone();
    to.domains
        .insert("public.positive".into(), positive("bigint"));
    let ops = diff(&from, &to);
    assert_eq!(
        sql(&ops),
        vec![
            "ALTER DOMAIN public.positive RENAME TO positive__retort_old;",
            "CREATE DOMAIN public.positive AS bigint CONSTRAINT positive_check CHECK ((VALUE > 0));",
            "ALTER TABLE public.t ALTER COLUMN n TYPE public.positive USING n::bigint::public.positive;",
            "DROP DOMAIN public.positive__retort_old;",
        ]
    );
    assert_eq!(
        ops[0].describe(),
        "change domain public.positive from integer to bigint"
    );
    assert_eq!(
        ops[0].danger().unwrap(),
        "changes the base type of domain public.positive from integer to bigint: values may not convert"
    );
    assert_eq!(ops[0].inverse().inverse(), ops[0]);
}
