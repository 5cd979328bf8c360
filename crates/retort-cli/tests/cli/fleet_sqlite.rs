//! Fleets of SQLite files: the failure rules (`--fail-fast`,
//! `--max-failures`, `--canary`), the JSON records, `current` and
//! `pending` per target, named fleets from retort.toml, and bad input
//! (a broken targets file, an unknown fleet, fleet options without a fleet).

use crate::online_support::{sqlite_versions, Project, Run};
use serde_json::Value;

/// Two revisions; a file that already has `t1` fails r1.
fn project(config: &str) -> Project {
    let project = Project::new(config);
    project.chain(
        2,
        |i| format!("CREATE TABLE t{i} (x int);"),
        |i| format!("DROP TABLE t{i};"),
    );
    project
}

/// `n` files `db0.db`..., those in `broken` holding a `t1` already; the
/// targets file lists them in order.
fn files(project: &Project, n: usize, broken: &[usize]) -> Vec<std::path::PathBuf> {
    let mut list = String::from("# the fleet\n\n");
    let paths: Vec<_> = (0..n)
        .map(|i| project.path().join(format!("db{i}.db")))
        .collect();
    for (i, path) in paths.iter().enumerate() {
        let _ = std::fs::remove_file(path);
        if broken.contains(&i) {
            let conn = rusqlite::Connection::open(path).unwrap();
            conn.execute_batch("CREATE TABLE t1 (y int)").unwrap();
        }
        list.push_str(&format!("sqlite:///{}  # file {i}\n", path.display()));
    }
    std::fs::write(project.path().join("targets.txt"), list).unwrap();
    paths
}

