//! R014: dropping a schema, and everything in it with CASCADE.

use crate::lint::ast;
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};
use crate::lint::text::lint_tr;
use pg_query::protobuf::{DropBehavior, ObjectType};
use pg_query::NodeEnum;

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R014",
        name: "drop-schema",
        summary: "DROP SCHEMA (data loss; with CASCADE, of every table in it)",
        why: "DROP SCHEMA ... CASCADE removes every table, view and function in the schema, rows \
              included, without naming them; no downgrade brings them back. Without CASCADE it \
              fails unless the schema is empty.",
        fix: "-- Drop what is in the schema explicitly, each in a release after its last use:\n\
              DROP TABLE reporting.daily_totals;\n\
              DROP SCHEMA reporting;  -- RESTRICT: fails if anything is left",
        level: Level::Warning,
        postgres_only: true,
    },
    check,
};

fn check(s: &Statement<'_>) -> Vec<Hit> {
    let NodeEnum::DropStmt(d) = s.node else {
        return Vec::new();
    };
    if ast::object_type(d.remove_type) != ObjectType::ObjectSchema {
        return Vec::new();
    }
    let names: Vec<&str> = d.objects.iter().filter_map(ast::string).collect();
    let cascade = DropBehavior::try_from(d.behavior) == Ok(DropBehavior::DropCascade);
    let schemas = names.join(", ");
    vec![Hit::new(if cascade {
        lint_tr!("lint-r014-hit-cascade", schemas = schemas)
    } else {
        lint_tr!("lint-r014-hit", schemas = schemas)
    })]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::run;

    #[test]
    fn dropping_a_schema_is_found() {
        let found = run(&RULE, "DROP SCHEMA reporting CASCADE;");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.english().contains("CASCADE"), "{}", found[0].message);
        assert!(run(&RULE, "DROP TABLE reporting.x;").is_empty());
    }
}
