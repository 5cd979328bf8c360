//! `retort lint` end to end: what is selected (all, a revision, a range,
//! `--pending`, files), the output (text, `--json`, `--explain`), exit
//! statuses, suppression and configuration, the PostgreSQL version (from
//! retort.toml and from a real server), and the lint `upgrade` and
//! `revision --autogenerate` run.

use crate::online_support::{pg_versions, Project, Rev};

/// A dialect-only URL: nothing connects to it unless a test says so.
const OFFLINE: &str = "url = \"postgresql://nobody@127.0.0.1:1/none\"";

/// r1 creates `orders` (and indexes it: a new table, no finding), r2
/// indexes it without CONCURRENTLY (R001, R017), r3 adds a column with a
/// volatile default (R003, R017).
fn history(config: &str) -> Project {
    let project = Project::new(config);
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\nCREATE INDEX ix_orders_id ON orders (id);",
        "DROP TABLE orders;",
    ));
    project.write(&Rev::new(
        "r2",
        &["r1"],
        "CREATE INDEX ix_orders_customer ON orders (customer_id);",
        "DROP INDEX ix_orders_customer;",
    ));
    project.write(&Rev::new(
        "r3",
        &["r2"],
        "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();",
        "ALTER TABLE orders DROP COLUMN token;",
    ));
    project
}

fn json(stdout: &str) -> Vec<serde_json::Value> {
    serde_json::from_str::<serde_json::Value>(stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
        .as_array()
        .unwrap()
        .clone()
}

fn codes(stdout: &str) -> Vec<String> {
    json(stdout)
        .iter()
        .map(|f| {
            format!(
                "{}@{}",
                f["code"].as_str().unwrap(),
                f["revision"].as_str().unwrap_or("-")
            )
        })
        .collect()
}

#[test]
fn selection_by_revision_and_range_and_exit_statuses() {
    let project = history(OFFLINE);
    let all = project.run(&["--json", "lint"]);
    assert_eq!(all.code, 1, "{all:?}");
    assert_eq!(
        codes(&all.stdout),
        ["R001@r2", "R017@r2", "R003@r3", "R017@r3"]
    );
    let one = project.run(&["--json", "lint", "r2"]);
    assert_eq!(codes(&one.stdout), ["R001@r2", "R017@r2"]);
    // A range as `upgrade r2:head --sql` runs it: after r2.
    let range = project.run(&["--json", "lint", "r2:head"]);
    assert_eq!(codes(&range.stdout), ["R003@r3", "R017@r3"]);
    // r1 only creates (and indexes) a new table: nothing to say.
    project
        .run(&["lint", "r1"])
        .ok()
        .says("0 error(s), 0 warning(s)");
    project.run(&["lint", "nosuch"]).fails(2);
}

#[test]
fn text_and_json_say_where_what_lock_why_and_the_fix() {
    let project = history(OFFLINE);
    let text = project.run(&["lint", "r2"]);
    assert_eq!(text.code, 1);
    assert!(
        text.stdout.contains(
            "migrations/versions/r2_step.sql:8: error R001 index-without-concurrently: CREATE INDEX on existing table orders without CONCURRENTLY"
        ),
        "{text:?}"
    );
    assert!(text
        .stdout
        .contains("lock: SHARE on orders: blocks INSERT, UPDATE and DELETE"));
    assert!(text.stdout.contains("CREATE INDEX CONCURRENTLY"));
    assert!(text
        .stderr
        .contains("error: lint found 1 error-level finding(s)"));

    let found = json(&project.run(&["--json", "lint", "r3"]).stdout);
    let f = &found[0];
    assert_eq!(f["code"], "R003");
    assert_eq!(f["name"], "add-column-rewrites-table");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["file"], "migrations/versions/r3_step.sql");
    assert_eq!(f["line"], 8);
    assert_eq!(
        f["statement"],
        "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();"
    );
    assert_eq!(f["lock"], "ACCESS EXCLUSIVE on orders");
    assert_eq!(
        f["blocks"],
        "blocks reads and writes for the whole table rewrite"
    );
    assert!(f["why"].as_str().unwrap().contains("PostgreSQL 11"));
    assert!(f["fix"]
        .as_str()
        .unwrap()
        .contains("SET DEFAULT gen_random_uuid()"));
}