fn statuses(run: &Run) -> Vec<String> {
    let report: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"));
    report["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["status"].as_str().unwrap().to_string())
        .collect()
}

const FLEET: [&str; 3] = ["--targets", "targets.txt", "--json"];

/// One job unless `extra` says, so the order of failures is known.
fn upgrade(project: &Project, extra: &[&str]) -> Run {
    let jobs: &[&str] = if extra.contains(&"--jobs") {
        &[]
    } else {
        &["--jobs", "1"]
    };
    project.run(&[&["upgrade", "head"][..], &FLEET, jobs, extra].concat())
}

#[test]
fn failures_stop_the_run_only_as_asked() {
    let project = project("");
    // Without a limit every target runs.
    let paths = files(&project, 6, &[1, 3]);
    let run = upgrade(&project, &[]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        statuses(&run),
        ["moved", "failed", "moved", "failed", "moved", "moved"]
    );
    assert_eq!(sqlite_versions(&paths[5]), ["r2"]);
    assert!(sqlite_versions(&paths[1]).is_empty());

    // --fail-fast: nothing starts after the first failure.
    let paths = files(&project, 6, &[1, 3]);
    let run = upgrade(&project, &["--fail-fast"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        statuses(&run),
        ["moved", "failed", "skipped", "skipped", "skipped", "skipped"]
    );
    assert!(
        sqlite_versions(&paths[2]).is_empty(),
        "a skipped target is untouched"
    );

    // --max-failures 2: stops at the second.
    files(&project, 6, &[1, 3]);
    let run = upgrade(&project, &["--max-failures", "2"]);
    assert_eq!(
        statuses(&run),
        ["moved", "failed", "moved", "failed", "skipped", "skipped"]
    );

    // --max-failures 30%: of 6 targets, 2 (rounded up) stop the run.
    files(&project, 6, &[0, 2]);
    let run = upgrade(&project, &["--max-failures", "30%"]);
    assert_eq!(
        statuses(&run),
        ["failed", "moved", "failed", "skipped", "skipped", "skipped"]
    );
    let run = upgrade(&project, &["--max-failures", "0%"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("`0%`"), "{run:?}");

    // --canary 2 with a failing canary: the rest never start.
    files(&project, 6, &[1]);
    let run = upgrade(&project, &["--canary", "2"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        statuses(&run),
        ["moved", "failed", "skipped", "skipped", "skipped", "skipped"]
    );
    // Healthy canaries: everything runs, the failure later still counted.
    files(&project, 6, &[4]);
    let run = upgrade(&project, &["--canary", "2", "--jobs", "3"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        statuses(&run),
        ["moved", "moved", "moved", "moved", "failed", "moved"]
    );
}

#[test]
fn records_current_pending_and_a_rerun() {
    let project = project("");
    let paths = files(&project, 4, &[2]);
    let run = upgrade(&project, &[]);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let failed = &report["targets"][2];
    assert_eq!(failed["status"], "failed");
    assert_eq!(failed["url"], format!("sqlite:///{}", paths[2].display()));
    let error = failed["error"].as_str().unwrap();
    assert!(error.contains("upgrade r1 failed at "), "{error}");
    assert!(
        error.contains("r1_step.sql:8: "),
        "file:line of the statement: {error}"
    );
    assert_eq!(report["targets"][0]["heads"], serde_json::json!(["r2"]));
    assert_eq!(report["targets"][0]["steps"], 2);
    assert_eq!(report["summary"]["failed"], 1);

    // current and pending, one line a target.
    let run = project.run(&["current", "--targets", "targets.txt"]);
    run.ok();
    assert!(
        run.stdout
            .contains(&format!("sqlite:///{}: r2\n", paths[0].display())),
        "{run:?}"
    );
    assert!(
        run.stdout
            .contains(&format!("sqlite:///{}: no revision\n", paths[2].display())),
        "{run:?}"
    );
    let run = project.run(&["pending", "--targets", "targets.txt"]);
    assert_eq!(run.code, 3, "behind: {run:?}");
    assert!(run.stdout.contains("2 pending (at no revision)"), "{run:?}");

    // Fixed, the rerun touches only that file.
    let conn = rusqlite::Connection::open(&paths[2]).unwrap();
    conn.execute_batch("DROP TABLE t1").unwrap();
    drop(conn);
    let run = upgrade(&project, &[]);
    run.ok();
    assert_eq!(
        statuses(&run),
        ["at_target", "at_target", "moved", "at_target"]
    );
    project
        .run(&["pending", "--targets", "targets.txt", "-q"])
        .ok();

    // stamp and downgrade run on the fleet too.
    let run = project.run(&["downgrade", "r1", "--targets", "targets.txt", "--json"]);
    run.ok();
    assert_eq!(statuses(&run), ["moved"; 4]);
    assert!(paths.iter().all(|p| sqlite_versions(p) == ["r1"]));
    project
        .run(&["stamp", "r2", "--targets", "targets.txt", "-q"])
        .ok();
    assert!(paths.iter().all(|p| sqlite_versions(p) == ["r2"]));
}

#[test]
fn named_fleets_from_the_configuration() {
    let project = project(
        "[fleet]\ntargets = [\"sqlite:///a.db\", \"sqlite:///b.db\"]\n\
         [fleet.more]\ntargets_file = \"more.txt\"\njobs = 2\n",
    );
    std::fs::write(project.path().join("more.txt"), "sqlite:///c.db\n").unwrap();
    let run = project.run(&["upgrade", "head", "--fleet"]);
    run.ok();
    assert!(
        run.stdout
            .contains("2 targets: 2 moved, 0 failed, 0 skipped"),
        "{run:?}"
    );
    assert!(
        run.stderr.contains("Fleet: 2 targets, 4 at a time"),
        "{run:?}"
    );
    assert_eq!(sqlite_versions(&project.path().join("b.db")), ["r2"]);
    let run = project.run(&["upgrade", "head", "--fleet", "more"]);
    run.ok();
    assert!(
        run.stderr.contains("Fleet: 1 target, 2 at a time"),
        "{run:?}"
    );
    assert!(
        run.stdout.contains("1 target: 1 moved, 0 failed"),
        "{run:?}"
    );
    assert_eq!(sqlite_versions(&project.path().join("c.db")), ["r2"]);

    project
        .run(&["upgrade", "head", "--fleet", "eu"])
        .fails(2)
        .says("has no [fleet.eu] listing targets; it has [fleet], [fleet.more]");
}

#[test]
fn bad_fleet_input_is_named() {
    let project = project("");
    std::fs::write(
        project.path().join("targets.txt"),
        "sqlite:///a.db\nmysql://u:pw@h/db\n",
    )
    .unwrap();
    project
        .run(&["upgrade", "head", "--targets", "targets.txt"])
        .fails(2)
        .says("targets.txt line 2")
        .never_shows(":pw@");
    assert!(!project.path().join("a.db").exists(), "nothing ran");
    project
        .run(&["upgrade", "head", "--targets", "missing.txt"])
        .fails(2)
        .says("cannot read the targets file");
    project
        .run(&["upgrade", "head", "--fleet"])
        .fails(2)
        .says("has no [fleet] listing targets (nor any fleet)");
    project
        .run(&["upgrade", "head", "--canary", "2"])
        .fails(2)
        .says("--canary is for fleet runs");
    project
        .run(&["upgrade", "head", "--targets", "targets.txt", "--sql"])
        .fails(2)
        .says("not a fleet");
    project
        .run(&["current", "--check-heads", "--targets", "targets.txt"])
        .fails(2)
        .says("`pending --fleet` exits 3");

    let typo = Project::new("[fleet]\ntarget = [\"sqlite:///a.db\"]\n");
    typo.run(&["upgrade", "head", "--fleet"])
        .fails(2)
        .says("did you mean `fleet.targets`");
}

#[test]
fn check_compares_every_target_with_the_target_schema() {
    let project = project("");
    std::fs::write(
        project.path().join("schema.sql"),
        "CREATE TABLE t1 (x int);\nCREATE TABLE t2 (x int);\n",
    )
    .unwrap();
    let paths = files(&project, 3, &[]);
    project
        .run(&["upgrade", "head", "--targets", "targets.txt", "-q"])
        .ok();
    project
        .run(&["check", "--targets", "targets.txt"])
        .ok()
        .says("3 targets: 3 already there, 0 failed");
    let conn = rusqlite::Connection::open(&paths[1]).unwrap();
    conn.execute_batch("CREATE TABLE extra (y int)").unwrap();
    drop(conn);
    let run = project.run(&["check", "--targets", "targets.txt", "--json"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(statuses(&run), ["at_target", "failed", "at_target"]);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let error = report["targets"][1]["error"].as_str().unwrap();
    assert!(
        error.contains("1 change(s)") && error.contains("drop table extra"),
        "{error}"
    );
}

/// Runs a fleet upgrade with the locale (and options) given and no
/// inherited language choice (the helpers set RETORT_LANG=en).
fn upgrade_in(project: &Project, options: &[&str], lang: &str) -> Run {
    let args = [
        options,
        &["upgrade", "head", "--targets", "targets.txt", "--jobs", "1"],
    ]
    .concat();
    project.run_in_locale(&args, &[("LANG", lang)])
}

/// Whether `line` is `pattern` with each `\u{1}` standing for a number
/// (the elapsed seconds and the rate, which vary from run to run).
fn matches_with_numbers(line: &str, pattern: &str) -> bool {
    let mut rest = line;
    for (i, piece) in pattern.split('\u{1}').enumerate() {
        if i > 0 {
            let digits = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(rest.len());
            if digits == 0 {
                return false;
            }
            rest = &rest[digits..];
        }
        let Some(after) = rest.strip_prefix(piece) else {
            return false;
        };
        rest = after;
    }
    rest.is_empty()
}

#[test]
fn a_fleet_run_speaks_chinese_in_a_chinese_locale_and_english_in_c() {
    use retort::i18n::{Arg, Catalog, Language};
    let chinese = |id: &str, args: &[(&str, Arg)]| {
        Catalog::of(Language::Chinese)
            .format(id, args)
            .unwrap_or_else(|| panic!("no Chinese `{id}`"))
    };
    let project = project("");
    let failing = |paths: &[std::path::PathBuf]| format!("sqlite:///{}", paths[1].display());

    // The Chinese summary, from the catalog: "3 个目标：2 个已迁移、1 个失败、0 个跳过（N 秒，每秒 N 个目标）".
    let separator = chinese("run-list-separator", &[]);
    let parts = [
        chinese("fleet-summary-moved", &[("count", 2.into())]),
        chinese("fleet-summary-failed", &[("count", 1.into())]),
        chinese("fleet-summary-skipped", &[("count", 0.into())]),
    ]
    .join(&separator);
    let summary = chinese(
        "fleet-summary",
        &[
            ("count", 3.into()),
            ("parts", parts.into()),
            ("seconds", "\u{1}".into()),
            ("rate", "\u{1}".into()),
        ],
    );
    assert!(
        summary.contains("个目标：2 个已迁移、1 个失败"),
        "{summary}"
    );
    let header = chinese("fleet-header", &[("count", 3.into()), ("jobs", 1.into())]);
    for options in [&[][..], &["--lang", "zh-CN"][..]] {
        let paths = files(&project, 3, &[1]);
        let lang = if options.is_empty() {
            "zh_CN.UTF-8"
        } else {
            "C"
        };
        let run = upgrade_in(&project, options, lang);
        assert_eq!(run.code, 1, "{options:?}: {run:?}");
        let lines: Vec<&str> = run.stdout.lines().collect();
        let failed = chinese(
            "fleet-target-failed",
            &[("target", failing(&paths).into()), ("error", "".into())],
        );
        assert!(lines[0].starts_with(&failed), "{options:?}: {run:?}");
        assert!(
            matches_with_numbers(lines.last().unwrap(), &summary),
            "{options:?}: {run:?}"
        );
        assert!(run.stderr.contains(&header), "{options:?}: {run:?}");
        assert_eq!(sqlite_versions(&paths[2]), ["r2"]);
    }

    // The same run in the C locale prints the English it always has.
    let paths = files(&project, 3, &[1]);
    let run = upgrade_in(&project, &[], "C");
    assert_eq!(run.code, 1, "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[0].starts_with(&format!(
            "{}: failed: upgrade r1 failed at ",
            failing(&paths)
        )),
        "{run:?}"
    );
    assert!(
        matches_with_numbers(
            lines.last().unwrap(),
            "3 targets: 2 moved, 1 failed, 0 skipped (\u{1} s, \u{1} targets/s)"
        ),
        "{run:?}"
    );
    assert!(
        run.stderr.contains("Fleet: 3 targets, 1 at a time\n"),
        "{run:?}"
    );
}
