//! Table renames the user asked for (`--rename OLD_TABLE=NEW_TABLE`).
//!
//! The rename runs first. The database model is rewritten to what the
//! database looks like after it (the table under its new name, and every
//! foreign key, index, trigger, policy and comment that names it), so the
//! diff from there on is the ordinary one. Constraints, indexes and serial
//! sequences named after the old table (`users_pkey`, `users_id_seq`) are
//! renamed with it when the target names them after the new one. Views
//! reading the table are dropped before the rename and created again by
//! the diff: their text names the table, and PostgreSQL's rewriting of it
//! is not something to imitate.

use super::kinds::views;
use super::ops::{CommentOp, ConstraintOp, IndexOp, Op, SequenceOp, TableOp, TriggerOp, ViewOp};
use super::text::bare;
use crate::autogen::postgres::model::{Schema, View};
use crate::{tr, Error, Result};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRename {
    /// Qualified: `public.users`.
    pub from: String,
    pub to: String,
}

impl TableRename {
    /// `OLD=NEW`, each `table` or `schema.table`; the new name stays in the
    /// old one's schema unless it names another.
    pub fn parse(text: &str) -> Result<TableRename> {
        let bad = || Error::Usage(tr!("autogen-rename-expects-table", text = text));
        let (from, to) = text.split_once('=').ok_or_else(bad)?;
        if from.is_empty() || to.is_empty() {
            return Err(bad());
        }
        let from = if from.contains('.') {
            from.to_string()
        } else {
            format!("public.{from}")
        };
        let schema = from.rsplit_once('.').map_or("public", |(s, _)| s);
        let to = if to.contains('.') {
            to.to_string()
        } else {
            format!("{schema}.{to}")
        };
        if to.rsplit_once('.').map(|(s, _)| s) != Some(schema) {
            return Err(Error::Usage(tr!("autogen-rename-other-schema", text = text)));
        }
        Ok(TableRename { from, to })
    }

    /// True when `from` loses the old table and `to` gains the new one.
    pub fn applies(&self, from: &Schema, to: &Schema) -> bool {
        from.tables.contains_key(&self.from)
            && !to.tables.contains_key(&self.from)
            && to.tables.contains_key(&self.to)
            && !from.tables.contains_key(&self.to)
    }
}

/// `from` as it is after the renames, and the ops that get it there.
pub fn rename_tables(
    from: &Schema,
    to: &Schema,
    renames: &[TableRename],
) -> Result<(Schema, Vec<Op>)> {
    let mut schema = from.clone();
    let mut ops = Vec::new();
    for rename in renames {
        if !rename.applies(&schema, to) {
            return Err(Error::Usage(tr!(
                "autogen-rename-no-such-table",
                request = format!("{}={}", rename.from, bare(&rename.to)),
                from = &rename.from,
                to = &rename.to
            )));
        }
        ops.extend(drop_reading_views(&mut schema, &rename.from));
        ops.push(
            TableOp::Rename {
                from: rename.from.clone(),
                to: rename.to.clone(),
            }
            .into(),
        );
        rename_in_model(&mut schema, &rename.from, &rename.to);
        ops.extend(rename_named_after(&mut schema, to, rename));
    }
    Ok((schema, ops))
}

/// Drops (as ops) and removes from the model the views reading `table`,
/// with the views reading those, dependents first.
fn drop_reading_views(schema: &mut Schema, table: &str) -> Vec<Op> {
    let mut reading: BTreeSet<String> = BTreeSet::new();
    loop {
        let before = reading.len();
        for view in schema.views.values() {
            if view
                .depends_on
                .iter()
                .any(|d| d == table || reading.contains(d))
            {
                reading.insert(view.name.clone());
            }
        }
        if reading.len() == before {
            break;
        }
    }
    let mut ops = Vec::new();
    let mut left: Vec<View> = reading.iter().map(|v| schema.views[v].clone()).collect();
    // Dependents first: a view goes once nothing left reads it.
    while !left.is_empty() {
        let position = left
            .iter()
            .position(|v| {
                !left
                    .iter()
                    .any(|other| other.name != v.name && other.depends_on.contains(&v.name))
            })
            .unwrap_or(0);
        let view = left.remove(position);
        let key = views::comment_key(&view);
        if let Some(comment) = schema.comments.remove(&key) {
            ops.push(
                CommentOp::Set {
                    target: key,
                    from: Some(comment),
                    to: None,
                }
                .into(),
            );
        }
        let indexes: Vec<String> = schema
            .indexes
            .values()
            .filter(|i| i.table == view.name)
            .map(|i| i.name.clone())
            .collect();
        for index in indexes {
            let index = schema.indexes.remove(&index).expect("listed above");
            schema.comments.remove(&format!("INDEX {}", index.name));
            ops.push(IndexOp::Drop(index).into());
        }
        // INSTEAD OF triggers go with the view.
        let triggers: Vec<String> = schema
            .triggers
            .iter()
            .filter(|(_, t)| t.table == view.name)
            .map(|(key, _)| key.clone())
            .collect();
        for key in triggers {
            let trigger = schema.triggers.remove(&key).expect("listed above");
            schema
                .comments
                .remove(&format!("TRIGGER {} ON {}", trigger.name, trigger.table));
            ops.push(TriggerOp::Drop(trigger).into());
        }
        schema.views.remove(&view.name);
        ops.push(ViewOp::Drop(view).into());
    }
    ops
}

