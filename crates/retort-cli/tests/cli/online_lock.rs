//! The migration lock, through processes: many `retort upgrade head` started
//! at once on one database run each revision exactly once and all succeed;
//! `--lock-timeout` gives up with a clear message while another run holds
//! the lock.

use crate::online_support;

use online_support::{pg_versions, sqlite_versions, Project};
use std::time::{Duration, Instant};

const PROCESSES: usize = 16;
const REVISIONS: usize = 5;

/// Starts `PROCESSES` upgrades at once and checks every one succeeded.
fn upgrade_all_at_once(project: &Project, url: &str) {
    let children: Vec<_> = (0..PROCESSES)
        .map(|_| project.spawn(&["--url", url, "upgrade", "head"]))
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "a concurrent upgrade failed: {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

fn expected_trace() -> Vec<String> {
    (1..=REVISIONS).map(|i| format!("up:r{i}")).collect()
}

#[test]
fn concurrent_upgrades_on_postgres_run_each_revision_once() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    client
        .batch_execute("CREATE TABLE trace (id serial PRIMARY KEY, ev text NOT NULL)")
        .unwrap();
    let project = Project::new("");
    // Each upgrade also creates a table, so a second run of it would fail.
    project.chain(
        REVISIONS,
        |i| format!("INSERT INTO trace(ev) VALUES ('up:r{i}');\nCREATE TABLE t{i} (x int);\nSELECT pg_sleep(0.05);"),
        |i| format!("DROP TABLE t{i};"),
    );

    for round in 0..20 {
        upgrade_all_at_once(&project, &db.url);
        let trace: Vec<String> = client
            .query("SELECT ev FROM trace ORDER BY id", &[])
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(trace, expected_trace(), "round {round}");
        assert_eq!(
            pg_versions(&mut client, "alembic_version"),
            vec!["r5"],
            "round {round}"
        );
        let logged: i64 = client
            .query_one(
                "SELECT count(*) FROM retort_migration_log WHERE direction = 'up'",
                &[],
            )
            .unwrap()
            .get(0);
        assert_eq!(logged, REVISIONS as i64, "round {round}: log rows");
        // Back to an empty database for the next round.
        let mut reset = String::from("DROP TABLE alembic_version, retort_migration_log");
        for i in 1..=REVISIONS {
            reset.push_str(&format!(", t{i}"));
        }
        reset.push_str("; TRUNCATE trace;");
        client.batch_execute(&reset).unwrap();
    }
}

#[test]
fn concurrent_upgrades_on_sqlite_run_each_revision_once() {
    let project = Project::new("");
    project.chain(
        REVISIONS,
        |i| format!("INSERT INTO trace(ev) VALUES ('up:r{i}');\nCREATE TABLE t{i} (x int);"),
        |i| format!("DROP TABLE t{i};"),
    );
    let db_path = project.path().join("app.db");
    let url = format!("sqlite:///{}", db_path.display());
    for round in 0..5 {
        let _ = std::fs::remove_file(&db_path);
        let conn = rusqlite::Connection::open(&db_path).unwrap();
        conn.execute_batch("CREATE TABLE trace (id INTEGER PRIMARY KEY, ev TEXT NOT NULL)")
            .unwrap();
        drop(conn);

        upgrade_all_at_once(&project, &url);

        let conn = rusqlite::Connection::open(&db_path).unwrap();
        let mut stmt = conn.prepare("SELECT ev FROM trace ORDER BY id").unwrap();
        let trace: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(trace, expected_trace(), "round {round}");
        assert_eq!(sqlite_versions(&db_path), vec!["r5"], "round {round}");
    }
}

