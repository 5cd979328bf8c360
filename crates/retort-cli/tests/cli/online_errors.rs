//! Every way a run can fail leaves the database as it was, exits with the
//! status the contract gives it, says clearly what went wrong, and never
//! prints the password — whether it came in the URL or in PGPASSWORD.

use crate::online_support;

use online_support::{pg_tables, pg_versions, Project, Rev, Run, SECRET};

const WRONG: &str = "Wr0ng-pw-7q";

/// What a failure must not change.
#[derive(Debug, PartialEq, Eq)]
struct Snapshot {
    versions: Vec<String>,
    tables: Vec<String>,
    log_rows: i64,
}

fn snapshot(client: &mut postgres::Client) -> Snapshot {
    let tables = pg_tables(client);
    let log_rows = if tables.iter().any(|t| t == "public.retort_migration_log") {
        client
            .query_one("SELECT count(*) FROM retort_migration_log", &[])
            .unwrap()
            .get(0)
    } else {
        0
    };
    Snapshot {
        versions: pg_versions(client, "alembic_version"),
        tables,
        log_rows,
    }
}

/// A database owned by the password role, whose password is [`SECRET`],
/// so that every run below authenticates with a password.
struct Target {
    db: retort_testkit::TestDatabase,
    user: String,
}

impl Target {
    fn new() -> Option<Target> {
        let db = retort_testkit::fresh_database();
        let user = db.password_user.as_ref()?.user.clone();
        let mut client = db.client();
        client
            .batch_execute(&format!(
                "ALTER ROLE {user} PASSWORD '{SECRET}';\
                 ALTER DATABASE {dbname} OWNER TO {user};\
                 ALTER SCHEMA public OWNER TO {user};",
                dbname = db.dbname
            ))
            .unwrap();
        Some(Target { db, user })
    }

    /// The URL with the password in it, or without it (for PGPASSWORD).
    fn url(&self, password_in_url: bool, password: &str, dbname: Option<&str>) -> String {
        let url = self
            .db
            .url_as(&self.user, password_in_url.then_some(password));
        match dbname {
            Some(name) => url.replace(&self.db.dbname, name),
            None => url,
        }
    }

    /// Runs `args` with the password in the URL and again via PGPASSWORD;
    /// `check` sees each run; neither output may show any password.
    fn both_ways(
        &self,
        project: &Project,
        password: &str,
        dbname: Option<&str>,
        args: &[&str],
        check: impl Fn(&Run),
    ) {
        for in_url in [true, false] {
            let url = self.url(in_url, password, dbname);
            let mut full = vec!["--url", url.as_str()];
            full.extend_from_slice(args);
            let env: Vec<(&str, &str)> = if in_url {
                vec![]
            } else {
                vec![("PGPASSWORD", password)]
            };
            let run = project.run_env(&full, &env);
            run.never_shows(SECRET).never_shows(WRONG);
            check(&run);
        }
    }
}

fn three_step_project() -> Project {
    let project = Project::new("");
    project.chain(
        3,
        |i| format!("CREATE TABLE t{i} (x int);"),
        |i| format!("DROP TABLE t{i};"),
    );
    project
}

#[test]
fn connection_failures_exit_1_and_hide_the_password() {
    let Some(target) = Target::new() else { return };
    let project = three_step_project();
    let mut client = target.db.client();
    let before = snapshot(&mut client);

    // Wrong password.
    target.both_ways(&project, WRONG, None, &["upgrade", "head"], |run| {
        run.fails(1)
            .says("could not connect")
            .says("password authentication failed");
    });
    // Right password, missing database.
    target.both_ways(
        &project,
        SECRET,
        Some("no_such_db_here"),
        &["upgrade", "head"],
        |run| {
            run.fails(1)
                .says("could not connect")
                .says("no_such_db_here");
        },
    );
    // Nothing listening.
    for in_url in [true, false] {
        let url = format!(
            "postgresql://{}{}@127.0.0.1:1/{}",
            target.user,
            if in_url {
                format!(":{SECRET}")
            } else {
                String::new()
            },
            target.db.dbname
        );
        let env: Vec<(&str, &str)> = if in_url {
            vec![]
        } else {
            vec![("PGPASSWORD", SECRET)]
        };
        project
            .run_env(&["--url", &url, "upgrade", "head"], &env)
            .fails(1)
            .says("could not connect")
            .says("127.0.0.1")
            .never_shows(SECRET);
    }
    // Every read-only command too.
    for args in [
        &["current"][..],
        &["current", "-v"],
        &["history", "-i"],
        &["show", "current"],
    ] {
        target.both_ways(&project, WRONG, None, args, |run| {
            run.fails(1).says("could not connect");
        });
    }
    assert_eq!(snapshot(&mut client), before);
}

