//! Hostile migration directories, through the `retort` binary on real
//! SQLite files (and PostgreSQL where the database must be seen untouched):
//! parents named twice, cycles, comments that look like section markers,
//! downgrades with nothing in them, and entries of the versions directory
//! that are not readable files. Every run has a deadline: a command that
//! spins for ever fails its test instead of hanging it.

use rusqlite::Connection;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Far longer than any of these commands takes.
const DEADLINE: Duration = Duration::from_secs(60);

/// What one run of the binary did.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    #[track_caller]
    fn ok(&self) -> &Run {
        assert_eq!(self.code, Some(0), "expected success: {self:#?}");
        self
    }

    /// Exit status 2 (a broken migration directory or bad usage), with a
    /// message and no panic.
    #[track_caller]
    fn refused(&self) -> &Run {
        assert_eq!(self.code, Some(2), "expected exit status 2: {self:#?}");
        assert!(self.stderr.contains("error: "), "{self:#?}");
        assert!(!self.stderr.contains("panicked"), "{self:#?}");
        self
    }

    #[track_caller]
    fn says(&self, needle: &str) -> &Run {
        assert!(
            self.stderr.contains(needle) || self.stdout.contains(needle),
            "the output lacks {needle:?}: {self:#?}"
        );
        self
    }

    #[track_caller]
    fn never_says(&self, needle: &str) -> &Run {
        assert!(
            !self.stderr.contains(needle) && !self.stdout.contains(needle),
            "the output has {needle:?}: {self:#?}"
        );
        self
    }
}

/// Runs the binary in `dir`; kills it and fails the test if it is still
/// running at the deadline.
fn retort_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = crate::common::retort_command();
    command
        .current_dir(dir)
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("RETORT_CONFIG")
        .env("RETORT_CACHE_DIR", "off")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("run retort");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = pipe.read_to_end(&mut text);
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for retort") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("retort {args:?} was still running after {DEADLINE:?}: an endless loop");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code(),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

/// A project on an SQLite file, `app.db`, with these files (name, text)
/// in its versions directory.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new(files: &[(&str, &str)]) -> Project {
        Project::with_url("sqlite:///app.db", files)
    }

    fn with_url(url: &str, files: &[(&str, &str)]) -> Project {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("retort.toml"),
            format!("script_location = \"migrations\"\nurl = \"{url}\"\n"),
        )
        .unwrap();
        fs::create_dir_all(dir.path().join("migrations/versions")).unwrap();
        let project = Project { dir };
        for (name, text) in files {
            project.write(name, text);
        }
        project
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn versions(&self) -> PathBuf {
        self.path().join("migrations/versions")
    }

    fn write(&self, name: &str, text: &str) {
        fs::write(self.versions().join(name), text).unwrap();
    }

    fn file(&self, name: &str) -> String {
        fs::read_to_string(self.versions().join(name)).unwrap()
    }

    fn run(&self, args: &[&str]) -> Run {
        retort_in(self.path(), args, &[])
    }

    /// The SQLite file's tables (retort's own included) and version rows.
    fn sqlite_state(&self) -> (Vec<String>, Vec<String>) {
        let path = self.path().join("app.db");
        if !path.exists() {
            return (Vec::new(), Vec::new());
        }
        let conn = Connection::open(path).unwrap();
        let strings = |sql: &str| -> Vec<String> {
            let mut statement = conn.prepare(sql).unwrap();
            let rows = statement.query_map([], |r| r.get::<_, String>(0)).unwrap();
            rows.map(Result::unwrap).collect()
        };
        let tables = strings("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        let versions = if tables.iter().any(|t| t == "alembic_version") {
            strings("SELECT version_num FROM alembic_version ORDER BY version_num")
        } else {
            Vec::new()
        };
        (tables, versions)
    }
}

/// A migration file: its header, then the body as given (markers included).
fn file(id: &str, revises: &str, depends_on: &str, body: &str) -> String {
    let depends = if depends_on.is_empty() {
        String::new()
    } else {
        format!("-- Depends On: {depends_on}\n")
    };
    format!(
        "-- step {id}\n--\n-- Revision ID: {id}\n-- Revises: {revises}\n{depends}-- Create Date: 2026-01-01 00:00:00\n\n{body}"
    )
}

