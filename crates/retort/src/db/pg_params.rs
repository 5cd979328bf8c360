//! How a PostgreSQL URL becomes connection parameters: the URL first, then
//! its query parameters, then the libpq environment (`PGHOST`, ...), then
//! libpq's defaults. Pure, so that every rule is tested without a server
//! and without touching the process environment.

use super::DbError;
use crate::url::keywords::{is_known_parameter, unknown_parameter_message};
use crate::url::PgUrl;
use std::collections::BTreeMap;
use std::net::IpAddr;
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
    "PGHOSTADDR",
    "PGSSLSNI",
    "PGTARGETSESSIONATTRS",
    "PGCHANNELBINDING",
    "PGLOADBALANCEHOSTS",
    "PGGSSENCMODE",
    // Where libpq looks for `.pgpass` when PGPASSFILE is not set.
    "HOME",
];

/// How long a connection attempt to one host may take, start to first
/// round trip, when neither `connect_timeout` nor `PGCONNECT_TIMEOUT` says:
/// libpq waits forever, which in a container on a broken network means a
/// deploy that hangs instead of failing. Thirty seconds is long past any
/// healthy start-up (a TCP connect, a TLS handshake, a SCRAM exchange: a
/// few round trips) even across continents or on a busy server, and short
/// enough that an orchestrator sees the failure and restarts or reports.
/// `connect_timeout=0` still waits forever, as in libpq.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

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
    fn parse(text: &str) -> Option<SslMode> {
        Some(match text {
            "disable" => SslMode::Disable,
            "allow" => SslMode::Allow,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            _ => return None,
        })
    }
}

/// TCP keepalives, with libpq's meaning: on unless `keepalives=0`; an
/// unset (or zero) idle time, interval or count keeps the system's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keepalives {
    pub enabled: bool,
    /// `keepalives_idle`: quiet time before the first probe.
    pub idle: Option<Duration>,
    /// `keepalives_interval`: time between probes.
    pub interval: Option<Duration>,
    /// `keepalives_count`: probes lost before the connection is dead.
    pub count: Option<u32>,
}

impl Default for Keepalives {
    fn default() -> Self {
        Keepalives {
            enabled: true,
            idle: None,
            interval: None,
            count: None,
        }
    }
}

/// `target_session_attrs`: which server of a host list will do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TargetSession {
    #[default]
    Any,
    ReadWrite,
    ReadOnly,
}

/// `channel_binding`: whether SCRAM must bind to the TLS channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChannelBinding {
    Disable,
    #[default]
    Prefer,
    Require,
}

/// Everything needed to open a connection. `Debug` leaves the password out.
#[derive(Clone, PartialEq, Eq)]
pub struct PgParams {
    /// Host names, IP addresses or socket directories (starting with `/`).
    pub hosts: Vec<String>,
    /// `hostaddr` given beside `host`: the address to connect to for each
    /// host, whose name is then used only for TLS and the password file.
    /// Empty otherwise.
    pub hostaddrs: Vec<IpAddr>,
    pub ports: Vec<u16>,
    pub user: String,
    pub password: Option<String>,
    pub dbname: String,
    pub sslmode: SslMode,
    pub sslrootcert: Option<PathBuf>,
    pub sslcert: Option<PathBuf>,
    pub sslkey: Option<PathBuf>,
    /// `sslsni`: send the host name in the TLS handshake (on by default).
    pub sslsni: bool,
    pub application_name: Option<String>,
    /// The bound on each host's start-up, from the TCP connect to the
    /// first round trip; [`DEFAULT_CONNECT_TIMEOUT`] unless set. None:
    /// wait forever (`connect_timeout=0`).
    pub connect_timeout: Option<Duration>,
    pub options: Option<String>,
    pub keepalives: Keepalives,
    /// `tcp_user_timeout`: how long sent data may stay unacknowledged
    /// before the connection is dropped (Linux). None: the system's.
    pub tcp_user_timeout: Option<Duration>,
    pub target_session: TargetSession,
    pub channel_binding: ChannelBinding,
    /// `load_balance_hosts=random`: try the hosts in a random order.
    pub load_balance_random: bool,
}

impl std::fmt::Debug for PgParams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

/// A setting's value and the words that name where it came from.
struct Setting {
    value: String,
    /// `sslmode`, `PGSSLMODE`.
    label: String,
    /// ` in the database URL`, or nothing for an environment variable.
    origin: String,
}

impl Setting {
    fn invalid(&self, expected: &str) -> DbError {
        DbError::InvalidSetting(crate::tr!(
            "run-setting-invalid",
            label = &self.label,
            value = &self.value,
            origin = &self.origin,
            expected = expected
        ))
    }

    /// libpq's integer settings: whole numbers, signs allowed.
    fn integer(&self, expected: &str) -> Result<i64, DbError> {
        self.value
            .trim()
            .parse::<i32>()
            .map(i64::from)
            .map_err(|_| self.invalid(expected))
    }

    /// A boolean written as libpq's integers are: 0 is off, any other number on.
    fn flag(&self) -> Result<bool, DbError> {
        Ok(self.integer(&crate::tr!("run-setting-expected-flag"))? != 0)
    }

