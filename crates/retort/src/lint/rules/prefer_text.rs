//! R104: a style rule, off unless turned on in retort.toml: varchar(n) or char(n) rather than text.

use crate::lint::ast;
use crate::lint::text::lint_tr;
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R104",
        name: "prefer-text",
        summary: "varchar(n) or char(n) rather than text",
        why: "In PostgreSQL varchar(n) is text with a length check, no faster or smaller; raising the limit later is an ALTER that takes ACCESS EXCLUSIVE, and char(n) pads with blanks. text with a CHECK on length, if one is needed, can be changed without a rewrite.",
        fix: "CREATE TABLE users (email text NOT NULL CHECK (length(email) <= 320));",
        level: Level::Off,
        postgres_only: true,
    },
    check,
};

/// The types this rule steers away from.
const AVOID: &[&str] = &["bpchar"];

fn check(s: &Statement<'_>) -> Vec<Hit> {
    super::style::columns_of_avoided_types(s.node, matches, lint_tr!("lint-r104-prefer"))
}

fn matches(ty: &pg_query::protobuf::TypeName) -> bool {
    AVOID.contains(&ast::type_base(ty).as_str()) || (ast::type_base(ty) == "varchar" && !ty.typmods.is_empty())
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::run;

    #[test]
    fn finds_the_type_and_passes_the_preferred_one() {
        assert_eq!(run(&RULE, "CREATE TABLE t (a varchar(20), b text);").len(), 1);
        assert_eq!(run(&RULE, "ALTER TABLE t ADD COLUMN a varchar(20);").len(), 1);
        assert!(run(&RULE, "CREATE TABLE t (a text);").is_empty());
    }
}
