//! The `retort-migrate` Python wheel: built with maturin from
//! crates/retort-cli/pyproject.toml, installed into a fresh virtual
//! environment, and run from the environment's bin/ as a Python team would
//! after `pip install retort-migrate`: `--version`, and a SQLite migration.
//!
//! The wheel is built with the dev profile into the workspace's target
//! directory, so the binary the other tests built is reused rather than
//! everything rebuilt in release mode, and stored uncompressed (a debug
//! binary is large; compressing it is most of the build's time).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

fn run(command: &mut Command) -> Output {
    let shown = format!("{command:?}");
    let output = command.output().unwrap_or_else(|e| panic!("{shown}: {e}"));
    assert!(
        output.status.success(),
        "{shown} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn the_wheel_installs_retort_into_a_virtual_environment_and_migrates() {
    let python = retort_testkit::python();
    let scratch = tempfile::tempdir().unwrap();
    let wheels = scratch.path().join("wheels");

    let started = Instant::now();
    let mut maturin = Command::new(python);
    // Cargo gives this test process its package's variables
    // (CARGO_MANIFEST_DIR...); build scripts that watch one (ring's does)
    // would see it changed and compile again. The maturin run gets the
    // environment cargo itself had.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("CARGO_") && name != "CARGO_HOME" && name != "CARGO_TARGET_DIR" {
            maturin.env_remove(name.as_ref());
        }
    }
    let build = run(maturin
        .args(["-m", "maturin", "build", "--profile", "dev"])
        .args(["--compression-method", "stored", "--compatibility", "linux"])
        .arg("--manifest-path")
        .arg(workspace().join("crates/retort-cli/Cargo.toml"))
        .arg("--out")
        .arg(&wheels)
        // The tests' target directory (CARGO_TARGET_DIR, if set, is
        // passed on), where the binary is already built.
        .current_dir(workspace()));
    // Cargo found the binary the tests use up to date: had it compiled
    // one, it would have replaced target/debug/retort while other tests
    // run it (and cost CI minutes). See num-traits in Cargo.toml.
    let log = String::from_utf8_lossy(&build.stderr);
    assert!(
        !log.contains("Compiling "),
        "the wheel's build did not reuse the tests' build of retort:\n{log}"
    );
    let built = started.elapsed();
    let wheel: Vec<PathBuf> = std::fs::read_dir(&wheels)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(wheel.len(), 1, "{wheel:?}");
    let name = wheel[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with(&format!(
            "retort_migrate-{}-py3-none-",
            env!("CARGO_PKG_VERSION")
        )),
        "{name}"
    );

    // A fresh environment with nothing but the wheel. It is made without
    // pip of its own (installing pip is most of `venv`'s time): the test
    // environment's pip installs into it.
    let venv = scratch.path().join("venv");
    run(Command::new("python3")
        .args(["-m", "venv", "--without-pip"])
        .arg(&venv));
    run(Command::new(python)
        .args(["-m", "pip", "--python"])
        .arg(venv.join("bin/python"))
        .args(["install", "--quiet", "--no-index", "--no-deps"])
        .arg(&wheel[0]));
    eprintln!(
        "wheel: built in {built:?}, installed after {:?}",
        started.elapsed()
    );
    let retort = venv.join("bin/retort");

    let version = run(Command::new(&retort).arg("--version"));
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("retort {}", env!("CARGO_PKG_VERSION"))
    );

    // A project migrated by the installed binary.
    let project = scratch.path().join("project");
    std::fs::create_dir(&project).unwrap();
    let retort_in = |args: &[&str]| {
        run(Command::new(&retort)
            .args(args)
            .current_dir(&project)
            .env_remove("DATABASE_URL")
            .env_remove("RETORT_CONFIG"))
    };
    retort_in(&["init"]);
    retort_in(&["revision", "-m", "create users", "--rev-id", "a1"]);
    let versions = project.join("migrations/versions");
    let file = std::fs::read_dir(&versions)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text
        .replace(
            "-- retort:upgrade\n",
            "-- retort:upgrade\nCREATE TABLE users (id integer PRIMARY KEY);\n",
        )
        .replace(
            "-- retort:downgrade\n",
            "-- retort:downgrade\nDROP TABLE users;\n",
        );
    std::fs::write(&file, text).unwrap();
    retort_in(&["upgrade", "head"]);
    let current = retort_in(&["current"]);
    assert!(String::from_utf8_lossy(&current.stdout).contains("a1 (head)"));
    let db = rusqlite::Connection::open(project.join("app.db")).unwrap();
    let tables: i64 = db
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'users'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 1);
}
