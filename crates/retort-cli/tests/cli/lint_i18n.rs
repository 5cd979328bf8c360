//! `retort lint` in Simplified Chinese: the findings, the summary,
//! `--explain` and the errors, chosen by the locale (`LANG`) or `--lang`;
//! the same run under `LANG=C` in English, and `--json` English always.
//! Also the findings `upgrade` prints before it stops and those
//! `revision --autogenerate` prints of what it wrote, against a real
//! PostgreSQL server.

use crate::online_support::{pg_versions, Project, Rev};

const OFFLINE: &str = "url = \"postgresql://nobody@127.0.0.1:1/none\"";

/// r1 creates `orders`; r2 indexes it without CONCURRENTLY (R001, and
/// R017 as no lock_timeout is set).
fn project(config: &str) -> Project {
    let project = Project::new(config);
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);",
        "DROP TABLE orders;",
    ));
    project.write(&Rev::new(
        "r2",
        &["r1"],
        "CREATE INDEX ix_orders_customer ON orders (customer_id);",
        "DROP INDEX ix_orders_customer;",
    ));
    project
}

/// The binary with `LANG` set and no other language setting inherited.
fn run_with_lang(project: &Project, lang: &str, args: &[&str]) -> crate::online_support::Run {
    project.run_in_locale(args, &[("LANG", lang)])
}

#[test]
fn findings_summary_and_error_in_chinese_under_a_chinese_locale_and_english_under_c() {
    let project = project(OFFLINE);

    let chinese = run_with_lang(&project, "zh_CN.UTF-8", &["lint", "r2"]);
    assert_eq!(chinese.code, 1, "{chinese:?}");
    for line in [
        "migrations/versions/r2_step.sql:8: 错误 R001 index-without-concurrently：在已有的表 orders 上 CREATE INDEX 而未使用 CONCURRENTLY",
        "  语句：CREATE INDEX ix_orders_customer ON orders (customer_id);",
        "  锁：orders 上的 SHARE 锁；在整个索引构建期间阻塞该表的 INSERT、UPDATE 和 DELETE",
        "  原因：普通的 CREATE INDEX 在整个构建期间持有 SHARE 锁",
        "  安全做法：",
        "migrations/versions/r2_step.sql:8: 警告 R017 missing-lock-timeout：在已有的表 orders 上执行 DDL 而未设置 lock_timeout",
    ] {
        assert!(chinese.stdout.contains(line), "no {line:?} in {chinese:?}");
    }
    // The summary, as every notice, on stderr.
    assert!(
        chinese
            .stderr
            .contains("1 条语句中有 1 个错误、1 个警告；PostgreSQL 14（来源：默认值）"),
        "{chinese:?}"
    );
    // The safe way stays SQL (and the migration marker a marker); only its
    // comments are translated.
    for line in [
        "    -- retort:upgrade no-transaction\n",
        "    REINDEX INDEX CONCURRENTLY ix_orders_customer_id;  -- PostgreSQL 12 及以上\n",
        "    -- 或者在 retort.toml 中为整个项目设置一次：\n",
    ] {
        assert!(chinese.stdout.contains(line), "no {line:?} in {chinese:?}");
    }
    assert!(
        chinese
            .stderr
            .contains("错误：lint 发现 1 个错误级别的问题"),
        "{chinese:?}"
    );
    assert!(
        !chinese.stdout.contains("without CONCURRENTLY"),
        "{chinese:?}"
    );

    // The same run under the C locale: the English, as before.
    let english = run_with_lang(&project, "C", &["lint", "r2"]);
    assert_eq!(english.code, 1, "{english:?}");
    for line in [
        "migrations/versions/r2_step.sql:8: error R001 index-without-concurrently: CREATE INDEX on existing table orders without CONCURRENTLY",
        "  statement: CREATE INDEX ix_orders_customer ON orders (customer_id);",
        "  lock: SHARE on orders: blocks INSERT, UPDATE and DELETE on the table for the whole index build",
        "  why: A plain CREATE INDEX holds a SHARE lock for the whole build",
        "  safe way:",
    ] {
        assert!(english.stdout.contains(line), "no {line:?} in {english:?}");
    }
    assert!(
        english.stderr.contains(
            "1 error(s), 1 warning(s) in 1 statement(s); PostgreSQL 14 (from the default)"
        ),
        "{english:?}"
    );
    assert!(english
        .stderr
        .contains("error: lint found 1 error-level finding(s)"));

    // `--json` is for programs: English whatever the locale, and the same.
    let json_chinese = run_with_lang(&project, "zh_CN.UTF-8", &["--json", "lint", "r2"]);
    let json_english = run_with_lang(&project, "C", &["--json", "lint", "r2"]);
    assert_eq!(json_chinese.stdout, json_english.stdout);
    let found: serde_json::Value = serde_json::from_str(&json_chinese.stdout).unwrap();
    assert_eq!(
        found[0]["message"],
        "CREATE INDEX on existing table orders without CONCURRENTLY"
    );
    assert_eq!(found[0]["lock"], "SHARE on orders");
    assert_eq!(found[0]["severity"], "error");
}

