//! Fleets on PostgreSQL at scale: a few hundred databases, and a few
//! hundred tenant schemas in one database, upgraded through a 3-revision
//! history with failures injected (data that breaks revision 2's
//! constraint, a server that refuses connections), every target's
//! version table and schema checked, and a rerun that moves only the
//! target that was fixed. Also two fleet runs at once applying nothing twice.

use crate::online_support::{pg_versions, Project, Rev, Run, SECRET};
use retort_testkit::TestDatabase;
use serde_json::Value;
use std::collections::BTreeMap;

const DATABASES: usize = 200;
const SCHEMAS: usize = 300;

/// r1 creates a table; r2 adds a constraint existing rows must meet; r3
/// an index.
fn history(config: &str) -> Project {
    let project = Project::new(config);
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE accounts (id int PRIMARY KEY, email text);",
        "DROP TABLE accounts;",
    ));
    project.write(&Rev::new(
        "r2",
        &["r1"],
        "ALTER TABLE accounts ADD CONSTRAINT email_present CHECK (email IS NOT NULL);",
        "ALTER TABLE accounts DROP CONSTRAINT email_present;",
    ));
    project.write(&Rev::new(
        "r3",
        &["r2"],
        "CREATE INDEX accounts_email ON accounts (email);",
        "DROP INDEX accounts_email;",
    ));
    project
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {run:?}"))
}

