//! R002: a CONCURRENTLY statement in a section that runs inside a
//! transaction, which PostgreSQL refuses.

use crate::lint::ast::{self, TableName};
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};
use crate::lint::text::lint_tr;
use pg_query::NodeEnum;

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R002",
        name: "concurrently-in-transaction",
        summary: "CREATE/DROP INDEX CONCURRENTLY or REINDEX CONCURRENTLY inside a transaction",
        why: "PostgreSQL refuses the CONCURRENTLY forms inside a transaction block (\"cannot \
              run inside a transaction block\"): the migration fails when it runs. retort runs \
              a section in a transaction unless its marker says no-transaction.",
        fix: "-- retort:upgrade no-transaction\n\
              CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_orders_customer_id ON orders (customer_id);",
        level: Level::Error,
        postgres_only: true,
    },
    check,
};

fn check(s: &Statement<'_>) -> Vec<Hit> {
    if !s.in_transaction {
        return Vec::new();
    }
    let what = match s.node {
        NodeEnum::IndexStmt(i) if i.concurrent => lint_tr!(
            "lint-r002-create-index-on",
            table = i
                .relation
                .as_ref()
                .map(|r| TableName::of(r).to_string())
                .unwrap_or_default()
        ),
        NodeEnum::DropStmt(d) if d.concurrent => {
            lint_tr!("lint-r002-statement", statement = "DROP INDEX CONCURRENTLY")
        }
        NodeEnum::ReindexStmt(r) if ast::option_on(&r.params, "concurrently") => {
            lint_tr!("lint-r002-statement", statement = "REINDEX CONCURRENTLY")
        }
        _ => return Vec::new(),
    };
    vec![Hit::new(lint_tr!("lint-r002-hit", what = what))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::{run, run_outside_transaction};

    #[test]
    fn concurrently_in_a_transaction_is_an_error() {
        assert_eq!(run(&RULE, "CREATE INDEX CONCURRENTLY i ON t (a);").len(), 1);
        assert_eq!(run(&RULE, "DROP INDEX CONCURRENTLY i;").len(), 1);
        assert_eq!(run(&RULE, "REINDEX (CONCURRENTLY) INDEX i;").len(), 1);
    }

    #[test]
    fn outside_a_transaction_it_is_fine_unless_begin() {
        assert!(run_outside_transaction(&RULE, "CREATE INDEX CONCURRENTLY i ON t (a);").is_empty());
        assert_eq!(
            run_outside_transaction(&RULE, "BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;")
                .len(),
            1
        );
        assert!(run(&RULE, "CREATE INDEX i ON t (a);").is_empty());
    }
}
