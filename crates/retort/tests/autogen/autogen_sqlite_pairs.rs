//! Each pair under tests/autogen/sqlite_pairs/NAME/{a.sql,b.sql}: the diff
//! from A to B, applied to an SQLite file holding A, gives exactly B; its
//! downgrade gives A back; B against itself gives nothing. When the pair
//! has a data.sql, its rows are put into A first, and every column A and B
//! share keeps its values up and down.

use crate::pairs_runner;

use retort::autogen::rename::ColumnRename;
use retort::autogen::sqlite::introspect_sqlite;
use retort::autogen::sqlite::model::SqliteSchema;
use retort::autogen::sqlite::{apply_renames, diff, render_migration, render_statements};
use retort::autogen::IntrospectOptions;
use retort::autogen::Migration;
use retort::db::sqlite::SqliteDatabase;
use retort::db::Database;
use retort::url::SqliteTarget;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn options() -> IntrospectOptions {
    IntrospectOptions::for_tool_tables("alembic_version", "retort_migration_log")
}

fn open(path: &Path) -> SqliteDatabase {
    SqliteDatabase::open(
        &SqliteTarget::File(path.to_path_buf()),
        Duration::from_secs(5),
    )
    .expect("open")
}

fn memory() -> SqliteDatabase {
    SqliteDatabase::open(&SqliteTarget::Memory, Duration::ZERO).expect("open")
}

fn schema(db: &mut SqliteDatabase) -> SqliteSchema {
    introspect_sqlite(db, &options()).expect("introspect")
}

/// Runs a section as the runner does: in a transaction unless marked
/// no-transaction, rolled back on failure.
fn run(db: &mut SqliteDatabase, sql: &str, no_transaction: bool) -> Result<(), String> {
    let result = if no_transaction {
        db.execute_autocommit(sql)
    } else {
        db.begin()
            .and_then(|()| db.execute_script(sql))
            .and_then(|()| db.commit())
    };
    if let Err(e) = result {
        if db.in_transaction() {
            db.rollback().expect("rollback");
        }
        return Err(e.to_string());
    }
    Ok(())
}

/// Every table's rows, as column name -> value, in rowid (or key) order.
type Rows = BTreeMap<String, Vec<BTreeMap<String, Option<String>>>>;

fn rows(db: &mut SqliteDatabase, schema: &SqliteSchema) -> Rows {
    let mut out = Rows::new();
    for table in schema.tables.values() {
        let mut names: Vec<String> = table.columns.iter().map(|c| c.name.clone()).collect();
        // Implicit rowids must survive too, where the table has one.
        let probe = format!(
            "SELECT rowid FROM \"{}\" LIMIT 0",
            table.name.replace('"', "\"\"")
        );
        if db.query_text(&probe, &[]).is_ok() && table.column("rowid").is_none() {
            names.push("rowid".to_string());
        }
        let select = names
            .iter()
            .map(|n| format!("\"{}\"", n.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {select} FROM \"{}\" ORDER BY 1",
            table.name.replace('"', "\"\"")
        );
        let found = db.query_text(&sql, &[]).expect("select rows");
        out.insert(
            table.name.to_lowercase(),
            found
                .into_iter()
                .map(|row| names.iter().map(|n| n.to_lowercase()).zip(row).collect())
                .collect(),
        );
    }
    out
}

/// The values of the columns both sides have, table by table.
fn common(before: &Rows, after: &Rows) -> Result<(), String> {
    for (table, old_rows) in before {
        let Some(new_rows) = after.get(table) else {
            continue;
        };
        if old_rows.len() != new_rows.len() {
            return Err(format!(
                "{table}: {} rows before, {} after",
                old_rows.len(),
                new_rows.len()
            ));
        }
        for (old, new) in old_rows.iter().zip(new_rows) {
            for (column, value) in old {
                if let Some(now) = new.get(column) {
                    if now != value {
                        return Err(format!("{table}.{column}: {value:?} became {now:?}"));
                    }
                }
            }
        }
    }
    Ok(())
}

/// `rows` with only the tables and columns `kept` has.
fn restrict(rows: &Rows, kept: &Rows) -> Rows {
    rows.iter()
        .filter_map(|(table, table_rows)| {
            let sample = kept.get(table)?;
            let columns: Vec<&String> = match sample.first() {
                Some(row) => row.keys().collect(),
                None => return Some((table.clone(), Vec::new())),
            };
            let restricted = table_rows
                .iter()
                .map(|row| {
                    row.iter()
                        .filter(|(c, _)| columns.contains(c))
                        .map(|(c, v)| (c.clone(), v.clone()))
                        .collect()
                })
                .collect();
            Some((table.clone(), restricted))
        })
        .collect()
}

fn remaining(actual: &SqliteSchema, expected: &SqliteSchema) -> String {
    let ops = diff(actual, expected);
    if ops.is_empty() {
        format!("(no ops, but the models differ)\nactual: {actual:#?}\nexpected: {expected:#?}")
    } else {
        render_statements(&ops)
    }
}

/// Loads A (and its data) into a file, B into memory, and migrates the
/// file up and down. Returns the number of ops.
fn check_pair(a_sql: &str, b_sql: &str, data: Option<&str>) -> Result<usize, String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut live = open(&dir.path().join("live.db"));
    live.execute_script(a_sql)
        .map_err(|e| format!("A does not load: {e}"))?;
    if let Some(data) = data {
        live.execute_script(data)
            .map_err(|e| format!("data does not load: {e}"))?;
    }
    let mut target = memory();
    target
        .execute_script(b_sql)
        .map_err(|e| format!("B does not load: {e}"))?;
    let a = schema(&mut live);
    let b = schema(&mut target);
    if !diff(&b, &b).is_empty() || !diff(&a, &a).is_empty() {
        return Err("diff(B, B) or diff(A, A) is not empty".into());
    }
    let rows_a = rows(&mut live, &a);
    let ops = diff(&a, &b);
    let migration = render_migration(&ops);
    // For reading what the pairs generate: RETORT_SHOW_MIGRATIONS=1.
    if std::env::var_os("RETORT_SHOW_MIGRATIONS").is_some() {
        eprintln!(
            "---- upgrade\n{}---- downgrade\n{}",
            migration.upgrade, migration.downgrade
        );
    }
    migrate(&mut live, &migration, &a, &b, &rows_a)?;
    Ok(ops.len())
}

