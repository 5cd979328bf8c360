//! A run stopped by a signal, and migrations bounded by their own lock and
//! statement timeouts, against a real PostgreSQL server: a migration that
//! ALTERs a table another session holds locked.

use crate::online_support;

use online_support::{pg_versions, Project, Run};
use std::time::{Duration, Instant};

/// A session holding `held` locked in an open transaction, as a long
/// report query or a forgotten psql would.
fn hold_table(db: &retort_testkit::TestDatabase) -> postgres::Client {
    let mut blocker = db.client();
    blocker
        .batch_execute("BEGIN; LOCK TABLE held IN ACCESS EXCLUSIVE MODE;")
        .unwrap();
    blocker
}

/// A project whose one revision ALTERs `held`, and the table.
fn blocked_project(db: &retort_testkit::TestDatabase, config: &str) -> Project {
    db.client()
        .batch_execute("CREATE TABLE held (x int)")
        .unwrap();
    let project = Project::new(config);
    project.chain(
        1,
        |_| "ALTER TABLE held ADD COLUMN y int;".to_string(),
        |_| "ALTER TABLE held DROP COLUMN y;".to_string(),
    );
    project
}

/// Waits until a session named `name` waits for a lock.
fn wait_until_blocked(client: &mut postgres::Client, name: &str) {
    crate::online_support::wait_for_count(
        client,
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
        &[&name],
        "retort waiting for the table lock",
    );
}

fn sessions_named(client: &mut postgres::Client, name: &str) -> i64 {
    client
        .query_one(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1",
            &[&name],
        )
        .unwrap()
        .get(0)
}

fn advisory_locks(client: &mut postgres::Client) -> i64 {
    client
        .query_one(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' \
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            &[],
        )
        .unwrap()
        .get(0)
}

