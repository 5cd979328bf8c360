//! R017: DDL on an existing table with no `lock_timeout`: waiting for its
//! lock, the statement makes every later query of the table wait too.

use crate::lint::ast;
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};
use crate::lint::text::lint_tr;
use pg_query::protobuf::ObjectType;
use pg_query::NodeEnum;

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R017",
        name: "missing-lock-timeout",
        summary: "DDL on an existing table without a lock_timeout set first",
        why: "A DDL statement queues for its lock behind any long query or idle transaction on \
              the table, and every query that arrives after it queues behind the DDL: a \
              statement that would take milliseconds stops the application for as long as the \
              oldest transaction lasts. With lock_timeout the migration fails fast instead and \
              can be retried. Reported once per section; retort's migration_lock_timeout setting \
              sets it for every statement.",
        fix: "SET lock_timeout = '5s';\n\
              ALTER TABLE orders ADD COLUMN note text;\n\
              -- or once for the project, in retort.toml:\n\
              -- migration_lock_timeout = \"5s\"   (with migration_lock_retries = 3)",
        level: Level::Warning,
        postgres_only: true,
    },
    check,
};

fn check(s: &Statement<'_>) -> Vec<Hit> {
    if s.state.lock_timeout_set || s.state.lock_timeout_configured || s.state.lock_timeout_warned
    {
        return Vec::new();
    }
    let Some(table) = ast::strongly_locked_table(s.node) else {
        return Vec::new();
    };
    if s.state.is_new(&table) || s.state.is_new_index(&table.name) {
        return Vec::new();
    }
    // A dropped index is named, not its table.
    let what = match s.node {
        NodeEnum::DropStmt(d) if ast::object_type(d.remove_type) == ObjectType::ObjectIndex => {
            lint_tr!("lint-r017-table-of-index", index = table.to_string())
        }
        _ => lint_tr!("lint-r017-table", table = table.to_string()),
    };
    vec![Hit::new(lint_tr!("lint-r017-hit", what = what.clone())).lock(
        lint_tr!("lint-r017-lock", what = what),
        lint_tr!("lint-r017-blocks"),
    )]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::run;

    #[test]
    fn ddl_without_lock_timeout_is_found_once_per_section() {
        let found = run(
            &RULE,
            "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ADD COLUMN b int;\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 1);
    }

    #[test]
    fn set_lock_timeout_or_a_new_table_passes() {
        assert!(run(&RULE, "SET lock_timeout = '2s';\nALTER TABLE t ADD COLUMN a int;").is_empty());
        assert!(run(&RULE, "SET LOCAL lock_timeout TO 2000;\nDROP TABLE t;").is_empty());
        assert_eq!(
            run(&RULE, "SET lock_timeout = 0;\nALTER TABLE t ADD COLUMN a int;").len(),
            1
        );
        assert!(run(&RULE, "CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int;").is_empty());
        assert!(run(&RULE, "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);").is_empty());
    }

    #[test]
    fn a_dropped_index_is_named_as_an_index() {
        let found = run(&RULE, "DROP INDEX public.ix_orders_old;");
        assert!(
            found[0]
                .message
                .english()
                .contains("the table of index public.ix_orders_old"),
            "{}",
            found[0].message
        );
    }
}
