//! Database URLs in libpq / SQLAlchemy style, parsed into a typed value.
//!
//! Accepted: `postgresql://`, `postgres://`, `postgresql+DRIVER://` (the
//! driver part is ignored), `sqlite:///relative.db`, `sqlite:////abs.db`,
//! `sqlite://` (in memory). The password never leaves this type unredacted
//! except through [`PgUrl::password`], for the connector.

use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum UrlError {
    /// The message never contains the password.
    #[error("invalid database URL {redacted}: {reason}")]
    Invalid { redacted: String, reason: String },
}

/// Which SQL dialect a database speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Postgres,
    Sqlite,
}

#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Postgres(PgUrl),
    Sqlite(SqliteTarget),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqliteTarget {
    Memory,
    File(PathBuf),
}

/// A PostgreSQL URL's parts. Parts the URL leaves out stay `None`; the
/// connector fills them from the libpq environment (`PGHOST`, ...).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct PgUrl {
    pub user: Option<String>,
    password: Option<String>,
    /// Host names or socket directories, several for failover (`h1,h2`).
    pub hosts: Vec<String>,
    pub ports: Vec<u16>,
    pub dbname: Option<String>,
    /// Query parameters (`sslmode`, `sslrootcert`, `host`, `application_name`...), in order.
    pub params: Vec<(String, String)>,
}

impl PgUrl {
    pub fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }
    pub fn set_password(&mut self, password: Option<String>) {
        self.password = password;
    }
}

impl DatabaseUrl {
    pub fn dialect(&self) -> Dialect {
        match self {
            DatabaseUrl::Postgres(_) => Dialect::Postgres,
            DatabaseUrl::Sqlite(_) => Dialect::Sqlite,
        }
    }
}

impl DatabaseUrl {
    /// Parses any URL form CONTRACT.md lists.
    pub fn parse(text: &str) -> Result<Self, UrlError> {
        let _ = text;
        todo!("url parsing")
    }

    /// The URL with its password replaced by `***`: the only form that may be printed.
    pub fn redacted(&self) -> String {
        todo!("url redaction")
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl std::fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl std::fmt::Debug for PgUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&DatabaseUrl::Postgres(self.clone()).redacted())
    }
}
