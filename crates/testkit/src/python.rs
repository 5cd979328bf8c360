//! A Python virtual environment with the packages in
//! `python-requirements.txt` (SQLAlchemy, Alembic, pgvector, a PostgreSQL
//! driver, a PostgreSQL build with pgvector), made on first use under the
//! target directory and kept for later runs.
//!
//! `RETORT_TEST_PYTHON` names an interpreter to use instead. Without
//! either, the tests that need Python fail: they are never skipped.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The environment variable naming a Python interpreter to use instead of
/// the environment made here.
pub const PYTHON_VAR: &str = "RETORT_TEST_PYTHON";

const REQUIREMENTS: &str = include_str!("../python-requirements.txt");

/// Installing from the package index takes a minute on a cold machine; ten
/// is long past a healthy install and still ends a stuck one.
const INSTALL_DEADLINE: Duration = Duration::from_secs(600);

/// The interpreter of the test environment, made on first use.
pub fn python() -> &'static Path {
    static PYTHON: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let result = PYTHON.get_or_init(|| match std::env::var(PYTHON_VAR) {
        Ok(path) if !path.is_empty() => Ok(PathBuf::from(path)),
        _ => make_environment(),
    });
    match result {
        Ok(path) => path,
        Err(why) => panic!(
            "no Python environment for the tests: {why}\n\
             Install python3 with its venv module (apt-get install python3-venv), \
             or set {PYTHON_VAR} to an interpreter that has the packages in \
             crates/testkit/python-requirements.txt."
        ),
    }
}

/// Makes (or finds) `target/test-python-<hash of the requirements>`. It is
/// built in a directory of its own and renamed into place, so that two
/// test processes starting together never use a half-made environment.
fn make_environment() -> Result<PathBuf, String> {
    let target = target_dir();
    let name = format!("test-python-{:016x}", fnv1a(REQUIREMENTS.as_bytes()));
    let home = target.join(&name);
    let python = home.join("bin/python");
    if python.exists() {
        return Ok(python);
    }
    std::fs::create_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
    let building = target.join(format!("{name}.building-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&building);
    let base = std::env::var("PYTHON3").unwrap_or_else(|_| "python3".to_string());
    run(Command::new(&base).args(["-m", "venv"]).arg(&building))?;
    let requirements = building.join("requirements.txt");
    std::fs::write(&requirements, REQUIREMENTS).map_err(|e| e.to_string())?;
    run(Command::new(building.join("bin/python"))
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
        ])
        .arg(&requirements))?;
    // Another process may have finished first: then use its environment.
    if std::fs::rename(&building, &home).is_err() {
        let _ = std::fs::remove_dir_all(&building);
    }
    if python.exists() {
        Ok(python)
    } else {
        Err(format!("{} was not made", python.display()))
    }
}

/// Runs a set-up command to its end, or kills it at the deadline.
fn run(command: &mut Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{shown}: {e}"))?;
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            if status.success() {
                return Ok(());
            }
            let mut stderr = String::new();
            if let Some(mut pipe) = child.stderr.take() {
                use std::io::Read;
                let _ = pipe.read_to_string(&mut stderr);
            }
            return Err(format!("{shown} failed ({status}): {stderr}"));
        }
        if started.elapsed() > INSTALL_DEADLINE {
            let _ = child.kill();
            return Err(format!("{shown} did not finish in {INSTALL_DEADLINE:?}"));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"),
    }
}

/// A stable hash (unlike `DefaultHasher`, the same in every build), so the
/// environment's name changes exactly when the requirements do.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}