#[test]
fn explain_by_code_and_name_and_unknown_code() {
    let project = Project::new(OFFLINE);
    let by_code = project.run(&["lint", "--explain", "R009"]);
    by_code
        .ok()
        .says("R009 unique-without-index")
        .says("USING INDEX");
    let by_name = project.run(&["lint", "--explain", "unique-without-index"]);
    assert_eq!(by_code.stdout, by_name.stdout);
    project
        .run(&["lint", "--explain"])
        .ok()
        .says("R017 missing-lock-timeout");
    project
        .run(&["lint", "--explain", "R999"])
        .fails(2)
        .says("R999");
}

#[test]
fn allow_comments_need_a_reason() {
    let project = Project::new(OFFLINE);
    project.write(&Rev::new(
        "r1",
        &[],
        "SET lock_timeout = '2s';\n-- retort:allow R001 the table holds 40 rows\nCREATE INDEX ix ON lookup (code);",
        "",
    ));
    project
        .run(&["lint"])
        .ok()
        .says("1 allowed by retort:allow");

    project.write(&Rev::new(
        "r1",
        &[],
        "SET lock_timeout = '2s';\nCREATE INDEX ix ON lookup (code); -- retort:allow R001",
        "",
    ));
    let run = project.run(&["--json", "lint"]);
    assert_eq!(run.code, 1);
    assert_eq!(codes(&run.stdout), ["R001@r1", "R090@r1"]);
    assert!(run.stdout.contains("gives no reason"), "{run:?}");

    project.write(&Rev::new(
        "r1",
        &[],
        "-- retort:allow R777 because\nSELECT 1;",
        "",
    ));
    project.run(&["lint"]).fails(1).says("names `R777`");
}

