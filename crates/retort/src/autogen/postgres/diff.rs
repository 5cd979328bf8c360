//! Comparing two schema models into an ordered list of [`Op`]s.
//!
//! The order is fixed by phase so that every op finds what it needs, in the
//! upgrade and, reversed and inverted, in the downgrade: what depends on
//! other objects is dropped first and created last; tables are created
//! without foreign keys, which follow once every table exists.

use super::ops::{enum_change, EnumChange, EnumColumn, Op, RowSecurity};
use crate::autogen::postgres::model::*;
use std::collections::{BTreeMap, BTreeSet};

/// The ops that turn `from` into `to`; empty when they are the same.
pub fn diff(from: &Schema, to: &Schema) -> Vec<Op> {
    let from = &with_enum_labels_renamed(from, to);
    let mut ops = diff_objects(from, to);
    super::comments::add_comment_ops(from, to, &mut ops);
    ops
}

fn diff_objects(from: &Schema, to: &Schema) -> Vec<Op> {
    let mut ops = Vec::new();
    let replaced = replaced_tables(from, to);
    // On both sides and altered in place (not dropped and created again).
    let kept = |name: &str| to.tables.contains_key(name) && !replaced.contains(name);
    // Types rebuilt under a temporary name: what refers to them by oid (a
    // view's columns, a cast in an index or check, a function's signature)
    // would keep the old type, so it is dropped first and created again.
    let retyped = retyped_types(from, to);
    let mentions_retyped = |text: &str| retyped.iter().any(|t| mentions_type(text, t));
    let retyped_function =
        |f: &Function| mentions_retyped(&f.arguments) || mentions_retyped(&f.result);
    let mut touched = tables_with_changed_columns(from, to, &replaced);
    touched.extend(tables_holding(from, &retyped));
    let rebuilt_views = views_to_rebuild(from, to, &touched);
    let index_redone = |index: &Index, other: &Schema, rebuilt: &BTreeSet<&String>| {
        index_changed(index, other, rebuilt)
            || replaced.contains(&index.table)
            || mentions_retyped(&index.definition)
    };
    let check_redone =
        |con: &Constraint| con.kind == ConstraintKind::Check && mentions_retyped(&con.definition);
    let rekeyed = tables_with_changed_keys(from, to);
    // A foreign key holds on to the referenced table's unique index, so it
    // is dropped and added again around any change to that table's keys.
    let fk_changed = |schema: &Schema, table: &str, con: &Constraint| {
        changed_constraint(schema, table, con)
            || replaced.contains(table)
            || con
                .references
                .as_ref()
                .is_some_and(|r| rekeyed.contains(r) || replaced.contains(r))
    };
    // A policy reads its table's columns, which cannot change under it.
    let policy_changed = |policy: &Policy, other: &Schema| {
        other.policies.get(&policy_key(policy)) != Some(policy)
            || replaced.contains(&policy.table)
            || touched.contains(&policy.table)
    };
    let rebuilt_matviews: BTreeSet<&String> = rebuilt_views
        .iter()
        .filter(|v| from.views.get(*v).is_some_and(|v| v.materialized))
        .collect();

    // Triggers and policies.
    for (key, old) in &from.triggers {
        // A view that is dropped and created again takes its INSTEAD OF
        // triggers with it.
        if to.triggers.get(key) != Some(old)
            || replaced.contains(&old.table)
            || rebuilt_views.contains(&old.table)
        {
            ops.push(Op::DropTrigger(old.clone()));
        }
    }
    for old in from.policies.values() {
        if policy_changed(old, to) {
            ops.push(Op::DropPolicy(old.clone()));
        }
    }
    // Indexes on materialized views go before their view.
    for old in from.indexes.values() {
        if from.views.contains_key(&old.table) && index_redone(old, to, &rebuilt_matviews) {
            ops.push(Op::DropIndex(old.clone()));
        }
    }
    // Views, dependents first.
    for name in view_order(&from.views).into_iter().rev() {
        if rebuilt_views.contains(name) {
            ops.push(Op::DropView(from.views[name].clone()));
        }
    }
    // Foreign keys, of dropped tables too so that the downgrade recreates them.
    for old in from.tables.values() {
        for con in old.constraints.values() {
            if con.kind == ConstraintKind::ForeignKey && fk_changed(to, &old.name, con) {
                ops.push(Op::DropConstraint {
                    table: old.name.clone(),
                    constraint: con.clone(),
                });
            }
        }
    }
    for old in from.indexes.values() {
        if !from.views.contains_key(&old.table) && index_redone(old, to, &rebuilt_matviews) {
            ops.push(Op::DropIndex(old.clone()));
        }
    }
    for old in from.tables.values() {
        if !kept(&old.name) {
            continue;
        }
        for con in old.constraints.values() {
            if con.kind != ConstraintKind::ForeignKey
                && (changed_constraint(to, &old.name, con) || check_redone(con))
            {
                ops.push(Op::DropConstraint {
                    table: old.name.clone(),
                    constraint: con.clone(),
                });
            }
        }
    }
    // Sequences let go of columns before those go.
    for old in from.sequences.values() {
        let new_owner = to.sequences.get(&old.name).and_then(|s| s.owned_by.clone());
        if old.owned_by.is_some() && old.owned_by != new_owner {
            ops.push(Op::SetSequenceOwner {
                sequence: old.name.clone(),
                from: old.owned_by.clone(),
                to: None,
            });
        }
    }
    for old in from.tables.values() {
        let Some(new) = to.tables.get(&old.name).filter(|_| kept(&old.name)) else {
            continue;
        };
        for column in old.ordered_columns().into_iter().rev() {
            if needs_rebuild(column, new.columns.get(&column.name)) {
                ops.push(Op::DropColumn {
                    table: old.name.clone(),
                    column: column.clone(),
                });
            }
        }
    }
    // Partitions before their parent, which would take them along.
    for old in tables_parents_first(from).into_iter().rev() {
        if !kept(&old.name) {
            ops.push(Op::DropTable(without_foreign_keys(old)));
        }
    }
    for old in from.functions.values() {
        let goes = !to.functions.contains_key(&old.signature) || retyped_function(old);
        if goes && !used_by_columns(from, old) {
            ops.push(Op::DropFunction(old.clone()));
        }
    }

    // Creations, types first.
    for name in &to.schemas {
        if !from.schemas.contains(name) {
            ops.push(Op::CreateSchema(name.clone()));
        }
    }
    for new in to.extensions.values() {
        match from.extensions.get(&new.name) {
            Some(old) if old == new => {}
            Some(old) => {
                ops.push(Op::DropExtension(old.clone()));
                ops.push(Op::CreateExtension(new.clone()));
            }
            None => ops.push(Op::CreateExtension(new.clone())),
        }
    }
    for new in to.enums.values() {
        match from.enums.get(&new.name) {
            Some(old) if old == new => {}
            Some(old) => ops.push(Op::AlterEnum {
                from: old.clone(),
                to: new.clone(),
                columns: columns_of_type(from, to, &new.name),
            }),
            None => ops.push(Op::CreateEnum(new.clone())),
        }
    }
    for new in to.domains.values() {
        match from.domains.get(&new.name) {
            Some(old) if old == new => {}
            // The base type cannot change in place.
            Some(old) if old.data_type != new.data_type || old.collation != new.collation => ops
                .push(Op::RebuildDomain {
                    from: old.clone(),
                    to: new.clone(),
                    columns: columns_of_type(from, to, &new.name),
                }),
            Some(old) => ops.push(Op::AlterDomain {
                from: old.clone(),
                to: new.clone(),
            }),
            None => ops.push(Op::CreateDomain(new.clone())),
        }
    }
    for new in to.composites.values() {
        match from.composites.get(&new.name) {
            Some(old) if old == new => {}
            Some(old) => ops.push(Op::AlterComposite {
                from: old.clone(),
                to: new.clone(),
                columns: columns_of_type(from, to, &new.name),
            }),
            None => ops.push(Op::CreateComposite(new.clone())),
        }
    }
    for new in to.sequences.values() {
        let new_unowned = Sequence {
            owned_by: None,
            ..new.clone()
        };
        match from.sequences.get(&new.name) {
            Some(old) => {
                let old_unowned = Sequence {
                    owned_by: None,
                    ..old.clone()
                };
                if old_unowned != new_unowned {
                    ops.push(Op::AlterSequence {
                        from: old_unowned,
                        to: new_unowned,
                    });
                }
            }
            None => ops.push(Op::CreateSequence(new_unowned)),
        }
    }
    // Functions that column defaults or generated columns call come before
    // the tables; the rest after them, as their bodies may read tables.
    for new in to.functions.values() {
        if !from.functions.contains_key(&new.signature) && used_by_columns(to, new) {
            ops.push(Op::CreateFunction(new.clone()));
        }
    }
    for new in tables_parents_first(to) {
        let Some(old) = from.tables.get(&new.name).filter(|_| kept(&new.name)) else {
            ops.push(Op::CreateTable(without_foreign_keys(new)));
            continue;
        };
        for column in new.ordered_columns() {
            let before = old.columns.get(&column.name);
            if needs_rebuild_target(before, column) {
                ops.push(Op::AddColumn {
                    table: new.name.clone(),
                    column: column.clone(),
                });
            } else if let Some(before) = before {
                if before != column {
                    ops.push(Op::AlterColumn {
                        table: new.name.clone(),
                        from: before.clone(),
                        to: column.clone(),
                    });
                }
            }
        }
        if old.comment != new.comment {
            ops.push(Op::SetTableComment {
                table: new.name.clone(),
                from: old.comment.clone(),
                to: new.comment.clone(),
            });
        }
        if RowSecurity::of(old) != RowSecurity::of(new) {
            ops.push(Op::SetRowSecurity {
                table: new.name.clone(),
                from: RowSecurity::of(old),
                to: RowSecurity::of(new),
            });
        }
        if let (Some(was), Some(is)) = (&old.partition_of, &new.partition_of) {
            if was != is {
                ops.push(Op::SetPartition {
                    table: new.name.clone(),
                    from: was.clone(),
                    to: is.clone(),
                });
            }
        }
    }
    for new in to.sequences.values() {
        let old_owner = from
            .sequences
            .get(&new.name)
            .and_then(|s| s.owned_by.clone());
        if new.owned_by.is_some() && new.owned_by != old_owner {
            ops.push(Op::SetSequenceOwner {
                sequence: new.name.clone(),
                from: None,
                to: new.owned_by.clone(),
            });
        }
    }
    // What nothing refers to any more goes once the columns have let go.
    for old in from.functions.values() {
        if !to.functions.contains_key(&old.signature) && used_by_columns(from, old) {
            ops.push(Op::DropFunction(old.clone()));
        }
    }
    for old in from.sequences.values() {
        if !to.sequences.contains_key(&old.name) {
            ops.push(Op::DropSequence(Sequence {
                owned_by: None,
                ..old.clone()
            }));
        }
    }
    for old in from.composites.values() {
        if !to.composites.contains_key(&old.name) {
            ops.push(Op::DropComposite(old.clone()));
        }
    }
    for old in from.domains.values() {
        if !to.domains.contains_key(&old.name) {
            ops.push(Op::DropDomain(old.clone()));
        }
    }
    for old in from.enums.values() {
        if !to.enums.contains_key(&old.name) {
            ops.push(Op::DropEnum(old.clone()));
        }
    }
    for old in from.extensions.values() {
        if !to.extensions.contains_key(&old.name) {
            ops.push(Op::DropExtension(old.clone()));
        }
    }
    for name in &from.schemas {
        if !to.schemas.contains(name) {
            ops.push(Op::DropSchema(name.clone()));
        }
    }
    // Functions before what may call them: constraints, indexes, views, triggers.
    for new in to.functions.values() {
        match from.functions.get(&new.signature) {
            Some(old) if retyped_function(old) && !used_by_columns(from, old) => {
                ops.push(Op::CreateFunction(new.clone()))
            }
            Some(old) if old == new => {}
            Some(old) => ops.push(Op::ReplaceFunction {
                from: old.clone(),
                to: new.clone(),
            }),
            None if used_by_columns(to, new) => {}
            None => ops.push(Op::CreateFunction(new.clone())),
        }
    }
    for new in to.tables.values() {
        for con in new.constraints.values() {
            if con.kind != ConstraintKind::ForeignKey
                && from.tables.contains_key(&new.name)
                && kept(&new.name)
                && (changed_constraint(from, &new.name, con) || check_redone(con))
            {
                ops.push(Op::AddConstraint {
                    table: new.name.clone(),
                    constraint: con.clone(),
                });
            }
        }
    }
    for new in to.indexes.values() {
        if !to.views.contains_key(&new.table) && index_redone(new, from, &rebuilt_matviews) {
            ops.push(Op::CreateIndex(new.clone()));
        }
    }
    for new in to.tables.values() {
        for con in new.constraints.values() {
            if con.kind == ConstraintKind::ForeignKey && fk_changed(from, &new.name, con) {
                ops.push(Op::AddConstraint {
                    table: new.name.clone(),
                    constraint: con.clone(),
                });
            }
        }
    }
    let rebuilt_in_target: BTreeSet<&String> = to
        .views
        .keys()
        .filter(|name| rebuilt_views.contains(*name) || !from.views.contains_key(*name))
        .collect();
    for name in view_order(&to.views) {
        if rebuilt_in_target.contains(name) {
            ops.push(Op::CreateView(to.views[name].clone()));
        }
    }
    for new in to.indexes.values() {
        if to.views.contains_key(&new.table) && index_redone(new, from, &rebuilt_matviews) {
            ops.push(Op::CreateIndex(new.clone()));
        }
    }
    for (key, new) in &to.triggers {
        if from.triggers.get(key) != Some(new)
            || replaced.contains(&new.table)
            || rebuilt_views.contains(&new.table)
        {
            ops.push(Op::CreateTrigger(new.clone()));
        }
    }
    for new in to.policies.values() {
        if policy_changed(new, from) {
            ops.push(Op::CreatePolicy(new.clone()));
        }
    }
    ops
}

