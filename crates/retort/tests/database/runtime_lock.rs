//! Many runs of the same upgrade at once on one database: the migration
//! lock lets exactly one do the work, the others find it done.

use crate::db_support;

use db_support::{chain, pg_url, plan_up, sqlite_url};
use retort::db::{ConnectOptions, VersionTable};
use retort::runtime::{run, RuntimeOptions};
use retort::script::Script;
use retort::url::DatabaseUrl;
use std::sync::{Arc, Barrier};

const RUNNERS: usize = 16;
const ROUNDS: usize = 20;

/// Each round has tables of its own, so that rounds can share a database.
fn scripts(round: usize) -> Vec<Script> {
    let trace = format!("trace_{round}");
    chain(&[
        (
            "r1",
            &format!(
                "CREATE TABLE {trace} (rev TEXT NOT NULL);\nINSERT INTO {trace} VALUES ('r1');"
            ),
            "",
        ),
        ("r2", &format!("INSERT INTO {trace} VALUES ('r2');"), ""),
        (
            "r3",
            &format!(
                "CREATE TABLE made_by_r3_{round} (x INT);\nINSERT INTO {trace} VALUES ('r3');"
            ),
            "",
        ),
    ])
}

fn options(round: usize, transaction_per_migration: bool) -> RuntimeOptions {
    let mut options =
        RuntimeOptions::new(VersionTable::new(&format!("alembic_version_{round}"), None));
    options.transaction_per_migration = transaction_per_migration;
    options
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

/// One database for all rounds: creating one costs more than a round.
#[test]
fn concurrent_postgres_upgrades_run_each_revision_once() {
    let t = retort_testkit::fresh_database();
    let mut client = t.client();
    for round in 0..ROUNDS {
        // Half the rounds commit after each revision: the lock must hold
        // between those commits too.
        let results = race(
            &pg_url(&t),
            &scripts(round),
            &options(round, round % 2 == 1),
        );
        assert_all_ok(&results, round);
        let trace: Vec<(String, i64)> = client
            .query(
                &format!("SELECT rev, count(*) FROM trace_{round} GROUP BY rev ORDER BY rev"),
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
            .query(
                &format!("SELECT version_num FROM alembic_version_{round}"),
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(heads, vec!["r3"], "round {round}");
    }
}

#[test]
fn concurrent_sqlite_upgrades_run_each_revision_once() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..ROUNDS {
        let path = dir.path().join(format!("race{round}.db"));
        assert_all_ok(
            &race(
                &sqlite_url(&path),
                &scripts(round),
                &options(round, round % 2 == 1),
            ),
            round,
        );
        let conn = rusqlite::Connection::open(&path).unwrap();
        let trace: Vec<(String, i64)> = conn
            .prepare(&format!(
                "SELECT rev, count(*) FROM trace_{round} GROUP BY rev ORDER BY rev"
            ))
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
            .query_row(
                &format!("SELECT version_num FROM alembic_version_{round}"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(head, "r3");
    }
}
