//! R005: `SET NOT NULL` that scans the table under ACCESS EXCLUSIVE,
//! because no validated `CHECK (col IS NOT NULL)` proves it first.

use crate::lint::ast::{self, TableName};
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};
use crate::lint::text::lint_tr;
use pg_query::protobuf::AlterTableType;
use pg_query::NodeEnum;

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R005",
        name: "set-not-null-scans-table",
        summary: "ALTER COLUMN ... SET NOT NULL without a validated CHECK (col IS NOT NULL) first",
        why: "SET NOT NULL reads every row to prove there is no NULL, holding ACCESS EXCLUSIVE: \
              nothing reads or writes the table meanwhile. From PostgreSQL 12 it skips the scan \
              when a validated CHECK (col IS NOT NULL) already proves it, and that CHECK can be \
              added NOT VALID and validated without blocking.",
        fix: "ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;\n\
              -- in a later transaction (another migration, or transaction_per_migration = true):\n\
              ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;\n\
              ALTER TABLE orders ALTER COLUMN status SET NOT NULL;  -- no scan (PG 12+)\n\
              ALTER TABLE orders DROP CONSTRAINT orders_status_not_null;",
        level: Level::Warning,
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
        .filter(|(kind, _)| *kind == AlterTableType::AtSetNotNull)
        .filter(|(_, cmd)| {
            s.postgres_version < 12 || !s.state.has_validated_not_null_check(&table, &cmd.name)
        })
        .map(|(_, cmd)| {
            let table = table.to_string();
            let message = if s.postgres_version < 12 {
                lint_tr!("lint-r005-hit-before-12", table = &table, column = &cmd.name)
            } else {
                lint_tr!("lint-r005-hit", table = &table, column = &cmd.name)
            };
            Hit::new(message).lock(
                lint_tr!("lint-lock-access-exclusive", table = &table),
                lint_tr!("lint-blocks-every-row-checked"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::{run, run_with};

    #[test]
    fn set_not_null_alone_scans() {
        assert_eq!(run(&RULE, "ALTER TABLE t ALTER COLUMN s SET NOT NULL;").len(), 1);
    }

    #[test]
    fn a_validated_check_spares_the_scan_from_pg_12() {
        let sql = "ALTER TABLE t ADD CONSTRAINT c CHECK (s IS NOT NULL) NOT VALID;\n\
                   ALTER TABLE t VALIDATE CONSTRAINT c;\n\
                   ALTER TABLE t ALTER COLUMN s SET NOT NULL;";
        assert!(run(&RULE, sql).is_empty());
        assert_eq!(run_with(&RULE, sql, true, 11).len(), 1);
        // Not validated: still a scan.
        assert_eq!(
            run(&RULE, "ALTER TABLE t ADD CONSTRAINT c CHECK (s IS NOT NULL) NOT VALID;\nALTER TABLE t ALTER COLUMN s SET NOT NULL;").len(),
            1
        );
    }
}
