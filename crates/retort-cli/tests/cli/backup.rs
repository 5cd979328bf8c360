//! Backups before `upgrade` and `downgrade` change the database, and the
//! warning before a downgrade drops data, end to end through the binary:
//! PostgreSQL with the real `pg_dump` (restored with the real
//! `pg_restore` and compared), SQLite with its online backup API (copied
//! back and compared).

use crate::common;
use crate::online_support::{self, pg_versions, sqlite_versions, Project, Rev, Run, SECRET};
use std::fs;
use std::path::{Path, PathBuf};

/// The files in the backup directory, hidden ones included, sorted.
fn backup_dir_files(project: &Project) -> Vec<String> {
    let dir = project.path().join("backups");
    let mut names: Vec<String> = match fs::read_dir(&dir) {
        Ok(entries) => entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

fn toml_path(path: &Path) -> String {
    path.display().to_string().replace('\\', "\\\\")
}

/// A database the password role owns, its URL with the password in it,
/// and the password. The role's password is set to the one the test
/// cluster gave it (which other modules' tests expect), not changed.
fn password_database() -> (retort_testkit::TestDatabase, String, String) {
    let db = retort_testkit::fresh_database();
    match db.password_user.clone() {
        Some(user) => {
            db.client()
                .batch_execute(&format!(
                    "ALTER ROLE {} PASSWORD '{}'; ALTER DATABASE {} OWNER TO {0}; \
                     ALTER SCHEMA public OWNER TO {0};",
                    user.user, user.password, db.dbname
                ))
                .unwrap();
            let url = db.url_as(&user.user, Some(&user.password));
            (db, url, user.password)
        }
        // An external server: its own URL, and its password if it has one.
        None => {
            let url = db.url.clone();
            let secret = db.password.clone().unwrap_or_else(|| SECRET.to_string());
            (db, url, secret)
        }
    }
}

/// Everything a restore must bring back: columns, constraints, indexes,
/// views, sequences and every row, as text.
fn pg_snapshot(client: &mut postgres::Client) -> Vec<String> {
    let mut lines = Vec::new();
    for sql in [
        "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable \
         || ' ' || coalesce(column_default, '') FROM information_schema.columns \
         WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
        "SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) \
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1",
        "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1",
        "SELECT viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public' ORDER BY 1",
        "SELECT sequencename || ' ' || coalesce(last_value::text, '-') FROM pg_sequences \
         WHERE schemaname = 'public' ORDER BY 1",
    ] {
        for row in client.query(sql, &[]).unwrap() {
            lines.push(row.get::<_, String>(0));
        }
    }
    let tables: Vec<String> = client
        .query(
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    for table in tables {
        let rows: String = client
            .query_one(
                &format!(
                    "SELECT '{table}: ' || coalesce(string_agg(t::text, ' | ' ORDER BY t::text), '') \
                     FROM public.\"{table}\" t"
                ),
                &[],
            )
            .unwrap()
            .get(0);
        lines.push(rows);
    }
    lines
}

fn shop(project: &Project) {
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL UNIQUE, \
         price numeric(10,2) NOT NULL DEFAULT 0 CHECK (price >= 0));\n\
         CREATE INDEX items_price ON items (price);\n\
         CREATE VIEW cheap AS SELECT name FROM items WHERE price < 5;",
        "DROP VIEW cheap;\nDROP TABLE items;",
    ));
    project.write(&Rev::new(
        "r2",
        &["r1"],
        "ALTER TABLE items ADD COLUMN stock int;\nDELETE FROM items WHERE price > 100;",
        "ALTER TABLE items DROP COLUMN stock;",
    ));
}

