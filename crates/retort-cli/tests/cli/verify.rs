//! `retort verify` end to end, on PostgreSQL and on SQLite: each finding
//! the stairway can make, a branch and merge walked in full, the heads
//! against the target schema, the range options, and the project's own
//! database left alone.

use crate::autogen_cli::{scratch_databases, SERIAL};
use crate::common::{retort, stderr, stdout};
use retort_testkit::TestDatabase;
use serde_json::Value;
use std::fs;
use std::path::Path;

/// The database a test's project names: a fresh PostgreSQL database (held
/// so it lives as long as the test), or an SQLite file that must never be
/// made.
enum Dialect {
    Postgres(Box<TestDatabase>),
    Sqlite,
}

impl Dialect {
    fn both() -> [fn() -> Dialect; 2] {
        [
            || Dialect::Postgres(Box::new(retort_testkit::fresh_database())),
            || Dialect::Sqlite,
        ]
    }

    fn url(&self) -> String {
        match self {
            Dialect::Postgres(db) => db.url.clone(),
            Dialect::Sqlite => "sqlite:///app.db".to_string(),
        }
    }

    /// The project's database was not written to: no table in it (the
    /// version table would be one), no SQLite file made.
    fn assert_untouched(&self, dir: &Path) {
        match self {
            Dialect::Postgres(db) => {
                let tables: i64 = db
                    .client()
                    .query_one(
                        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                         WHERE n.nspname = 'public'",
                        &[],
                    )
                    .unwrap()
                    .get(0);
                assert_eq!(tables, 0, "verify wrote to the project's database");
                assert_eq!(scratch_databases(db), 0, "a scratch database was left");
            }
            Dialect::Sqlite => assert!(!dir.join("app.db").exists()),
        }
    }
}

fn project(dialect: &Dialect, schema: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("retort.toml"),
        format!(
            "script_location = \"migrations\"\nurl = \"{}\"\n",
            dialect.url()
        ),
    )
    .unwrap();
    fs::create_dir_all(dir.path().join("migrations/versions")).unwrap();
    if let Some(schema) = schema {
        fs::write(dir.path().join("schema.sql"), schema).unwrap();
    }
    dir
}

/// Writes revision `id`; `downgrade` is written after the marker as is,
/// so `" no-op"` declares it a no-op and `""` leaves it empty.
fn migration(dir: &Path, id: &str, revises: &str, upgrade: &str, downgrade: &str) {
    fs::write(
        dir.join(format!("migrations/versions/{id}.sql")),
        format!(
            "-- message {id}\n--\n-- Revision ID: {id}\n-- Revises: {revises}\n\
             -- Create Date: 2026-01-01 00:00:00\n\n-- retort:upgrade\n{upgrade}\n\n\
             -- retort:downgrade{downgrade}\n"
        ),
    )
    .unwrap();
}

/// `retort --json verify ARGS`: the exit status and the report.
fn verify(dir: &Path, args: &[&str]) -> (Option<i32>, Value) {
    let mut all = vec!["--json", "verify"];
    all.extend_from_slice(args);
    let out = retort(dir, &all);
    let report = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("no JSON report ({e}): {}{}", stdout(&out), stderr(&out)));
    (out.status.code(), report)
}

/// The revision's findings in the report.
fn findings<'a>(report: &'a Value, revision: &str) -> &'a Vec<Value> {
    report["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["revision"] == revision)
        .unwrap_or_else(|| panic!("{revision} not walked: {report}"))["findings"]
        .as_array()
        .unwrap()
}