/// A migration that creates table `table` and drops it again.
fn creates(id: &str, revises: &str, depends_on: &str, table: &str) -> String {
    file(
        id,
        revises,
        depends_on,
        &format!(
            "-- retort:upgrade\nCREATE TABLE {table} (x int);\n\n-- retort:downgrade\nDROP TABLE {table};\n"
        ),
    )
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

// ---- 1. parents and dependencies named twice; cycles ----------------------

#[test]
fn a_parent_named_twice_is_followed_once() {
    let project = Project::new(&[
        ("a1x_first.sql", &creates("a1x", "", "", "t")),
        ("b1_twice.sql", &creates("b1", "a1x, a1x", "", "u")),
    ]);
    // The header's `Revises` is line 4 of b1's file.
    let warning = "b1_twice.sql:4: `Revises` names `a1x` more than once; the repeat is ignored";

    let history = project.run(&["history"]);
    history.ok().says(warning);
    assert!(history.stdout.contains("a1x -> b1 (head)"), "{history:#?}");
    project.run(&["heads"]).ok().says("b1 (head)");

    let sql = project.run(&["upgrade", "head", "--sql"]);
    sql.ok();
    assert_eq!(sql.stdout.matches("CREATE TABLE t ").count(), 1, "{sql:#?}");
    assert_eq!(sql.stdout.matches("CREATE TABLE u ").count(), 1, "{sql:#?}");

    project.run(&["upgrade", "head"]).ok().says(warning);
    let (tables, versions) = project.sqlite_state();
    assert!(tables.contains(&"t".to_string()) && tables.contains(&"u".to_string()));
    assert_eq!(versions, strings(&["b1"]));

    project.run(&["downgrade", "base"]).ok();
    let (tables, versions) = project.sqlite_state();
    assert!(!tables.contains(&"t".to_string()) && !tables.contains(&"u".to_string()));
    assert!(versions.is_empty());
}

#[test]
fn a_merge_naming_a_parent_twice_is_followed_once() {
    let project = Project::new(&[
        ("a1_left.sql", &creates("a1", "", "", "t")),
        ("b1_right.sql", &creates("b1", "", "", "u")),
        ("m1_merge.sql", &creates("m1", "a1, b1, a1", "", "v")),
    ]);
    let history = project.run(&["history"]);
    history
        .ok()
        .says("m1_merge.sql:4: `Revises` names `a1` more than once");
    assert!(
        history.stdout.contains("a1, b1 -> m1 (head) (mergepoint)"),
        "{history:#?}"
    );
    project.run(&["upgrade", "head", "--sql"]).ok();
    project.run(&["upgrade", "head"]).ok();
    assert_eq!(project.sqlite_state().1, strings(&["m1"]));
    project.run(&["downgrade", "base"]).ok();
    assert!(project.sqlite_state().1.is_empty());
}

#[test]
fn a_dependency_named_twice_is_followed_once() {
    let project = Project::new(&[
        ("a1_main.sql", &creates("a1", "", "", "t")),
        ("b1_main.sql", &creates("b1", "a1", "x1, x1", "u")),
        ("x1_other.sql", &creates("x1", "", "", "v")),
    ]);
    project
        .run(&["history"])
        .ok()
        .says("b1_main.sql:5: `Depends On` names `x1` more than once");
    project.run(&["upgrade", "heads", "--sql"]).ok();
    project.run(&["upgrade", "heads"]).ok();
    assert_eq!(project.sqlite_state().1, strings(&["b1"]));
    project.run(&["downgrade", "base"]).ok();
    assert!(project.sqlite_state().1.is_empty());
}

#[test]
fn cycles_are_refused_and_nothing_spins() {
    /// What the graph is, its files (name, text), and what the refusal says.
    type Case = (&'static str, Vec<(&'static str, String)>, &'static str);
    let cases: Vec<Case> = vec![
        (
            "a revision revising itself",
            vec![("a1_self.sql", creates("a1", "a1", "", "t"))],
            "Self-loop is detected in revisions (a1)",
        ),
        (
            "a revision depending on itself",
            vec![("a1_self.sql", creates("a1", "", "a1", "t"))],
            "Dependency self-loop is detected in revisions (a1)",
        ),
        (
            "a cycle through Revises",
            vec![
                ("a1.sql", creates("a1", "b1", "", "t")),
                ("b1.sql", creates("b1", "a1", "", "u")),
            ],
            "Cycle is detected in revisions",
        ),
        (
            "a revision depending on its own descendant",
            vec![
                ("a1.sql", creates("a1", "", "c1", "t")),
                ("b1.sql", creates("b1", "a1", "", "u")),
                ("c1.sql", creates("c1", "b1", "", "v")),
            ],
            "Dependency cycle is detected in revisions",
        ),
        (
            "a cycle through Depends On between a base and a head",
            vec![
                ("a1.sql", creates("a1", "c1", "b1", "t")),
                ("b1.sql", creates("b1", "c1", "a1", "u")),
                ("c1.sql", creates("c1", "", "", "v")),
                ("d1.sql", creates("d1", "a1, b1", "", "w")),
            ],
            "Dependency cycle is detected in revisions (a1, b1)",
        ),
        (
            "a cycle through Revises between a base and a head",
            vec![
                ("a1.sql", creates("a1", "c1, b1", "", "t")),
                ("b1.sql", creates("b1", "a1", "", "u")),
                ("c1.sql", creates("c1", "", "", "v")),
                ("d1.sql", creates("d1", "a1", "", "w")),
            ],
            "Cycle is detected in revisions (a1, b1)",
        ),
    ];
    for (what, files, message) in cases {
        let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
        let project = Project::new(&files);
        for args in [
            &["heads"][..],
            &["history"],
            &["upgrade", "heads", "--sql"],
            &["upgrade", "heads"],
            &["downgrade", "base"],
        ] {
            let run = project.run(args);
            assert_eq!(run.code, Some(2), "{what}: {args:?}: {run:#?}");
            run.says(message);
        }
        assert!(!project.path().join("app.db").exists(), "{what}");
    }
}

// ---- 2. comments that look like section markers ---------------------------

/// A file whose upgrade creates `t` and whose downgrade, behind `marker`,
/// drops it. The marker is line 9.
fn with_marker(marker: &str) -> String {
    file(
        "a1",
        "",
        "",
        &format!("-- retort:upgrade\nCREATE TABLE t (x int);\n{marker}\nDROP TABLE t;\n"),
    )
}

#[test]
fn near_miss_markers_are_refused_before_anything_runs() {
    for marker in [
        "-- retort downgrade",
        "-- retort_downgrade",
        "-- retrot:downgrade",
        "-- retort-downgrade",
        "/* retort:downgrade */",
        "-- retort\u{ff1a}downgrade",
        "-- RETORT:downgrade",
        "-- Retort: downgrade",
        "--- retort:downgrade",
        "-- retort:downgrade no-transation",
        "-- retort:downgrade transactional",
    ] {
        let project = Project::new(&[("a1_near.sql", &with_marker(marker))]);
        for args in [
            &["upgrade", "head"][..],
            &["upgrade", "head", "--sql"],
            &["heads"],
        ] {
            project
                .run(args)
                .refused()
                .says("a1_near.sql:9: ")
                .never_says("Running upgrade");
        }
        let (tables, _) = project.sqlite_state();
        assert!(!tables.contains(&"t".to_string()), "{marker}: {tables:?}");
    }
}

#[test]
fn a_marker_without_a_space_after_the_dashes_is_a_marker() {
    let project = Project::new(&[("a1_tight.sql", &with_marker("--retort:downgrade"))]);
    project.run(&["upgrade", "head"]).ok();
    let (tables, versions) = project.sqlite_state();
    assert!(tables.contains(&"t".to_string()), "the upgrade ran whole");
    assert_eq!(versions, strings(&["a1"]));
    project.run(&["downgrade", "base"]).ok();
    assert!(!project.sqlite_state().0.contains(&"t".to_string()));
}

#[test]
fn ordinary_comments_are_left_alone() {
    // The message line may say anything, and comments in bodies that only
    // mention the sections are SQL comments.
    let text = "-- retort upgrade for the users table\n--\n-- Revision ID: a1\n-- Revises:\n\n\
        -- retort:upgrade\n-- report upgrade status to the team\n-- retort is what runs this\n\
        CREATE TABLE t (x int);\n/* the downgrade drops it */\n\n-- retort:downgrade\n\
        -- retry downgrade if it fails\nDROP TABLE t;\n";
    let project = Project::new(&[("a1_comments.sql", text)]);
    project.run(&["upgrade", "head"]).ok();
    assert!(project.sqlite_state().0.contains(&"t".to_string()));
    project.run(&["downgrade", "base"]).ok();
    assert!(!project.sqlite_state().0.contains(&"t".to_string()));
}

// ---- 3. downgrades with nothing in them -----------------------------------

/// a1 creates t and drops it; b1 creates u with an empty downgrade section
/// (comments only); c1 creates v and has no downgrade section at all.
fn irreversible_project(url: &str) -> Project {
    Project::with_url(
        url,
        &[
            ("a1_fine.sql", &creates("a1", "", "", "t")),
            (
                "b1_empty.sql",
                &file(
                    "b1",
                    "a1",
                    "",
                    "-- retort:upgrade\nCREATE TABLE u (x int);\n\n-- retort:downgrade\n-- TODO\n\n",
                ),
            ),
            (
                "c1_none.sql",
                &file("c1", "b1", "", "-- retort:upgrade\nCREATE TABLE v (x int);\n"),
            ),
        ],
    )
}

#[test]
fn a_downgrade_through_an_irreversible_revision_is_refused_on_sqlite() {
    let project = irreversible_project("sqlite:///app.db");
    project.run(&["upgrade", "head"]).ok();
    let before = project.sqlite_state();
    assert_eq!(before.1, strings(&["c1"]));

    project
        .run(&["downgrade", "base"])
        .refused()
        .says("c1_none.sql")
        .says("b1_empty.sql")
        .says("`c1`")
        .says("`b1`")
        .says("-- retort:downgrade no-op")
        .never_says("Running downgrade");
    assert_eq!(project.sqlite_state(), before);

    // Only c1 is undone on the way to b1: only c1 is named.
    project
        .run(&["downgrade", "-1"])
        .refused()
        .says("revision `c1` cannot be downgraded")
        .says("c1_none.sql")
        .never_says("b1_empty.sql");
    assert_eq!(project.sqlite_state(), before);

    // Offline too.
    let sql = project.run(&["downgrade", "c1:a1", "--sql"]);
    sql.refused().says("c1_none.sql").says("b1_empty.sql");
    assert!(sql.stdout.is_empty(), "{sql:#?}");

    // Upgrades are not affected: an empty upgrade is a stamp-like revision.
    project.run(&["upgrade", "head", "--sql"]).ok();

    // Declared no-ops pass; a real downgrade runs. (c1's marker goes right
    // after its upgrade: a blank line there would be part of the upgrade's
    // text, which the applied-migration log would see as an edit.)
    for (name, text) in [
        ("b1_empty.sql", project.file("b1_empty.sql")),
        (
            "c1_none.sql",
            project.file("c1_none.sql") + "-- retort:downgrade\n",
        ),
    ] {
        project.write(
            name,
            &text.replace("-- retort:downgrade\n", "-- retort:downgrade no-op\n"),
        );
    }
    project.run(&["downgrade", "a1:base", "--sql"]).ok();
    project
        .run(&["downgrade", "base"])
        .ok()
        .says("Running downgrade");
    let (tables, versions) = project.sqlite_state();
    assert!(versions.is_empty());
    assert!(!tables.contains(&"t".to_string()));
    // The no-op downgrades left their tables, as declared.
    assert!(tables.contains(&"u".to_string()) && tables.contains(&"v".to_string()));
}

#[test]
fn a_downgrade_through_an_irreversible_revision_is_refused_on_postgres() {
    let db = retort_testkit::fresh_database();
    let project = irreversible_project(&db.url);
    project.run(&["upgrade", "head"]).ok();
    let mut client = db.client();
    let mut state = || {
        let tables: Vec<String> = client
            .query(
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = 'public' ORDER BY 1",
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        let versions: Vec<String> = client
            .query(
                "SELECT version_num::text FROM alembic_version ORDER BY 1",
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        let logged: i64 = if tables.iter().any(|t| t == "retort_migration_log") {
            client
                .query_one("SELECT count(*) FROM retort_migration_log", &[])
                .unwrap()
                .get(0)
        } else {
            0
        };
        (tables, versions, logged)
    };
    let before = state();
    assert_eq!(before.1, strings(&["c1"]));
    for t in ["t", "u", "v"] {
        assert!(before.0.contains(&t.to_string()), "{before:?}");
    }
    for target in ["base", "a1", "b1", "-1"] {
        project
            .run(&["downgrade", target])
            .refused()
            .says("c1_none.sql")
            .never_says("Running downgrade");
        assert_eq!(state(), before, "downgrade {target} changed the database");
    }
}

#[test]
fn merges_and_empty_autogenerated_revisions_declare_their_no_op_downgrade() {
    let project = Project::new(&[]);
    fs::write(project.path().join("schema.sql"), "").unwrap();
    project
        .run(&["revision", "-m", "one", "--rev-id", "a1"])
        .ok();
    project
        .run(&[
            "revision",
            "-m",
            "two",
            "--rev-id",
            "b1",
            "--head",
            "base",
            "--branch-label",
            "two",
        ])
        .ok();
    project
        .run(&["merge", "-m", "join", "--rev-id", "m1", "heads"])
        .ok();
    let names: Vec<String> = fs::read_dir(project.versions())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let text_of = |id: &str| {
        let name = names.iter().find(|n| n.starts_with(id)).unwrap();
        project.file(name)
    };
    // Fresh from the template: for the author to fill in or declare.
    for id in ["a1", "b1"] {
        let text = text_of(id);
        assert!(text.contains("-- retort:downgrade\n"), "{text}");
        assert!(!text.contains("no-op"), "{text}");
    }
    let merge = text_of("m1");
    assert!(merge.contains("-- retort:downgrade no-op\n"), "{merge}");

    // Downgrading the merge alone is fine; further down, a1 and b1 are
    // irreversible until declared.
    project.run(&["upgrade", "heads"]).ok();
    project
        .run(&["downgrade", "m1:base", "--sql"])
        .refused()
        .says("revision `a1`")
        .says("revision `b1`")
        .never_says("revision `m1`");
    project.run(&["downgrade", "a1"]).ok();
    assert_eq!(project.sqlite_state().1, strings(&["a1", "b1"]));
    project.run(&["upgrade", "heads"]).ok();

    // Autogenerate found nothing to do: the empty revision says so.
    project
        .run(&[
            "revision",
            "--autogenerate",
            "--allow-empty",
            "-m",
            "nothing",
            "--rev-id",
            "e1",
        ])
        .ok();
    let names: Vec<String> = fs::read_dir(project.versions())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let empty = project.file(names.iter().find(|n| n.starts_with("e1")).unwrap());
    assert!(empty.contains("-- retort:downgrade no-op\n"), "{empty}");
    project.run(&["upgrade", "heads"]).ok();
    project.run(&["downgrade", "-1"]).ok();
    assert_eq!(project.sqlite_state().1, strings(&["m1"]));
}

// ---- 4. entries of the versions directory that are not readable files -----

#[test]
fn a_dangling_symlink_is_an_error_naming_it() {
    let project = Project::new(&[
        ("a1_first.sql", &creates("a1", "", "", "t")),
        ("b1_second.sql", &creates("b1", "a1", "", "u")),
    ]);
    project.run(&["upgrade", "head"]).ok();
    // b1's file moved away, leaving a link to where it was: the head must
    // not quietly fall back to a1.
    let moved = project.path().join("elsewhere.sql");
    fs::rename(project.versions().join("b1_second.sql"), &moved).unwrap();
    std::os::unix::fs::symlink(&moved, project.versions().join("b1_second.sql")).unwrap();
    project.run(&["heads"]).ok().says("b1 (head)");
    fs::remove_file(&moved).unwrap();
    for args in [&["heads"][..], &["upgrade", "head"], &["downgrade", "base"]] {
        project
            .run(args)
            .refused()
            .says("b1_second.sql is a symbolic link to")
            .says("elsewhere.sql")
            .never_says("a1 (head)");
    }
    assert_eq!(project.sqlite_state().1, strings(&["b1"]));
}

#[test]
fn entries_that_are_not_readable_files_are_errors_naming_them() {
    let project = Project::new(&[("a1_first.sql", &creates("a1", "", "", "t"))]);
    let versions = project.versions();
    std::os::unix::fs::symlink("loop.sql", versions.join("loop.sql")).unwrap();
    fs::create_dir(versions.join("folder.sql")).unwrap();
    // Reading a pipe would wait for a writer for ever.
    let fifo = versions.join("pipe.sql");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo");
    let run = project.run(&["heads"]);
    run.refused()
        .says("3 problems in the migration directory")
        .says("loop.sql is a symbolic link to loop.sql, which cannot be read")
        .says("folder.sql is a directory")
        .says("pipe.sql is not a regular file");
    // In name order.
    let at = |needle: &str| run.stderr.find(needle).unwrap();
    assert!(at("folder.sql") < at("loop.sql") && at("loop.sql") < at("pipe.sql"));
}

#[test]
fn a_file_name_that_is_not_utf8_is_an_error() {
    use std::os::unix::ffi::OsStrExt;
    let project = Project::new(&[("a1_first.sql", &creates("a1", "", "", "t"))]);
    let name = std::ffi::OsStr::from_bytes(b"b1_\xff.sql");
    fs::write(project.versions().join(name), creates("b1", "a1", "", "u")).unwrap();
    project
        .run(&["heads"])
        .refused()
        .says("the file name is not valid UTF-8");
}
