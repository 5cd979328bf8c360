//! Zero false positives: a database loaded from another's
//! `pg_dump --schema-only` output is reported in sync with it.

use crate::autogen_support;

use autogen_support::{
    min_server_version, params, remaining, repo_root, schema_files, server_version,
    without_meta_commands,
};
use retort::autogen::postgres::diff;
use retort::autogen::postgres::introspect_postgres;
use retort::autogen::postgres::model::Schema;
use retort::autogen::IntrospectOptions;
use retort::db::postgres::PgDatabase;
use retort::db::Database;
use std::path::PathBuf;

fn introspect(db: &retort_testkit::TestDatabase) -> Schema {
    let mut conn = PgDatabase::connect(&params(db)).expect("connect");
    introspect_postgres(&mut conn, &IntrospectOptions::default()).expect("introspect")
}

/// Loads `sql` into a new database on `server`, dumps it with the
/// server's own pg_dump, loads the dump into another, and compares the two.
fn dump_round_trip(server: &retort_testkit::TestServer, sql: &str) -> Result<(), String> {
    let original = retort_testkit::database_on(server);
    PgDatabase::connect(&params(&original))
        .expect("connect")
        .execute_script(&without_meta_commands(sql))
        .map_err(|e| format!("does not load: {e}"))?;
    let pg_dump = server
        .bin_dir
        .as_ref()
        .map_or_else(|| PathBuf::from("pg_dump"), |dir| dir.join("pg_dump"));
    let dump = std::process::Command::new(pg_dump)
        .args([
            "--schema-only",
            "--no-owner",
            "--no-privileges",
            "-d",
            &original.url,
        ])
        .output()
        .map_err(|e| format!("cannot run pg_dump: {e}"))?;
    if !dump.status.success() {
        return Err(format!(
            "pg_dump failed: {}",
            String::from_utf8_lossy(&dump.stderr)
        ));
    }
    let copy = retort_testkit::database_on(server);
    PgDatabase::connect(&params(&copy))
        .expect("connect")
        .execute_script(&without_meta_commands(&String::from_utf8_lossy(
            &dump.stdout,
        )))
        .map_err(|e| format!("the dump does not load: {e}"))?;
    let (a, b) = (introspect(&original), introspect(&copy));
    if a != b || !diff(&a, &b).is_empty() {
        return Err(format!("the copy differs:\n{}", remaining(&a, &b)));
    }
    Ok(())
}

#[test]
fn a_schema_and_its_dump_are_in_sync() {
    let pairs = repo_root().join("tests/autogen/pairs");
    let version = {
        let db = retort_testkit::fresh_database();
        server_version(&mut PgDatabase::connect(&params(&db)).expect("connect"))
    };
    // Pairs written for a newer server than this one do not load here.
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&pairs)
        .expect("pairs")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|pair| min_server_version(pair).is_none_or(|min| min <= version))
        .map(|pair| pair.join("b.sql"))
        .collect();
    cases.sort();
    for project in ["ctfd", "mlflow", "onyx"] {
        let files = schema_files(&repo_root().join("tests/autogen/corpus").join(project));
        cases.extend(files.last().cloned());
    }
    let mut failures = Vec::new();
    for case in &cases {
        let sql = std::fs::read_to_string(case).expect("read");
        if let Err(why) = dump_round_trip(retort_testkit::server(), &sql) {
            failures.push(format!("{}: {why}", case.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// The same on PostgreSQL 18, for the pairs whose schema its catalog holds
/// differently: NOT NULL constraints' names (which pg_dump writes where they
/// are not the default, and partitions, dumped as tables and attached, hold
/// as their own), generated columns, partitions and temporal keys.
#[test]
fn a_schema_and_its_dump_are_in_sync_on_the_newest_postgres() {
    let pairs = repo_root().join("tests/autogen/pairs");
    let mut failures = Vec::new();
    let names = [
        "generated_column",
        "generated_virtual",
        "not_null_names",
        "not_null_names_inherited",
        "not_null_not_valid",
        "partition_bounds",
        "partitioned_table",
        "partitioning_changes",
        "rename_table",
        "temporal_and_not_enforced",
    ];
    for name in names {
        let sql = std::fs::read_to_string(pairs.join(name).join("b.sql")).expect("read");
        if let Err(why) = dump_round_trip(retort_testkit::pgvector_server(), &sql) {
            failures.push(format!("{name}: {why}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fail:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n\n")
    );
}