/// The backup made before `upgrade` is a real `pg_dump` custom-format
/// file: restored with `pg_restore` into a fresh database it holds the
/// schema and every row the database had before the run. The password
/// shows nowhere.
#[test]
fn a_postgres_backup_restores_the_database_as_it_was() {
    let (db, url, secret) = password_database();
    let pg_dump = retort_testkit::client_program("pg_dump");
    let project = Project::new(&format!(
        "backup = true\npg_dump = \"{}\"",
        toml_path(&pg_dump)
    ));
    shop(&project);
    let first = project.run(&["--url", &url, "upgrade", "r1"]);
    first.ok().never_shows(&secret).says("Backup: ");
    let mut client = db.client();
    client
        .batch_execute(
            "INSERT INTO items (name, price) VALUES ('pen', 1.50), ('book', 12), ('lamp', 250), \
             ('it''s', 0);",
        )
        .unwrap();
    let before = pg_snapshot(&mut client);

    let second = project.run(&["--url", &url, "upgrade", "head"]);
    second.ok().never_shows(&secret);
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r2"]);
    assert_ne!(pg_snapshot(&mut client), before, "the upgrade changed it");

    let files = backup_dir_files(&project);
    assert_eq!(files.len(), 2, "{files:?}");
    let newest = files
        .iter()
        .find(|f| f.ends_with("_r1.dump"))
        .unwrap_or_else(|| panic!("no backup at r1: {files:?}"));
    assert!(newest.starts_with(&format!("{}_", db.dbname)), "{newest}");
    assert!(files.iter().any(|f| f.ends_with("_base.dump")), "{files:?}");
    let backup = project.path().join("backups").join(newest);
    assert!(
        fs::read(&backup).unwrap().starts_with(b"PGDMP"),
        "custom format"
    );

    // The README's restore, into a fresh database.
    let restored = retort_testkit::fresh_database();
    let out = std::process::Command::new(retort_testkit::client_program("pg_restore"))
        .args(["--clean", "--if-exists", "--no-owner", "-d", &restored.url])
        .arg(&backup)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pg_restore: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut restored_client = restored.client();
    assert_eq!(pg_snapshot(&mut restored_client), before);
    assert_eq!(
        pg_versions(&mut restored_client, "alembic_version"),
        vec!["r1"]
    );

    let listed = project.run(&["--url", &url, "backups", "--json"]);
    listed.ok();
    let json: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    let revisions: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["revision"].as_str().unwrap())
        .collect();
    assert_eq!(revisions, vec!["r1", "base"], "newest first: {json}");
    assert_eq!(json[0]["database"], db.dbname.as_str());
    assert_eq!(
        json[0]["size"].as_u64().unwrap(),
        fs::metadata(&backup).unwrap().len()
    );
}

/// A fake `pg_dump` in a directory of its own; `body` is its shell script.
fn fake_pg_dump(body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pg_dump");
    fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    }
    dir
}

fn untouched(client: &mut postgres::Client, run: &Run) {
    assert!(
        pg_versions(client, "alembic_version").is_empty(),
        "nothing may change: {run:?}"
    );
    assert!(
        online_support::pg_tables(client)
            .iter()
            .all(|t| t != "public.items"),
        "{run:?}"
    );
}

/// No `pg_dump` on PATH, or one older than the server (a script that
/// only says a version: the version check is all it stands in for):
/// the run stops before it changes anything, saying why, exit status 1.
#[test]
fn a_missing_or_older_pg_dump_stops_the_run() {
    let (db, url, secret) = password_database();
    let mut client = db.client();
    let project = Project::new("backup = true");
    shop(&project);

    let empty = tempfile::tempdir().unwrap();
    let path = empty.path().display().to_string();
    let missing = project.run_env(&["--url", &url, "upgrade", "head"], &[("PATH", &path)]);
    missing
        .fails(1)
        .says("pg_dump not found")
        .says("nothing was changed")
        .never_shows(&secret);
    untouched(&mut client, &missing);

    let old = fake_pg_dump("echo 'pg_dump (PostgreSQL) 9.6.24'");
    let path = old.path().display().to_string();
    let older = project.run_env(&["--url", &url, "upgrade", "head"], &[("PATH", &path)]);
    older
        .fails(1)
        .says("pg_dump 9.6, older than the server (PostgreSQL 1")
        .never_shows(&secret);
    untouched(&mut client, &older);
    assert!(backup_dir_files(&project).is_empty());
}

