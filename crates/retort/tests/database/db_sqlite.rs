//! SQLite files and memory, and the runtime on them.

use crate::db_support;

use db_support::{chain, plan_up, sqlite_url};
use retort::db::{connect, ConnectOptions, DbError, VersionTable};
use retort::revision::VersionOp;
use retort::runtime::{RuntimeOptions, Session};
use retort::script::Script;
use retort::url::{DatabaseUrl, SqliteTarget};
use std::path::Path;
use std::time::Duration;

fn rows(path: &Path, sql: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        Ok((0..n)
            .map(|i| match r.get_ref(i).unwrap() {
                rusqlite::types::ValueRef::Null => "NULL".to_string(),
                rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                other => format!("{other:?}"),
            })
            .collect::<Vec<_>>()
            .join("|"))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn upgrade(
    url: &DatabaseUrl,
    options: RuntimeOptions,
    scripts: &[Script],
) -> Result<Vec<String>, DbError> {
    let mut s = Session::connect(url, &ConnectOptions::default(), options)?;
    s.lock()?;
    let heads = s.current_heads()?;
    let planned = plan_up(scripts, &heads, None);
    let report = s.execute(&planned.plan, &scripts.to_vec(), &planned.applied)?;
    s.unlock()?;
    Ok(report.heads)
}

fn three() -> Vec<Script> {
    chain(&[
        ("r1", "CREATE TABLE a (x INT);", "DROP TABLE a;"),
        ("r2", "CREATE TABLE b (x INT);\nCREATE TRIGGER b_ins AFTER INSERT ON b BEGIN\n  INSERT INTO a VALUES (NEW.x);\nEND;\nINSERT INTO b VALUES (7);", "DROP TABLE b;"),
        ("r3", "CREATE TABLE c (x INT);", "DROP TABLE c;"),
    ])
}

#[test]
fn files_and_memory_run_scripts_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    let mut db = connect(&sqlite_url(&path), &ConnectOptions::default()).unwrap();
    db.execute_script(
        "CREATE TABLE t (x TEXT DEFAULT ';');\n-- a comment;\nINSERT INTO t VALUES ('a;b');",
    )
    .unwrap();
    assert_eq!(rows(&path, "SELECT x FROM t"), vec!["a;b"]);

    let mut mem = connect(
        &DatabaseUrl::Sqlite(SqliteTarget::Memory),
        &ConnectOptions::default(),
    )
    .unwrap();
    mem.execute_script("CREATE TABLE t (x INT); INSERT INTO t VALUES (1), (2);")
        .unwrap();
    assert_eq!(
        mem.query_text("SELECT sum(x) FROM t", &[]).unwrap(),
        vec![vec![Some("3".to_string())]]
    );
}

#[test]
fn a_failing_statement_reports_its_line() {
    let mut db = connect(
        &DatabaseUrl::Sqlite(SqliteTarget::Memory),
        &ConnectOptions::default(),
    )
    .unwrap();
    // A syntax error: SQLite says where in the statement.
    let err = db
        .execute_script("CREATE TABLE t (x INT);\n\nSELECT *\n  FROM t WHERE;\n")
        .unwrap_err();
    assert!(
        matches!(&err, DbError::Statement(e) if e.line == Some(4) && e.message.contains("syntax error")),
        "{err:?}"
    );
    // A failure while running: the statement's first line.
    let err = db
        .execute_script("INSERT INTO t VALUES (1);\n-- next\nINSERT INTO\n  missing VALUES (1);")
        .unwrap_err();
    assert!(
        matches!(&err, DbError::Statement(e) if e.line == Some(3) && e.message.contains("no such table: missing")),
        "{err:?}"
    );
}

#[test]
fn the_version_table_is_alembics_and_is_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("alembic.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));\n\
             INSERT INTO alembic_version VALUES ('zz1'), ('aa2');",
        )
        .unwrap();
    let mut db = connect(&sqlite_url(&path), &ConnectOptions::default()).unwrap();
    let table = VersionTable::new("alembic_version", None);
    assert_eq!(db.read_versions(&table).unwrap(), vec!["zz1", "aa2"]);
    let err = db
        .apply_version_op(
            &table,
            &VersionOp::Update {
                from: "nope".into(),
                to: "x".into(),
            },
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("expected to match one row"),
        "{err}"
    );

    let other = VersionTable::new("other_versions", None);
    db.create_version_table(&other).unwrap();
    assert_eq!(
        rows(&path, "SELECT sql FROM sqlite_master WHERE name = 'other_versions'"),
        vec!["CREATE TABLE other_versions (\n    version_num VARCHAR(32) NOT NULL, \n    CONSTRAINT other_versions_pkc PRIMARY KEY (version_num)\n)"]
    );
}

