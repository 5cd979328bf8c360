//! Settings, checksums and precedence through the binary (issue #9):
//! durations that cannot panic, table names checked before anything runs,
//! one log shared by projects with different version tables, line endings
//! that are not edits, which database URL wins, `--tag` and `-x`.

use crate::online_support;

use online_support::{pg_versions, sqlite_versions, Project, Rev, SECRET};
use std::fs;
use std::path::Path;

fn two_steps(config: &str) -> Project {
    let project = Project::new(config);
    project.chain(
        2,
        |i| format!("CREATE TABLE t{i} (x int);"),
        |i| format!("DROP TABLE t{i};"),
    );
    project
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite:///{}", path.display())
}

fn pg_has_table(client: &mut postgres::Client, name: &str) -> bool {
    client
        .query_one("SELECT to_regclass($1) IS NOT NULL", &[&name])
        .unwrap()
        .get(0)
}

fn sqlite_has_table(path: &Path, name: &str) -> bool {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [name],
        |r| r.get::<_, i64>(0),
    )
    .unwrap()
        > 0
}

// ---- 1. durations ------------------------------------------------------

#[test]
fn bad_durations_on_the_command_line_are_refused_naming_the_option() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_url(&dir.path().join("app.db"));
    let project = two_steps("");
    for bad in ["-1", "nan", "inf", "-0.5s", "soon"] {
        project
            .run(&["--url", &url, "upgrade", "head", "--lock-timeout", bad])
            .fails(2)
            .says("--lock-timeout")
            .says("number of seconds");
        project
            .run(&["--url", &url, "current", "--wait", bad])
            .fails(2)
            .says("--wait")
            .says("number of seconds");
    }
    assert!(!dir.path().join("app.db").exists(), "nothing ran");
}

#[test]
fn huge_durations_mean_a_long_time_on_postgres() {
    let db = retort_testkit::fresh_database();
    let project = two_steps("");
    // 1e19 seconds once overflowed `Instant + Duration`; 1e300 overflowed
    // `Duration::from_secs_f64`.
    for huge in ["1e19", "1e300"] {
        project
            .run(&["--url", &db.url, "current", "--wait", huge])
            .ok();
        project
            .run(&[
                "--url",
                &db.url,
                "upgrade",
                "head",
                "--wait",
                huge,
                "--lock-timeout",
                huge,
            ])
            .ok();
    }
    assert_eq!(pg_versions(&mut db.client(), "alembic_version"), vec!["r2"]);
    // Units are read in the same place.
    project
        .run(&["--url", &db.url, "current", "--wait", "5m"])
        .ok();
}

#[test]
fn huge_durations_in_the_config_mean_a_long_time() {
    let db = retort_testkit::fresh_database();
    let project = two_steps("wait_timeout = 1e300\nlock_timeout = 1e300");
    project.run(&["--url", &db.url, "upgrade", "head"]).ok();
    assert_eq!(pg_versions(&mut db.client(), "alembic_version"), vec!["r2"]);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    project
        .run(&["--url", &sqlite_url(&path), "upgrade", "head"])
        .ok();
    assert_eq!(sqlite_versions(&path), vec!["r2"]);
}

#[test]
fn bad_durations_in_the_config_name_the_setting_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_url(&dir.path().join("app.db"));
    for (setting, bad) in [
        ("lock_timeout", "-1"),
        ("lock_timeout", "nan"),
        ("wait_timeout", "inf"),
        ("wait_timeout", "\"soon\""),
    ] {
        let project = two_steps(&format!("{setting} = {bad}"));
        project
            .run(&["--url", &url, "upgrade", "head"])
            .fails(2)
            .says("retort.toml line 2")
            .says(&format!("`{setting}`"));
    }
    assert!(!dir.path().join("app.db").exists(), "nothing ran");
}

// ---- 2. table names ------------------------------------------------------

