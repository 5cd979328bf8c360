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

#[test]
fn a_failed_one_transaction_run_names_every_revision_it_rolled_back() {
    let (db, mut client) = pg();
    let project = Project::new("");
    project.chain(
        3,
        |i| {
            if i == 3 {
                "SELECT * FROM no_such_table;".to_string()
            } else {
                format!("CREATE TABLE t{i} (x int);")
            }
        },
        |i| format!("DROP TABLE t{i};"),
    );
    project
        .run(&["--url", &db.url, "upgrade", "head"])
        .fails(1)
        .says("the run's transaction was rolled back: none of upgrade r1, upgrade r2 and upgrade r3 is applied")
        .says("the version table is now empty");
    assert!(pg_tables(&mut client).is_empty());

    // SQLite says the same.
    let lite = Project::new("url = \"sqlite:///app.db\"");
    lite.chain(
        3,
        |i| {
            if i == 3 {
                "SELECT * FROM no_such_table;".to_string()
            } else {
                format!("CREATE TABLE t{i} (x int);")
            }
        },
        |i| format!("DROP TABLE t{i};"),
    );
    lite.run(&["upgrade", "head"])
        .fails(1)
        .says("the run's transaction was rolled back: none of upgrade r1, upgrade r2 and upgrade r3 is applied");
    assert!(sqlite_versions(&lite.path().join("app.db")).is_empty());
}

#[test]
fn a_failed_no_transaction_section_names_what_stays_committed() {
    let (db, mut client) = pg();
    let project = Project::new("");
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE a (x int);",
        "DROP TABLE a;",
    ));
    project.write(&Rev {
        upgrade_options: "no-transaction",
        ..Rev::new(
            "r2",
            &["r1"],
            "CREATE TABLE b (x int);\nCREATE TABLE c (x int);\nSELECT * FROM no_such_table;",
            "DROP TABLE c; DROP TABLE b;",
        )
    });
    let file = project.file("r2");
    project
        .run(&["--url", &db.url, "upgrade", "head"])
        .fails(1)
        .says(&format!(
            "the statements at {}:8, 9 ran before the failing one and stay committed",
            file.display()
        ))
        .says("the version table was not changed for r2")
        .says("IF NOT EXISTS")
        .says("committed earlier in this run, and still applied: upgrade r1")
        .says("the version table now holds: r1");
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r1"]);
    assert!(pg_tables(&mut client).contains(&"public.c".to_string()));
}

#[test]
fn a_lost_connection_is_told_without_contradiction() {
    let (db, mut client) = pg();
    let project = Project::new("");
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE a (x int);",
        "DROP TABLE a;",
    ));
    project.write(&Rev::new(
        "r2",
        &["r1"],
        "CREATE TABLE b (x int);\nSELECT pg_terminate_backend(pg_backend_pid());",
        "DROP TABLE b;",
    ));
    let run = project.run(&["--url", &db.url, "upgrade", "head"]);
    run.fails(1)
        .says("the connection to the server was lost; PostgreSQL rolls back the open transaction of a lost connection, so nothing of upgrade r1 and upgrade r2 was committed")
        .says("the version table, read again on a new connection, is now empty");
    assert!(!run.stderr.contains("rollback failed"), "{run:?}");
    assert!(!run.stderr.contains("was rolled back"), "{run:?}");
    assert!(pg_tables(&mut client).is_empty());
}

#[test]
fn concurrently_in_a_transaction_says_to_mark_the_section() {
    let (db, _client) = pg();
    let project = Project::new("");
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE t (x int);\nCREATE INDEX CONCURRENTLY t_x ON t (x);",
        "DROP TABLE t;",
    ));
    project
        .run(&["--url", &db.url, "upgrade", "head"])
        .fails(1)
        .says("SQLSTATE 25001")
        .says("hint: this statement cannot run inside a transaction block")
        .says("`-- retort:upgrade no-transaction`");
}

