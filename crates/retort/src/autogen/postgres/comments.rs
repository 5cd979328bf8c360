//! Comments on objects other than tables and columns.
//!
//! A comment lives and dies with its object, so the ops that drop and
//! create objects decide: a comment whose object the upgrade drops is
//! cleared first (its inverse, at the end of the downgrade, puts it back on
//! the recreated object), and a comment on an object the upgrade creates
//! is set once everything exists.

use super::ops::Op;
use crate::autogen::postgres::model::{Function, Schema};
use std::collections::BTreeSet;

pub fn add_comment_ops(from: &Schema, to: &Schema, ops: &mut Vec<Op>) {
    let mut dropped = BTreeSet::new();
    let mut created = BTreeSet::new();
    for op in ops.iter() {
        touched_keys(op, from, to, &mut dropped, &mut created);
    }
    let mut before = Vec::new();
    for (key, comment) in &from.comments {
        if dropped.contains(key) || !exists_in(to, key) {
            before.push(Op::SetComment {
                target: key.clone(),
                from: Some(comment.clone()),
                to: None,
            });
        }
    }
    let mut after = Vec::new();
    for (key, comment) in &to.comments {
        let fresh = created.contains(key) || dropped.contains(key) || !exists_in(from, key);
        let was = if fresh { None } else { from.comments.get(key) };
        if was != Some(comment) {
            after.push(Op::SetComment {
                target: key.clone(),
                from: was.cloned(),
                to: Some(comment.clone()),
            });
        }
    }
    for (key, comment) in &from.comments {
        if !to.comments.contains_key(key) && exists_in(to, key) && !dropped.contains(key) {
            after.push(Op::SetComment {
                target: key.clone(),
                from: Some(comment.clone()),
                to: None,
            });
        }
    }
    ops.splice(0..0, before);
    ops.extend(after);
}

fn function_key(f: &Function) -> String {
    let kind = if f.procedure { "PROCEDURE" } else { "FUNCTION" };
    format!("{kind} {}", f.signature)
}

/// The comment keys of the objects `op` drops and creates.
fn touched_keys(
    op: &Op,
    from: &Schema,
    to: &Schema,
    dropped: &mut BTreeSet<String>,
    created: &mut BTreeSet<String>,
) {
    let view_key = |v: &crate::autogen::postgres::model::View| {
        format!(
            "{}VIEW {}",
            if v.materialized { "MATERIALIZED " } else { "" },
            v.name
        )
    };
    let owned_by = |schema: &Schema, owner: &str| -> Vec<String> {
        let suffix = format!(" ON {owner}");
        schema
            .comments
            .keys()
            .filter(|k| k.ends_with(&suffix))
            .cloned()
            .collect()
    };
    match op {
        Op::DropView(v) => {
            dropped.insert(view_key(v));
        }
        Op::CreateView(v) => {
            created.insert(view_key(v));
        }
        Op::DropIndex(i) => {
            dropped.insert(format!("INDEX {}", i.name));
        }
        Op::CreateIndex(i) => {
            created.insert(format!("INDEX {}", i.name));
        }
        Op::DropFunction(f) => {
            dropped.insert(function_key(f));
        }
        Op::CreateFunction(f) => {
            created.insert(function_key(f));
        }
        Op::ReplaceFunction { from: old, to: new } if !old.replaceable_by(new) => {
            dropped.insert(function_key(old));
            created.insert(function_key(new));
        }
        Op::DropSequence(s) => {
            dropped.insert(format!("SEQUENCE {}", s.name));
        }
        Op::CreateSequence(s) => {
            created.insert(format!("SEQUENCE {}", s.name));
        }
        Op::DropEnum(e) => {
            dropped.insert(format!("TYPE {}", e.name));
        }
        Op::CreateEnum(e) => {
            created.insert(format!("TYPE {}", e.name));
        }
        Op::AlterEnum {
            from: old, to: new, ..
        } if super::ops::enum_change(old, new) == super::ops::EnumChange::Rebuild => {
            dropped.insert(format!("TYPE {}", old.name));
            created.insert(format!("TYPE {}", new.name));
        }
        // A rebuild renames the old type aside and drops it, comment and all.
        Op::AlterComposite {
            from: old,
            to: new,
            columns,
        } if !columns.is_empty() => {
            dropped.insert(format!("TYPE {}", old.name));
            created.insert(format!("TYPE {}", new.name));
        }
        Op::DropComposite(c) => {
            dropped.insert(format!("TYPE {}", c.name));
        }
        Op::CreateComposite(c) => {
            created.insert(format!("TYPE {}", c.name));
        }
        Op::DropDomain(d) => {
            dropped.insert(format!("DOMAIN {}", d.name));
            dropped.extend(owned_by(from, &format!("DOMAIN {}", d.name)));
        }
        Op::CreateDomain(d) => {
            created.insert(format!("DOMAIN {}", d.name));
            created.extend(owned_by(to, &format!("DOMAIN {}", d.name)));
        }
        Op::RebuildDomain {
            from: old, to: new, ..
        } => {
            dropped.insert(format!("DOMAIN {}", old.name));
            dropped.extend(owned_by(from, &format!("DOMAIN {}", old.name)));
            created.insert(format!("DOMAIN {}", new.name));
            created.extend(owned_by(to, &format!("DOMAIN {}", new.name)));
        }
        Op::AlterDomain { from: old, to: new } => {
            for (name, check) in &old.checks {
                if new.checks.get(name) != Some(check) {
                    dropped.insert(format!("CONSTRAINT {name} ON DOMAIN {}", old.name));
                    created.insert(format!("CONSTRAINT {name} ON DOMAIN {}", new.name));
                }
            }
        }
        Op::DropSchema(s) => {
            dropped.insert(format!("SCHEMA {s}"));
        }
        Op::CreateSchema(s) => {
            created.insert(format!("SCHEMA {s}"));
        }
        Op::DropConstraint { table, constraint } => {
            dropped.insert(format!("CONSTRAINT {} ON {table}", constraint.name));
        }
        Op::AddConstraint { table, constraint } => {
            created.insert(format!("CONSTRAINT {} ON {table}", constraint.name));
        }
        Op::DropTrigger(t) => {
            dropped.insert(format!("TRIGGER {} ON {}", t.name, t.table));
        }
        Op::CreateTrigger(t) => {
            created.insert(format!("TRIGGER {} ON {}", t.name, t.table));
        }
        Op::DropPolicy(p) => {
            dropped.insert(format!("POLICY {} ON {}", p.name, p.table));
        }
        Op::CreatePolicy(p) => {
            created.insert(format!("POLICY {} ON {}", p.name, p.table));
        }
        Op::DropTable(t) => dropped.extend(owned_by(from, &t.name)),
        Op::CreateTable(t) => created.extend(owned_by(to, &t.name)),
        _ => {}
    }
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
            Some("CONSTRAINT") => schema
                .tables
                .get(owner)
                .is_some_and(|t| t.constraints.contains_key(name)),
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
