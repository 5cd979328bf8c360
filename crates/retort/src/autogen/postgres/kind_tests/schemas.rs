//! The schemas kind: its ops, and where the diff puts them.

use super::support::*;
use crate::autogen::postgres::diff;
use crate::autogen::postgres::kinds::schemas::*;
use crate::autogen::postgres::kinds::test_support::*;

#[test]
fn create_and_drop() {
    let create = SchemaOp::Create("app".into());
    assert_eq!(create.render(), vec!["CREATE SCHEMA app;"]);
    assert_eq!(create.describe(), "add schema app");
    assert_eq!(create.danger(), None);
    assert_eq!(create.inverse().render(), vec!["DROP SCHEMA app;"]);
    assert_eq!(create.inverse().inverse(), create);
    assert_eq!(create.inverse().danger().unwrap(), "drops schema app");
}

#[test]
fn diff_adds_and_drops() {
    let mut from = schema();
    from.schemas.insert("old".into());
    let mut to = schema();
    to.schemas.insert("new".into());
    assert_eq!(
        sql(&diff(&from, &to)),
        vec!["CREATE SCHEMA new;", "DROP SCHEMA old;"]
    );
    assert!(diff(&to, &to).is_empty());
}
