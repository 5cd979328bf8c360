//! `CREATE SCHEMA` and `DROP SCHEMA`. Schemas are created before anything
//! that may live in them and dropped after everything else.

use crate::tr;
use super::comments::CommentKeys;
use crate::autogen::postgres::context::Context;

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
            SchemaOp::Create(s) => tr!("autogen-add-schema", name = s),
            SchemaOp::Drop(s) => tr!("autogen-drop-schema", name = s),
        }
    }

    pub fn danger(&self) -> Option<String> {
        match self {
            SchemaOp::Drop(s) => Some(tr!("autogen-danger-drop-schema", name = s)),
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
pub fn create<O: From<SchemaOp>>(cx: &Context) -> Vec<O> {
    cx.to
        .schemas
        .iter()
        .filter(|name| !cx.from.schemas.contains(*name))
        .map(|name| SchemaOp::Create(name.clone()).into())
        .collect()
}

/// Schemas the target no longer has.
pub fn drop_removed<O: From<SchemaOp>>(cx: &Context) -> Vec<O> {
    cx.from
        .schemas
        .iter()
        .filter(|name| !cx.to.schemas.contains(*name))
        .map(|name| SchemaOp::Drop(name.clone()).into())
        .collect()
}
