//! After a failure, retort says what is true of the database and what to
//! do next: transaction control in a transactional section is refused
//! before anything runs, a rolled-back run names every revision it undid,
//! a `no-transaction` section names what stayed committed, a lost
//! connection is told as such, common server errors come with the advice
//! a DBA would give, notices are shown as they arrive, and invalid indexes
//! left by a failed concurrent build are named with the way out.

use crate::online_support::{pg_tables, pg_versions, sqlite_versions, Project, Rev};

fn pg() -> (retort_testkit::TestDatabase, postgres::Client) {
    let db = retort_testkit::fresh_database();
    let client = db.client();
    (db, client)
}

/// g1 creates a table; g2 holds `COMMIT;` in its transactional upgrade
/// (line 9 of its file, after the marker on line 7); g3 fails.
fn commit_in_section_project(config: &str) -> Project {
    let project = Project::new(config);
    project.write(&Rev::new(
        "g1",
        &[],
        "CREATE TABLE a (x int);",
        "DROP TABLE a;",
    ));
    project.write(&Rev::new(
        "g2",
        &["g1"],
        "CREATE TABLE b (x int);\nCOMMIT;",
        "DROP TABLE b;",
    ));
    project.write(&Rev::new(
        "g3",
        &["g2"],
        "CREATE TABLE c (x int);\nSELECT * FROM no_such_table;",
        "DROP TABLE c;",
    ));
    project
}

#[test]
fn transaction_control_in_a_transactional_section_is_refused_on_postgres() {
    let (db, mut client) = pg();
    let project = commit_in_section_project("");
    let file = project.file("g2");
    let run = project.run(&["--url", &db.url, "upgrade", "head"]);
    run.fails(2)
        .says(&format!("{}:9", file.display()))
        .says("`COMMIT`")
        .says("-- retort:upgrade no-transaction")
        .says("line 7");
    assert_eq!(
        pg_versions(&mut client, "alembic_version"),
        Vec::<String>::new()
    );
    assert!(pg_tables(&mut client).is_empty(), "nothing may run");

    // --sql refuses it too.
    project
        .run(&["--url", &db.url, "upgrade", "head", "--sql"])
        .fails(2)
        .says(&format!("{}:9", file.display()));

    // Other spellings; strings, DO blocks and function bodies are not
    // statements of their own.
    for (body, what) in [
        ("begin;", "`BEGIN`"),
        ("START TRANSACTION;", "`START TRANSACTION`"),
        ("  -- done\n  ROLLBACK;", "`ROLLBACK`"),
        ("END;", "`END`"),
        ("abort;", "`ABORT`"),
    ] {
        project.write(&Rev::new(
            "g2",
            &["g1"],
            &format!("CREATE TABLE b (x int);\n{body}"),
            "DROP TABLE b;",
        ));
        project
            .run(&["--url", &db.url, "upgrade", "head"])
            .fails(2)
            .says(what);
    }
    project.write(&Rev::new(
        "g2",
        &["g1"],
        "SELECT 'COMMIT;';\nDO $$ BEGIN PERFORM 1; END $$;\n\
         CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\n\
         SAVEPOINT s; ROLLBACK TO SAVEPOINT s; RELEASE s;",
        "DROP FUNCTION f();",
    ));
    project.write(&Rev::new("g3", &["g2"], "SELECT 1;", "SELECT 1;"));
    project.run(&["--url", &db.url, "upgrade", "head"]).ok();

    // A no-transaction section may hold them.
    let marked = Project::new("");
    marked.write(&Rev {
        upgrade_options: "no-transaction",
        ..Rev::new(
            "n1",
            &[],
            "BEGIN;\nCREATE TABLE n (x int);\nCOMMIT;",
            "DROP TABLE n;",
        )
    });
    let fresh = retort_testkit::fresh_database();
    marked.run(&["--url", &fresh.url, "upgrade", "head"]).ok();
}

#[test]
fn transaction_control_in_a_transactional_section_is_refused_on_sqlite() {
    let project = commit_in_section_project("url = \"sqlite:///app.db\"");
    let file = project.file("g2");
    project
        .run(&["upgrade", "head"])
        .fails(2)
        .says(&format!("{}:9", file.display()))
        .says("no-transaction");
    assert_eq!(
        sqlite_versions(&project.path().join("app.db")),
        Vec::<String>::new()
    );
    project
        .run(&["upgrade", "head", "--sql"])
        .fails(2)
        .says(&format!("{}:9", file.display()));

    // A trigger's BEGIN ... END is one statement, not transaction control.
    project.write(&Rev::new(
        "g2",
        &["g1"],
        "CREATE TABLE b (x int);\nCREATE TRIGGER tb AFTER INSERT ON b BEGIN\n  UPDATE b SET x = 1;\nEND;",
        "DROP TABLE b;",
    ));
    project.write(&Rev::new("g3", &["g2"], "SELECT 1;", "SELECT 1;"));
    project.run(&["upgrade", "head"]).ok();
}
