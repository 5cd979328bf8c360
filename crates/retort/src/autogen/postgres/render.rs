//! [`Op`]s as PostgreSQL statements.

use super::ops::{enum_change, EnumChange, EnumColumn, Op, RowSecurity};
use crate::autogen::postgres::model::*;

/// The name without its schema: what `RENAME TO` takes.
pub fn bare(qualified: &str) -> &str {
    qualified
        .rsplit_once('.')
        .map_or(qualified, |(_, name)| name)
}

/// SQL string literal.
pub fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn comment_value(comment: &Option<String>) -> String {
    comment
        .as_deref()
        .map_or_else(|| "NULL".to_string(), literal)
}

/// The statements of one op, each ending in `;`.
pub fn render_op(op: &Op) -> Vec<String> {
    use Op::*;
    match op {
        CreateSchema(s) => vec![format!("CREATE SCHEMA {s};")],
        DropSchema(s) => vec![format!("DROP SCHEMA {s};")],
        CreateExtension(x) => vec![format!(
            "CREATE EXTENSION IF NOT EXISTS {} WITH SCHEMA {};",
            x.name, x.schema
        )],
        DropExtension(x) => vec![format!("DROP EXTENSION IF EXISTS {};", x.name)],
        CreateEnum(e) => vec![create_enum(&e.name, &e.values)],
        DropEnum(e) => vec![format!("DROP TYPE {};", e.name)],
        AlterEnum { from, to, columns } => alter_enum(from, to, columns),
        CreateDomain(d) => create_domain(d),
        DropDomain(d) => vec![format!("DROP DOMAIN {};", d.name)],
        AlterDomain { from, to } => alter_domain(from, to),
        RebuildDomain { to, columns, .. } => rebuild_domain(to, columns),
        CreateComposite(c) => vec![format!(
            "CREATE TYPE {} AS (\n{}\n);",
            c.name,
            c.attributes
                .iter()
                .map(|a| format!("    {}", attribute_definition(a)))
                .collect::<Vec<_>>()
                .join(",\n")
        )],
        DropComposite(c) => vec![format!("DROP TYPE {};", c.name)],
        AlterComposite { from, to, columns } if columns.is_empty() => alter_composite(from, to),
        AlterComposite { from, to, columns } => rebuild_composite(from, to, columns),
        CreateSequence(s) => vec![format!(
            "CREATE SEQUENCE {}{};",
            s.name,
            sequence_options(s)
        )],
        DropSequence(s) => vec![format!("DROP SEQUENCE {};", s.name)],
        AlterSequence { to, .. } => vec![format!(
            "ALTER SEQUENCE {}{}{};",
            to.name,
            sequence_options(to),
            if to.cycle { "" } else { " NO CYCLE" }
        )],
        SetSequenceOwner { sequence, to, .. } => vec![match to {
            Some(c) => format!(
                "ALTER SEQUENCE {sequence} OWNED BY {}.{};",
                c.table, c.column
            ),
            None => format!("ALTER SEQUENCE {sequence} OWNED BY NONE;"),
        }],
        CreateTable(t) => create_table(t),
        DropTable(t) => vec![format!("DROP TABLE {};", t.name)],
        AddColumn { table, column } => {
            let mut out = vec![format!(
                "ALTER TABLE {table} ADD COLUMN {};",
                column_definition(column)
            )];
            out.extend(column_comment(table, column));
            out
        }
        DropColumn { table, column } => {
            vec![format!("ALTER TABLE {table} DROP COLUMN {};", column.name)]
        }
        AlterColumn { table, from, to } => alter_column(table, from, to),
        RenameTable { from, to } => vec![format!("ALTER TABLE {from} RENAME TO {};", bare(to))],
        RenameConstraint { table, from, to } => vec![format!(
            "ALTER TABLE {table} RENAME CONSTRAINT {from} TO {to};"
        )],
        RenameIndex { from, to } => vec![format!("ALTER INDEX {from} RENAME TO {};", bare(to))],
        RenameSequence { from, to } => {
            vec![format!("ALTER SEQUENCE {from} RENAME TO {};", bare(to))]
        }
        RenameColumn { table, from, to } => {
            vec![format!("ALTER TABLE {table} RENAME COLUMN {from} TO {to};")]
        }
        AddConstraint { table, constraint } => vec![format!(
            "ALTER TABLE {table} ADD CONSTRAINT {} {};",
            constraint.name, constraint.definition
        )],
        DropConstraint { table, constraint } => vec![format!(
            "ALTER TABLE {table} DROP CONSTRAINT {};",
            constraint.name
        )],
        CreateIndex(i) => vec![format!("{};", i.definition)],
        DropIndex(i) => vec![format!("DROP INDEX {};", i.name)],
        CreateView(v) => vec![format!(
            "CREATE {}VIEW {} AS\n{};",
            if v.materialized { "MATERIALIZED " } else { "" },
            v.name,
            v.definition
        )],
        DropView(v) => vec![format!(
            "DROP {}VIEW {};",
            if v.materialized { "MATERIALIZED " } else { "" },
            v.name
        )],
        CreateFunction(f) => vec![format!("{};", f.definition)],
        ReplaceFunction { from, to } if !from.replaceable_by(to) => vec![
            format!(
                "DROP {} {};",
                if from.procedure {
                    "PROCEDURE"
                } else {
                    "FUNCTION"
                },
                from.signature
            ),
            format!("{};", to.definition),
        ],
        ReplaceFunction { to, .. } => vec![format!("{};", to.definition)],
        DropFunction(f) => vec![format!(
            "DROP {} {};",
            if f.procedure { "PROCEDURE" } else { "FUNCTION" },
            f.signature
        )],
        CreateTrigger(t) => vec![format!("{};", t.definition)],
        DropTrigger(t) => vec![format!("DROP TRIGGER {} ON {};", t.name, t.table)],
        SetTableComment { table, to, .. } => {
            vec![format!(
                "COMMENT ON TABLE {table} IS {};",
                comment_value(to)
            )]
        }
        CreatePolicy(p) => vec![create_policy(p)],
        DropPolicy(p) => vec![format!("DROP POLICY {} ON {};", p.name, p.table)],
        SetRowSecurity { table, from, to } => row_security(table, Some(*from), *to),
        SetPartition { table, from, to } => vec![
            format!("ALTER TABLE {} DETACH PARTITION {table};", from.parent),
            format!(
                "ALTER TABLE {} ATTACH PARTITION {table} {};",
                to.parent, to.bound
            ),
        ],
        SetComment { target, to, .. } => {
            vec![format!("COMMENT ON {target} IS {};", comment_value(to))]
        }
    }
}

