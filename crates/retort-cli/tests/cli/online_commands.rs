//! The online commands end to end through the binary, against a real
//! PostgreSQL database and a real SQLite file.

use crate::online_support;

use online_support::{pg_tables, pg_versions, sqlite_versions, Project, Rev, SECRET};
use std::time::{Duration, Instant};

fn three_steps(config: &str) -> Project {
    let project = Project::new(config);
    project.chain(
        3,
        |i| format!("CREATE TABLE t{i} (x int);"),
        |i| format!("DROP TABLE t{i};"),
    );
    project
}

fn exists(client: &mut postgres::Client, table: &str) -> bool {
    client
        .query_one("SELECT to_regclass($1) IS NOT NULL", &[&table])
        .unwrap()
        .get(0)
}

#[test]
fn stamp_moves_only_the_version_table() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    let project = three_steps("");
    // A branch, for stamping several heads.
    project.write(&Rev::new(
        "b2",
        &["r1"],
        "CREATE TABLE b2 (x int);",
        "DROP TABLE b2;",
    ));
    let url = db.url.as_str();

    project.run(&["--url", url, "stamp", "r2"]).ok();
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r2"]);
    assert!(
        !exists(&mut client, "t1") && !exists(&mut client, "t2"),
        "stamp runs no migration"
    );

    project.run(&["--url", url, "stamp", "r3", "b2"]).ok();
    assert_eq!(
        pg_versions(&mut client, "alembic_version"),
        vec!["b2", "r3"]
    );

    project.run(&["--url", url, "stamp", "base"]).ok();
    assert!(pg_versions(&mut client, "alembic_version").is_empty());

    // A row no file knows: only --purge gets past it.
    client
        .batch_execute("INSERT INTO alembic_version VALUES ('from_elsewhere')")
        .unwrap();
    project
        .run(&["--url", url, "stamp", "r1"])
        .fails(2)
        .says("from_elsewhere");
    assert_eq!(
        pg_versions(&mut client, "alembic_version"),
        vec!["from_elsewhere"]
    );
    project.run(&["--url", url, "stamp", "--purge", "r1"]).ok();
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r1"]);
    assert!(pg_tables(&mut client)
        .iter()
        .all(|t| !t.starts_with("public.t")));
}

#[test]
fn current_history_show_and_check_heads() {
    let db = retort_testkit::fresh_database();
    let project = three_steps("");
    let password_url = match &db.password_user {
        Some(user) => {
            db.client()
                .batch_execute(&format!(
                    "ALTER ROLE {} PASSWORD '{SECRET}'; ALTER DATABASE {} OWNER TO {0}; ALTER SCHEMA public OWNER TO {0};",
                    user.user, db.dbname
                ))
                .unwrap();
            db.url_as(&user.user, Some(SECRET))
        }
        None => db.url.clone(),
    };
    let url = password_url.as_str();

    // Empty database: current prints nothing; not at heads.
    let empty = project.run(&["--url", url, "current"]);
    empty.ok();
    assert!(empty.stdout.trim().is_empty(), "{empty:?}");
    project
        .run(&["--url", url, "current", "--check-heads"])
        .fails(1)
        .says("head");

    project.run(&["--url", url, "upgrade", "r2"]).ok();
    let current = project.run(&["--url", url, "current"]);
    current.ok();
    assert!(current.stdout.contains("r2"), "{current:?}");
    assert!(!current.stdout.contains("r3"), "{current:?}");

    let verbose = project.run(&["--url", url, "current", "-v"]);
    verbose
        .ok()
        .never_shows(SECRET)
        .says("Current revision(s) for postgresql://");
    assert!(verbose.stdout.contains("r2"));
    if db.password_user.is_some() {
        verbose.says("***");
    }

    project
        .run(&["--url", url, "current", "--check-heads"])
        .fails(1)
        .never_shows(SECRET);

    let history = project.run(&["--url", url, "history", "-i"]);
    history.ok().never_shows(SECRET);
    let marked: Vec<&str> = history
        .stdout
        .lines()
        .filter(|l| l.contains("(current)"))
        .collect();
    assert_eq!(marked.len(), 1, "{history:?}");
    assert!(marked[0].contains("r2"), "{history:?}");

    let show = project.run(&["--url", url, "show", "current"]);
    show.ok().never_shows(SECRET);
    assert!(show.stdout.contains("Revision ID: r2"), "{show:?}");

    project.run(&["--url", url, "upgrade", "head"]).ok();
    let at_head = project.run(&["--url", url, "current", "--check-heads"]);
    at_head.ok();
    assert!(at_head.stdout.contains("r3 (head)"), "{at_head:?}");
    // Nothing to do is not an error.
    project.run(&["--url", url, "upgrade", "head"]).ok();
}

