//! The embedding API: a Migrator from a directory or from embedded files,
//! on SQLite files and PostgreSQL, by URL and on connections the test
//! holds; the typed errors a program matches on; and the example
//! application, run as built.

use retort::postgres;
use retort::revision::{Direction, StepKind};
use retort::rusqlite;
use retort::{CycleKind, DbError, EmbeddedMigrations, Error, Migrator, RevisionError, RunReport};
use retort_testkit::fresh_database;
use std::path::{Path, PathBuf};
use std::time::Duration;

static EMBEDDED: EmbeddedMigrations =
    retort::embed_migrations!("examples/embedded_sqlite/migrations");

const FIRST: &str = "1a0c2e4b6d8f";
const SECOND: &str = "2b1d3f5a7c9e";

fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/embedded_sqlite/migrations")
}

/// A migration file's text: the upgrade body starts on line 8.
fn migration(rev: &str, revises: &str, upgrade: &str, downgrade: &str) -> String {
    format!(
        "-- {rev}\n--\n-- Revision ID: {rev}\n-- Revises: {revises}\n-- Create Date: 2026-01-01 00:00:00\n\n-- retort:upgrade\n{upgrade}\n\n-- retort:downgrade\n{downgrade}\n"
    )
}

/// A script_location with `versions/` holding the given files.
fn project(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let versions = dir.path().join("versions");
    std::fs::create_dir(&versions).unwrap();
    for (name, text) in files {
        std::fs::write(versions.join(name), text).unwrap();
    }
    dir
}

/// Two revisions that work on SQLite and PostgreSQL alike.
fn two_revisions() -> Vec<(&'static str, String)> {
    vec![
        (
            "aaaa00000001_things.sql",
            migration(
                "aaaa00000001",
                "",
                "CREATE TABLE things (id INTEGER PRIMARY KEY);",
                "DROP TABLE things;",
            ),
        ),
        (
            "aaaa00000002_more.sql",
            migration(
                "aaaa00000002",
                "aaaa00000001",
                "ALTER TABLE things ADD COLUMN name TEXT;",
                "ALTER TABLE things DROP COLUMN name;",
            ),
        ),
    ]
}

fn migrated(report: &RunReport) -> Vec<(String, Direction)> {
    report
        .steps
        .iter()
        .filter_map(|s| match &s.step.kind {
            StepKind::Migration {
                revision,
                direction,
            } => Some((revision.clone(), *direction)),
            StepKind::Stamp { .. } => None,
        })
        .collect()
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite:///{}", path.display())
}

// ---- where migrations come from ------------------------------------------

#[test]
fn a_directory_is_its_script_location_or_its_versions_directory() {
    let dir = project(&two_revisions());
    let from_location = Migrator::from_dir(dir.path()).unwrap();
    let from_versions = Migrator::from_dir(dir.path().join("versions")).unwrap();
    assert_eq!(from_location.heads(), vec!["aaaa00000002"]);
    assert_eq!(from_versions.heads(), vec!["aaaa00000002"]);
    assert_eq!(from_location.migrations().len(), 2);
}

#[test]
fn a_missing_directory_is_a_script_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let error = Migrator::from_dir(&missing).unwrap_err();
    assert!(matches!(error, Error::Script(_)), "{error:?}");
    assert!(error.to_string().contains("nowhere"), "{error}");
    assert_eq!(error.exit_code(), 2);
}

#[test]
fn embedded_migrations_are_the_directory_parsed_the_same_way() {
    let embedded = Migrator::from_embedded(&EMBEDDED).unwrap();
    let on_disk = Migrator::from_dir(example_dir()).unwrap();
    assert_eq!(embedded.heads(), vec![SECOND]);
    assert_eq!(embedded.heads(), on_disk.heads());
    let names: Vec<&str> = EMBEDDED.files().iter().map(|(name, _)| *name).collect();
    assert_eq!(
        names,
        vec![
            "examples/embedded_sqlite/migrations/versions/1a0c2e4b6d8f_create_notes.sql",
            "examples/embedded_sqlite/migrations/versions/2b1d3f5a7c9e_add_author.sql",
        ]
    );
    for (a, b) in embedded.migrations().iter().zip(on_disk.migrations()) {
        assert_eq!(a.revision, b.revision);
        assert_eq!(a.upgrade, b.upgrade);
        assert_eq!(a.downgrade, b.downgrade);
    }
}

