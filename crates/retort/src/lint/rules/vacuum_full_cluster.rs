//! R016: `VACUUM FULL` and `CLUSTER`, which rewrite a table under ACCESS
//! EXCLUSIVE.

use crate::lint::ast::{self, TableName};
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};
use crate::lint::text::lint_tr;
use pg_query::NodeEnum;

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R016",
        name: "vacuum-full-or-cluster",
        summary: "VACUUM FULL or CLUSTER in a migration",
        why: "Both rewrite the whole table (and its indexes) holding ACCESS EXCLUSIVE: nothing \
              reads or writes it until they finish, for minutes to hours on a large table. \
              VACUUM cannot run inside a transaction either. Routine maintenance does not \
              belong in a migration.",
        fix: "-- Plain VACUUM (no lock on readers or writers), outside a transaction:\n\
              -- retort:upgrade no-transaction\n\
              VACUUM (ANALYZE) orders;\n\
              -- or rebuild online with the pg_repack extension, outside migrations.",
        level: Level::Error,
        postgres_only: true,
    },
    check,
};

fn check(s: &Statement<'_>) -> Vec<Hit> {
    let (what, tables) = match s.node {
        NodeEnum::VacuumStmt(v) if v.is_vacuumcmd && ast::option_on(&v.options, "full") => (
            "VACUUM FULL",
            v.rels
                .iter()
                .filter_map(|n| match ast::inner(n)? {
                    NodeEnum::VacuumRelation(r) => r.relation.as_ref().map(TableName::of),
                    _ => None,
                })
                .collect::<Vec<_>>(),
        ),
        NodeEnum::ClusterStmt(c) => ("CLUSTER", c.relation.iter().map(TableName::of).collect()),
        _ => return Vec::new(),
    };
    if !tables.is_empty() && tables.iter().all(|t| s.state.is_new(t)) {
        return Vec::new();
    }
    if tables.is_empty() {
        return vec![Hit::new(lint_tr!("lint-r016-hit-every-table", statement = what)).lock(
            lint_tr!("lint-r016-lock-every-table"),
            lint_tr!("lint-r016-blocks"),
        )];
    }
    let names = tables.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", ");
    vec![Hit::new(lint_tr!("lint-r016-hit", statement = what, tables = &names)).lock(
        lint_tr!("lint-lock-access-exclusive", table = &names),
        lint_tr!("lint-r016-blocks"),
    )]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::run_outside_transaction;

    #[test]
    fn full_vacuum_and_cluster_are_found() {
        assert_eq!(run_outside_transaction(&RULE, "VACUUM FULL orders;").len(), 1);
        assert_eq!(run_outside_transaction(&RULE, "VACUUM (FULL, ANALYZE) orders;").len(), 1);
        assert_eq!(run_outside_transaction(&RULE, "CLUSTER orders USING ix;").len(), 1);
        assert!(run_outside_transaction(&RULE, "VACUUM (ANALYZE) orders;").is_empty());
        assert!(run_outside_transaction(&RULE, "ANALYZE orders;").is_empty());
    }
}
