//! `revision --autogenerate`, `check` and `diff` against a real server.

use crate::common;

use common::retort;
use std::fs;
use std::path::Path;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn project(url: &str, schema: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("retort.toml"),
        format!("script_location = \"migrations\"\nurl = \"{url}\"\n"),
    )
    .unwrap();
    fs::create_dir_all(dir.path().join("migrations/versions")).unwrap();
    fs::write(dir.path().join("schema.sql"), schema).unwrap();
    dir
}

fn versions(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir(dir.join("migrations/versions"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    files.sort();
    files
}

/// The tests count scratch databases server-wide, so they take turns, and
/// `verify`'s tests, which make scratch databases too, take theirs.
pub(crate) static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

pub(crate) fn scratch_databases(db: &retort_testkit::TestDatabase) -> i64 {
    db.client()
        .query_one(
            "SELECT count(*) FROM pg_database WHERE datname LIKE 'retort\\_scratch\\_%'",
            &[],
        )
        .unwrap()
        .get(0)
}

#[test]
fn autogenerate_check_and_diff_round_trip() {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let db = retort_testkit::fresh_database();
    let dir = project(
        &db.url,
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n",
    );
    let path = dir.path();

    let out = retort(path, &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("add table public.users"));

    let out = retort(path, &["diff"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("CREATE TABLE public.users"));

    let out = retort(path, &["revision", "--autogenerate", "-m", "add users"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let files = versions(path);
    assert_eq!(files.len(), 1);
    assert!(
        files[0].contains("CREATE TABLE public.users"),
        "{}",
        files[0]
    );
    assert!(
        files[0].contains("DROP TABLE public.users;"),
        "{}",
        files[0]
    );

    // Not at head: autogenerate refuses.
    fs::write(
        path.join("schema.sql"),
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name text);\n",
    )
    .unwrap();
    let out = retort(path, &["revision", "--autogenerate", "-m", "early"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Target database is not up to date"));
    let out = retort(path, &["check"]);
    assert_eq!(out.status.code(), Some(2), "check needs the head too");
    assert!(text(&out.stderr).contains("Target database is not up to date"));

    let out = retort(path, &["upgrade", "head"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = retort(path, &["revision", "--autogenerate", "-m", "add name"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(versions(path).len(), 2);
    let out = retort(path, &["upgrade", "head"]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    // In sync: check passes, autogenerate writes nothing.
    let out = retort(path, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let out = retort(path, &["revision", "--autogenerate", "-m", "nothing"]);
    assert!(out.status.success());
    assert!(text(&out.stderr).contains("No changes"));
    assert_eq!(versions(path).len(), 2);
    let out = retort(
        path,
        &["revision", "--autogenerate", "--allow-empty", "-m", "empty"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(versions(path).len(), 3);

    // A table rename on request, rather than drop and add.
    let out = retort(path, &["upgrade", "head"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    fs::write(
        path.join("schema.sql"),
        "CREATE TABLE people (id bigint PRIMARY KEY, email text NOT NULL, name text);\n",
    )
    .unwrap();
    let out = retort(path, &["revision", "--autogenerate", "-m", "guess"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let guessed = versions(path)
        .into_iter()
        .find(|f| f.contains("guess"))
        .expect("the guess revision");
    assert!(
        guessed.contains("--rename public.users=people"),
        "{guessed}"
    );
    for file in fs::read_dir(path.join("migrations/versions")).unwrap() {
        let file = file.unwrap().path();
        if fs::read_to_string(&file).unwrap().contains("guess") {
            fs::remove_file(file).unwrap();
        }
    }
    let out = retort(
        path,
        &[
            "revision",
            "--autogenerate",
            "--rename",
            "users=people",
            "-m",
            "rename",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let renamed = versions(path)
        .into_iter()
        .find(|f| f.contains("rename"))
        .expect("the rename revision");
    assert!(
        renamed.contains("ALTER TABLE public.users RENAME TO people;"),
        "{renamed}"
    );
    assert!(!renamed.contains("DROP TABLE"), "{renamed}");
    let out = retort(path, &["upgrade", "head"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = retort(path, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));

    // And back down: the downgrade sections undo it all.
    let out = retort(path, &["downgrade", "base"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = retort(path, &["diff", "--to", "empty.sql"]);
    assert_eq!(out.status.code(), Some(2), "a missing file is bad usage");
    fs::write(path.join("empty.sql"), "").unwrap();
    let out = retort(path, &["diff", "--to", "empty.sql"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "",
        "database should be empty after downgrade"
    );
    assert_eq!(scratch_databases(&db), 0);
}

#[test]
fn a_broken_schema_file_is_named_and_the_scratch_database_dropped() {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let db = retort_testkit::fresh_database();
    let dir = project(
        &db.url,
        "CREATE TABLE ok (id int);\nCREATE TABLE broken (id nosuchtype);\n",
    );
    let out = retort(dir.path(), &["check"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("schema.sql:2"), "{err}");
    assert!(err.contains("nosuchtype"), "{err}");
    assert_eq!(scratch_databases(&db), 0);
}

/// At a terminal, a dropped and an added table of the same shape are
/// offered as a rename; `y` makes it one. `script` gives the command a
/// pseudo-terminal, as a person running it would have.
#[test]
fn a_rename_is_asked_about_at_a_terminal() {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let db = retort_testkit::fresh_database();
    db.client()
        .batch_execute("CREATE TABLE users (id bigint PRIMARY KEY, email text);")
        .unwrap();
    let dir = project(
        &db.url,
        "CREATE TABLE people (id bigint PRIMARY KEY, email text);\n",
    );
    let out = common::retort_at_terminal(
        dir.path(),
        &["revision", "--autogenerate", "-m", "renamed"],
        "y\n",
    );
    let shown = text(&out.stdout);
    assert!(out.status.success(), "{shown}{}", text(&out.stderr));
    assert!(
        shown.contains("Is it a rename (--rename public.users=people)?"),
        "{shown}"
    );
    let files = versions(dir.path());
    assert_eq!(files.len(), 1);
    assert!(
        files[0].contains("ALTER TABLE public.users RENAME TO people;"),
        "{}",
        files[0]
    );
    assert!(!files[0].contains("DROP TABLE"), "{}", files[0]);
}

/// Ctrl-C while the target schema loads: the scratch database goes too.
#[test]
fn an_interrupted_check_drops_the_scratch_database() {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let db = retort_testkit::fresh_database();
    // The load stops here long enough to be interrupted.
    let dir = project(&db.url, "CREATE TABLE t (id int);\nSELECT pg_sleep(60);\n");
    let child = crate::common::retort_command()
        .arg("check")
        .env("RETORT_CACHE_DIR", "off")
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while scratch_databases(&db) == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "no scratch database appeared"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", text(&out.stderr));
    assert_eq!(scratch_databases(&db), 0, "{}", text(&out.stderr));
}

/// A loaded target schema is kept: the same load again comes from the
/// cache and needs no scratch database, shown here by a dev server role
/// that may not create one. A changed file, or `--no-cache`, loads again.
#[test]
fn the_same_target_schema_comes_from_the_cache() {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let db = retort_testkit::fresh_database();
    let role = format!("nocreate_{}", std::process::id());
    db.client()
        .batch_execute(&format!(
            "DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN NOCREATEDB PASSWORD 'pw-{role}'"
        ))
        .unwrap();
    let no_create_url = db.url_as(&role, Some(&format!("pw-{role}")));
    let dir = project(&db.url, "CREATE TABLE t (id int);\n");
    let cache = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        crate::common::retort_command()
            .args(args)
            .current_dir(dir.path())
            .env("RETORT_CACHE_DIR", cache.path())
            .output()
            .unwrap()
    };
    let first = run(&["check"]);
    assert_eq!(first.status.code(), Some(1), "{}", text(&first.stderr));
    assert!(text(&first.stdout).contains("add table public.t"));
    assert_eq!(fs::read_dir(cache.path()).unwrap().count(), 1);

    let cached = run(&["check", "--dev-url", &no_create_url]);
    assert_eq!(cached.status.code(), Some(1), "{}", text(&cached.stderr));
    assert_eq!(text(&cached.stdout), text(&first.stdout));

    let uncached = run(&["check", "--no-cache", "--dev-url", &no_create_url]);
    assert!(
        text(&uncached.stderr).contains("cannot create the scratch database"),
        "{}",
        text(&uncached.stderr)
    );
    fs::write(
        dir.path().join("schema.sql"),
        "CREATE TABLE t (id bigint);\n",
    )
    .unwrap();
    let changed = run(&["check", "--dev-url", &no_create_url]);
    assert!(
        text(&changed.stderr).contains("cannot create the scratch database"),
        "{}",
        text(&changed.stderr)
    );
    db.client()
        .batch_execute(&format!("DROP ROLE {role}"))
        .unwrap();
    assert_eq!(scratch_databases(&db), 0);
}

/// The scratch databases whose names say `pid` made them.
fn scratch_databases_of(db: &retort_testkit::TestDatabase, pid: u32) -> Vec<String> {
    db.client()
        .query(
            "SELECT datname::text FROM pg_database WHERE datname LIKE $1 ORDER BY 1",
            &[&format!("retort\\_scratch\\_p{pid}\\_%")],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect()
}

/// `retort check` on a target schema that stops to sleep, started and left
/// running until its scratch database exists; that database's name.
// The child is handed to the caller, which waits for it.
#[allow(clippy::zombie_processes)]
fn check_loading_slowly(
    dir: &Path,
    db: &retort_testkit::TestDatabase,
) -> (std::process::Child, String) {
    let mut child = crate::common::retort_command()
        .arg("check")
        .env("RETORT_CACHE_DIR", "off")
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        if let Some(name) = scratch_databases_of(db, child.id()).pop() {
            // Wait until the load is under way, so the database is in use.
            let loading: bool = db
                .client()
                .query_one(
                    "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = $1 \
                     AND query LIKE '%pg_sleep%')",
                    &[&name],
                )
                .unwrap()
                .get(0);
            if loading {
                return (child, name);
            }
        }
        if std::time::Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("no scratch database appeared");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn database_exists(db: &retort_testkit::TestDatabase, name: &str) -> bool {
    db.client()
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)",
            &[&name],
        )
        .unwrap()
        .get(0)
}

/// `kill -9` drops nothing: the scratch database stays behind, still busy
/// with the killed run's statement. The next run drops it, whether it
/// loads its own target schema or finds it in the cache.
#[test]
fn a_killed_check_leaves_a_scratch_database_the_next_run_drops() {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    for cached in [false, true] {
        let db = retort_testkit::fresh_database();
        let quick = "CREATE TABLE t (id int);\n";
        let dir = project(&db.url, quick);
        let cache = tempfile::tempdir().unwrap();
        let cache_dir = if cached {
            cache.path().to_str().unwrap()
        } else {
            "off"
        };
        let check = |cache_dir: &str| {
            crate::common::retort_command()
                .arg("check")
                .env("RETORT_CACHE_DIR", cache_dir)
                .current_dir(dir.path())
                .output()
                .unwrap()
        };
        // Puts the quick schema in the cache (when there is one).
        assert_eq!(check(cache_dir).status.code(), Some(1));

        fs::write(
            dir.path().join("schema.sql"),
            "CREATE TABLE t (id int);\nSELECT pg_sleep(60);\n",
        )
        .unwrap();
        let (mut child, leftover) = check_loading_slowly(dir.path(), &db);
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(database_exists(&db, &leftover), "{leftover} went by itself");

        fs::write(dir.path().join("schema.sql"), quick).unwrap();
        let out = check(cache_dir);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        assert!(text(&out.stdout).contains("add table public.t"));
        assert!(
            !database_exists(&db, &leftover),
            "cached {cached}: {leftover} is still there: {}",
            text(&out.stderr)
        );
        assert_eq!(scratch_databases(&db), 0);
    }
}

/// Another run's scratch database is left alone while that run lives: the
/// second `check` runs to its end in the middle of the first one's load,
/// and the first still finds its database and reports.
#[test]
fn a_scratch_database_in_use_is_not_dropped_by_another_run() {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let db = retort_testkit::fresh_database();
    let slow = project(&db.url, "CREATE TABLE t (id int);\nSELECT pg_sleep(4);\n");
    let (first, in_use) = check_loading_slowly(slow.path(), &db);

    let quick = project(&db.url, "CREATE TABLE u (id int);\n");
    let out = retort(quick.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(database_exists(&db, &in_use), "a live run's database went");

    let out = first.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("add table public.t"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(scratch_databases(&db), 0);
}
