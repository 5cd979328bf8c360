//! `retort import alembic --baseline`: one file per head holding the whole
//! schema at that head. A database Alembic left at the head carries on
//! with nothing to run; a new database gets Alembic's schema at the head in
//! one step, and loses it all again on `downgrade base`.

use crate::alembic_import::{data, new_project, ok, pg_bin, pg_dump, run_alembic, sqlite_schema};
use crate::common::{retort, stderr};
use std::fs;
use std::path::Path;
use std::process::Command;

const PG_HEAD: &str = "a0b2c4d6e8f0";
const SQLITE_HEAD: &str = "4e5f60718293";

/// The only file in the project's versions directory: the head's baseline.
fn the_baseline(dir: &Path, head: &str) -> String {
    let versions = dir.join("migrations/versions");
    let names: Vec<String> = fs::read_dir(&versions)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, [format!("{head}_baseline.sql")]);
    let text = fs::read_to_string(versions.join(&names[0])).unwrap();
    assert!(
        text.starts_with(&format!("-- Baseline of revision {head}'s history")),
        "{text}"
    );
    assert!(
        text.contains(&format!("-- Revision ID: {head}\n-- Revises:\n")),
        "{text}"
    );
    text
}

/// The versions directory of `from`'s project copied into `to`'s.
fn share_versions(from: &Path, to: &Path) {
    let (from, to) = (
        from.join("migrations/versions"),
        to.join("migrations/versions"),
    );
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn a_postgres_baseline_keeps_migrated_databases_and_builds_new_ones() {
    let alembic_db = retort_testkit::fresh_database();
    let fresh_db = retort_testkit::fresh_database();
    let ini = data("alembic_pg").join("alembic.ini");
    let dump = pg_bin("pg_dump");
    let alembic = run_alembic(
        &ini,
        &alembic_db.url,
        &dump.to_string_lossy(),
        &["up:head".to_string()],
    );
    let at_head = pg_dump(&alembic_db.url);
    assert!(at_head.contains("CREATE TABLE public.orders"), "{at_head}");

    // (a) The database Alembic migrated: at the head, nothing to run.
    let project = new_project(&alembic_db.url);
    let dir = project.path();
    let output = retort(
        dir,
        &[
            "import",
            "alembic",
            "--baseline",
            "--ini",
            ini.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(&format!("Wrote the baseline of {PG_HEAD}")),
        "{}",
        stderr(&output)
    );
    let text = the_baseline(dir, PG_HEAD);
    assert!(text.contains("CREATE TABLE"), "{text}");
    // The index Alembic built concurrently is a plain one in a baseline.
    assert!(!text.contains("no-transaction"), "{text}");
    assert_eq!(ok(dir, &["current"]).trim(), format!("{PG_HEAD} (head)"));
    ok(dir, &["upgrade", "head"]);
    assert_eq!(ok(dir, &["current"]).trim(), format!("{PG_HEAD} (head)"));
    assert!(
        pg_dump(&alembic_db.url) == at_head,
        "upgrade head changed the schema"
    );

    // (b) A new database gets Alembic's schema at the head in one step.
    let fresh = new_project(&fresh_db.url);
    share_versions(dir, fresh.path());
    ok(fresh.path(), &["upgrade", "head"]);
    assert_eq!(
        ok(fresh.path(), &["current"]).trim(),
        format!("{PG_HEAD} (head)")
    );
    let built = pg_dump(&fresh_db.url);
    assert!(
        built == at_head,
        "the baseline's schema differs from Alembic's:\n--- alembic\n{at_head}\n--- baseline\n{built}"
    );

    // (c) ... and loses it all on `downgrade base`: only the version table is left.
    ok(fresh.path(), &["downgrade", "base"]);
    let mut client = fresh_db.client();
    let left: Vec<String> = client
        .query(
            "SELECT c.relkind::text || ' ' || c.relname::text FROM pg_class c \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = 'public' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(
        left,
        [
            "S retort_migration_log_id_seq",
            "i alembic_version_pkc",
            "i retort_migration_log_pkey",
            "r alembic_version",
            "r retort_migration_log",
        ],
        "left after downgrade base"
    );
    let types: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
             WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'c') \
               AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.reltype = t.oid)",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(types, 0, "types left after downgrade base");
    drop(alembic);
}

