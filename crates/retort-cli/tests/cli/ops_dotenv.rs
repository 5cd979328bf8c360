//! The `.env` file beside retort.toml: read for `${VAR}` and
//! `DATABASE_URL` when the environment leaves them unset, the environment
//! winning, `--no-dotenv` turning it off, a bad line named.

use crate::online_support;

use online_support::{sqlite_versions, Project};

fn project() -> Project {
    let project = Project::new("url = \"sqlite:///${DB_FILE}\"");
    project.chain(
        1,
        |_| "CREATE TABLE t (x int);".into(),
        |_| "DROP TABLE t;".into(),
    );
    project
}

#[test]
fn dotenv_fills_variables_the_environment_leaves_unset() {
    let project = project();
    let from_file = project.path().join("from_dotenv.db");
    std::fs::write(
        project.path().join(".env"),
        "# local settings\nDB_FILE=from_dotenv.db\n",
    )
    .unwrap();
    project.run(&["upgrade", "head"]).ok();
    assert_eq!(sqlite_versions(&from_file), vec!["r1"]);

    // The real environment wins over the file.
    let from_env = project.path().join("from_env.db");
    project
        .run_env(&["upgrade", "head"], &[("DB_FILE", "from_env.db")])
        .ok();
    assert_eq!(sqlite_versions(&from_env), vec!["r1"]);

    // --no-dotenv: as if there were no file.
    project
        .run(&["--no-dotenv", "current"])
        .fails(2)
        .says("DB_FILE is not set");
}

#[test]
fn dotenv_can_hold_database_url() {
    let project = Project::new("");
    project.chain(
        1,
        |_| "CREATE TABLE t (x int);".into(),
        |_| "DROP TABLE t;".into(),
    );
    let db = project.path().join("app.db");
    std::fs::write(
        project.path().join(".env"),
        format!("DATABASE_URL=sqlite:///{}\n", db.display()),
    )
    .unwrap();
    project.run(&["upgrade", "head"]).ok();
    assert_eq!(sqlite_versions(&db), vec!["r1"]);
}

#[test]
fn a_bad_dotenv_line_is_named_and_nothing_runs() {
    let project = project();
    let env_file = project.path().join(".env");
    std::fs::write(&env_file, "DB_FILE=x.db\nthis is not a setting\n").unwrap();
    let run = project.run(&["upgrade", "head"]);
    run.fails(2)
        .says(&format!("{} line 2", env_file.display()))
        .says("this is not a setting");
    assert!(!project.path().join("x.db").exists());
    // --no-dotenv gets past a broken file.
    project
        .run_env(&["--no-dotenv", "upgrade", "head"], &[("DB_FILE", "y.db")])
        .ok();
}
