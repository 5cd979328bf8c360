//! The ops from one SQLite schema to another.
//!
//! The order has the same phases both ways, so that the reversed inverses
//! (the downgrade) are in a valid order too:
//! drop triggers, drop views, drop indexes, create tables, alter and
//! rebuild tables, drop tables, create indexes, create views, create
//! triggers. A rebuilt or dropped table takes with it the views and
//! triggers that name it (SQLite checks the whole schema when the rebuilt
//! table is renamed into place, and fails on a view over a missing table),
//! and they are made again afterwards.

use super::ops::SqliteOp;
use crate::autogen::sqlite::model::{key, SqliteColumn, SqliteSchema, SqliteTable};
use crate::autogen::sqlite::tokens::{tokenize, Kind, Token};
use std::collections::{BTreeMap, BTreeSet};

pub fn diff(from: &SqliteSchema, to: &SqliteSchema) -> Vec<SqliteOp> {
    let mut tables = TablePhase::default();
    for (name, old) in &from.tables {
        match to.tables.get(name) {
            None => tables.dropped.push(old.clone()),
            Some(new) if new != old => table_change(from, to, old, new, &mut tables),
            Some(_) => {}
        }
    }
    for (name, new) in &to.tables {
        if !from.tables.contains_key(name) {
            tables.created.push(new.clone());
        }
    }
    // Tables whose dependants must be dropped and made again.
    let mut gone: BTreeSet<String> = tables.rebuilt.iter().cloned().collect();
    gone.extend(tables.dropped.iter().map(|t| key(&t.name)));

    let views = changed_views(from, to, &gone);
    let mut gone_or_views = gone.clone();
    gone_or_views.extend(views.iter().cloned());
    let triggers = changed_triggers(from, to, &gone_or_views);

    let mut ops = Vec::new();
    let mut old_triggers: Vec<_> = triggers
        .iter()
        .filter_map(|t| from.triggers.get(t))
        .collect();
    old_triggers.sort_by_key(|t| std::cmp::Reverse(t.position));
    ops.extend(old_triggers.into_iter().cloned().map(SqliteOp::DropTrigger));
    let mut old_views: Vec<_> = views.iter().filter_map(|v| from.views.get(v)).collect();
    old_views.sort_by_key(|v| std::cmp::Reverse(v.position));
    ops.extend(old_views.into_iter().cloned().map(SqliteOp::DropView));
    for (name, index) in &from.indexes {
        let replaced = to.indexes.get(name) != Some(index) || gone.contains(&key(&index.table));
        if replaced {
            ops.push(SqliteOp::DropIndex(index.clone()));
        }
    }
    tables.created.sort_by_key(|t| t.position);
    ops.extend(tables.created.iter().cloned().map(SqliteOp::CreateTable));
    ops.append(&mut tables.altered);
    ops.extend(
        drop_order(&tables.dropped)
            .into_iter()
            .map(SqliteOp::DropTable),
    );
    for (name, index) in &to.indexes {
        let replaced = from.indexes.get(name) != Some(index) || gone.contains(&key(&index.table));
        if replaced {
            ops.push(SqliteOp::CreateIndex(index.clone()));
        }
    }
    let mut new_views: Vec<_> = views.iter().filter_map(|v| to.views.get(v)).collect();
    new_views.sort_by_key(|v| v.position);
    ops.extend(new_views.into_iter().cloned().map(SqliteOp::CreateView));
    let mut new_triggers: Vec<_> = triggers.iter().filter_map(|t| to.triggers.get(t)).collect();
    new_triggers.sort_by_key(|t| t.position);
    ops.extend(
        new_triggers
            .into_iter()
            .cloned()
            .map(SqliteOp::CreateTrigger),
    );
    ops
}

#[derive(Default)]
struct TablePhase {
    created: Vec<SqliteTable>,
    dropped: Vec<SqliteTable>,
    /// ADD/DROP COLUMN and rebuilds, in table order.
    altered: Vec<SqliteOp>,
    /// Keys of the rebuilt tables.
    rebuilt: Vec<String>,
}

/// ALTER TABLE where SQLite can, else a rebuild.
fn table_change(
    from: &SqliteSchema,
    to: &SqliteSchema,
    old: &SqliteTable,
    new: &SqliteTable,
    phase: &mut TablePhase,
) {
    if let Some(ops) = in_place(old, new) {
        phase.altered.extend(ops);
        return;
    }
    let taken: BTreeSet<String> = from
        .tables
        .keys()
        .chain(to.tables.keys())
        .cloned()
        .collect();
    let mut temp_name = format!("new_{}", new.name);
    while taken.contains(&key(&temp_name)) {
        temp_name.insert(0, '_');
    }
    let name = key(&new.name);
    let referenced_by: BTreeSet<String> = from
        .tables
        .values()
        .chain(to.tables.values())
        .filter(|t| key(&t.name) != name && t.references.contains(&name))
        .map(|t| t.name.clone())
        .collect();
    phase.rebuilt.push(name);
    phase.altered.push(SqliteOp::RebuildTable {
        from: Box::new(old.clone()),
        to: Box::new(new.clone()),
        temp_name,
        referenced_by: referenced_by.into_iter().collect(),
    });
}