/// A `pg_dump` that fails, printing the password it was given: the run
/// stops, the password is scrubbed from the error, it was never on the
/// command line, and no file is left that could pass for a backup.
#[test]
fn a_failing_pg_dump_leaves_no_backup_and_no_password() {
    let (db, url, secret) = password_database();
    let mut client = db.client();
    let args_file = tempfile::NamedTempFile::new().unwrap();
    let fake = fake_pg_dump(&format!(
        "if [ \"$1\" = --version ]; then echo 'pg_dump (PostgreSQL) 99.1'; exit 0; fi\n\
         echo \"$@\" > '{}'\n\
         for last; do :; done; echo partial > \"$last\"\n\
         echo \"FATAL: cannot dump as $PGUSER with $PGPASSWORD (sslmode $PGSSLMODE)\" >&2\n\
         exit 1",
        args_file.path().display()
    ));
    let project = Project::new(&format!(
        "backup = true\npg_dump = \"{}\"",
        toml_path(&fake.path().join("pg_dump"))
    ));
    shop(&project);
    let run = project.run(&["--url", &url, "upgrade", "head"]);
    run.fails(1)
        .says("FATAL: cannot dump as")
        .says("sslmode prefer")
        .never_shows(&secret);
    if db.password_user.is_some() {
        run.says("with ***");
    }
    untouched(&mut client, &run);
    let args = fs::read_to_string(args_file.path()).unwrap();
    assert!(args.contains("--format=custom"), "{args}");
    assert!(
        !args.contains(&secret),
        "the password is not an argument: {args}"
    );
    for connection in ["://", "dbname=", "host=", "--dbname", "--host", "-d "] {
        assert!(!args.contains(connection), "nor is the connection: {args}");
    }
    assert!(
        backup_dir_files(&project).is_empty(),
        "{:?}",
        backup_dir_files(&project)
    );
}

fn sqlite_project(extra: &str) -> (Project, PathBuf) {
    let project = Project::new(&format!(
        "url = \"sqlite:///app.db\"\nbackup = true\n{extra}"
    ));
    let db = project.path().join("app.db");
    (project, db)
}

/// Schema and rows of an SQLite file, as text.
fn sqlite_snapshot(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut lines: Vec<String> = conn
        .prepare("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let width = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                Ok((0..width)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join(","))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.sort();
        lines.push(format!("{table}: {}", rows.join(" | ")));
    }
    lines
}

/// The SQLite backup is a database file holding what the database held
/// before the run; copied back (nothing connected), it is the database
/// again, at the revision its name says.
#[test]
fn an_sqlite_backup_copied_back_is_the_database_as_it_was() {
    let (project, db) = sqlite_project("");
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE notes (id integer PRIMARY KEY, body text NOT NULL);\nCREATE INDEX notes_body ON notes (body);",
        "DROP TABLE notes;",
    ));
    project.write(&Rev::new(
        "r2",
        &["r1"],
        "DELETE FROM notes WHERE id > 1;\nCREATE TABLE tags (name text);",
        "DROP TABLE tags;",
    ));
    project.run(&["upgrade", "r1"]).ok();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("INSERT INTO notes (body) VALUES ('one'), ('two'), (x'00ff');")
        .unwrap();
    let before = sqlite_snapshot(&db);
    project.run(&["upgrade", "head"]).ok().says("Backup: ");
    assert_ne!(sqlite_snapshot(&db), before);

    let files = backup_dir_files(&project);
    let backup = files
        .iter()
        .find(|f| f.starts_with("app_") && f.ends_with("_r1.sqlite"))
        .unwrap_or_else(|| panic!("no backup at r1: {files:?}"));
    fs::copy(project.path().join("backups").join(backup), &db).unwrap();
    assert_eq!(sqlite_snapshot(&db), before);
    assert_eq!(sqlite_versions(&db), vec!["r1"]);
    let current = project.run(&["current"]);
    assert!(current.ok().stdout.contains("r1"), "{current:?}");
}

