//! Comments on objects other than tables and columns (those are part of
//! their table and column).
//!
//! A comment lives and dies with its object, so the ops that drop and
//! create objects decide: a comment whose object the upgrade drops is
//! cleared first (its inverse, at the end of the downgrade, puts it back on
//! the recreated object), and a comment on an object the upgrade creates
//! is set once everything exists. Each kind names the comment keys its ops
//! drop and create (`comment_keys`), keyed as in [`Schema::comments`].

use crate::tr;
use crate::autogen::postgres::model::Schema;
use crate::autogen::postgres::text::comment_value;
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq)]
pub enum CommentOp {
    /// `COMMENT ON` an object, keyed as in [`Schema::comments`].
    Set {
        target: String,
        from: Option<String>,
        to: Option<String>,
    },
}

impl CommentOp {
    pub fn inverse(&self) -> CommentOp {
        let CommentOp::Set { target, from, to } = self.clone();
        CommentOp::Set {
            target,
            from: to,
            to: from,
        }
    }

    pub fn describe(&self) -> String {
        let CommentOp::Set { target, .. } = self;
        tr!("autogen-comment-on", target = target.to_lowercase())
    }

    pub fn danger(&self) -> Option<String> {
        None
    }

    pub fn render(&self) -> Vec<String> {
        let CommentOp::Set { target, to, .. } = self;
        vec![format!("COMMENT ON {target} IS {};", comment_value(to))]
    }

    pub(crate) fn comment_keys(&self, _: &mut CommentKeys) {}
}

/// The comment keys of the objects a list of ops drops and creates, with
/// both sides at hand for the comments an object owns.
pub struct CommentKeys<'a> {
    pub from: &'a Schema,
    pub to: &'a Schema,
    pub dropped: BTreeSet<String>,
    pub created: BTreeSet<String>,
}

impl CommentKeys<'_> {
    pub fn drop(&mut self, key: String) {
        self.dropped.insert(key);
    }

    pub fn create(&mut self, key: String) {
        self.created.insert(key);
    }

    /// The object `owner` goes, with the comments on what it owns
    /// (`CONSTRAINT c ON public.t` for `public.t`).
    pub fn drop_owned_by(&mut self, owner: &str) {
        self.dropped.extend(owned_by(self.from, owner));
    }

    pub fn create_owned_by(&mut self, owner: &str) {
        self.created.extend(owned_by(self.to, owner));
    }
}

fn owned_by(schema: &Schema, owner: &str) -> Vec<String> {
    let suffix = format!(" ON {owner}");
    schema
        .comments
        .keys()
        .filter(|k| k.ends_with(&suffix))
        .cloned()
        .collect()
}

/// An op that names the comment keys of what it drops and creates: every
/// kind's op, and the `Op` that holds any of them (which sits above the
/// kinds, so this file reaches it through the trait).
pub trait Commented {
    fn comment_keys(&self, keys: &mut CommentKeys);
}

/// `ops` with the comment changes around them: comments whose object goes
/// cleared first, comments set once everything exists.
pub fn around<O: Commented + From<CommentOp>>(from: &Schema, to: &Schema, ops: Vec<O>) -> Vec<O> {
    let mut keys = CommentKeys {
        from,
        to,
        dropped: BTreeSet::new(),
        created: BTreeSet::new(),
    };
    for op in &ops {
        op.comment_keys(&mut keys);
    }
    let CommentKeys {
        dropped, created, ..
    } = keys;
    let set = |target: &String, from: Option<&String>, to: Option<&String>| -> O {
        CommentOp::Set {
            target: target.clone(),
            from: from.cloned(),
            to: to.cloned(),
        }
        .into()
    };
    let mut out = Vec::new();
    for (key, comment) in &from.comments {
        if dropped.contains(key) || !exists_in(to, key) {
            out.push(set(key, Some(comment), None));
        }
    }
    out.extend(ops);
    for (key, comment) in &to.comments {
        let fresh = created.contains(key) || dropped.contains(key) || !exists_in(from, key);
        let was = if fresh { None } else { from.comments.get(key) };
        if was != Some(comment) {
            out.push(set(key, was, Some(comment)));
        }
    }
    for (key, comment) in &from.comments {
        if !to.comments.contains_key(key) && exists_in(to, key) && !dropped.contains(key) {
            out.push(set(key, Some(comment), None));
        }
    }
    out
}

/// True when `schema` holds the object a comment key names.
fn exists_in(schema: &Schema, key: &str) -> bool {
    if let Some((object, owner)) = key.split_once(" ON ") {
        let Some(name) = object.split_once(' ').map(|(_, name)| name) else {
            return false;
        };
        if let Some(domain) = owner.strip_prefix("DOMAIN ") {
            return schema
                .domains
                .get(domain)
                .is_some_and(|d| d.checks.contains_key(name));
        }
        return match object.split(' ').next() {
            Some("CONSTRAINT") => {
                schema
                    .tables
                    .get(owner)
                    .is_some_and(|t| t.constraints.contains_key(name))
                    || schema.has_not_null_constraint(owner, name)
            }
            Some("TRIGGER") => schema.triggers.contains_key(&format!("{owner} {name}")),
            Some("POLICY") => schema.policies.contains_key(&format!("{owner} {name}")),
            _ => false,
        };
    }
    let (kind, name) = match key.strip_prefix("MATERIALIZED VIEW ") {
        Some(name) => ("MATERIALIZED", name),
        None => match key.split_once(' ') {
            Some(parts) => parts,
            None => return false,
        },
    };
    match kind {
        "VIEW" | "MATERIALIZED" => schema.views.contains_key(name),
        "INDEX" => schema.indexes.contains_key(name),
        "FUNCTION" | "PROCEDURE" => schema.functions.contains_key(name),
        "SEQUENCE" => schema.sequences.contains_key(name),
        "TYPE" => schema.enums.contains_key(name) || schema.composites.contains_key(name),
        "DOMAIN" => schema.domains.contains_key(name),
        "SCHEMA" => schema.schemas.contains(name),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autogen::postgres::kinds::test_support::*;

    #[test]
    fn keys_name_the_objects_they_comment() {
        let mut s = schema();
        s.schemas.insert("app".into());
        s.tables
            .insert("public.t".into(), table("public.t", vec![]));
        assert!(exists_in(&s, "SCHEMA app"));
        assert!(!exists_in(&s, "SCHEMA other"));
        assert!(!exists_in(&s, "CONSTRAINT c ON public.t"));
        assert!(!exists_in(&s, "MATERIALIZED VIEW public.m"));
    }
}