    /// A positive number of `unit`s; zero or less means "the default".
    fn duration(&self, unit: Duration, expected: &str) -> Result<Option<Duration>, DbError> {
        let n = self.integer(expected)?;
        Ok((n > 0).then(|| unit * n as u32))
    }

    fn choice<T: Copy>(&self, choices: &[(&str, T)]) -> Result<T, DbError> {
        choices
            .iter()
            .find(|(name, _)| *name == self.value)
            .map(|(_, v)| *v)
            .ok_or_else(|| {
                let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
                self.invalid(&crate::tr!("run-setting-expected-one-of", names = names.join(", ")))
            })
    }
}

impl PgParams {
    /// `env` holds the libpq variables the caller read; `os_user` is the
    /// fallback user name, as libpq's. Every setting that cannot be used
    /// is [`DbError::InvalidSetting`], naming the setting.
    pub fn resolve(
        url: &PgUrl,
        env: &BTreeMap<String, String>,
        os_user: Option<&str>,
    ) -> Result<PgParams, DbError> {
        let written_as = url.written_as();
        let env_var = |name: &str| env.get(name).filter(|v| !v.is_empty()).cloned();
        let mut query: BTreeMap<&str, &str> = BTreeMap::new();
        for (key, value) in &url.params {
            if !is_known_parameter(key) {
                return Err(DbError::InvalidSetting(unknown_parameter_message(
                    key, &written_as,
                )));
            }
            query.insert(key.as_str(), value.as_str());
        }
        let param = |name: &str| query.get(name).map(|v| v.to_string());
        // The query parameter, else the environment variable.
        let setting = |name: &str, env_name: Option<&str>| -> Option<Setting> {
            if let Some(value) = query.get(name) {
                return Some(Setting {
                    value: value.to_string(),
                    label: name.to_string(),
                    origin: crate::tr!("run-setting-origin", written_as = &written_as),
                });
            }
            let env_name = env_name?;
            env_var(env_name).map(|value| Setting {
                value,
                label: env_name.to_string(),
                origin: String::new(),
            })
        };
        let list = |text: &str| -> Vec<String> {
            text.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };

        let ports: Vec<u16> = if !url.ports.is_empty() {
            url.ports.clone()
        } else if let Some(port) = setting("port", Some("PGPORT")) {
            let ports = list(&port.value)
                .iter()
                .map(|p| p.parse::<u16>().ok().filter(|p| *p != 0))
                .collect::<Option<Vec<u16>>>()
                .ok_or_else(|| port.invalid(&crate::tr!("run-setting-expected-port")))?;
            if ports.is_empty() {
                vec![5432]
            } else {
                ports
            }
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
                .or_else(|| env_var("PGHOST"))
                .map(|h| list(&h))
                .unwrap_or_default();
        }
        let mut hostaddrs: Vec<IpAddr> = Vec::new();
        if let Some(addrs) = setting("hostaddr", Some("PGHOSTADDR")) {
            let parsed = list(&addrs.value)
                .iter()
                .map(|a| a.parse::<IpAddr>().ok())
                .collect::<Option<Vec<IpAddr>>>()
                .ok_or_else(|| addrs.invalid(&crate::tr!("run-setting-expected-ip-addresses")))?;
            if hosts.is_empty() {
                // Only addresses: they are the hosts.
                hosts = parsed.iter().map(IpAddr::to_string).collect();
            } else if parsed.len() != hosts.len() {
                return Err(DbError::InvalidSetting(crate::tr!(
                    "run-setting-hostaddr-count",
                    written_as = &written_as,
                    hosts = hosts.len(),
                    addresses = parsed.len()
                )));
            } else {
                hostaddrs = parsed;
            }
        }
        if hosts.is_empty() {
            hosts.push(default_host(ports[0]));
        }
        if ports.len() > 1 && ports.len() != hosts.len() {
            return Err(DbError::InvalidSetting(crate::tr!(
                "run-setting-port-count",
                written_as = &written_as,
                hosts = hosts.len(),
                ports = ports.len()
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
                DbError::InvalidSetting(crate::tr!("run-setting-no-user", written_as = &written_as))
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
        let sslmode = match setting("sslmode", Some("PGSSLMODE")) {
            Some(mode) => SslMode::parse(&mode.value).ok_or_else(|| {
                mode.invalid(&crate::tr!("run-setting-expected-sslmode"))
            })?,
            None => SslMode::Prefer,
        };
        let sslsni = match setting("sslsni", Some("PGSSLSNI")) {
            Some(sni) => sni.flag()?,
            None => true,
        };
        let path = |name: &str, env_name: &str| {
            param(name).or_else(|| env_var(env_name)).map(PathBuf::from)
        };
        let connect_timeout = match setting("connect_timeout", Some("PGCONNECT_TIMEOUT")) {
            Some(timeout) => {
                let secs = timeout.integer(&crate::tr!("run-setting-expected-seconds"))?;
                // libpq: zero or less waits forever; two seconds is the least it waits.
                (secs > 0).then(|| Duration::from_secs(secs.max(2) as u64))
            }
            None => Some(DEFAULT_CONNECT_TIMEOUT),
        };

        let mut keepalives = Keepalives::default();
        if let Some(on) = setting("keepalives", None) {
            keepalives.enabled = on.flag()?;
        }
        let seconds = Duration::from_secs(1);
        if let Some(idle) = setting("keepalives_idle", None) {
            keepalives.idle = idle.duration(seconds, &crate::tr!("run-setting-expected-seconds"))?;
        }
        if let Some(interval) = setting("keepalives_interval", None) {
            keepalives.interval = interval.duration(seconds, &crate::tr!("run-setting-expected-seconds"))?;
        }
        if let Some(count) = setting("keepalives_count", None) {
            let n = count.integer(&crate::tr!("run-setting-expected-probes"))?;
            keepalives.count = (n > 0).then_some(n as u32);
        }
        let tcp_user_timeout = match setting("tcp_user_timeout", None) {
            Some(timeout) => {
                let value =
                    timeout.duration(
                    Duration::from_millis(1),
                    &crate::tr!("run-setting-expected-milliseconds"),
                )?;
                if value.is_some() && !cfg!(target_os = "linux") {
                    return Err(DbError::InvalidSetting(crate::tr!(
                        "run-setting-no-tcp-user-timeout",
                        label = &timeout.label,
                        origin = &timeout.origin
                    )));
                }
                value
            }
            None => None,
        };
        let target_session = match setting("target_session_attrs", Some("PGTARGETSESSIONATTRS")) {
            Some(attrs) => attrs.choice(&[
                ("any", TargetSession::Any),
                ("read-write", TargetSession::ReadWrite),
                ("read-only", TargetSession::ReadOnly),
            ])?,
            None => TargetSession::Any,
        };
        let channel_binding = match setting("channel_binding", Some("PGCHANNELBINDING")) {
            Some(binding) => binding.choice(&[
                ("disable", ChannelBinding::Disable),
                ("prefer", ChannelBinding::Prefer),
                ("require", ChannelBinding::Require),
            ])?,
            None => ChannelBinding::Prefer,
        };
        let load_balance_random = match setting("load_balance_hosts", Some("PGLOADBALANCEHOSTS")) {
            Some(balance) => balance.choice(&[("disable", false), ("random", true)])?,
            None => false,
        };
        // The connection always speaks UTF-8; asking for that is fine,
        // asking for anything else cannot be honoured.
        // PGCLIENTENCODING is left alone: it is set for terminals, and
        // retort's files are UTF-8 whatever the terminal's encoding.
        if let Some(encoding) = setting("client_encoding", None) {
            let normalized = encoding.value.to_ascii_lowercase().replace(['-', '_'], "");
            if !matches!(normalized.as_str(), "utf8" | "unicode" | "auto") {
                return Err(encoding.invalid(&crate::tr!("run-setting-always-utf8")));
            }
        }
        // Built without GSSAPI, as a libpq without it: `prefer` means no
        // GSS encryption, `require` cannot be met.
        if let Some(gss) = setting("gssencmode", Some("PGGSSENCMODE")) {
            gss.choice(&[("disable", ()), ("prefer", ())])
                .map_err(|_| {
                    gss.invalid(&crate::tr!("run-setting-no-gssapi"))
                })?;
        }
        let application_name = param("application_name")
            .or_else(|| env_var("PGAPPNAME"))
            .or_else(|| param("fallback_application_name"));

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
            hostaddrs,
            ports,
            user,
            password,
            dbname,
            sslmode,
            sslrootcert: path("sslrootcert", "PGSSLROOTCERT"),
            sslcert: path("sslcert", "PGSSLCERT"),
            sslkey: path("sslkey", "PGSSLKEY"),
            sslsni,
            application_name,
            connect_timeout,
            options: param("options").or_else(|| env_var("PGOPTIONS")),
            keepalives,
            tcp_user_timeout,
            target_session,
            channel_binding,
            load_balance_random,
        })
    }

    /// The port for the `i`th host: its own, else the single one given.
    pub fn port_of(&self, i: usize) -> u16 {
        self.ports
            .get(i)
            .or(self.ports.first())
            .copied()
            .unwrap_or(5432)
    }

    /// Where we connect, for messages: hosts, ports, user and database,
    /// never the password.
    pub fn describe(&self) -> String {
        let places: Vec<String> = (0..self.hosts.len()).map(|i| self.place(i)).collect();
        crate::tr!(
            "run-postgres-target",
            places = places.join(","),
            user = &self.user,
            dbname = &self.dbname
        )
    }

    /// `user@host:port/db`, for one-line messages; never the password.
    pub fn short_target(&self) -> String {
        let places: Vec<String> = (0..self.hosts.len()).map(|i| self.place(i)).collect();
        format!("{}@{}/{}", self.user, places.join(","), self.dbname)
    }

    /// The `i`th host and its port, as messages show it.
    pub fn place(&self, i: usize) -> String {
        let host = &self.hosts[i];
        let port = self.port_of(i);
        if host.starts_with('/') {
            format!("{host}/.s.PGSQL.{port}")
        } else if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        }
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
