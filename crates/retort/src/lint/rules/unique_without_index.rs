//! R009: `ADD PRIMARY KEY` / `ADD UNIQUE` building its index under the
//! table's lock, instead of `USING INDEX` of one built concurrently.

use crate::lint::ast::{self, TableName};
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};
use crate::lint::text::lint_tr;
use pg_query::protobuf::{AlterTableType, ConstrType};
use pg_query::NodeEnum;

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R009",
        name: "unique-without-index",
        summary: "ADD PRIMARY KEY or ADD UNIQUE on an existing table without USING INDEX",
        why: "The constraint builds its unique index while holding ACCESS EXCLUSIVE: nothing reads \
              or writes the table for the whole build. Build the index CONCURRENTLY first, then \
              attach it with USING INDEX, which only takes the lock for a moment (for a primary \
              key, the columns must already be NOT NULL, or SET NOT NULL scans).",
        fix: "-- retort:upgrade no-transaction\n\
              CREATE UNIQUE INDEX CONCURRENTLY orders_number_key ON orders (number);\n\
              ALTER TABLE orders ADD CONSTRAINT orders_number_key UNIQUE USING INDEX orders_number_key;",
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
        .filter(|(kind, _)| *kind == AlterTableType::AtAddConstraint)
        .filter_map(|(_, cmd)| ast::constraint(cmd))
        .filter(|c| c.indexname.is_empty())
        .filter_map(|c| match ast::constr_type(c) {
            ConstrType::ConstrPrimary => Some("PRIMARY KEY"),
            ConstrType::ConstrUnique => Some("UNIQUE"),
            _ => None,
        })
        .map(|what| {
            let table = table.to_string();
            Hit::new(lint_tr!("lint-r009-hit", constraint = what, table = &table)).lock(
                lint_tr!("lint-lock-access-exclusive", table = &table),
                lint_tr!("lint-r009-blocks"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::run;

    #[test]
    fn building_the_index_inline_is_found() {
        assert_eq!(run(&RULE, "ALTER TABLE t ADD CONSTRAINT u UNIQUE (n);").len(), 1);
        assert_eq!(run(&RULE, "ALTER TABLE t ADD PRIMARY KEY (id);").len(), 1);
    }

    #[test]
    fn using_index_or_a_new_table_passes() {
        assert!(run(&RULE, "ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX ix;").is_empty());
        assert!(run(&RULE, "ALTER TABLE t ADD CONSTRAINT p PRIMARY KEY USING INDEX ix;").is_empty());
        assert!(run(&RULE, "CREATE TABLE t (id int);\nALTER TABLE t ADD PRIMARY KEY (id);").is_empty());
    }
}