#[test]
fn ensure_version_creates_an_empty_version_table() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    let project = three_steps("");
    project.run(&["--url", &db.url, "ensure_version"]).ok();
    assert!(exists(&mut client, "alembic_version"));
    assert!(pg_versions(&mut client, "alembic_version").is_empty());
    // Idempotent, and the table is what an upgrade then uses.
    project.run(&["--url", &db.url, "ensure_version"]).ok();
    project.run(&["--url", &db.url, "upgrade", "head"]).ok();
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r3"]);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.db");
    project
        .run(&[
            "--url",
            &format!("sqlite:///{}", path.display()),
            "ensure_version",
        ])
        .ok();
    assert!(path.exists());
    assert!(sqlite_versions(&path).is_empty());
}

#[test]
fn wait_gives_up_after_the_time_it_was_given() {
    let project = three_steps("");
    let url = format!("postgresql://someone:{SECRET}@127.0.0.1:1/db");
    let clock = Instant::now();
    let run = project.run(&["--url", &url, "upgrade", "head", "--wait", "3"]);
    let took = clock.elapsed();
    run.fails(1)
        .says("could not connect")
        .says("127.0.0.1")
        .never_shows(SECRET);
    assert!(
        took >= Duration::from_millis(2800) && took < Duration::from_secs(8),
        "--wait 3 took {took:?}"
    );
    // Without --wait it fails at once.
    let clock = Instant::now();
    project.run(&["--url", &url, "upgrade", "head"]).fails(1);
    assert!(clock.elapsed() < Duration::from_secs(2));
}

#[test]
fn transaction_per_migration_keeps_what_committed() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    let project = Project::new("transaction_per_migration = true");
    project.chain(
        3,
        |i| match i {
            3 => "CREATE TABLE t3 (x int);\nSELECT * FROM not_there;".to_string(),
            _ => format!("CREATE TABLE t{i} (x int);"),
        },
        |i| format!("DROP TABLE t{i};"),
    );
    project
        .run(&["--url", &db.url, "upgrade", "head"])
        .fails(1)
        .says("upgrade r3 failed")
        .says("not_there")
        .says("r2");
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r2"]);
    assert!(exists(&mut client, "t2") && !exists(&mut client, "t3"));

    // The same on SQLite.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    project
        .run(&[
            "--url",
            &format!("sqlite:///{}", path.display()),
            "upgrade",
            "head",
        ])
        .fails(1)
        .says("upgrade r3 failed");
    assert_eq!(sqlite_versions(&path), vec!["r2"]);
}

#[test]
fn a_no_transaction_section_runs_create_index_concurrently() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    let project = Project::new("");
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE items (id int, name text);\nINSERT INTO items SELECT g, 'n' || g FROM generate_series(1, 1000) g;",
        "DROP TABLE items;",
    ));
    let mut r2 = Rev::new(
        "r2",
        &["r1"],
        "CREATE INDEX CONCURRENTLY items_name ON items (name);",
        "DROP INDEX CONCURRENTLY items_name;",
    );
    r2.upgrade_options = "no-transaction";
    project.write(&r2);
    project.write(&Rev::new(
        "r3",
        &["r2"],
        "CREATE TABLE after (x int);",
        "DROP TABLE after;",
    ));
    let run = project.run(&["--url", &db.url, "upgrade", "head"]);
    run.ok();
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r3"]);
    let valid: bool = client
        .query_one(
            "SELECT indisvalid FROM pg_index WHERE indexrelid = 'items_name'::regclass",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(valid);
    // The same statement in a transactional section is refused by the
    // server, so the option is what made the difference.
    let other = retort_testkit::fresh_database();
    let plain = Project::new("");
    plain.write(&Rev::new(
        "x1",
        &[],
        "CREATE TABLE items (id int, name text);\nCREATE INDEX CONCURRENTLY items_name ON items (name);",
        "",
    ));
    plain
        .run(&["--url", &other.url, "upgrade", "head"])
        .fails(1)
        .says("cannot run inside a transaction block");
    assert!(pg_versions(&mut other.client(), "alembic_version").is_empty());
}

