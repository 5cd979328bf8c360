//! `CREATE EXTENSION` and `DROP EXTENSION`. An extension that changes (its
//! schema) is dropped and created again; one that goes is dropped once
//! nothing uses its types any more.

use crate::tr;
use super::comments::CommentKeys;
use crate::autogen::postgres::context::Context;
use crate::autogen::postgres::model::Extension;

#[derive(Debug, Clone, PartialEq)]
pub enum ExtensionOp {
    Create(Extension),
    Drop(Extension),
}

impl ExtensionOp {
    pub fn inverse(&self) -> ExtensionOp {
        match self.clone() {
            ExtensionOp::Create(x) => ExtensionOp::Drop(x),
            ExtensionOp::Drop(x) => ExtensionOp::Create(x),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            ExtensionOp::Create(x) => tr!("autogen-add-extension", name = &x.name),
            ExtensionOp::Drop(x) => tr!("autogen-drop-extension", name = &x.name),
        }
    }

    pub fn danger(&self) -> Option<String> {
        match self {
            ExtensionOp::Drop(x) => Some(tr!("autogen-danger-drop-extension", name = &x.name)),
            ExtensionOp::Create(_) => None,
        }
    }

    pub fn render(&self) -> Vec<String> {
        match self {
            ExtensionOp::Create(x) => vec![format!(
                "CREATE EXTENSION IF NOT EXISTS {} WITH SCHEMA {};",
                x.name, x.schema
            )],
            ExtensionOp::Drop(x) => vec![format!("DROP EXTENSION IF EXISTS {};", x.name)],
        }
    }

    pub(crate) fn comment_keys(&self, _: &mut CommentKeys) {}
}

/// Extensions the target adds, and those it has otherwise (dropped and
/// created again).
pub fn create_or_replace<O: From<ExtensionOp>>(cx: &Context) -> Vec<O> {
    let mut ops = Vec::new();
    for new in cx.to.extensions.values() {
        match cx.from.extensions.get(&new.name) {
            Some(old) if old == new => {}
            Some(old) => {
                ops.push(ExtensionOp::Drop(old.clone()).into());
                ops.push(ExtensionOp::Create(new.clone()).into());
            }
            None => ops.push(ExtensionOp::Create(new.clone()).into()),
        }
    }
    ops
}

/// Extensions the target no longer has.
pub fn drop_removed<O: From<ExtensionOp>>(cx: &Context) -> Vec<O> {
    cx.from
        .extensions
        .values()
        .filter(|old| !cx.to.extensions.contains_key(&old.name))
        .map(|old| ExtensionOp::Drop(old.clone()).into())
        .collect()
}