#[test]
fn bad_urls_are_usage_errors_and_hide_the_password() {
    let project = three_step_project();
    for url in [
        format!("postgresql://someone:{SECRET}@127.0.0.1:notaport/db"),
        format!("mysql://someone:{SECRET}@127.0.0.1/db"),
        format!("postgresql://someone:{SECRET}@[::1/db"),
        // libpq's keyword/value form: a bad port, an unquoted password with
        // a space in it.
        format!("host=127.0.0.1 port=99999 user=someone password={SECRET}"),
        format!("host=127.0.0.1 user=someone password={SECRET} tail dbname=db"),
    ] {
        let run = project.run(&["--url", &url, "upgrade", "head"]);
        run.fails(2).never_shows(SECRET);
        // The same URL from retort.toml.
        let from_config = Project::new(&format!("url = \"{url}\""));
        from_config.run(&["current"]).fails(2).never_shows(SECRET);
    }
}

#[test]
fn planning_errors_exit_2_and_change_nothing() {
    let Some(target) = Target::new() else { return };
    let mut client = target.db.client();
    let project = three_step_project();
    let url = target.url(true, SECRET, None);
    project
        .run(&["--url", &url, "upgrade", "r1"])
        .ok()
        .never_shows(SECRET);
    let before = snapshot(&mut client);

    target.both_ways(&project, SECRET, None, &["upgrade", "nosuchrev"], |run| {
        run.fails(2).says("nosuchrev");
    });
    target.both_ways(&project, SECRET, None, &["downgrade", "nosuchrev"], |run| {
        run.fails(2).says("nosuchrev");
    });
    target.both_ways(&project, SECRET, None, &["stamp", "nosuchrev"], |run| {
        run.fails(2).says("nosuchrev");
    });
    assert_eq!(snapshot(&mut client), before);

    // A second branch off r1: `head` names two revisions.
    project.write(&Rev::new(
        "b2",
        &["r1"],
        "CREATE TABLE b2 (x int);",
        "DROP TABLE b2;",
    ));
    target.both_ways(&project, SECRET, None, &["upgrade", "head"], |run| {
        run.fails(2).says("head");
    });
    assert_eq!(snapshot(&mut client), before);
}

#[test]
fn an_edited_applied_migration_exits_2_and_changes_nothing() {
    let Some(target) = Target::new() else { return };
    let mut client = target.db.client();
    let project = three_step_project();
    let url = target.url(true, SECRET, None);
    project.run(&["--url", &url, "upgrade", "r2"]).ok();
    let before = snapshot(&mut client);

    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE t1 (x int, y int);",
        "DROP TABLE t1;",
    ));
    target.both_ways(&project, SECRET, None, &["upgrade", "head"], |run| {
        run.fails(2).says("r1_step.sql").says("--allow-edited");
    });
    assert_eq!(snapshot(&mut client), before);
}