fn create_domain(d: &Domain) -> Vec<String> {
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
    vec![out]
}

/// Converts each column holding a rebuilt type (or an array of it) to the
/// new `type_name`. A default is bound to the old type and cannot be
/// converted: it is taken off first and put back after, where `keep`
/// says it still holds.
fn convert_columns(
    columns: &[EnumColumn],
    type_name: &str,
    using: impl Fn(&str, bool) -> String,
    keep: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut out = Vec::new();
    for EnumColumn {
        column: c,
        default,
        array,
    } in columns
    {
        let alter =
            |what: String| format!("ALTER TABLE {} ALTER COLUMN {} {what};", c.table, c.column);
        if default.is_some() {
            out.push(alter("DROP DEFAULT".to_string()));
        }
        out.push(alter(format!(
            "TYPE {type_name}{} USING {}",
            if *array { "[]" } else { "" },
            using(&c.column, *array)
        )));
        if let Some(default) = default.as_ref().filter(|d| keep(d)) {
            out.push(alter(format!("SET DEFAULT {default}")));
        }
    }
    out
}

/// A domain's base type cannot change in place: the new domain is built
/// beside the old one and the columns converted through the new base type.
fn rebuild_domain(to: &Domain, columns: &[EnumColumn]) -> Vec<String> {
    let old_name = temporary_type_name(&to.name);
    let mut out = vec![format!(
        "ALTER DOMAIN {} RENAME TO {};",
        to.name,
        bare(&old_name)
    )];
    out.extend(create_domain(to));
    out.extend(convert_columns(
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
    ));
    out.push(format!("DROP DOMAIN {old_name};"));
    out
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

/// The ALTER clause that makes a column or domain NOT NULL or not.
fn not_null_change(not_null: bool) -> &'static str {
    if not_null {
        "SET NOT NULL"
    } else {
        "DROP NOT NULL"
    }
}

