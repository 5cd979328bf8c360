//! R101: a style rule, off unless turned on in retort.toml: integer or smallint columns (and serial) rather than bigint.

use crate::lint::ast;
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R101",
        name: "prefer-bigint",
        summary: "integer or smallint columns (and serial) rather than bigint",
        why: "A 4-byte integer key runs out at 2.1 billion, and widening it later rewrites the table and every index under ACCESS EXCLUSIVE. bigint costs 4 bytes a row.",
        fix: "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, quantity bigint);",
        level: Level::Off,
        postgres_only: true,
    },
    check,
};

/// The types this rule steers away from.
const AVOID: &[&str] = &["int2", "int4", "serial", "serial4", "smallserial", "serial2"];

fn check(s: &Statement<'_>) -> Vec<Hit> {
    super::style::columns_of_avoided_types(s.node, matches, "bigint")
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
        assert_eq!(run(&RULE, "CREATE TABLE t (a integer, b bigint);").len(), 1);
        assert_eq!(run(&RULE, "ALTER TABLE t ADD COLUMN a integer;").len(), 1);
        assert!(run(&RULE, "CREATE TABLE t (a bigint);").is_empty());
    }
}
