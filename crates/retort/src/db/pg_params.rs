//! How a PostgreSQL URL becomes connection parameters: the URL first, then
//! its query parameters, then the libpq environment (`PGHOST`, ...), then
//! libpq's defaults. Pure, so that every rule is tested without a server
//! and without touching the process environment.

use super::DbError;
use crate::url::PgUrl;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The libpq environment variables retort honours.
pub const LIBPQ_ENV_VARS: &[&str] = &[
    "PGHOST",
    "PGPORT",
    "PGUSER",
    "PGPASSWORD",
    "PGDATABASE",
    "PGSSLMODE",
    "PGSSLROOTCERT",
    "PGSSLCERT",
    "PGSSLKEY",
    "PGAPPNAME",
    "PGCONNECT_TIMEOUT",
    "PGOPTIONS",
    "PGPASSFILE",
    // Where libpq looks for `.pgpass` when PGPASSFILE is not set.
    "HOME",
];

/// Query parameters libpq knows that retort accepts without acting on them.
const IGNORED_PARAMS: &[&str] = &[
    "client_encoding",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_count",
    "tcp_user_timeout",
    "gssencmode",
    "krbsrvname",
    "sslcompression",
    "sslsni",
    "channel_binding",
    "target_session_attrs",
    "load_balance_hosts",
    "passfile",
    "fallback_application_name",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SslMode {
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    fn parse(text: &str) -> Result<SslMode, DbError> {
        Ok(match text {
            "disable" => SslMode::Disable,
            "allow" => SslMode::Allow,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            other => {
                return Err(DbError::Message(format!(
                    "invalid sslmode \"{other}\": expected disable, allow, prefer, require, verify-ca or verify-full"
                )))
            }
        })
    }
}

/// Everything needed to open a connection. `Debug` leaves the password out.
#[derive(Clone, PartialEq, Eq)]
pub struct PgParams {
    /// Host names, IP addresses or socket directories (starting with `/`).
    pub hosts: Vec<String>,
    pub ports: Vec<u16>,
    pub user: String,
    pub password: Option<String>,
    pub dbname: String,
    pub sslmode: SslMode,
    pub sslrootcert: Option<PathBuf>,
    pub sslcert: Option<PathBuf>,
    pub sslkey: Option<PathBuf>,
    pub application_name: Option<String>,
    pub connect_timeout: Option<Duration>,
    pub options: Option<String>,
}

impl std::fmt::Debug for PgParams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl PgParams {
    /// `env` holds the libpq variables the caller read; `os_user` is the
    /// fallback user name, as libpq's.
    pub fn resolve(
        url: &PgUrl,
        env: &BTreeMap<String, String>,
        os_user: Option<&str>,
    ) -> Result<PgParams, DbError> {
        let env_var = |name: &str| env.get(name).filter(|v| !v.is_empty()).cloned();
        let mut query: BTreeMap<&str, &str> = BTreeMap::new();
        for (key, value) in &url.params {
            match key.as_str() {
                "host" | "hostaddr" | "port" | "user" | "password" | "dbname" | "sslmode"
                | "sslrootcert" | "sslcert" | "sslkey" | "application_name" | "connect_timeout"
                | "options" | "passfile" => {
                    query.insert(key.as_str(), value.as_str());
                }
                k if IGNORED_PARAMS.contains(&k) => {}
                other => {
                    return Err(DbError::Message(format!(
                        "unknown PostgreSQL connection parameter \"{other}\" in the database URL"
                    )))
                }
            }
        }
        let param = |name: &str| query.get(name).map(|v| v.to_string());
        let list = |text: String| -> Vec<String> {
            text.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };

        let ports: Vec<u16> = if !url.ports.is_empty() {
            url.ports.clone()
        } else if let Some(text) = param("port").or_else(|| env_var("PGPORT")) {
            list(text)
                .iter()
                .map(|p| {
                    p.parse::<u16>()
                        .map_err(|_| DbError::Message(format!("invalid port \"{p}\"")))
                })
                .collect::<Result<_, _>>()?
        } else {
            vec![5432]
        };

        let mut hosts: Vec<String> = url
            .hosts
            .iter()
            .filter(|h| !h.is_empty())
            .cloned()
            .collect();
        if hosts.is_empty() {
            hosts = param("host")
                .or_else(|| param("hostaddr"))
                .or_else(|| env_var("PGHOST"))
                .map(list)
                .unwrap_or_default();
        }
        if hosts.is_empty() {
            hosts.push(default_host(ports[0]));
        }
        if ports.len() > 1 && ports.len() != hosts.len() {
            return Err(DbError::Message(format!(
                "the database URL names {} hosts but {} ports",
                hosts.len(),
                ports.len()
            )));
        }

        let user = url
            .user
            .clone()
            .filter(|u| !u.is_empty())
            .or_else(|| param("user"))
            .or_else(|| env_var("PGUSER"))
            .or_else(|| os_user.map(str::to_string))
            .ok_or_else(|| {
                DbError::Message("no PostgreSQL user: put one in the URL or set PGUSER".into())
            })?;
        let password = url
            .password()
            .map(str::to_string)
            .or_else(|| param("password"))
            .or_else(|| env_var("PGPASSWORD"));
        let dbname = url
            .dbname
            .clone()
            .filter(|d| !d.is_empty())
            .or_else(|| param("dbname"))
            .or_else(|| env_var("PGDATABASE"))
            .unwrap_or_else(|| user.clone());
        let sslmode = match param("sslmode").or_else(|| env_var("PGSSLMODE")) {
            Some(text) => SslMode::parse(&text)?,
            None => SslMode::Prefer,
        };
        let path = |name: &str, env_name: &str| {
            param(name).or_else(|| env_var(env_name)).map(PathBuf::from)
        };
        let connect_timeout =
            match param("connect_timeout").or_else(|| env_var("PGCONNECT_TIMEOUT")) {
                Some(text) => {
                    let secs: u64 = text.trim().parse().map_err(|_| {
                        DbError::Message(format!(
                            "invalid connect_timeout \"{text}\": expected whole seconds"
                        ))
                    })?;
                    // libpq: zero or less means wait forever; one second is the least it waits.
                    (secs > 0).then(|| Duration::from_secs(secs.max(2)))
                }
                None => None,
            };
        // Last, as libpq: the password file, for the first host.
        let password = password.or_else(|| {
            let file = param("passfile")
                .or_else(|| env_var("PGPASSFILE"))
                .map(PathBuf::from)
                .or_else(|| env_var("HOME").map(|home| Path::new(&home).join(".pgpass")))?;
            let port = ports.first().copied().unwrap_or(5432);
            super::pgpass::lookup(&file, &hosts[0], port, &dbname, &user)
        });
        Ok(PgParams {
            hosts,
            ports,
            user,
            password,
            dbname,
            sslmode,
            sslrootcert: path("sslrootcert", "PGSSLROOTCERT"),
            sslcert: path("sslcert", "PGSSLCERT"),
            sslkey: path("sslkey", "PGSSLKEY"),
            application_name: param("application_name").or_else(|| env_var("PGAPPNAME")),
            connect_timeout,
            options: param("options").or_else(|| env_var("PGOPTIONS")),
        })
    }

    /// Where we connect, for messages: hosts, ports, user and database,
    /// never the password.
    pub fn describe(&self) -> String {
        let places: Vec<String> = self
            .hosts
            .iter()
            .enumerate()
            .map(|(i, host)| {
                let port = self
                    .ports
                    .get(i)
                    .or(self.ports.first())
                    .copied()
                    .unwrap_or(5432);
                if host.starts_with('/') {
                    format!("{host}/.s.PGSQL.{port}")
                } else {
                    format!("{host}:{port}")
                }
            })
            .collect();
        format!(
            "PostgreSQL at {} as user \"{}\", database \"{}\"",
            places.join(","),
            self.user,
            self.dbname
        )
    }
}

/// libpq's default is a Unix socket in the directory it was built with;
/// look where Debian's and upstream's builds put it, else use TCP.
fn default_host(port: u16) -> String {
    for dir in ["/run/postgresql", "/var/run/postgresql", "/tmp"] {
        if Path::new(dir).join(format!(".s.PGSQL.{port}")).exists() {
            return dir.to_string();
        }
    }
    "localhost".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(
        user: Option<&str>,
        password: Option<&str>,
        hosts: &[&str],
        ports: &[u16],
        db: Option<&str>,
    ) -> PgUrl {
        let mut u = PgUrl::default();
        u.user = user.map(str::to_string);
        u.set_password(password.map(str::to_string));
        u.hosts = hosts.iter().map(|h| h.to_string()).collect();
        u.ports = ports.to_vec();
        u.dbname = db.map(str::to_string);
        u
    }

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_url_wins_over_the_environment() {
        let p = PgParams::resolve(
            &url(
                Some("alice"),
                Some("s3cret"),
                &["db1"],
                &[6543],
                Some("app"),
            ),
            &env(&[
                ("PGHOST", "other"),
                ("PGUSER", "bob"),
                ("PGPASSWORD", "x"),
                ("PGDATABASE", "y"),
                ("PGPORT", "1"),
            ]),
            Some("os"),
        )
        .unwrap();
        assert_eq!(
            (p.hosts, p.ports, p.user.as_str(), p.dbname.as_str()),
            (vec!["db1".to_string()], vec![6543], "alice", "app")
        );
        assert_eq!(p.password.as_deref(), Some("s3cret"));
        assert_eq!(p.sslmode, SslMode::Prefer);
    }

    #[test]
    fn the_environment_fills_what_the_url_leaves_out() {
        let p = PgParams::resolve(
            &url(None, None, &[], &[], None),
            &env(&[
                ("PGHOST", "h1,h2"),
                ("PGPORT", "5433"),
                ("PGUSER", "bob"),
                ("PGPASSWORD", "pw"),
                ("PGSSLMODE", "require"),
            ]),
            Some("os"),
        )
        .unwrap();
        assert_eq!(p.hosts, vec!["h1", "h2"]);
        assert_eq!(p.ports, vec![5433]);
        assert_eq!(p.user, "bob");
        assert_eq!(
            p.dbname, "bob",
            "libpq's database defaults to the user name"
        );
        assert_eq!(p.password.as_deref(), Some("pw"));
        assert_eq!(p.sslmode, SslMode::Require);
    }

    #[test]
    fn query_parameters_and_socket_directories() {
        let mut u = url(None, None, &[], &[], Some("app"));
        u.params = vec![
            ("host".into(), "/run/postgresql".into()),
            ("sslmode".into(), "verify-full".into()),
            ("sslrootcert".into(), "/etc/ca.pem".into()),
            ("application_name".into(), "deploy".into()),
            ("connect_timeout".into(), "7".into()),
        ];
        let p = PgParams::resolve(&u, &env(&[]), Some("os")).unwrap();
        assert_eq!(p.hosts, vec!["/run/postgresql"]);
        assert_eq!(p.user, "os");
        assert_eq!(p.sslmode, SslMode::VerifyFull);
        assert_eq!(p.sslrootcert.as_deref(), Some(Path::new("/etc/ca.pem")));
        assert_eq!(p.application_name.as_deref(), Some("deploy"));
        assert_eq!(p.connect_timeout, Some(Duration::from_secs(7)));
        assert_eq!(
            p.describe(),
            "PostgreSQL at /run/postgresql/.s.PGSQL.5432 as user \"os\", database \"app\""
        );
    }

    #[test]
    fn bad_parameters_are_refused_without_echoing_values() {
        let mut u = url(Some("a"), Some("hunter2"), &["h"], &[], None);
        u.params = vec![("sslmode".into(), "sometimes".into())];
        let err = PgParams::resolve(&u, &env(&[]), None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("invalid sslmode"), "{err}");
        u.params = vec![("frobnicate".into(), "1".into())];
        let err = PgParams::resolve(&u, &env(&[]), None)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("frobnicate") && !err.contains("hunter2"),
            "{err}"
        );
        let p = PgParams::resolve(
            &url(Some("a"), Some("hunter2"), &["h"], &[], None),
            &env(&[]),
            None,
        )
        .unwrap();
        assert!(!format!("{p:?}").contains("hunter2"));
    }
}
