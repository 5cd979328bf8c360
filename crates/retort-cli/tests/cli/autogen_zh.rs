//! Autogenerate, verify and import in Chinese, end to end on SQLite: what
//! the reader sees follows the locale (`LANG`) or `--lang`, while what
//! others read — a generated migration's header, `--json` — stays English.

use crate::common::{stderr, stdout};
use std::fs;
use std::path::Path;
use std::process::Output;

/// Runs retort in `dir` with `LANG` set to `lang` and no other locale
/// variable that could outvote it.
fn retort_in(lang: &str, dir: &Path, args: &[&str]) -> Output {
    crate::common::forget_language(&mut crate::common::retort_command())
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("RETORT_CONFIG")
        .env("LANG", lang)
        .env("RETORT_CACHE_DIR", "off")
        .args(args)
        .output()
        .expect("run retort")
}

const CHINESE: &str = "zh_CN.UTF-8";
const ENGLISH: &str = "C";

fn project(schema: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("retort.toml"),
        "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n",
    )
    .unwrap();
    fs::create_dir_all(dir.path().join("migrations/versions")).unwrap();
    fs::write(dir.path().join("schema.sql"), schema).unwrap();
    dir
}

fn both(out: &Output) -> String {
    format!("{}{}", stdout(out), stderr(out))
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The only migration file of the project whose name holds `slug`.
fn migration_file(dir: &Path, slug: &str) -> String {
    let path = fs::read_dir(dir.join("migrations/versions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains(slug))
        .unwrap_or_else(|| panic!("no migration named *{slug}*"));
    fs::read_to_string(path).unwrap()
}

#[test]
fn check_lists_changes_in_the_readers_language_and_json_in_english() {
    let dir = project("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);\n");
    let d = dir.path();

    let out = retort_in(CHINESE, d, &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", both(&out));
    assert!(stdout(&out).contains("添加表 notes"), "{}", both(&out));
    assert!(!stdout(&out).contains("add table"), "{}", both(&out));

    let out = retort_in(ENGLISH, d, &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", both(&out));
    assert_eq!(stdout(&out), "add table notes\n", "{}", both(&out));

    let out = retort_in(CHINESE, d, &["--json", "check"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("no JSON ({e}): {}", both(&out)));
    assert_eq!(
        report,
        serde_json::json!({"in_sync": false, "differences": ["add table notes"]})
    );
}

#[test]
fn a_migration_generated_for_a_chinese_reader_is_written_in_english() {
    let dir = project("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);\n");
    let d = dir.path();
    let out = retort_in(ENGLISH, d, &["revision", "--autogenerate", "-m", "first"]);
    assert!(out.status.success(), "{}", both(&out));
    let out = retort_in(ENGLISH, d, &["upgrade", "head"]);
    assert!(out.status.success(), "{}", both(&out));

    // The same columns under another name: a drop (with its data-loss
    // warning) and an add, which may be a rename.
    fs::write(
        d.join("schema.sql"),
        "CREATE TABLE memos (id INTEGER PRIMARY KEY, body TEXT);\n",
    )
    .unwrap();
    // Under LANG=C the changes read in English, and in Chinese with --lang.
    let out = retort_in(ENGLISH, d, &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", both(&out));
    assert!(
        stdout(&out).contains("drop table notes") && !has_chinese(&both(&out)),
        "{}",
        both(&out)
    );
    let out = retort_in(ENGLISH, d, &["--lang", "zh-CN", "check"]);
    assert!(stdout(&out).contains("删除表 notes"), "{}", both(&out));

    let out = retort_in(
        ENGLISH,
        d,
        &[
            "--lang",
            "zh-CN",
            "revision",
            "--autogenerate",
            "-m",
            "second",
        ],
    );
    assert!(out.status.success(), "{}", both(&out));
    let shown = both(&out);
    assert!(shown.contains("删除表 notes"), "{shown}");
    assert!(shown.contains("添加表 memos"), "{shown}");

    let file = migration_file(d, "second");
    assert!(!has_chinese(&file), "{file}");
    for line in [
        "--   drop table notes",
        "--   add table memos",
        "-- WARNING: drops table notes and all its rows",
        "-- WARNING: table notes is dropped and memos added with the same columns; \
         if this is a rename, generate again with --rename notes=memos",
    ] {
        assert!(file.contains(line), "no `{line}` in:\n{file}");
    }
}

#[test]
fn verify_lists_what_it_would_take_in_chinese_and_json_in_english() {
    let dir = project(
        "CREATE TABLE users (id integer PRIMARY KEY, email text);\n\
         CREATE TABLE logs (id integer PRIMARY KEY);\n",
    );
    let d = dir.path();
    fs::write(
        d.join("migrations/versions/a1.sql"),
        "-- message a1\n--\n-- Revision ID: a1\n-- Revises: \n\
         -- Create Date: 2026-01-01 00:00:00\n\n-- retort:upgrade\n\
         CREATE TABLE users (id integer PRIMARY KEY);\n\n\
         -- retort:downgrade\nDROP TABLE users;\n",
    )
    .unwrap();
    // A downgrade that fails: its error is in the report too.
    fs::write(
        d.join("migrations/versions/a2.sql"),
        "-- message a2\n--\n-- Revision ID: a2\n-- Revises: a1\n\
         -- Create Date: 2026-01-01 00:00:00\n\n-- retort:upgrade\n\
         CREATE TABLE logs (id integer PRIMARY KEY);\n\n\
         -- retort:downgrade\nDROP TABLE no_such_table;\n",
    )
    .unwrap();

    let out = retort_in(CHINESE, d, &["verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", both(&out));
    assert!(
        stdout(&out).contains("添加列 users.email"),
        "{}",
        both(&out)
    );

    let out = retort_in(ENGLISH, d, &["verify"]);
    assert!(
        stdout(&out).contains("add column users.email"),
        "{}",
        both(&out)
    );

    let out = retort_in(CHINESE, d, &["--json", "verify"]);
    assert!(!has_chinese(&stdout(&out)), "{}", both(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("no JSON ({e}): {}", both(&out)));
    assert_eq!(
        report["target"]["differences"],
        serde_json::json!(["add column users.email"]),
        "{report}"
    );
    assert_eq!(
        report["revisions"][1]["findings"][0]["kind"], "downgrade_fails",
        "{report}"
    );
}

#[test]
fn bad_input_is_refused_in_the_readers_language() {
    let dir = project("CREATE TABLE notes (id INTEGER PRIMARY KEY);\n");
    let d = dir.path();

    let out = retort_in(
        CHINESE,
        d,
        &[
            "revision",
            "--autogenerate",
            "-m",
            "x",
            "--rename",
            "nothing",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", both(&out));
    assert!(
        stderr(&out)
            .contains("--rename 的格式应为 OLD_TABLE=NEW_TABLE 或 TABLE.OLD=NEW，实际为 'nothing'"),
        "{}",
        both(&out)
    );
    let out = retort_in(
        ENGLISH,
        d,
        &[
            "revision",
            "--autogenerate",
            "-m",
            "x",
            "--rename",
            "nothing",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", both(&out));
    assert!(
        stderr(&out)
            .contains("--rename expects OLD_TABLE=NEW_TABLE or TABLE.OLD=NEW, got 'nothing'"),
        "{}",
        both(&out)
    );
    assert!(fs::read_dir(d.join("migrations/versions"))
        .unwrap()
        .next()
        .is_none());

    let args = [
        "import",
        "alembic",
        "--versions",
        "nowhere",
        "--dialect",
        "sqlite",
    ];
    let out = retort_in(CHINESE, d, &args);
    assert_eq!(out.status.code(), Some(2), "{}", both(&out));
    assert!(
        stderr(&out).contains("不是 Alembic 修订版本目录"),
        "{}",
        both(&out)
    );
    let out = retort_in(ENGLISH, d, &args);
    assert!(
        stderr(&out).contains("is not a directory of Alembic revisions"),
        "{}",
        both(&out)
    );
}

/// An Alembic history for `import alembic --versions alembic_versions`,
/// read by the test Python.
fn alembic_history(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let versions = dir.path().join("alembic_versions");
    fs::create_dir_all(&versions).unwrap();
    for (name, text) in files {
        fs::write(versions.join(name), text).unwrap();
    }
    fs::create_dir_all(dir.path().join("migrations/versions")).unwrap();
    fs::write(
        dir.path().join("retort.toml"),
        format!(
            "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\npython = \"{}\"\n",
            retort_testkit::python().display()
        ),
    )
    .unwrap();
    dir
}

fn alembic_revision(id: &str, down: &str, upgrade: &str) -> String {
    format!(
        "\"\"\"rev {id}\n\nRevision ID: {id}\nCreate Date: 2024-01-01 00:00:00\n\"\"\"\n\
         from alembic import op\nimport sqlalchemy as sa\n\n\
         revision = \"{id}\"\ndown_revision = {down}\nbranch_labels = None\ndepends_on = None\n\n\
         def upgrade():\n    {upgrade}\n\ndef downgrade():\n    pass\n"
    )
}

#[test]
fn the_alembic_import_reports_its_helpers_failures_in_chinese() {
    let args = ["import", "alembic", "--versions", "alembic_versions"];

    // A revision module that cannot be loaded.
    let good = alembic_revision("g1", "None", "op.execute('SELECT 1')");
    let broken = "import not_a_module_anywhere\nrevision = 'b1'\ndown_revision = 'g1'\n";
    let dir = alembic_history(&[("g1_good.py", &good), ("b1_broken.py", broken)]);
    let out = retort_in(CHINESE, dir.path(), &args);
    assert_eq!(out.status.code(), Some(2), "{}", both(&out));
    assert!(
        stderr(&out).contains("无法加载 Alembic 历史：")
            && stderr(&out).contains("not_a_module_anywhere"),
        "{}",
        both(&out)
    );
    let out = retort_in(ENGLISH, dir.path(), &args);
    assert!(
        stderr(&out).contains("cannot load the Alembic history: "),
        "{}",
        both(&out)
    );

    // An upgrade that reads the database, and fails on the scratch one.
    let reads = alembic_revision(
        "r1",
        "None",
        "op.get_bind().execute(sa.text('SELECT * FROM no_such_table'))",
    );
    let dir = alembic_history(&[("r1_reads.py", &reads)]);
    let out = retort_in(CHINESE, dir.path(), &args);
    assert_eq!(out.status.code(), Some(2), "{}", both(&out));
    assert!(
        stderr(&out).contains("修订版本 r1") && stderr(&out).contains("其 upgrade() 执行失败"),
        "{}",
        both(&out)
    );
    let out = retort_in(ENGLISH, dir.path(), &args);
    assert!(
        stderr(&out).contains("revision r1 (") && stderr(&out).contains("its upgrade() failed: "),
        "{}",
        both(&out)
    );
    assert!(fs::read_dir(dir.path().join("migrations/versions"))
        .unwrap()
        .next()
        .is_none());
}

#[test]
fn an_irreversible_import_is_explained_in_chinese_and_written_in_english() {
    let one = alembic_revision(
        "r1",
        "None",
        "op.create_table('a', sa.Column('id', sa.Integer, primary_key=True))",
    );
    let dir = alembic_history(&[("r1_one.py", &one)]);
    let d = dir.path();
    let args = ["import", "alembic", "--versions", "alembic_versions"];

    let out = retort_in(
        CHINESE,
        d,
        &[
            "--json",
            "import",
            "alembic",
            "--versions",
            "alembic_versions",
        ],
    );
    assert!(out.status.success(), "{}", both(&out));
    assert!(!has_chinese(&stdout(&out)), "{}", both(&out));
    assert!(
        stdout(&out).contains("downgrade() emits no SQL"),
        "{}",
        both(&out)
    );

    let out = retort_in(CHINESE, d, &[&args[..], &["--force"]].concat());
    assert!(out.status.success(), "{}", both(&out));
    assert!(
        stderr(&out).contains("downgrade() 不产生任何 SQL"),
        "{}",
        both(&out)
    );
    let file = fs::read_to_string(d.join("migrations/versions/r1_one.sql")).unwrap();
    assert!(!has_chinese(&file), "{file}");
    assert!(
        file.contains("-- WARNING: Alembic cannot undo this revision (downgrade() emits no SQL)"),
        "{file}"
    );

    let out = retort_in(ENGLISH, d, &[&args[..], &["--force"]].concat());
    assert!(
        stderr(&out).contains("r1_one.sql: downgrade() emits no SQL"),
        "{}",
        both(&out)
    );
}

/// PostgreSQL changes of several kinds (enum, columns, index, view,
/// comment), each listed in Chinese and in English.
#[test]
fn postgres_changes_are_listed_in_chinese_and_in_english() {
    let _turn = crate::autogen_cli::SERIAL
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let db = retort_testkit::fresh_database();
    db.client()
        .batch_execute(
            "CREATE TABLE accounts (id integer PRIMARY KEY, name text, legacy text);\n\
             CREATE TYPE mood AS ENUM ('sad', 'ok');",
        )
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("retort.toml"),
        format!("script_location = \"migrations\"\nurl = \"{}\"\n", db.url),
    )
    .unwrap();
    fs::create_dir_all(d.join("migrations/versions")).unwrap();
    fs::write(
        d.join("schema.sql"),
        "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');\n\
         CREATE TABLE accounts (id integer PRIMARY KEY, name text NOT NULL, email text);\n\
         CREATE INDEX accounts_name ON accounts (name);\n\
         CREATE VIEW named AS SELECT id, name FROM accounts;\n\
         COMMENT ON TABLE accounts IS 'who pays';\n",
    )
    .unwrap();

    let out = retort_in(CHINESE, d, &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", both(&out));
    let chinese = stdout(&out);
    for line in [
        "修改枚举 public.mood：从 (sad, ok) 改为 (sad, ok, happy)",
        "删除列 public.accounts.legacy",
        "添加列 public.accounts.email",
        "修改列 public.accounts.name：SET NOT NULL",
        "添加索引 public.accounts_name",
        "添加视图 public.named",
        "设置表 public.accounts 的注释",
    ] {
        assert!(chinese.contains(line), "no `{line}` in:\n{}", both(&out));
    }
    assert!(stderr(&out).contains("检测到 7 处变更"), "{}", both(&out));

    let out = retort_in(ENGLISH, d, &["check"]);
    let english = stdout(&out);
    for line in [
        "change enum public.mood from (sad, ok) to (sad, ok, happy)",
        "drop column public.accounts.legacy",
        "add column public.accounts.email",
        "alter column public.accounts.name: SET NOT NULL",
        "add index public.accounts_name",
        "add view public.named",
        "comment on table public.accounts",
    ] {
        assert!(english.contains(line), "no `{line}` in:\n{}", both(&out));
    }
    assert_eq!(english.lines().count(), chinese.lines().count());
}