/// `from` as it is once the enum labels `to` renames are renamed: defaults,
/// index predicates, checks, views and policies hold the label's oid, so
/// PostgreSQL writes them with the new label from then on.
fn with_enum_labels_renamed(from: &Schema, to: &Schema) -> Schema {
    let mut replacements = Vec::new();
    for old in from.enums.values() {
        let Some(new) = to.enums.get(&old.name) else {
            continue;
        };
        if enum_change(old, new) != EnumChange::RenameValues {
            continue;
        }
        // Written unqualified only where the search path (public) finds it.
        let names: Vec<&str> = match old.name.strip_prefix("public.") {
            Some(short) => vec![short, old.name.as_str()],
            None => vec![old.name.as_str()],
        };
        for (a, b) in old.values.iter().zip(&new.values).filter(|(a, b)| a != b) {
            for type_name in &names {
                replacements.push((
                    format!("{}::{type_name}", super::render::literal(a)),
                    format!("{}::{type_name}", super::render::literal(b)),
                ));
            }
        }
    }
    if replacements.is_empty() {
        return from.clone();
    }
    let rewrite = |text: &mut String| {
        for (a, b) in &replacements {
            if text.contains(a.as_str()) {
                *text = replace_whole(text, a, b);
            }
        }
    };
    let mut schema = from.clone();
    for table in schema.tables.values_mut() {
        for column in table.columns.values_mut() {
            column.default.iter_mut().for_each(rewrite);
            column.generated.iter_mut().for_each(rewrite);
        }
        for constraint in table.constraints.values_mut() {
            rewrite(&mut constraint.definition);
        }
    }
    for index in schema.indexes.values_mut() {
        rewrite(&mut index.definition);
    }
    for view in schema.views.values_mut() {
        rewrite(&mut view.definition);
    }
    for policy in schema.policies.values_mut() {
        policy.using.iter_mut().for_each(rewrite);
        policy.with_check.iter_mut().for_each(rewrite);
    }
    for trigger in schema.triggers.values_mut() {
        rewrite(&mut trigger.definition);
    }
    schema
}