/// `backup_keep = 2`: after four runs two of the database's backups stay,
/// the newest; files retort did not name, and another database's
/// backups, are never touched. `retort backups` lists what is there.
#[test]
fn retention_removes_only_the_oldest_of_retorts_own_backups() {
    let (project, _db) = sqlite_project("backup_keep = 2");
    // Revision ids that sort against the order they run in: runs a second
    // apart or less are told apart by when their backups were written,
    // not by their names.
    let ids = ["w1", "v2", "u3", "t4"];
    for (i, id) in ids.iter().enumerate() {
        let parents: Vec<&str> = ids[..i].last().into_iter().copied().collect();
        project.write(&Rev::new(
            id,
            &parents,
            &format!("CREATE TABLE {id} (x int);"),
            &format!("DROP TABLE {id};"),
        ));
    }
    let dir = project.path().join("backups");
    fs::create_dir_all(&dir).unwrap();
    let unrelated = [
        "notes.txt",
        "app_manual.sqlite",
        "app.sqlite",
        "other_20200101T000000Z_x1.sqlite",
        "app_20200101T000000Z_old.sqlite.bak",
    ];
    for name in unrelated {
        fs::write(dir.join(name), "not retort's").unwrap();
    }
    for target in ids {
        project.run(&["upgrade", target]).ok();
    }
    let mut ours: Vec<String> = backup_dir_files(&project)
        .into_iter()
        .filter(|f| f.starts_with("app_2"))
        .filter(|f| !unrelated.contains(&f.as_str()))
        .collect();
    ours.sort();
    assert_eq!(ours.len(), 2, "{:?}", backup_dir_files(&project));
    assert!(ours.iter().any(|f| f.ends_with("_v2.sqlite")), "{ours:?}");
    assert!(ours.iter().any(|f| f.ends_with("_u3.sqlite")), "{ours:?}");
    for name in unrelated {
        assert!(dir.join(name).exists(), "{name} was removed");
    }

    let listed = project.run(&["backups"]);
    listed.ok();
    let lines: Vec<&str> = listed.stdout.lines().collect();
    assert!(lines[0].starts_with("FILE"), "{listed:?}");
    assert_eq!(lines.len(), 4, "header, two of app's, other's: {listed:?}");
    assert!(
        lines[1].contains("_u3.sqlite") && lines[1].contains(" app "),
        "{listed:?}"
    );
    assert!(lines[2].contains("_v2.sqlite"), "{listed:?}");
    assert!(
        lines[3].contains("other_") && lines[3].contains("2020-01-01 00:00:00"),
        "{listed:?}"
    );

    let json = project.run(&["backups", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&json.ok().stdout).unwrap();
    let revisions: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["revision"].as_str().unwrap())
        .collect();
    assert_eq!(revisions, vec!["u3", "v2", "x1"]);
    assert_eq!(json[2]["time"], "2020-01-01T00:00:00Z");
}

/// A run with nothing to do, `--sql` and `stamp` change nothing that
/// needs a backup, and make none.
#[test]
fn no_backup_when_nothing_runs() {
    let (project, _db) = sqlite_project("");
    project.chain(
        2,
        |i| format!("CREATE TABLE t{i} (x int);"),
        |i| format!("DROP TABLE t{i};"),
    );
    project.run(&["upgrade", "head"]).ok();
    assert_eq!(backup_dir_files(&project).len(), 1);
    project.run(&["upgrade", "head"]).ok().says("Nothing to do");
    project.run(&["upgrade", "head", "--sql"]).ok();
    project.run(&["downgrade", "r2:base", "--sql"]).ok();
    project.run(&["stamp", "r1"]).ok();
    assert_eq!(
        backup_dir_files(&project).len(),
        1,
        "{:?}",
        backup_dir_files(&project)
    );

    let memory = Project::new("url = \"sqlite://\"\nbackup = true");
    memory.chain(
        1,
        |_| "CREATE TABLE t (x int);".into(),
        |_| "DROP TABLE t;".into(),
    );
    memory
        .run(&["upgrade", "head"])
        .fails(1)
        .says("SQLite in memory");
}

