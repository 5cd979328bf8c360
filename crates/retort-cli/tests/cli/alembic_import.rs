//! `retort import alembic` end to end, against Alembic itself: the test
//! projects in `tests/data/alembic_pg` and `tests/data/alembic_sqlite` are
//! converted, then walked one revision at a time, up and down, by Alembic
//! on one database and by retort on another; the schemas must be the same
//! after every step. Alembic's steps run in one Python process (the
//! `DRIVER` below) to keep the test short.

use crate::common::{retort, stderr, stdout};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const PG_STEPS_UP: &[&str] = &[
    "1f3a5b7c9d01",
    "2b4c6d8e0f12",
    "3c5d7e9f1a23",
    "4d6e8f0a2b34",
    "5e7f9a1b3c45",
    "6f8a0b2c4d56",
    "7a9b1c3d5e67",
    "8b0c2d4e6f78",
    "9c1d3e5f7a89",
    "a0b2c4d6e8f0",
];
const PG_STEPS_DOWN: &[&str] = &[
    "9c1d3e5f7a89",
    "8b0c2d4e6f78",
    "7a9b1c3d5e67",
    "5e7f9a1b3c45",
    "4d6e8f0a2b34",
    "3c5d7e9f1a23",
    "2b4c6d8e0f12",
    "1f3a5b7c9d01",
    "base",
];
/// Where a database is left by Alembic before retort takes it over.
const PG_HALF_WAY: &str = "4d6e8f0a2b34";

const SQLITE_STEPS_UP: &[&str] = &[
    "0a1b2c3d4e5f",
    "1b2c3d4e5f60",
    "2c3d4e5f6071",
    "3d4e5f607182",
    "4e5f60718293",
];
const SQLITE_STEPS_DOWN: &[&str] = &["2c3d4e5f6071", "1b2c3d4e5f60", "0a1b2c3d4e5f", "base"];

/// Runs Alembic's steps in one process. argv: ini, url, output directory,
/// pg_dump (or "" for SQLite), then `up:REV` / `down:REV` steps and
/// `half:URL:REV` (upgrade another database to REV). After each step the
/// schema (pg_dump) goes to `<n>.sql`; `history.txt` and `heads.txt`
/// hold Alembic's listings.
pub(crate) const DRIVER: &str = r#"
import io, subprocess, sys
from alembic import command
from alembic.config import Config

ini, url, out, pg_dump = sys.argv[1:5]
def config(target_url, stdout=None):
    cfg = Config(ini, stdout=stdout or sys.stdout)
    # SQLAlchemy 2.1's default PostgreSQL driver is psycopg 3; the tests have psycopg2.
    cfg.set_main_option("sqlalchemy.url", target_url.replace("postgresql://", "postgresql+psycopg2://"))
    return cfg
for n, step in enumerate(sys.argv[5:]):
    kind, rest = step.split(":", 1)
    if kind == "half":
        target_url, rev = rest.rsplit(":", 1)
        command.upgrade(config(target_url), rev)
        continue
    (command.upgrade if kind == "up" else command.downgrade)(config(url), rest)
    if pg_dump:
        dump = subprocess.run([pg_dump, "--schema-only", "--no-owner", "-d", url],
                              check=True, capture_output=True, text=True).stdout
        open("%s/%d.sql" % (out, n), "w").write(dump)
for name, fn in (("history", command.history), ("heads", command.heads)):
    buf = io.StringIO()
    fn(config(url, buf))
    open("%s/%s.txt" % (out, name), "w").write(buf.getvalue())
"#;

pub(crate) fn data(project: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(project)
}

