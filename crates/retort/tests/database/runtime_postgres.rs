//! The runtime against a real PostgreSQL server: transactions as Alembic
//! cuts them, no-transaction sections, failures, checksums, stamps.

use crate::db_support;

use db_support::{chain, pg_url, plan_down, plan_up, strings};
use retort::db::{ConnectOptions, DbError, VersionTable};
use retort::revision::{Plan, PlanStep, StepKind, VersionOp};
use retort::runtime::{RuntimeOptions, Session};
use retort::script::Script;
use retort_testkit::{fresh_database, TestDatabase};
use std::time::Duration;

fn session(t: &TestDatabase, options: RuntimeOptions) -> Session<'static> {
    Session::connect(&pg_url(t), &ConnectOptions::default(), options).unwrap()
}

fn upgrade(
    s: &mut Session,
    scripts: &[Script],
    target: Option<&str>,
) -> Result<retort::runtime::RunReport, DbError> {
    s.lock()?;
    let heads = s.current_heads()?;
    let planned = plan_up(scripts, &heads, target);
    let report = s.execute(&planned.plan, &scripts.to_vec(), &planned.applied);
    s.unlock()?;
    report
}

fn rows(t: &TestDatabase, sql: &str) -> Vec<String> {
    t.client()
        .simple_query(sql)
        .unwrap()
        .into_iter()
        .filter_map(|m| match m {
            postgres::SimpleQueryMessage::Row(r) => Some(
                (0..r.len())
                    .map(|i| r.get(i).unwrap_or("NULL"))
                    .collect::<Vec<_>>()
                    .join("|"),
            ),
            _ => None,
        })
        .collect()
}

fn three() -> Vec<Script> {
    chain(&[
        ("r1", "CREATE TABLE a (x int);", "DROP TABLE a;"),
        (
            "r2",
            "CREATE TABLE b (x int);\nINSERT INTO b VALUES (1);",
            "DROP TABLE b;",
        ),
        ("r3", "CREATE TABLE c (x int);", "DROP TABLE c;"),
    ])
}