/// r1 keeps a table, r2 adds one that fills, r3 adds a column and a table
/// that stays empty; downgrading to r1 drops both of r2's and r3's.
fn droppy(config: &str) -> Project {
    let project = Project::new(config);
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE keep_me (id int);",
        "DROP TABLE keep_me;",
    ));
    project.write(&Rev::new(
        "r2",
        &["r1"],
        "CREATE TABLE gone (id int);",
        "DROP TABLE IF EXISTS gone;",
    ));
    project.write(&Rev::new(
        "r3",
        &["r2"],
        "ALTER TABLE keep_me ADD COLUMN note text;\nCREATE TABLE empty_one (id int);",
        "DROP TABLE empty_one;\nALTER TABLE keep_me DROP COLUMN note;",
    ));
    project
}

const FILL: &str = "INSERT INTO gone VALUES (1), (2), (3);\n\
                    INSERT INTO keep_me VALUES (1, 'kept'), (2, NULL);";

/// At a terminal a downgrade that drops data names each table and column
/// with its rows and asks: no leaves everything (and makes no backup),
/// `--yes` goes on without asking.
#[test]
fn a_downgrade_that_drops_data_asks_at_a_terminal() {
    let project = droppy("url = \"sqlite:///app.db\"\nbackup = true");
    let db_path = project.path().join("app.db");
    project.run(&["upgrade", "head"]).ok();
    rusqlite::Connection::open(&db_path)
        .unwrap()
        .execute_batch(FILL)
        .unwrap();
    let backups_before = backup_dir_files(&project).len();

    let no = common::retort_at_terminal(project.path(), &["downgrade", "r1"], "n\n");
    let shown = common::stdout(&no);
    assert_eq!(no.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("table gone (3 rows) is dropped by r2"),
        "{shown}"
    );
    assert!(
        shown.contains("column keep_me.note (1 row with a value) is dropped by r3"),
        "{shown}"
    );
    assert!(shown.contains("r3_step.sql:13"), "file and line: {shown}");
    assert!(
        !shown.contains("empty_one"),
        "an empty table loses nothing: {shown}"
    );
    assert!(shown.contains("[y/N]"), "{shown}");
    assert!(
        shown.contains("downgrade cancelled: nothing was changed"),
        "{shown}"
    );
    assert_eq!(sqlite_versions(&db_path), vec!["r3"]);
    assert_eq!(
        backup_dir_files(&project).len(),
        backups_before,
        "no backup for a run that does not happen"
    );

    let yes = common::retort_at_terminal(project.path(), &["downgrade", "r1", "--yes"], "");
    let shown = common::stdout(&yes);
    assert!(yes.status.success(), "{shown}");
    assert!(shown.contains("table gone (3 rows)"), "{shown}");
    assert!(!shown.contains("[y/N]"), "--yes does not ask: {shown}");
    assert_eq!(sqlite_versions(&db_path), vec!["r1"]);
    assert_eq!(backup_dir_files(&project).len(), backups_before + 1);
}

/// Away from a terminal nobody can answer: the warning is printed and the
/// downgrade runs (here on PostgreSQL, counting with real queries).
#[test]
fn a_downgrade_that_drops_data_warns_but_runs_in_a_script() {
    let db = retort_testkit::fresh_database();
    let project = droppy("");
    project.run(&["--url", &db.url, "upgrade", "head"]).ok();
    let mut client = db.client();
    client.batch_execute(FILL).unwrap();
    let run = project.run(&["--url", &db.url, "downgrade", "r1"]);
    run.ok()
        .says("warning: this downgrade drops data")
        .says("table gone (3 rows) is dropped by r2")
        .says("column keep_me.note (1 row with a value) is dropped by r3");
    assert!(!run.stderr.contains("[y/N]"), "{run:?}");
    assert!(!run.stderr.contains("empty_one"), "{run:?}");
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r1"]);
}