pub(crate) fn pg_bin(name: &str) -> PathBuf {
    let from_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    let candidates = [
        from_config,
        Some(PathBuf::from("/usr/lib/postgresql/15/bin")),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(|dir| dir.join(name))
        .find(|p| p.exists())
        .unwrap_or_else(|| PathBuf::from(name))
}

/// The schema, without what differs for reasons other than the
/// migrations: retort's log table, and pg_dump's per-run lines.
pub(crate) fn normalize_dump(dump: &str) -> String {
    let mut out = Vec::new();
    let mut skipping = false;
    for line in dump.lines() {
        if line.starts_with("\\restrict") || line.starts_with("\\unrestrict") {
            continue;
        }
        if line.starts_with("-- Name: retort_migration_log") {
            skipping = true;
        } else if line.starts_with("-- Name: ")
            || line.starts_with("-- PostgreSQL database dump complete")
        {
            skipping = false;
        }
        if !skipping {
            out.push(line);
        }
    }
    out.join("\n")
}

pub(crate) fn pg_dump(url: &str) -> String {
    let output = Command::new(pg_bin("pg_dump"))
        .args(["--schema-only", "--no-owner", "-d", url])
        .output()
        .expect("run pg_dump");
    assert!(output.status.success(), "pg_dump: {}", stderr(&output));
    normalize_dump(&stdout(&output))
}

/// Runs the driver; returns the directory of its outputs.
pub(crate) fn run_alembic(
    ini: &Path,
    url: &str,
    pg_dump: &str,
    steps: &[String],
) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(retort_testkit::python())
        .arg("-c")
        .arg(DRIVER)
        .arg(ini)
        .arg(url)
        .arg(out.path())
        .arg(pg_dump)
        .args(steps)
        .current_dir(ini.parent().unwrap())
        .output()
        .expect("run Alembic");
    assert!(
        output.status.success(),
        "Alembic failed: {}",
        stderr(&output)
    );
    out
}

/// A retort project on `url` that runs the test environment's Python.
pub(crate) fn new_project(url: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("migrations/versions")).unwrap();
    fs::write(
        dir.path().join("retort.toml"),
        format!(
            "script_location = \"migrations\"\nurl = \"{url}\"\npython = \"{}\"\n",
            retort_testkit::python().display()
        ),
    )
    .unwrap();
    dir
}

pub(crate) fn ok(dir: &Path, args: &[&str]) -> String {
    let output = retort(dir, args);
    assert!(
        output.status.success(),
        "retort {args:?} failed: {}{}",
        stdout(&output),
        stderr(&output)
    );
    stdout(&output)
}

fn steps(up: &[&str], down: &[&str]) -> Vec<String> {
    up.iter()
        .map(|r| format!("up:{r}"))
        .chain(down.iter().map(|r| format!("down:{r}")))
        .collect()
}

