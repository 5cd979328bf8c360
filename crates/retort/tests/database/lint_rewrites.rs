//! The lint rules that say whether PostgreSQL rewrites a table, checked
//! against PostgreSQL itself: each case runs on a real server, and the
//! table's file node tells whether it was rewritten. The rule must say
//! "rewrite" exactly when the server did.

use retort::lint::{lint, Settings, Source};

fn source(text: &str) -> Source {
    Source {
        path: "v/x.sql".into(),
        revision: None,
        text: text.to_string(),
        first_line: 1,
        transactional: true,
    }
}

/// Whether lint reports `code` for `change`, after a migration that made
/// `create` (linted as a history: the table is not new to `change`).
fn lint_says(code: &str, create: &str, change: &str) -> bool {
    let settings = Settings {
        postgres_version: 15,
        ..Settings::default()
    };
    lint(&[source(create), source(change)], &settings)
        .findings
        .iter()
        .any(|f| f.code == code)
}

/// Whether the server rewrites the table for `change`.
fn server_rewrites(client: &mut postgres::Client, create: &str, change: &str) -> bool {
    client
        .batch_execute(&format!(
            "DROP TABLE IF EXISTS t; {create} INSERT INTO t DEFAULT VALUES;"
        ))
        .unwrap();
    let node = |client: &mut postgres::Client| -> u32 {
        client
            .query_one("SELECT pg_relation_filenode('t')", &[])
            .unwrap()
            .get::<_, postgres::types::Oid>(0)
    };
    let before = node(client);
    client.batch_execute(change).unwrap();
    before != node(client)
}

#[test]
fn alter_column_type_and_add_column_agree_with_the_server() {
    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    client
        .batch_execute("CREATE EXTENSION IF NOT EXISTS pgcrypto")
        .ok();
    let types: &[(&str, &str)] = &[
        ("varchar(20)", "TYPE text"),
        ("varchar(20)", "TYPE varchar(40)"),
        ("varchar(20)", "TYPE varchar"),
        ("varchar(20)", "TYPE varchar(10)"),
        ("varchar(20)", "TYPE varchar(40) USING c::varchar(40)"),
        ("varchar(20)", "TYPE text USING lower(c)"),
        ("text", "TYPE varchar"),
        ("text", "TYPE varchar(10)"),
        ("numeric(10,2)", "TYPE numeric(12,2)"),
        ("numeric(10,2)", "TYPE numeric"),
        ("numeric(10,2)", "TYPE numeric(12,3)"),
        ("cidr", "TYPE inet"),
        ("int", "TYPE bigint"),
        ("int", "TYPE int"),
        ("char(5)", "TYPE text"),
        ("varbit(5)", "TYPE varbit(9)"),
    ];
    let mut disagreements = Vec::new();
    for (old, new) in types {
        let create = format!("CREATE TABLE t (c {old});");
        let change = format!("ALTER TABLE t ALTER COLUMN c {new};");
        let server = server_rewrites(&mut client, &create, &change);
        let said = lint_says("R006", &create, &change);
        if server != said {
            disagreements.push(format!(
                "{old} -> {new}: server rewrites {server}, lint says {said}"
            ));
        }
    }
    let columns: &[&str] = &[
        "n int DEFAULT 0",
        "n int NOT NULL DEFAULT 0",
        "s text DEFAULT 'x'",
        "ts timestamptz DEFAULT now()",
        "r float8 DEFAULT random()",
        "u uuid DEFAULT gen_random_uuid()",
        "ts timestamptz DEFAULT clock_timestamp()",
        "id bigserial",
        "id bigint GENERATED ALWAYS AS IDENTITY",
        "g int GENERATED ALWAYS AS (a * 2) STORED",
        "n int",
    ];
    for column in columns {
        let create = "CREATE TABLE t (a int);";
        let change = format!("ALTER TABLE t ADD COLUMN {column};");
        let server = server_rewrites(&mut client, create, &change);
        let said = lint_says("R003", create, &change);
        if server != said {
            disagreements.push(format!(
                "ADD COLUMN {column}: server rewrites {server}, lint says {said}"
            ));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
