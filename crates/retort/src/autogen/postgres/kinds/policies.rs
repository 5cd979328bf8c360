//! Row-level security: a table's switches (`ENABLE`/`FORCE ROW LEVEL
//! SECURITY`) and its policies. A policy reads its table's columns, which
//! cannot change under it: it is dropped and created again around any
//! change to them, as when it changes itself.

use crate::tr;
use super::comments::CommentKeys;
use crate::autogen::postgres::context::Context;
use crate::autogen::postgres::model::*;

#[derive(Debug, Clone, PartialEq)]
pub enum PolicyOp {
    Create(Policy),
    Drop(Policy),
    /// ENABLE/DISABLE and FORCE/NO FORCE ROW LEVEL SECURITY.
    SetRowSecurity {
        table: String,
        from: RowSecurity,
        to: RowSecurity,
    },
}

/// A table's row-level security switches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowSecurity {
    pub enabled: bool,
    pub forced: bool,
}

impl RowSecurity {
    pub fn of(table: &Table) -> RowSecurity {
        RowSecurity {
            enabled: table.row_security,
            forced: table.force_row_security,
        }
    }
}

impl PolicyOp {
    pub fn inverse(&self) -> PolicyOp {
        match self.clone() {
            PolicyOp::Create(p) => PolicyOp::Drop(p),
            PolicyOp::Drop(p) => PolicyOp::Create(p),
            PolicyOp::SetRowSecurity { table, from, to } => PolicyOp::SetRowSecurity {
                table,
                from: to,
                to: from,
            },
        }
    }

    pub fn describe(&self) -> String {
        match self {
            PolicyOp::Create(p) => tr!("autogen-add-policy", name = &p.name, table = &p.table),
            PolicyOp::Drop(p) => tr!("autogen-drop-policy", name = &p.name, table = &p.table),
            PolicyOp::SetRowSecurity { table, to, .. } => match (to.enabled, to.forced) {
                (true, false) => tr!("autogen-row-security-enabled", table = table),
                (true, true) => tr!("autogen-row-security-enabled-forced", table = table),
                (false, false) => tr!("autogen-row-security-disabled", table = table),
                (false, true) => tr!("autogen-row-security-disabled-forced", table = table),
            },
        }
    }

    pub fn danger(&self) -> Option<String> {
        match self {
            PolicyOp::Drop(p) => Some(tr!(
                "autogen-danger-drop-policy",
                name = &p.name,
                table = &p.table
            )),
            PolicyOp::SetRowSecurity { table, from, to } if from.enabled && !to.enabled => {
                Some(tr!("autogen-danger-disable-row-security", table = table))
            }
            _ => None,
        }
    }

    pub fn render(&self) -> Vec<String> {
        match self {
            PolicyOp::Create(p) => vec![create_policy(p)],
            PolicyOp::Drop(p) => vec![format!("DROP POLICY {} ON {};", p.name, p.table)],
            PolicyOp::SetRowSecurity { table, from, to } => {
                row_security_sql(table, Some(*from), *to)
            }
        }
    }

    pub(crate) fn comment_keys(&self, keys: &mut CommentKeys) {
        match self {
            PolicyOp::Drop(p) => keys.drop(format!("POLICY {} ON {}", p.name, p.table)),
            PolicyOp::Create(p) => keys.create(format!("POLICY {} ON {}", p.name, p.table)),
            PolicyOp::SetRowSecurity { .. } => {}
        }
    }
}

/// True when the policy is dropped and created again: `other` lacks it or
/// has it otherwise, or its table is replaced or its columns change.
fn redone(cx: &Context, policy: &Policy, other: &Schema) -> bool {
    other
        .policies
        .get(&format!("{} {}", policy.table, policy.name))
        != Some(policy)
        || cx.replaced.contains(&policy.table)
        || cx.touched.contains(&policy.table)
}

/// Policies that change or go, before their table's columns change.
pub fn drop_changed<O: From<PolicyOp>>(cx: &Context) -> Vec<O> {
    cx.from
        .policies
        .values()
        .filter(|old| redone(cx, old, cx.to))
        .map(|old| PolicyOp::Drop(old.clone()).into())
        .collect()
}

/// Policies that change or are new, last of all.
pub fn create_changed<O: From<PolicyOp>>(cx: &Context) -> Vec<O> {
    cx.to
        .policies
        .values()
        .filter(|new| redone(cx, new, cx.from))
        .map(|new| PolicyOp::Create(new.clone()).into())
        .collect()
}

/// The switches of a kept table, when they change.
pub fn set_row_security<O: From<PolicyOp>>(old: &Table, new: &Table) -> Option<O> {
    (RowSecurity::of(old) != RowSecurity::of(new)).then(|| {
        PolicyOp::SetRowSecurity {
            table: new.name.clone(),
            from: RowSecurity::of(old),
            to: RowSecurity::of(new),
        }
        .into()
    })
}

fn create_policy(p: &Policy) -> String {
    let mut out = format!(
        "CREATE POLICY {} ON {} AS {} FOR {} TO {}",
        p.name,
        p.table,
        if p.permissive {
            "PERMISSIVE"
        } else {
            "RESTRICTIVE"
        },
        p.command,
        p.roles.join(", ")
    );
    if let Some(using) = &p.using {
        out.push_str(&format!(" USING ({using})"));
    }
    if let Some(check) = &p.with_check {
        out.push_str(&format!(" WITH CHECK ({check})"));
    }
    out.push(';');
    out
}

/// The statements that take a table's row-level security from `from`
/// (None: a new table, where it is off) to `to`.
pub fn row_security_sql(table: &str, from: Option<RowSecurity>, to: RowSecurity) -> Vec<String> {
    let from = from.unwrap_or(RowSecurity {
        enabled: false,
        forced: false,
    });
    let mut out = Vec::new();
    if from.enabled != to.enabled {
        out.push(format!(
            "ALTER TABLE {table} {} ROW LEVEL SECURITY;",
            if to.enabled { "ENABLE" } else { "DISABLE" }
        ));
    }
    if from.forced != to.forced {
        out.push(format!(
            "ALTER TABLE {table} {} ROW LEVEL SECURITY;",
            if to.forced { "FORCE" } else { "NO FORCE" }
        ));
    }
    out
}
