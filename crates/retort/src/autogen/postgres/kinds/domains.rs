//! Domains. The default, NOT NULL and checks change in place; a new base
//! type or collation rebuilds the domain (see
//! [`crate::autogen::postgres::retype`]).

use crate::tr;
use super::comments::CommentKeys;
use crate::autogen::postgres::context::Context;
use crate::autogen::postgres::model::*;
use crate::autogen::postgres::retype::{self, RetypedColumn};
use crate::autogen::postgres::text::not_null_change;

#[derive(Debug, Clone, PartialEq)]
pub enum DomainOp {
    Create(Domain),
    Drop(Domain),
    /// Default, NOT NULL and checks change in place; the base type cannot.
    Alter {
        from: Domain,
        to: Domain,
    },
    /// A new base type: the domain is built again beside the old one and
    /// `columns` converted to it, as for an enum rebuild.
    Rebuild {
        from: Domain,
        to: Domain,
        columns: Vec<RetypedColumn>,
    },
}

impl DomainOp {
    pub fn inverse(&self) -> DomainOp {
        match self.clone() {
            DomainOp::Create(d) => DomainOp::Drop(d),
            DomainOp::Drop(d) => DomainOp::Create(d),
            DomainOp::Alter { from, to } => DomainOp::Alter { from: to, to: from },
            DomainOp::Rebuild { from, to, columns } => DomainOp::Rebuild {
                from: to,
                to: from,
                columns,
            },
        }
    }

    pub fn describe(&self) -> String {
        match self {
            DomainOp::Create(d) => tr!("autogen-add-domain", name = &d.name),
            DomainOp::Drop(d) => tr!("autogen-drop-domain", name = &d.name),
            DomainOp::Alter { to, .. } => tr!("autogen-change-domain", name = &to.name),
            DomainOp::Rebuild { from, to, .. } => tr!(
                "autogen-change-domain-type",
                name = &to.name,
                from = &from.data_type,
                to = &to.data_type
            ),
        }
    }

    pub fn danger(&self) -> Option<String> {
        match self {
            DomainOp::Drop(d) => Some(tr!("autogen-danger-drop-domain", name = &d.name)),
            DomainOp::Rebuild { from, to, .. } => Some(tr!(
                "autogen-danger-domain-base-type",
                name = &to.name,
                from = &from.data_type,
                to = &to.data_type
            )),
            DomainOp::Alter { from, to } if tightens(from, to) => {
                Some(tr!("autogen-danger-tighten-domain", name = &to.name))
            }
            _ => None,
        }
    }

    pub fn render(&self) -> Vec<String> {
        match self {
            DomainOp::Create(d) => vec![create_domain(d)],
            DomainOp::Drop(d) => vec![format!("DROP DOMAIN {};", d.name)],
            DomainOp::Alter { from, to } => alter_domain(from, to),
            DomainOp::Rebuild { to, columns, .. } => rebuild_domain(to, columns),
        }
    }

    pub(crate) fn comment_keys(&self, keys: &mut CommentKeys) {
        let key = |d: &Domain| format!("DOMAIN {}", d.name);
        match self {
            DomainOp::Drop(d) => {
                keys.drop(key(d));
                keys.drop_owned_by(&key(d));
            }
            DomainOp::Create(d) => {
                keys.create(key(d));
                keys.create_owned_by(&key(d));
            }
            DomainOp::Rebuild { from, to, .. } => {
                keys.drop(key(from));
                keys.drop_owned_by(&key(from));
                keys.create(key(to));
                keys.create_owned_by(&key(to));
            }
            DomainOp::Alter { from, to } => {
                for (name, check) in &from.checks {
                    if to.checks.get(name) != Some(check) {
                        keys.drop(format!("CONSTRAINT {name} ON DOMAIN {}", from.name));
                        keys.create(format!("CONSTRAINT {name} ON DOMAIN {}", to.name));
                    }
                }
            }
        }
    }
}

/// NOT NULL added, or a check added or changed: values already stored may
/// break it.
fn tightens(from: &Domain, to: &Domain) -> bool {
    to.not_null && !from.not_null
        || to
            .checks
            .keys()
            .any(|k| from.checks.get(k) != to.checks.get(k))
}

/// Domains the target adds or changes.
pub fn create_or_alter<O: From<DomainOp>>(cx: &Context) -> Vec<O> {
    let mut ops = Vec::new();
    for new in cx.to.domains.values() {
        match cx.from.domains.get(&new.name) {
            Some(old) if old == new => {}
            // The base type cannot change in place.
            Some(old) if old.data_type != new.data_type || old.collation != new.collation => ops
                .push(
                    DomainOp::Rebuild {
                        from: old.clone(),
                        to: new.clone(),
                        columns: retype::columns_of_type(cx.from, cx.to, &new.name),
                    }
                    .into(),
                ),
            Some(old) => ops.push(
                DomainOp::Alter {
                    from: old.clone(),
                    to: new.clone(),
                }
                .into(),
            ),
            None => ops.push(DomainOp::Create(new.clone()).into()),
        }
    }
    ops
}

/// Domains the target no longer has.
pub fn drop_removed<O: From<DomainOp>>(cx: &Context) -> Vec<O> {
    cx.from
        .domains
        .values()
        .filter(|old| !cx.to.domains.contains_key(&old.name))
        .map(|old| DomainOp::Drop(old.clone()).into())
        .collect()
}

fn create_domain(d: &Domain) -> String {
    let mut out = format!("CREATE DOMAIN {} AS {}", d.name, d.data_type);
    if let Some(collation) = &d.collation {
        out.push_str(&format!(" COLLATE {collation}"));
    }
    if let Some(default) = &d.default {
        out.push_str(&format!(" DEFAULT {default}"));
    }
    if d.not_null {
        out.push_str(" NOT NULL");
    }
    for (name, check) in &d.checks {
        out.push_str(&format!(" CONSTRAINT {name} {check}"));
    }
    out.push(';');
    out
}

/// A domain's base type cannot change in place: the new domain is built
/// beside the old one and the columns converted through the new base type.
fn rebuild_domain(to: &Domain, columns: &[RetypedColumn]) -> Vec<String> {
    let converted = retype::convert_columns(
        columns,
        &to.name,
        |column, array| {
            let brackets = if array { "[]" } else { "" };
            format!(
                "{column}::{}{brackets}::{}{brackets}",
                to.data_type, to.name
            )
        },
        |_| true,
    );
    retype::rebuild(
        "DOMAIN",
        &to.name,
        vec![create_domain(to)],
        converted,
        "DOMAIN",
    )
}

fn alter_domain(from: &Domain, to: &Domain) -> Vec<String> {
    let alter = |what: String| format!("ALTER DOMAIN {} {what};", to.name);
    let mut out = Vec::new();
    for (name, check) in &from.checks {
        if to.checks.get(name) != Some(check) {
            out.push(alter(format!("DROP CONSTRAINT {name}")));
        }
    }
    if from.default != to.default {
        out.push(alter(match &to.default {
            Some(default) => format!("SET DEFAULT {default}"),
            None => "DROP DEFAULT".to_string(),
        }));
    }
    if from.not_null != to.not_null {
        out.push(alter(not_null_change(to.not_null).to_string()));
    }
    for (name, check) in &to.checks {
        if from.checks.get(name) != Some(check) {
            out.push(alter(format!("ADD CONSTRAINT {name} {check}")));
        }
    }
    out
}
