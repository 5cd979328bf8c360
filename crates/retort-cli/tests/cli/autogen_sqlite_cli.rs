//! `revision --autogenerate`, `check` and `diff` on a project whose
//! database is an SQLite file: the target schema loads into SQLite in
//! memory, and the generated files run through `upgrade` and `downgrade`.

use crate::common;

use common::{retort, stderr, stdout};
use rusqlite::Connection;
use std::fs;
use std::path::Path;

fn project(schema: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("retort.toml"),
        "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n",
    )
    .unwrap();
    fs::create_dir_all(dir.path().join("migrations/versions")).unwrap();
    fs::write(dir.path().join("schema.sql"), schema).unwrap();
    dir
}

/// The migration files' contents, oldest first by creation.
fn versions(dir: &Path) -> Vec<String> {
    let mut files: Vec<(std::time::SystemTime, String)> =
        fs::read_dir(dir.join("migrations/versions"))
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                (
                    fs::metadata(&path).unwrap().modified().unwrap(),
                    fs::read_to_string(&path).unwrap(),
                )
            })
            .collect();
    files.sort();
    files.into_iter().map(|(_, text)| text).collect()
}

fn query(dir: &Path, sql: &str) -> Vec<String> {
    let conn = Connection::open(dir.join("app.db")).unwrap();
    let mut statement = conn.prepare(sql).unwrap();
    let rows = statement
        .query_map([], |row| row.get::<_, String>(0))
        .unwrap();
    rows.map(Result::unwrap).collect()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = retort(dir, args);
    assert!(
        out.status.success(),
        "retort {args:?}: {}{}",
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

const PARENTS: &str = "CREATE TABLE parents (id INTEGER PRIMARY KEY, name TEXT);\n\
    CREATE TABLE children (id INTEGER PRIMARY KEY, \
    parent_id INTEGER NOT NULL REFERENCES parents (id) ON DELETE CASCADE, name TEXT);\n\
    CREATE INDEX children_parent ON children (parent_id);\n";

#[test]
fn autogenerate_upgrade_check_and_rebuild() {
    let dir = project(PARENTS);
    let path = dir.path();

    let out = retort(path, &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("add table parents"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("add index children_parent on children"));
    assert!(
        stderr(&out).contains("3 change(s) detected"),
        "{}",
        stderr(&out)
    );

    assert!(ok(path, &["diff"]).contains("CREATE TABLE parents"));

    ok(path, &["revision", "--autogenerate", "-m", "family"]);
    let files = versions(path);
    assert_eq!(files.len(), 1);
    assert!(
        files[0].contains("DROP TABLE \"children\";"),
        "{}",
        files[0]
    );
    ok(path, &["upgrade", "head"]);
    let out = retort(path, &["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );

    // Nothing to generate now.
    let out = retort(path, &["revision", "--autogenerate", "-m", "nothing"]);
    assert_eq!(versions(path).len(), 1, "{}{}", stdout(&out), stderr(&out));

    // Rebuild the parent table, which children refer to with ON DELETE
    // CASCADE: the children's rows must survive.
    Connection::open(path.join("app.db"))
        .unwrap()
        .execute_batch(
            "INSERT INTO parents VALUES (1, 'Ann'), (2, 'Bob');\n\
             INSERT INTO children VALUES (10, 1, 'Cy'), (11, 2, 'Di');",
        )
        .unwrap();
    fs::write(
        path.join("schema.sql"),
        PARENTS.replace(
            "parents (id INTEGER PRIMARY KEY, name TEXT)",
            "parents (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born TEXT)",
        ),
    )
    .unwrap();
    let out = retort(path, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("rebuild table parents"),
        "{}",
        stdout(&out)
    );
    ok(path, &["revision", "--autogenerate", "-m", "born"]);
    let files = versions(path);
    assert_eq!(files.len(), 2);
    assert!(
        files[1].contains("-- retort:upgrade no-transaction"),
        "{}",
        files[1]
    );
    assert!(files[1].contains("PRAGMA foreign_keys = OFF;"));
    ok(path, &["upgrade", "head"]);
    assert_eq!(
        query(path, "SELECT name FROM children ORDER BY id"),
        ["Cy", "Di"]
    );
    assert_eq!(
        query(path, "SELECT name FROM parents ORDER BY id"),
        ["Ann", "Bob"]
    );
    let out = retort(path, &["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );

    // Down again: the old definition, the rows still there.
    ok(path, &["downgrade", "-1"]);
    let out = retort(path, &["check"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "check needs the database at head"
    );
    assert!(stderr(&out).contains("Target database is not up to date"));
    assert_eq!(
        query(path, "SELECT name FROM children ORDER BY id"),
        ["Cy", "Di"]
    );
    assert_eq!(
        query(path, "SELECT sql FROM sqlite_master WHERE name = 'parents'"),
        ["CREATE TABLE \"parents\" (id INTEGER PRIMARY KEY, name TEXT)"]
    );
    ok(path, &["upgrade", "head"]);

    // A requested rename keeps the column's data.
    fs::write(
        path.join("schema.sql"),
        PARENTS.replace(
            "parents (id INTEGER PRIMARY KEY, name TEXT)",
            "parents (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, born TEXT)",
        ),
    )
    .unwrap();
    ok(
        path,
        &[
            "revision",
            "--autogenerate",
            "-m",
            "rename",
            "--rename",
            "parents.name=full_name",
        ],
    );
    assert!(versions(path)[2].contains("RENAME COLUMN \"name\" TO \"full_name\""));
    ok(path, &["upgrade", "head"]);
    assert_eq!(
        query(path, "SELECT full_name FROM parents ORDER BY id"),
        ["Ann", "Bob"]
    );
    assert_eq!(retort(path, &["check"]).status.code(), Some(0));
}

#[test]
fn diff_compares_schema_files_and_databases() {
    let dir = project(PARENTS);
    let path = dir.path();
    fs::write(
        path.join("a.sql"),
        "CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT);",
    )
    .unwrap();
    fs::write(
        path.join("b.sql"),
        "CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT, y INTEGER DEFAULT 0);",
    )
    .unwrap();
    let out = ok(path, &["diff", "--from", "a.sql", "--to", "b.sql"]);
    assert_eq!(
        out.trim(),
        "ALTER TABLE \"t\" ADD COLUMN y INTEGER DEFAULT 0;"
    );
    let out = retort(path, &["diff", "--from", "b.sql", "--to", "b.sql"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), "");
    // The project's (empty) database against a file.
    let out = ok(path, &["diff", "--to", "a.sql"]);
    assert!(out.contains("CREATE TABLE t "), "{out}");
    let out = ok(path, &["diff", "--from", "sqlite://", "--to", "a.sql"]);
    assert!(out.contains("CREATE TABLE t "), "{out}");

    // A target schema that does not load names the file and line.
    fs::write(
        path.join("schema.sql"),
        "CREATE TABLE ok (id);\nCREATE TABLE (;\n",
    )
    .unwrap();
    let out = retort(path, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("schema.sql:2"), "{}", stderr(&out));
}

/// A rebuild that leaves a row without its parent fails the upgrade, and
/// the database stays at the old revision with its rows.
#[test]
fn a_foreign_key_violation_fails_the_upgrade() {
    let dir = project(
        "CREATE TABLE parents (id INTEGER PRIMARY KEY, name TEXT);\n\
         CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER);\n",
    );
    let path = dir.path();
    ok(path, &["revision", "--autogenerate", "-m", "start"]);
    ok(path, &["upgrade", "head"]);
    let start = query(path, "SELECT version_num FROM alembic_version");
    Connection::open(path.join("app.db"))
        .unwrap()
        .execute_batch(
            "INSERT INTO parents VALUES (1, 'Ann');\n\
             INSERT INTO children VALUES (10, 1), (11, 99);",
        )
        .unwrap();
    fs::write(
        path.join("schema.sql"),
        "CREATE TABLE parents (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');\n\
         CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parents (id));\n",
    )
    .unwrap();
    ok(path, &["revision", "--autogenerate", "-m", "link"]);
    let out = retort(path, &["upgrade", "head"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("foreign key violations after rebuilding tables"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        query(path, "SELECT version_num FROM alembic_version"),
        start
    );
    assert_eq!(
        query(
            path,
            "SELECT CAST(parent_id AS TEXT) FROM children ORDER BY id"
        ),
        ["1", "99"]
    );
    assert_eq!(
        query(
            path,
            "SELECT sql FROM sqlite_master WHERE name = 'children'"
        ),
        ["CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER)"]
    );
}

/// At a terminal, a dropped and an added table of the same columns are
/// offered as a rename; `y` makes it one, and the rows stay.
#[test]
fn a_rename_is_asked_about_at_a_terminal() {
    let dir = project("CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT);\n");
    let conn = Connection::open(dir.path().join("app.db")).unwrap();
    conn.execute_batch(
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);
         INSERT INTO users VALUES (1, 'a@example.com');",
    )
    .unwrap();
    drop(conn);
    let out = common::retort_at_terminal(
        dir.path(),
        &["revision", "--autogenerate", "-m", "renamed"],
        "y\n",
    );
    let shown = stdout(&out);
    assert!(out.status.success(), "{shown}{}", stderr(&out));
    assert!(
        shown.contains("Is it a rename (--rename users=people)?"),
        "{shown}"
    );
    let files = versions(dir.path());
    assert!(files[0].contains("RENAME TO \"people\""), "{}", files[0]);
    ok(dir.path(), &["upgrade", "head"]);
    assert_eq!(
        query(dir.path(), "SELECT email FROM people"),
        ["a@example.com"]
    );
}

/// `check --json` gives CI something to read: in sync or not, and what differs.
#[test]
fn check_reports_json() {
    let dir = project("CREATE TABLE t (id INTEGER PRIMARY KEY);\n");
    let out = retort(dir.path(), &["--json", "check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["in_sync"], false);
    assert_eq!(report["differences"][0], "add table t");
    ok(dir.path(), &["revision", "--autogenerate", "-m", "t"]);
    ok(dir.path(), &["upgrade", "head"]);
    let out = retort(dir.path(), &["--json", "check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        report,
        serde_json::json!({"in_sync": true, "differences": []})
    );
}
