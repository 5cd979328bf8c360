//! `[autogenerate]` scoping: two projects sharing one PostgreSQL database,
//! each with its own version table and its own objects, neither touching
//! the other's.

use crate::common::{retort, stderr, stdout};
use std::fs;
use std::path::Path;

fn project(url: &str, config: &str, schema: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("retort.toml"),
        format!("script_location = \"migrations\"\nurl = \"{url}\"\n{config}"),
    )
    .unwrap();
    fs::create_dir_all(dir.path().join("migrations/versions")).unwrap();
    fs::write(dir.path().join("schema.sql"), schema).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = retort(dir, args);
    (
        out.status.code(),
        format!("{}{}", stdout(&out), stderr(&out)),
    )
}

fn generated(dir: &Path) -> String {
    fs::read_dir(dir.join("migrations/versions"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect()
}

const APP: &str = "CREATE TYPE status AS ENUM ('on', 'off');\n\
    CREATE TABLE accounts (id serial PRIMARY KEY, status status NOT NULL);\n\
    CREATE VIEW active_accounts AS SELECT id FROM accounts WHERE status = 'on';\n";

const BILLING: &str = "CREATE SCHEMA billing;\n\
    CREATE TABLE billing.invoices (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, total numeric NOT NULL);\n\
    CREATE TABLE public.b_events (id bigint PRIMARY KEY, invoice bigint REFERENCES billing.invoices);\n";

#[test]
fn two_projects_share_a_database_and_keep_to_their_own() {
    // Takes turns with the tests that count scratch databases server-wide.
    let _turn = crate::autogen_cli::SERIAL
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let db = retort_testkit::fresh_database();
    let app = project(
        &db.url,
        "version_table = \"app_version\"\nlog_table = \"app_log\"\n\
         [autogenerate]\nexclude_tables = [\"b_*\"]\n",
        APP,
    );
    let billing = project(
        &db.url,
        "version_table = \"b_version\"\nlog_table = \"b_log\"\n\
         [autogenerate]\nschemas = [\"billing\", \"public\"]\n\
         include_tables = [\"b_*\", \"billing.*\"]\n\
         include_types = [\"billing.*\"]\ninclude_views = [\"billing.*\"]\n",
        BILLING,
    );

    for project in [&app, &billing] {
        let (code, out) = run(
            project.path(),
            &["revision", "--autogenerate", "-m", "init"],
        );
        assert_eq!(code, Some(0), "{out}");
        let (code, out) = run(project.path(), &["upgrade", "head"]);
        assert_eq!(code, Some(0), "{out}");
    }
    // Billing's migration was generated with the app's objects already in
    // the database: none of them is dropped.
    let billing_file = generated(billing.path());
    for other in [
        "accounts",
        "status",
        "active_accounts",
        "app_version",
        "app_log",
    ] {
        assert!(!billing_file.contains(other), "{other} in:\n{billing_file}");
    }
    for project in [&app, &billing] {
        let (code, out) = run(project.path(), &["check"]);
        assert_eq!(code, Some(0), "{out}");
        let (code, out) = run(
            project.path(),
            &["revision", "--autogenerate", "-m", "again"],
        );
        assert_eq!(code, Some(0), "{out}");
        assert!(out.contains("No changes"), "{out}");
    }

    // Without its scope, the app would see billing's table as one to drop:
    // what the scope leaves out is really there.
    let toml = app.path().join("retort.toml");
    let text = fs::read_to_string(&toml).unwrap();
    fs::write(&toml, text.replace("exclude_tables = [\"b_*\"]", "")).unwrap();
    let (code, out) = run(app.path(), &["check"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("public.b_events"), "{out}");
    assert!(
        !out.contains("billing.invoices"),
        "another schema is out of the default scope: {out}"
    );
}

#[test]
fn scope_settings_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:///{}", dir.path().join("a.db").display());
    for (config, expected) in [
        (
            "[autogenerate]\nexclude_tabels = [\"x\"]\n",
            "did you mean `autogenerate.exclude_tables`",
        ),
        (
            "[autogenerate]\nexclude_tables = [\"[x\"]\n",
            "`autogenerate.exclude_tables` `[x` is not a glob pattern",
        ),
        (
            "[autogenerate]\nschemas = 3\n",
            "line 4: `autogenerate.schemas` must be a list of strings",
        ),
        ("autogenerate = 1\n", "`autogenerate` must be a table"),
        (
            "target_schema = \"sqlalchemy:app\"\n",
            "sqlalchemy:MODULE:ATTRIBUTE",
        ),
        ("target_schema = { command = [] }\n", "names no program"),
        ("target_schema = { cmd = [\"x\"] }\n", "has `cmd`"),
    ] {
        let project = project(&url, config, "");
        let (code, out) = run(project.path(), &["check"]);
        assert_eq!(code, Some(2), "{config}: {out}");
        assert!(out.contains("retort.toml"), "{config}: {out}");
        assert!(out.contains(expected), "{config}: no {expected:?} in {out}");
    }
}