fn walked(report: &Value) -> Vec<String> {
    report["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["revision"].as_str().unwrap().to_string())
        .collect()
}

fn listed(value: &Value) -> String {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each test on PostgreSQL (taking turns with the modules counting scratch
/// databases) and on SQLite.
fn on_both(test: impl Fn(&Dialect)) {
    for make in Dialect::both() {
        let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        test(&make());
    }
}

const USERS: &str = "CREATE TABLE users (id integer PRIMARY KEY, email text);";

#[test]
fn a_clean_history_passes_and_the_project_database_is_untouched() {
    on_both(|dialect| {
        let dir = project(
            dialect,
            Some(
                "CREATE TABLE users (id integer PRIMARY KEY, email text);\n\
                 CREATE INDEX users_email ON users (email);\n",
            ),
        );
        let d = dir.path();
        migration(d, "a1", "", USERS, "\nDROP TABLE users;");
        migration(
            d,
            "a2",
            "a1",
            "CREATE INDEX users_email ON users (email);",
            "\nDROP INDEX users_email;",
        );
        let (code, report) = verify(d, &[]);
        assert_eq!(code, Some(0), "{report}");
        assert_eq!(walked(&report), ["a1", "a2"]);
        assert!(findings(&report, "a1").is_empty() && findings(&report, "a2").is_empty());
        assert_eq!(report["target"]["status"], "in_sync", "{report}");
        dialect.assert_untouched(d);

        let out = retort(d, &["verify"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).starts_with("ok    a1 "), "{}", stdout(&out));
    });
}

#[test]
fn a_downgrade_that_forgets_an_index_is_reported_with_the_difference() {
    on_both(|dialect| {
        let dir = project(dialect, None);
        let d = dir.path();
        migration(d, "a1", "", USERS, "\nDROP TABLE users;");
        migration(
            d,
            "a2",
            "a1",
            "CREATE INDEX users_email ON users (email);",
            "\nSELECT 1;",
        );
        // Walked after the failure, from a database the failure did not touch.
        migration(
            d,
            "a3",
            "a2",
            "ALTER TABLE users ADD COLUMN name text;",
            "\nALTER TABLE users DROP COLUMN name;",
        );
        let (code, report) = verify(d, &[]);
        assert_eq!(code, Some(1), "{report}");
        let found = findings(&report, "a2");
        assert_eq!(found[0]["kind"], "downgrade_leaves_differences", "{report}");
        let differences = listed(&found[0]["differences"]);
        assert!(
            differences.contains("drop index") && differences.contains("users_email"),
            "{differences}"
        );
        // The index left behind makes the upgrade fail when run again.
        assert_eq!(found[1]["kind"], "upgrade_not_repeatable", "{report}");
        assert!(findings(&report, "a3").is_empty(), "{report}");
        assert_eq!(report["target"]["status"], "not_configured");
        dialect.assert_untouched(d);

        let out = retort(d, &["verify"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(stdout(&out).contains("FAIL  a2 "), "{}", stdout(&out));
        assert!(stderr(&out).contains("verify found 1 failure(s)"));
    });
}

#[test]
fn a_failing_downgrade_is_reported_with_its_error() {
    on_both(|dialect| {
        let dir = project(dialect, None);
        let d = dir.path();
        migration(d, "a1", "", USERS, "\nDROP TABLE no_such_table;");
        migration(
            d,
            "a2",
            "a1",
            "CREATE TABLE notes (id integer);",
            "\nDROP TABLE notes;",
        );
        let (code, report) = verify(d, &[]);
        assert_eq!(code, Some(1), "{report}");
        let found = findings(&report, "a1");
        assert_eq!(found.len(), 1, "{report}");
        assert_eq!(found[0]["kind"], "downgrade_fails");
        let error = found[0]["error"].as_str().unwrap();
        assert!(
            error.contains("a1.sql:11") && error.contains("no_such_table"),
            "{error}"
        );
        assert!(findings(&report, "a2").is_empty(), "{report}");
    });
}

#[test]
fn an_irreversible_revision_fails_and_a_declared_no_op_does_not() {
    on_both(|dialect| {
        let dir = project(dialect, None);
        let d = dir.path();
        migration(d, "a1", "", USERS, " no-op");
        let (code, report) = verify(d, &[]);
        assert_eq!(code, Some(0), "{report}");
        let found = findings(&report, "a1");
        assert_eq!(found[0]["kind"], "declared_no_op", "{report}");
        assert!(
            listed(&found[0]["leaves_behind"]).contains("users"),
            "{report}"
        );

        migration(
            d,
            "a2",
            "a1",
            "CREATE TABLE notes (id integer);",
            "\n-- nothing here\n",
        );
        let (code, report) = verify(d, &[]);
        assert_eq!(code, Some(1), "{report}");
        let found = findings(&report, "a2");
        assert_eq!(found[0]["kind"], "irreversible", "{report}");
        assert!(listed(&found[0]["leaves_behind"]).contains("notes"));
        let out = retort(d, &["verify"]);
        assert!(stdout(&out).contains("no-op a1 "), "{}", stdout(&out));
        assert!(stdout(&out).contains("irreversible"), "{}", stdout(&out));
    });
}

#[test]
fn a_branch_and_its_merge_are_walked_in_full() {
    on_both(|dialect| {
        let dir = project(dialect, None);
        let d = dir.path();
        migration(d, "a1", "", USERS, "\nDROP TABLE users;");
        migration(
            d,
            "b1",
            "a1",
            "CREATE TABLE b (id integer);",
            "\nDROP TABLE b;",
        );
        migration(
            d,
            "c1",
            "a1",
            "CREATE TABLE c (id integer);",
            // Forgets the index b1's branch does not know of.
            "\nDROP TABLE c;",
        );
        migration(d, "c2", "c1", "CREATE INDEX c_id ON c (id);", "\nSELECT 1;");
        migration(
            d,
            "m1",
            "b1, c2",
            "CREATE TABLE merged (id integer);",
            "\nDROP TABLE merged;",
        );
        let (code, report) = verify(d, &[]);
        assert_eq!(code, Some(1), "{report}");
        let mut order = walked(&report);
        assert_eq!(order.len(), 5, "{report}");
        assert_eq!(order[0], "a1");
        assert_eq!(order[4], "m1");
        let position = |id: &str| order.iter().position(|r| r == id).unwrap();
        assert!(position("c1") < position("c2"));
        order.sort();
        assert_eq!(order, ["a1", "b1", "c1", "c2", "m1"]);
        assert_eq!(
            findings(&report, "c2")[0]["kind"],
            "downgrade_leaves_differences"
        );
        for clean in ["a1", "b1", "c1", "m1"] {
            assert!(findings(&report, clean).is_empty(), "{clean}: {report}");
        }
        dialect.assert_untouched(d);
    });
}

#[test]
fn heads_differing_from_the_target_schema_are_reported() {
    on_both(|dialect| {
        let dir = project(
            dialect,
            Some("CREATE TABLE users (id integer PRIMARY KEY, email text, name text);\n"),
        );
        let d = dir.path();
        migration(d, "a1", "", USERS, "\nDROP TABLE users;");
        let (code, report) = verify(d, &[]);
        assert_eq!(code, Some(1), "{report}");
        assert!(findings(&report, "a1").is_empty());
        assert_eq!(report["target"]["status"], "differs", "{report}");
        assert!(
            listed(&report["target"]["differences"]).contains("add column"),
            "{report}"
        );
        let out = retort(d, &["verify"]);
        assert!(
            stdout(&out).contains("target schema: the heads differ"),
            "{}",
            stdout(&out)
        );
    });
}

#[test]
fn from_and_to_limit_the_walk_and_bad_ones_exit_2() {
    let dialect = Dialect::Sqlite;
    let dir = project(&dialect, Some(USERS));
    let d = dir.path();
    // a1's broken downgrade is below --from, so it is not checked.
    migration(d, "a1", "", USERS, "\nDROP TABLE no_such_table;");
    migration(
        d,
        "a2",
        "a1",
        "CREATE TABLE b (id integer);",
        "\nDROP TABLE b;",
    );
    migration(
        d,
        "a3",
        "a2",
        "CREATE TABLE c (id integer);",
        "\nDROP TABLE c;",
    );
    let (code, report) = verify(d, &["--from", "a1", "--to", "a2"]);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(walked(&report), ["a2"]);
    assert_eq!(report["target"]["status"], "not_reached");

    let (code, report) = verify(d, &["--to", "a1"]);
    assert_eq!(code, Some(1), "{report}");
    assert_eq!(walked(&report), ["a1"]);

    for args in [["--from", "zz9"], ["--to", "zz9"]] {
        let mut all = vec!["verify"];
        all.extend_from_slice(&args);
        let out = retort(d, &all);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("zz9"), "{}", stderr(&out));
    }
    dialect.assert_untouched(d);
}

#[test]
fn migrations_run_with_the_session_defaults_not_the_reader_search_path() {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dialect = Dialect::Postgres(Box::new(retort_testkit::fresh_database()));
    // With a schema named as the user, the default search path
    // ("$user", public) puts an unqualified table there, as a real run and
    // the target schema's load do; the schema reader sets its own path,
    // which must not leak into the migrations run after it.
    let dir = project(
        &dialect,
        Some("CREATE SCHEMA postgres;\nCREATE TABLE notes (id integer);\n"),
    );
    let d = dir.path();
    migration(d, "a1", "", "CREATE SCHEMA postgres;", " no-op");
    migration(
        d,
        "a2",
        "a1",
        "CREATE TABLE notes (id integer);",
        "\nDROP TABLE notes;",
    );
    let (code, report) = verify(d, &[]);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(report["target"]["status"], "in_sync", "{report}");
}

#[test]
fn a_failing_upgrade_stops_the_walk_and_names_what_was_not_reached() {
    let dialect = Dialect::Sqlite;
    let dir = project(&dialect, Some(USERS));
    let d = dir.path();
    migration(d, "a1", "", USERS, "\nDROP TABLE users;");
    migration(
        d,
        "a2",
        "a1",
        "ALTER TABLE no_such_table ADD COLUMN x;",
        "\nSELECT 1;",
    );
    migration(
        d,
        "a3",
        "a2",
        "CREATE TABLE c (id integer);",
        "\nDROP TABLE c;",
    );
    let (code, report) = verify(d, &[]);
    assert_eq!(code, Some(1), "{report}");
    let found = findings(&report, "a2");
    assert_eq!(found[0]["kind"], "upgrade_fails", "{report}");
    assert!(found[0]["error"]
        .as_str()
        .unwrap()
        .contains("no_such_table"));
    assert_eq!(report["not_reached"], serde_json::json!(["a3"]));
    assert_eq!(report["target"]["status"], "not_reached");
    let out = retort(d, &["verify"]);
    assert!(
        stdout(&out).contains("not reached (an upgrade before them failed): a3"),
        "{}",
        stdout(&out)
    );
}

/// Ctrl-C in the middle of a walk on SQLite removes the walk's temporary
/// directory: the handler exits the process, so no guard's `Drop` runs.
#[test]
fn an_interrupted_sqlite_walk_leaves_no_temporary_directory() {
    let dir = project(&Dialect::Sqlite, None);
    // Counts to a hundred million: seconds of work in one statement.
    migration(
        dir.path(),
        "a1",
        "",
        "CREATE TABLE t (n int);\n\
         INSERT INTO t WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) \
         SELECT count(*) FROM c;",
        "\nDROP TABLE t;",
    );
    let tmp = tempfile::tempdir().unwrap();
    let scratch_dirs = || -> Vec<String> {
        fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with("retort-verify-"))
            .collect()
    };
    let child = crate::common::retort_command()
        .arg("verify")
        .env("TMPDIR", tmp.path())
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while scratch_dirs().is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the walk made no directory"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // Into the slow statement.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert_eq!(scratch_dirs(), Vec::<String>::new());
}
