//! R006: `ALTER COLUMN ... TYPE` that rewrites the table (every change but
//! the binary-coercible ones PostgreSQL does without touching rows).

use crate::lint::ast::{self, TableName};
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};
use crate::lint::text::lint_tr;
use pg_query::protobuf::{AlterTableType, TypeName};
use pg_query::NodeEnum;

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R006",
        name: "alter-column-type-rewrites-table",
        summary: "ALTER COLUMN ... TYPE that rewrites the table and its indexes",
        why: "Changing a column's type rewrites every row and rebuilds every index on the table \
              under ACCESS EXCLUSIVE: nothing reads or writes it until that ends. Only changes \
              PostgreSQL knows are binary-coercible skip the rewrite: varchar(n) to text or to \
              unconstrained or wider varchar, text to varchar, numeric(p,s) to numeric(q,s) with \
              q >= p or to numeric, varbit(n) to a wider varbit, cidr to inet. A USING clause \
              always rewrites.",
        fix: "-- Widen instead of retyping when you can:\n\
              ALTER TABLE orders ALTER COLUMN note TYPE text;  -- from varchar(n): no rewrite\n\
              -- Otherwise: add a column of the new type, backfill it in batches, switch\n\
              -- the application, then drop the old column.\n\
              ALTER TABLE orders ADD COLUMN amount_new numeric(12,2);",
        level: Level::Error,
        postgres_only: true,
    },
    check,
};