#[test]
fn table_names_postgres_cannot_hold_are_refused_at_load() {
    let db = retort_testkit::fresh_database();
    let long = "v".repeat(63);
    let cases = [
        (
            "version_table = \"\"".to_string(),
            "`version_table` must not be empty",
        ),
        (
            format!("version_table = \"{long}\""),
            "`version_table` is 63 bytes long",
        ),
        (
            "log_table = \"\"".to_string(),
            "`log_table` must not be empty",
        ),
        (
            format!("log_table = \"{}\"", "l".repeat(64)),
            "`log_table` is 64 bytes long",
        ),
        (
            "version_table = \"app_version\"\nlog_table = \"app_version\"".to_string(),
            "`log_table` is `app_version`",
        ),
    ];
    for (config, message) in cases {
        let project = two_steps(&config);
        project
            .run(&["--url", &db.url, "upgrade", "head"])
            .fails(2)
            .says("retort.toml line")
            .says(message);
    }
    assert!(online_support::pg_tables(&mut db.client()).is_empty());

    // One byte shorter fits: the table and its `_pkc` key stay apart.
    let fits = "v".repeat(62);
    let project = two_steps(&format!("version_table = \"{fits}\""));
    project.run(&["--url", &db.url, "upgrade", "head"]).ok();
    assert_eq!(pg_versions(&mut db.client(), &fits), vec!["r2"]);
}

#[test]
fn an_existing_table_that_is_not_a_version_table_is_refused_before_anything_runs() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    client
        .batch_execute(
            "CREATE TABLE settings (id int, note text); INSERT INTO settings VALUES (1, 'keep');",
        )
        .unwrap();
    let project = two_steps("version_table = \"settings\"");
    project
        .run(&["--url", &db.url, "upgrade", "head"])
        .fails(2)
        .says("version_table `settings`")
        .says("not a version table")
        .says("Nothing was run");
    assert!(!pg_has_table(&mut client, "t1"), "no migration ran");
    assert!(!pg_has_table(&mut client, "retort_migration_log"));
    let rows: i64 = client
        .query_one("SELECT count(*) FROM settings", &[])
        .unwrap()
        .get(0);
    assert_eq!(rows, 1);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE settings (id int, note text);")
        .unwrap();
    project
        .run(&["--url", &sqlite_url(&path), "upgrade", "head"])
        .fails(2)
        .says("version_table `settings`");
    assert!(!sqlite_has_table(&path, "t1"));
    assert!(!sqlite_has_table(&path, "retort_migration_log"));
}

#[test]
fn an_existing_table_that_is_not_a_log_is_refused_before_anything_runs() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    client
        .batch_execute("CREATE TABLE audit (id int, what text);")
        .unwrap();
    let project = two_steps("log_table = \"audit\"");
    project
        .run(&["--url", &db.url, "upgrade", "head"])
        .fails(2)
        .says("log_table `audit`")
        .says("Nothing was run");
    assert!(!pg_has_table(&mut client, "alembic_version"));
    assert!(!pg_has_table(&mut client, "t1"));
}

// ---- 3. one log, several projects ---------------------------------------

/// A project whose version table is `table`, with revisions 0001 and 0002
/// whose upgrades create tables prefixed `prefix`.
fn project_with(table: &str, prefix: &str) -> Project {
    let project = Project::new(&format!("version_table = \"{table}\""));
    let first = format!("CREATE TABLE {prefix}_one (x int);");
    let second = format!("CREATE TABLE {prefix}_two (x int);");
    let drop_first = format!("DROP TABLE {prefix}_one;");
    let drop_second = format!("DROP TABLE {prefix}_two;");
    project.write(&Rev::new("0001", &[], &first, &drop_first));
    project.write(&Rev::new("0002", &["0001"], &second, &drop_second));
    project
}

fn two_projects_share_one_log(url: &str) {
    let a = project_with("a_version", "a");
    let b = project_with("b_version", "b");
    a.run(&["--url", url, "upgrade", "head"]).ok();
    b.run(&["--url", url, "upgrade", "head"]).ok();
    // Before: each saw the other's 0001/0002 rows as edits of its own.
    a.run(&["--url", url, "upgrade", "head"]).ok();
    b.run(&["--url", url, "upgrade", "head"]).ok();
    a.run(&["--url", url, "downgrade", "0001"]).ok();
    a.run(&["--url", url, "upgrade", "head"]).ok();
    b.run(&["--url", url, "upgrade", "head"]).ok();

    // An actual edit is still caught, for its own project only.
    a.write(&Rev::new(
        "0002",
        &["0001"],
        "CREATE TABLE a_two (x bigint);",
        "DROP TABLE a_two;",
    ));
    a.run(&["--url", url, "upgrade", "head"])
        .fails(2)
        .says("0002_step.sql")
        .says("-CREATE TABLE a_two (x int);")
        .says("+CREATE TABLE a_two (x bigint);");
    b.run(&["--url", url, "upgrade", "head"]).ok();
}