#[test]
fn version_table_and_schema_are_honoured() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    client.batch_execute("CREATE SCHEMA meta").unwrap();
    let project = three_steps("version_table = \"my_versions\"\nversion_table_schema = \"meta\"");
    project.run(&["--url", &db.url, "upgrade", "head"]).ok();
    assert_eq!(pg_versions(&mut client, "meta.my_versions"), vec!["r3"]);
    assert!(!exists(&mut client, "public.alembic_version"));
    assert!(!exists(&mut client, "meta.alembic_version"));
    assert!(exists(&mut client, "meta.retort_migration_log"));
    let current = project.run(&["--url", &db.url, "current"]);
    assert!(current.ok().stdout.contains("r3"));
    project.run(&["--url", &db.url, "downgrade", "r1"]).ok();
    assert_eq!(pg_versions(&mut client, "meta.my_versions"), vec!["r1"]);
    // Offline output names the same table.
    let sql = project.run(&["--url", &db.url, "upgrade", "r1:r2", "--sql"]);
    assert!(sql.ok().stdout.contains("meta.my_versions"), "{sql:?}");
}

#[test]
fn an_alembic_made_version_table_is_taken_over() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    // Exactly what Alembic creates, at r1, with r1's table.
    client
        .batch_execute(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, \
             CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));\
             INSERT INTO alembic_version (version_num) VALUES ('r1');\
             CREATE TABLE t1 (x int);",
        )
        .unwrap();
    let project = three_steps("");
    let run = project.run(&["--url", &db.url, "upgrade", "head"]);
    run.ok().says("r1 -> r2").says("r2 -> r3");
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r3"]);
    // The table keeps Alembic's shape: one varchar(32) column.
    let columns: Vec<String> = client
        .query(
            "SELECT column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') \
             FROM information_schema.columns WHERE table_name = 'alembic_version' ORDER BY ordinal_position",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(columns, vec!["version_num character varying(32)"]);
    project.run(&["--url", &db.url, "downgrade", "base"]).ok();
    assert!(pg_versions(&mut client, "alembic_version").is_empty());
    assert!(!exists(&mut client, "t1"));
}

#[test]
fn sqlite_quick_start() {
    let project = Project {
        dir: tempfile::tempdir().unwrap(),
    };
    // `init` in an empty directory writes retort.toml and migrations/.
    project.run(&["init"]).ok();
    assert!(project.path().join("retort.toml").exists());

    let made = project.run(&["revision", "-m", "add users"]);
    made.ok();
    let versions = project.path().join("migrations/versions");
    let files: Vec<_> = std::fs::read_dir(&versions)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    assert_eq!(files.len(), 1, "{made:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.contains("add users"));
    let filled = text
        .replace(
            "-- retort:upgrade\n",
            "-- retort:upgrade\nCREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n",
        )
        .replace("-- retort:downgrade\n", "-- retort:downgrade\nDROP TABLE users;\n");
    assert_ne!(filled, text, "the template has both markers");
    std::fs::write(&files[0], filled).unwrap();
    let id = text
        .lines()
        .find_map(|l| l.strip_prefix("-- Revision ID: "))
        .unwrap()
        .trim()
        .to_string();

    // The default URL is sqlite:///app.db beside retort.toml's directory.
    project.run(&["upgrade", "head"]).ok();
    let db_path = project.path().join("app.db");
    assert_eq!(sqlite_versions(&db_path), vec![id.clone()]);
    let current = project.run(&["current"]);
    assert!(
        current.ok().stdout.contains(&format!("{id} (head)")),
        "{current:?}"
    );

    project.run(&["downgrade", "-1"]).ok();
    assert!(sqlite_versions(&db_path).is_empty());
    let current = project.run(&["current"]);
    assert!(current.ok().stdout.trim().is_empty(), "{current:?}");
    let conn = rusqlite::Connection::open(&db_path).unwrap();
    let users: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'users'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(users, 0);
}
