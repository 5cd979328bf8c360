//! The commands that write and read migration files, through the binary:
//! init, revision (every option), merge, edit, show, heads -v, branches,
//! history -v, and the offline scripts' shape.

use crate::common;

use common::{retort, stderr, stdout};
use std::fs;
use std::path::Path;

fn ok(dir: &Path, args: &[&str]) -> String {
    let output = retort(dir, args);
    assert!(
        output.status.success(),
        "{args:?} failed: {}{}",
        stdout(&output),
        stderr(&output)
    );
    stdout(&output)
}

fn fails(dir: &Path, args: &[&str], needle: &str) {
    let output = retort(dir, args);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{args:?}: {}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains(needle),
        "{args:?}: {:?} not in {}",
        needle,
        stderr(&output)
    );
}

fn file_of(dir: &Path, id: &str) -> String {
    let versions = dir.join("migrations/versions");
    let name = fs::read_dir(&versions)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|n| n.starts_with(id))
        .unwrap_or_else(|| panic!("no file for {id}"));
    fs::read_to_string(versions.join(name)).unwrap()
}

fn new_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init"]);
    dir
}

#[test]
fn init_writes_a_working_project_and_refuses_a_non_empty_directory() {
    let dir = new_project();
    assert!(dir.path().join("retort.toml").is_file());
    assert!(dir.path().join("migrations/versions").is_dir());
    assert!(dir.path().join("migrations/script.sql.tmpl").is_file());
    // Never overwrites a project.
    fails(dir.path(), &["init"], "retort.toml already exists");
}

#[test]
fn init_works_in_an_existing_project_and_names_the_migration_directory_as_alembic() {
    // A Python project: init puts retort.toml beside pyproject.toml.
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("app")).unwrap();
    fs::write(
        dir.path().join("pyproject.toml"),
        "[project]\nname = \"app\"\n",
    )
    .unwrap();
    ok(dir.path(), &["init"]);
    assert!(dir.path().join("retort.toml").is_file());
    assert!(dir.path().join("migrations/versions").is_dir());
    ok(dir.path(), &["revision", "-m", "first", "--rev-id", "aaa1"]);
    assert!(dir.path().join("app").is_dir());

    // `init DIR` names the migration directory, as `alembic init DIR`:
    // the configuration stays in the current directory, pointing at it.
    let other = tempfile::tempdir().unwrap();
    ok(other.path(), &["init", "db/migrations"]);
    let config = fs::read_to_string(other.path().join("retort.toml")).unwrap();
    assert!(
        config.contains("script_location = \"db/migrations\""),
        "{config}"
    );
    assert!(other.path().join("db/migrations/versions").is_dir());
    assert!(!other.path().join("db/migrations/retort.toml").exists());
    ok(
        other.path(),
        &["revision", "-m", "first", "--rev-id", "bbb1"],
    );
    let written: Vec<String> = fs::read_dir(other.path().join("db/migrations/versions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(written.iter().any(|n| n.starts_with("bbb1")), "{written:?}");

    // A migration directory with files in it is not written over.
    let third = tempfile::tempdir().unwrap();
    fs::create_dir_all(third.path().join("migrations")).unwrap();
    fs::write(third.path().join("migrations/env.py"), "# alembic\n").unwrap();
    fails(third.path(), &["init"], "not empty");
    assert!(!third.path().join("retort.toml").exists());
}

#[test]
fn revision_options_shape_the_header_and_the_file_name() {
    let dir = new_project();
    let d = dir.path();
    ok(d, &["revision", "-m", "create users", "--rev-id", "aaa1"]);
    let first = file_of(d, "aaa1_create_users");
    assert!(first.starts_with("-- create users\n"), "{first}");
    assert!(first.contains("-- Revision ID: aaa1\n"));
    ok(d, &["revision", "-m", "second", "--rev-id", "bbb2"]);
    assert!(file_of(d, "bbb2").contains("-- Revises: aaa1\n"));

    // A second head needs --splice from a revision that is not a head.
    fails(
        d,
        &["revision", "-m", "x", "--head", "aaa1", "--rev-id", "ccc3"],
        "--splice",
    );
    ok(
        d,
        &[
            "revision",
            "-m",
            "side",
            "--head",
            "aaa1",
            "--splice",
            "--rev-id",
            "ccc3",
            "--branch-label",
            "side",
        ],
    );
    let side = file_of(d, "ccc3");
    assert!(
        side.contains("-- Revises: aaa1\n") && side.contains("-- Branch Labels: side"),
        "{side}"
    );

    // Now `head` is ambiguous, and the message says so.
    fails(d, &["revision", "-m", "y"], "Multiple heads");
    ok(
        d,
        &[
            "revision",
            "-m",
            "on side",
            "--head",
            "side@head",
            "--rev-id",
            "ddd4",
            "--depends-on",
            "bbb2",
        ],
    );
    let dep = file_of(d, "ddd4");
    assert!(
        dep.contains("-- Revises: ccc3\n") && dep.contains("-- Depends On: bbb2"),
        "{dep}"
    );

    // --version-path writes elsewhere; the id must be new and well formed.
    let elsewhere = d.join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    ok(
        d,
        &[
            "revision",
            "-m",
            "out",
            "--head",
            "bbb2",
            "--rev-id",
            "eee5",
            "--version-path",
            elsewhere.to_str().unwrap(),
        ],
    );
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 1);
    fails(
        d,
        &[
            "revision", "-m", "dup", "--head", "ddd4", "--rev-id", "aaa1",
        ],
        "aaa1",
    );
}