#[test]
fn projects_with_their_own_version_tables_share_the_log_on_postgres() {
    let db = retort_testkit::fresh_database();
    two_projects_share_one_log(&db.url);
    let owners: Vec<String> = db
        .client()
        .query(
            "SELECT DISTINCT version_table FROM retort_migration_log ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(owners, vec!["a_version", "b_version"]);
}

#[test]
fn projects_with_their_own_version_tables_share_the_log_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    two_projects_share_one_log(&sqlite_url(&dir.path().join("app.db")));
}

/// A log as earlier versions made it: no version_table, tag or
/// section_text, and raw checksums.
#[test]
fn a_log_made_by_an_earlier_version_is_brought_up_to_date() {
    use retort::revision::Direction;
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    let project = two_steps("");
    // r1 checked out with CRLF line endings when the old version ran it.
    let crlf = fs::read_to_string(project.file("r1"))
        .unwrap()
        .replace('\n', "\r\n");
    fs::write(project.file("r1"), &crlf).unwrap();
    let raw = retort::script::Script::read(&project.file("r1"))
        .unwrap()
        .section(Direction::Up)
        .raw_checksum();
    client
        .batch_execute(&format!(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, \
               CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
             INSERT INTO alembic_version VALUES ('r1');
             CREATE TABLE t1 (x int);
             CREATE TABLE retort_migration_log (
               id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
               revision VARCHAR(32) NOT NULL, direction VARCHAR(16) NOT NULL,
               checksum VARCHAR(64), started_at TIMESTAMPTZ NOT NULL,
               duration_ms BIGINT NOT NULL, db_user TEXT, os_user TEXT,
               retort_version TEXT NOT NULL);
             INSERT INTO retort_migration_log (revision, direction, checksum, started_at, duration_ms, retort_version)
               VALUES ('r1', 'up', '{raw}', now(), 1, '0.1.0');"
        ))
        .unwrap();
    // The old raw hash still counts, and the log grows its new columns.
    project.run(&["--url", &db.url, "upgrade", "head"]).ok();
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r2"]);
    let r2: (Option<String>, Option<String>) = client
        .query_one(
            "SELECT version_table, section_text FROM retort_migration_log WHERE revision = 'r2'",
            &[],
        )
        .map(|r| (r.get(0), r.get(1)))
        .unwrap();
    assert_eq!(r2.0.as_deref(), Some("alembic_version"));
    assert!(r2.1.unwrap().contains("CREATE TABLE t2"));
    // The old row names nobody; with no text on record, an edit says so.
    fs::write(project.file("r1"), crlf.replace("(x int)", "(y int)")).unwrap();
    project
        .run(&["--url", &db.url, "upgrade", "head"])
        .fails(2)
        .says("r1_step.sql")
        .says("only checksums");
}

// ---- 4. line endings -----------------------------------------------------

fn line_endings_are_not_edits(url: &str) {
    let project = two_steps("");
    project.run(&["--url", url, "upgrade", "r1"]).ok();
    // The same file checked out with CRLF line endings, and saved with a BOM.
    let lf = fs::read_to_string(project.file("r1")).unwrap();
    fs::write(project.file("r1"), lf.replace('\n', "\r\n")).unwrap();
    project.run(&["--url", url, "upgrade", "r2"]).ok();
    fs::write(project.file("r1"), format!("\u{feff}{lf}")).unwrap();
    project.run(&["--url", url, "upgrade", "head"]).ok();
    // A real edit still stops the run, and shows what changed.
    fs::write(project.file("r1"), lf.replace("(x int)", "(x text)")).unwrap();
    project
        .run(&["--url", url, "upgrade", "head"])
        .fails(2)
        .says("r1_step.sql")
        .says("-CREATE TABLE t1 (x int);")
        .says("+CREATE TABLE t1 (x text);");
}

#[test]
fn line_endings_and_a_bom_are_not_edits_on_postgres() {
    let db = retort_testkit::fresh_database();
    line_endings_are_not_edits(&db.url);
}

#[test]
fn line_endings_and_a_bom_are_not_edits_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    line_endings_are_not_edits(&sqlite_url(&dir.path().join("app.db")));
}

// ---- 5. which database --------------------------------------------------

