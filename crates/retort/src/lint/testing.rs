//! For the rules' tests: one rule run over SQL, as a migration's
//! transactional upgrade section (or otherwise), turned on whatever its
//! default level.

use super::engine::lint;
use super::finding::Finding;
use super::rule::{Level, Rule};
use super::settings::Settings;
use super::source::Source;

/// The rule's findings in `sql`, run in a transaction on PostgreSQL 15.
pub fn run(rule: &Rule, sql: &str) -> Vec<Finding> {
    run_with(rule, sql, true, 15)
}

/// As [`run`], in a `no-transaction` section.
pub fn run_outside_transaction(rule: &Rule, sql: &str) -> Vec<Finding> {
    run_with(rule, sql, false, 15)
}

pub fn run_with(rule: &Rule, sql: &str, transactional: bool, version: u32) -> Vec<Finding> {
    let settings = Settings {
        postgres_version: version,
        levels: vec![(rule.doc.code.to_string(), Level::Error)],
        ..Settings::default()
    };
    let source = Source {
        path: "v/a1_test.sql".into(),
        revision: Some("a1".to_string()),
        text: sql.to_string(),
        first_line: 1,
        transactional,
    };
    lint(&[rule], &[source], &settings)
        .findings
        .into_iter()
        .filter(|f| f.code == rule.doc.code)
        .collect()
}

/// The line of each finding, in order.
pub fn lines(findings: &[Finding]) -> Vec<usize> {
    findings.iter().map(|f| f.line).collect()
}