fn attribute_definition(a: &Attribute) -> String {
    match &a.collation {
        Some(collation) => format!("{} {} COLLATE {collation}", a.name, a.data_type),
        None => format!("{} {}", a.name, a.data_type),
    }
}

/// Attributes keep their place: dropped ones first, then retyped, then the
/// new ones appended (ADD ATTRIBUTE, like ADD COLUMN, appends).
fn alter_composite(from: &CompositeType, to: &CompositeType) -> Vec<String> {
    let alter = |what: String| format!("ALTER TYPE {} {what};", to.name);
    let mut out = Vec::new();
    for old in &from.attributes {
        if !to.attributes.iter().any(|a| a.name == old.name) {
            out.push(alter(format!("DROP ATTRIBUTE {}", old.name)));
        }
    }
    for new in &to.attributes {
        match from.attributes.iter().find(|a| a.name == new.name) {
            Some(old) if old == new => {}
            Some(_) => out.push(alter(format!(
                "ALTER ATTRIBUTE {} TYPE {}{}",
                new.name,
                new.data_type,
                new.collation
                    .as_ref()
                    .map(|c| format!(" COLLATE {c}"))
                    .unwrap_or_default()
            ))),
            None => out.push(alter(format!(
                "ADD ATTRIBUTE {}",
                attribute_definition(new)
            ))),
        }
    }
    out
}

/// A type that columns hold cannot be altered: the new type is built beside
/// the old one and each column converted field by field (new fields NULL).
fn rebuild_composite(
    from: &CompositeType,
    to: &CompositeType,
    columns: &[EnumColumn],
) -> Vec<String> {
    let old_name = temporary_type_name(&to.name);
    let mut out = vec![format!(
        "ALTER TYPE {} RENAME TO {};",
        to.name,
        bare(&old_name)
    )];
    out.extend(render_op(&Op::CreateComposite(to.clone())));
    out.extend(convert_columns(
        columns,
        &to.name,
        |column, array| {
            if array {
                // A subquery cannot convert element by element here; the
                // text form converts where the fields line up.
                return format!("{column}::text::{}[]", to.name);
            }
            let fields: Vec<String> = to
                .attributes
                .iter()
                .map(
                    |a| match from.attributes.iter().find(|old| old.name == a.name) {
                        Some(old) if old.data_type == a.data_type => {
                            format!("({column}).{}", a.name)
                        }
                        Some(_) => format!("({column}).{}::{}", a.name, a.data_type),
                        None => format!("NULL::{}", a.data_type),
                    },
                )
                .collect();
            format!(
                "CASE WHEN {column} IS NOT DISTINCT FROM NULL THEN NULL ELSE ROW({})::{} END",
                fields.join(", "),
                to.name
            )
        },
        // A default written for the old fields (ROW(0, 0)) does not fit
        // a type with more or fewer; the column's own change sets the new one.
        |_| from.attributes.len() == to.attributes.len(),
    ));
    out.push(format!("DROP TYPE {old_name};"));
    out
}

