//! The two findings the engine makes itself rather than a rule: a
//! statement PostgreSQL's grammar does not read, and a broken
//! `-- retort:allow` comment. Documented like the rules.

use super::rule::{Level, RuleDoc};

pub const PARSE_ERROR: RuleDoc = RuleDoc {
    code: "R000",
    name: "parse-error",
    summary: "A statement PostgreSQL's grammar cannot read",
    why: "retort lints statements with PostgreSQL's own parser (libpg_query). A statement it \
          cannot read is not guessed at: it would fail on the server too, or it uses syntax \
          of another database.",
    fix: "-- Fix the syntax; `psql` or the server's error message points at the same place.",
    level: Level::Error,
    postgres_only: true,
};

pub const INVALID_ALLOW: RuleDoc = RuleDoc {
    code: "R090",
    name: "invalid-allow",
    summary: "A `-- retort:allow` comment without a known rule or without a reason",
    why: "A suppression is a decision the next reader must be able to check: it names the \
          rule it silences and says why the statement is safe here. One that does not \
          suppresses nothing.",
    fix: "-- retort:allow R001 the table holds 40 rows; the lock lasts milliseconds\n\
          CREATE INDEX ix_small_lookup ON small_lookup (code);",
    level: Level::Error,
    postgres_only: false,
};