/// How PostgreSQL writes a table in a foreign key: unqualified when it is
/// in `public` (the search path introspection uses).
fn display(qualified: &str) -> &str {
    qualified.strip_prefix("public.").unwrap_or(qualified)
}

fn rename_in_model(schema: &mut Schema, old: &str, new: &str) {
    let mut table = schema.tables.remove(old).expect("checked by applies");
    table.name = new.to_string();
    schema.tables.insert(new.to_string(), table);
    let on_old = format!(" ON {old} ");
    let on_new = format!(" ON {new} ");
    let references_old = format!("REFERENCES {}(", display(old));
    let references_new = format!("REFERENCES {}(", display(new));
    for table in schema.tables.values_mut() {
        if let Some(of) = table.partition_of.as_mut().filter(|of| of.parent == old) {
            of.parent = new.to_string();
        }
        for constraint in table.constraints.values_mut() {
            if constraint.references.as_deref() == Some(old) {
                constraint.references = Some(new.to_string());
                constraint.definition =
                    constraint
                        .definition
                        .replacen(&references_old, &references_new, 1);
            }
        }
    }
    for index in schema.indexes.values_mut() {
        if index.table == old {
            index.table = new.to_string();
            index.definition = index.definition.replacen(&on_old, &on_new, 1);
        }
    }
    let triggers = std::mem::take(&mut schema.triggers);
    for (_, mut trigger) in triggers {
        if trigger.table == old {
            trigger.table = new.to_string();
            trigger.definition = trigger.definition.replacen(&on_old, &on_new, 1);
        }
        schema
            .triggers
            .insert(format!("{} {}", trigger.table, trigger.name), trigger);
    }
    let policies = std::mem::take(&mut schema.policies);
    for (_, mut policy) in policies {
        if policy.table == old {
            policy.table = new.to_string();
        }
        schema
            .policies
            .insert(format!("{} {}", policy.table, policy.name), policy);
    }
    for sequence in schema.sequences.values_mut() {
        if let Some(owner) = sequence.owned_by.as_mut().filter(|o| o.table == old) {
            owner.table = new.to_string();
        }
    }
    let suffix_old = format!(" ON {old}");
    let comments = std::mem::take(&mut schema.comments);
    for (key, comment) in comments {
        let key = match key.strip_suffix(&suffix_old) {
            Some(object) => format!("{object} ON {new}"),
            None => key,
        };
        schema.comments.insert(key, comment);
    }
}

/// Renames what PostgreSQL named after the old table (`users_pkey`,
/// `users_email_idx`, `users_id_seq`) when the target has the same object
/// named after the new one.
fn rename_named_after(schema: &mut Schema, target: &Schema, rename: &TableRename) -> Vec<Op> {
    let names = NamedAfter::new(rename);
    let mut ops = rename_constraints(schema, target, &names);
    ops.extend(rename_indexes(schema, target, &names));
    ops.extend(rename_identity_sequences(schema, target, &names));
    ops.extend(rename_owned_sequences(schema, target, &names));
    ops
}

/// Names as they follow a table rename: `users_pkey` becomes `people_pkey`.
struct NamedAfter {
    /// The table's new name, qualified.
    table: String,
    old_prefix: String,
    new_prefix: String,
    schema: String,
}

impl NamedAfter {
    fn new(rename: &TableRename) -> NamedAfter {
        NamedAfter {
            table: rename.to.clone(),
            old_prefix: format!("{}_", bare(&rename.from)),
            new_prefix: format!("{}_", bare(&rename.to)),
            schema: rename
                .to
                .rsplit_once('.')
                .map_or("public", |(s, _)| s)
                .to_string(),
        }
    }

    /// An unqualified name after the rename, when it was named after the table.
    fn renamed(&self, name: &str) -> Option<String> {
        name.strip_prefix(&self.old_prefix)
            .map(|rest| format!("{}{rest}", self.new_prefix))
    }

    /// As [`NamedAfter::renamed`], for a qualified name in the table's schema.
    fn renamed_qualified(&self, name: &str) -> Option<String> {
        self.renamed(bare(name))
            .map(|n| format!("{}.{n}", self.schema))
    }
}