#[test]
fn a_broken_embedded_file_is_reported_with_its_name_and_line() {
    static BROKEN: EmbeddedMigrations = EmbeddedMigrations::new(&[
        (
            "migrations/versions/ok.sql",
            "-- ok\n-- Revision ID: ok1\n\n-- retort:upgrade\nSELECT 1;\n",
        ),
        (
            "migrations/versions/bad.sql",
            "-- bad\n-- Revision ID: bad1\n-- retort:upgrade\n-- retort:upgrade\n",
        ),
    ]);
    let error = Migrator::from_embedded(&BROKEN).unwrap_err();
    assert!(matches!(error, Error::Script(_)), "{error:?}");
    assert!(
        error.to_string().contains("migrations/versions/bad.sql:4"),
        "{error}"
    );
}

#[test]
fn options_reach_the_tables_the_run_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    let migrator = Migrator::from_embedded(&EMBEDDED)
        .unwrap()
        .version_table("app_version")
        .log_table("app_migration_log")
        .transaction_per_migration(true)
        .lock_timeout(Duration::from_secs(5));
    migrator
        .upgrade(sqlite_url(&path).as_str(), "head")
        .unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: String = conn
        .query_row("SELECT version_num FROM app_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SECOND);
    let logged: i64 = conn
        .query_row("SELECT count(*) FROM app_migration_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(logged, 2);
    let alembic: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(alembic, 0);
}

#[test]
fn a_config_file_gives_the_migrations_the_tables_and_the_url() {
    let dir = project(&two_revisions());
    let root = tempfile::tempdir().unwrap();
    let config = root.path().join("retort.toml");
    std::fs::write(
        &config,
        format!(
            "script_location = {:?}\nurl = \"sqlite:///from-config.db\"\nversion_table = \"configured_version\"\n",
            dir.path().display().to_string()
        ),
    )
    .unwrap();
    let migrator = Migrator::from_config_file(&config).unwrap();
    assert_eq!(migrator.heads(), vec!["aaaa00000002"]);
    if std::env::var_os("DATABASE_URL").is_none() {
        assert_eq!(migrator.url(), Some("sqlite:///from-config.db"));
    }
    let database = root.path().join("app.db");
    migrator
        .upgrade(sqlite_url(&database).as_str(), "head")
        .unwrap();
    let conn = rusqlite::Connection::open(&database).unwrap();
    let version: String = conn
        .query_row("SELECT version_num FROM configured_version", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(version, "aaaa00000002");
}

#[test]
fn a_migrator_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync + 'static>() {}
    shareable::<Migrator>();
    shareable::<EmbeddedMigrations>();
    shareable::<Error>();
}

// ---- SQLite ----------------------------------------------------------------

#[test]
fn sqlite_file_by_url_upgrades_downgrades_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_url(&dir.path().join("app.db"));
    let migrator = Migrator::from_embedded(&EMBEDDED).unwrap();

    assert_eq!(migrator.current(&url).unwrap(), Vec::<String>::new());
    assert_eq!(migrator.pending(&url).unwrap(), vec![FIRST, SECOND]);

    let report = migrator.upgrade(&url, "head").unwrap();
    assert_eq!(
        migrated(&report),
        vec![
            (FIRST.to_string(), Direction::Up),
            (SECOND.to_string(), Direction::Up)
        ]
    );
    assert_eq!(report.heads, vec![SECOND]);
    assert_eq!(migrator.current(&url).unwrap(), vec![SECOND]);
    assert!(migrator.pending(&url).unwrap().is_empty());

    let again = migrator.upgrade(&url, "head").unwrap();
    assert!(again.steps.is_empty());

    let down = migrator.downgrade(&url, "-1").unwrap();
    assert_eq!(migrated(&down), vec![(SECOND.to_string(), Direction::Down)]);
    assert_eq!(migrator.current(&url).unwrap(), vec![FIRST]);
    assert_eq!(migrator.pending(&url).unwrap(), vec![SECOND]);

    migrator.downgrade(&url, "base").unwrap();
    assert_eq!(migrator.current(&url).unwrap(), Vec::<String>::new());
}

