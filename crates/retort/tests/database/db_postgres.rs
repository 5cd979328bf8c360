//! The PostgreSQL connection and the Database trait against a real server.

use crate::db_support;

use db_support::pg_url;
use retort::db::{connect, ConnectOptions, DbError, VersionTable};
use retort::revision::VersionOp;
use retort::url::{DatabaseUrl, PgUrl};
use retort_testkit::fresh_database;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

fn pg(f: impl FnOnce(&mut PgUrl)) -> DatabaseUrl {
    let mut url = PgUrl::default();
    f(&mut url);
    DatabaseUrl::Postgres(url)
}

fn one_value(db: &mut dyn retort::db::Database, sql: &str) -> Option<String> {
    db.query_text(sql, &[]).unwrap().remove(0).remove(0)
}

#[test]
fn connects_over_tcp_and_the_socket_directory() {
    let t = fresh_database();
    let mut db = connect(&pg_url(&t), &ConnectOptions::default()).unwrap();
    assert_eq!(
        one_value(db.as_mut(), "SELECT current_database()").as_deref(),
        Some(t.dbname.as_str())
    );

    let socket_dir = t.socket_dir.clone().expect("throwaway cluster");
    // A host that is a directory is a Unix socket directory...
    let url = pg(|u| {
        u.user = Some(t.user.clone());
        u.hosts = vec![socket_dir.display().to_string()];
        u.ports = vec![t.port];
        u.dbname = Some(t.dbname.clone());
    });
    let mut db = connect(&url, &ConnectOptions::default()).unwrap();
    assert_eq!(
        one_value(db.as_mut(), "SELECT inet_server_addr()::text"),
        None,
        "a socket has no address"
    );
    // ...and so is `?host=/dir`, libpq's way of putting it in a URL.
    let url = pg(|u| {
        u.user = Some(t.user.clone());
        u.ports = vec![t.port];
        u.dbname = Some(t.dbname.clone());
        u.params = vec![("host".into(), socket_dir.display().to_string())];
    });
    connect(&url, &ConnectOptions::default()).unwrap();
}

#[test]
fn the_libpq_environment_fills_what_the_url_leaves_out() {
    let t = fresh_database();
    let env: BTreeMap<&str, String> = [
        ("PGHOST", t.host.clone()),
        ("PGPORT", t.port.to_string()),
        ("PGUSER", t.user.clone()),
        ("PGDATABASE", t.dbname.clone()),
        ("PGSSLMODE", "disable".to_string()),
        ("PGAPPNAME", "from-env".to_string()),
    ]
    .into_iter()
    .collect();
    let options = ConnectOptions::default().with_libpq_env(|k| env.get(k).cloned());
    let mut db = connect(&pg(|_| {}), &options).unwrap();
    assert_eq!(
        one_value(db.as_mut(), "SELECT current_database()").as_deref(),
        Some(t.dbname.as_str())
    );
    assert_eq!(
        one_value(db.as_mut(), "SHOW application_name").as_deref(),
        Some("from-env")
    );
    assert_eq!(
        one_value(
            db.as_mut(),
            "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
        )
        .as_deref(),
        Some("false")
    );
}

#[test]
fn query_parameters_are_honoured() {
    let t = fresh_database();
    let url = pg(|u| {
        u.user = Some(t.user.clone());
        u.hosts = vec![t.host.clone()];
        u.ports = vec![t.port];
        u.dbname = Some(t.dbname.clone());
        u.params = vec![
            ("application_name".into(), "deploy-42".into()),
            ("connect_timeout".into(), "5".into()),
            ("sslmode".into(), "prefer".into()),
            ("options".into(), "-c search_path=elsewhere".into()),
        ];
    });
    let mut db = connect(&url, &ConnectOptions::default()).unwrap();
    assert_eq!(
        one_value(db.as_mut(), "SHOW application_name").as_deref(),
        Some("deploy-42")
    );
    assert_eq!(
        one_value(db.as_mut(), "SHOW search_path").as_deref(),
        Some("elsewhere")
    );
}

fn with_ssl(t: &retort_testkit::TestDatabase, host: &str, params: &[(&str, &str)]) -> DatabaseUrl {
    pg(|u| {
        u.user = Some(t.user.clone());
        u.hosts = vec![host.to_string()];
        u.ports = vec![t.port];
        u.dbname = Some(t.dbname.clone());
        u.params = params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
    })
}

fn uses_tls(url: &DatabaseUrl) -> Result<bool, String> {
    let mut db = connect(url, &ConnectOptions::default()).map_err(|e| e.to_string())?;
    Ok(one_value(
        db.as_mut(),
        "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
    )
    .as_deref()
        == Some("true"))
}

