//! The extensions kind: its ops, and where the diff puts them.

use super::support::*;
use crate::autogen::postgres::diff;
use crate::autogen::postgres::kinds::extensions::*;
use crate::autogen::postgres::kinds::test_support::*;
use crate::autogen::postgres::model::*;

fn citext(schema: &str) -> Extension {
    Extension {
        name: "citext".into(),
        schema: schema.into(),
    }
}

#[test]
fn create_and_drop() {
    let create = ExtensionOp::Create(citext("public"));
    assert_eq!(
        create.render(),
        vec!["CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;"]
    );
    assert_eq!(create.describe(), "add extension citext");
    assert_eq!(create.danger(), None);
    assert_eq!(
        create.inverse().render(),
        vec!["DROP EXTENSION IF EXISTS citext;"]
    );
    assert_eq!(create.inverse().inverse(), create);
    assert_eq!(create.inverse().danger().unwrap(), "drops extension citext");
}

#[test]
fn a_moved_extension_is_created_again() {
    let mut from = schema();
    from.extensions.insert("citext".into(), citext("public"));
    let mut to = schema();
    to.extensions.insert("citext".into(), citext("ext"));
    assert_eq!(
        sql(&diff(&from, &to)),
        vec![
            "DROP EXTENSION IF EXISTS citext;",
            "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA ext;",
        ]
    );
    assert_eq!(
        sql(&diff(&from, &schema())),
        vec!["DROP EXTENSION IF EXISTS citext;"]
    );
}
