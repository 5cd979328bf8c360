//! The command's own messages in Simplified Chinese: chosen by the locale
//! (`LANG=zh_CN.UTF-8`) or by `--lang zh-CN`, on a real SQLite file, with
//! the same runs under `LANG=C` still printing today's English. What
//! programs read stays as it is in both: revision ids, the step
//! descriptions, option names.

use crate::common;
use crate::online_support::{sqlite_versions, Project, Rev, Run};

/// `retort ARGS` in the project under the locale `lang`.
fn run_in_locale(project: &Project, lang: &str, args: &[&str]) -> Run {
    project.run_in_locale(args, &[("LANG", lang)])
}

/// r1 <- r2 on `app.db`.
fn two_steps(extra_config: &str) -> Project {
    let project = Project::new(&format!("url = \"sqlite:///app.db\"\n{extra_config}"));
    project.chain(
        2,
        |i| format!("CREATE TABLE t{i} (x int);"),
        |i| format!("DROP TABLE t{i};"),
    );
    project
}

#[test]
fn a_chinese_locale_gets_chinese_messages_and_lang_c_the_english_ones() {
    let zh = two_steps("");
    let db = zh.path().join("app.db");
    let in_chinese = |args: &[&str]| run_in_locale(&zh, "zh_CN.UTF-8", args);

    let behind = in_chinese(&["pending"]);
    assert_eq!(behind.code, 3, "{behind:?}");
    assert_eq!(
        behind.stdout, "r2：2 个待执行\n  r1  step r1\n  r2  step r2\n",
        "{behind:?}"
    );

    let upgrade = in_chinese(&["upgrade", "head"]);
    upgrade
        .ok()
        .says("数据库：")
        // The step itself is Alembic's wording; only the sentence around it is translated.
        .says("正在执行 upgrade  -> r1：step r1")
        .says("正在执行 upgrade r1 -> r2：step r2");
    assert!(!upgrade.stderr.contains("Running"), "{upgrade:?}");
    assert_eq!(sqlite_versions(&db), vec!["r2"]);

    in_chinese(&["upgrade", "head"])
        .ok()
        .says("无需执行：数据库已处于目标版本。");
    let at_head = in_chinese(&["pending"]);
    assert_eq!(at_head.code, 0, "{at_head:?}");
    assert_eq!(at_head.stdout, "r2：已是最新\n数据库已处于所有 head。\n");

    // An error built by the command: the option and the value it got stay
    // as typed, the sentence is Chinese, and nothing is touched.
    let bad = in_chinese(&["graph", "--format", "png"]);
    bad.fails(2);
    assert_eq!(
        bad.stderr,
        "错误：--format 必须是 svg、mermaid 或 dot，而不是 'png'\n"
    );
    assert_eq!(sqlite_versions(&db), vec!["r2"]);

    // --json is for programs: the same fields in every language.
    let json = in_chinese(&["--json", "pending"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(value["up_to_date"], serde_json::json!(true), "{json:?}");

    // The very same runs under LANG=C: today's English, byte for byte.
    let en = two_steps("");
    let in_english = |args: &[&str]| run_in_locale(&en, "C", args);
    assert_eq!(
        in_english(&["pending"]).stdout,
        "r2: 2 pending\n  r1  step r1\n  r2  step r2\n"
    );
    in_english(&["upgrade", "head"])
        .ok()
        .says("Database: ")
        .says("Running upgrade  -> r1, step r1");
    in_english(&["upgrade", "head"])
        .ok()
        .says("Nothing to do: the database is already there.");
    assert_eq!(
        in_english(&["pending"]).stdout,
        "r2: up to date\nThe database is at every head.\n"
    );
    let bad = in_english(&["graph", "--format", "png"]);
    bad.fails(2);
    assert_eq!(
        bad.stderr,
        "error: --format must be svg, mermaid or dot, not 'png'\n"
    );
}

/// r1 makes a table that fills; downgrading to base drops it and its rows.
fn filled(project_config: &str) -> (Project, std::path::PathBuf) {
    let project = Project::new(&format!(
        "url = \"sqlite:///app.db\"\nbackup = true\n{project_config}"
    ));
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE orders (id int);",
        "DROP TABLE orders;",
    ));
    let db = project.path().join("app.db");
    project.run(&["upgrade", "head"]).ok();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("INSERT INTO orders VALUES (1), (2);")
        .unwrap();
    (project, db)
}