/// `schema.name` renamed aside while its replacement is built.
fn temporary_type_name(name: &str) -> String {
    let old_name = format!("{}__retort_old", name.trim_end_matches('"'));
    if name.ends_with('"') {
        format!("{old_name}\"")
    } else {
        old_name
    }
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
fn row_security(table: &str, from: Option<RowSecurity>, to: RowSecurity) -> Vec<String> {
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

/// As [`render_op`], with indexes built and dropped concurrently.
pub fn render_op_concurrently(op: &Op) -> Vec<String> {
    match op {
        Op::CreateIndex(i) => vec![format!(
            "{};",
            i.definition.replacen(" INDEX ", " INDEX CONCURRENTLY ", 1)
        )],
        Op::DropIndex(i) => vec![format!("DROP INDEX CONCURRENTLY {};", i.name)],
        other => render_op(other),
    }
}

fn create_enum(name: &str, values: &[String]) -> String {
    let labels: Vec<String> = values.iter().map(|v| literal(v)).collect();
    format!("CREATE TYPE {name} AS ENUM ({});", labels.join(", "))
}

/// `ADD VALUE` keeps the type (and everything using it) in place, but can
/// only add; any other change rebuilds the type under a temporary name.
fn alter_enum(from: &Enum, to: &Enum, columns: &[EnumColumn]) -> Vec<String> {
    if enum_change(from, to) == EnumChange::RenameValues {
        return from
            .values
            .iter()
            .zip(&to.values)
            .filter(|(a, b)| a != b)
            .map(|(a, b)| {
                format!(
                    "ALTER TYPE {} RENAME VALUE {} TO {};",
                    to.name,
                    literal(a),
                    literal(b)
                )
            })
            .collect();
    }
    if enum_change(from, to) == EnumChange::AddValues {
        let mut out = Vec::new();
        for (i, value) in to.values.iter().enumerate() {
            if from.values.contains(value) {
                continue;
            }
            // Placed after the label before it, which exists by now.
            let position = match i.checked_sub(1).map(|p| &to.values[p]) {
                Some(previous) => format!(" AFTER {}", literal(previous)),
                None => match from.values.first() {
                    Some(first) => format!(" BEFORE {}", literal(first)),
                    None => String::new(),
                },
            };
            out.push(format!(
                "ALTER TYPE {} ADD VALUE {}{position};",
                to.name,
                literal(value)
            ));
        }
        return out;
    }
    let old_name = temporary_type_name(&to.name);
    let mut out = vec![
        format!("ALTER TYPE {} RENAME TO {};", to.name, bare(&old_name)),
        create_enum(&to.name, &to.values),
    ];
    // A default that names a label that goes is not put back.
    let removed: Vec<String> = from
        .values
        .iter()
        .filter(|v| !to.values.contains(v))
        .map(|v| literal(v))
        .collect();
    out.extend(convert_columns(
        columns,
        &to.name,
        |column, array| {
            let brackets = if array { "[]" } else { "" };
            format!("{column}::text{brackets}::{}{brackets}", to.name)
        },
        |default| !removed.iter().any(|label| default.contains(label)),
    ));
    out.push(format!("DROP TYPE {old_name};"));
    out
}

pub(crate) fn is_in_order_within(part: &[String], whole: &[String]) -> bool {
    let mut rest = whole.iter();
    part.iter().all(|p| rest.any(|w| w == p))
}

fn sequence_options(s: &Sequence) -> String {
    format!(
        " AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} START WITH {} CACHE {}{}",
        s.data_type,
        s.increment,
        s.min,
        s.max,
        s.start,
        s.cache,
        if s.cycle { " CYCLE" } else { "" }
    )
}

fn column_definition(c: &Column) -> String {
    let mut out = format!("{} {}", c.name, c.data_type);
    if let Some(collation) = &c.collation {
        out.push_str(&format!(" COLLATE {collation}"));
    }
    if let Some(expression) = &c.generated {
        out.push_str(&format!(" GENERATED ALWAYS AS ({expression}) STORED"));
    }
    if let Some(identity) = c.identity {
        out.push(' ');
        out.push_str(&identity_clause(identity, &c.identity_options));
    }
    if let Some(default) = &c.default {
        out.push_str(&format!(" DEFAULT {default}"));
    }
    if c.not_null {
        out.push_str(" NOT NULL");
    }
    out
}

fn column_comment(table: &str, c: &Column) -> Option<String> {
    c.comment.as_ref().map(|_| {
        format!(
            "COMMENT ON COLUMN {table}.{} IS {};",
            c.name,
            comment_value(&c.comment)
        )
    })
}

fn create_table(t: &Table) -> Vec<String> {
    let mut lines: Vec<String> = t
        .ordered_columns()
        .into_iter()
        .map(|c| format!("    {}", column_definition(c)))
        .collect();
    // Primary key first, as people write it; then the rest by name.
    let mut constraints: Vec<&Constraint> = t.constraints.values().collect();
    constraints.sort_by_key(|c| c.kind != ConstraintKind::PrimaryKey);
    for c in constraints {
        lines.push(format!("    CONSTRAINT {} {}", c.name, c.definition));
    }
    let mut out = vec![match (&t.partition_of, &t.partition_by) {
        (Some(of), by) => {
            // Columns come from the parent; only the table's own constraints are listed.
            let constraints: Vec<&String> = lines
                .iter()
                .filter(|l| l.trim_start().starts_with("CONSTRAINT "))
                .collect();
            let list = if constraints.is_empty() {
                String::new()
            } else {
                format!(
                    " (\n{}\n)",
                    constraints
                        .iter()
                        .map(|l| l.as_str())
                        .collect::<Vec<_>>()
                        .join(",\n")
                )
            };
            let by = by
                .as_ref()
                .map(|b| format!(" PARTITION BY {b}"))
                .unwrap_or_default();
            format!(
                "CREATE TABLE {} PARTITION OF {}{list} {}{by};",
                t.name, of.parent, of.bound
            )
        }
        (None, by) => format!(
            "CREATE TABLE {} (\n{}\n){};",
            t.name,
            lines.join(",\n"),
            by.as_ref()
                .map(|b| format!(" PARTITION BY {b}"))
                .unwrap_or_default()
        ),
    }];
    out.extend(row_security(&t.name, None, RowSecurity::of(t)));
    if t.comment.is_some() {
        out.push(format!(
            "COMMENT ON TABLE {} IS {};",
            t.name,
            comment_value(&t.comment)
        ));
    }
    for c in t.ordered_columns() {
        out.extend(column_comment(&t.name, c));
    }
    out
}

/// Dropping the default first lets the type change; the new default is set
/// once the column has its new type.
fn alter_column(table: &str, from: &Column, to: &Column) -> Vec<String> {
    let alter = |what: String| format!("ALTER TABLE {table} ALTER COLUMN {} {what};", to.name);
    let mut out = Vec::new();
    let type_changes = from.data_type != to.data_type || from.collation != to.collation;
    let default_changes = from.default != to.default || type_changes;
    if from.identity.is_some() && to.identity.is_none() {
        out.push(alter("DROP IDENTITY".into()));
    }
    if from.default.is_some() && default_changes {
        out.push(alter("DROP DEFAULT".into()));
    }
    if type_changes {
        let collate = to
            .collation
            .as_ref()
            .map(|c| format!(" COLLATE {c}"))
            .unwrap_or_default();
        out.push(alter(format!(
            "TYPE {}{collate} USING {}",
            to.data_type,
            super::convert::using_expression(&to.name, &from.data_type, &to.data_type)
        )));
    }
    if let Some(default) = &to.default {
        if default_changes {
            out.push(alter(format!("SET DEFAULT {default}")));
        }
    }
    if from.not_null != to.not_null {
        out.push(alter(not_null_change(to.not_null).to_string()));
    }
    match (from.identity, to.identity) {
        (None, Some(identity)) => out.push(alter(format!(
            "ADD {}",
            identity_clause(identity, &to.identity_options)
        ))),
        (Some(a), Some(b)) if a != b => out.push(alter(
            match b {
                Identity::Always => "SET GENERATED ALWAYS",
                Identity::ByDefault => "SET GENERATED BY DEFAULT",
            }
            .into(),
        )),
        _ => {}
    }
    if from.identity.is_some()
        && to.identity.is_some()
        && from.identity_options != to.identity_options
    {
        out.extend(identity_value_within_bounds(from, &to.identity_options));
        out.push(alter(identity_settings(&to.identity_options)));
    }
    if from.comment != to.comment {
        out.push(format!(
            "COMMENT ON COLUMN {table}.{} IS {};",
            to.name,
            comment_value(&to.comment)
        ));
    }
    out
}

fn identity_clause(identity: Identity, options: &Option<String>) -> String {
    let words = match identity {
        Identity::Always => "GENERATED ALWAYS AS IDENTITY",
        Identity::ByDefault => "GENERATED BY DEFAULT AS IDENTITY",
    };
    match options {
        Some(options) => format!("{words} ({options})"),
        None => words.to_string(),
    }
}

/// The value of an option in `START WITH 100 MINVALUE 10 ...`.
fn option_value<'a>(options: &'a str, key: &str) -> Option<&'a str> {
    let at = options.find(key)? + key.len();
    options[at..].split_whitespace().next()
}

