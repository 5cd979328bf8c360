//! Entrypoint mode: `retort upgrade head --wait S -- CMD ARGS...` migrates,
//! then execs CMD — same process, so a signal sent to it reaches the
//! application; the skip switches only start it; a database that does not
//! exist yet is waited for like a server that is not up.

use crate::online_support;

use online_support::{pg_versions, Project, Run};
use std::path::Path;
use std::time::{Duration, Instant};

/// The application: says its PID once started, then waits; on SIGTERM it
/// writes TERM and exits 0.
const APP: &str = r#"trap 'echo TERM > "$1"; exit 0' TERM
echo $$ > "$2.tmp" && mv "$2.tmp" "$2"
while :; do sleep 0.05; done
"#;

fn project() -> Project {
    let project = Project::new("");
    project.chain(
        1,
        |_| "CREATE TABLE t (x int);".into(),
        |_| "DROP TABLE t;".into(),
    );
    std::fs::write(project.path().join("app.sh"), APP).unwrap();
    project
}

fn wait_for_file(path: &Path, within: Duration) -> String {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path) {
            if !text.is_empty() {
                return text;
            }
        }
        assert!(
            start.elapsed() < within,
            "{} did not appear within {within:?}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_program_replaces_retort_and_receives_its_signals() {
    let db = retort_testkit::fresh_database();
    let project = project();
    let got = project.path().join("got");
    let pid_file = project.path().join("pid");
    let child = project.spawn(&[
        "--url",
        &db.url,
        "upgrade",
        "head",
        "--wait",
        "60",
        "--",
        "sh",
        "app.sh",
        got.to_str().unwrap(),
        pid_file.to_str().unwrap(),
    ]);
    let app_pid = wait_for_file(&pid_file, Duration::from_secs(20));
    // exec: the application is the process retort was, not a child of it.
    assert_eq!(app_pid.trim(), child.id().to_string());
    // Migrated before it started.
    assert_eq!(pg_versions(&mut db.client(), "alembic_version"), vec!["r1"]);

    let sent = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let run = Run::from(child.wait_with_output().unwrap());
    assert_eq!(run.code, 0, "the application's own exit: {run:?}");
    assert_eq!(std::fs::read_to_string(&got).unwrap().trim(), "TERM");
    assert!(run.stderr.contains("Running upgrade  -> r1"), "{run:?}");
}

#[test]
fn a_skip_switch_starts_the_program_without_migrating() {
    let dir = tempfile::tempdir().unwrap();
    let project = project();
    for switch in ["RETORT_SKIP_MIGRATION", "SKIP_MIGRATION"] {
        let db = dir.path().join(format!("{switch}.db"));
        let url = format!("sqlite:///{}", db.display());
        let marker = project.path().join(switch);
        let run = project.run_env(
            &[
                "--url",
                &url,
                "upgrade",
                "head",
                "--",
                "sh",
                "-c",
                "echo started > \"$0\"",
                marker.to_str().unwrap(),
            ],
            &[(switch, "true")],
        );
        run.ok().says(&format!("{switch} is set: not migrating"));
        assert_eq!(std::fs::read_to_string(&marker).unwrap().trim(), "started");
        assert!(!db.exists(), "{switch}: the database was not touched");
    }
    // A value that is neither true nor false is refused, nothing started.
    let marker = project.path().join("never");
    project
        .run_env(
            &["upgrade", "head", "--", "touch", marker.to_str().unwrap()],
            &[("SKIP_MIGRATION", "perhaps")],
        )
        .fails(2)
        .says("SKIP_MIGRATION=perhaps");
    assert!(!marker.exists());
}

#[test]
fn a_failed_migration_starts_nothing() {
    let project = Project::new("");
    project.chain(
        1,
        |_| "CREATE TABLE broken (;".into(),
        |_| "SELECT 1;".into(),
    );
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:///{}", dir.path().join("app.db").display());
    let marker = project.path().join("started");
    project
        .run(&[
            "--url",
            &url,
            "upgrade",
            "head",
            "--",
            "touch",
            marker.to_str().unwrap(),
        ])
        .fails(1);
    assert!(
        !marker.exists(),
        "the application must not start on a failed migration"
    );
    // A program that cannot be started: the shell's status for it.
    let project = self::project();
    let url = format!("sqlite:///{}", dir.path().join("ok.db").display());
    project
        .run(&["--url", &url, "upgrade", "head", "--", "/no/such/program"])
        .fails(127)
        .says("cannot start /no/such/program");
}

#[test]
fn a_database_created_while_waiting_is_migrated_then_the_program_starts() {
    let db = retort_testkit::fresh_database();
    let late = format!("{}_late", db.dbname);
    let (server_url, _) = db.url.rsplit_once('/').unwrap();
    let url = format!("{server_url}/{late}");
    let project = project();
    let marker = project.path().join("started");
    let child = project.spawn(&[
        "--url",
        &url,
        "upgrade",
        "head",
        "--wait",
        "60",
        "--",
        "touch",
        marker.to_str().unwrap(),
    ]);
    // The server answers "database ... does not exist" meanwhile.
    std::thread::sleep(Duration::from_millis(800));
    retort_testkit::server().admin(&format!("CREATE DATABASE {late}"));
    let run = Run::from(child.wait_with_output().unwrap());
    run.ok();
    assert!(
        run.stderr.contains("waiting for the database server"),
        "{run:?}"
    );
    assert!(marker.exists());
    let mut config = postgres::Config::new();
    config
        .host(&db.host)
        .port(db.port)
        .user(&db.user)
        .dbname(&late);
    if let Some(password) = &db.password {
        config.password(password);
    }
    let mut client = config.connect(postgres::NoTls).unwrap();
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r1"]);
    drop(client);
    retort_testkit::server().admin(&format!("DROP DATABASE {late}"));
}