#[test]
fn every_sslmode_does_what_libpq_does() {
    let t = fresh_database();
    let ca = t
        .tls_root_cert
        .clone()
        .expect("the throwaway cluster speaks TLS");
    let ca = ca.to_str().unwrap();
    assert_eq!(
        uses_tls(&with_ssl(&t, "127.0.0.1", &[("sslmode", "disable")])),
        Ok(false)
    );
    assert_eq!(
        uses_tls(&with_ssl(&t, "127.0.0.1", &[])),
        Ok(true),
        "prefer is the default"
    );
    // require encrypts without checking whom it talks to.
    assert_eq!(
        uses_tls(&with_ssl(&t, "127.0.0.1", &[("sslmode", "require")])),
        Ok(true)
    );
    // verify-ca checks the chain only: the certificate is for localhost.
    assert_eq!(
        uses_tls(&with_ssl(
            &t,
            "127.0.0.1",
            &[("sslmode", "verify-ca"), ("sslrootcert", ca)]
        )),
        Ok(true)
    );
    // verify-full checks the host name too.
    let err = uses_tls(&with_ssl(
        &t,
        "127.0.0.1",
        &[("sslmode", "verify-full"), ("sslrootcert", ca)],
    ))
    .unwrap_err();
    assert!(
        err.contains("certificate verify failed") && err.contains("TLS"),
        "{err}"
    );
    assert_eq!(
        uses_tls(&with_ssl(
            &t,
            "localhost",
            &[("sslmode", "verify-full"), ("sslrootcert", ca)]
        )),
        Ok(true)
    );
    // Without our CA the chain does not verify.
    let err = uses_tls(&with_ssl(&t, "localhost", &[("sslmode", "verify-ca")])).unwrap_err();
    assert!(err.contains("certificate verify failed"), "{err}");
    let err = uses_tls(&with_ssl(
        &t,
        "localhost",
        &[
            ("sslmode", "verify-full"),
            ("sslrootcert", "/nonexistent/ca.pem"),
        ],
    ))
    .unwrap_err();
    assert!(
        err.contains("cannot read root certificate /nonexistent/ca.pem"),
        "{err}"
    );
    // A client certificate that cannot be used is named before anything is
    // sent (the CA file holds a certificate but no key).
    let err = uses_tls(&with_ssl(
        &t,
        "localhost",
        &[("sslmode", "require"), ("sslcert", ca)],
    ))
    .unwrap_err();
    assert!(
        err.contains(&format!("cannot read client key {ca}")),
        "{err}"
    );
    let err = uses_tls(&with_ssl(
        &t,
        "localhost",
        &[
            ("sslmode", "require"),
            ("sslcert", ca),
            ("sslkey", "/nonexistent/key.pem"),
        ],
    ))
    .unwrap_err();
    assert!(
        err.contains("cannot read client key /nonexistent/key.pem"),
        "{err}"
    );
}

/// SCRAM's channel binding (`SCRAM-SHA-256-PLUS`) ties the password
/// exchange to the TLS session: it needs the TLS layer to hand over the
/// server certificate's hash, which a TLS stack swap could silently lose.
#[test]
fn scram_channel_binding_works_over_tls() {
    let t = fresh_database();
    let Some(pw) = t.password_user.clone() else {
        return; // an external server without a password user
    };
    let url = |sslmode: &str| {
        pg(|u| {
            u.user = Some(pw.user.clone());
            u.set_password(Some(pw.password.clone()));
            u.hosts = vec!["127.0.0.1".to_string()];
            u.ports = vec![t.port];
            u.dbname = Some(t.dbname.clone());
            u.params = vec![
                ("sslmode".into(), sslmode.into()),
                ("channel_binding".into(), "require".into()),
            ];
        })
    };
    assert_eq!(uses_tls(&url("require")), Ok(true));
    // Without TLS there is nothing to bind to: refused, as libpq does.
    let err = uses_tls(&url("disable")).unwrap_err();
    assert!(err.contains("channel binding"), "{err}");
}