/// Sends `signal` to a blocked run and checks it cancels its statement,
/// releases the lock, says where the database stands and exits `status`;
/// then, the blocker gone, a new run succeeds.
fn signal_stops_a_blocked_run(signal: &str, status: i32) {
    let db = retort_testkit::fresh_database();
    let project = blocked_project(&db, "");
    let mut client = db.client();
    let mut blocker = hold_table(&db);
    let name = format!("retort_{}", signal.to_lowercase());
    let url = format!("{}?application_name={name}", db.url);
    let child = project.spawn(&["--url", &url, "upgrade", "head"]);
    wait_until_blocked(&mut client, &name);

    let sent = std::process::Command::new("kill")
        .args([format!("-{signal}"), child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let clock = Instant::now();
    let run = Run::from(child.wait_with_output().unwrap());
    assert!(
        clock.elapsed() < Duration::from_secs(10),
        "took {:?} to stop",
        clock.elapsed()
    );
    run.fails(status)
        .says("interrupted")
        .says("upgrade r1 failed")
        .says("rolled back")
        .says("the version table is now empty");

    // Server side: retort's statement is gone (not left waiting behind the
    // blocker, holding its place in the lock queue), and so is its lock.
    let started = Instant::now();
    while sessions_named(&mut client, &name) > 0 {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "retort's session still runs on the server after it exited"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(advisory_locks(&mut client), 0, "the migration lock remains");

    blocker.batch_execute("COMMIT").unwrap();
    project.run(&["--url", &db.url, "upgrade", "head"]).ok();
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r1"]);
}

#[test]
fn sigterm_cancels_the_running_statement_and_exits_143() {
    signal_stops_a_blocked_run("TERM", 143);
}

#[test]
fn sigint_cancels_the_running_statement_and_exits_130() {
    signal_stops_a_blocked_run("INT", 130);
}

#[test]
fn migration_lock_timeout_fails_a_blocked_alter_naming_the_revision() {
    let db = retort_testkit::fresh_database();
    let project = blocked_project(&db, "");
    let mut client = db.client();
    let _blocker = hold_table(&db);
    let clock = Instant::now();
    let run = project.run(&[
        "--url",
        &db.url,
        "upgrade",
        "head",
        "--migration-lock-timeout",
        "0.5",
    ]);
    assert!(
        clock.elapsed() < Duration::from_secs(5),
        "waited {:?}",
        clock.elapsed()
    );
    run.fails(1)
        .says("upgrade r1 failed")
        .says("r1_step.sql:8")
        .says("lock timeout")
        .says("55P03")
        .says("migration_lock_timeout (0.5 s)")
        .says("the version table is now empty");
    assert_eq!(
        pg_versions(&mut client, "alembic_version"),
        Vec::<String>::new()
    );
    assert_eq!(advisory_locks(&mut client), 0);
}

#[test]
fn migration_lock_retries_succeed_once_the_blocker_goes() {
    let db = retort_testkit::fresh_database();
    let project = blocked_project(
        &db,
        "migration_lock_timeout = 0.3\nmigration_lock_retries = 6\ntransaction_per_migration = true",
    );
    let mut client = db.client();
    let mut blocker = hold_table(&db);
    let name = "retort_retries";
    let url = format!("{}?application_name={name}", db.url);
    let child = project.spawn(&["--url", &url, "upgrade", "head"]);
    // At least one attempt fails on the lock timeout before the blocker goes.
    wait_until_blocked(&mut client, name);
    std::thread::sleep(Duration::from_millis(1200));
    blocker.batch_execute("COMMIT").unwrap();
    Run::from(child.wait_with_output().unwrap())
        .ok()
        .says("r1: a statement waited longer than migration_lock_timeout")
        .says("(retry 1 of 6)");
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r1"]);
    let ups: i64 = client
        .query_one(
            "SELECT count(*) FROM retort_migration_log WHERE direction = 'up'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(ups, 1, "the step was applied once");
}

#[test]
fn migration_statement_timeout_ends_a_long_statement() {
    let db = retort_testkit::fresh_database();
    let project = Project::new("migration_statement_timeout = 0.3");
    project.chain(1, |_| "SELECT pg_sleep(30);".to_string(), |_| String::new());
    let clock = Instant::now();
    project
        .run(&["--url", &db.url, "upgrade", "head"])
        .fails(1)
        .says("upgrade r1 failed")
        .says("statement timeout")
        .says("migration_statement_timeout (0.3 s)");
    assert!(clock.elapsed() < Duration::from_secs(10));
}

/// Outside a transaction the timeouts are set for the session and put
/// back after the section: the version table's write is not bounded by
/// them, and a session that had its own values gets them back.
#[test]
fn migration_timeouts_apply_to_no_transaction_sections() {
    let db = retort_testkit::fresh_database();
    let project = blocked_project(&db, "migration_lock_timeout = 0.4");
    let mut rev = online_support::Rev::new(
        "r1",
        &[],
        "CREATE INDEX CONCURRENTLY held_x ON held (x);",
        "DROP INDEX held_x;",
    );
    rev.upgrade_options = "no-transaction";
    project.write(&rev);
    let _blocker = hold_table(&db);
    project
        .run(&["--url", &db.url, "upgrade", "head"])
        .fails(1)
        .says("upgrade r1 failed")
        .says("lock timeout");
}

#[test]
fn migration_timeout_settings_are_checked() {
    for (config, setting) in [
        ("migration_lock_timeout = -1", "migration_lock_timeout"),
        ("migration_lock_timeout = 0", "migration_lock_timeout"),
        (
            "migration_statement_timeout = \"soon\"",
            "migration_statement_timeout",
        ),
        ("migration_lock_retries = 99", "migration_lock_retries"),
        ("migration_lock_retries = -2", "migration_lock_retries"),
    ] {
        let project = Project::new(config);
        project.chain(1, |_| "SELECT 1;".to_string(), |_| String::new());
        project
            .run(&["--url", "sqlite:///x.db", "upgrade", "head"])
            .fails(2)
            .says(setting)
            .says("must be");
    }
    let project = Project::new("");
    project.chain(1, |_| "SELECT 1;".to_string(), |_| String::new());
    for (option, value) in [
        ("--migration-lock-timeout", "0"),
        ("--migration-statement-timeout", "-3"),
        ("--migration-lock-retries", "many"),
        ("--lock-timeout", "-1"),
    ] {
        project
            .run(&[
                "--url",
                "sqlite:///x.db",
                "upgrade",
                "head",
                &format!("{option}={value}"),
            ])
            .fails(2)
            .says(option)
            .says("must be");
    }
}
