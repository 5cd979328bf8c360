//! Views and materialized views. A view is never altered: one that changes
//! is dropped and created again, and so is every view reading a table whose
//! columns change (PostgreSQL refuses to alter or drop a column a view
//! uses) or a view that is rebuilt. Views are dropped dependents first and
//! created in dependency order ([`order`]).

use super::comments::CommentKeys;
use crate::autogen::postgres::diff::Context;
use crate::autogen::postgres::model::*;
use crate::autogen::postgres::ops::Op;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq)]
pub enum ViewOp {
    Create(View),
    Drop(View),
}

impl ViewOp {
    pub fn inverse(&self) -> ViewOp {
        match self.clone() {
            ViewOp::Create(v) => ViewOp::Drop(v),
            ViewOp::Drop(v) => ViewOp::Create(v),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            ViewOp::Create(v) => format!("add view {}", v.name),
            ViewOp::Drop(v) => format!("drop view {}", v.name),
        }
    }

    pub fn danger(&self) -> Option<String> {
        None
    }

    pub fn render(&self) -> Vec<String> {
        match self {
            ViewOp::Create(v) => vec![format!(
                "CREATE {}VIEW {} AS\n{};",
                materialized(v),
                v.name,
                v.definition
            )],
            ViewOp::Drop(v) => vec![format!("DROP {}VIEW {};", materialized(v), v.name)],
        }
    }

    pub(crate) fn comment_keys(&self, keys: &mut CommentKeys) {
        match self {
            ViewOp::Drop(v) => keys.drop(comment_key(v)),
            ViewOp::Create(v) => keys.create(comment_key(v)),
        }
    }
}

fn materialized(v: &View) -> &'static str {
    if v.materialized {
        "MATERIALIZED "
    } else {
        ""
    }
}

/// What `COMMENT ON` names: `VIEW public.v` or `MATERIALIZED VIEW public.m`.
pub fn comment_key(v: &View) -> String {
    format!("{}VIEW {}", materialized(v), v.name)
}

/// Rebuilt views, dependents first.
pub fn drop_rebuilt(cx: &Context) -> Vec<Op> {
    order(&cx.from.views)
        .into_iter()
        .rev()
        .filter(|name| cx.rebuilt_views.contains(*name))
        .map(|name| ViewOp::Drop(cx.from.views[name].clone()).into())
        .collect()
}

/// Rebuilt and new views, each after the views it reads.
pub fn create(cx: &Context) -> Vec<Op> {
    order(&cx.to.views)
        .into_iter()
        .filter(|name| cx.rebuilt_views.contains(*name) || !cx.from.views.contains_key(*name))
        .map(|name| ViewOp::Create(cx.to.views[name].clone()).into())
        .collect()
}

/// Views to drop and create again: those whose definition changed or that
/// go, and those reading a table whose columns change (PostgreSQL refuses
/// to alter or drop a column a view uses) or a view that is rebuilt.
pub fn to_rebuild(
    from: &Schema,
    to: &Schema,
    touched_tables: &BTreeSet<String>,
) -> BTreeSet<String> {
    let mut rebuilt: BTreeSet<String> = from
        .views
        .values()
        .filter(|v| to.views.get(&v.name) != Some(*v))
        .map(|v| v.name.clone())
        .collect();
    // Fixed point over the dependency graph.
    loop {
        let before = rebuilt.len();
        for view in from.views.values() {
            if view
                .depends_on
                .iter()
                .any(|d| touched_tables.contains(d) || rebuilt.contains(d))
            {
                rebuilt.insert(view.name.clone());
            }
        }
        if rebuilt.len() == before {
            return rebuilt;
        }
    }
}

/// Views in an order where each comes after the views it reads.
pub fn order(views: &BTreeMap<String, View>) -> Vec<&String> {
    let mut ordered: Vec<&String> = Vec::new();
    let mut placed: BTreeSet<&String> = BTreeSet::new();
    while ordered.len() < views.len() {
        let mut progress = false;
        for (name, view) in views {
            if placed.contains(name) {
                continue;
            }
            let ready = view
                .depends_on
                .iter()
                .all(|d| !views.contains_key(d) || placed.contains(d) || d == name);
            if ready {
                placed.insert(name);
                ordered.push(name);
                progress = true;
            }
        }
        if !progress {
            // A cycle cannot be built by SQL; keep the rest in name order.
            for name in views.keys() {
                if placed.insert(name) {
                    ordered.push(name);
                }
            }
        }
    }
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autogen::postgres::diff;
    use crate::autogen::postgres::kinds::test_support::*;

    #[test]
    fn create_and_drop() {
        let mut m = view("public.m", &["public.t"]);
        m.materialized = true;
        let create = ViewOp::Create(m);
        assert_eq!(
            create.render(),
            vec!["CREATE MATERIALIZED VIEW public.m AS\n SELECT 1;"]
        );
        assert_eq!(create.describe(), "add view public.m");
        assert_eq!(create.danger(), None);
        assert_eq!(
            create.inverse().render(),
            vec!["DROP MATERIALIZED VIEW public.m;"]
        );
        assert_eq!(create.inverse().danger(), None);
        assert_eq!(create.inverse().inverse(), create);
    }

    #[test]
    fn views_come_after_what_they_read() {
        let mut views = BTreeMap::new();
        views.insert("public.a".into(), view("public.a", &["public.b"]));
        views.insert("public.b".into(), view("public.b", &["public.c"]));
        views.insert("public.c".into(), view("public.c", &["public.t"]));
        assert_eq!(order(&views), vec!["public.c", "public.b", "public.a"]);
    }

    #[test]
    fn a_view_reading_a_changed_table_is_rebuilt() {
        let mut from = schema();
        from.tables.insert(
            "public.t".into(),
            table("public.t", vec![column("n", "integer")]),
        );
        from.views
            .insert("public.v".into(), view("public.v", &["public.t"]));
        from.views
            .insert("public.w".into(), view("public.w", &["public.v"]));
        let mut to = from.clone();
        to.tables.insert(
            "public.t".into(),
            table("public.t", vec![column("n", "bigint")]),
        );
        assert_eq!(
            sql(&diff(&from, &to)),
            vec![
                "DROP VIEW public.w;",
                "DROP VIEW public.v;",
                "ALTER TABLE public.t ALTER COLUMN n TYPE bigint USING n::bigint;",
                "CREATE VIEW public.v AS\n SELECT 1;",
                "CREATE VIEW public.w AS\n SELECT 1;",
            ]
        );
    }
}
