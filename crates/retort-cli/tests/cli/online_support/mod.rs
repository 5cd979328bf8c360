//! Shared support for the `online_*` tests: a project on disk whose
//! revisions are written by the test, and the `retort` binary run against
//! a real database with a controlled environment.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// A distinctive password: if it shows up in any output, something leaked.
pub const SECRET: &str = "S3cr3t-pw-9z";

/// One revision of a test project.
pub struct Rev<'a> {
    pub id: &'a str,
    pub down: &'a [&'a str],
    pub upgrade: &'a str,
    pub downgrade: &'a str,
    /// Options after `-- retort:upgrade`, e.g. "no-transaction".
    pub upgrade_options: &'a str,
}

impl<'a> Rev<'a> {
    pub fn new(id: &'a str, down: &'a [&'a str], upgrade: &'a str, downgrade: &'a str) -> Self {
        Rev {
            id,
            down,
            upgrade,
            downgrade,
            upgrade_options: "",
        }
    }
}

/// A project directory with a retort.toml and `migrations/versions`.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// `extra_config` is appended to retort.toml (e.g. `url = "..."`).
    pub fn new(extra_config: &str) -> Project {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("migrations/versions")).unwrap();
        fs::write(
            dir.path().join("retort.toml"),
            format!("script_location = \"migrations\"\n{extra_config}\n"),
        )
        .unwrap();
        Project { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, id: &str) -> PathBuf {
        self.path()
            .join(format!("migrations/versions/{id}_step.sql"))
    }

    pub fn write(&self, rev: &Rev<'_>) {
        let text = format!(
            "-- step {id}\n--\n-- Revision ID: {id}\n-- Revises: {down}\n-- Create Date: 2026-01-01 00:00:00\n\n-- retort:upgrade {opts}\n{up}\n\n-- retort:downgrade\n{downgrade}\n",
            id = rev.id,
            down = rev.down.join(", "),
            opts = rev.upgrade_options,
            up = rev.upgrade,
            downgrade = rev.downgrade,
        );
        fs::write(self.file(rev.id), text).unwrap();
    }

    /// A linear chain r1 <- r2 <- ... <- rN, each upgrade running `up(i)`
    /// and each downgrade `down(i)`.
    pub fn chain(&self, n: usize, up: impl Fn(usize) -> String, down: impl Fn(usize) -> String) {
        for i in 1..=n {
            let id = format!("r{i}");
            let parent = format!("r{}", i - 1);
            let parents: Vec<&str> = if i == 1 {
                vec![]
            } else {
                vec![parent.as_str()]
            };
            let (u, d) = (up(i), down(i));
            self.write(&Rev::new(&id, &parents, &u, &d));
        }
    }

    /// A command for the binary in this project, with no database or libpq
    /// settings inherited from the environment.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = crate::common::retort_command();
        cmd.current_dir(self.path()).args(args);
        for var in [
            "DATABASE_URL",
            "RETORT_CONFIG",
            "PGPASSWORD",
            "PGHOST",
            "PGPORT",
            "PGUSER",
            "PGDATABASE",
            "PGPASSFILE",
            "PGSERVICE",
            "PGSSLMODE",
        ] {
            cmd.env_remove(var);
        }
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().expect("run retort"))
    }

    /// A run whose language only `locale` chooses (`LANG`, `LC_ALL`,
    /// `RETORT_LANG`...): nothing inherited from the harness or the machine.
    pub fn run_in_locale(&self, args: &[&str], locale: &[(&str, &str)]) -> Run {
        let mut cmd = self.command(args);
        crate::common::forget_language(&mut cmd).envs(locale.iter().copied());
        Run::from(cmd.output().expect("run retort"))
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = self.command(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        Run::from(cmd.output().expect("run retort"))
    }

    pub fn spawn(&self, args: &[&str]) -> Child {
        self.command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn retort")
    }
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    #[track_caller]
    pub fn ok(&self) -> &Self {
        assert_eq!(self.code, 0, "expected success, got {self:?}");
        self
    }

    #[track_caller]
    pub fn fails(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "expected exit {code}, got {self:?}");
        assert!(
            !self.stderr.trim().is_empty(),
            "a failure must say why: {self:?}"
        );
        self
    }

    #[track_caller]
    pub fn says(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle) || self.stdout.contains(needle),
            "expected output to mention {needle:?}, got {self:?}"
        );
        self
    }

    #[track_caller]
    pub fn never_shows(&self, secret: &str) -> &Self {
        assert!(
            !self.stdout.contains(secret) && !self.stderr.contains(secret),
            "output shows the secret {secret:?}: {self:?}"
        );
        self
    }
}

/// The version table's rows on PostgreSQL, sorted; empty when missing.
pub fn pg_versions(client: &mut postgres::Client, table: &str) -> Vec<String> {
    let exists: bool = client
        .query_one("SELECT to_regclass($1) IS NOT NULL", &[&table])
        .unwrap()
        .get(0);
    if !exists {
        return Vec::new();
    }
    let mut rows: Vec<String> = client
        .query(&format!("SELECT version_num FROM {table}"), &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    rows.sort();
    rows
}

/// The user tables in `public`, sorted.
pub fn pg_tables(client: &mut postgres::Client) -> Vec<String> {
    client
        .query(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables \
             WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

/// The version table's rows in a SQLite file, sorted; empty when missing.
pub fn sqlite_versions(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let exists: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'alembic_version'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    if !exists {
        return Vec::new();
    }
    let mut stmt = conn
        .prepare("SELECT version_num FROM alembic_version")
        .unwrap();
    let mut rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    rows.sort();
    rows
}

/// Polls `count_sql` (a `SELECT count(*) ...` with `params`) until it is
/// above zero; fails the test, naming `what`, after 20 s.
pub fn wait_for_count(
    client: &mut postgres::Client,
    count_sql: &str,
    params: &[&(dyn postgres::types::ToSql + Sync)],
    what: &str,
) {
    let started = std::time::Instant::now();
    loop {
        let count: i64 = client.query_one(count_sql, params).unwrap().get(0);
        if count > 0 {
            return;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{what} never happened"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// r1 creates a table; r2's upgrade fails on its second statement (line 9
/// of its file: the marker is on line 7).
pub fn failing_project(config: &str) -> Project {
    let project = Project::new(config);
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE a (x int);",
        "DROP TABLE a;",
    ));
    project.write(&Rev::new(
        "r2",
        &["r1"],
        "CREATE TABLE b (x int);\nSELECT * FROM no_such_table;",
        "DROP TABLE b;",
    ));
    project
}