#[test]
fn upgrades_and_downgrades_with_the_version_table_and_the_log() {
    let t = fresh_database();
    let scripts = three();
    let mut s = session(&t, RuntimeOptions::default());
    assert!(s.current_heads().unwrap().is_empty());
    let report = upgrade(&mut s, &scripts, None).unwrap();
    assert_eq!(report.heads, vec!["r3"]);
    assert_eq!(report.steps.len(), 3);
    assert_eq!(
        rows(&t, "SELECT version_num FROM alembic_version"),
        vec!["r3"]
    );
    let log = rows(&t, "SELECT revision, direction, checksum, db_user, retort_version FROM retort_migration_log ORDER BY id");
    let sum = scripts[0].upgrade.checksum();
    assert_eq!(
        log[0],
        format!("r1|up|{sum}|postgres|{}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(log.len(), 3);
    assert_eq!(rows(&t, "SELECT count(*) FROM retort_migration_log WHERE duration_ms >= 0 AND started_at <= now() AND os_user IS NOT NULL"), vec!["3"]);

    s.lock().unwrap();
    let heads = s.current_heads().unwrap();
    let planned = plan_down(&scripts, &heads, 2);
    let report = s
        .execute(&planned.plan, &scripts, &planned.applied)
        .unwrap();
    s.unlock().unwrap();
    assert_eq!(report.heads, vec!["r1"]);
    assert_eq!(rows(&t, "SELECT to_regclass('b') IS NULL AND to_regclass('c') IS NULL AND to_regclass('a') IS NOT NULL"), vec!["t"]);
    assert_eq!(
        rows(
            &t,
            "SELECT direction FROM retort_migration_log ORDER BY id DESC LIMIT 2"
        ),
        vec!["down", "down"]
    );
}

#[test]
fn a_failure_rolls_back_the_whole_run_and_says_where() {
    let t = fresh_database();
    let mut scripts = three();
    scripts[2].upgrade.body = "CREATE TABLE c (x int);\nINSERT INTO nope\n  VALUES (1);".into();
    let mut s = session(&t, RuntimeOptions::default());
    let err = upgrade(&mut s, &scripts, None).unwrap_err();
    assert_eq!(err.exit_code(), 1);
    let DbError::Migration(failure) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        (
            failure.revision.as_str(),
            failure.line,
            failure.line_is_exact
        ),
        ("r3", Some(9), true)
    );
    let text = err.to_string();
    assert!(text.starts_with("upgrade r3 failed at migrations/versions/r3_test.sql:9: ERROR: relation \"nope\" does not exist"), "{text}");
    assert!(text.contains("the version table is now empty"), "{text}");
    // Nothing of the run is left, not even the version table or the log.
    assert_eq!(
        rows(
            &t,
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ),
        vec!["0"]
    );
}

#[test]
fn transaction_per_migration_keeps_the_revisions_before_a_failure() {
    let t = fresh_database();
    let mut scripts = three();
    scripts[2].upgrade.body = "SELECT 1/0;".into();
    let options = RuntimeOptions {
        transaction_per_migration: true,
        ..Default::default()
    };
    let mut s = session(&t, options);
    let err = upgrade(&mut s, &scripts, None).unwrap_err();
    let text = err.to_string();
    // Division by zero carries no position; statements run one by one inside
    // a transaction, so the failing one is still named exactly.
    assert!(
        text.contains("at migrations/versions/r3_test.sql:8: ERROR: division by zero"),
        "{text}"
    );
    assert!(text.contains("the version table now holds: r2"), "{text}");
    assert_eq!(
        rows(&t, "SELECT version_num FROM alembic_version"),
        vec!["r2"]
    );
    assert_eq!(
        rows(&t, "SELECT revision FROM retort_migration_log ORDER BY id"),
        vec!["r1", "r2"]
    );
}

#[test]
fn a_no_transaction_section_runs_outside_any_transaction() {
    let t = fresh_database();
    let mut scripts = three();
    scripts[1].upgrade.body =
        "CREATE INDEX CONCURRENTLY a_x ON a (x);\n-- a comment; with a semicolon\nCREATE INDEX CONCURRENTLY a_x2 ON a ((x + 1));\n".into();
    scripts[1].upgrade.no_transaction = true;
    let mut s = session(&t, RuntimeOptions::default());
    let report = upgrade(&mut s, &scripts, None).unwrap();
    assert_eq!(report.heads, vec!["r3"]);
    assert_eq!(
        rows(
            &t,
            "SELECT indexname FROM pg_indexes WHERE tablename = 'a' ORDER BY 1"
        ),
        vec!["a_x", "a_x2"]
    );
    assert_eq!(
        rows(&t, "SELECT revision FROM retort_migration_log ORDER BY id"),
        vec!["r1", "r2", "r3"]
    );

    // A failure there names its own statement's line; what ran before it
    // was committed first, as Alembic's autocommit block does.
    let t = fresh_database();
    scripts[1].upgrade.body = "CREATE INDEX CONCURRENTLY a_x ON a (x);\n\nCREATE INDEX CONCURRENTLY a_y ON a (no_such_column);".into();
    let mut s = session(&t, RuntimeOptions::default());
    let err = upgrade(&mut s, &scripts, None).unwrap_err().to_string();
    assert!(
        err.contains("upgrade r2 failed at migrations/versions/r2_test.sql:10:"),
        "{err}"
    );
    assert!(
        err.contains("column \"no_such_column\" does not exist"),
        "{err}"
    );
    assert!(err.contains("the version table now holds: r1"), "{err}");
}

#[test]
fn edited_applied_files_stop_the_run_unless_allowed() {
    let t = fresh_database();
    let mut scripts = three();
    let mut s = session(&t, RuntimeOptions::default());
    upgrade(&mut s, &scripts, Some("r2")).unwrap();

    scripts[0].upgrade.body = "CREATE TABLE a (x bigint);".into();
    let err = upgrade(&mut s, &scripts, None).unwrap_err();
    assert_eq!(err.exit_code(), 2);
    let text = err.to_string();
    assert!(
        text.contains("migrations/versions/r1_test.sql") && text.contains("revision r1"),
        "{text}"
    );
    assert_eq!(
        rows(&t, "SELECT version_num FROM alembic_version"),
        vec!["r2"],
        "nothing changed"
    );
    assert_eq!(rows(&t, "SELECT to_regclass('c') IS NULL"), vec!["t"]);

    let options = RuntimeOptions {
        allow_edited: true,
        ..Default::default()
    };
    let mut s = session(&t, options);
    let report = upgrade(&mut s, &scripts, None).unwrap();
    assert_eq!(report.accepted_edits, vec!["r1"]);
    assert_eq!(report.heads, vec!["r3"]);
    let sum = scripts[0].upgrade.checksum();
    assert_eq!(
        rows(
            &t,
            "SELECT checksum FROM retort_migration_log WHERE direction = 'accept-edit'"
        ),
        vec![sum]
    );

    // The new text is now the one on record.
    let mut s = session(&t, RuntimeOptions::default());
    upgrade(&mut s, &scripts, None).unwrap();
}

#[test]
fn a_database_migrated_by_alembic_is_taken_over() {
    let t = fresh_database();
    t.client()
        .batch_execute(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));\n\
             INSERT INTO alembic_version VALUES ('r2'); CREATE TABLE a (x int); CREATE TABLE b (x int);",
        )
        .unwrap();
    let mut scripts = three();
    scripts[0].upgrade.body = "-- no log row, so nothing to compare with".into();
    let mut s = session(&t, RuntimeOptions::default());
    assert_eq!(s.current_heads().unwrap(), vec!["r2"]);
    let report = upgrade(&mut s, &scripts, None).unwrap();
    assert_eq!(report.heads, vec!["r3"]);
    assert_eq!(report.steps.len(), 1);
}