/// Each record's status, by target label.
fn statuses(report: &Value) -> BTreeMap<String, String> {
    report["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .map(|t| {
            (
                t["target"].as_str().unwrap().to_string(),
                t["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn record<'a>(report: &'a Value, label: &str) -> &'a Value {
    report["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["target"] == label)
        .unwrap_or_else(|| panic!("no record for {label}: {report}"))
}

/// A URL to a port nothing listens on, with a password that must never be shown.
fn refused_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("postgresql://app:{SECRET}@127.0.0.1:{port}/nowhere?connect_timeout=3")
}

#[test]
fn a_few_hundred_databases_with_failures_and_a_rerun() {
    let seed = retort_testkit::fresh_database();
    let names: Vec<String> = (0..DATABASES)
        .map(|i| format!("{}_f{i:03}", seed.dbname))
        .collect();
    create_databases(&seed, &names);
    let url_of = |name: &str| seed.url.replace(&seed.dbname, name);
    let refused = refused_url();
    let mut list = String::from("# tenants, one database each\n");
    for name in &names {
        list.push_str(&format!("{}\n", url_of(name)));
    }
    list.push_str(&format!("{refused}   # a server that is down\n"));
    // The same databases, as the server lists them.
    let project = history(&format!(
        "[fleet.listed]\n\
         query = \"SELECT datname FROM pg_database WHERE datname LIKE '{}_f%' ORDER BY 1\"\n\
         query_url = \"{}\"\n",
        seed.dbname, seed.url
    ));
    std::fs::write(project.path().join("targets.txt"), &list).unwrap();
    let fleet = ["--targets", "targets.txt", "--jobs", "8", "--json"];

    // Everyone to r1, then data breaking r2's constraint in one database.
    let run = project.run(&[&["upgrade", "r1"][..], &fleet].concat());
    run.fails(1).never_shows(SECRET);
    let report = json(&run);
    assert_eq!(report["summary"]["moved"], DATABASES, "{report}");
    let bad = &names[17];
    let bad_db = TestDatabase {
        dbname: bad.clone(),
        ..seed.clone()
    };
    bad_db
        .client()
        .batch_execute("INSERT INTO accounts VALUES (1, NULL)")
        .unwrap();

    let run = project.run(&[&["upgrade", "head"][..], &fleet].concat());
    run.fails(1).never_shows(SECRET);
    let report = json(&run);
    let summary = &report["summary"];
    assert_eq!(
        (&summary["moved"], &summary["failed"], &summary["skipped"]),
        (
            &Value::from(DATABASES - 1),
            &Value::from(2),
            &Value::from(0)
        ),
        "{report}"
    );
    let bad_label = url_of(bad);
    let failure = record(&report, &bad_label);
    let error = failure["error"].as_str().unwrap();
    assert!(error.contains("upgrade r2 failed at "), "{error}");
    assert!(
        error.contains("r2_step.sql:8: "),
        "names file:line: {error}"
    );
    assert!(error.contains("email_present"), "{error}");
    assert_eq!(failure["heads"], serde_json::json!(["r1"]), "{failure}");
    let down = report["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["url"].as_str().unwrap().contains("/nowhere"))
        .unwrap();
    assert_eq!(down["status"], "failed");
    assert!(
        down["target"].as_str().unwrap().contains("app:***@"),
        "{down}"
    );

    // Every database: its version table and its schema.
    for name in &names {
        let db = TestDatabase {
            dbname: name.clone(),
            ..seed.clone()
        };
        let mut client = db.client();
        let expected = if name == bad { "r1" } else { "r3" };
        assert_eq!(
            pg_versions(&mut client, "alembic_version"),
            [expected],
            "{name}"
        );
        let constraint: bool = client
            .query_one(
                "SELECT count(*) = 1 FROM pg_constraint WHERE conname = 'email_present'",
                &[],
            )
            .unwrap()
            .get(0);
        let index: bool = client
            .query_one("SELECT to_regclass('accounts_email') IS NOT NULL", &[])
            .unwrap()
            .get(0);
        assert_eq!((constraint, index), (name != bad, name != bad), "{name}");
    }

    // The text summary names each failure with its target.
    let run = project.run(&["upgrade", "head", "--targets", "targets.txt", "--jobs", "8"]);
    run.fails(1).never_shows(SECRET);
    assert!(
        run.stdout.contains(&format!("{bad_label}: failed: ")),
        "{run:?}"
    );
    assert!(
        run.stdout.contains(&format!(
            "{} targets: {} already there, 2 failed, 0 skipped",
            DATABASES + 1,
            DATABASES - 1
        )),
        "{run:?}"
    );

    // Fixed data: the rerun moves that database alone.
    bad_db
        .client()
        .batch_execute("UPDATE accounts SET email = 'a@example.com'")
        .unwrap();
    let report = json(&project.run(&[&["upgrade", "head"][..], &fleet].concat()));
    let moved: Vec<String> = statuses(&report)
        .into_iter()
        .filter(|(_, s)| s == "moved")
        .map(|(t, _)| t)
        .collect();
    assert_eq!(moved, std::slice::from_ref(&bad_label), "{report}");
    assert_eq!(report["summary"]["at_target"], DATABASES - 1);
    assert_eq!(pg_versions(&mut bad_db.client(), "alembic_version"), ["r3"]);

    // Listed by a query on the server, every database is at head.
    let run = project.run(&["pending", "--fleet", "listed", "--jobs", "8", "--json"]);
    run.ok();
    let report = json(&run);
    assert_eq!(report["summary"]["at_target"], DATABASES, "{report}");
    assert_eq!(
        record(&report, &bad_label)["heads"],
        serde_json::json!(["r3"])
    );
}

/// Copies of `seed`'s (empty) database, made from a few connections at
/// once: one after another they take most of the test's time. They are
/// left to the throwaway cluster, as every test's database is: dropping
/// them costs a checkpoint each.
fn create_databases(seed: &TestDatabase, names: &[String]) {
    let admin = TestDatabase {
        dbname: "postgres".to_string(),
        ..seed.clone()
    };
    std::thread::scope(|scope| {
        for chunk in names.chunks(names.len().div_ceil(4)) {
            let admin = &admin;
            scope.spawn(move || {
                let mut client = admin.client();
                for name in chunk {
                    client
                        .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {}", seed.dbname))
                        .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
                }
            });
        }
    });
}

fn tenant(i: usize) -> String {
    format!("tenant_{i:04}")
}

#[test]
fn a_few_hundred_tenant_schemas_from_a_query() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    let mut create = String::new();
    for i in 0..SCHEMAS {
        create.push_str(&format!("CREATE SCHEMA {};", tenant(i)));
    }
    client.batch_execute(&create).unwrap();
    let config = format!(
        "[fleet.tenants]\n\
         query = \"SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant_%' ORDER BY 1\"\n\
         query_gives = \"schemas\"\n\
         query_url = \"{}\"\n\
         jobs = 8\n",
        db.url
    );
    let project = history(&config);
    project
        .run(&["upgrade", "r1", "--fleet", "tenants", "--json"])
        .ok();
    let bad = tenant(42);
    client
        .batch_execute(&format!("INSERT INTO {bad}.accounts VALUES (1, NULL)"))
        .unwrap();

    let run = project.run(&["upgrade", "head", "--fleet", "tenants", "--json"]);
    run.fails(1);
    let report = json(&run);
    assert_eq!(report["summary"]["moved"], SCHEMAS - 1, "{report}");
    assert_eq!(report["summary"]["failed"], 1, "{report}");
    let failed = report["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["status"] == "failed")
        .unwrap();
    assert_eq!(failed["schema"], bad.as_str());
    assert!(
        failed["target"]
            .as_str()
            .unwrap()
            .ends_with(&format!(" schema {bad}")),
        "{failed}"
    );

    // Each schema has its own version table and tables; public has none.
    for i in 0..SCHEMAS {
        let schema = tenant(i);
        let expected = if schema == bad { "r1" } else { "r3" };
        assert_eq!(
            pg_versions(&mut client, &format!("{schema}.alembic_version")),
            [expected],
            "{schema}"
        );
        let index: bool = client
            .query_one(
                &format!("SELECT to_regclass('{schema}.accounts_email') IS NOT NULL"),
                &[],
            )
            .unwrap()
            .get(0);
        assert_eq!(index, schema != bad, "{schema}");
    }
    let in_public: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(in_public, 0, "nothing lands in public");

    // pending says who is behind (exit 3); the fix and rerun moves one.
    let run = project.run(&["pending", "--fleet", "tenants"]);
    assert_eq!(run.code, 3, "{run:?}");
    assert!(
        run.stdout
            .contains(&format!("schema {bad}: 2 pending (at r1)")),
        "{run:?}"
    );
    client
        .batch_execute(&format!("DELETE FROM {bad}.accounts"))
        .unwrap();
    let report = json(&project.run(&["upgrade", "head", "--fleet", "tenants", "--json"]));
    assert_eq!(report["summary"]["moved"], 1, "{report}");
    assert_eq!(report["summary"]["at_target"], SCHEMAS - 1, "{report}");
    project.run(&["pending", "--fleet", "tenants", "-q"]).ok();
}

/// Two fleet runs over the same tenants at once: each tenant is migrated
/// by exactly one of them (the other waits for its lock, then finds it at
/// head), and r1's CREATE TABLE, run twice, would have failed.
#[test]
fn two_fleet_runs_at_once_apply_nothing_twice() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    let mut list = String::new();
    for i in 0..60 {
        client
            .batch_execute(&format!("CREATE SCHEMA {}", tenant(i)))
            .unwrap();
        list.push_str(&format!("{} {}\n", db.url, tenant(i)));
    }
    let project = history("");
    std::fs::write(project.path().join("tenants.txt"), list).unwrap();
    let args = [
        "upgrade",
        "head",
        "--targets",
        "tenants.txt",
        "--jobs",
        "6",
        "--json",
    ];
    let first = project.spawn(&args);
    let second = project.spawn(&args);
    let mut moved = 0;
    for child in [first, second] {
        let out = child.wait_with_output().unwrap();
        let run = Run::from(out);
        run.ok();
        let report = json(&run);
        assert_eq!(report["summary"]["failed"], 0, "{report}");
        moved += report["summary"]["moved"].as_u64().unwrap();
    }
    assert_eq!(moved, 60, "each tenant moved by one run");
    for i in 0..60 {
        let schema = tenant(i);
        assert_eq!(
            pg_versions(&mut client, &format!("{schema}.alembic_version")),
            ["r3"]
        );
    }
}

/// SIGINT during a fleet run: the running targets' statements are
/// cancelled and rolled back, no new target starts, the records are
/// printed and the exit status is 130.
#[test]
fn sigint_stops_the_fleet_and_prints_the_records() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    let mut list = String::new();
    for i in 0..6 {
        client
            .batch_execute(&format!("CREATE SCHEMA {}", tenant(i)))
            .unwrap();
        list.push_str(&format!(
            "{}?application_name=retort_fleet_sigint {}\n",
            db.url,
            tenant(i)
        ));
    }
    let project = Project::new("");
    project.write(&Rev::new(
        "r1",
        &[],
        "CREATE TABLE slow (x int); SELECT pg_sleep(60);",
        "DROP TABLE slow;",
    ));
    std::fs::write(project.path().join("tenants.txt"), list).unwrap();
    let child = project.spawn(&[
        "upgrade",
        "head",
        "--targets",
        "tenants.txt",
        "--jobs",
        "2",
        "--json",
    ]);
    crate::online_support::wait_for_count(
        &mut client,
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'retort_fleet_sigint' \
         AND query LIKE '%pg_sleep%'",
        &[],
        "a fleet migration sleeping",
    );
    let clock = std::time::Instant::now();
    let sent = std::process::Command::new("kill")
        .args(["-INT".to_string(), child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let run = Run::from(child.wait_with_output().unwrap());
    assert!(
        clock.elapsed() < std::time::Duration::from_secs(15),
        "{run:?}"
    );
    run.fails(130).says("not started (skipped)");
    let report = json(&run);
    let summary = &report["summary"];
    assert_eq!(summary["moved"], 0, "{report}");
    assert_eq!(
        summary["failed"], 2,
        "the two running were stopped: {report}"
    );
    assert_eq!(summary["skipped"], 4, "{report}");
    for i in 0..6 {
        let schema = tenant(i);
        assert!(
            pg_versions(&mut client, &format!("{schema}.alembic_version")).is_empty(),
            "{schema}"
        );
        let table: bool = client
            .query_one(&format!("SELECT to_regclass('{schema}.slow') IS NULL"), &[])
            .unwrap()
            .get(0);
        assert!(table, "{schema}: the stopped migration was rolled back");
    }
}
