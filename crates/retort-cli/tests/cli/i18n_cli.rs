//! Messages in Simplified Chinese: the language chosen from `--lang`,
//! `RETORT_LANG` or the locale, real errors and the help printed in it,
//! and what programs read (`--json`, history, `--sql`) the same in both.

use crate::online_support::{Project, Rev, Run};
use retort::i18n::{Arg, Catalog, Language};

/// A two-revision SQLite project.
fn project() -> (Project, String) {
    let project = Project::new("");
    project.chain(
        2,
        |i| format!("CREATE TABLE t{i} (x int);"),
        |i| format!("DROP TABLE t{i};"),
    );
    let url = format!("sqlite:///{}", project.path().join("app.db").display());
    (project, url)
}

fn run_in(project: &Project, args: &[&str], locale: &[(&str, &str)]) -> Run {
    project.run_in_locale(args, locale)
}

fn chinese(id: &str, args: &[(&str, Arg)]) -> String {
    Catalog::of(Language::Chinese)
        .format(id, args)
        .unwrap_or_else(|| panic!("no Chinese `{id}`"))
}

const ZH: &[(&str, &str)] = &[("LANG", "zh_CN.UTF-8")];
const C: &[(&str, &str)] = &[("LANG", "C")];

#[test]
fn a_chinese_locale_prints_an_unknown_revision_error_in_chinese() {
    let (project, url) = project();
    let english = run_in(&project, &["--url", &url, "upgrade", "zzzz9"], C);
    assert_eq!(english.code, 2, "{english:?}");
    assert_eq!(
        english.stderr,
        "error: Can't locate revision identified by 'zzzz9' (No such revision or branch 'zzzz9')\n"
    );

    let run = run_in(&project, &["--url", &url, "upgrade", "zzzz9"], ZH);
    assert_eq!(run.code, 2, "{run:?}");
    let reason = chinese(
        "revision-no-such-revision-or-branch",
        &[("id", "zzzz9".into()), ("hint", "".into())],
    );
    let message = chinese(
        "revision-unknown",
        &[("argument", "zzzz9".into()), ("reason", reason.into())],
    );
    assert_eq!(
        run.stderr,
        format!("{}{message}\n", chinese("error-prefix", &[]))
    );
    assert!(run.stderr.starts_with("错误："), "{run:?}");
    // Nothing was run: the database has no version table.
    let current = run_in(&project, &["--url", &url, "current"], C);
    assert_eq!(current.stdout, "", "{current:?}");
}

#[test]
fn a_missing_configuration_is_reported_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = crate::common::retort_command();
    crate::common::forget_language(&mut cmd)
        .current_dir(dir.path())
        .env_remove("RETORT_CONFIG")
        .env("LC_ALL", "zh_CN.UTF-8")
        .args(["current"]);
    let run = Run::from(cmd.output().unwrap());
    assert_eq!(run.code, 2, "{run:?}");
    let expected = |start: &std::path::Path| {
        format!(
            "错误：{}\n",
            chinese(
                "config-not-found",
                &[("file", "retort.toml".into()), ("start", start.into())],
            )
        )
    };
    let canonical = dir.path().canonicalize().unwrap();
    assert!(
        run.stderr == expected(dir.path()) || run.stderr == expected(&canonical),
        "{run:?}"
    );
}