/// The DROP COLUMN and ADD COLUMN statements that turn `old` into `new`,
/// or None when the change needs a rebuild.
fn in_place(old: &SqliteTable, new: &SqliteTable) -> Option<Vec<SqliteOp>> {
    if old.virtual_table.is_some()
        || new.virtual_table.is_some()
        || old.constraints != new.constraints
        || old.options != new.options
    {
        return None;
    }
    let mut ops = Vec::new();
    for column in &old.columns {
        match new.column(&column.name) {
            Some(same) if same.definition == column.definition => {}
            Some(_) => return None,
            None if can_drop(old, column) => ops.push(SqliteOp::DropColumn {
                table: old.name.clone(),
                column: column.clone(),
            }),
            None => return None,
        }
    }
    for column in &new.columns {
        if old.column(&column.name).is_none() {
            if !can_add(column) {
                return None;
            }
            ops.push(SqliteOp::AddColumn {
                table: new.name.clone(),
                column: column.clone(),
            });
        }
    }
    Some(ops)
}

fn words(definition: &str) -> Vec<Token> {
    tokenize(definition)
}

fn has_word(tokens: &[Token], word: &str) -> bool {
    tokens.iter().any(|t| t.is_word(word))
}

/// SQLite's ADD COLUMN takes no PRIMARY KEY or UNIQUE column, no stored
/// generated column, NOT NULL only with a default, a default only when it
/// is a constant, and REFERENCES only with a NULL default.
fn can_add(column: &SqliteColumn) -> bool {
    let tokens = words(&column.definition);
    if has_word(&tokens, "primary") || has_word(&tokens, "unique") || has_word(&tokens, "stored") {
        return false;
    }
    let default = tokens
        .iter()
        .position(|t| t.is_word("default"))
        .map(|i| &tokens[i + 1..]);
    let constant = match default {
        None => true,
        Some(rest) => match rest {
            [t, ..] if t.kind == Kind::Literal => true,
            [sign, t, ..]
                if (sign.is_punct('-') || sign.is_punct('+')) && t.kind == Kind::Literal =>
            {
                true
            }
            [t, ..] => ["null", "true", "false"].iter().any(|w| t.is_word(w)),
            [] => false,
        },
    };
    let null_default = match default {
        None => true,
        Some([t, ..]) => t.is_word("null"),
        Some([]) => false,
    };
    let not_null = tokens
        .windows(2)
        .any(|w| w[0].is_word("not") && w[1].is_word("null"));
    constant && !(not_null && null_default) && (!has_word(&tokens, "references") || null_default)
}

/// SQLite's DROP COLUMN refuses a column that is a key, unique, part of a
/// foreign key or generated, or that another part of the table names (a
/// CHECK, a generated column's expression, a table constraint).
fn can_drop(table: &SqliteTable, column: &SqliteColumn) -> bool {
    let tokens = words(&column.definition);
    if column.generated
        || ["primary", "unique", "references"]
            .iter()
            .any(|w| has_word(&tokens, w))
    {
        return false;
    }
    let named_elsewhere = table
        .columns
        .iter()
        .filter(|c| key(&c.name) != key(&column.name))
        .map(|c| c.definition.as_str())
        .chain(table.constraints.iter().map(String::as_str))
        .any(|text| tokenize(text).iter().any(|t| t.is_name(&column.name)));
    !named_elsewhere
}

/// Views to drop and make again: those changed or gone, those that name a
/// rebuilt or dropped table, and the views over those, transitively.
fn changed_views(
    from: &SqliteSchema,
    to: &SqliteSchema,
    gone_tables: &BTreeSet<String>,
) -> BTreeSet<String> {
    let mut set: BTreeSet<String> = from
        .views
        .iter()
        .filter(|(name, v)| to.views.get(*name) != Some(*v))
        .map(|(name, _)| name.clone())
        .chain(
            to.views
                .keys()
                .filter(|name| !from.views.contains_key(*name))
                .cloned(),
        )
        .collect();
    let tokens: BTreeMap<&String, Vec<Token>> = from
        .views
        .iter()
        .map(|(n, v)| (n, tokenize(&v.sql)))
        .collect();
    let mut names: BTreeSet<String> = gone_tables.clone();
    names.extend(set.iter().cloned());
    loop {
        let more: Vec<String> = tokens
            .iter()
            .filter(|(n, _)| !set.contains(**n))
            .filter(|(_, ts)| names.iter().any(|name| ts.iter().any(|t| t.is_name(name))))
            .map(|(n, _)| (*n).clone())
            .collect();
        if more.is_empty() {
            break;
        }
        names.extend(more.iter().cloned());
        set.extend(more);
    }
    set
}

/// Triggers to drop and make again: those changed or gone, those on or
/// naming a rebuilt or dropped table or a replaced view.
fn changed_triggers(
    from: &SqliteSchema,
    to: &SqliteSchema,
    gone: &BTreeSet<String>,
) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    for (name, old) in &from.triggers {
        let tokens = tokenize(&old.sql);
        if to.triggers.get(name) != Some(old)
            || gone.contains(&key(&old.table))
            || gone.iter().any(|g| tokens.iter().any(|t| t.is_name(g)))
        {
            set.insert(name.clone());
        }
    }
    set.extend(
        to.triggers
            .keys()
            .filter(|name| !from.triggers.contains_key(*name))
            .cloned(),
    );
    set
}

/// Tables referring to others go first: with foreign keys enforced,
/// dropping a parent that still has rows referring to it fails.
fn drop_order(dropped: &[SqliteTable]) -> Vec<SqliteTable> {
    let mut left: Vec<SqliteTable> = dropped.to_vec();
    left.sort_by_key(|t| std::cmp::Reverse(t.position));
    let mut ordered = Vec::new();
    while !left.is_empty() {
        let free = left
            .iter()
            .position(|t| {
                !left
                    .iter()
                    .any(|other| other.name != t.name && other.references.contains(&key(&t.name)))
            })
            .unwrap_or(0);
        ordered.push(left.remove(free));
    }
    ordered
}
