//! R010: renaming a table the running application uses.

use crate::lint::ast::{self, TableName};
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};
use crate::lint::text::lint_tr;
use pg_query::protobuf::ObjectType;
use pg_query::NodeEnum;

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R010",
        name: "rename-table",
        summary: "Renaming an existing table",
        why: "During a rolling deploy the old version of the application still runs, and every \
              query it sends with the old name fails from the moment the migration commits. \
              Renames need a transition: keep both names working until no old code runs.",
        fix: "-- expand: new name, old name kept as a view\n\
              ALTER TABLE orders RENAME TO purchases;\n\
              CREATE VIEW orders AS SELECT * FROM purchases;\n\
              -- contract, once no old code runs (a later migration):\n\
              DROP VIEW orders;",
        level: Level::Warning,
        postgres_only: false,
    },
    check,
};

fn check(s: &Statement<'_>) -> Vec<Hit> {
    let NodeEnum::RenameStmt(r) = s.node else {
        return Vec::new();
    };
    if ast::object_type(r.rename_type) != ObjectType::ObjectTable {
        return Vec::new();
    }
    let Some(table) = r.relation.as_ref().map(TableName::of) else {
        return Vec::new();
    };
    if s.state.is_new(&table) {
        return Vec::new();
    }
    let table = table.to_string();
    vec![
        Hit::new(lint_tr!("lint-r010-hit", table = &table, new = &r.newname)).lock(
            lint_tr!("lint-lock-access-exclusive", table = &table),
            lint_tr!("lint-blocks-rename"),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::run;

    #[test]
    fn renaming_an_existing_table_is_found() {
        assert_eq!(run(&RULE, "ALTER TABLE orders RENAME TO purchases;").len(), 1);
        assert!(run(&RULE, "ALTER TABLE orders RENAME COLUMN a TO b;").is_empty());
    }

    #[test]
    fn renaming_in_a_new_table_passes() {
        assert!(run(
            &RULE,
            "CREATE TABLE orders (a int);\nALTER TABLE orders RENAME COLUMN a TO b;\nALTER TABLE orders RENAME TO purchases;"
        )
        .is_empty());
    }
}
