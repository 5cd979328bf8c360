//! R007: `ADD CHECK` / `ADD FOREIGN KEY` validated at once, scanning the
//! table while holding its lock.

use crate::lint::ast::{self, TableName};
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};
use crate::lint::text::lint_tr;
use pg_query::protobuf::{AlterTableType, ConstrType};
use pg_query::NodeEnum;

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R007",
        name: "constraint-without-not-valid",
        summary: "ADD CHECK or ADD FOREIGN KEY on an existing table without NOT VALID",
        why: "Adding a CHECK or FOREIGN KEY checks every existing row while holding the lock: \
              ACCESS EXCLUSIVE for a CHECK (no reads or writes), SHARE ROW EXCLUSIVE on both \
              tables for a FOREIGN KEY (no writes to either). Added NOT VALID, the constraint \
              applies to new rows at once; VALIDATE CONSTRAINT later checks the old rows under \
              SHARE UPDATE EXCLUSIVE, which blocks neither reads nor writes.",
        fix: "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk\n    \
              FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\n\
              -- in a later transaction (another migration):\n\
              ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;",
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
    let mut hits = Vec::new();
    for (kind, cmd) in ast::alter_commands(alter) {
        if kind != AlterTableType::AtAddConstraint {
            continue;
        }
        let Some(c) = ast::constraint(cmd) else {
            continue;
        };
        if c.skip_validation {
            continue;
        }
        let name = if c.conname.is_empty() {
            String::new()
        } else {
            format!(" {}", c.conname)
        };
        let table = table.to_string();
        match ast::constr_type(c) {
            ConstrType::ConstrCheck => hits.push(
                Hit::new(lint_tr!(
                    "lint-r007-hit",
                    name = &name,
                    kind = "CHECK",
                    table = &table
                ))
                .lock(
                    lint_tr!("lint-lock-access-exclusive", table = &table),
                    lint_tr!("lint-blocks-every-row-checked"),
                ),
            ),
            ConstrType::ConstrForeign => {
                let referenced = c
                    .pktable
                    .as_ref()
                    .map(|t| TableName::of(t).to_string())
                    .unwrap_or_default();
                hits.push(
                    Hit::new(lint_tr!(
                        "lint-r007-hit",
                        name = &name,
                        kind = "FOREIGN KEY",
                        table = &table
                    ))
                    .lock(
                        lint_tr!(
                            "lint-r007-foreign-key-lock",
                            table = &table,
                            referenced = referenced
                        ),
                        lint_tr!("lint-r007-foreign-key-blocks"),
                    ),
                )
            }
            _ => {}
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::run;

    #[test]
    fn validated_at_once_is_found() {
        assert_eq!(run(&RULE, "ALTER TABLE t ADD CONSTRAINT c CHECK (n > 0);").len(), 1);
        let fk = run(
            &RULE,
            "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id);",
        );
        assert_eq!(
            fk[0].lock.as_ref().map(|l| l.english()).as_deref(),
            Some("SHARE ROW EXCLUSIVE on orders and customers")
        );
    }

    #[test]
    fn not_valid_or_a_new_table_passes() {
        assert!(run(&RULE, "ALTER TABLE t ADD CONSTRAINT c CHECK (n > 0) NOT VALID;").is_empty());
        assert!(run(
            &RULE,
            "CREATE TABLE t (n int);\nALTER TABLE t ADD CONSTRAINT c CHECK (n > 0);"
        )
        .is_empty());
        assert!(run(&RULE, "ALTER TABLE t ADD CONSTRAINT u UNIQUE (n);").is_empty());
    }
}