#[test]
fn the_chosen_environment_beats_database_url() {
    let dir = tempfile::tempdir().unwrap();
    let db = |name: &str| dir.path().join(format!("{name}.db"));
    let project = two_steps(&format!(
        "url = \"{}\"\n[env.staging]\nurl = \"{}\"\n[env.bare]\nwait_timeout = 1",
        sqlite_url(&db("base")),
        sqlite_url(&db("staging")),
    ));
    let from_env = sqlite_url(&db("from_env"));
    let env = [("DATABASE_URL", from_env.as_str())];

    let staging = project.run_env(&["--env", "staging", "upgrade", "r1"], &env);
    staging
        .ok()
        .says(&format!("Database: {}", db("staging").display()));
    assert_eq!(sqlite_versions(&db("staging")), vec!["r1"]);
    assert!(!db("from_env").exists(), "DATABASE_URL lost to --env");

    // An environment that sets no url leaves DATABASE_URL in charge...
    project
        .run_env(&["--env", "bare", "upgrade", "r1"], &env)
        .ok()
        .says(&format!("Database: {}", db("from_env").display()));
    assert_eq!(sqlite_versions(&db("from_env")), vec!["r1"]);
    // ...which beats the top-level url; --url beats everything.
    project.run_env(&["upgrade", "head"], &env).ok();
    assert_eq!(sqlite_versions(&db("from_env")), vec!["r2"]);
    let explicit = sqlite_url(&db("explicit"));
    project
        .run_env(
            &["--env", "staging", "--url", &explicit, "stamp", "r2"],
            &env,
        )
        .ok()
        .says("Database: ");
    assert_eq!(sqlite_versions(&db("explicit")), vec!["r2"]);
    project.run(&["upgrade", "r1"]).ok();
    assert_eq!(sqlite_versions(&db("base")), vec!["r1"]);
    // --quiet says nothing.
    let quiet = project.run(&["-q", "upgrade", "head"]);
    quiet.ok();
    assert!(quiet.stderr.is_empty(), "{quiet:?}");
}

#[test]
fn the_database_named_on_postgres_never_shows_the_password() {
    let db = retort_testkit::fresh_database();
    let url = match &db.password_user {
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
    let user = db
        .password_user
        .as_ref()
        .map_or(db.user.clone(), |u| u.user.clone());
    let target = format!("Database: {user}@{}:{}/{}", db.host, db.port, db.dbname);
    let project = two_steps("");
    for args in [
        vec!["upgrade", "r1"],
        vec!["downgrade", "base"],
        vec!["stamp", "r2"],
    ] {
        let mut all = vec!["--url", url.as_str()];
        all.extend(args);
        project.run(&all).ok().says(&target).never_shows(SECRET);
    }
    // Reading commands do not announce themselves.
    let current = project.run(&["--url", &url, "current"]);
    current.ok();
    assert!(!current.stderr.contains("Database:"), "{current:?}");
}

// ---- 6. --tag and -x -----------------------------------------------------

#[test]
fn tags_are_recorded_in_the_log() {
    let db = retort_testkit::fresh_database();
    let project = two_steps("");
    project
        .run(&["--url", &db.url, "upgrade", "r1", "--tag", "release-7"])
        .ok();
    project
        .run(&["--url", &db.url, "stamp", "r2", "--tag", "hotfix"])
        .ok();
    let rows: Vec<(String, Option<String>)> = db
        .client()
        .query(
            "SELECT revision, tag FROM retort_migration_log ORDER BY id",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("r1".to_string(), Some("release-7".to_string())),
            ("r2".to_string(), Some("hotfix".to_string())),
            ("r1".to_string(), Some("hotfix".to_string())),
        ]
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    project
        .run(&[
            "--url",
            &sqlite_url(&path),
            "upgrade",
            "head",
            "--tag",
            "v2",
        ])
        .ok();
    let tags: Vec<String> = rusqlite::Connection::open(&path)
        .unwrap()
        .prepare("SELECT tag FROM retort_migration_log ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(tags, vec!["v2", "v2"]);
}

#[test]
fn x_arguments_are_read_in_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let project = two_steps(&format!(
        "url = \"sqlite:///{}/${{x:tenant}}.db\"\nversion_table = \"${{x:table:-alembic_version}}\"",
        dir.path().display()
    ));
    project
        .run(&[
            "-x",
            "tenant=acme",
            "-x",
            "table=acme_version",
            "upgrade",
            "head",
        ])
        .ok();
    let acme = dir.path().join("acme.db");
    assert!(sqlite_has_table(&acme, "acme_version"));
    project.run(&["-x", "tenant=other", "upgrade", "r1"]).ok();
    assert_eq!(sqlite_versions(&dir.path().join("other.db")), vec!["r1"]);

    project
        .run(&["upgrade", "head"])
        .fails(2)
        .says("retort.toml line 2")
        .says("${x:tenant}")
        .says("-x tenant=VALUE");
}
