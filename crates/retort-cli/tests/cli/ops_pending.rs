//! `retort pending` (and its alias `status`): the revisions not applied yet,
//! per head, with the exit status health checks read (0 at every head, 3
//! behind, 1/2 for errors), on PostgreSQL and SQLite.

use crate::online_support;

use online_support::{Project, Rev};

/// r1 <- r2 <- r3, and a branch b2 (labelled `side`) from r1.
fn branched() -> Project {
    let project = Project::new("");
    project.chain(
        3,
        |i| format!("CREATE TABLE t{i} (x int);"),
        |i| format!("DROP TABLE t{i};"),
    );
    project.write(&Rev::new(
        "b2",
        &["r1"],
        "CREATE TABLE b2 (x int);",
        "DROP TABLE b2;",
    ));
    // A branch label, shown beside the head's id.
    let path = project.file("b2");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replace(
        "-- Revises: r1\n",
        "-- Revises: r1\n-- Branch Labels: side\n",
    );
    std::fs::write(&path, text).unwrap();
    project
}

fn check_pending_on(url: &str) {
    let project = branched();

    // A new database: everything is pending, oldest first, under each head.
    let run = project.run(&["--url", url, "pending"]);
    assert_eq!(run.code, 3, "behind is exit 3: {run:?}");
    assert_eq!(
        run.stdout,
        "b2 (side): 2 pending\n  r1  step r1\n  b2  step b2\n\
         r3: 3 pending\n  r1  step r1\n  r2  step r2\n  r3  step r3\n",
        "{run:?}"
    );

    project.run(&["--url", url, "upgrade", "r2"]).ok();
    let run = project.run(&["--url", url, "--json", "status"]);
    assert_eq!(run.code, 3, "{run:?}");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "current": ["r2"],
            "heads": [
                {"head": "b2", "branch_labels": ["side"],
                 "pending": [{"revision": "b2", "message": "step b2"}]},
                {"head": "r3", "branch_labels": [],
                 "pending": [{"revision": "r3", "message": "step r3"}]},
            ],
            "up_to_date": false,
        })
    );
    // --quiet: the exit status alone, for a health check.
    let run = project.run(&["--url", url, "-q", "pending"]);
    assert_eq!((run.code, run.stdout.as_str()), (3, ""), "{run:?}");

    project.run(&["--url", url, "upgrade", "heads"]).ok();
    let run = project.run(&["--url", url, "pending"]);
    run.ok();
    assert_eq!(
        run.stdout,
        "b2 (side): up to date\nr3: up to date\nThe database is at every head.\n"
    );
    let run = project.run(&["--url", url, "--json", "pending"]);
    run.ok();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["up_to_date"], true);
}

#[test]
fn pending_lists_what_upgrade_heads_would_run_on_postgres() {
    let db = retort_testkit::fresh_database();
    check_pending_on(&db.url);
}

#[test]
fn pending_lists_what_upgrade_heads_would_run_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:///{}", dir.path().join("app.db").display());
    check_pending_on(&url);
}

#[test]
fn errors_are_not_mistaken_for_behind() {
    let project = branched();
    // A server that is not there: a database failure, exit 1, never 3.
    project
        .run(&[
            "--url",
            "postgresql://u@127.0.0.1:1/db?connect_timeout=2",
            "pending",
        ])
        .fails(1);
    // A row no file knows: the history does not match, not "behind".
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("app.db");
    let url = format!("sqlite:///{}", db.display());
    project.run(&["--url", &url, "upgrade", "r1"]).ok();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE alembic_version SET version_num = 'gone'", [])
        .unwrap();
    let run = project.run(&["--url", &url, "pending"]);
    assert!(run.code != 0 && run.code != 3, "{run:?}");
}