#[test]
fn an_existing_schema_on_a_first_upgrade_suggests_stamp() {
    let (db, mut client) = pg();
    client.batch_execute("CREATE TABLE a (x int);").unwrap();
    let project = Project::new("");
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE a (x int);",
        "DROP TABLE a;",
    ));
    project
        .run(&["--url", &db.url, "upgrade", "head"])
        .fails(1)
        .says("SQLSTATE 42P07")
        .says("`retort stamp r1`");
    // Once the database has a version row, "already exists" is not about adoption.
    let later = Project::new("");
    later.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE z (x int);",
        "DROP TABLE z;",
    ));
    later.write(&Rev::new(
        "r2",
        &["r1"],
        "CREATE TABLE a (x int);",
        "DROP TABLE a;",
    ));
    later.run(&["--url", &db.url, "stamp", "r1"]).ok();
    let run = later.run(&["--url", &db.url, "upgrade", "head"]);
    run.fails(1).says("SQLSTATE 42P07");
    assert!(!run.stderr.contains("retort stamp"), "{run:?}");
}

#[test]
fn permission_denied_says_what_retort_was_doing() {
    let (db, _client) = pg();
    let role = format!("{}_ro", db.dbname);
    retort_testkit::server().admin(&format!("CREATE ROLE {role} NOLOGIN"));
    let project = Project::new("");
    project.write(&Rev::new(
        "p1",
        &[],
        &format!("SET ROLE {role};\nCREATE TABLE x (a int);"),
        "DROP TABLE x;",
    ));
    let file = project.file("p1");
    project
        .run(&["--url", &db.url, "upgrade", "head"])
        .fails(1)
        .says("SQLSTATE 42501")
        .says(&format!(
            "hint: permission denied while running upgrade p1 at {}:9",
            file.display()
        ));
    retort_testkit::server().admin(&format!("DROP ROLE {role}"));
}

#[test]
fn raise_notice_is_shown_as_it_arrives_unless_quiet() {
    use std::io::BufRead;
    let (db, _client) = pg();
    let project = Project::new("");
    project.write(&Rev::new(
        "r1",
        &[],
        "DO $$ BEGIN RAISE NOTICE 'backfilled % rows', 10; END $$;\nSELECT pg_sleep(4);",
        "SELECT 1;",
    ));
    let mut child = project.spawn(&["--url", &db.url, "upgrade", "head"]);
    let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut seen = Vec::new();
    for line in stderr.lines() {
        let line = line.unwrap();
        seen.push(line.clone());
        if line.contains("backfilled") {
            assert_eq!(line, "server NOTICE: backfilled 10 rows");
            // Told while the migration still runs, not at its end.
            assert!(child.try_wait().unwrap().is_none(), "{seen:?}");
            break;
        }
    }
    assert!(seen.iter().any(|l| l.contains("backfilled")), "{seen:?}");
    assert!(child.wait().unwrap().success());

    // retort's own statements make no notices: a later run over existing
    // tables shows none.
    project.write(&Rev::new(
        "r2",
        &["r1"],
        "CREATE TABLE later (x int);",
        "DROP TABLE later;",
    ));
    let run = project.run(&["--url", &db.url, "upgrade", "head"]);
    run.ok();
    assert!(!run.stderr.contains("server"), "{run:?}");

    let quiet_db = retort_testkit::fresh_database();
    let run = project.run(&["--url", &quiet_db.url, "-q", "upgrade", "head"]);
    run.ok();
    assert!(!run.stderr.contains("backfilled"), "{run:?}");
}