#[test]
fn stamps_and_purges_touch_only_the_version_table() {
    let t = fresh_database();
    let scripts = three();
    let mut s = session(&t, RuntimeOptions::default());
    let stamp = |from: &[&str], to: &[&str], ops: Vec<VersionOp>, purge: bool| Plan {
        start_heads: strings(from),
        steps: vec![PlanStep {
            kind: StepKind::Stamp {
                from: strings(from),
                to: strings(to),
            },
            version_ops: ops,
            starts_without_rows: purge || from.is_empty(),
        }],
        purge,
        final_heads: strings(to),
    };
    s.execute(
        &stamp(&[], &["r2"], vec![VersionOp::Insert("r2".into())], false),
        &scripts,
        &[],
    )
    .unwrap();
    assert_eq!(
        rows(&t, "SELECT version_num FROM alembic_version"),
        vec!["r2"]
    );
    assert_eq!(
        rows(&t, "SELECT to_regclass('a') IS NULL"),
        vec!["t"],
        "no migration ran"
    );
    assert_eq!(
        rows(
            &t,
            "SELECT revision || ' ' || direction FROM retort_migration_log"
        ),
        vec!["r2 stamp"]
    );

    t.client()
        .batch_execute("INSERT INTO alembic_version VALUES ('junk')")
        .unwrap();
    let heads = s.current_heads().unwrap();
    let report = s
        .execute(
            &stamp(
                &heads.iter().map(String::as_str).collect::<Vec<_>>(),
                &["r1"],
                vec![VersionOp::Insert("r1".into())],
                true,
            ),
            &scripts,
            &[],
        )
        .unwrap();
    assert_eq!(report.heads, vec!["r1"]);
}

