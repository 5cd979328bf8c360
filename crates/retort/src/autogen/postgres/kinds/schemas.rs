//! `CREATE SCHEMA` and `DROP SCHEMA`. Schemas are created before anything
//! that may live in them and dropped after everything else.

use super::comments::CommentKeys;
use crate::autogen::postgres::diff::Context;
use crate::autogen::postgres::ops::Op;

#[derive(Debug, Clone, PartialEq)]
pub enum SchemaOp {
    Create(String),
    Drop(String),
}

impl SchemaOp {
    pub fn inverse(&self) -> SchemaOp {
        match self.clone() {
            SchemaOp::Create(s) => SchemaOp::Drop(s),
            SchemaOp::Drop(s) => SchemaOp::Create(s),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            SchemaOp::Create(s) => format!("add schema {s}"),
            SchemaOp::Drop(s) => format!("drop schema {s}"),
        }
    }

    pub fn danger(&self) -> Option<String> {
        match self {
            SchemaOp::Drop(s) => Some(format!("drops schema {s}")),
            SchemaOp::Create(_) => None,
        }
    }

    pub fn render(&self) -> Vec<String> {
        match self {
            SchemaOp::Create(s) => vec![format!("CREATE SCHEMA {s};")],
            SchemaOp::Drop(s) => vec![format!("DROP SCHEMA {s};")],
        }
    }

    pub(crate) fn comment_keys(&self, keys: &mut CommentKeys) {
        match self {
            SchemaOp::Drop(s) => keys.drop(format!("SCHEMA {s}")),
            SchemaOp::Create(s) => keys.create(format!("SCHEMA {s}")),
        }
    }
}

/// Schemas the target adds.
pub fn create(cx: &Context) -> Vec<Op> {
    cx.to
        .schemas
        .iter()
        .filter(|name| !cx.from.schemas.contains(*name))
        .map(|name| SchemaOp::Create(name.clone()).into())
        .collect()
}

/// Schemas the target no longer has.
pub fn drop_removed(cx: &Context) -> Vec<Op> {
    cx.from
        .schemas
        .iter()
        .filter(|name| !cx.to.schemas.contains(*name))
        .map(|name| SchemaOp::Drop(name.clone()).into())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autogen::postgres::diff;
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
}
