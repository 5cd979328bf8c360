//! Each pair under tests/autogen/pairs/NAME/{a.sql,b.sql}: the diff from A
//! to B, applied to a database holding A, gives exactly B; its downgrade
//! gives A back; B against itself gives nothing.

mod autogen_support;

use autogen_support::{repo_root, Harness};

#[test]
fn every_pair_migrates_up_and_down() {
    let dir = repo_root().join("tests/autogen/pairs");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/autogen/pairs")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 30, "only {} pairs", names.len());
    let mut harness = Harness::new();
    let mut failures = Vec::new();
    for name in &names {
        let read = |f: &str| std::fs::read_to_string(dir.join(name).join(f)).expect("pair file");
        match harness.check(&read("a.sql"), &read("b.sql")) {
            Ok(0) => failures.push(format!("{name}: A and B differ but the diff is empty")),
            Ok(_) => {}
            Err(why) => failures.push(format!("{name}: {why}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} pairs fail:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n\n")
    );
}

/// `--rename t.old_name=new_name` keeps the column's data, both ways.
#[test]
fn a_requested_rename_keeps_the_data() {
    use retort::autogen::{apply_renames, diff, render_migration, ColumnRename};
    use retort::db::introspect::{introspect_postgres, IntrospectOptions};
    use retort::db::Database;
    let mut harness = Harness::new();
    let options = IntrospectOptions::default();
    harness
        .live
        .execute_script("CREATE TABLE t (old_name varchar(10)); INSERT INTO t VALUES ('kept');")
        .unwrap();
    harness
        .target
        .execute_script("CREATE TABLE t (new_name text NOT NULL);")
        .unwrap();
    let a = introspect_postgres(harness.live.client(), &options).unwrap();
    let b = introspect_postgres(harness.target.client(), &options).unwrap();
    let ops = apply_renames(
        diff(&a, &b),
        &[ColumnRename::parse("t.old_name=new_name").unwrap()],
    )
    .unwrap();
    let migration = render_migration(&ops);
    assert!(
        !migration.upgrade.contains("DROP COLUMN"),
        "{}",
        migration.upgrade
    );
    harness.live.execute_script(&migration.upgrade).unwrap();
    assert_eq!(
        introspect_postgres(harness.live.client(), &options).unwrap(),
        b
    );
    let rows = harness
        .live
        .query_text("SELECT new_name FROM t", &[])
        .unwrap();
    assert_eq!(rows, vec![vec![Some("kept".to_string())]]);
    harness.live.execute_script(&migration.downgrade).unwrap();
    assert_eq!(
        introspect_postgres(harness.live.client(), &options).unwrap(),
        a
    );
    let rows = harness
        .live
        .query_text("SELECT old_name FROM t", &[])
        .unwrap();
    assert_eq!(rows, vec![vec![Some("kept".to_string())]]);
    assert!(apply_renames(
        diff(&a, &b),
        &[ColumnRename::parse("t.nope=new_name").unwrap()]
    )
    .is_err());
}

/// With `autogenerate_concurrent_indexes`, index changes still round-trip,
/// run outside a transaction.
#[test]
fn concurrent_indexes_migrate_up_and_down() {
    let dir = repo_root().join("tests/autogen/pairs");
    let mut harness = Harness::new();
    let options = retort::autogen::RenderOptions {
        concurrent_indexes: true,
    };
    for name in ["index", "index_change", "index_methods", "matview"] {
        let read = |f: &str| std::fs::read_to_string(dir.join(name).join(f)).expect("pair file");
        if let Err(why) = harness.check_with(&read("a.sql"), &read("b.sql"), options) {
            panic!("{name}: {why}");
        }
    }
}