/// `text` with each `from` that no identifier character follows replaced
/// by `to`: `'a'::status` but not `'a'::status_log`.
fn replace_whole(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(from) {
        let end = at + from.len();
        let whole = !rest[end..].chars().next().is_some_and(is_name_char);
        out.push_str(&rest[..at]);
        out.push_str(if whole { to } else { from });
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Enums, domains and composite types that the diff rebuilds rather than alters.
fn retyped_types(from: &Schema, to: &Schema) -> Vec<String> {
    let mut names = Vec::new();
    for old in from.enums.values() {
        if let Some(new) = to.enums.get(&old.name) {
            if enum_change(old, new) == EnumChange::Rebuild {
                names.push(old.name.clone());
            }
        }
    }
    for old in from.domains.values() {
        if to
            .domains
            .get(&old.name)
            .is_some_and(|new| old.data_type != new.data_type || old.collation != new.collation)
        {
            names.push(old.name.clone());
        }
    }
    for old in from.composites.values() {
        if to.composites.get(&old.name).is_some_and(|new| new != old)
            && !columns_of_type(from, to, &old.name).is_empty()
        {
            names.push(old.name.clone());
        }
    }
    names
}

/// Tables with a column of one of `types` (or an array of one).
fn tables_holding(schema: &Schema, types: &[String]) -> BTreeSet<String> {
    schema
        .tables
        .values()
        .filter(|t| {
            t.columns.values().any(|c| {
                let base = c.data_type.trim_end_matches("[]");
                types
                    .iter()
                    .any(|ty| base == ty || Some(base) == ty.strip_prefix("public."))
            })
        })
        .map(|t| t.name.clone())
        .collect()
}

/// True when `text` names the type `qualified` (`public.status`), qualified
/// or not, as a whole word: `'new'::status`, `(s status)`.
fn mentions_type(text: &str, qualified: &str) -> bool {
    let short = qualified.rsplit('.').next().unwrap_or(qualified);
    [qualified, short].iter().any(|name| {
        text.match_indices(name).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + name.len()..].chars().next();
            !before.is_some_and(|c| is_name_char(c) || c == '.') && !after.is_some_and(is_name_char)
        })
    })
}