/// A SQLite database's tables as SQLite describes them, whatever the text
/// that created them: columns (name, type, not null, default, primary key
/// position), indexes (name, unique, columns) and foreign keys; and the
/// names of views and triggers. Alembic and retort word `CREATE TABLE`
/// differently, so the stored SQL cannot be compared.
fn sqlite_structure(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let strings = |sql: &str| -> Vec<String> {
        let mut statement = conn.prepare(sql).unwrap();
        let rows = statement
            .query_map([], |row| {
                let n = row.as_ref().column_count();
                let mut parts = Vec::with_capacity(n);
                for i in 0..n {
                    let value: rusqlite::types::Value = row.get(i)?;
                    parts.push(format!("{value:?}"));
                }
                Ok(parts.join("|"))
            })
            .unwrap();
        rows.map(Result::unwrap).collect()
    };
    let mut out = Vec::new();
    let objects = strings(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' \
         AND tbl_name <> 'retort_migration_log' AND type <> 'index' ORDER BY name",
    );
    for object in objects {
        out.push(object.clone());
        if !object.starts_with("Text(\"table\")") {
            continue;
        }
        let name = object
            .rsplit("Text(\"")
            .next()
            .unwrap()
            .trim_end_matches("\")");
        for row in strings(&format!(
            "SELECT name, upper(type), \"notnull\", dflt_value, pk FROM pragma_table_info('{name}')"
        )) {
            out.push(format!("  column {row}"));
        }
        // Auto-indexes (from UNIQUE and PRIMARY KEY) are named by SQLite,
        // so they are told by columns only.
        for row in strings(&format!(
            "SELECT CASE WHEN l.origin = 'c' THEN l.name ELSE l.origin END, l.\"unique\", \
                    group_concat(i.name, ',') \
             FROM pragma_index_list('{name}') l, pragma_index_info(l.name) i \
             GROUP BY l.name ORDER BY 1, 3"
        )) {
            out.push(format!("  index {row}"));
        }
        for row in strings(&format!(
            "SELECT \"table\", \"from\", \"to\", on_update, on_delete \
             FROM pragma_foreign_key_list('{name}') ORDER BY 1, 2"
        )) {
            out.push(format!("  foreign key {row}"));
        }
    }
    out
}