#[test]
fn wrong_password_and_missing_database_say_so_without_the_password() {
    let t = fresh_database();
    let pw = t.password_user.clone().expect("throwaway cluster");
    let secret = "not-the-Secret-9f3c";
    let url = pg(|u| {
        u.user = Some(pw.user.clone());
        u.set_password(Some(secret.to_string()));
        u.hosts = vec![t.host.clone()];
        u.ports = vec![t.port];
        u.dbname = Some(t.dbname.clone());
    });
    let err = connect(&url, &ConnectOptions::default()).err().unwrap();
    let text = format!("{err} {err:?}");
    assert!(text.contains("password authentication failed"), "{text}");
    assert!(
        text.contains(&format!("127.0.0.1:{}", t.port)) && text.contains(&pw.user),
        "{text}"
    );
    assert!(!text.contains(secret), "the password leaked: {text}");
    assert_eq!(err.exit_code(), 1);

    // The right password gets in.
    let url = pg(|u| {
        u.user = Some(pw.user.clone());
        u.set_password(Some(pw.password.clone()));
        u.hosts = vec![t.host.clone()];
        u.ports = vec![t.port];
        u.dbname = Some(t.dbname.clone());
    });
    connect(&url, &ConnectOptions::default()).unwrap();

    let url = pg(|u| {
        u.user = Some(t.user.clone());
        u.set_password(Some(secret.to_string()));
        u.hosts = vec![t.host.clone()];
        u.ports = vec![t.port];
        u.dbname = Some("no_such_database_here".into());
    });
    // Without a wait, a missing database fails at once.
    let started = Instant::now();
    let err = connect(&url, &ConnectOptions::default()).err().unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
    let text = format!("{err} {err:?}");
    assert!(
        text.contains("database \"no_such_database_here\" does not exist"),
        "{text}"
    );
    assert!(!text.contains(secret), "{text}");
    // While waiting, it is waited for (a container's server is up before
    // its init scripts create the database), until the wait runs out.
    let started = Instant::now();
    let err = connect(
        &url,
        &ConnectOptions::default().with_wait(Some(Duration::from_secs(3))),
    )
    .err()
    .unwrap();
    assert!(started.elapsed() >= Duration::from_secs(3), "{err}");
    let text = err.to_string();
    assert!(
        text.contains("does not exist") && text.contains("gave up after waiting 3s"),
        "{text}"
    );
    assert!(!text.contains(secret), "{text}");
    // A wrong password is an answer waiting will not change: at once.
    let url = pg(|u| {
        u.user = Some(pw.user.clone());
        u.set_password(Some(secret.to_string()));
        u.hosts = vec![t.host.clone()];
        u.ports = vec![t.port];
        u.dbname = Some(t.dbname.clone());
    });
    let started = Instant::now();
    connect(
        &url,
        &ConnectOptions::default().with_wait(Some(Duration::from_secs(30))),
    )
    .err()
    .unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn an_unreachable_server_is_retried_until_the_wait_runs_out() {
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = pg(|u| {
        u.user = Some("nobody".into());
        u.set_password(Some("hunter2-secret".into()));
        u.hosts = vec!["127.0.0.1".into()];
        u.ports = vec![closed_port];
        u.dbname = Some("app".into());
    });
    let err = connect(&url, &ConnectOptions::default()).err().unwrap();
    assert!(
        matches!(
            err,
            DbError::Connect {
                retryable: true,
                ..
            }
        ),
        "{err:?}"
    );

    let started = Instant::now();
    let err = connect(
        &url,
        &ConnectOptions::default().with_wait(Some(Duration::from_secs(3))),
    )
    .err()
    .unwrap();
    let waited = started.elapsed();
    let text = err.to_string();
    assert!(
        waited >= Duration::from_secs(2) && waited < Duration::from_secs(8),
        "{waited:?}"
    );
    assert!(
        text.contains("could not connect to PostgreSQL at 127.0.0.1:")
            && text.contains("gave up after waiting 3s"),
        "{text}"
    );
    assert!(!text.contains("hunter2-secret"));
    assert_eq!(err.exit_code(), 1);
}

#[test]
fn scripts_run_as_written_through_the_simple_protocol() {
    let t = fresh_database();
    let mut db = connect(&pg_url(&t), &ConnectOptions::default()).unwrap();
    db.execute_script(
        "CREATE TABLE t (x int);\n\
         CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$\nBEGIN\n  RETURN 1; -- a ; inside\nEND\n$body$;\n\
         DO $$ BEGIN INSERT INTO t VALUES (f()); END $$;\n\
         INSERT INTO t VALUES (2);",
    )
    .unwrap();
    assert_eq!(
        one_value(db.as_mut(), "SELECT sum(x)::text FROM t").as_deref(),
        Some("3")
    );
}

#[test]
fn a_failing_statement_reports_the_line_and_the_server_message() {
    let t = fresh_database();
    let mut db = connect(&pg_url(&t), &ConnectOptions::default()).unwrap();
    let err = db
        .execute_script(
            "CREATE TABLE ok (x int);\n\n-- comment\nSELECT nope\n  FROM missing_table;\n",
        )
        .unwrap_err();
    match err {
        DbError::Statement(e) => {
            assert_eq!(e.line, Some(5), "{e:?}");
            assert!(
                e.message
                    .contains("relation \"missing_table\" does not exist"),
                "{e:?}"
            );
            assert_eq!(e.sqlstate.as_deref(), Some("42P01"));
        }
        other => panic!("{other:?}"),
    }
    // Positions count characters, not bytes.
    let err = db
        .execute_script("SELECT 'ünïcödé';\nSELECT 'é' +\n  ;")
        .unwrap_err();
    assert!(
        matches!(&err, DbError::Statement(e) if e.line == Some(3)),
        "{err:?}"
    );
}

#[test]
fn the_version_table_is_alembics_and_is_taken_over_as_is() {
    let t = fresh_database();
    // As Alembic creates and fills it, rows in an order that is not sorted.
    let mut client = t.client();
    client
        .batch_execute(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));\n\
             INSERT INTO alembic_version VALUES ('ffff00000001'), ('aaaa00000002');",
        )
        .unwrap();
    let mut db = connect(&pg_url(&t), &ConnectOptions::default()).unwrap();
    let table = VersionTable::new("alembic_version", None);
    assert_eq!(
        db.read_versions(&table).unwrap(),
        vec!["ffff00000001", "aaaa00000002"]
    );

    db.apply_version_op(
        &table,
        &VersionOp::Update {
            from: "aaaa00000002".into(),
            to: "bbbb00000003".into(),
        },
    )
    .unwrap();
    let err = db
        .apply_version_op(&table, &VersionOp::Delete("not_there".into()))
        .unwrap_err()
        .to_string();
    assert!(err.contains("expected to match one row"), "{err}");
    assert_eq!(
        db.read_versions(&table).unwrap(),
        vec!["ffff00000001", "bbbb00000003"]
    );

    // A table of our own making in a schema has Alembic's exact shape.
    db.execute_script("CREATE SCHEMA app").unwrap();
    let table = VersionTable::new("my_versions", Some("app"));
    assert!(db.read_versions(&table).unwrap().is_empty());
    db.create_version_table(&table).unwrap();
    db.apply_version_op(&table, &VersionOp::Insert("abc".into()))
        .unwrap();
    assert_eq!(db.read_versions(&table).unwrap(), vec!["abc"]);
    let shape = db
        .query_text(
            "SELECT c.column_name || ' ' || c.data_type || '(' || c.character_maximum_length || ') ' || c.is_nullable || ' ' || k.constraint_name \
             FROM information_schema.columns c JOIN information_schema.key_column_usage k USING (table_schema, table_name, column_name) \
             WHERE c.table_schema = 'app' AND c.table_name = 'my_versions'",
            &[],
        )
        .unwrap();
    assert_eq!(
        shape,
        vec![vec![Some(
            "version_num character varying(32) NO my_versions_pkc".to_string()
        )]]
    );
}