#[test]
fn sqlite_borrowed_connection_is_left_usable_and_unlocked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    let migrator = Migrator::from_embedded(&EMBEDDED).unwrap();

    let report = migrator.upgrade(&mut conn, "head").unwrap();
    assert_eq!(report.heads, vec![SECOND]);
    assert!(conn.is_autocommit(), "a transaction was left open");
    conn.execute("INSERT INTO notes (body) VALUES ('after')", [])
        .unwrap();
    assert_eq!(migrator.current(&mut conn).unwrap(), vec![SECOND]);

    // The lock file is free: a run by URL with no patience gets it.
    let impatient = Migrator::from_embedded(&EMBEDDED)
        .unwrap()
        .lock_timeout(Duration::ZERO);
    impatient
        .downgrade(sqlite_url(&path).as_str(), "-1")
        .unwrap();
    assert_eq!(migrator.current(&mut conn).unwrap(), vec![FIRST]);

    // A failure leaves it usable too.
    let dir2 = project(&[(
        "bbbb00000001_bad.sql",
        migration("bbbb00000001", "", "SELECT * FROM missing_table;", ""),
    )]);
    let error = Migrator::from_dir(dir2.path())
        .unwrap()
        .version_table("other_version")
        .upgrade(&mut conn, "head")
        .unwrap_err();
    assert!(matches!(error, Error::Database(DbError::Migration(_))));
    assert!(conn.is_autocommit());
    let count: i64 = conn
        .query_row("SELECT count(*) FROM notes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 1);
    impatient
        .upgrade(sqlite_url(&path).as_str(), "head")
        .unwrap();
}

#[test]
fn sqlite_in_memory_connection_migrates() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    let migrator = Migrator::from_embedded(&EMBEDDED).unwrap();
    migrator.upgrade(&mut conn, "head").unwrap();
    let author: String = conn
        .query_row(
            "INSERT INTO notes (body) VALUES ('x') RETURNING author",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(author, "anonymous");
}

#[test]
fn a_connection_inside_a_transaction_is_refused_and_left_alone() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch("BEGIN; CREATE TABLE mine (x INTEGER);")
        .unwrap();
    let error = Migrator::from_embedded(&EMBEDDED)
        .unwrap()
        .upgrade(&mut conn, "head")
        .unwrap_err();
    assert!(matches!(error, Error::Usage(_)), "{error:?}");
    assert!(!conn.is_autocommit(), "the caller's transaction was ended");
    conn.execute_batch("COMMIT").unwrap();
}

#[test]
fn an_edited_applied_migration_is_refused_unless_allowed() {
    let dir = project(&two_revisions());
    let db = tempfile::tempdir().unwrap();
    let url = sqlite_url(&db.path().join("app.db"));
    Migrator::from_dir(dir.path())
        .unwrap()
        .upgrade(&url, "head")
        .unwrap();

    let edited = dir.path().join("versions/aaaa00000001_things.sql");
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, text.replace("PRIMARY KEY", "PRIMARY KEY NOT NULL")).unwrap();

    let migrator = Migrator::from_dir(dir.path()).unwrap();
    let error = migrator.upgrade(&url, "head").unwrap_err();
    match &error {
        Error::Database(DbError::EditedMigrations(list)) => {
            assert_eq!(list.len(), 1);
            assert_eq!(list[0].revision, "aaaa00000001");
            assert_eq!(list[0].file, edited);
            assert_ne!(list[0].logged_checksum, list[0].current_checksum);
        }
        other => panic!("expected EditedMigrations, got {other:?}"),
    }
    assert_eq!(error.exit_code(), 2);

    let report = migrator.allow_edited(true).upgrade(&url, "head").unwrap();
    assert_eq!(report.accepted_edits, vec!["aaaa00000001"]);
    // Accepted: the next run is clean.
    Migrator::from_dir(dir.path())
        .unwrap()
        .upgrade(&url, "head")
        .unwrap();
}