/// A character that can continue a name, quoted or not: a match followed
/// (or preceded) by one is part of a longer name.
fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '"'
}

fn policy_key(policy: &Policy) -> String {
    format!("{} {}", policy.table, policy.name)
}

/// Tables on both sides that cannot be altered into their new form: a
/// change of partitioning (`PARTITION BY`, or becoming or ceasing to be a
/// partition) needs the table created again.
fn replaced_tables(from: &Schema, to: &Schema) -> BTreeSet<String> {
    let mut replaced: BTreeSet<String> = from
        .tables
        .values()
        .filter(|old| {
            to.tables.get(&old.name).is_some_and(|new| {
                old.partition_by != new.partition_by
                    || old.partition_of.is_some() != new.partition_of.is_some()
            })
        })
        .map(|t| t.name.clone())
        .collect();
    // Dropping a partitioned table drops its partitions: they are created
    // again with it, on either side.
    loop {
        let before = replaced.len();
        for schema in [from, to] {
            for table in schema.tables.values() {
                let parent_replaced = table
                    .partition_of
                    .as_ref()
                    .is_some_and(|of| replaced.contains(&of.parent));
                if parent_replaced
                    && from.tables.contains_key(&table.name)
                    && to.tables.contains_key(&table.name)
                {
                    replaced.insert(table.name.clone());
                }
            }
        }
        if replaced.len() == before {
            return replaced;
        }
    }
}

