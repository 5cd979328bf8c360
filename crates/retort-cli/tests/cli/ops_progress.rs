//! The progress line of long runs: at a terminal, "revision i of N:
//! message elapsed" under the "Running ..." lines, erased at the end; not
//! for short runs, not with --quiet, and not a byte of difference when
//! stderr is not a terminal.

use crate::common::retort_at_terminal;
use crate::online_support::Project;

const ERASE: &str = "\r\x1b[2K";

fn chain(n: usize) -> Project {
    let project = Project::new("");
    project.chain(
        n,
        |i| format!("CREATE TABLE t{i} (x int);"),
        |i| format!("DROP TABLE t{i};"),
    );
    project
}

fn sqlite_url(project: &Project) -> String {
    format!("sqlite:///{}", project.path().join("app.db").display())
}

#[test]
fn a_long_run_at_a_terminal_shows_progress_then_erases_it() {
    let project = chain(5);
    let url = sqlite_url(&project);
    let out = retort_at_terminal(project.path(), &["--url", &url, "upgrade", "head"], "");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{text}");
    for i in 1..=5 {
        assert!(
            text.contains(&format!("revision {i} of 5: step r{i}")),
            "no progress for r{i}: {text:?}"
        );
        assert!(
            text.contains(&format!(
                "Running upgrade {}-> r{i}, step r{i}\r\n",
                if i == 1 {
                    " ".to_string()
                } else {
                    format!("r{} ", i - 1)
                }
            )),
            "{text:?}"
        );
    }
    // The last thing on the terminal is the erasing of the line.
    let last = text.rfind("revision ").unwrap();
    assert!(text[last..].contains(ERASE), "{text:?}");
    assert!(
        !text[last..]
            .split(ERASE)
            .last()
            .unwrap()
            .contains("revision"),
        "{text:?}"
    );
}

#[test]
fn short_runs_and_quiet_runs_show_no_progress() {
    let project = chain(3);
    let url = sqlite_url(&project);
    let out = retort_at_terminal(project.path(), &["--url", &url, "upgrade", "head"], "");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Running upgrade r2 -> r3"), "{text:?}");
    assert!(
        !text.contains("revision 1 of") && !text.contains(ERASE),
        "{text:?}"
    );

    let project = chain(5);
    let url = sqlite_url(&project);
    let out = retort_at_terminal(
        project.path(),
        &["--url", &url, "-q", "upgrade", "head"],
        "",
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{text}");
    assert_eq!(text, "", "--quiet at a terminal prints nothing");
}

#[test]
fn off_a_terminal_the_output_is_exactly_as_before() {
    let project = chain(5);
    let url = sqlite_url(&project);
    let run = project.run(&["--url", &url, "upgrade", "head"]);
    run.ok();
    let db = project.path().join("app.db");
    let mut expected = format!("Database: {}\n", db.display());
    for i in 1..=5 {
        let from = if i == 1 {
            " ".to_string()
        } else {
            format!("r{} ", i - 1)
        };
        expected.push_str(&format!("Running upgrade {from}-> r{i}, step r{i}\n"));
    }
    assert_eq!(run.stderr, expected);
    assert_eq!(run.stdout, "");
}