#[test]
fn explain_and_unknown_rules_in_chinese_with_the_lang_option() {
    let project = project(OFFLINE);
    let explained = run_with_lang(
        &project,
        "C",
        &["--lang", "zh-CN", "lint", "--explain", "R009"],
    );
    assert_eq!(explained.code, 0, "{explained:?}");
    for line in [
        "R009 unique-without-index: 在已有的表上 ADD PRIMARY KEY 或 ADD UNIQUE 而未使用 USING INDEX\n",
        "默认级别：error\n",
        "原因：约束会在持有 ACCESS EXCLUSIVE 锁期间构建其唯一索引",
        "安全做法：\n",
        "CREATE UNIQUE INDEX CONCURRENTLY orders_number_key ON orders (number);",
    ] {
        assert!(explained.stdout.contains(line), "no {line:?} in {explained:?}");
    }
    let style = run_with_lang(
        &project,
        "C",
        &["--lang", "zh-CN", "lint", "--explain", "R104"],
    );
    assert!(
        style
            .stdout
            .contains("默认级别：off（风格规则：在 retort.toml 的 [lint] 中开启）"),
        "{style:?}"
    );
    let sqlite = run_with_lang(
        &project,
        "C",
        &["--lang", "zh-CN", "lint", "--explain", "R010"],
    );
    assert!(
        sqlite.stdout.contains("默认级别：warning\n")
            && sqlite.stdout.ends_with("\n也适用于 SQLite 项目。\n"),
        "{sqlite:?}"
    );
    let listed = run_with_lang(&project, "C", &["--lang", "zh-CN", "lint", "--explain"]);
    assert!(
        listed
            .stdout
            .contains("在事务中执行 CREATE/DROP INDEX CONCURRENTLY 或 REINDEX CONCURRENTLY"),
        "{listed:?}"
    );

    let unknown = run_with_lang(
        &project,
        "C",
        &["--lang", "zh-CN", "lint", "--explain", "R999"],
    );
    assert_eq!(unknown.code, 2, "{unknown:?}");
    assert!(
        unknown
            .stderr
            .contains("没有名为 `R999` 的 lint 规则；`retort lint --explain` 会列出全部规则"),
        "{unknown:?}"
    );
    let english = run_with_lang(
        &project,
        "zh_CN.UTF-8",
        &["--lang", "en", "lint", "--explain", "R999"],
    );
    assert!(
        english
            .stderr
            .contains("no lint rule is called `R999`; `retort lint --explain` lists them"),
        "{english:?}"
    );

    // A broken allow comment (R090), in the reader's language.
    std::fs::write(
        project.path().join("plain.sql"),
        "-- retort:allow R001\nCREATE INDEX ix_orders_id ON orders (id);\n",
    )
    .unwrap();
    let allow = run_with_lang(&project, "zh_CN.UTF-8", &["lint", "plain.sql"]);
    assert!(
        allow.stdout.contains(
            "plain.sql:1: 错误 R090 invalid-allow：未给出理由：请在规则之后写明该语句在此处为何安全"
        ),
        "{allow:?}"
    );
}

#[test]
fn upgrade_stopped_by_lint_speaks_chinese_and_leaves_the_database_as_it_was() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    let project = project("");
    std::fs::write(
        project.path().join("retort.toml"),
        "script_location = \"migrations\"\n[lint]\nupgrade = \"error\"\n",
    )
    .unwrap();
    // r1 is applied first, so r2's index is on a table in use.
    run_with_lang(&project, "C", &["--url", db.url.as_str(), "upgrade", "r1"]);
    assert_eq!(pg_versions(&mut client, "alembic_version"), ["r1"]);

    let stopped = run_with_lang(
        &project,
        "zh_CN.UTF-8",
        &["--url", db.url.as_str(), "upgrade", "head"],
    );
    assert_eq!(stopped.code, 1, "{stopped:?}");
    for text in [
        "lint：待应用的修订版本中有 1 个错误、1 个警告：",
        "r2_step.sql:8: 错误 R001 index-without-concurrently：在已有的表 orders 上 CREATE INDEX 而未使用 CONCURRENTLY",
        "（`retort lint --pending` 会显示每条语句所取的锁",
        "未执行任何操作（[lint] upgrade = \"error\"）",
    ] {
        assert!(stopped.stderr.contains(text), "no {text:?} in {stopped:?}");
    }
    assert_eq!(pg_versions(&mut client, "alembic_version"), ["r1"]);
    let index: Option<String> = client
        .query_one("SELECT to_regclass('ix_orders_customer')::text", &[])
        .unwrap()
        .get(0);
    assert_eq!(index, None, "the database is untouched");

    let english = run_with_lang(
        &project,
        "C",
        &["--url", db.url.as_str(), "upgrade", "head"],
    );
    assert_eq!(english.code, 1, "{english:?}");
    assert!(
        english
            .stderr
            .contains("lint: 1 error(s), 1 warning(s) in the revisions to apply:"),
        "{english:?}"
    );
}

#[test]
fn autogenerate_prints_its_findings_in_chinese() {
    let _turn = crate::autogen_cli::SERIAL
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let db = retort_testkit::fresh_database();
    let url = db.url.as_str();
    let project = Project::new("");
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);",
        "DROP TABLE users;",
    ));
    run_with_lang(&project, "C", &["--url", url, "upgrade", "head"]);
    std::fs::write(
        project.path().join("schema.sql"),
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n\
         CREATE INDEX ix_users_email ON users (email);\n",
    )
    .unwrap();
    let run = run_with_lang(
        &project,
        "zh_CN.UTF-8",
        &[
            "--url",
            url,
            "revision",
            "--autogenerate",
            "-m",
            "index email",
        ],
    );
    assert_eq!(run.code, 0, "{run:?}");
    for text in [
        "个错误、",
        "错误 R001 index-without-concurrently：在已有的表 public.users 上 CREATE INDEX 而未使用 CONCURRENTLY",
        "（`retort lint migrations/versions/",
        "` 会显示每条语句所取的锁、问题所在及安全做法）",
    ] {
        assert!(run.stderr.contains(text), "no {text:?} in {run:?}");
    }
}