#[test]
fn a_failing_migration_names_revision_file_line_and_the_database_message() {
    let dir = project(&[
        two_revisions().remove(0),
        (
            "aaaa00000002_bad.sql",
            migration(
                "aaaa00000002",
                "aaaa00000001",
                "INSERT INTO things (id) VALUES (1);\nINSERT INTO nowhere VALUES (1);",
                "",
            ),
        ),
    ]);
    let db = tempfile::tempdir().unwrap();
    let url = sqlite_url(&db.path().join("app.db"));
    let migrator = Migrator::from_dir(dir.path()).unwrap();
    let error = migrator.upgrade(&url, "head").unwrap_err();
    let Error::Database(DbError::Migration(failure)) = &error else {
        panic!("expected a migration failure, got {error:?}");
    };
    assert_eq!(failure.revision, "aaaa00000002");
    assert_eq!(
        failure.file.as_deref(),
        Some(dir.path().join("versions/aaaa00000002_bad.sql").as_path())
    );
    assert_eq!(failure.line, Some(9));
    assert!(failure.line_is_exact);
    assert!(
        failure.message.contains("no such table"),
        "{}",
        failure.message
    );
    assert!(failure.rolled_back);
    // One transaction for the run (Alembic's default): nothing stayed.
    assert_eq!(failure.version_table_now, Ok(vec![]));
    assert_eq!(error.exit_code(), 1);
    assert!(
        error.to_string().contains("aaaa00000002_bad.sql:9"),
        "{error}"
    );
}

// ---- typed revision errors ---------------------------------------------------

#[test]
fn revision_errors_are_typed_and_worded_as_before() {
    let migrator = Migrator::from_embedded(&EMBEDDED).unwrap();
    let db = tempfile::tempdir().unwrap();
    let url = sqlite_url(&db.path().join("app.db"));

    let error = migrator.upgrade(&url, "deadbeef").unwrap_err();
    match &error {
        Error::Revision(RevisionError::UnknownRevision { argument, .. }) => {
            assert_eq!(argument, "deadbeef")
        }
        other => panic!("expected UnknownRevision, got {other:?}"),
    }
    assert_eq!(
        error.to_string(),
        "Can't locate revision identified by 'deadbeef' (No such revision or branch 'deadbeef')"
    );
    assert_eq!(error.exit_code(), 2);
}

#[test]
fn an_ambiguous_prefix_lists_its_candidates() {
    let dir = project(&[
        ("abcd1111_a.sql", migration("abcd1111", "", "SELECT 1;", "")),
        (
            "abcd2222_b.sql",
            migration("abcd2222", "abcd1111", "SELECT 1;", ""),
        ),
    ]);
    let db = tempfile::tempdir().unwrap();
    let url = sqlite_url(&db.path().join("app.db"));
    let error = Migrator::from_dir(dir.path())
        .unwrap()
        .upgrade(&url, "abcd")
        .unwrap_err();
    match &error {
        Error::Revision(RevisionError::AmbiguousPrefix { prefix, candidates }) => {
            assert_eq!(prefix, "abcd");
            assert_eq!(candidates, &vec!["abcd1111", "abcd2222"]);
        }
        other => panic!("expected AmbiguousPrefix, got {other:?}"),
    }
    assert_eq!(
        error.to_string(),
        "Can't locate revision identified by 'abcd' (Multiple revisions start with 'abcd': 'abcd1111', 'abcd2222'...)"
    );
}

