//! R003: `ADD COLUMN` that makes PostgreSQL rewrite the table: a volatile
//! default, a serial, identity or stored generated column, or any default
//! before PostgreSQL 11.

use crate::lint::ast::{self, TableName};
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};
use crate::lint::text::lint_tr;
use pg_query::protobuf::AlterTableType;
use pg_query::NodeEnum;

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R003",
        name: "add-column-rewrites-table",
        summary: "ADD COLUMN with a volatile default (or serial, identity, stored generated; any default before PG 11)",
        why: "From PostgreSQL 11 a non-volatile DEFAULT is stored once and ADD COLUMN is instant. \
              A volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval() of a \
              serial, an identity or a stored generated column) must be computed for every row: \
              the table is rewritten under ACCESS EXCLUSIVE, and nothing reads or writes it until \
              the rewrite ends. Before PostgreSQL 11 any default rewrites.",
        fix: "ALTER TABLE orders ADD COLUMN token uuid;                 -- instant\n\
              ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();  -- new rows\n\
              -- then backfill existing rows in batches, in later transactions:\n\
              UPDATE orders SET token = gen_random_uuid() WHERE id BETWEEN 1 AND 10000 AND token IS NULL;",
        level: Level::Error,
        postgres_only: true,
    },
    check,
};

/// Functions known not to be volatile, so a default calling them is
/// stored once (PostgreSQL 11+). Anything else is taken as volatile: the
/// linter cannot see a user function's volatility.
const NOT_VOLATILE: &[&str] = &[
    "now",
    "statement_timestamp",
    "transaction_timestamp",
    "current_setting",
    "lower",
    "upper",
    "length",
    "concat",
    "to_jsonb",
    "to_json",
    "jsonb_build_object",
    "json_build_object",
    "jsonb_build_array",
    "json_build_array",
    "array_length",
    "make_date",
    "make_interval",
    "date_trunc",
    "btrim",
    "ltrim",
    "rtrim",
    "replace",
    "substring",
    "abs",
    "round",
];

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
        if kind != AlterTableType::AtAddColumn {
            continue;
        }
        let Some(def) = ast::column_def(cmd) else {
            continue;
        };
        let reason = if let Some(how) = ast::column_fills_rows(def) {
            Some(match how {
                ast::FillsRows::Identity => lint_tr!("lint-r003-adds-identity"),
                ast::FillsRows::Generated => lint_tr!("lint-r003-adds-generated"),
                ast::FillsRows::Serial => lint_tr!("lint-r003-adds-serial"),
            })
        } else if let Some(default) = ast::column_default(def) {
            let volatile: Vec<String> = ast::called_functions(default)
                .into_iter()
                .filter(|f| !NOT_VOLATILE.contains(&f.as_str()))
                .collect();
            let is_null = matches!(ast::inner(default), Some(NodeEnum::AConst(c)) if c.isnull);
            if !volatile.is_empty() {
                Some(lint_tr!(
                    "lint-r003-volatile-default",
                    functions = volatile.join("(), ")
                ))
            } else if s.postgres_version < 11 && !is_null {
                Some(lint_tr!(
                    "lint-r003-default-before-11",
                    version = s.postgres_version
                ))
            } else {
                None
            }
        } else {
            None
        };
        if let Some(reason) = reason {
            let table = table.to_string();
            hits.push(
                Hit::new(lint_tr!(
                    "lint-r003-hit",
                    column = &def.colname,
                    table = &table,
                    reason = reason,
                ))
                .lock(
                    lint_tr!("lint-lock-access-exclusive", table = &table),
                    lint_tr!("lint-blocks-table-rewrite"),
                ),
            );
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::{run, run_with};

    #[test]
    fn volatile_defaults_and_filled_columns_rewrite() {
        for sql in [
            "ALTER TABLE t ADD COLUMN u uuid DEFAULT gen_random_uuid();",
            "ALTER TABLE t ADD COLUMN r float8 NOT NULL DEFAULT random();",
            "ALTER TABLE t ADD COLUMN ts timestamptz DEFAULT clock_timestamp();",
            "ALTER TABLE t ADD COLUMN id bigserial;",
            "ALTER TABLE t ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;",
            "ALTER TABLE t ADD COLUMN total numeric GENERATED ALWAYS AS (a * b) STORED;",
        ] {
            assert_eq!(run(&RULE, sql).len(), 1, "{sql}");
        }
    }

    #[test]
    fn constant_defaults_are_instant_from_pg_11() {
        for sql in [
            "ALTER TABLE t ADD COLUMN n int DEFAULT 0;",
            "ALTER TABLE t ADD COLUMN ts timestamptz DEFAULT now();",
            "ALTER TABLE t ADD COLUMN s text NOT NULL DEFAULT 'x';",
            "ALTER TABLE t ADD COLUMN n int;",
        ] {
            assert!(run(&RULE, sql).is_empty(), "{sql}");
        }
        assert_eq!(
            run_with(&RULE, "ALTER TABLE t ADD COLUMN n int DEFAULT 0;", true, 10).len(),
            1
        );
        assert!(run(&RULE, "CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN u uuid DEFAULT gen_random_uuid();").is_empty());
    }
}
