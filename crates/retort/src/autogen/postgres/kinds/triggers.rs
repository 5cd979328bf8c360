//! Triggers. A changed trigger is dropped and created again; so is one on a
//! replaced table, or on a view that is rebuilt (which takes its INSTEAD OF
//! triggers with it). Triggers go first and come last, after the functions
//! they call.

use crate::tr;
use super::comments::CommentKeys;
use crate::autogen::postgres::context::Context;
use crate::autogen::postgres::model::*;

#[derive(Debug, Clone, PartialEq)]
pub enum TriggerOp {
    Create(Trigger),
    Drop(Trigger),
}

impl TriggerOp {
    pub fn inverse(&self) -> TriggerOp {
        match self.clone() {
            TriggerOp::Create(t) => TriggerOp::Drop(t),
            TriggerOp::Drop(t) => TriggerOp::Create(t),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            TriggerOp::Create(t) => tr!("autogen-add-trigger", name = &t.name, table = &t.table),
            TriggerOp::Drop(t) => tr!("autogen-drop-trigger", name = &t.name, table = &t.table),
        }
    }

    pub fn danger(&self) -> Option<String> {
        None
    }

    pub fn render(&self) -> Vec<String> {
        match self {
            TriggerOp::Create(t) => vec![format!("{};", t.definition)],
            TriggerOp::Drop(t) => vec![format!("DROP TRIGGER {} ON {};", t.name, t.table)],
        }
    }

    pub(crate) fn comment_keys(&self, keys: &mut CommentKeys) {
        match self {
            TriggerOp::Drop(t) => keys.drop(format!("TRIGGER {} ON {}", t.name, t.table)),
            TriggerOp::Create(t) => keys.create(format!("TRIGGER {} ON {}", t.name, t.table)),
        }
    }
}

/// True when the trigger keyed `key` is dropped and created again.
fn redone(cx: &Context, key: &str, trigger: &Trigger, other: &Schema) -> bool {
    other.triggers.get(key) != Some(trigger)
        || cx.replaced.contains(&trigger.table)
        || cx.rebuilt_views.contains(&trigger.table)
}

/// Triggers that change or go, first of all.
pub fn drop_changed<O: From<TriggerOp>>(cx: &Context) -> Vec<O> {
    cx.from
        .triggers
        .iter()
        .filter(|(key, old)| redone(cx, key, old, cx.to))
        .map(|(_, old)| TriggerOp::Drop(old.clone()).into())
        .collect()
}

/// Triggers that change or are new, once their table (or view) and
/// function exist.
pub fn create_changed<O: From<TriggerOp>>(cx: &Context) -> Vec<O> {
    cx.to
        .triggers
        .iter()
        .filter(|(key, new)| redone(cx, key, new, cx.from))
        .map(|(_, new)| TriggerOp::Create(new.clone()).into())
        .collect()
}
