//! The applied-migration log's checksums, through the binary: an applied
//! file edited afterwards stops the next run (exit 2, naming the file)
//! until `--allow-edited` accepts it once; databases with no checksums on
//! record (stamped, or migrated by Alembic) are taken as they are.

use crate::online_support;

use online_support::{pg_versions, sqlite_versions, Project, Rev};

fn project() -> Project {
    let project = Project::new("");
    project.chain(
        2,
        |i| format!("CREATE TABLE t{i} (x int);"),
        |i| format!("DROP TABLE t{i};"),
    );
    project
}

/// Edits r1's upgrade and adds a pending r3.
fn edit_and_extend(project: &Project) {
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE t1 (x int);\n-- now with a comment",
        "DROP TABLE t1;",
    ));
    project.write(&Rev::new(
        "r3",
        &["r2"],
        "CREATE TABLE t3 (x int);",
        "DROP TABLE t3;",
    ));
}

/// The whole story on one database URL; `versions` reads the version table.
fn edited_then_accepted(url: &str, versions: &mut dyn FnMut() -> Vec<String>) {
    let project = project();
    project.run(&["--url", url, "upgrade", "head"]).ok();
    assert_eq!(versions(), vec!["r2"]);

    edit_and_extend(&project);
    let refused = project.run(&["--url", url, "upgrade", "head"]);
    refused
        .fails(2)
        .says("r1_step.sql")
        .says("revision r1")
        .says("--allow-edited");
    assert_eq!(versions(), vec!["r2"], "a refused run changes nothing");
    // Commands that do not run migrations are not stopped by the edit.
    project.run(&["--url", url, "current"]).ok();

    project
        .run(&["--url", url, "upgrade", "head", "--allow-edited"])
        .ok();
    assert_eq!(versions(), vec!["r3"]);
    // Accepted once, the edit no longer stands in the way.
    project.write(&Rev::new(
        "r4",
        &["r3"],
        "CREATE TABLE t4 (x int);",
        "DROP TABLE t4;",
    ));
    project.run(&["--url", url, "upgrade", "head"]).ok();
    assert_eq!(versions(), vec!["r4"]);

    // Editing a file whose revision is not applied is fine: downgrade r4,
    // edit it, upgrade again.
    project.run(&["--url", url, "downgrade", "-1"]).ok();
    project.write(&Rev::new(
        "r4",
        &["r3"],
        "CREATE TABLE t4 (y int);",
        "DROP TABLE t4;",
    ));
    project.run(&["--url", url, "upgrade", "head"]).ok();
    assert_eq!(versions(), vec!["r4"]);
    // ...and the new text is now the one on record.
    project.write(&Rev::new(
        "r4",
        &["r3"],
        "CREATE TABLE t4 (z int);",
        "DROP TABLE t4;",
    ));
    project
        .run(&["--url", url, "upgrade", "head"])
        .fails(2)
        .says("r4_step.sql");
}

#[test]
fn edited_files_are_refused_then_accepted_on_postgres() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    edited_then_accepted(&db.url, &mut || pg_versions(&mut client, "alembic_version"));
    let accepted: i64 = db
        .client()
        .query_one(
            "SELECT count(*) FROM retort_migration_log WHERE revision = 'r1' AND direction <> 'up'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(accepted, 1, "the accepted edit is on record");
}

#[test]
fn edited_files_are_refused_then_accepted_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    let url = format!("sqlite:///{}", path.display());
    edited_then_accepted(&url, &mut || sqlite_versions(&path));
}

#[test]
fn stamped_and_alembic_made_databases_have_nothing_to_compare() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    let project = project();
    // Stamped: the log says so, with no checksum.
    project.run(&["--url", &db.url, "stamp", "r2"]).ok();
    edit_and_extend(&project);
    project.run(&["--url", &db.url, "upgrade", "head"]).ok();
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r3"]);
    let stamped_logged: i64 = client
        .query_one(
            "SELECT count(*) FROM retort_migration_log WHERE checksum IS NOT NULL",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(stamped_logged, 1, "only r3 ran, so only r3 has a checksum");

    // Migrated by Alembic: only its version table exists.
    let other = retort_testkit::fresh_database();
    let mut client = other.client();
    client
        .batch_execute(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, \
             CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));\
             INSERT INTO alembic_version VALUES ('r2');\
             CREATE TABLE t1 (x int); CREATE TABLE t2 (x int);",
        )
        .unwrap();
    project.run(&["--url", &other.url, "upgrade", "head"]).ok();
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r3"]);
    let t3: bool = client
        .query_one("SELECT to_regclass('t3') IS NOT NULL", &[])
        .unwrap()
        .get(0);
    assert!(t3);
}