#[test]
fn the_runtime_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    let url = sqlite_url(&path);
    assert_eq!(
        upgrade(&url, RuntimeOptions::default(), &three()).unwrap(),
        vec!["r3"]
    );
    assert_eq!(
        rows(&path, "SELECT x FROM a"),
        vec!["7"],
        "the trigger body ran"
    );
    assert_eq!(rows(&path, "SELECT revision || ' ' || direction || ' ' || length(checksum) || ' ' || (db_user IS NULL) FROM retort_migration_log ORDER BY id"),
        vec!["r1 up 64 1", "r2 up 64 1", "r3 up 64 1"]);
}

#[test]
fn a_failure_rolls_back_the_run_or_only_its_revision() {
    let dir = tempfile::tempdir().unwrap();
    let mut scripts = three();
    scripts[2].upgrade.body = "CREATE TABLE c (x INT);\nINSERT INTO nowhere VALUES (1);".into();

    let whole = dir.path().join("whole.db");
    let err = upgrade(&sqlite_url(&whole), RuntimeOptions::default(), &scripts)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(
            "upgrade r3 failed at migrations/versions/r3_test.sql:9: no such table: nowhere"
        ),
        "{err}"
    );
    assert!(err.contains("the version table is now empty"), "{err}");
    assert!(rows(&whole, "SELECT name FROM sqlite_master").is_empty());

    let per = dir.path().join("per.db");
    let options = RuntimeOptions {
        transaction_per_migration: true,
        ..Default::default()
    };
    let err = upgrade(&sqlite_url(&per), options, &scripts)
        .unwrap_err()
        .to_string();
    assert!(err.contains("the version table now holds: r2"), "{err}");
    assert_eq!(
        rows(&per, "SELECT version_num FROM alembic_version"),
        vec!["r2"]
    );
}

#[test]
fn a_no_transaction_section_can_vacuum() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    let mut scripts = three();
    scripts[1].upgrade.body = "VACUUM;".into();
    scripts[1].upgrade.no_transaction = true;
    assert_eq!(
        upgrade(&sqlite_url(&path), RuntimeOptions::default(), &scripts).unwrap(),
        vec!["r3"]
    );

    // Inside a transaction SQLite refuses it: the option is what makes it work.
    let path = dir.path().join("refused.db");
    scripts[1].upgrade.no_transaction = false;
    let err = upgrade(&sqlite_url(&path), RuntimeOptions::default(), &scripts)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("cannot VACUUM from within a transaction"),
        "{err}"
    );
}

#[test]
fn edited_files_are_noticed_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    let mut scripts = three();
    upgrade(&sqlite_url(&path), RuntimeOptions::default(), &scripts[..2]).unwrap();
    scripts[1].upgrade.body.push_str("\n-- edited");
    let err = upgrade(&sqlite_url(&path), RuntimeOptions::default(), &scripts).unwrap_err();
    assert_eq!(err.exit_code(), 2);
    assert!(
        err.to_string().contains("migrations/versions/r2_test.sql"),
        "{err}"
    );
    let options = RuntimeOptions {
        allow_edited: true,
        ..Default::default()
    };
    assert_eq!(
        upgrade(&sqlite_url(&path), options, &scripts).unwrap(),
        vec!["r3"]
    );
}

#[test]
fn the_file_lock_times_out_while_held() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_url(&dir.path().join("app.db"));
    let mut holder =
        Session::connect(&url, &ConnectOptions::default(), RuntimeOptions::default()).unwrap();
    holder.lock().unwrap();
    let options = RuntimeOptions {
        lock_timeout: Some(Duration::from_millis(200)),
        ..Default::default()
    };
    let mut waiter = Session::connect(&url, &ConnectOptions::default(), options).unwrap();
    assert!(matches!(waiter.lock(), Err(DbError::LockTimeout { .. })));
    holder.unlock().unwrap();
    waiter.lock().unwrap();
}
