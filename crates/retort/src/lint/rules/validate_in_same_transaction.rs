//! R008: `VALIDATE CONSTRAINT` in the transaction that added the
//! constraint `NOT VALID`, which keeps the strong lock through the scan.

use crate::lint::ast::{self, TableName};
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};
use crate::lint::text::lint_tr;
use pg_query::protobuf::AlterTableType;
use pg_query::NodeEnum;

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R008",
        name: "validate-in-same-transaction",
        summary: "VALIDATE CONSTRAINT in the same transaction as the NOT VALID ADD CONSTRAINT",
        why: "NOT VALID exists so that the scan happens later under a weak lock. In the same \
              transaction, the ADD CONSTRAINT's lock (ACCESS EXCLUSIVE for a CHECK, SHARE ROW \
              EXCLUSIVE for a FOREIGN KEY) is still held while VALIDATE reads every row: the \
              table is blocked exactly as without NOT VALID.",
        fix: "-- migration 1:\n\
              ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;\n\
              -- migration 2 (its own transaction: transaction_per_migration = true, or a\n\
              -- no-transaction section):\n\
              ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;",
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
        .filter(|(kind, cmd)| {
            *kind == AlterTableType::AtValidateConstraint
                && s.state.not_valid_in_transaction.contains(&cmd.name)
        })
        .map(|(_, cmd)| {
            let table = table.to_string();
            Hit::new(lint_tr!(
                "lint-r008-hit",
                constraint = &cmd.name,
                table = &table
            ))
            .lock(
                lint_tr!("lint-r008-lock", table = &table),
                lint_tr!("lint-r008-blocks"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::{run, run_outside_transaction};

    #[test]
    fn validate_after_add_in_one_transaction_is_found() {
        let sql = "ALTER TABLE t ADD CONSTRAINT c CHECK (n > 0) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT c;";
        assert_eq!(run(&RULE, sql).len(), 1);
        // Outside a transaction each statement commits: fine.
        assert!(run_outside_transaction(&RULE, sql).is_empty());
        assert!(run(&RULE, "ALTER TABLE t VALIDATE CONSTRAINT c;").is_empty());
    }
}