/// PostgreSQL refuses new bounds that leave the sequence's current value
/// outside them. Moving the value to the bound is the least change that
/// allows them, and only happens when the value is outside (a sequence
/// never used): a live one keeps its place, never restarting below values
/// already handed out.
fn identity_value_within_bounds(from: &Column, options: &Option<String>) -> Vec<String> {
    let (Some(sequence), Some(options)) = (&from.identity_sequence, options) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(min) = option_value(options, "MINVALUE ") {
        out.push(format!(
            "SELECT setval({}, {min}, false) FROM {sequence} WHERE last_value < {min};",
            literal(sequence)
        ));
    }
    if let Some(max) = option_value(options, "MAXVALUE ") {
        out.push(format!(
            "SELECT setval({}, {max}, false) FROM {sequence} WHERE last_value > {max};",
            literal(sequence)
        ));
    }
    out
}

/// `SET` clauses that give an identity's sequence exactly `options`: each
/// option not named goes back to its default.
fn identity_settings(options: &Option<String>) -> String {
    let options = options.as_deref().unwrap_or("");
    let value = |key: &str| option_value(options, key);
    let increment = value("INCREMENT BY ").unwrap_or("1");
    let ascending = !increment.starts_with('-');
    let mut out = vec![format!("SET INCREMENT BY {increment}")];
    out.push(match value("MINVALUE ") {
        Some(min) => format!("SET MINVALUE {min}"),
        None => "SET NO MINVALUE".to_string(),
    });
    out.push(match value("MAXVALUE ") {
        Some(max) => format!("SET MAXVALUE {max}"),
        None => "SET NO MAXVALUE".to_string(),
    });
    let start = value("START WITH ").map(str::to_string).unwrap_or_else(|| {
        if ascending {
            value("MINVALUE ").unwrap_or("1").to_string()
        } else {
            value("MAXVALUE ").unwrap_or("-1").to_string()
        }
    });
    out.push(format!("SET START WITH {start}"));
    out.push(format!("SET CACHE {}", value("CACHE ").unwrap_or("1")));
    out.push(
        if options.contains("CYCLE") {
            "SET CYCLE"
        } else {
            "SET NO CYCLE"
        }
        .to_string(),
    );
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_value_keeps_order() {
        let from = Enum {
            name: "public.mood".into(),
            values: vec!["sad".into(), "happy".into()],
        };
        let to = Enum {
            name: "public.mood".into(),
            values: vec!["meh".into(), "sad".into(), "ok".into(), "happy".into()],
        };
        assert_eq!(
            alter_enum(&from, &to, &[]),
            vec![
                "ALTER TYPE public.mood ADD VALUE 'meh' BEFORE 'sad';",
                "ALTER TYPE public.mood ADD VALUE 'ok' AFTER 'sad';"
            ]
        );
    }

    #[test]
    fn removing_a_label_rebuilds_the_type() {
        let from = Enum {
            name: "public.mood".into(),
            values: vec!["sad".into(), "happy".into()],
        };
        let to = Enum {
            name: "public.mood".into(),
            values: vec!["happy".into()],
        };
        let sql = alter_enum(&from, &to, &[]);
        assert_eq!(sql[0], "ALTER TYPE public.mood RENAME TO mood__retort_old;");
        assert_eq!(sql.last().unwrap(), "DROP TYPE public.mood__retort_old;");
    }
}