#[test]
fn a_plan_made_from_other_heads_is_refused() {
    let t = fresh_database();
    let scripts = three();
    let mut s = session(&t, RuntimeOptions::default());
    upgrade(&mut s, &scripts, Some("r1")).unwrap();
    let stale = plan_up(&scripts, &[], None);
    let err = s
        .execute(&stale.plan, &scripts, &stale.applied)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("the version table holds [r1] but the plan starts from []"),
        "{err}"
    );
    assert_eq!(
        rows(&t, "SELECT version_num FROM alembic_version"),
        vec!["r1"]
    );
}

#[test]
fn version_table_schema_and_log_table_are_honoured() {
    let t = fresh_database();
    t.client().batch_execute("CREATE SCHEMA meta").unwrap();
    let mut options = RuntimeOptions::new(VersionTable::new("Versions", Some("meta")));
    options.log_table.name = "applied".into();
    let mut s = session(&t, options);
    upgrade(&mut s, &three(), None).unwrap();
    assert_eq!(
        rows(&t, "SELECT version_num FROM meta.\"Versions\""),
        vec!["r3"]
    );
    assert_eq!(rows(&t, "SELECT count(*) FROM meta.applied"), vec!["3"]);
    assert_eq!(
        rows(
            &t,
            "SELECT conname FROM pg_constraint WHERE conrelid = 'meta.\"Versions\"'::regclass"
        ),
        vec!["Versions_pkc"]
    );
}

#[test]
fn the_lock_is_held_across_transactions_and_a_timeout_says_so() {
    let t = fresh_database();
    let mut holder = session(&t, RuntimeOptions::default());
    holder.lock().unwrap();
    // Commits in between do not release a session-level lock.
    holder
        .database()
        .execute_script("BEGIN; CREATE TABLE x (); COMMIT;")
        .unwrap();

    let options = RuntimeOptions {
        lock_timeout: Some(Duration::from_millis(300)),
        ..Default::default()
    };
    let mut waiter = session(&t, options);
    let err = waiter.lock().unwrap_err();
    assert!(matches!(err, DbError::LockTimeout { .. }), "{err:?}");
    assert!(err.to_string().contains("another migration is running"));

    holder.unlock().unwrap();
    waiter.lock().unwrap();
    drop(waiter);
    // Dropping the session let go of the lock too.
    holder.lock().unwrap();
}

#[test]
fn a_sql_standard_function_body_is_sent_as_written() {
    let t = fresh_database();
    let mut scripts = three();
    scripts[0].upgrade.body = "CREATE TABLE a (x int);\n\
        CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE sql\n\
        BEGIN ATOMIC\n  SELECT i + 1;\nEND;\n\
        INSERT INTO a VALUES (add_one(41));"
        .into();
    let mut s = session(&t, RuntimeOptions::default());
    upgrade(&mut s, &scripts, Some("r1")).unwrap();
    assert_eq!(rows(&t, "SELECT x::text FROM a"), vec!["42"]);
}

/// Outside a transaction the statements go one by one; the body's inner
/// semicolons do not cut it.
#[test]
fn a_sql_standard_function_body_survives_a_no_transaction_section() {
    let t = fresh_database();
    let mut scripts = three();
    scripts[0].upgrade.no_transaction = true;
    scripts[0].upgrade.body = "CREATE TABLE a (x int);\n\
        CREATE FUNCTION pick(i int) RETURNS int LANGUAGE sql\n\
        BEGIN ATOMIC\n  SELECT CASE WHEN i > 0 THEN i + 1 ELSE 0 END;\nEND;\n\
        CREATE INDEX CONCURRENTLY a_x ON a (x);\n\
        INSERT INTO a VALUES (pick(41));"
        .into();
    let mut s = session(&t, RuntimeOptions::default());
    upgrade(&mut s, &scripts, Some("r1")).unwrap();
    assert_eq!(rows(&t, "SELECT x::text FROM a"), vec!["42"]);
}
