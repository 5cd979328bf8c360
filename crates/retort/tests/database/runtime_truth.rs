//! A failure report tells the database's real state, asked of the server:
//! a run whose transaction a statement ended behind retort's back is not
//! reported as rolled back.

use crate::db_support;

use db_support::{chain, pg_url, plan_up};
use retort::db::{ConnectOptions, DbError};
use retort::runtime::{RuntimeOptions, Session};
use retort_testkit::fresh_database;

#[test]
fn a_transaction_ended_by_the_migration_is_not_reported_as_rolled_back() {
    let t = fresh_database();
    // Through the runtime directly, which (unlike a project's run) does not
    // refuse the COMMIT beforehand.
    let scripts = chain(&[
        ("g1", "CREATE TABLE a (x int);", "DROP TABLE a;"),
        ("g2", "CREATE TABLE b (x int);\nCOMMIT;", "DROP TABLE b;"),
        (
            "g3",
            "CREATE TABLE c (x int);\nSELECT * FROM no_such_table;",
            "DROP TABLE c;",
        ),
    ]);
    let mut s = Session::connect(
        &pg_url(&t),
        &ConnectOptions::default(),
        RuntimeOptions::default(),
    )
    .unwrap();
    s.lock().unwrap();
    let heads = s.current_heads().unwrap();
    let planned = plan_up(&scripts, &heads, None);
    let err = s
        .execute(&planned.plan, &scripts.to_vec(), &planned.applied)
        .unwrap_err();
    let DbError::Migration(failure) = &err else {
        panic!("{err:?}")
    };
    let text = err.to_string();
    assert!(!failure.rolled_back, "{text}");
    assert!(!text.contains("was rolled back"), "{text}");
    assert!(text.contains("no longer open on the server"), "{text}");
    // What the server really holds: the tables g1 and g2 made were
    // committed by the COMMIT, and so was nothing of the version table
    // but its creation.
    let mut client = t.client();
    let tables: Vec<String> = client
        .query(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(tables.contains(&"a".to_string()), "{tables:?}");
    let rows: Vec<String> = client
        .query("SELECT version_num::text FROM alembic_version", &[])
        .map(|rows| rows.iter().map(|r| r.get(0)).collect())
        .unwrap_or_default();
    let told = failure.version_table_now.clone().unwrap();
    assert_eq!(told, rows, "{text}");
}