#[test]
fn head_with_two_heads_is_multiple_heads() {
    let dir = project(&[
        ("base_a.sql", migration("base0001", "", "SELECT 1;", "")),
        (
            "left_b.sql",
            migration("left0001", "base0001", "SELECT 1;", ""),
        ),
        (
            "right_c.sql",
            migration("right0001", "base0001", "SELECT 1;", ""),
        ),
    ]);
    let db = tempfile::tempdir().unwrap();
    let url = sqlite_url(&db.path().join("app.db"));
    let migrator = Migrator::from_dir(dir.path()).unwrap();
    assert_eq!(migrator.heads(), vec!["left0001", "right0001"]);
    let error = migrator.upgrade(&url, "head").unwrap_err();
    match &error {
        Error::Revision(RevisionError::MultipleHeads {
            argument, heads, ..
        }) => {
            assert_eq!(argument, "head");
            assert_eq!(heads, &vec!["left0001", "right0001"]);
        }
        other => panic!("expected MultipleHeads, got {other:?}"),
    }
    assert!(
        error
            .to_string()
            .starts_with("Multiple head revisions are present for given argument 'head'"),
        "{error}"
    );
    // `heads` reaches both.
    let report = migrator.upgrade(&url, "heads").unwrap();
    assert_eq!(report.heads.len(), 2);
    assert!(migrator.pending(&url).unwrap().is_empty());
}

#[test]
fn a_cycle_is_typed_when_the_migrations_are_read() {
    let dir = project(&[
        ("a.sql", migration("cyc00001", "cyc00002", "SELECT 1;", "")),
        ("b.sql", migration("cyc00002", "cyc00001", "SELECT 1;", "")),
        ("c.sql", migration("base0001", "", "SELECT 1;", "")),
    ]);
    let error = Migrator::from_dir(dir.path()).unwrap_err();
    match &error {
        Error::Revision(RevisionError::Cycle { kind, revisions }) => {
            assert_eq!(*kind, CycleKind::Cycle);
            assert_eq!(revisions, &vec!["cyc00001", "cyc00002"]);
        }
        other => panic!("expected Cycle, got {other:?}"),
    }
    assert_eq!(
        error.to_string(),
        "Cycle is detected in revisions (cyc00001, cyc00002)"
    );
}

