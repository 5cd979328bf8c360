//! The indexes kind: its ops, and where the diff puts them.

use super::support::*;
use crate::autogen::postgres::diff;
use crate::autogen::postgres::kinds::indexes::*;
use crate::autogen::postgres::kinds::test_support::*;

#[test]
fn create_and_drop() {
    let create = IndexOp::Create(index("public.t_n_idx", "public.t", "n"));
    assert_eq!(
        create.render(),
        vec!["CREATE INDEX t_n_idx ON public.t USING btree (n);"]
    );
    assert_eq!(create.describe(), "add index public.t_n_idx");
    assert_eq!(create.danger(), None);
    assert_eq!(
        create.inverse().render(),
        vec!["DROP INDEX public.t_n_idx;"]
    );
    assert_eq!(create.inverse().danger(), None);
    assert_eq!(create.inverse().inverse(), create);
}

#[test]
fn concurrently() {
    let create = IndexOp::Create(index("public.t_n_idx", "public.t", "n"));
    assert_eq!(
        create.render_concurrently(),
        vec!["CREATE INDEX CONCURRENTLY t_n_idx ON public.t USING btree (n);"]
    );
    assert_eq!(
        create.inverse().render_concurrently(),
        vec!["DROP INDEX CONCURRENTLY public.t_n_idx;"]
    );
}

#[test]
fn rename() {
    let op = IndexOp::Rename {
        from: "public.users_email_idx".into(),
        to: "public.people_email_idx".into(),
    };
    assert_eq!(
        op.render(),
        vec!["ALTER INDEX public.users_email_idx RENAME TO people_email_idx;"]
    );
    assert_eq!(op.render_concurrently(), op.render());
    assert_eq!(
        op.describe(),
        "rename index public.users_email_idx to public.people_email_idx"
    );
    assert_eq!(op.inverse().inverse(), op);
}

#[test]
fn a_changed_index_is_dropped_and_created() {
    let mut from = schema();
    from.tables.insert(
        "public.t".into(),
        table(
            "public.t",
            vec![column("n", "integer"), column("m", "integer")],
        ),
    );
    let mut to = from.clone();
    from.indexes.insert(
        "public.t_idx".into(),
        index("public.t_idx", "public.t", "n"),
    );
    to.indexes.insert(
        "public.t_idx".into(),
        index("public.t_idx", "public.t", "m"),
    );
    assert_eq!(
        sql(&diff(&from, &to)),
        vec![
            "DROP INDEX public.t_idx;",
            "CREATE INDEX t_idx ON public.t USING btree (m);",
        ]
    );
}