fn migrate(
    live: &mut SqliteDatabase,
    migration: &Migration,
    a: &SqliteSchema,
    b: &SqliteSchema,
    rows_a: &Rows,
) -> Result<(), String> {
    let sections = [
        (
            &migration.upgrade,
            migration.upgrade_no_transaction,
            b,
            "upgrade",
            "B",
        ),
        (
            &migration.downgrade,
            migration.downgrade_no_transaction,
            a,
            "downgrade",
            "A",
        ),
    ];
    let mut rows_up = Rows::default();
    for (sql, no_transaction, expected, step, side) in sections {
        run(live, sql, no_transaction).map_err(|e| format!("{step} fails: {e}\n{sql}"))?;
        let after = schema(live);
        if &after != expected {
            return Err(format!(
                "after the {step} the database is not {side}; still to do:\n{}\n{step} was:\n{sql}",
                remaining(&after, expected)
            ));
        }
        let now = rows(live, expected);
        if step == "upgrade" {
            common(rows_a, &now).map_err(|e| format!("upgrade loses data: {e}"))?;
            rows_up = now;
        } else {
            common(&rows_up, &now).map_err(|e| format!("downgrade loses data: {e}"))?;
            // Columns and tables B does not have come back empty.
            common(&restrict(rows_a, &rows_up), &now)
                .map_err(|e| format!("up and down lose data: {e}"))?;
        }
    }
    let violations = live
        .query_text("SELECT count(*) FROM pragma_foreign_key_check", &[])
        .map_err(|e| e.to_string())?;
    if violations != vec![vec![Some("0".to_string())]] {
        return Err(format!(
            "foreign key violations after the round trip: {violations:?}"
        ));
    }
    Ok(())
}

#[test]
fn every_sqlite_pair_migrates_up_and_down() {
    let dir = repo_root().join("tests/autogen/sqlite_pairs");
    pairs_runner::run_pairs(
        &dir,
        15,
        |_| None,
        |pair| {
            let read = |f: &str| std::fs::read_to_string(pair.join(f)).ok();
            let (Some(a), Some(b)) = (read("a.sql"), read("b.sql")) else {
                return Err("a.sql or b.sql missing".to_string());
            };
            check_pair(&a, &b, read("data.sql").as_deref())
        },
    );
}