#[test]
fn the_language_comes_from_lang_option_then_retort_lang_then_lc_all_lc_messages_lang() {
    let (project, url) = project();
    let args = ["--url", url.as_str(), "upgrade", "zzzz9"];
    let is_chinese = |run: &Run| run.stderr.starts_with("错误：");
    // (options, locale variables, whether Chinese is expected)
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], bool);
    let cases: &[Case] = &[
        (&[], &[("LANG", "zh_CN.UTF-8")], true),
        (&[], &[("LANG", "zh_Hans")], true),
        (&[], &[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "C")], true),
        (&[], &[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")], false),
        (
            &[],
            &[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")],
            true,
        ),
        (&[], &[("RETORT_LANG", "zh-CN"), ("LANG", "C")], true),
        (
            &[],
            &[("RETORT_LANG", "en"), ("LANG", "zh_CN.UTF-8")],
            false,
        ),
        (&["--lang", "zh-CN"], &[("LANG", "C")], true),
        (&["--lang=zh-CN"], &[("RETORT_LANG", "en")], true),
        (&["--lang", "en"], &[("LANG", "zh_CN.UTF-8")], false),
    ];
    for (options, locale, want_chinese) in cases {
        let mut all: Vec<&str> = options.to_vec();
        all.extend(args);
        let run = run_in(&project, &all, locale);
        assert_eq!(run.code, 2, "{options:?} {locale:?}: {run:?}");
        assert_eq!(
            is_chinese(&run),
            *want_chinese,
            "{options:?} {locale:?}: {run:?}"
        );
    }
    let run = run_in(&project, &["--lang", "klingon", "heads"], C);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("klingon"), "{run:?}");
}

#[test]
fn the_help_and_the_command_line_errors_are_in_chinese() {
    let (project, _) = project();
    let help = run_in(&project, &["upgrade", "--help"], ZH);
    assert_eq!(help.code, 0, "{help:?}");
    assert!(help.stdout.contains("用法："), "{help:?}");
    assert!(
        help.stdout.contains(&chinese("cmd-upgrade", &[])),
        "{help:?}"
    );
    assert!(
        help.stdout.contains(&chinese("arg-upgrade-sql", &[])),
        "{help:?}"
    );
    assert!(
        help.stdout.contains(&chinese("arg-retort-config", &[])),
        "{help:?}"
    );
    assert!(!help.stdout.contains("Print help"), "{help:?}");
    let english = run_in(&project, &["upgrade", "--help"], C);
    assert!(
        english.stdout.contains("Usage: retort upgrade"),
        "{english:?}"
    );
    assert!(
        english
            .stdout
            .contains("Print the SQL instead of running it"),
        "{english:?}"
    );

    let typo = run_in(&project, &["upgrad", "head"], ZH);
    assert_eq!(typo.code, 2, "{typo:?}");
    assert!(
        typo.stderr.starts_with(&format!(
            "错误：{}",
            chinese("clap-unknown-command", &[("command", "upgrad".into())])
        )),
        "{typo:?}"
    );
    let manual = run_in(&project, &["man"], ZH);
    assert!(
        manual.stdout.contains(&chinese("cmd-verify", &[])),
        "{manual:?}"
    );
}

#[test]
fn what_programs_read_is_the_same_in_both_languages() {
    let (project, url) = project();
    project.write(&Rev::new("b1", &["r1"], "SELECT 1;", "SELECT 1;"));
    for args in [
        vec!["--url", url.as_str(), "upgrade", "r2"],
        vec!["heads", "--verbose"],
        vec!["--json", "heads"],
        vec!["history"],
        vec!["history", "--verbose"],
        vec!["--url", url.as_str(), "--json", "pending"],
        vec!["--url", url.as_str(), "--json", "upgrade", "zzzz9"],
        vec!["--url", url.as_str(), "current", "--verbose"],
        vec!["--url", url.as_str(), "upgrade", "r1:r2", "--sql"],
        vec!["graph", "--format", "mermaid"],
    ] {
        let english = run_in(&project, &args, C);
        let chinese = run_in(&project, &args, ZH);
        assert!(
            args.contains(&"upgrade") && !args.contains(&"--sql") || !english.stdout.is_empty(),
            "{args:?} printed nothing: {english:?}"
        );
        assert_eq!(english.stdout, chinese.stdout, "{args:?}");
        if args.contains(&"--json") {
            assert_eq!(english.stderr, chinese.stderr, "{args:?}");
        }
        assert_eq!(english.code, chinese.code, "{args:?}");
    }
}
