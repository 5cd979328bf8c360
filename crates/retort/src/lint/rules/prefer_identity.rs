//! R102: a style rule, off unless turned on in retort.toml: serial columns rather than identity columns.

use crate::lint::ast;
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R102",
        name: "prefer-identity",
        summary: "serial columns rather than identity columns",
        why: "serial makes a sequence the column does not own in the SQL standard's sense: its permissions, ownership and dump/restore behave apart from the table. GENERATED ... AS IDENTITY is the standard form and keeps the sequence tied to the column.",
        fix: "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);",
        level: Level::Off,
        postgres_only: true,
    },
    check,
};

/// The types this rule steers away from.
const AVOID: &[&str] = &["serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"];

fn check(s: &Statement<'_>) -> Vec<Hit> {
    super::style::columns_of_avoided_types(s.node, matches, "GENERATED ALWAYS AS IDENTITY")
}

fn matches(ty: &pg_query::protobuf::TypeName) -> bool {
    AVOID.contains(&ast::type_base(ty).as_str())
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::run;

    #[test]
    fn finds_the_type_and_passes_the_preferred_one() {
        assert_eq!(run(&RULE, "CREATE TABLE t (a bigserial, b bigint GENERATED ALWAYS AS IDENTITY);").len(), 1);
        assert_eq!(run(&RULE, "ALTER TABLE t ADD COLUMN a bigserial;").len(), 1);
        assert!(run(&RULE, "CREATE TABLE t (a bigint GENERATED ALWAYS AS IDENTITY);").is_empty());
    }
}
