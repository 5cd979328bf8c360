//! R018: `ALTER TYPE ... ADD VALUE` in a transaction: refused before
//! PostgreSQL 12; from 12 the new value cannot be used before the commit.

use crate::lint::ast;
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};
use crate::lint::text::lint_tr;
use pg_query::NodeEnum;

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R018",
        name: "enum-add-value-in-transaction",
        summary: "ALTER TYPE ... ADD VALUE inside a transaction before PG 12, or its value used in the same transaction",
        why: "Before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run inside a transaction \
              block: the migration fails. From 12 it can, but the new value cannot be used until \
              the transaction commits (\"unsafe use of new value\"): a later statement of the \
              same transaction that writes it fails.",
        fix: "-- retort:upgrade no-transaction\n\
              ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded';\n\
              -- use 'refunded' in a later migration (or after the statement, outside a transaction)",
        level: Level::Error,
        postgres_only: true,
    },
    check,
};

fn check(s: &Statement<'_>) -> Vec<Hit> {
    if !s.in_transaction {
        return Vec::new();
    }
    match s.node {
        NodeEnum::AlterEnumStmt(e)
            if !e.new_val.is_empty() && e.old_val.is_empty() && s.postgres_version < 12 =>
        {
            vec![Hit::new(lint_tr!(
                "lint-r018-add-value",
                type_name = ast::dotted(&e.type_name),
                value = &e.new_val,
                version = s.postgres_version
            ))]
        }
        node if !s.state.enum_values_in_transaction.is_empty() => {
            let used: Vec<String> = ast::string_constants(node)
                .into_iter()
                .filter(|v| s.state.enum_values_in_transaction.contains(v))
                .collect();
            match used.first() {
                Some(value) => vec![Hit::new(lint_tr!("lint-r018-uses-new-value", value = value))],
                None => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::{run_outside_transaction, run_with};

    const ADD: &str = "ALTER TYPE status ADD VALUE 'refunded';";

    #[test]
    fn add_value_in_a_transaction_depends_on_the_version() {
        assert_eq!(run_with(&RULE, ADD, true, 11).len(), 1);
        assert!(run_with(&RULE, ADD, true, 12).is_empty());
        assert!(run_outside_transaction(&RULE, ADD).is_empty());
    }

    #[test]
    fn using_the_new_value_in_the_same_transaction_is_found() {
        let sql = format!("{ADD}\nUPDATE orders SET status = 'refunded' WHERE id = 1;");
        let found = run_with(&RULE, &sql, true, 15);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 2);
        assert!(run_outside_transaction(&RULE, &sql).is_empty());
    }
}
