//! R019: a name longer than PostgreSQL keeps (63 bytes).

use crate::config::tables::{truncated_identifier, MAX_IDENTIFIER_BYTES};
use crate::lint::rule::{Hit, Level, Rule, RuleDoc, Statement};
use crate::lint::text::lint_tr;
use pg_query::protobuf::Token;

pub const RULE: Rule = Rule {
    doc: RuleDoc {
        code: "R019",
        name: "identifier-too-long",
        summary: "A table, column, index or constraint name over 63 bytes",
        why: "PostgreSQL keeps the first 63 bytes of a name and drops the rest with only a \
              NOTICE. Two long names sharing their first 63 bytes collide, and tools that \
              compare the schema with the code (autogenerate, ORMs) see a name that is not \
              the one written, and report differences forever.",
        fix: "-- Keep names to 63 bytes; abbreviate the long part:\n\
              CREATE INDEX ix_orders_customer_created ON orders (customer_id, created_at);",
        level: Level::Warning,
        postgres_only: true,
    },
    check,
};

fn check(s: &Statement<'_>) -> Vec<Hit> {
    // PostgreSQL's scanner cuts long names before the parser sees them, so
    // the names are read from the statement's tokens, as written.
    let Ok(scanned) = pg_query::scan(s.text) else {
        return Vec::new();
    };
    let mut names: Vec<String> = scanned
        .tokens
        .iter()
        .filter(|t| t.token == Token::Ident as i32)
        .filter_map(|t| s.text.get(t.start as usize..t.end as usize))
        .map(|raw| match raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
            Some(quoted) => quoted.replace("\"\"", "\""),
            None => raw.to_lowercase(),
        })
        .filter(|n| n.len() > MAX_IDENTIFIER_BYTES)
        .collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .map(|n| {
            Hit::new(lint_tr!(
                "lint-r019-hit",
                name = &n,
                bytes = n.len(),
                kept = truncated_identifier(&n)
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::run;

    #[test]
    fn long_names_are_found() {
        let long = "x".repeat(64);
        assert_eq!(run(&RULE, &format!("CREATE TABLE {long} (a int);")).len(), 1);
        assert_eq!(run(&RULE, &format!("CREATE INDEX {long} ON t (a);")).len(), 1);
        assert_eq!(run(&RULE, &format!("ALTER TABLE t ADD COLUMN {long} int;")).len(), 1);
        assert_eq!(
            run(&RULE, &format!("CREATE TABLE t (\"{long}\" int);")).len(),
            1
        );
        let ok = "x".repeat(63);
        assert!(run(&RULE, &format!("CREATE TABLE {ok} ({ok} int);")).is_empty());
    }
}