/// `--lang zh-CN` at a terminal: the data-loss question is asked in
/// Chinese and takes 否 (no) and 是 (yes) as well as y/yes; in English 是
/// is not an answer, so nothing is dropped.
#[test]
fn the_data_loss_question_in_chinese_takes_chinese_answers() {
    let (project, db) = filled("");
    let downgrade = |lang: &str, answer: &str| {
        let out = common::retort_at_terminal(
            project.path(),
            &["--lang", lang, "downgrade", "base"],
            answer,
        );
        (out.status.code(), common::stdout(&out))
    };

    let (code, shown) = downgrade("zh-CN", "否\n");
    assert_eq!(code, Some(1), "{shown}");
    assert!(shown.contains("警告：此次降级会删除数据："), "{shown}");
    assert!(
        shown.contains("确定执行降级并丢失这些数据吗？[y/N，是/否]"),
        "{shown}"
    );
    assert_eq!(sqlite_versions(&db), vec!["r1"], "否 is no");

    let (code, shown) = downgrade("en", "是\n");
    assert_eq!(code, Some(1), "{shown}");
    assert!(
        shown.contains("Run the downgrade and lose this data? [y/N]"),
        "{shown}"
    );
    assert_eq!(
        sqlite_versions(&db),
        vec!["r1"],
        "是 is no answer in English"
    );

    let (code, shown) = downgrade("zh-CN", "是\n");
    assert_eq!(code, Some(0), "{shown}");
    assert!(shown.contains("备份："), "{shown}");
    assert!(shown.contains("字节）"), "{shown}");
    assert!(sqlite_versions(&db).is_empty(), "是 is yes: {shown}");

    // The backup the run made, listed with Chinese headings.
    let listed = project.run(&["--lang", "zh-CN", "backups"]);
    listed.ok();
    let heading = listed.stdout.lines().next().unwrap_or_default();
    for column in ["文件", "数据库", "时间（UTC）", "修订版本", "大小"] {
        assert!(heading.contains(column), "{listed:?}");
    }
    assert!(listed.stderr.starts_with("位于 "), "{listed:?}");
}

/// `verify`'s report on a scratch SQLite database: the statuses and the
/// findings in Chinese, the error the database gave and the revision ids
/// as they are; under `LANG=C` the English report, column for column.
#[test]
fn the_verify_report_in_chinese() {
    let project = crate::online_support::failing_project("url = \"sqlite:///app.db\"");

    let zh = run_in_locale(&project, "zh_CN.UTF-8", &["verify"]);
    assert_eq!(zh.code, 1, "{zh:?}");
    let r1 = project.file("r1");
    let r2 = project.file("r2");
    assert!(
        zh.stdout.starts_with(&format!(
            "通过  r1 ({})\n失败  r2 ({})\n      升级失败：\n        ",
            r1.display(),
            r2.display()
        )),
        "{zh:?}"
    );
    assert!(zh.stdout.contains("no such table: no_such_table"), "{zh:?}");
    assert!(
        zh.stdout
            .ends_with("目标模式：未比较（校验没有走到每个 head）\n"),
        "{zh:?}"
    );

    let en = run_in_locale(&project, "C", &["verify"]);
    assert_eq!(en.code, 1, "{en:?}");
    assert!(
        en.stdout.starts_with(&format!(
            "ok    r1 ({})\nFAIL  r2 ({})\n      upgrade fails:\n        ",
            r1.display(),
            r2.display()
        )),
        "{en:?}"
    );
    assert!(
        en.stdout
            .ends_with("target schema: not compared (the walk did not reach every head)\n"),
        "{en:?}"
    );
    // Both runs worked on scratch databases: the project's is untouched.
    let db = project.path().join("app.db");
    assert!(!db.exists() || sqlite_versions(&db).is_empty());
}
