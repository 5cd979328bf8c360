//! Views and materialized views. A view is never altered: one that changes
//! is dropped and created again, and so is every view reading a table whose
//! columns change (PostgreSQL refuses to alter or drop a column a view
//! uses) or a view that is rebuilt. Views are dropped dependents first and
//! created in dependency order ([`order`]).

use crate::tr;
use super::comments::CommentKeys;
use crate::autogen::postgres::context::Context;
use crate::autogen::postgres::model::*;
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
            ViewOp::Create(v) => tr!("autogen-add-view", name = &v.name),
            ViewOp::Drop(v) => tr!("autogen-drop-view", name = &v.name),
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
pub fn drop_rebuilt<O: From<ViewOp>>(cx: &Context) -> Vec<O> {
    order(&cx.from.views)
        .into_iter()
        .rev()
        .filter(|name| cx.rebuilt_views.contains(*name))
        .map(|name| ViewOp::Drop(cx.from.views[name].clone()).into())
        .collect()
}

/// Rebuilt and new views, each after the views it reads.
pub fn create<O: From<ViewOp>>(cx: &Context) -> Vec<O> {
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