#[test]
fn a_failing_statement_rolls_the_whole_run_back() {
    let Some(target) = Target::new() else { return };
    let mut client = target.db.client();
    let project = Project::new("");
    project.chain(
        4,
        |i| match i {
            // Line 10 of the file is the failing statement.
            3 => "CREATE TABLE t3 (x int);\nINSERT INTO t3 VALUES (1);\nSELECT 1 / 0 FROM t3;\nCREATE TABLE never (x int);".to_string(),
            _ => format!("CREATE TABLE t{i} (x int);"),
        },
        |i| format!("DROP TABLE t{i};"),
    );
    let failing = std::fs::read_to_string(project.file("r3")).unwrap();
    let line = failing
        .lines()
        .position(|l| l.starts_with("SELECT 1 / 0"))
        .unwrap()
        + 1;
    let url = target.url(true, SECRET, None);
    // r1 is applied by an earlier run; r2 and r3 are in the failing one.
    project.run(&["--url", &url, "upgrade", "r1"]).ok();
    let before = snapshot(&mut client);

    let location = format!("r3_step.sql:{line}");
    target.both_ways(&project, SECRET, None, &["upgrade", "head"], |run| {
        run.fails(1)
            .says("upgrade r3 failed")
            .says(&location)
            .says("division by zero")
            .says("rolled back");
    });
    // r2 ran in the same transaction: gone too.
    assert_eq!(snapshot(&mut client), before);
    assert_eq!(before.versions, vec!["r1"]);

    // Fixed, the same run goes through.
    project.write(&Rev::new(
        "r3",
        &["r2"],
        "CREATE TABLE t3 (x int);",
        "DROP TABLE t3;",
    ));
    project.run(&["--url", &url, "upgrade", "head"]).ok();
    assert_eq!(pg_versions(&mut client, "alembic_version"), vec!["r4"]);
}

#[test]
fn a_failing_downgrade_names_its_line_and_changes_nothing() {
    let Some(target) = Target::new() else { return };
    let mut client = target.db.client();
    let project = Project::new("");
    project.chain(
        3,
        |i| format!("CREATE TABLE t{i} (x int);"),
        |i| match i {
            2 => "DROP TABLE t2;\nDROP TABLE not_there;".to_string(),
            _ => format!("DROP TABLE t{i};"),
        },
    );
    let url = target.url(true, SECRET, None);
    project.run(&["--url", &url, "upgrade", "head"]).ok();
    let before = snapshot(&mut client);
    let text = std::fs::read_to_string(project.file("r2")).unwrap();
    let line = text
        .lines()
        .position(|l| l == "DROP TABLE not_there;")
        .unwrap()
        + 1;
    let location = format!("r2_step.sql:{line}");
    target.both_ways(&project, SECRET, None, &["downgrade", "base"], |run| {
        run.fails(1)
            .says("downgrade r2 failed")
            .says(&location)
            .says("not_there");
    });
    assert_eq!(snapshot(&mut client), before);
}

#[test]
fn sqlite_failures_leave_the_file_as_it_was() {
    let project = Project::new("");
    project.chain(
        3,
        |i| match i {
            3 => "CREATE TABLE t3 (x int);\nINSERT INTO nowhere VALUES (1);".to_string(),
            _ => format!("CREATE TABLE t{i} (x int);"),
        },
        |i| format!("DROP TABLE t{i};"),
    );
    let db_path = project.path().join("app.db");
    let url = format!("sqlite:///{}", db_path.display());
    project.run(&["--url", &url, "upgrade", "r1"]).ok();
    let tables = |p: &std::path::Path| -> Vec<String> {
        let conn = rusqlite::Connection::open(p).unwrap();
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap();
        let names = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        names
    };
    let before = (tables(&db_path), online_support::sqlite_versions(&db_path));
    let text = std::fs::read_to_string(project.file("r3")).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("INSERT INTO nowhere"))
        .unwrap()
        + 1;
    project
        .run(&["--url", &url, "upgrade", "head"])
        .fails(1)
        .says("upgrade r3 failed")
        .says(&format!("r3_step.sql:{line}"))
        .says("nowhere");
    assert_eq!(
        (tables(&db_path), online_support::sqlite_versions(&db_path)),
        before
    );
    project
        .run(&["--url", &url, "upgrade", "nosuch"])
        .fails(2)
        .says("nosuch");
    assert_eq!(
        (tables(&db_path), online_support::sqlite_versions(&db_path)),
        before
    );
}
