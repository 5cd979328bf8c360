//! R001: building, dropping or rebuilding an index of a table in use
//! without `CONCURRENTLY`.

use crate::lint::ast::{self, TableName};
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};
use crate::lint::text::lint_tr;
use pg_query::protobuf::{ObjectType, ReindexObjectType};
use pg_query::NodeEnum;

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R001",
        name: "index-without-concurrently",
        summary: "CREATE INDEX, DROP INDEX or REINDEX without CONCURRENTLY on an existing table",
        why: "A plain CREATE INDEX holds a SHARE lock for the whole build: every INSERT, UPDATE \
              and DELETE on the table waits, for minutes on a large table. DROP INDEX and \
              REINDEX take ACCESS EXCLUSIVE, which blocks reads too. The CONCURRENTLY forms \
              let the application keep working (they cannot run in a transaction block, so \
              the section is marked no-transaction).",
        fix: "-- retort:upgrade no-transaction\n\
              CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_orders_customer_id ON orders (customer_id);\n\
              DROP INDEX CONCURRENTLY IF EXISTS ix_orders_old;\n\
              REINDEX INDEX CONCURRENTLY ix_orders_customer_id;  -- PostgreSQL 12+",
        level: Level::Error,
        postgres_only: true,
    },
    check,
};

fn check(s: &Statement<'_>) -> Vec<Hit> {
    match s.node {
        NodeEnum::IndexStmt(i) if !i.concurrent => {
            let Some(table) = i.relation.as_ref().map(TableName::of) else {
                return Vec::new();
            };
            if s.state.is_new(&table) {
                return Vec::new();
            }
            let table = table.to_string();
            vec![Hit::new(lint_tr!(
                "lint-r001-create-index",
                unique = if i.unique { "UNIQUE " } else { "" },
                table = &table,
            ))
            .lock(
                lint_tr!("lint-r001-create-index-lock", table = &table),
                lint_tr!("lint-r001-create-index-blocks"),
            )]
        }
        NodeEnum::DropStmt(d)
            if !d.concurrent && ast::object_type(d.remove_type) == ObjectType::ObjectIndex =>
        {
            let names: Vec<String> = d
                .objects
                .iter()
                .filter_map(|o| match ast::inner(o)? {
                    NodeEnum::List(l) => Some(ast::qualified_name(&l.items)),
                    _ => None,
                })
                .filter(|n| !s.state.is_new_index(&n.name))
                .map(|n| n.to_string())
                .collect();
            if names.is_empty() {
                return Vec::new();
            }
            vec![Hit::new(lint_tr!("lint-r001-drop-index", indexes = names.join(", ")))
                .lock(
                    lint_tr!("lint-r001-drop-index-lock"),
                    lint_tr!("lint-r001-drop-index-blocks"),
                )]
        }
        NodeEnum::ReindexStmt(r) if !ast::option_on(&r.params, "concurrently") => {
            let what = match ReindexObjectType::try_from(r.kind) {
                Ok(ReindexObjectType::ReindexObjectTable) => "TABLE",
                Ok(ReindexObjectType::ReindexObjectIndex) => "INDEX",
                _ => "",
            };
            let name = r
                .relation
                .as_ref()
                .map(|t| TableName::of(t).to_string())
                .unwrap_or_else(|| r.name.clone());
            if what == "TABLE"
                && r.relation
                    .as_ref()
                    .is_some_and(|t| s.state.is_new(&TableName::of(t)))
            {
                return Vec::new();
            }
            vec![
                Hit::new(lint_tr!("lint-r001-reindex", kind = what, name = &name)).lock(
                    lint_tr!("lint-r001-reindex-lock", name = &name),
                    lint_tr!("lint-r001-reindex-blocks"),
                ),
            ]
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::{lines, run, run_outside_transaction};

    #[test]
    fn flags_plain_index_statements_on_existing_tables() {
        let found = run(
            &RULE,
            "CREATE INDEX ix_a ON orders (a);\nDROP INDEX ix_b;\nREINDEX TABLE orders;\n",
        );
        assert_eq!(lines(&found), [1, 2, 3]);
        assert_eq!(
            found[0].lock.as_ref().map(|l| l.english()).as_deref(),
            Some("SHARE on orders")
        );
    }

    #[test]
    fn concurrent_forms_and_new_tables_pass() {
        assert!(run_outside_transaction(
            &RULE,
            "CREATE INDEX CONCURRENTLY ix_a ON orders (a);\nDROP INDEX CONCURRENTLY ix_b;\nREINDEX INDEX CONCURRENTLY ix_a;\n"
        )
        .is_empty());
        assert!(run(
            &RULE,
            "CREATE TABLE t (a int);\nCREATE INDEX ix_t ON t (a);\nDROP INDEX ix_t;\n"
        )
        .is_empty());
    }
}