#[test]
fn a_postgres_history_converts_and_matches_alembic_step_by_step() {
    let alembic_db = retort_testkit::fresh_database();
    let retort_db = retort_testkit::fresh_database();
    let half_db = retort_testkit::fresh_database();
    let ini = data("alembic_pg").join("alembic.ini");

    let mut alembic_steps = steps(PG_STEPS_UP, PG_STEPS_DOWN);
    alembic_steps.push(format!("half:{}:{PG_HALF_WAY}", half_db.url));
    let dump = pg_bin("pg_dump");
    let alembic = run_alembic(
        &ini,
        &alembic_db.url,
        &dump.to_string_lossy(),
        &alembic_steps,
    );

    let project = new_project(&retort_db.url);
    let dir = project.path();
    let output = retort(dir, &["import", "alembic", "--ini", ini.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let summary = stderr(&output);
    assert!(
        summary.contains("Imported 10 Alembic revision(s)"),
        "{summary}"
    );
    // The data migration is listed for review, and its file says so at the top.
    assert!(
        summary.contains("6f8a0b2c4d56") && summary.contains("SELECT id, email_address FROM users"),
        "{summary}"
    );
    let versions = dir.join("migrations/versions");
    let data_migration =
        fs::read_to_string(versions.join("6f8a0b2c4d56_fill_user_domain.sql")).unwrap();
    assert!(
        data_migration
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("-- WARNING: upgrade() read rows"),
        "{data_migration}"
    );
    // The autocommit block runs outside a transaction, the rest in BEGIN/COMMIT.
    let concurrent =
        fs::read_to_string(versions.join("5e7f9a1b3c45_index_orders_concurrently.sql")).unwrap();
    assert!(
        concurrent.contains("-- retort:upgrade no-transaction\n"),
        "{concurrent}"
    );
    assert!(
        concurrent.contains(
            "COMMIT;\n\nCREATE INDEX CONCURRENTLY ix_orders_user_id ON orders (user_id);\n\nBEGIN;"
        ),
        "{concurrent}"
    );
    // The merge keeps both parents; its empty downgrade is a declared no-op.
    let merge = fs::read_to_string(versions.join("9c1d3e5f7a89_merge_audit.sql")).unwrap();
    assert!(
        merge.contains("-- Revises: 6f8a0b2c4d56, 8b0c2d4e6f78\n"),
        "{merge}"
    );
    assert!(merge.contains("-- retort:downgrade no-op"), "{merge}");

    // The graph answers as Alembic's did.
    let history = fs::read_to_string(alembic.path().join("history.txt")).unwrap();
    assert_eq!(ok(dir, &["history"]), history);
    let heads = fs::read_to_string(alembic.path().join("heads.txt")).unwrap();
    assert_eq!(ok(dir, &["heads"]), heads);

    // Up and down, one step at a time: the same schema as Alembic's after each.
    let all: Vec<(&str, &str)> = PG_STEPS_UP
        .iter()
        .map(|r| ("upgrade", *r))
        .chain(PG_STEPS_DOWN.iter().map(|r| ("downgrade", *r)))
        .collect();
    for (n, (verb, rev)) in all.iter().enumerate() {
        ok(dir, &[verb, rev]);
        let expected =
            normalize_dump(&fs::read_to_string(alembic.path().join(format!("{n}.sql"))).unwrap());
        let actual = pg_dump(&retort_db.url);
        assert!(
            expected == actual,
            "after `{verb} {rev}` the schemas differ:\n--- alembic\n{expected}\n--- retort\n{actual}"
        );
    }

    // A database Alembic left half-way is carried to head, with nothing to stamp.
    let half = new_project(&half_db.url);
    fs::remove_dir_all(half.path().join("migrations/versions")).unwrap();
    fs::create_dir_all(half.path().join("migrations")).unwrap();
    copy_dir(&versions, &half.path().join("migrations/versions"));
    assert_eq!(ok(half.path(), &["current"]).trim(), PG_HALF_WAY);
    ok(half.path(), &["upgrade", "head"]);
    let head_index = PG_STEPS_UP.len() - 1;
    let expected = normalize_dump(
        &fs::read_to_string(alembic.path().join(format!("{head_index}.sql"))).unwrap(),
    );
    assert_eq!(pg_dump(&half_db.url), expected);
    // The recorded data migration ran on the half-way database's rows too.
    let mut client = half_db.client();
    let domains: Vec<String> = client
        .query("SELECT domain FROM users ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(domains, ["example.org", "example.com"]);
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// Every object's SQL as SQLite keeps it, blanks collapsed, without
/// retort's log table.
pub(crate) fn sqlite_schema(path: &Path) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut statement = conn
        .prepare(
            "SELECT name, coalesce(sql, '') FROM sqlite_master \
             WHERE name NOT LIKE 'sqlite_%' AND tbl_name <> 'retort_migration_log' ORDER BY name",
        )
        .unwrap();
    let rows = statement
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })
        .unwrap();
    rows.map(|r| {
        let (name, sql) = r.unwrap();
        (name, normalize_create(&sql))
    })
    .collect()
}

/// Blanks collapsed, and a table's constraints in name order: Alembic's
/// batch mode lists them in Python's set order, which differs from run to
/// run. Columns keep their order.
fn normalize_create(sql: &str) -> String {
    let sql = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    let (Some(open), Some(close)) = (sql.find('('), sql.rfind(')')) else {
        return sql;
    };
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, open + 1);
    for (i, c) in sql[..close].char_indices().skip(open + 1) {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(sql[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(sql[start..close].trim().to_string());
    let is_constraint = |p: &String| {
        ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]
            .iter()
            .any(|k| p.starts_with(k))
    };
    let (mut constraints, columns): (Vec<String>, Vec<String>) =
        parts.into_iter().partition(is_constraint);
    constraints.sort();
    let body: Vec<String> = columns.into_iter().chain(constraints).collect();
    format!("{}({}){}", &sql[..open], body.join(", "), &sql[close + 1..])
}

#[test]
fn an_sqlite_history_with_batch_operations_matches_alembic_step_by_step() {
    let scratch = tempfile::tempdir().unwrap();
    let ini = data("alembic_sqlite").join("alembic.ini");
    let all: Vec<(&str, &str)> = SQLITE_STEPS_UP
        .iter()
        .map(|r| ("upgrade", *r))
        .chain(SQLITE_STEPS_DOWN.iter().map(|r| ("downgrade", *r)))
        .collect();
    // Alembic walks one database, copied after each step.
    let alembic_db = scratch.path().join("alembic.db");
    let walker = r#"
import shutil, sys
from alembic import command
from alembic.config import Config
cfg = Config(sys.argv[1])
cfg.set_main_option("sqlalchemy.url", "sqlite:///" + sys.argv[2])
for n, step in enumerate(sys.argv[3:]):
    verb, rev = step.split(":")
    getattr(command, verb)(cfg, rev)
    shutil.copy(sys.argv[2], "%s.%d" % (sys.argv[2], n))
"#;
    let output = Command::new(retort_testkit::python())
        .arg("-c")
        .arg(walker)
        .arg(&ini)
        .arg(&alembic_db)
        .args(all.iter().map(|(v, r)| format!("{v}:{r}")))
        .current_dir(ini.parent().unwrap())
        .output()
        .unwrap();
    assert!(output.status.success(), "Alembic: {}", stderr(&output));

    let retort_db = scratch.path().join("retort.db");
    let project = new_project(&format!("sqlite:///{}", retort_db.display()));
    let dir = project.path();
    let output = retort(dir, &["import", "alembic", "--ini", ini.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let summary = stderr(&output);
    assert!(summary.contains("4e5f60718293"), "{summary}");
    let batch =
        fs::read_to_string(dir.join("migrations/versions/2c3d4e5f6071_batch_alter_notes.sql"))
            .unwrap();
    assert!(batch.contains("CREATE TABLE _alembic_tmp_notes"), "{batch}");

    for (n, (verb, rev)) in all.iter().enumerate() {
        ok(dir, &[verb, rev]);
        let expected = sqlite_schema(&PathBuf::from(format!("{}.{n}", alembic_db.display())));
        assert_eq!(sqlite_schema(&retort_db), expected, "after `{verb} {rev}`");
    }
}

/// A versions directory of hand-written Alembic revisions, and a retort
/// project on SQLite beside it.
fn small_history(files: &[(&str, &str)], python: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let alembic = dir.path().join("alembic_versions");
    fs::create_dir_all(&alembic).unwrap();
    for (name, text) in files {
        fs::write(alembic.join(name), text).unwrap();
    }
    fs::create_dir_all(dir.path().join("migrations/versions")).unwrap();
    fs::write(
        dir.path().join("retort.toml"),
        format!(
            "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\npython = \"{}\"\n",
            python.display()
        ),
    )
    .unwrap();
    dir
}

fn revision_file(id: &str, down: &str, upgrade: &str, downgrade: &str) -> String {
    format!(
        "\"\"\"rev {id}\n\nRevision ID: {id}\nCreate Date: 2024-01-01 00:00:00\n\"\"\"\n\
         from alembic import op\nimport sqlalchemy as sa\n\n\
         revision = \"{id}\"\ndown_revision = {down}\nbranch_labels = None\ndepends_on = None\n\n\
         def upgrade():\n    {upgrade}\n\ndef downgrade():\n    {downgrade}\n"
    )
}

fn import_versions(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["import", "alembic", "--versions", "alembic_versions"];
    args.extend_from_slice(extra);
    retort(dir, &args)
}

fn versions_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir.join("migrations/versions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn downgrades_alembic_cannot_run_are_irreversible_and_listed() {
    let dir = small_history(
        &[
            (
                "r1_one.py",
                &revision_file(
                    "r1",
                    "None",
                    "op.create_table('a', sa.Column('id', sa.Integer, primary_key=True))",
                    "op.drop_table('a')",
                ),
            ),
            (
                "r2_two.py",
                &revision_file(
                    "r2",
                    "'r1'",
                    "op.add_column('a', sa.Column('x', sa.Integer))",
                    "pass",
                ),
            ),
            (
                "r3_three.py",
                &revision_file(
                    "r3",
                    "'r2'",
                    "op.execute('CREATE INDEX ix_a_x ON a (x)')",
                    "raise NotImplementedError('one way only')",
                ),
            ),
        ],
        retort_testkit::python(),
    );
    let output = import_versions(dir.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let summary = stderr(&output);
    assert!(
        summary.contains("2 revision(s) cannot be downgraded")
            && summary.contains("r2 ")
            && summary.contains("r3 ")
            && summary.contains("one way only"),
        "{summary}"
    );
    let r3 = fs::read_to_string(dir.path().join("migrations/versions/r3_three.sql")).unwrap();
    assert!(
        r3.lines()
            .nth(1)
            .unwrap()
            .starts_with("-- WARNING: Alembic cannot undo"),
        "{r3}"
    );
    ok(dir.path(), &["upgrade", "head"]);
    let refused = retort(dir.path(), &["downgrade", "r1"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("cannot be downgraded"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn import_errors_are_clear_and_write_nothing() {
    let good = revision_file("g1", "None", "op.execute('SELECT 1')", "pass");
    let broken = "import not_a_module_anywhere\nrevision = 'b1'\ndown_revision = 'g1'\n";
    let dir = small_history(
        &[("g1_good.py", &good), ("b1_broken.py", broken)],
        retort_testkit::python(),
    );
    // A revision module that cannot be imported: its file and error, exit 2.
    let output = import_versions(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("b1_broken.py") && message.contains("not_a_module_anywhere"),
        "{message}"
    );
    assert!(versions_files(dir.path()).is_empty());

    // alembic.ini missing.
    let output = retort(dir.path(), &["import", "alembic", "--ini", "nope.ini"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("nope.ini does not exist"),
        "{}",
        stderr(&output)
    );

    // No such Python.
    let config = fs::read_to_string(dir.path().join("retort.toml")).unwrap();
    let python = retort_testkit::python().display().to_string();
    fs::write(
        dir.path().join("retort.toml"),
        config.replace(&python, "/nonexistent/bin/python"),
    )
    .unwrap();
    let output = import_versions(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot run Python `/nonexistent/bin/python`"),
        "{}",
        stderr(&output)
    );

    // A Python without Alembic (the same interpreter without its site-packages).
    let wrapper = dir.path().join("bare-python");
    fs::write(&wrapper, format!("#!/bin/sh\nexec {python} -S \"$@\"\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&wrapper, fs::Permissions::from_mode(0o755)).unwrap();
    fs::write(
        dir.path().join("retort.toml"),
        config.replace(&python, &wrapper.display().to_string()),
    )
    .unwrap();
    let output = import_versions(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("Alembic cannot be loaded")
            && stderr(&output).contains("pip install alembic"),
        "{}",
        stderr(&output)
    );
    assert!(versions_files(dir.path()).is_empty());
}

#[test]
fn existing_files_are_refused_without_force_and_python_files_are_reported() {
    let dir = small_history(
        &[(
            "g1_good.py",
            &revision_file(
                "g1",
                "None",
                "op.execute('SELECT 1')",
                "op.execute('SELECT 2')",
            ),
        )],
        retort_testkit::python(),
    );
    ok(
        dir.path(),
        &["import", "alembic", "--versions", "alembic_versions"],
    );
    assert_eq!(versions_files(dir.path()), ["g1_good.sql"]);
    let again = import_versions(dir.path(), &[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already exist"),
        "{}",
        stderr(&again)
    );
    let forced = import_versions(dir.path(), &["--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));

    // A Python revision left in the versions retort reads is named on every load.
    fs::copy(
        dir.path().join("alembic_versions/g1_good.py"),
        dir.path().join("migrations/versions/g1_good.py"),
    )
    .unwrap();
    let heads = retort(dir.path(), &["heads"]);
    assert!(heads.status.success());
    assert_eq!(stdout(&heads).trim(), "g1 (head)");
    assert!(
        stderr(&heads).contains("g1_good.py: a Python migration, which retort does not read"),
        "{}",
        stderr(&heads)
    );
}

/// The scratch database a revision is replayed on, once the replay is
/// under way (sleeping in the slow revision).
fn sleeping_scratch_database(db: &retort_testkit::TestDatabase) -> Option<String> {
    db.client()
        .query_opt(
            "SELECT datname::text FROM pg_stat_activity \
             WHERE datname LIKE 'retort\\_scratch\\_%' AND query LIKE '%pg_sleep(60)%'",
            &[],
        )
        .unwrap()
        .map(|row| row.get(0))
}

/// `kill -9` of an import and its Python helper in the middle of a replay
/// on a PostgreSQL scratch database drops nothing; the next import drops
/// the database left behind, because the helper names and locks it as
/// retort's own scratch databases are.
#[test]
fn a_killed_import_leaves_a_scratch_database_the_next_import_drops() {
    use std::os::unix::process::CommandExt;
    let _turn = crate::autogen_cli::SERIAL
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let db = retort_testkit::fresh_database();
    let dir = new_project(&db.url);
    let alembic = dir.path().join("alembic_versions");
    fs::create_dir_all(&alembic).unwrap();
    // A revision that needs a connection is replayed on a scratch database.
    let with_bind = |statement: &str| {
        revision_file(
            "s1",
            "None",
            &format!("op.get_bind().execute(sa.text('{statement}'))"),
            "pass",
        )
    };
    fs::write(alembic.join("s1_slow.py"), with_bind("SELECT pg_sleep(60)")).unwrap();
    let mut child = crate::common::retort_command()
        .args(["import", "alembic", "--versions", "alembic_versions"])
        .current_dir(dir.path())
        .process_group(0)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let leftover = loop {
        if let Some(name) = sleeping_scratch_database(&db) {
            break name;
        }
        if std::time::Instant::now() >= deadline || child.try_wait().unwrap().is_some() {
            let _ = Command::new("kill")
                .args(["-9", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.wait();
            panic!("the replay never reached its scratch database");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    // The whole group: retort and the Python helper it started.
    let killed = Command::new("kill")
        .args(["-9", "--", &format!("-{}", child.id())])
        .status()
        .unwrap();
    assert!(killed.success());
    child.wait().unwrap();
    assert!(
        db.client()
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)",
                &[&leftover],
            )
            .unwrap()
            .get::<_, bool>(0),
        "{leftover} went by itself"
    );

    fs::write(alembic.join("s1_slow.py"), with_bind("SELECT 1")).unwrap();
    let output = import_versions(dir.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        crate::autogen_cli::scratch_databases(&db),
        0,
        "{leftover} is still there"
    );
}