/// The same tables written differently (spacing, case, quoting, comments,
/// column order) are not a change.
#[test]
fn spelling_and_order_are_not_changes() {
    let mut a = memory();
    a.execute_script(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT 'x', n INTEGER DEFAULT -1, \
         CHECK (length(name) > 0));\nCREATE INDEX t_name ON t (name);\n\
         CREATE VIEW v AS SELECT name FROM t;",
    )
    .unwrap();
    let mut b = memory();
    b.execute_script(
        "create table \"T\" (\n  -- the name\n  [NAME] text not null default ('x'),\n  n integer default (-1),\n  \
         \"id\" integer primary key,\n  check(length( name )>0)\n);\n\
         create index T_NAME on t(name);\ncreate view V as select NAME from T;",
    )
    .unwrap();
    let ops = diff(&schema(&mut a), &schema(&mut b));
    assert!(ops.is_empty(), "{}", render_statements(&ops));
}

/// The rows in a table that others refer to with ON DELETE CASCADE survive
/// its rebuild, and so do the rows referring to it (the pair
/// rebuild_referenced_parent checks the same through the pairs runner).
#[test]
fn rebuilding_a_parent_does_not_cascade() {
    let dir = tempfile::tempdir().unwrap();
    let mut live = open(&dir.path().join("live.db"));
    live.execute_script(
        "CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT);\n\
         CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id) ON DELETE CASCADE);\n\
         INSERT INTO p VALUES (1, 'one'); INSERT INTO c VALUES (10, 1);",
    )
    .unwrap();
    let mut target = memory();
    target
        .execute_script(
            "CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');\n\
             CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id) ON DELETE CASCADE);",
        )
        .unwrap();
    let migration = render_migration(&diff(&schema(&mut live), &schema(&mut target)));
    assert!(migration.upgrade_no_transaction && migration.downgrade_no_transaction);
    run(&mut live, &migration.upgrade, true).unwrap();
    assert_eq!(
        live.query_text("SELECT id, p_id FROM c", &[]).unwrap(),
        vec![vec![Some("10".to_string()), Some("1".to_string())]]
    );
    // Enforcement is back on for what follows.
    assert_eq!(
        live.query_text("PRAGMA foreign_keys", &[]).unwrap(),
        vec![vec![Some("1".to_string())]]
    );
}

/// A rebuild that leaves a foreign key without its row fails the
/// migration, and the database is left as it was.
#[test]
fn a_foreign_key_violation_fails_the_upgrade_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut live = open(&dir.path().join("live.db"));
    live.execute_script(
        "CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT);\n\
         CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER);\n\
         INSERT INTO p VALUES (1, 'one');\n\
         INSERT INTO c VALUES (10, 1), (11, 99);",
    )
    .unwrap();
    let mut target = memory();
    // c gains a foreign key that row 11 breaks; p is rebuilt too, so the
    // section runs with enforcement off and only the check can catch it.
    target
        .execute_script(
            "CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');\n\
             CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id));",
        )
        .unwrap();
    let a = schema(&mut live);
    let before = rows(&mut live, &a);
    let migration = render_migration(&diff(&a, &schema(&mut target)));
    assert!(migration.upgrade_no_transaction, "{}", migration.upgrade);
    let error = run(&mut live, &migration.upgrade, true).unwrap_err();
    assert!(
        error.contains("foreign key violations after rebuilding tables"),
        "{error}"
    );
    assert_eq!(schema(&mut live), a);
    assert_eq!(rows(&mut live, &a), before);

    // Inside the runner's transaction (no referenced table rebuilt),
    // enforcement catches the row as it is copied.
    let mut target = memory();
    target
        .execute_script(
            "CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT);\n\
             CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id));",
        )
        .unwrap();
    let mut live = open(&dir.path().join("live.db"));
    live.execute_script("PRAGMA foreign_keys = ON").unwrap();
    let migration = render_migration(&diff(&a, &schema(&mut target)));
    assert!(!migration.upgrade_no_transaction, "{}", migration.upgrade);
    let error = run(&mut live, &migration.upgrade, false).unwrap_err();
    assert!(error.contains("FOREIGN KEY"), "{error}");
    assert_eq!(schema(&mut live), a);
    assert_eq!(rows(&mut live, &a), before);

    // And with enforcement off, the check still refuses it.
    live.execute_script("PRAGMA foreign_keys = OFF").unwrap();
    let error = run(&mut live, &migration.upgrade, false).unwrap_err();
    assert!(
        error.contains("foreign key violations after rebuilding tables"),
        "{error}"
    );
    assert_eq!(schema(&mut live), a);
    assert_eq!(rows(&mut live, &a), before);
}