#[test]
fn merge_heads_joins_the_branches() {
    let dir = new_project();
    let d = dir.path();
    ok(d, &["revision", "-m", "base", "--rev-id", "a1"]);
    ok(d, &["revision", "-m", "left", "--rev-id", "b1"]);
    ok(
        d,
        &[
            "revision", "-m", "right", "--head", "a1", "--splice", "--rev-id", "c1",
        ],
    );
    let heads = ok(d, &["heads"]);
    assert!(
        heads.contains("b1 (head)") && heads.contains("c1 (head)"),
        "{heads}"
    );
    ok(d, &["merge", "heads", "-m", "join", "--rev-id", "m1"]);
    let merged = file_of(d, "m1_join");
    assert!(merged.contains("-- Revises: b1, c1\n"), "{merged}");
    assert_eq!(ok(d, &["heads"]).trim(), "m1 (head)");

    let branches = ok(d, &["branches"]);
    assert!(branches.starts_with("a1 (branchpoint)"), "{branches}");
    assert!(
        branches.contains("   -> b1, left") || branches.contains("-> b1"),
        "{branches}"
    );

    let history = ok(d, &["history"]);
    let first = history.lines().next().unwrap();
    assert_eq!(first, "b1, c1 -> m1 (head) (mergepoint), join");

    let verbose = ok(d, &["history", "-v", "-r", "a1:m1"]);
    assert!(
        verbose.contains("Rev: m1 (head) (mergepoint)") && verbose.contains("Merges: b1, c1"),
        "{verbose}"
    );
    let heads: serde_json::Value = serde_json::from_str(&ok(d, &["heads", "--json"])).unwrap();
    assert_eq!(heads[0]["revision"], "m1");
    assert_eq!(heads[0]["down_revisions"], serde_json::json!(["b1", "c1"]));
    assert_eq!(heads[0]["is_merge_point"], true);
    let listed: serde_json::Value = serde_json::from_str(&ok(d, &["history", "--json"])).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 4);
    let points: serde_json::Value = serde_json::from_str(&ok(d, &["branches", "--json"])).unwrap();
    assert_eq!(
        points,
        serde_json::json!([{"revision": "a1", "children": ["b1", "c1"]}])
    );
    let show = ok(d, &["show", "a1"]);
    assert!(
        show.contains("Rev: a1 (branchpoint)") && show.contains("Branches into: b1, c1"),
        "{show}"
    );
}

