//! R103: a style rule, off unless turned on in retort.toml: timestamp (without time zone) rather than timestamptz.

use crate::lint::ast;
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R103",
        name: "prefer-timestamptz",
        summary: "timestamp (without time zone) rather than timestamptz",
        why: "timestamp without time zone stores a wall-clock reading with no zone: the same instant written from two servers or sessions in different zones compares wrong, and daylight-saving changes create duplicates and gaps. timestamptz stores an instant.",
        fix: "CREATE TABLE events (happened_at timestamptz NOT NULL DEFAULT now());",
        level: Level::Off,
        postgres_only: true,
    },
    check,
};

/// The types this rule steers away from.
const AVOID: &[&str] = &["timestamp"];

fn check(s: &Statement<'_>) -> Vec<Hit> {
    super::style::columns_of_avoided_types(s.node, matches, "timestamptz")
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
        assert_eq!(run(&RULE, "CREATE TABLE t (a timestamp, b timestamptz);").len(), 1);
        assert_eq!(run(&RULE, "ALTER TABLE t ADD COLUMN a timestamp;").len(), 1);
        assert!(run(&RULE, "CREATE TABLE t (a timestamptz);").is_empty());
    }
}
