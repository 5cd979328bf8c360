//! Many runs of the same upgrade at once on one database: the migration
//! lock lets exactly one do the work, the others find it done.

mod db_support;

use db_support::{chain, pg_url, plan_up, sqlite_url};
use retort::db::ConnectOptions;
use retort::runtime::{run, RuntimeOptions};
use retort::script::Script;
use retort::url::DatabaseUrl;
use std::sync::{Arc, Barrier};

const RUNNERS: usize = 16;
const ROUNDS: usize = 20;

fn scripts(trace_table: &str) -> Vec<Script> {
    chain(&[
        ("r1", &format!("CREATE TABLE {trace_table} (rev TEXT NOT NULL);\nINSERT INTO {trace_table} VALUES ('r1');"), ""),
        ("r2", &format!("INSERT INTO {trace_table} VALUES ('r2');"), ""),
        ("r3", &format!("CREATE TABLE r3_table (x INT);\nINSERT INTO {trace_table} VALUES ('r3');"), ""),
    ])
}

/// Starts every runner at once and returns how each ended.
fn race(
    url: &DatabaseUrl,
    scripts: &[Script],
    options: &RuntimeOptions,
) -> Vec<Result<(), String>> {
    let barrier = Arc::new(Barrier::new(RUNNERS));
    let handles: Vec<_> = (0..RUNNERS)
        .map(|_| {
            let (url, scripts, options, barrier) = (
                url.clone(),
                scripts.to_vec(),
                options.clone(),
                barrier.clone(),
            );
            std::thread::spawn(move || {
                barrier.wait();
                run(
                    &url,
                    &ConnectOptions::default(),
                    options,
                    &scripts,
                    |heads| Ok(plan_up(&scripts, heads, None)),
                )
                .map(|report| assert_eq!(report.heads, vec!["r3"]))
                .map_err(|e| e.to_string())
            })
        })
        .collect();
    handles
        .into_iter()
        .map(|h| h.join().expect("runner panicked"))
        .collect()
}

fn assert_all_ok(results: &[Result<(), String>], round: usize) {
    for (i, result) in results.iter().enumerate() {
        assert!(result.is_ok(), "round {round}, runner {i}: {result:?}");
    }
}

#[test]
fn concurrent_postgres_upgrades_run_each_revision_once() {
    for round in 0..ROUNDS {
        let t = retort_testkit::fresh_database();
        let scripts = scripts("trace");
        let results = race(&pg_url(&t), &scripts, &RuntimeOptions::default());
        assert_all_ok(&results, round);
        let mut client = t.client();
        let trace: Vec<(String, i64)> = client
            .query(
                "SELECT rev, count(*) FROM trace GROUP BY rev ORDER BY rev",
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        assert_eq!(
            trace,
            vec![("r1".into(), 1), ("r2".into(), 1), ("r3".into(), 1)],
            "round {round}"
        );
        let heads: Vec<String> = client
            .query("SELECT version_num FROM alembic_version", &[])
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(heads, vec!["r3"], "round {round}");
    }
}

#[test]
fn concurrent_postgres_upgrades_one_migration_per_transaction() {
    // The lock must also hold between the per-revision commits.
    let t = retort_testkit::fresh_database();
    let mut options = RuntimeOptions::default();
    options.transaction_per_migration = true;
    let scripts = scripts("trace");
    assert_all_ok(&race(&pg_url(&t), &scripts, &options), 0);
    let count: i64 = t
        .client()
        .query_one("SELECT count(*) FROM trace", &[])
        .unwrap()
        .get(0);
    assert_eq!(count, 3);
}

#[test]
fn concurrent_sqlite_upgrades_run_each_revision_once() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..ROUNDS {
        let path = dir.path().join(format!("race{round}.db"));
        let mut options = RuntimeOptions::default();
        options.transaction_per_migration = round % 2 == 1;
        assert_all_ok(
            &race(&sqlite_url(&path), &scripts("trace"), &options),
            round,
        );
        let conn = rusqlite::Connection::open(&path).unwrap();
        let trace: Vec<(String, i64)> = conn
            .prepare("SELECT rev, count(*) FROM trace GROUP BY rev ORDER BY rev")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            trace,
            vec![("r1".into(), 1), ("r2".into(), 1), ("r3".into(), 1)],
            "round {round}"
        );
        let head: String = conn
            .query_row("SELECT version_num FROM alembic_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(head, "r3");
    }
}
