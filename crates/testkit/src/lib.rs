//! Test support: a throwaway PostgreSQL cluster and a fresh database per test.
//!
//! ```no_run
//! let db = retort_testkit::fresh_database();
//! // db.url is "postgresql://postgres@127.0.0.1:PORT/retort_t_..."
//! ```
//!
//! The first call in a test process starts one cluster (initdb + pg_ctl in
//! a temp dir, on a free port, listening on 127.0.0.1 and on a socket
//! directory inside the temp dir), unless `RETORT_TEST_DATABASE_URL` names a
//! server to use instead. The cluster stops when the process exits, and a
//! watchdog stops it should the process die without exiting cleanly.
//! When no server can be had the test fails: retort's database code is only
//! tested against a real server, in CI (`CI=true`) and on a desk alike.

mod cluster;
mod external;
mod pgvector;
mod python;
mod tls;

pub use pgvector::{pgvector_database, pgvector_server};
pub use python::{python, PYTHON_VAR};

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

/// The environment variable naming a server to use instead of a throwaway cluster.
pub const DATABASE_URL_VAR: &str = "RETORT_TEST_DATABASE_URL";

/// A role that must give a password, for testing authentication failures.
#[derive(Debug, Clone)]
pub struct PasswordUser {
    pub user: String,
    pub password: String,
}

/// A running server and how to reach it as a superuser.
pub struct TestServer {
    pub host: String,
    pub port: u16,
    pub superuser: String,
    pub superuser_password: Option<String>,
    /// The directory holding the server's Unix socket (throwaway clusters only).
    pub socket_dir: Option<PathBuf>,
    /// A role with a password (throwaway clusters only).
    pub password_user: Option<PasswordUser>,
    /// Where the server log is (throwaway clusters only).
    pub log_file: Option<PathBuf>,
    /// The CA that signed the server's certificate (for `localhost`), when
    /// the server speaks TLS (throwaway clusters only).
    pub tls_root_cert: Option<PathBuf>,
    /// The directory of the server's own programs, `pg_dump` among them,
    /// which match its version (throwaway clusters only).
    pub bin_dir: Option<PathBuf>,
    admin: Mutex<Option<postgres::Client>>,
}

/// A database made for one test.
#[derive(Debug, Clone)]
pub struct TestDatabase {
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: Option<String>,
    pub dbname: String,
    pub socket_dir: Option<PathBuf>,
    pub password_user: Option<PasswordUser>,
    /// See [`TestServer::tls_root_cert`].
    pub tls_root_cert: Option<PathBuf>,
    /// `postgresql://user@127.0.0.1:PORT/dbname`, for CLI tests.
    pub url: String,
}

impl TestDatabase {
    /// The URL as another user, with an optional password.
    pub fn url_as(&self, user: &str, password: Option<&str>) -> String {
        url(&self.host, self.port, user, password, &self.dbname)
    }

    /// A superuser connection to this database, for setting up and checking.
    pub fn client(&self) -> postgres::Client {
        let mut config = postgres::Config::new();
        config
            .host(&self.host)
            .port(self.port)
            .user(&self.user)
            .dbname(&self.dbname);
        if let Some(password) = &self.password {
            config.password(password);
        }
        config
            .connect(postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot connect to test database {}: {e}", self.dbname))
    }
}

fn url(host: &str, port: u16, user: &str, password: Option<&str>, dbname: &str) -> String {
    let auth = match password {
        Some(pw) => format!("{}:{}", encode(user), encode(pw)),
        None => encode(user),
    };
    format!("postgresql://{auth}@{host}:{port}/{}", encode(dbname))
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The server for this test process, started on first use.
pub fn server() -> &'static TestServer {
    static SERVER: OnceLock<Result<TestServer, String>> = OnceLock::new();
    let result = SERVER.get_or_init(|| match std::env::var(DATABASE_URL_VAR) {
        Ok(url) if !url.is_empty() => external::connect(&url),
        _ => cluster::start(),
    });
    match result {
        Ok(server) => server,
        Err(why) => {
            let ci = std::env::var("CI").is_ok_and(|v| v == "true");
            panic!(
                "no PostgreSQL server for the tests{}: {why}\n\
                 Install PostgreSQL's server binaries (initdb, pg_ctl; e.g. apt-get install postgresql) \
                 or set {DATABASE_URL_VAR} to a server's URL.",
                if ci { " (CI=true: a missing server is a failure)" } else { "" }
            )
        }
    }
}

/// A PostgreSQL client program (`pg_dump`, `pg_restore`) from the
/// directory of the server binaries the throwaway clusters use.
pub fn client_program(name: &str) -> PathBuf {
    match cluster::find_bindir() {
        Ok(dir) => dir.join(name),
        Err(why) => panic!("no {name} for the tests: {why}"),
    }
}

/// A new, empty, uniquely named database.
pub fn fresh_database() -> TestDatabase {
    database_on(server())
}

/// A new, empty, uniquely named database on `server`.
pub fn database_on(server: &TestServer) -> TestDatabase {
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let dbname = format!("retort_t_{}_{n}_{nanos:x}", std::process::id());
    server.admin(&format!("CREATE DATABASE {dbname}"));
    TestDatabase {
        host: server.host.clone(),
        port: server.port,
        user: server.superuser.clone(),
        password: server.superuser_password.clone(),
        url: url(
            &server.host,
            server.port,
            &server.superuser,
            server.superuser_password.as_deref(),
            &dbname,
        ),
        dbname,
        socket_dir: server.socket_dir.clone(),
        password_user: server.password_user.clone(),
        tls_root_cert: server.tls_root_cert.clone(),
    }
}

impl TestServer {
    /// Runs SQL as the superuser on the `postgres` database.
    pub fn admin(&self, sql: &str) {
        let mut guard = self.admin.lock().unwrap_or_else(|e| e.into_inner());
        if !matches!(guard.as_ref(), Some(c) if !c.is_closed()) {
            *guard = Some(self.admin_client());
        }
        guard
            .as_mut()
            .expect("admin client")
            .batch_execute(sql)
            .unwrap_or_else(|e| panic!("test server refused {sql:?}: {e}"));
    }

    fn admin_client(&self) -> postgres::Client {
        let mut config = postgres::Config::new();
        config
            .host(&self.host)
            .port(self.port)
            .user(&self.superuser)
            .dbname("postgres");
        if let Some(password) = &self.superuser_password {
            config.password(password);
        }
        config
            .connect(postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot connect to the test server: {e}"))
    }
}
