//! R015: `TRUNCATE ... CASCADE`, which empties every table that refers to
//! the named ones too.

use crate::lint::ast::{self, TableName};
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};
use crate::lint::text::lint_tr;
use pg_query::protobuf::DropBehavior;
use pg_query::NodeEnum;

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R015",
        name: "truncate-cascade",
        summary: "TRUNCATE ... CASCADE (empties every table with a foreign key to it)",
        why: "CASCADE also truncates every table that has a foreign key to the named ones, and \
              the tables referring to those, without naming them: a migration meant to clear a \
              lookup table can empty the orders table. It holds ACCESS EXCLUSIVE on all of them.",
        fix: "-- Name every table you mean to empty; without CASCADE PostgreSQL refuses\n\
              -- if another table still refers to them.\n\
              TRUNCATE import_staging, import_staging_rows;",
        level: Level::Error,
        postgres_only: true,
    },
    check,
};

fn check(s: &Statement<'_>) -> Vec<Hit> {
    let NodeEnum::TruncateStmt(t) = s.node else {
        return Vec::new();
    };
    if DropBehavior::try_from(t.behavior) != Ok(DropBehavior::DropCascade) {
        return Vec::new();
    }
    let tables: Vec<String> = t
        .relations
        .iter()
        .filter_map(|n| match ast::inner(n)? {
            NodeEnum::RangeVar(r) => Some(TableName::of(r).to_string()),
            _ => None,
        })
        .collect();
    let tables = tables.join(", ");
    vec![Hit::new(lint_tr!("lint-r015-hit", tables = &tables)).lock(
        lint_tr!("lint-r015-lock", tables = &tables),
        lint_tr!("lint-r015-blocks"),
    )]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::run;

    #[test]
    fn cascade_is_found_plain_truncate_is_not() {
        assert_eq!(run(&RULE, "TRUNCATE a, b CASCADE;").len(), 1);
        assert!(run(&RULE, "TRUNCATE a;").is_empty());
    }
}