#[test]
fn levels_in_retort_toml() {
    let config = |lint: &str| format!("{OFFLINE}\n[lint]\n{lint}\n");
    let warning = history(&config(
        "R001 = \"warning\"\nR003 = \"off\"\nmissing-lock-timeout = \"off\"",
    ));
    let run = warning.run(&["--json", "lint"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(codes(&run.stdout), ["R001@r2"]);
    assert_eq!(json(&run.stdout)[0]["severity"], "warning");

    // A style rule, off by default, turned on.
    let style = history(&config("prefer-identity = \"error\""));
    let project = style;
    project.write(&Rev::new("r4", &["r3"], "CREATE TABLE t (id serial);", ""));
    let run = project.run(&["--json", "lint", "r4"]);
    assert_eq!(codes(&run.stdout), ["R102@r4"]);

    for (bad, says) in [
        ("R999 = \"off\"", "`lint.R999` names no lint rule"),
        (
            "index-without-concurent = \"off\"",
            "did you mean `index-without-concurrently`",
        ),
        ("R001 = \"loud\"", "`lint.R001` sets a rule's level"),
        ("upgrade = \"maybe\"", "`lint.upgrade` must be"),
        ("postgres_version = \"x\"", "`lint.postgres_version`"),
    ] {
        history(&config(bad))
            .run(&["lint"])
            .fails(2)
            .says(says)
            .says("retort.toml");
    }
}

const ADD_CONSTANT_DEFAULT: &str =
    "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN n int NOT NULL DEFAULT 0;";

#[test]
fn the_postgres_version_from_retort_toml() {
    let project = |version: u32| {
        let p = Project::new(&format!(
            "{OFFLINE}\n[lint]\npostgres_version = {version}\n"
        ));
        p.write(&Rev::new("r1", &[], ADD_CONSTANT_DEFAULT, ""));
        p
    };
    project(10)
        .run(&["lint"])
        .fails(1)
        .says("R003")
        .says("before PostgreSQL 11")
        .says("PostgreSQL 10 (from retort.toml)");
    project(15)
        .run(&["lint"])
        .ok()
        .says("PostgreSQL 15 (from retort.toml)");
    let default = Project::new(OFFLINE);
    default.write(&Rev::new("r1", &[], ADD_CONSTANT_DEFAULT, ""));
    default.run(&["lint"]).ok().says("(from the default)");
}

#[test]
fn pending_revisions_and_the_server_version_from_a_real_server() {
    let db = retort_testkit::fresh_database();
    let url = db.url.as_str();
    // retort.toml says 10; the server (15) wins when lint connects.
    let project = history("[lint]\npostgres_version = 10\n");
    project.write(&Rev::new("r4", &["r3"], ADD_CONSTANT_DEFAULT, ""));
    project.run(&["--url", url, "upgrade", "r2"]).ok();

    let run = project.run(&["--json", "--url", url, "lint", "--pending"]);
    assert_eq!(codes(&run.stdout), ["R003@r3", "R017@r3"], "{run:?}");
    let version: i64 = db
        .client()
        .query_one(
            "SELECT current_setting('server_version_num')::int / 10000",
            &[],
        )
        .unwrap()
        .get::<_, i32>(0)
        .into();
    assert!(
        run.stderr
            .contains(&format!("PostgreSQL {version} (from the server)")),
        "{run:?}"
    );

    // Pending revisions run as one upgrade: a table the run creates is new
    // to the revisions after it, so altering it cannot block anyone.
    let fresh = retort_testkit::fresh_database();
    let run = project.run(&["--json", "--url", fresh.url.as_str(), "lint", "--pending"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(codes(&run.stdout), Vec::<String>::new());
    assert!(pg_versions(&mut fresh.client(), "alembic_version").is_empty());
}

#[test]
fn upgrade_warns_by_default_and_stops_on_errors_when_told() {
    let db = retort_testkit::fresh_database();
    let url = db.url.as_str();
    let mut client = db.client();
    client
        .batch_execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint)")
        .unwrap();
    let project = Project::new("");
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE INDEX ix_orders_customer ON orders (customer_id);",
        "DROP INDEX ix_orders_customer;",
    ));

    // upgrade = "error": nothing runs, exit 1.
    std::fs::write(
        project.path().join("retort.toml"),
        "script_location = \"migrations\"\n[lint]\nupgrade = \"error\"\n",
    )
    .unwrap();
    let stopped = project.run(&["--url", url, "upgrade", "head"]);
    stopped
        .fails(1)
        .says("r1_step.sql:8: error R001 index-without-concurrently")
        .says("retort lint --pending")
        .says("nothing was run");
    assert!(pg_versions(&mut client, "alembic_version").is_empty());
    let index: Option<String> = client
        .query_one("SELECT to_regclass('ix_orders_customer')::text", &[])
        .unwrap()
        .get(0);
    assert_eq!(index, None, "the database is untouched");

    // The default ("warn"): told, and run.
    std::fs::write(
        project.path().join("retort.toml"),
        "script_location = \"migrations\"\n",
    )
    .unwrap();
    project
        .run(&["--url", url, "upgrade", "head"])
        .ok()
        .says("lint: 1 error(s), 1 warning(s) in the revisions to apply")
        .says("R017 missing-lock-timeout");
    assert_eq!(pg_versions(&mut client, "alembic_version"), ["r1"]);
}

#[test]
fn plain_sql_files_and_sqlite_projects() {
    let project = Project::new("url = \"sqlite:///app.db\"");
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT);\nCREATE INDEX ix ON t (a);",
        "",
    ));
    project.write(&Rev::new("r2", &["r1"], "ALTER TABLE t DROP COLUMN a;", ""));
    // SQLite: no PostgreSQL lock rules; the data-loss rule applies.
    let run = project.run(&["--json", "lint"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(codes(&run.stdout), ["R013@r2"]);
    assert!(run.stderr.contains("SQLite project"), "{run:?}");

    // A plain file, outside a project: psql runs it statement by statement.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("fix.sql"),
        "CREATE INDEX CONCURRENTLY ix ON big (a);\n\nBEGIN;\nCREATE INDEX CONCURRENTLY ix2 ON big (b);\nCOMMIT;\nSELEC 1;\n",
    )
    .unwrap();
    let out = crate::common::retort_command()
        .current_dir(dir.path())
        .args(["--json", "lint", "fix.sql"])
        .env_remove("RETORT_CONFIG")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let found: Vec<(String, i64)> = json(&stdout)
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["line"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(found, [("R002".to_string(), 4), ("R000".to_string(), 6)]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn autogenerate_prints_the_findings_of_what_it_wrote() {
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
    project.run(&["--url", url, "upgrade", "head"]).ok();
    std::fs::write(
        project.path().join("schema.sql"),
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n\
         CREATE INDEX ix_users_email ON users (email);\n",
    )
    .unwrap();
    let run = project.run(&[
        "--url",
        url,
        "revision",
        "--autogenerate",
        "-m",
        "index email",
    ]);
    run.ok()
        .says("R001 index-without-concurrently: CREATE INDEX on existing table public.users")
        .says("retort lint migrations/versions/");

    // Told to build indexes concurrently, autogenerate writes the safe
    // form, and lint has nothing to say about the index.
    for entry in std::fs::read_dir(project.path().join("migrations/versions")).unwrap() {
        let path = entry.unwrap().path();
        if !path.ends_with("r1_step.sql") {
            std::fs::remove_file(path).unwrap();
        }
    }
    std::fs::write(
        project.path().join("retort.toml"),
        "script_location = \"migrations\"\nautogenerate_concurrent_indexes = true\n",
    )
    .unwrap();
    let run = project.run(&[
        "--url",
        url,
        "revision",
        "--autogenerate",
        "-m",
        "index email",
    ]);
    run.ok();
    assert!(!run.stderr.contains("R001"), "{run:?}");
    assert!(!run.stderr.contains("R002"), "{run:?}");
}

/// Outside a transaction (`autogenerate_concurrent_indexes`), a CHECK or
/// FOREIGN KEY added to a table in use is written `NOT VALID` and then
/// validated, which lint accepts; a table the migration creates gets the
/// plain form. The migration runs, validates the old rows and goes back.
#[test]
fn autogenerate_adds_constraints_to_tables_in_use_not_valid_then_validates() {
    let _turn = crate::autogen_cli::SERIAL
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let db = retort_testkit::fresh_database();
    let url = db.url.as_str();
    let project = Project::new("autogenerate_concurrent_indexes = true\n");
    let tables = "CREATE TABLE users (id bigint PRIMARY KEY);\n\
                  CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, qty int);";
    project.write(&Rev::new(
        "r1",
        &[],
        tables,
        "DROP TABLE orders; DROP TABLE users;",
    ));
    project.run(&["--url", url, "upgrade", "head"]).ok();
    db.client()
        .batch_execute("INSERT INTO users VALUES (1); INSERT INTO orders VALUES (1, 1, 3);")
        .unwrap();
    std::fs::write(
        project.path().join("schema.sql"),
        format!(
            "{tables}\n\
             ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n\
             ALTER TABLE orders ADD CONSTRAINT orders_qty_positive CHECK (qty > 0);\n\
             CREATE TABLE items (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id));\n"
        ),
    )
    .unwrap();
    let run = project.run(&["--url", url, "revision", "--autogenerate", "-m", "keys"]);
    run.ok();
    for code in ["R007", "R008"] {
        assert!(!run.stderr.contains(code), "{run:?}");
    }
    let written = std::fs::read_dir(project.path().join("migrations/versions"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .find(|text| text.contains("orders_user_fk"))
        .expect("the new migration");
    for expected in [
        "-- retort:upgrade no-transaction",
        "ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users(id) NOT VALID;",
        "VALIDATE CONSTRAINT orders_user_fk;",
        "ADD CONSTRAINT orders_qty_positive CHECK ((qty > 0)) NOT VALID;",
        "VALIDATE CONSTRAINT orders_qty_positive;",
    ] {
        assert!(written.contains(expected), "{expected} not in:\n{written}");
    }
    // The new table's key is added as it is: nobody uses the table yet.
    assert!(
        !written
            .contains("items_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders(id) NOT VALID"),
        "{written}"
    );

    project.run(&["--url", url, "upgrade", "head"]).ok();
    let constraints = |client: &mut postgres::Client| -> Vec<(String, bool)> {
        client
            .query(
                "SELECT conname::text, convalidated FROM pg_constraint \
                 WHERE conrelid = 'public.orders'::regclass AND contype IN ('c', 'f') ORDER BY 1",
                &[],
            )
            .unwrap()
            .iter()
            .map(|row| (row.get(0), row.get(1)))
            .collect()
    };
    let mut client = db.client();
    assert_eq!(
        constraints(&mut client),
        vec![
            ("orders_qty_positive".to_string(), true),
            ("orders_user_fk".to_string(), true)
        ]
    );
    project.run(&["--url", url, "downgrade", "-1"]).ok();
    assert_eq!(constraints(&mut client), vec![]);
}
