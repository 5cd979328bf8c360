//! R012: dropping a table that holds data.

use crate::lint::ast::{self};
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};
use crate::lint::text::lint_tr;
use pg_query::protobuf::ObjectType;
use pg_query::NodeEnum;

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R012",
        name: "drop-table",
        summary: "DROP TABLE of an existing table (data loss)",
        why: "The rows are gone when the migration commits, and no downgrade brings them back. \
              The running application's queries of the table fail at once. Drop a table only \
              after the code stopped using it, in a release of its own, with a backup.",
        fix: "-- first release: stop reading and writing the table; later migration:\n\
              -- retort:allow R012 unused since release 42, backed up in s3://backups/orders_old\n\
              DROP TABLE orders_old;",
        level: Level::Warning,
        postgres_only: false,
    },
    check,
};

fn check(s: &Statement<'_>) -> Vec<Hit> {
    let NodeEnum::DropStmt(d) = s.node else {
        return Vec::new();
    };
    if ast::object_type(d.remove_type) != ObjectType::ObjectTable {
        return Vec::new();
    }
    let tables: Vec<String> = d
        .objects
        .iter()
        .filter_map(|o| match ast::inner(o)? {
            NodeEnum::List(l) => Some(ast::qualified_name(&l.items)),
            _ => None,
        })
        .filter(|t| !s.state.is_new(t))
        .map(|t| t.to_string())
        .collect();
    if tables.is_empty() {
        return Vec::new();
    }
    let tables = tables.join(", ");
    vec![Hit::new(lint_tr!("lint-r012-hit", tables = &tables)).lock(
        lint_tr!("lint-lock-access-exclusive", table = &tables),
        lint_tr!("lint-r012-blocks"),
    )]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::run;

    #[test]
    fn dropping_an_existing_table_is_found() {
        assert_eq!(run(&RULE, "DROP TABLE IF EXISTS orders;").len(), 1);
        assert!(run(&RULE, "DROP VIEW orders;").is_empty());
        assert!(run(&RULE, "CREATE TABLE tmp (a int);\nDROP TABLE tmp;").is_empty());
    }
}