#[test]
fn edit_opens_the_file_in_the_editor() {
    let dir = new_project();
    let d = dir.path();
    ok(d, &["revision", "-m", "base", "--rev-id", "a1"]);
    // An "editor" that appends a line to the file it is given.
    let editor = d.join("editor.sh");
    fs::write(&editor, "#!/bin/sh\necho '-- edited' >> \"$1\"\n").unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&editor)
        .status()
        .unwrap();
    let output = crate::common::retort_command()
        .current_dir(d)
        .env("EDITOR", &editor)
        .args(["edit", "a1"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(file_of(d, "a1").ends_with("-- edited\n"));
}

#[test]
fn offline_scripts_have_alembics_shape() {
    let dir = new_project();
    let d = dir.path();
    ok(d, &["revision", "-m", "one", "--rev-id", "a1"]);
    ok(d, &["revision", "-m", "two", "--rev-id", "b2"]);
    let url = ["--url", "postgresql://u:pw@127.0.0.1:1/db"];
    let sql = ok(d, &[&url[..], &["upgrade", "head", "--sql"]].concat());
    let create = sql.find("CREATE TABLE alembic_version").unwrap();
    let insert = sql
        .find("INSERT INTO alembic_version (version_num) VALUES ('a1')")
        .unwrap();
    let update = sql
        .find(
            "UPDATE alembic_version SET version_num='b2' WHERE alembic_version.version_num = 'a1'",
        )
        .unwrap();
    assert!(
        sql.starts_with("BEGIN;") && sql.trim_end().ends_with("COMMIT;"),
        "{sql}"
    );
    assert!(create < insert && insert < update);
    assert!(!sql.contains("pw"), "the password must not appear: {sql}");

    // From a start revision: no CREATE, and a downgrade range.
    let tail = ok(d, &[&url[..], &["upgrade", "a1:b2", "--sql"]].concat());
    assert!(!tail.contains("CREATE TABLE alembic_version"));
    // Revisions fresh from the template are irreversible until their
    // downgrade is written or declared a no-op.
    for entry in fs::read_dir(d.join("migrations/versions")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        fs::write(
            &path,
            text.replace("-- retort:downgrade\n", "-- retort:downgrade no-op\n"),
        )
        .unwrap();
    }
    let down = ok(d, &[&url[..], &["downgrade", "b2:base", "--sql"]].concat());
    assert!(
        down.contains("DELETE FROM alembic_version WHERE alembic_version.version_num = 'a1'"),
        "{down}"
    );

    // One transaction per migration splits the script.
    let config = fs::read_to_string(d.join("retort.toml")).unwrap();
    fs::write(
        d.join("retort.toml"),
        config.replace(
            "transaction_per_migration = false",
            "transaction_per_migration = true",
        ),
    )
    .unwrap();
    let split = ok(d, &[&url[..], &["upgrade", "head", "--sql"]].concat());
    assert_eq!(split.matches("BEGIN;").count(), 2, "{split}");

    // A no-transaction section stands outside any transaction.
    let path = d.join("migrations/versions");
    let b2 = fs::read_dir(&path)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with("b2"))
        .unwrap();
    let text = fs::read_to_string(&b2).unwrap().replace(
        "-- retort:upgrade\n",
        "-- retort:upgrade no-transaction\nCREATE INDEX CONCURRENTLY i ON t (x);\n",
    );
    fs::write(&b2, text).unwrap();
    let outside = ok(d, &[&url[..], &["upgrade", "head", "--sql"]].concat());
    let index = outside.find("CREATE INDEX CONCURRENTLY").unwrap();
    let before = &outside[..index];
    assert!(
        before.rfind("COMMIT;") > before.rfind("BEGIN;"),
        "{outside}"
    );
    // Its version row follows in a short transaction of its own, as online.
    let after = &outside[index..];
    let row = after
        .find("UPDATE alembic_version SET version_num='b2'")
        .unwrap();
    assert!(
        after[..row].contains("BEGIN;") && after[row..].contains("COMMIT;"),
        "{outside}"
    );

    let ensure = ok(d, &[&url[..], &["ensure_version", "--sql"]].concat());
    assert!(ensure.contains("CREATE TABLE alembic_version"));
    let sqlite = ok(d, &["--url", "sqlite:///x.db", "stamp", "b2", "--sql"]);
    assert!(
        sqlite.contains("INSERT INTO alembic_version (version_num) VALUES ('b2')"),
        "{sqlite}"
    );
}

#[test]
fn a_run_reports_its_steps_as_json_and_announces_them_on_stderr() {
    let dir = new_project();
    let d = dir.path();
    ok(d, &["revision", "-m", "one", "--rev-id", "a1"]);
    ok(d, &["revision", "-m", "two", "--rev-id", "b2"]);
    let output = retort(d, &["upgrade", "head", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["heads"], serde_json::json!(["b2"]));
    assert_eq!(
        report["steps"][1]["step"],
        serde_json::json!({"revision": "b2", "direction": "up"})
    );
    assert!(
        stderr(&output).contains("Running upgrade a1 -> b2, two"),
        "{}",
        stderr(&output)
    );
}
