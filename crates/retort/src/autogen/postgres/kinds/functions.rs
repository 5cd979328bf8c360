//! Functions and procedures. A changed body is replaced in place (`CREATE
//! OR REPLACE`) unless the result type or arguments change, which needs a
//! drop and a create. Functions that column defaults or generated columns
//! call are created before the tables and dropped after the columns let go
//! of them; the rest are dropped early and created after the tables, as
//! constraints, indexes, views and triggers may call them.

use crate::tr;
use super::comments::CommentKeys;
use crate::autogen::postgres::context::Context;
use crate::autogen::postgres::model::*;

#[derive(Debug, Clone, PartialEq)]
pub enum FunctionOp {
    Create(Function),
    Drop(Function),
    Replace { from: Function, to: Function },
}

impl FunctionOp {
    pub fn inverse(&self) -> FunctionOp {
        match self.clone() {
            FunctionOp::Create(f) => FunctionOp::Drop(f),
            FunctionOp::Drop(f) => FunctionOp::Create(f),
            FunctionOp::Replace { from, to } => FunctionOp::Replace { from: to, to: from },
        }
    }

    pub fn describe(&self) -> String {
        match self {
            FunctionOp::Create(f) => tr!("autogen-add-function", signature = &f.signature),
            FunctionOp::Drop(f) => tr!("autogen-drop-function", signature = &f.signature),
            FunctionOp::Replace { to, .. } => {
                tr!("autogen-replace-function", signature = &to.signature)
            },
        }
    }

    pub fn danger(&self) -> Option<String> {
        match self {
            FunctionOp::Replace { from, to } if !from.replaceable_by(to) => Some(tr!(
                "autogen-danger-replace-function",
                signature = &to.signature
            )),
            _ => None,
        }
    }

    pub fn render(&self) -> Vec<String> {
        match self {
            FunctionOp::Create(f) => vec![format!("{};", f.definition)],
            FunctionOp::Replace { from, to } if !from.replaceable_by(to) => {
                vec![drop_function(from), format!("{};", to.definition)]
            }
            FunctionOp::Replace { to, .. } => vec![format!("{};", to.definition)],
            FunctionOp::Drop(f) => vec![drop_function(f)],
        }
    }

    pub(crate) fn comment_keys(&self, keys: &mut CommentKeys) {
        match self {
            FunctionOp::Drop(f) => keys.drop(comment_key(f)),
            FunctionOp::Create(f) => keys.create(comment_key(f)),
            FunctionOp::Replace { from, to } if !from.replaceable_by(to) => {
                keys.drop(comment_key(from));
                keys.create(comment_key(to));
            }
            FunctionOp::Replace { .. } => {}
        }
    }
}

fn kind(f: &Function) -> &'static str {
    if f.procedure {
        "PROCEDURE"
    } else {
        "FUNCTION"
    }
}

fn drop_function(f: &Function) -> String {
    format!("DROP {} {};", kind(f), f.signature)
}

/// What `COMMENT ON` names: `FUNCTION public.f(integer)`.
pub fn comment_key(f: &Function) -> String {
    format!("{} {}", kind(f), f.signature)
}

/// True when a column default or generated column of `schema` calls `function`
/// (by name: the deparsed expressions name it, qualified or not).
fn used_by_columns(schema: &Schema, function: &Function) -> bool {
    let qualified = function
        .signature
        .split('(')
        .next()
        .unwrap_or(&function.signature);
    let short = qualified.rsplit('.').next().unwrap_or(qualified);
    let call = format!("{short}(");
    schema.tables.values().any(|t| {
        t.columns.values().any(|c| {
            [&c.default, &c.generated]
                .into_iter()
                .flatten()
                .any(|e| e.contains(&call))
        })
    })
}

/// A function whose signature names a rebuilt type would keep the old one.
fn retyped(cx: &Context, f: &Function) -> bool {
    cx.mentions_retyped(&f.arguments) || cx.mentions_retyped(&f.result)
}

/// Functions that go or take a rebuilt type, that no column uses.
pub fn drop_unused<O: From<FunctionOp>>(cx: &Context) -> Vec<O> {
    cx.from
        .functions
        .values()
        .filter(|old| !cx.to.functions.contains_key(&old.signature) || retyped(cx, old))
        .filter(|old| !used_by_columns(cx.from, old))
        .map(|old| FunctionOp::Drop(old.clone()).into())
        .collect()
}

/// New functions that column defaults or generated columns call, before
/// the tables.
pub fn create_used_by_columns<O: From<FunctionOp>>(cx: &Context) -> Vec<O> {
    cx.to
        .functions
        .values()
        .filter(|new| !cx.from.functions.contains_key(&new.signature))
        .filter(|new| used_by_columns(cx.to, new))
        .map(|new| FunctionOp::Create(new.clone()).into())
        .collect()
}

/// Functions that go and that columns used, once the columns let go.
pub fn drop_used_by_columns<O: From<FunctionOp>>(cx: &Context) -> Vec<O> {
    cx.from
        .functions
        .values()
        .filter(|old| !cx.to.functions.contains_key(&old.signature))
        .filter(|old| used_by_columns(cx.from, old))
        .map(|old| FunctionOp::Drop(old.clone()).into())
        .collect()
}

/// The other functions the target adds, changes or takes a rebuilt type in.
pub fn create_or_replace<O: From<FunctionOp>>(cx: &Context) -> Vec<O> {
    let mut ops = Vec::new();
    for new in cx.to.functions.values() {
        match cx.from.functions.get(&new.signature) {
            Some(old) if retyped(cx, old) && !used_by_columns(cx.from, old) => {
                ops.push(FunctionOp::Create(new.clone()).into())
            }
            Some(old) if old == new => {}
            Some(old) => ops.push(
                FunctionOp::Replace {
                    from: old.clone(),
                    to: new.clone(),
                }
                .into(),
            ),
            None if used_by_columns(cx.to, new) => {}
            None => ops.push(FunctionOp::Create(new.clone()).into()),
        }
    }
    ops
}
