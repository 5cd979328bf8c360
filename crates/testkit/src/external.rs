//! A server named by `RETORT_TEST_DATABASE_URL`, used as it is.

use crate::TestServer;
use std::sync::Mutex;

pub(crate) fn connect(url: &str) -> Result<TestServer, String> {
    let config: postgres::Config = url
        .parse()
        .map_err(|e| format!("cannot read {}: {e}", crate::DATABASE_URL_VAR))?;
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(host)) => host.clone(),
        Some(postgres::config::Host::Unix(path)) => path.display().to_string(),
        None => "127.0.0.1".to_string(),
    };
    let server = TestServer {
        host,
        port: config.get_ports().first().copied().unwrap_or(5432),
        superuser: config.get_user().unwrap_or("postgres").to_string(),
        superuser_password: config
            .get_password()
            .map(|p| String::from_utf8_lossy(p).into_owned()),
        socket_dir: None,
        password_user: None,
        log_file: None,
        tls_root_cert: None,
        bin_dir: None,
        admin: Mutex::new(None),
    };
    // Fail here, once, with a clear message rather than in every test.
    let mut probe = postgres::Config::new();
    probe
        .host(&server.host)
        .port(server.port)
        .user(&server.superuser)
        .dbname("postgres");
    if let Some(pw) = &server.superuser_password {
        probe.password(pw);
    }
    probe.connect(postgres::NoTls).map_err(|e| {
        format!(
            "cannot connect to the server {} names: {e}",
            crate::DATABASE_URL_VAR
        )
    })?;
    Ok(server)
}
