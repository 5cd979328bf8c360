//! A run's own messages in Simplified Chinese: a failed step with where it
//! failed and what the version table holds now, the advice beside a server
//! error, and a connection setting that cannot be used. The same run under
//! `LANG=C` says it in English; the database's own error text, file paths,
//! revision ids and option names stay as they are in both.

use crate::online_support::{pg_tables, pg_versions, sqlite_versions, Project, Run};

/// Runs the binary with only `env` choosing the language (nothing
/// inherited from the test's own locale).
fn run_in(project: &Project, args: &[&str], env: &[(&str, &str)]) -> Run {
    project.run_in_locale(args, env)
}

const CHINESE: &[(&str, &str)] = &[("LANG", "zh_CN.UTF-8")];
const ENGLISH: &[(&str, &str)] = &[("LANG", "C")];

#[test]
fn a_failed_sqlite_upgrade_is_reported_in_chinese_and_in_english() {
    let project = crate::online_support::failing_project("url = \"sqlite:///app.db\"");
    let db = project.path().join("app.db");
    let place = format!("{}:9", project.file("r2").display());

    let chinese = run_in(&project, &["upgrade", "head"], CHINESE);
    chinese
        .fails(1)
        .says("错误：")
        .says(&format!("升级 r2 失败，位于 {place}："))
        // SQLite's own words stay as it said them.
        .says("no such table: no_such_table")
        .says("本次运行的事务已回滚：升级 r1 和 升级 r2 均未应用")
        .says("版本表现在为空");
    assert!(!chinese.stderr.contains("failed at"), "{chinese:?}");
    assert_eq!(sqlite_versions(&db), Vec::<String>::new());

    let english = run_in(&project, &["upgrade", "head"], ENGLISH);
    english
        .fails(1)
        .says(&format!("upgrade r2 failed at {place}: "))
        .says("no such table: no_such_table")
        .says("the run's transaction was rolled back: none of upgrade r1 and upgrade r2 is applied")
        .says("the version table is now empty");
    assert!(!english.stderr.contains("失败"), "{english:?}");

    // --lang wins over the locale.
    run_in(&project, &["--lang", "zh-CN", "upgrade", "head"], ENGLISH)
        .fails(1)
        .says(&format!("升级 r2 失败，位于 {place}："));
    assert_eq!(sqlite_versions(&db), Vec::<String>::new());
}

#[test]
fn a_step_committed_before_the_failure_is_named_in_chinese() {
    let project = crate::online_support::failing_project(
        "url = \"sqlite:///app.db\"\ntransaction_per_migration = true",
    );
    let db = project.path().join("app.db");

    run_in(&project, &["upgrade", "head"], CHINESE)
        .fails(1)
        .says("其事务已回滚：升级 r2 的任何内容都未应用")
        .says("本次运行中先前已提交、仍然生效的：升级 r1")
        .says("版本表现在包含：r1");
    assert_eq!(sqlite_versions(&db), vec!["r1".to_string()]);

    run_in(&project, &["upgrade", "head"], ENGLISH)
        .fails(1)
        .says("its transaction was rolled back: nothing of upgrade r2 was applied")
        .says("the version table now holds: r1");
}

#[test]
fn a_postgres_object_made_without_retort_gets_its_advice_in_chinese() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    client.batch_execute("CREATE TABLE a (x int)").unwrap();
    let project = crate::online_support::failing_project("");
    let place = format!("{}:8", project.file("r1").display());

    let chinese = run_in(&project, &["--url", &db.url, "upgrade", "head"], CHINESE);
    chinese
        .fails(1)
        .says(&format!("升级 r1 失败，位于 {place}："))
        // The server's message stays as PostgreSQL sent it.
        .says("relation \"a\" already exists")
        .says("其事务已回滚：升级 r1 的任何内容都未应用")
        .says("版本表现在为空")
        .says("提示：版本表原本为空，但数据库中已有此对象")
        .says("`retort stamp r1`");
    assert_eq!(
        pg_versions(&mut client, "alembic_version"),
        Vec::<String>::new()
    );
    assert_eq!(pg_tables(&mut client), vec!["public.a".to_string()]);

    run_in(&project, &["--url", &db.url, "upgrade", "head"], ENGLISH)
        .fails(1)
        .says(&format!("upgrade r1 failed at {place}: "))
        .says("its transaction was rolled back: nothing of upgrade r1 was applied")
        .says("hint: the version table was empty, yet the database already has this object");
}

#[test]
fn an_unusable_connection_setting_is_named_in_chinese() {
    let project = Project::new("");
    let url = "postgresql://someone:s3cret@127.0.0.1:1/app?sslmode=bogus";

    run_in(&project, &["--url", url, "current"], CHINESE)
        .fails(2)
        .says("sslmode 的值 \"bogus\" 无效（来自数据库 URL）：应为 disable、allow、prefer、require、verify-ca 或 verify-full")
        .never_shows("s3cret");

    run_in(
        &project,
        &["--lang", "zh-CN", "--url", url, "current"],
        ENGLISH,
    )
    .fails(2)
    .says("sslmode 的值 \"bogus\" 无效");

    run_in(&project, &["--url", url, "current"], ENGLISH)
        .fails(2)
        .says("invalid sslmode \"bogus\" in the database URL: expected disable, allow, prefer, require, verify-ca or verify-full")
        .never_shows("s3cret");
}
