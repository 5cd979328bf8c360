//! Domains. The default, NOT NULL and checks change in place; a new base
//! type or collation rebuilds the domain (see
//! [`crate::autogen::postgres::retype`]).

use super::comments::CommentKeys;
use crate::autogen::postgres::diff::Context;
use crate::autogen::postgres::model::*;
use crate::autogen::postgres::ops::Op;
use crate::autogen::postgres::render::not_null_change;
use crate::autogen::postgres::retype::{self, RetypedColumn};

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
            DomainOp::Create(d) => format!("add domain {}", d.name),
            DomainOp::Drop(d) => format!("drop domain {}", d.name),
            DomainOp::Alter { to, .. } => format!("change domain {}", to.name),
            DomainOp::Rebuild { from, to, .. } => format!(
                "change domain {} from {} to {}",
                to.name, from.data_type, to.data_type
            ),
        }
    }

    pub fn danger(&self) -> Option<String> {
        match self {
            DomainOp::Drop(d) => Some(format!("drops domain {}", d.name)),
            DomainOp::Rebuild { from, to, .. } => Some(format!(
                "changes the base type of domain {} from {} to {}: values may not convert",
                to.name, from.data_type, to.data_type
            )),
            DomainOp::Alter { from, to } if tightens(from, to) => Some(format!(
                "tightens domain {}: fails if a value breaks it",
                to.name
            )),
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
pub fn create_or_alter(cx: &Context) -> Vec<Op> {
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
pub fn drop_removed(cx: &Context) -> Vec<Op> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autogen::postgres::diff;
    use crate::autogen::postgres::kinds::test_support::*;

    fn positive(data_type: &str) -> Domain {
        Domain {
            name: "public.positive".into(),
            data_type: data_type.into(),
            default: None,
            not_null: false,
            collation: None,
            checks: [(
                "positive_check".to_string(),
                "CHECK ((VALUE > 0))".to_string(),
            )]
            .into(),
        }
    }

    #[test]
    fn create_and_drop() {
        let mut d = positive("integer");
        d.default = Some("1".into());
        d.not_null = true;
        let create = DomainOp::Create(d);
        assert_eq!(
            create.render(),
            vec![
                "CREATE DOMAIN public.positive AS integer DEFAULT 1 NOT NULL \
                 CONSTRAINT positive_check CHECK ((VALUE > 0));"
            ]
        );
        assert_eq!(create.describe(), "add domain public.positive");
        assert_eq!(create.danger(), None);
        assert_eq!(
            create.inverse().render(),
            vec!["DROP DOMAIN public.positive;"]
        );
        assert_eq!(create.inverse().inverse(), create);
        assert_eq!(
            create.inverse().danger().unwrap(),
            "drops domain public.positive"
        );
    }

    #[test]
    fn alter_in_place() {
        let from = positive("integer");
        let mut to = positive("integer");
        to.not_null = true;
        to.default = Some("1".into());
        to.checks
            .insert("positive_check".into(), "CHECK ((VALUE > 1))".into());
        let op = DomainOp::Alter {
            from: from.clone(),
            to,
        };
        assert_eq!(
            op.render(),
            vec![
                "ALTER DOMAIN public.positive DROP CONSTRAINT positive_check;",
                "ALTER DOMAIN public.positive SET DEFAULT 1;",
                "ALTER DOMAIN public.positive SET NOT NULL;",
                "ALTER DOMAIN public.positive ADD CONSTRAINT positive_check CHECK ((VALUE > 1));",
            ]
        );
        assert_eq!(
            op.danger().unwrap(),
            "tightens domain public.positive: fails if a value breaks it"
        );
        assert_eq!(
            op.inverse().render(),
            vec![
                "ALTER DOMAIN public.positive DROP CONSTRAINT positive_check;",
                "ALTER DOMAIN public.positive DROP DEFAULT;",
                "ALTER DOMAIN public.positive DROP NOT NULL;",
                "ALTER DOMAIN public.positive ADD CONSTRAINT positive_check CHECK ((VALUE > 0));",
            ]
        );
        assert_eq!(op.inverse().inverse(), op);
        let mut looser = from.clone();
        looser.checks.clear();
        assert_eq!(DomainOp::Alter { from, to: looser }.danger(), None);
    }

    #[test]
    fn a_new_base_type_rebuilds_the_domain() {
        let mut from = schema();
        from.domains
            .insert("public.positive".into(), positive("integer"));
        from.tables.insert(
            "public.t".into(),
            table("public.t", vec![column("n", "positive")]),
        );
        let mut to = from.clone();
        to.domains
            .insert("public.positive".into(), positive("bigint"));
        let ops = diff(&from, &to);
        assert_eq!(
            sql(&ops),
            vec![
                "ALTER DOMAIN public.positive RENAME TO positive__retort_old;",
                "CREATE DOMAIN public.positive AS bigint CONSTRAINT positive_check CHECK ((VALUE > 0));",
                "ALTER TABLE public.t ALTER COLUMN n TYPE public.positive USING n::bigint::public.positive;",
                "DROP DOMAIN public.positive__retort_old;",
            ]
        );
        assert_eq!(
            ops[0].describe(),
            "change domain public.positive from integer to bigint"
        );
        assert_eq!(
            ops[0].danger().unwrap(),
            "changes the base type of domain public.positive from integer to bigint: values may not convert"
        );
        assert_eq!(ops[0].inverse().inverse(), ops[0]);
    }
}
