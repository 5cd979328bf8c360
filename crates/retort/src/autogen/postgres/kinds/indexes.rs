//! Indexes that no constraint owns. A changed index is dropped and created
//! again; so is one on a replaced table, one on a rebuilt materialized view
//! (which takes it along), and one that casts to a rebuilt type. Indexes on
//! materialized views go before their view and come after it.

use super::comments::CommentKeys;
use crate::autogen::postgres::diff::Context;
use crate::autogen::postgres::model::*;
use crate::autogen::postgres::ops::Op;
use crate::autogen::postgres::render::bare;

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
            IndexOp::Create(i) => format!("add index {}", i.name),
            IndexOp::Drop(i) => format!("drop index {}", i.name),
            IndexOp::Rename { from, to } => format!("rename index {from} to {to}"),
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
pub fn drop_on_views(cx: &Context) -> Vec<Op> {
    drop_where(cx, |table| cx.from.views.contains_key(table))
}

/// Indexes on tables that change.
pub fn drop_on_tables(cx: &Context) -> Vec<Op> {
    drop_where(cx, |table| !cx.from.views.contains_key(table))
}

/// Indexes on tables that the target adds or changes.
pub fn create_on_tables(cx: &Context) -> Vec<Op> {
    create_where(cx, |table| !cx.to.views.contains_key(table))
}

/// Indexes on materialized views, once their view exists.
pub fn create_on_views(cx: &Context) -> Vec<Op> {
    create_where(cx, |table| cx.to.views.contains_key(table))
}

fn drop_where(cx: &Context, on: impl Fn(&str) -> bool) -> Vec<Op> {
    cx.from
        .indexes
        .values()
        .filter(|old| on(&old.table) && redone(cx, old, cx.to))
        .map(|old| IndexOp::Drop(old.clone()).into())
        .collect()
}

fn create_where(cx: &Context, on: impl Fn(&str) -> bool) -> Vec<Op> {
    cx.to
        .indexes
        .values()
        .filter(|new| on(&new.table) && redone(cx, new, cx.from))
        .map(|new| IndexOp::Create(new.clone()).into())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autogen::postgres::diff;
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
}