#[test]
fn a_missing_parent_is_typed() {
    let dir = project(&[("a.sql", migration("orphan01", "gone0001", "SELECT 1;", ""))]);
    let error = Migrator::from_dir(dir.path()).unwrap_err();
    assert!(
        matches!(
            &error,
            Error::Revision(RevisionError::MissingReference { missing, referenced_by, dependency: false })
                if missing == "gone0001" && referenced_by == "orphan01"
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "Revision gone0001 referenced from orphan01 is not present"
    );
}

// ---- PostgreSQL ------------------------------------------------------------

fn advisory_locks_held(client: &mut postgres::Client) -> i64 {
    client
        .query_one(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0)
}

#[test]
fn postgres_by_url_upgrades_downgrades_and_reports() {
    let db = fresh_database();
    let dir = project(&two_revisions());
    let migrator = Migrator::from_dir(dir.path()).unwrap();
    let url = db.url.as_str();

    assert_eq!(
        migrator.pending(url).unwrap(),
        vec!["aaaa00000001", "aaaa00000002"]
    );
    let report = migrator.upgrade(url, "head").unwrap();
    assert_eq!(report.heads, vec!["aaaa00000002"]);
    assert_eq!(migrator.current(url).unwrap(), vec!["aaaa00000002"]);

    migrator.downgrade(url, "aaaa00000001").unwrap();
    assert_eq!(migrator.current(url).unwrap(), vec!["aaaa00000001"]);
    migrator.downgrade(url, "base").unwrap();
    assert!(migrator.current(url).unwrap().is_empty());

    // The same tables the command line keeps.
    let mut client = db.client();
    let logged: i64 = client
        .query_one("SELECT count(*) FROM retort_migration_log", &[])
        .unwrap()
        .get(0);
    assert_eq!(logged, 4);
}

#[test]
fn postgres_borrowed_client_is_left_usable_and_unlocked() {
    let db = fresh_database();
    let dir = project(&two_revisions());
    let migrator = Migrator::from_dir(dir.path()).unwrap();
    let mut client = db.client();

    let report = migrator.upgrade(&mut client, "head").unwrap();
    assert_eq!(report.heads, vec!["aaaa00000002"]);
    assert_eq!(advisory_locks_held(&mut client), 0);
    // No transaction left open: a new one begins and what ran is committed,
    // as another session sees.
    let mut transaction = client.transaction().unwrap();
    transaction
        .execute("INSERT INTO things (id, name) VALUES (1, 'one')", &[])
        .unwrap();
    transaction.commit().unwrap();
    let mut other = db.client();
    let seen: i64 = other
        .query_one("SELECT count(*) FROM things", &[])
        .unwrap()
        .get(0);
    assert_eq!(seen, 1);

    // The lock is free for another session at once.
    let impatient = Migrator::from_dir(dir.path())
        .unwrap()
        .lock_timeout(Duration::ZERO);
    assert!(impatient
        .upgrade(&mut other, "head")
        .unwrap()
        .steps
        .is_empty());

    // A failing run leaves it clean as well: no aborted transaction, no lock.
    let bad = project(&[(
        "bbbb00000001_bad.sql",
        migration(
            "bbbb00000001",
            "",
            "SELECT 1;\nSELECT * FROM missing_table;",
            "",
        ),
    )]);
    let error = Migrator::from_dir(bad.path())
        .unwrap()
        .version_table("other_version")
        .upgrade(&mut client, "head")
        .unwrap_err();
    let Error::Database(DbError::Migration(failure)) = &error else {
        panic!("expected a migration failure, got {error:?}");
    };
    assert_eq!(failure.revision, "bbbb00000001");
    assert_eq!(failure.line, Some(9));
    assert!(failure.message.contains("42P01"), "{}", failure.message);
    assert_eq!(advisory_locks_held(&mut client), 0);
    let one: i32 = client.query_one("SELECT 1", &[]).unwrap().get(0);
    assert_eq!(one, 1);
    assert_eq!(migrator.current(&mut client).unwrap(), vec!["aaaa00000002"]);
    assert_eq!(advisory_locks_held(&mut client), 0);
}

#[test]
fn postgres_client_inside_a_transaction_is_refused() {
    let db = fresh_database();
    let mut client = db.client();
    client.batch_execute("BEGIN").unwrap();
    let error = Migrator::from_embedded(&EMBEDDED)
        .unwrap()
        .upgrade(&mut client, "head")
        .unwrap_err();
    assert!(matches!(error, Error::Usage(_)), "{error:?}");
    client.batch_execute("ROLLBACK").unwrap();
}

#[test]
fn postgres_lock_timeout_is_typed() {
    let db = fresh_database();
    let mut holder = db.client();
    let key = retort::db::postgres::advisory_lock_key("alembic_version");
    holder
        .execute("SELECT pg_advisory_lock($1)", &[&key])
        .unwrap();

    let dir = project(&two_revisions());
    let migrator = Migrator::from_dir(dir.path())
        .unwrap()
        .lock_timeout(Duration::from_millis(200));
    let error = migrator.upgrade(db.url.as_str(), "head").unwrap_err();
    assert!(
        matches!(error, Error::Database(DbError::LockTimeout { .. })),
        "{error:?}"
    );
    assert_eq!(error.exit_code(), 1);

    holder
        .execute("SELECT pg_advisory_unlock($1)", &[&key])
        .unwrap();
    migrator.upgrade(db.url.as_str(), "head").unwrap();
}

// ---- the example application -----------------------------------------------

/// `cargo test` builds the examples beside the test binaries
/// (`target/<profile>/examples/`); this runs the one that embeds its
/// migrations, twice, on a fresh database file.
#[test]
fn the_embedded_sqlite_example_runs() {
    let test_exe = std::env::current_exe().unwrap();
    let profile_dir = test_exe.parent().and_then(Path::parent).unwrap();
    let example = profile_dir
        .join("examples")
        .join(format!("embedded_sqlite{}", std::env::consts::EXE_SUFFIX));
    assert!(
        example.is_file(),
        "{} is missing: it is built by `cargo test -p retort` (or `cargo build -p retort --examples`)",
        example.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("notes.db");
    let run = || {
        let output = std::process::Command::new(&example)
            .arg(&database)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    assert_eq!(
        run(),
        format!(
            "applied: {FIRST}, {SECOND}\nheads: {SECOND}\nnotes: 1\nlast: migrated at start-up by example\n"
        )
    );
    assert_eq!(
        run(),
        format!(
            "applied: nothing\nheads: {SECOND}\nnotes: 2\nlast: migrated at start-up by example\n"
        )
    );
    // What the example left is what retort reads.
    let migrator = Migrator::from_dir(example_dir()).unwrap();
    assert_eq!(
        migrator.current(sqlite_url(&database).as_str()).unwrap(),
        vec![SECOND]
    );
}

// ---- run limits set on the builder -------------------------------------------

/// One revision that sleeps on the server for `seconds`.
fn sleeping_project(seconds: u32) -> tempfile::TempDir {
    project(&[(
        "cccc00000001_slow.sql",
        migration(
            "cccc00000001",
            "",
            &format!("CREATE TABLE slow (id int);\nSELECT pg_sleep({seconds});"),
            "DROP TABLE slow;",
        ),
    )])
}

/// The rows of alembic_version; none when the table is not there (a run
/// rolled back whole takes the table with it).
fn version_rows(client: &mut postgres::Client) -> i64 {
    let exists: bool = client
        .query_one("SELECT to_regclass('alembic_version') IS NOT NULL", &[])
        .unwrap()
        .get(0);
    if !exists {
        return 0;
    }
    client
        .query_one("SELECT count(*) FROM alembic_version", &[])
        .unwrap()
        .get(0)
}

#[test]
fn the_statement_timeout_set_on_the_builder_stops_a_long_migration() {
    let db = fresh_database();
    let dir = sleeping_project(60);
    let started = std::time::Instant::now();
    let error = Migrator::from_dir(dir.path())
        .unwrap()
        .migration_statement_timeout(Duration::from_millis(300))
        .upgrade(&db.url, "head")
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(30), "{error}");
    assert!(error.to_string().contains("statement timeout"), "{error}");
    let mut client = db.client();
    assert_eq!(version_rows(&mut client), 0);
    let slow: bool = client
        .query_one("SELECT to_regclass('public.slow') IS NOT NULL", &[])
        .unwrap()
        .get(0);
    assert!(!slow, "the failed run's table stayed");
}

#[test]
fn an_interrupt_handed_to_the_builder_stops_the_run_and_rolls_it_back() {
    let db = fresh_database();
    let dir = sleeping_project(60);
    let interrupt = retort::Interrupt::new();
    let stopper = {
        let interrupt = interrupt.clone();
        std::thread::spawn(move || {
            // Until the run is in its plan, a request only stops it at
            // the next step; once busy, it cancels the sleeping statement.
            let deadline = std::time::Instant::now() + Duration::from_secs(30);
            while !interrupt.is_busy() && std::time::Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
            std::thread::sleep(Duration::from_millis(200));
            interrupt.request();
            while interrupt.is_busy() && std::time::Instant::now() < deadline {
                interrupt.cancel_running();
                std::thread::sleep(Duration::from_millis(50));
            }
        })
    };
    let started = std::time::Instant::now();
    let error = Migrator::from_dir(dir.path())
        .unwrap()
        .interrupt(interrupt)
        .upgrade(&db.url, "head")
        .unwrap_err();
    stopper.join().unwrap();
    assert!(started.elapsed() < Duration::from_secs(30), "{error}");
    assert!(error.to_string().contains("interrupt"), "{error}");
    assert_eq!(version_rows(&mut db.client()), 0);
}

#[test]
fn the_tag_set_on_the_builder_is_recorded_in_the_log() {
    let db = fresh_database();
    let dir = project(&two_revisions());
    Migrator::from_dir(dir.path())
        .unwrap()
        .tag("release-42")
        .upgrade(&db.url, "head")
        .unwrap();
    let tags: Vec<Option<String>> = db
        .client()
        .query("SELECT tag FROM retort_migration_log ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(tags, vec![Some("release-42".to_string()); 2]);
}