#[test]
fn an_invalid_index_from_a_failed_concurrent_build_is_named_with_the_way_out() {
    let (db, mut client) = pg();
    let project = Project::new("");
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE t (x int);\nINSERT INTO t VALUES (1), (1);",
        "DROP TABLE t;",
    ));
    project.write(&Rev {
        upgrade_options: "no-transaction",
        ..Rev::new(
            "r2",
            &["r1"],
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_x ON t (x);",
            "DROP INDEX CONCURRENTLY t_x;",
        )
    });
    let file = project.file("r2");
    // The build fails on the duplicates and leaves t_x INVALID.
    project
        .run(&["--url", &db.url, "upgrade", "head"])
        .fails(1)
        .says("SQLSTATE 23505")
        .says("left INVALID index public.t_x behind")
        .says("DROP INDEX CONCURRENTLY IF EXISTS public.t_x;");
    let invalid: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_index WHERE NOT indisvalid AND indexrelid = 'public.t_x'::regclass",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(invalid, 1);

    // With IF NOT EXISTS the rerun would "succeed" and keep the broken
    // index; it is refused before anything runs, naming the way out.
    client
        .batch_execute("DELETE FROM t WHERE ctid = (SELECT max(ctid) FROM t)")
        .unwrap();
    project
        .run(&["--url", &db.url, "upgrade", "head"])
        .fails(1)
        .says(&format!(
            "INVALID index public.t_x (built at {}:8)",
            file.display()
        ))
        .says("DROP INDEX CONCURRENTLY IF EXISTS public.t_x;");
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r1"]);

    // Doing what it says works.
    client
        .batch_execute("DROP INDEX CONCURRENTLY IF EXISTS public.t_x")
        .unwrap();
    project.run(&["--url", &db.url, "upgrade", "head"]).ok();
    let valid: bool = client
        .query_one(
            "SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.t_x'::regclass",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(valid);
}

#[test]
fn an_unknown_revision_from_the_version_table_says_where_it_came_from() {
    let (db, mut client) = pg();
    let project = Project::new("");
    project.chain(
        2,
        |i| format!("CREATE TABLE t{i} (x int);"),
        |i| format!("DROP TABLE t{i};"),
    );
    project.run(&["--url", &db.url, "upgrade", "head"]).ok();
    std::fs::remove_file(project.file("r2")).unwrap();
    project
        .run(&["--url", &db.url, "upgrade", "head"])
        .fails(2)
        .says("Can't locate revision identified by 'r2'")
        .says("what the database's version table alembic_version holds")
        .says("Restore the file")
        .says("`retort stamp --purge <revision>`");
    // The way out it names works.
    project
        .run(&["--url", &db.url, "stamp", "--purge", "r1"])
        .ok();
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r1"]);
    // An unknown revision typed on the command line is not blamed on the database.
    let run = project.run(&["--url", &db.url, "upgrade", "nope"]);
    run.fails(2)
        .says("Can't locate revision identified by 'nope'");
    assert!(!run.stderr.contains("version table"), "{run:?}");
}

#[test]
fn a_deadlock_says_what_retort_was_doing() {
    let (db, mut client) = pg();
    client
        .batch_execute("CREATE TABLE a (x int); CREATE TABLE b (x int);")
        .unwrap();
    let project = Project::new("");
    project.write(&Rev::new(
        "d1",
        &[],
        "LOCK TABLE a IN ACCESS EXCLUSIVE MODE;\nLOCK TABLE b IN ACCESS EXCLUSIVE MODE;",
        "SELECT 1;",
    ));
    let file = project.file("d1");
    // Another session holds b, and will want a once retort waits for b.
    let mut other = db.client();
    other
        .batch_execute("BEGIN; LOCK TABLE b IN ACCESS EXCLUSIVE MODE;")
        .unwrap();
    let child = project.spawn(&["--url", &db.url, "upgrade", "head"]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let waiting: i64 = client
            .query_one(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation \
                 WHERE NOT l.granted AND c.relname = 'b'",
                &[],
            )
            .unwrap()
            .get(0);
        if waiting > 0 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "retort never waited for b"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // retort began waiting first, so its deadlock check runs first and
    // PostgreSQL makes it the victim.
    let taken = other.batch_execute("LOCK TABLE a IN ACCESS EXCLUSIVE MODE; COMMIT;");
    let run = crate::online_support::Run::from(child.wait_with_output().unwrap());
    assert!(taken.is_ok(), "{taken:?} {run:?}");
    run.fails(1)
        .says("SQLSTATE 40P01")
        .says(&format!(
            "hint: deadlock: PostgreSQL chose retort's session as the victim while running upgrade d1 at {}:9",
            file.display()
        ))
        .says("its transaction was rolled back: nothing of upgrade d1 was applied");
}