/// With no password given, libpq's password file supplies it: PGPASSFILE,
/// or `.pgpass` in HOME, private to its owner.
#[test]
fn the_password_file_supplies_a_missing_password() {
    use std::os::unix::fs::PermissionsExt;
    let t = fresh_database();
    let pw = t.password_user.clone().expect("throwaway cluster");
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join(".pgpass");
    std::fs::write(
        &file,
        format!("{}:{}:*:{}:{}\n", t.host, t.port, pw.user, pw.password),
    )
    .unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let url = pg(|u| {
        u.user = Some(pw.user.clone());
        u.hosts = vec![t.host.clone()];
        u.ports = vec![t.port];
        u.dbname = Some(t.dbname.clone());
    });
    let without = connect(&url, &ConnectOptions::default()).err().unwrap();
    assert!(without.to_string().contains("password"), "{without}");
    let home_var = |name: &str| (name == "HOME").then(|| home.path().display().to_string());
    connect(&url, &ConnectOptions::default().with_libpq_env(home_var)).unwrap();
    let elsewhere = tempfile::NamedTempFile::new().unwrap();
    std::fs::copy(&file, elsewhere.path()).unwrap();
    std::fs::set_permissions(elsewhere.path(), std::fs::Permissions::from_mode(0o600)).unwrap();
    let passfile_var =
        |name: &str| (name == "PGPASSFILE").then(|| elsewhere.path().display().to_string());
    connect(
        &url,
        &ConnectOptions::default().with_libpq_env(passfile_var),
    )
    .unwrap();
    // Readable by others: ignored, as libpq ignores it.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(connect(&url, &ConnectOptions::default().with_libpq_env(home_var)).is_err());
}
