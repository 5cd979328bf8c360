//! Replays the cases recorded from real Alembic (tests/conformance/) through
//! the `retort` binary and compares what it observably does: the ids
//! printed by graph commands, the markers and version-table statements of
//! offline scripts, and — against real SQLite files and a real PostgreSQL
//! server — the trace of sections run and the version table afterwards.

use crate::common;

use common::conformance::{self, Backend, Outcome};

#[test]
fn graph_and_offline_cases_match_alembic() {
    let report = conformance::replay_all(None);
    report.assert_all_passed("graph and offline");
}

#[test]
fn online_cases_match_alembic_on_sqlite() {
    let report = conformance::replay_all(Some(Backend::Sqlite));
    report.assert_all_passed("online, SQLite");
}

#[test]
fn online_cases_match_alembic_on_postgres() {
    let report = conformance::replay_all(Some(Backend::Postgres));
    report.assert_all_passed("online, PostgreSQL");
}

#[test]
fn a_case_that_differs_is_reported() {
    // The comparison itself must be able to fail: a trace in the wrong order
    // does not match.
    let expected =
        serde_json::json!({"error": false, "trace": ["up:a", "up:b"], "versions": ["b"]});
    let got = Outcome {
        error: false,
        trace: Some(vec!["up:b".into(), "up:a".into()]),
        versions: Some(vec!["b".into()]),
        ..Outcome::default()
    };
    assert!(!got.matches(&expected));
    let got_right = Outcome {
        trace: Some(vec!["up:a".into(), "up:b".into()]),
        ..got
    };
    assert!(got_right.matches(&expected));
}
