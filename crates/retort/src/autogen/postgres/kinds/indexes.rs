//! Indexes that no constraint owns. A changed index is dropped and created
//! again; so is one on a replaced table, one on a rebuilt materialized view
//! (which takes it along), and one that casts to a rebuilt type. Indexes on
//! materialized views go before their view and come after it.

use crate::tr;
use super::comments::CommentKeys;
use crate::autogen::postgres::context::Context;
use crate::autogen::postgres::model::*;
use crate::autogen::postgres::text::bare;

#[derive(Debug, Clone, PartialEq)]
pub enum IndexOp {
    Create(Index),
    Drop(Index),
    /// An index named after a renamed table, renamed with it.
    Rename {
        from: String,
        to: String,
    },
}

impl IndexOp {
    pub fn inverse(&self) -> IndexOp {
        match self.clone() {
            IndexOp::Create(i) => IndexOp::Drop(i),
            IndexOp::Drop(i) => IndexOp::Create(i),
            IndexOp::Rename { from, to } => IndexOp::Rename { from: to, to: from },
        }
    }

    pub fn describe(&self) -> String {
        match self {
            IndexOp::Create(i) => tr!("autogen-add-index", name = &i.name),
            IndexOp::Drop(i) => tr!("autogen-drop-index", name = &i.name),
            IndexOp::Rename { from, to } => tr!("autogen-rename-index", from = from, to = to),
        }
    }

    pub fn danger(&self) -> Option<String> {
        None
    }

    pub fn render(&self) -> Vec<String> {
        match self {
            IndexOp::Create(i) => vec![format!("{};", i.definition)],
            IndexOp::Drop(i) => vec![format!("DROP INDEX {};", i.name)],
            IndexOp::Rename { from, to } => {
                vec![format!("ALTER INDEX {from} RENAME TO {};", bare(to))]
            }
        }
    }

    /// As [`IndexOp::render`], built and dropped without locking out
    /// writes (and outside a transaction).
    pub fn render_concurrently(&self) -> Vec<String> {
        match self {
            IndexOp::Create(i) => vec![format!(
                "{};",
                i.definition.replacen(" INDEX ", " INDEX CONCURRENTLY ", 1)
            )],
            IndexOp::Drop(i) => vec![format!("DROP INDEX CONCURRENTLY {};", i.name)],
            IndexOp::Rename { .. } => self.render(),
        }
    }

    pub(crate) fn comment_keys(&self, keys: &mut CommentKeys) {
        match self {
            IndexOp::Drop(i) => keys.drop(format!("INDEX {}", i.name)),
            IndexOp::Create(i) => keys.create(format!("INDEX {}", i.name)),
            IndexOp::Rename { .. } => {}
        }
    }
}

/// True when the index is dropped and created again: `other` lacks it or
/// defines it otherwise, or its table is replaced, or its materialized view
/// rebuilt, or it casts to a rebuilt type.
fn redone(cx: &Context, index: &Index, other: &Schema) -> bool {
    other.indexes.get(&index.name) != Some(index)
        || cx.rebuilt_matviews.contains(&index.table)
        || cx.replaced.contains(&index.table)
        || cx.mentions_retyped(&index.definition)
}

/// Indexes on materialized views that change, before their view goes.
pub fn drop_on_views<O: From<IndexOp>>(cx: &Context) -> Vec<O> {
    drop_where(cx, |table| cx.from.views.contains_key(table))
}

/// Indexes on tables that change.
pub fn drop_on_tables<O: From<IndexOp>>(cx: &Context) -> Vec<O> {
    drop_where(cx, |table| !cx.from.views.contains_key(table))
}

/// Indexes on tables that the target adds or changes.
pub fn create_on_tables<O: From<IndexOp>>(cx: &Context) -> Vec<O> {
    create_where(cx, |table| !cx.to.views.contains_key(table))
}

/// Indexes on materialized views, once their view exists.
pub fn create_on_views<O: From<IndexOp>>(cx: &Context) -> Vec<O> {
    create_where(cx, |table| cx.to.views.contains_key(table))
}

fn drop_where<O: From<IndexOp>>(cx: &Context, on: impl Fn(&str) -> bool) -> Vec<O> {
    cx.from
        .indexes
        .values()
        .filter(|old| on(&old.table) && redone(cx, old, cx.to))
        .map(|old| IndexOp::Drop(old.clone()).into())
        .collect()
}

fn create_where<O: From<IndexOp>>(cx: &Context, on: impl Fn(&str) -> bool) -> Vec<O> {
    cx.to
        .indexes
        .values()
        .filter(|new| on(&new.table) && redone(cx, new, cx.from))
        .map(|new| IndexOp::Create(new.clone()).into())
        .collect()
}