/// Tables whose columns change, or that go or are replaced.
fn tables_with_changed_columns(
    from: &Schema,
    to: &Schema,
    replaced: &BTreeSet<String>,
) -> BTreeSet<String> {
    from.tables
        .values()
        .filter(|old| {
            replaced.contains(&old.name)
                || to
                    .tables
                    .get(&old.name)
                    .is_none_or(|new| old.columns != new.columns)
        })
        .map(|t| t.name.clone())
        .collect()
}

/// Tables with every partition after its parent.
fn tables_parents_first(schema: &Schema) -> Vec<&Table> {
    let depth = |table: &Table| {
        let mut depth = 0;
        let mut parent = table.partition_of.as_ref().map(|p| &p.parent);
        while let Some(name) = parent {
            depth += 1;
            if depth > schema.tables.len() {
                break;
            }
            parent = schema
                .tables
                .get(name)
                .and_then(|t| t.partition_of.as_ref().map(|p| &p.parent));
        }
        depth
    };
    let mut tables: Vec<&Table> = schema.tables.values().collect();
    tables.sort_by_key(|t| depth(t));
    tables
}

/// True when `other` lacks `index` or defines it otherwise, or when its
/// materialized view is rebuilt (which takes the index with it).
fn index_changed(index: &Index, other: &Schema, rebuilt_matviews: &BTreeSet<&String>) -> bool {
    other.indexes.get(&index.name) != Some(index) || rebuilt_matviews.contains(&index.table)
}

