//! `retort erd` on PostgreSQL and SQLite: a schema with foreign keys (one
//! of them composite), composite primary keys, unique keys, and names
//! Mermaid cannot take bare, drawn from the live database and from the
//! target schema, which must give the same diagram.

use crate::autogen_cli::SERIAL;
use crate::common::{retort, stderr, stdout};
use std::fs;
use std::path::Path;

fn project(url: &str, schema: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("retort.toml"),
        format!(
            "script_location = \"migrations\"\nurl = \"{url}\"\ntarget_schema = \"schema.sql\"\n"
        ),
    )
    .unwrap();
    fs::create_dir_all(dir.path().join("migrations/versions")).unwrap();
    fs::write(dir.path().join("schema.sql"), schema).unwrap();
    dir
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let output = retort(dir, args);
    assert!(
        output.status.success(),
        "{args:?} failed: {}{}",
        stdout(&output),
        stderr(&output)
    );
    stdout(&output)
}

const SQLITE_SCHEMA: &str = r#"
CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, "Display Name" TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers, placed_at TIMESTAMP);
CREATE TABLE "order lines" (
  order_id INTEGER NOT NULL REFERENCES orders(id),
  line_no INTEGER NOT NULL,
  amount NUMERIC(10, 2),
  PRIMARY KEY (order_id, line_no)
);
CREATE TABLE shipments (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, line_no INTEGER NOT NULL,
  "Tracking #" TEXT,
  FOREIGN KEY (order_id, line_no) REFERENCES "order lines" (order_id, line_no));
"#;

const SQLITE_DIAGRAM: &str = r#"erDiagram
    customers {
        INTEGER id PK
        TEXT email UK "not null"
        TEXT Display_Name "column Display Name"
    }
    "order lines" {
        INTEGER order_id PK, FK
        INTEGER line_no PK
        NUMERIC(10_2) amount "NUMERIC(10, 2)"
    }
    orders {
        INTEGER id PK
        INTEGER customer_id FK
        TIMESTAMP placed_at
    }
    shipments {
        INTEGER id PK
        INTEGER order_id FK "not null"
        INTEGER line_no FK "not null"
        TEXT Tracking_ "column Tracking #"
    }
    orders ||--o{ "order lines" : "order_id"
    customers |o..o{ orders : "customer_id"
    "order lines" ||..o{ shipments : "order_id, line_no"
"#;

#[test]
fn sqlite_database_and_target_schema_draw_the_same_diagram() {
    let dir = project("sqlite:///app.db", SQLITE_SCHEMA);
    let d = dir.path();
    let target = ok(d, &["erd", "--target"]);
    assert_eq!(target, SQLITE_DIAGRAM);

    // The database, once built from the same schema (and migrated: the
    // version table is not part of the picture).
    let conn = rusqlite::Connection::open(d.join("app.db")).unwrap();
    conn.execute_batch(SQLITE_SCHEMA).unwrap();
    ok(d, &["stamp", "heads"]);
    assert_eq!(ok(d, &["erd"]), SQLITE_DIAGRAM);
    // --from names another database or a schema file; -o writes a file.
    let other = d.join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY)")
        .unwrap();
    ok(
        d,
        &[
            "erd",
            "--from",
            &format!("sqlite:///{}", other.display()),
            "-o",
            "t.mmd",
        ],
    );
    assert_eq!(
        fs::read_to_string(d.join("t.mmd")).unwrap(),
        "erDiagram\n    t {\n        INTEGER id PK\n    }\n"
    );
    assert_eq!(ok(d, &["erd", "--from", "schema.sql"]), SQLITE_DIAGRAM);
}

#[test]
fn a_broken_target_schema_names_its_file() {
    let dir = project(
        "sqlite:///app.db",
        "CREATE TABLE broken (id INTEGER PRIMARY KEY,);\n",
    );
    let output = retort(dir.path(), &["erd", "--target"]);
    assert_ne!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains("schema.sql"),
        "{}",
        stderr(&output)
    );
    let output = retort(dir.path(), &["erd", "--target", "--from", "x.sql"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}

const POSTGRES_SCHEMA: &str = r#"
CREATE SCHEMA sales;
CREATE TABLE public.customers (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, "Display Name" text);
CREATE TABLE sales."Order" (
  id bigint PRIMARY KEY,
  customer_id bigint REFERENCES public.customers (id),
  placed_at timestamp with time zone NOT NULL
);
CREATE TABLE sales.order_lines (
  "order id" bigint NOT NULL REFERENCES sales."Order" (id) ON DELETE CASCADE,
  line_no integer NOT NULL,
  amount numeric(10, 2),
  PRIMARY KEY ("order id", line_no)
);
CREATE TABLE sales.shipments (
  "order id" bigint NOT NULL,
  line_no integer NOT NULL,
  tracking varchar(40) UNIQUE,
  PRIMARY KEY ("order id", line_no),
  FOREIGN KEY ("order id", line_no) REFERENCES sales.order_lines ("order id", line_no)
);
"#;

const POSTGRES_DIAGRAM: &str = r#"erDiagram
    customers {
        bigint id PK
        text email UK "not null"
        text Display_Name "column Display Name"
    }
    "sales.Order" {
        bigint id PK
        bigint customer_id FK
        timestamp_with_time_zone placed_at "timestamp with time zone; not null"
    }
    "sales.order_lines" {
        bigint order_id PK, FK "column order id"
        integer line_no PK
        numeric(10_2) amount "numeric(10,2)"
    }
    "sales.shipments" {
        bigint order_id PK, FK "column order id"
        integer line_no PK, FK
        character_varying(40) tracking UK "character varying(40)"
    }
    customers |o..o{ "sales.Order" : "customer_id"
    "sales.Order" ||--o{ "sales.order_lines" : "order id"
    "sales.order_lines" ||--o| "sales.shipments" : "order id, line_no"
"#;

#[test]
fn postgres_database_and_target_schema_draw_the_same_diagram() {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let db = retort_testkit::fresh_database();
    let dir = project(&db.url, POSTGRES_SCHEMA);
    let d = dir.path();
    let target = ok(d, &["erd", "--target"]);
    assert_eq!(target, POSTGRES_DIAGRAM);
    db.client().batch_execute(POSTGRES_SCHEMA).unwrap();
    assert_eq!(ok(d, &["erd"]), POSTGRES_DIAGRAM);
}
