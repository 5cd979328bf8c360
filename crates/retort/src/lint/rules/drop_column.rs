//! R013: dropping a column that holds data.

use crate::lint::ast::{self, TableName};
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};
use crate::lint::text::lint_tr;
use pg_query::protobuf::AlterTableType;
use pg_query::NodeEnum;

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R013",
        name: "drop-column",
        summary: "DROP COLUMN of an existing table (data loss)",
        why: "The column's values are gone when the migration commits, and no downgrade brings \
              them back. The running application's queries that name the column (or use SELECT * \
              with an ORM that maps every column) fail. Stop using the column in one release, \
              drop it in a later one.",
        fix: "-- first release: the application no longer reads or writes the column; later:\n\
              -- retort:allow R013 unused since release 42\n\
              ALTER TABLE orders DROP COLUMN legacy_code;",
        level: Level::Warning,
        postgres_only: false,
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
        .filter(|(kind, _)| *kind == AlterTableType::AtDropColumn)
        .map(|(_, cmd)| {
            let table = table.to_string();
            Hit::new(lint_tr!("lint-r013-hit", table = &table, column = &cmd.name)).lock(
                lint_tr!("lint-lock-access-exclusive", table = &table),
                lint_tr!("lint-r013-blocks"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::run;

    #[test]
    fn dropping_a_column_is_found() {
        assert_eq!(run(&RULE, "ALTER TABLE t DROP COLUMN a, DROP COLUMN b;").len(), 2);
        assert!(run(&RULE, "CREATE TABLE t (a int);\nALTER TABLE t DROP COLUMN a;").is_empty());
        assert!(run(&RULE, "ALTER TABLE t DROP CONSTRAINT c;").is_empty());
    }
}
