//! R004: `ADD COLUMN ... NOT NULL` without a default on a table that may
//! hold rows.

use crate::lint::ast::{self, TableName};
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};
use crate::lint::text::lint_tr;
use pg_query::protobuf::AlterTableType;
use pg_query::NodeEnum;

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R004",
        name: "add-column-not-null-without-default",
        summary: "ADD COLUMN ... NOT NULL without a DEFAULT on an existing table",
        why: "The existing rows would hold NULL in the new column, so PostgreSQL refuses the \
              statement (\"column contains null values\") as soon as the table has one row: the \
              migration passes on an empty development database and fails in production.",
        fix: "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';  -- instant from PG 11\n\
              -- or: add it nullable, backfill in batches, then\n\
              ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;\n\
              ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;  -- a later transaction\n\
              ALTER TABLE orders ALTER COLUMN status SET NOT NULL;",
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
    ast::alter_commands(alter)
        .filter(|(kind, _)| *kind == AlterTableType::AtAddColumn)
        .filter_map(|(_, cmd)| ast::column_def(cmd))
        .filter(|def| {
            ast::column_not_null(def)
                && ast::column_default(def).is_none()
                && ast::column_fills_rows(def).is_none()
        })
        .map(|def| {
            Hit::new(lint_tr!(
                "lint-r004-hit",
                column = &def.colname,
                table = table.to_string(),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::run;

    #[test]
    fn not_null_without_default_fails_on_rows() {
        assert_eq!(run(&RULE, "ALTER TABLE t ADD COLUMN s text NOT NULL;").len(), 1);
        assert_eq!(run(&RULE, "ALTER TABLE t ADD COLUMN id int PRIMARY KEY;").len(), 1);
    }

    #[test]
    fn a_default_a_nullable_column_or_a_new_table_pass() {
        assert!(run(&RULE, "ALTER TABLE t ADD COLUMN s text NOT NULL DEFAULT '';").is_empty());
        assert!(run(&RULE, "ALTER TABLE t ADD COLUMN s text;").is_empty());
        assert!(run(&RULE, "ALTER TABLE t ADD COLUMN id bigserial NOT NULL;").is_empty());
        assert!(run(&RULE, "CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN s text NOT NULL;").is_empty());
    }
}