fn rename_constraints(schema: &mut Schema, target: &Schema, names: &NamedAfter) -> Vec<Op> {
    let mut ops = Vec::new();
    let target_table = &target.tables[&names.table];
    let table = schema.tables.get_mut(&names.table).expect("renamed above");
    let constraints: Vec<String> = table.constraints.keys().cloned().collect();
    let mut rekeyed = Vec::new();
    for name in constraints {
        let Some(new_name) = names.renamed(&name) else {
            continue;
        };
        let same_kind = target_table
            .constraints
            .get(&new_name)
            .is_some_and(|c| c.kind == table.constraints[&name].kind);
        if !same_kind || table.constraints.contains_key(&new_name) {
            continue;
        }
        let mut constraint = table.constraints.remove(&name).expect("listed");
        constraint.name = new_name.clone();
        table.constraints.insert(new_name.clone(), constraint);
        rekeyed.push((
            format!("CONSTRAINT {name} ON {}", names.table),
            format!("CONSTRAINT {new_name} ON {}", names.table),
        ));
        ops.push(
            ConstraintOp::Rename {
                table: names.table.clone(),
                from: name,
                to: new_name,
            }
            .into(),
        );
    }
    for (old, new) in rekeyed {
        rekey_comment(schema, &old, &new);
    }
    ops
}

fn rename_indexes(schema: &mut Schema, target: &Schema, names: &NamedAfter) -> Vec<Op> {
    let mut ops = Vec::new();
    let indexes: Vec<String> = schema
        .indexes
        .values()
        .filter(|i| i.table == names.table)
        .map(|i| i.name.clone())
        .collect();
    for name in indexes {
        let Some(new_name) = names.renamed_qualified(&name) else {
            continue;
        };
        if !target.indexes.contains_key(&new_name) || schema.indexes.contains_key(&new_name) {
            continue;
        }
        let mut index = schema.indexes.remove(&name).expect("listed");
        index.definition = index.definition.replacen(
            &format!(" {} ON ", bare(&name)),
            &format!(" {} ON ", bare(&new_name)),
            1,
        );
        index.name = new_name.clone();
        schema.indexes.insert(new_name.clone(), index);
        rekey_comment(
            schema,
            &format!("INDEX {name}"),
            &format!("INDEX {new_name}"),
        );
        ops.push(
            IndexOp::Rename {
                from: name,
                to: new_name,
            }
            .into(),
        );
    }
    ops
}

/// Identity sequences, which the model keeps on their column.
fn rename_identity_sequences(schema: &mut Schema, target: &Schema, names: &NamedAfter) -> Vec<Op> {
    let mut ops = Vec::new();
    let target_table = &target.tables[&names.table];
    let table = schema.tables.get_mut(&names.table).expect("renamed above");
    for (name, column) in table.columns.iter_mut() {
        let wanted = target_table
            .columns
            .get(name)
            .and_then(|c| c.identity_sequence.clone());
        let (Some(current), Some(wanted)) = (column.identity_sequence.clone(), wanted) else {
            continue;
        };
        let follows = names.renamed_qualified(&current);
        if follows.as_ref() == Some(&wanted) && current != wanted {
            column.identity_sequence = Some(wanted.clone());
            ops.push(
                SequenceOp::Rename {
                    from: current,
                    to: wanted,
                }
                .into(),
            );
        }
    }
    ops
}

/// Sequences the table's columns own (`serial`).
fn rename_owned_sequences(schema: &mut Schema, target: &Schema, names: &NamedAfter) -> Vec<Op> {
    let mut ops = Vec::new();
    let sequences: Vec<String> = schema
        .sequences
        .values()
        .filter(|s| s.owned_by.as_ref().is_some_and(|o| o.table == names.table))
        .map(|s| s.name.clone())
        .collect();
    for name in sequences {
        let Some(new_name) = names.renamed_qualified(&name) else {
            continue;
        };
        if !target.sequences.contains_key(&new_name) || schema.sequences.contains_key(&new_name) {
            continue;
        }
        let mut sequence = schema.sequences.remove(&name).expect("listed");
        sequence.name = new_name.clone();
        schema.sequences.insert(new_name.clone(), sequence);
        // Defaults name the sequence by its regclass, which follows the rename.
        let (old_literal, new_literal) = (
            format!("'{}'::regclass", display(&name)),
            format!("'{}'::regclass", display(&new_name)),
        );
        for table in schema.tables.values_mut() {
            for column in table.columns.values_mut() {
                if let Some(default) = column.default.as_mut() {
                    *default = default.replace(&old_literal, &new_literal);
                }
            }
        }
        rekey_comment(
            schema,
            &format!("SEQUENCE {name}"),
            &format!("SEQUENCE {new_name}"),
        );
        ops.push(
            SequenceOp::Rename {
                from: name,
                to: new_name,
            }
            .into(),
        );
    }
    ops
}

fn rekey_comment(schema: &mut Schema, old: &str, new: &str) {
    if let Some(comment) = schema.comments.remove(old) {
        schema.comments.insert(new.to_string(), comment);
    }
}