#[test]
fn lock_timeout_gives_up_while_another_run_holds_the_lock_on_postgres() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    let project = Project::new("");
    project.chain(
        2,
        |i| {
            if i == 1 {
                "CREATE TABLE slow (x int);\nSELECT pg_sleep(3);".to_string()
            } else {
                "CREATE TABLE fast (x int);".to_string()
            }
        },
        |_| String::new(),
    );
    let mut holder = project.spawn(&["--url", &db.url, "upgrade", "head"]);
    // Wait until the first run holds the advisory lock.
    crate::online_support::wait_for_count(
        &mut client,
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted \
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        &[],
        "the first run taking the lock",
    );

    let clock = Instant::now();
    let second = project.run(&["--url", &db.url, "upgrade", "head", "--lock-timeout", "1"]);
    let waited = clock.elapsed();
    second.fails(1).says("another migration is running");
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(3),
        "waited {waited:?} for a 1 s lock timeout"
    );
    // The one that gave up changed nothing; the holder finishes normally.
    let holder = holder.wait().unwrap();
    assert!(holder.success());
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r2"]);
    let ups: i64 = client
        .query_one(
            "SELECT count(*) FROM retort_migration_log WHERE direction = 'up'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(ups, 2);
}

#[test]
fn lock_timeout_gives_up_while_another_run_holds_the_lock_on_sqlite() {
    let project = Project::new("");
    project.chain(
        1,
        |_| "CREATE TABLE a (x int);".to_string(),
        |_| String::new(),
    );
    let db_path = project.path().join("app.db");
    let url = format!("sqlite:///{}", db_path.display());
    // Hold the lock file as a running retort would.
    let lock_file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(project.path().join("app.db-retort-lock"))
        .unwrap();
    lock_file.lock().unwrap();

    let run = project.run(&["--url", &url, "upgrade", "head", "--lock-timeout", "1"]);
    run.fails(1).says("another migration is running");
    assert!(sqlite_versions(&db_path).is_empty());

    lock_file.unlock().unwrap();
    project
        .run(&["--url", &url, "upgrade", "head", "--lock-timeout", "1"])
        .ok();
    assert_eq!(sqlite_versions(&db_path), vec!["r1"]);
}

/// Many runs started at once on a fresh database whose pending revision
/// builds an index with `CREATE INDEX CONCURRENTLY`: the build waits for
/// every older snapshot, so a run waiting for the migration lock inside a
/// blocking statement (whose snapshot is as old as its wait) deadlocks
/// with it. Every run must succeed and the revisions run once.
#[test]
fn concurrent_upgrades_with_create_index_concurrently_do_not_deadlock() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    let project = Project::new("");
    project.write(&online_support::Rev::new(
        "r1",
        &[],
        "CREATE TABLE big (x int);\nINSERT INTO big SELECT generate_series(1, 20000);",
        "DROP TABLE big;",
    ));
    let mut r2 = online_support::Rev::new(
        "r2",
        &["r1"],
        "CREATE INDEX CONCURRENTLY big_x ON big (x);\nSELECT pg_sleep(0.2);",
        "DROP INDEX big_x;",
    );
    r2.upgrade_options = "no-transaction";
    project.write(&r2);
    project.write(&online_support::Rev::new(
        "r3",
        &["r2"],
        "CREATE TABLE after_index (x int);",
        "DROP TABLE after_index;",
    ));

    for round in 0..4 {
        upgrade_all_at_once(&project, &db.url);
        assert_eq!(
            pg_versions(&mut client, "alembic_version"),
            vec!["r3"],
            "round {round}"
        );
        let ups: Vec<String> = client
            .query(
                "SELECT revision FROM retort_migration_log WHERE direction = 'up' ORDER BY id",
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(ups, vec!["r1", "r2", "r3"], "round {round}: each ran once");
        let valid: bool = client
            .query_one(
                "SELECT indisvalid FROM pg_index WHERE indexrelid = 'big_x'::regclass",
                &[],
            )
            .unwrap()
            .get(0);
        assert!(valid, "round {round}: the index was built");
        client
            .batch_execute("DROP TABLE alembic_version, retort_migration_log, big, after_index")
            .unwrap();
    }
}
