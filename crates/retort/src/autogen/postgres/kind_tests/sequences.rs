//! The sequences kind: its ops, and where the diff puts them.

use crate::autogen::postgres::diff;
use crate::autogen::postgres::kinds::sequences::*;
use crate::autogen::postgres::kinds::test_support::*;
use crate::autogen::postgres::model::*;
use crate::autogen::postgres::ops::*;

#[test]
fn create_and_drop() {
    let create = SequenceOp::Create(sequence("public.s"));
    assert_eq!(
        create.render(),
        vec![
            "CREATE SEQUENCE public.s AS bigint INCREMENT BY 1 MINVALUE 1 \
             MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;"
        ]
    );
    assert_eq!(create.describe(), "add sequence public.s");
    assert_eq!(create.danger(), None);
    assert_eq!(create.inverse().render(), vec!["DROP SEQUENCE public.s;"]);
    assert_eq!(create.inverse().inverse(), create);
    assert_eq!(
        create.inverse().danger().unwrap(),
        "drops sequence public.s"
    );
}

#[test]
fn alter_names_no_cycle() {
    let from = sequence("public.s");
    let mut to = sequence("public.s");
    to.increment = "10".into();
    let op = SequenceOp::Alter {
        from: Box::new(from),
        to: Box::new(to),
    };
    assert_eq!(
        op.render(),
        vec![
            "ALTER SEQUENCE public.s AS bigint INCREMENT BY 10 MINVALUE 1 \
             MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE;"
        ]
    );
    assert_eq!(op.describe(), "change sequence public.s");
    assert_eq!(op.danger(), None);
    assert_eq!(op.inverse().inverse(), op);
}

#[test]
fn owner_and_rename() {
    let own = SequenceOp::SetOwner {
        sequence: "public.s".into(),
        from: None,
        to: Some(ColumnRef {
            table: "public.t".into(),
            column: "id".into(),
        }),
    };
    assert_eq!(
        own.render(),
        vec!["ALTER SEQUENCE public.s OWNED BY public.t.id;"]
    );
    assert_eq!(own.describe(), "sequence public.s owned by public.t.id");
    assert_eq!(
        own.inverse().render(),
        vec!["ALTER SEQUENCE public.s OWNED BY NONE;"]
    );
    assert_eq!(own.inverse().inverse(), own);
    let rename = SequenceOp::Rename {
        from: "public.a_id_seq".into(),
        to: "public.b_id_seq".into(),
    };
    assert_eq!(
        rename.render(),
        vec!["ALTER SEQUENCE public.a_id_seq RENAME TO b_id_seq;"]
    );
    assert_eq!(rename.inverse().inverse(), rename);
}

#[test]
fn an_owned_sequence_is_created_then_owned_once_its_column_exists() {
    let mut to = schema();
    to.tables.insert(
        "public.t".into(),
        table("public.t", vec![column("id", "integer")]),
    );
    let mut s = sequence("public.s");
    s.owned_by = Some(ColumnRef {
        table: "public.t".into(),
        column: "id".into(),
    });
    to.sequences.insert("public.s".into(), s);
    let ops = diff(&schema(), &to);
    let described: Vec<String> = ops.iter().map(Op::describe).collect();
    assert_eq!(
        described,
        vec![
            "add sequence public.s",
            "add table public.t",
            "sequence public.s owned by public.t.id",
        ]
    );
    let back: Vec<String> = diff(&to, &schema()).iter().map(Op::describe).collect();
    assert_eq!(
        back,
        vec![
            "sequence public.s owned by nothing",
            "drop table public.t",
            "drop sequence public.s",
        ]
    );
}