/// `--rename t.old_name=new_name` becomes RENAME COLUMN and keeps the
/// column's data, both ways, even when the column changes too.
#[test]
fn a_requested_rename_keeps_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut live = open(&dir.path().join("live.db"));
    live.execute_script(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, old_name TEXT);\n\
         CREATE INDEX t_old ON t (old_name);\n\
         CREATE VIEW v AS SELECT old_name FROM t;\n\
         INSERT INTO t VALUES (1, 'kept');",
    )
    .unwrap();
    let mut target = memory();
    target
        .execute_script(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, new_name TEXT NOT NULL);\n\
             CREATE INDEX t_old ON t (new_name);\n\
             CREATE VIEW v AS SELECT new_name FROM t;",
        )
        .unwrap();
    let a = schema(&mut live);
    let b = schema(&mut target);
    let renames = [ColumnRename::parse("t.old_name=new_name").unwrap()];
    let (renamed, mut ops) = apply_renames(&a, &b, &[], &renames).unwrap();
    ops.extend(diff(&renamed, &b));
    let migration = render_migration(&ops);
    assert!(
        migration.upgrade.contains("RENAME COLUMN"),
        "{}",
        migration.upgrade
    );
    let before = rows(&mut live, &a);
    let mut after = before.clone();
    for row in after.get_mut("t").unwrap() {
        let value = row.remove("old_name").unwrap();
        row.insert("new_name".to_string(), value);
    }
    run(
        &mut live,
        &migration.upgrade,
        migration.upgrade_no_transaction,
    )
    .unwrap();
    assert_eq!(schema(&mut live), b, "{}", migration.upgrade);
    assert_eq!(rows(&mut live, &b), after);
    run(
        &mut live,
        &migration.downgrade,
        migration.downgrade_no_transaction,
    )
    .unwrap();
    assert_eq!(schema(&mut live), a, "{}", migration.downgrade);
    assert_eq!(rows(&mut live, &a), before);
    assert!(apply_renames(
        &a,
        &b,
        &[],
        &[ColumnRename::parse("t.nope=new_name").unwrap()]
    )
    .is_err());
}

/// `--rename users=people`: the rows stay, and SQLite rewrites the foreign
/// keys, views and triggers naming the table; the downgrade renames it back.
#[test]
fn a_requested_table_rename_keeps_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut live = open(&dir.path().join("live.db"));
    live.execute_script(
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n\
         CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));\n\
         CREATE VIEW emails AS SELECT email FROM users;\n\
         INSERT INTO users VALUES (1, 'a@example.com');\n\
         INSERT INTO orders VALUES (1, 1);",
    )
    .unwrap();
    let mut target = memory();
    target
        .execute_script(
            "CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, name TEXT);\n\
             CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES people (id));\n\
             CREATE VIEW emails AS SELECT email FROM people;",
        )
        .unwrap();
    let a = schema(&mut live);
    let b = schema(&mut target);
    let tables = [("users".to_string(), "people".to_string())];
    let (renamed, mut ops) = apply_renames(&a, &b, &tables, &[]).unwrap();
    ops.extend(diff(&renamed, &b));
    let migration = render_migration(&ops);
    assert!(
        migration.upgrade.contains("RENAME TO")
            && !migration.upgrade.contains("DROP TABLE \"users\""),
        "{}",
        migration.upgrade
    );
    run(
        &mut live,
        &migration.upgrade,
        migration.upgrade_no_transaction,
    )
    .unwrap();
    assert_eq!(schema(&mut live), b, "{}", migration.upgrade);
    let people = rows(&mut live, &b);
    assert_eq!(people["people"].len(), 1);
    assert_eq!(people["orders"].len(), 1);
    run(
        &mut live,
        &migration.downgrade,
        migration.downgrade_no_transaction,
    )
    .unwrap();
    assert_eq!(schema(&mut live), a, "{}", migration.downgrade);
    assert_eq!(rows(&mut live, &a)["users"].len(), 1);
    let wrong = [("nope".to_string(), "people".to_string())];
    assert!(apply_renames(&a, &b, &wrong, &[]).is_err());
}