/// Tables on both sides whose primary key, unique or exclusion constraints
/// or unique indexes change.
fn tables_with_changed_keys(from: &Schema, to: &Schema) -> BTreeSet<String> {
    // Unique indexes grouped by table once: looking them up per table by
    // scanning every index is quadratic on large schemas.
    fn unique_indexes(schema: &Schema) -> BTreeMap<&str, Vec<&str>> {
        let mut by_table: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for i in schema.indexes.values() {
            if i.definition.starts_with("CREATE UNIQUE") {
                by_table.entry(&i.table).or_default().push(&i.definition);
            }
        }
        by_table
    }
    let (from_unique, to_unique) = (unique_indexes(from), unique_indexes(to));
    let keys = |schema: &Schema, unique: &BTreeMap<&str, Vec<&str>>, table: &str| -> Vec<String> {
        let mut keys: Vec<String> = schema.tables[table]
            .constraints
            .values()
            .filter(|c| c.kind != ConstraintKind::ForeignKey && c.kind != ConstraintKind::Check)
            .map(|c| format!("{} {}", c.name, c.definition))
            .collect();
        keys.extend(
            unique
                .get(table)
                .into_iter()
                .flatten()
                .map(|d| d.to_string()),
        );
        keys.sort();
        keys
    };
    from.tables
        .keys()
        .filter(|name| {
            to.tables.contains_key(*name)
                && keys(from, &from_unique, name) != keys(to, &to_unique, name)
        })
        .cloned()
        .collect()
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

/// True when `schema` lacks `con` on `table` or has it defined otherwise.
fn changed_constraint(schema: &Schema, table: &str, con: &Constraint) -> bool {
    schema
        .tables
        .get(table)
        .and_then(|t| t.constraints.get(&con.name))
        != Some(con)
}

fn without_foreign_keys(table: &Table) -> Table {
    let mut table = table.clone();
    table
        .constraints
        .retain(|_, c| c.kind != ConstraintKind::ForeignKey);
    table
}

/// A column that PostgreSQL cannot alter in place (a generated column's
/// expression, or a change between generated and plain) is dropped and added.
fn needs_rebuild(old: &Column, new: Option<&Column>) -> bool {
    match new {
        None => true,
        Some(new) => old.generated != new.generated,
    }
}

fn needs_rebuild_target(old: Option<&Column>, new: &Column) -> bool {
    match old {
        None => true,
        Some(old) => old.generated != new.generated,
    }
}

/// Columns of `from` that hold the type `type_name` (or an array of it) and
/// stay in `to`, whatever type they have there.
fn columns_of_type(from: &Schema, to: &Schema, type_name: &str) -> Vec<EnumColumn> {
    let short = type_name.strip_prefix("public.").unwrap_or(type_name);
    let holds = |c: &Column| {
        let base = c.data_type.trim_end_matches("[]");
        base == type_name || base == short
    };
    let mut found = Vec::new();
    for table in from.tables.values() {
        for column in table.columns.values() {
            let in_target = to
                .tables
                .get(&table.name)
                .and_then(|t| t.columns.get(&column.name));
            // At the rebuild, in either direction, columns are as in
            // `from`: the upgrade changes them after it, the downgrade
            // restores them before it. Columns dropped (or rebuilt) are gone.
            if holds(column) && in_target.is_some_and(|new| !needs_rebuild(column, Some(new))) {
                found.push(EnumColumn {
                    column: ColumnRef {
                        table: table.name.clone(),
                        column: column.name.clone(),
                    },
                    default: column.default.clone(),
                    array: column.data_type.ends_with("[]"),
                });
            }
        }
    }
    found
}

/// Views to drop and create again: those whose definition changed or that
/// go, and those reading a table whose columns change (PostgreSQL refuses
/// to alter or drop a column a view uses) or a view that is rebuilt.
fn views_to_rebuild(
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
fn view_order(views: &BTreeMap<String, View>) -> Vec<&String> {
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