#[test]
fn an_sqlite_baseline_keeps_migrated_databases_and_builds_new_ones() {
    let scratch = tempfile::tempdir().unwrap();
    let ini = data("alembic_sqlite").join("alembic.ini");
    let alembic_db = scratch.path().join("alembic.db");
    let upgrade = r#"
import sys
from alembic import command
from alembic.config import Config
cfg = Config(sys.argv[1])
cfg.set_main_option("sqlalchemy.url", "sqlite:///" + sys.argv[2])
command.upgrade(cfg, "head")
"#;
    let output = Command::new(retort_testkit::python())
        .arg("-c")
        .arg(upgrade)
        .arg(&ini)
        .arg(&alembic_db)
        .current_dir(ini.parent().unwrap())
        .output()
        .unwrap();
    assert!(output.status.success(), "Alembic: {}", stderr(&output));
    let at_head = sqlite_schema(&alembic_db);
    let structure = sqlite_structure(&alembic_db);
    assert!(
        structure.iter().any(|s| s.contains("\"tags\"")),
        "{structure:#?}"
    );

    // (a) The database Alembic migrated: at the head, nothing to run.
    let project = new_project(&format!("sqlite:///{}", alembic_db.display()));
    let dir = project.path();
    let output = retort(
        dir,
        &[
            "import",
            "alembic",
            "--baseline",
            "--ini",
            ini.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    the_baseline(dir, SQLITE_HEAD);
    assert_eq!(
        ok(dir, &["current"]).trim(),
        format!("{SQLITE_HEAD} (head)")
    );
    ok(dir, &["upgrade", "head"]);
    assert_eq!(sqlite_schema(&alembic_db), at_head);

    // (b) A new database gets the same tables, columns, indexes and keys.
    let fresh_db = scratch.path().join("fresh.db");
    let fresh = new_project(&format!("sqlite:///{}", fresh_db.display()));
    share_versions(dir, fresh.path());
    ok(fresh.path(), &["upgrade", "head"]);
    assert_eq!(
        ok(fresh.path(), &["current"]).trim(),
        format!("{SQLITE_HEAD} (head)")
    );
    assert_eq!(sqlite_structure(&fresh_db), structure);

    // (c) `downgrade base` leaves only the version table.
    ok(fresh.path(), &["downgrade", "base"]);
    let left: Vec<String> = sqlite_schema(&fresh_db)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(left, ["alembic_version"]);
}

/// A versions directory of Alembic revisions each creating a table
/// `t_<id>`: (id, down_revision, branch label).
fn tables_history(dir: &Path, revisions: &[(&str, &str, &str)]) -> std::path::PathBuf {
    let alembic = dir.join("alembic_versions");
    fs::create_dir_all(&alembic).unwrap();
    for (id, down, label) in revisions {
        let text = format!(
            "\"\"\"rev {id}\"\"\"\nfrom alembic import op\n\nrevision = \"{id}\"\n\
             down_revision = {down}\nbranch_labels = {label}\ndepends_on = None\n\n\
             def upgrade():\n    op.execute(\"CREATE TABLE t_{id} (id INTEGER)\")\n\n\
             def downgrade():\n    op.execute(\"DROP TABLE t_{id}\")\n"
        );
        fs::write(alembic.join(format!("{id}.py")), text).unwrap();
    }
    alembic
}

fn tables(path: &Path) -> Vec<String> {
    sqlite_schema(path)
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| name.starts_with("t_"))
        .collect()
}

#[test]
fn separate_branches_get_a_baseline_each_that_leaves_the_other_alone() {
    let scratch = tempfile::tempdir().unwrap();
    let alembic = tables_history(
        scratch.path(),
        &[
            ("a1", "None", "(\"app\",)"),
            ("a2", "\"a1\"", "None"),
            ("b1", "None", "(\"billing\",)"),
            ("b2", "\"b1\"", "None"),
        ],
    );
    let db = scratch.path().join("app.db");
    let project = new_project(&format!("sqlite:///{}", db.display()));
    let dir = project.path();
    let output = retort(
        dir,
        &[
            "import",
            "alembic",
            "--baseline",
            "--versions",
            alembic.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let versions = dir.join("migrations/versions");
    let app = fs::read_to_string(versions.join("a2_baseline.sql")).unwrap();
    assert!(app.contains("-- Branch Labels: app\n"), "{app}");
    assert!(app.contains("t_a1") && !app.contains("t_b1"), "{app}");
    let billing = fs::read_to_string(versions.join("b2_baseline.sql")).unwrap();
    assert!(billing.contains("-- Branch Labels: billing\n"), "{billing}");

    // A database on one branch only: the other's baseline is the other branch.
    ok(dir, &["upgrade", "app@head"]);
    assert_eq!(tables(&db), ["t_a1", "t_a2"]);
    ok(dir, &["upgrade", "heads"]);
    assert_eq!(tables(&db), ["t_a1", "t_a2", "t_b1", "t_b2"]);
    ok(dir, &["downgrade", "billing@base"]);
    assert_eq!(tables(&db), ["t_a1", "t_a2"]);
}

#[test]
fn heads_sharing_history_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let alembic = tables_history(
        dir.path(),
        &[
            ("r1", "None", "None"),
            ("r2", "\"r1\"", "None"),
            ("r3", "\"r1\"", "None"),
        ],
    );
    let project = new_project("sqlite:///app.db");
    let output = retort(
        project.path(),
        &[
            "import",
            "alembic",
            "--baseline",
            "--versions",
            alembic.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("heads r2 and r3 share 1 revision(s) (r1)")
            || message.contains("heads r3 and r2 share 1 revision(s) (r1)"),
        "{message}"
    );
    assert!(message.contains("alembic merge heads"), "{message}");
    let written = fs::read_dir(project.path().join("migrations/versions"))
        .unwrap()
        .count();
    assert_eq!(written, 0);
}

#[test]
fn a_baseline_that_cannot_be_made_writes_nothing_and_says_why() {
    let scratch = tempfile::tempdir().unwrap();
    // r2 creates r1's table again: the history fails on the scratch database.
    let alembic = tables_history(
        scratch.path(),
        &[("r1", "None", "None"), ("r2", "\"r1\"", "None")],
    );
    let r2 = alembic.join("r2.py");
    let text = fs::read_to_string(&r2).unwrap().replace("t_r2 (", "t_r1 (");
    fs::write(&r2, text).unwrap();
    let project = new_project("sqlite:///app.db");
    let dir = project.path();
    let versions = alembic.to_str().unwrap();
    let output = retort(
        dir,
        &["import", "alembic", "--baseline", "--versions", versions],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("the converted history up to r2 failed on the scratch database")
            && message.contains("t_r1"),
        "{message}"
    );
    assert_eq!(
        fs::read_dir(dir.join("migrations/versions"))
            .unwrap()
            .count(),
        0
    );

    // PostgreSQL needs a server for its scratch database.
    fs::write(
        dir.join("retort.toml"),
        format!(
            "script_location = \"migrations\"\npython = \"{}\"\n",
            retort_testkit::python().display()
        ),
    )
    .unwrap();
    let output = retort(
        dir,
        &[
            "import",
            "alembic",
            "--baseline",
            "--dialect",
            "postgresql",
            "--versions",
            versions,
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("--dev-url"), "{}", stderr(&output));
}