fn check(s: &Statement<'_>) -> Vec<Hit> {
    let NodeEnum::AlterTableStmt(alter) = s.node else {
        return Vec::new();
    };
    let Some(table) = alter.relation.as_ref().map(TableName::of) else {
        return Vec::new();
    };
    if s.state.is_new(&table) {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (kind, cmd) in ast::alter_commands(alter) {
        if kind != AlterTableType::AtAlterColumnType {
            continue;
        }
        let Some(def) = ast::column_def(cmd) else {
            continue;
        };
        let Some(new) = def.type_name.as_ref() else {
            continue;
        };
        let old = s.state.column_type(&table, &cmd.name);
        let using = def
            .raw_default
            .as_deref()
            .is_some_and(|using| !is_plain_cast(using, &cmd.name, new));
        let detail = match old {
            _ if using => lint_tr!("lint-r006-using"),
            Some(old) if binary_coercible(old, new) => continue,
            Some(old) => lint_tr!(
                "lint-r006-not-binary-coercible",
                old = ast::type_sql(old),
                new = ast::type_sql(new),
            ),
            None => lint_tr!("lint-r006-unknown-type", new = ast::type_sql(new)),
        };
        let table = table.to_string();
        hits.push(
            Hit::new(lint_tr!(
                "lint-r006-hit",
                column = &cmd.name,
                new = ast::type_sql(new),
                table = &table,
                detail = detail,
            ))
            .lock(
                lint_tr!("lint-lock-access-exclusive", table = &table),
                lint_tr!("lint-r006-blocks"),
            ),
        );
    }
    hits
}

/// Whether a USING expression is just the column cast to the new type
/// (`USING value::varchar(5000)`, as autogenerate writes it): PostgreSQL
/// then decides as without USING.
fn is_plain_cast(using: &pg_query::protobuf::Node, column: &str, new: &TypeName) -> bool {
    let is_column = |node: &pg_query::protobuf::Node| match ast::inner(node) {
        Some(NodeEnum::ColumnRef(r)) => {
            r.fields.len() == 1 && r.fields.last().and_then(ast::string) == Some(column)
        }
        _ => false,
    };
    match ast::inner(using) {
        Some(NodeEnum::TypeCast(cast)) => {
            cast.arg.as_deref().is_some_and(is_column)
                && cast.type_name.as_ref().is_some_and(|t| {
                    ast::type_base(t) == ast::type_base(new)
                        && ast::type_modifiers(t) == ast::type_modifiers(new)
                        && t.array_bounds.len() == new.array_bounds.len()
                })
        }
        _ => is_column(using),
    }
}

/// Whether PostgreSQL changes `old` to `new` without touching the rows
/// (and without rebuilding indexes, save for the cases it checks itself).
pub fn binary_coercible(old: &TypeName, new: &TypeName) -> bool {
    if !old.array_bounds.is_empty() || !new.array_bounds.is_empty() {
        return old == new;
    }
    let (from, to) = (ast::type_base(old), ast::type_base(new));
    let (from_mods, to_mods) = (
        ast::type_modifiers(old).unwrap_or_default(),
        ast::type_modifiers(new).unwrap_or_default(),
    );
    if from == to && from_mods == to_mods {
        return true;
    }
    match (from.as_str(), to.as_str()) {
        ("varchar", "text") | ("text", "varchar") if to_mods.is_empty() => true,
        ("varchar", "varchar") | ("varbit", "varbit") => match (from_mods.first(), to_mods.first()) {
            (_, None) => true,
            (Some(a), Some(b)) => b >= a,
            (None, Some(_)) => false,
        },
        ("numeric", "numeric") => match (from_mods.as_slice(), to_mods.as_slice()) {
            (_, []) => true,
            ([p1, s1], [p2, s2]) => p2 >= p1 && s1 == s2,
            ([p1], [p2]) => p2 >= p1,
            ([p1], [p2, 0]) => p2 >= p1,
            _ => false,
        },
        ("cidr", "inet") => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::run;

    #[test]
    fn rewriting_changes_are_found() {
        assert_eq!(run(&RULE, "ALTER TABLE t ALTER COLUMN c TYPE bigint;").len(), 1);
        assert_eq!(
            run(&RULE, "ALTER TABLE t ALTER COLUMN c TYPE int USING c::int;").len(),
            1
        );
    }

    #[test]
    fn binary_coercible_changes_are_exempt() {
        use super::binary_coercible;
        let ty = |sql: &str| {
            let parsed = pg_query::parse(&format!("CREATE TABLE x (c {sql})"), pg_query::ParserOptions::DEFAULT).unwrap();
            let pg_query::NodeEnum::CreateStmt(c) = parsed.protobuf.stmts[0].stmt.as_ref().unwrap().node.as_ref().unwrap() else { panic!() };
            let Some(pg_query::NodeEnum::ColumnDef(d)) = c.table_elts[0].node.as_ref() else { panic!() };
            d.type_name.clone().unwrap()
        };
        for (old, new) in [
            ("varchar(20)", "text"),
            ("varchar(20)", "varchar(40)"),
            ("varchar(20)", "varchar"),
            ("character varying(5)", "character varying(5)"),
            ("text", "varchar"),
            ("numeric(10,2)", "numeric(12,2)"),
            ("numeric(10,2)", "numeric"),
            ("cidr", "inet"),
        ] {
            assert!(binary_coercible(&ty(old), &ty(new)), "{old} -> {new}");
        }
        for (old, new) in [
            ("varchar(40)", "varchar(20)"),
            ("text", "varchar(10)"),
            ("int", "bigint"),
            ("numeric(10,2)", "numeric(12,3)"),
            ("numeric", "numeric(10,2)"),
            ("timestamp", "timestamptz"),
            ("char(5)", "text"),
        ] {
            assert!(!binary_coercible(&ty(old), &ty(new)), "{old} -> {new}");
        }
    }

    #[test]
    fn a_type_known_from_an_earlier_migration_decides() {
        use crate::lint::engine::lint;
        use crate::lint::settings::Settings;
        use crate::lint::source::Source;
        let source = |text: &str| Source {
            path: "v/x.sql".into(),
            revision: None,
            text: text.to_string(),
            first_line: 1,
            transactional: true,
        };
        let history = |alter: &str| {
            // Migrations linted as a history (not one run): the table is
            // not new to the second one, but its column types are known.
            let sources = [source("CREATE TABLE t (c varchar(20), d int);"), source(alter)];
            lint(&[&RULE], &sources, &Settings::default()).findings.len()
        };
        assert_eq!(history("ALTER TABLE t ALTER COLUMN c TYPE text;"), 0);
        assert_eq!(history("ALTER TABLE t ALTER COLUMN c TYPE varchar(10);"), 1);
        assert_eq!(history("ALTER TABLE t ALTER COLUMN d TYPE bigint;"), 1);
        // A USING that only casts the column is no USING at all.
        assert_eq!(
            history("ALTER TABLE t ALTER COLUMN c TYPE varchar(50) USING c::varchar(50);"),
            0
        );
        assert_eq!(
            history("ALTER TABLE t ALTER COLUMN c TYPE text USING lower(c);"),
            1
        );
    }
}
