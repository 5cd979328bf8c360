//! A PostgreSQL backup: the machine's own `pg_dump`, in its custom format
//! (`-Fc`, for `pg_restore`), after checking that it is at least as new as
//! the server (an older `pg_dump` refuses a newer server, or worse,
//! dumps what it does not understand).
//!
//! The connection goes to the child only through libpq's environment
//! variables, built from the settings retort itself connects with (host
//! list, port, user, database, sslmode and certificates, options...): the
//! password is never on a command line (which `ps` shows every user), and
//! any text the child prints is scrubbed of it before it is shown.

use crate::db::pg_params::{ChannelBinding, PgParams, SslMode, TargetSession, LIBPQ_ENV_VARS};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;
use wait_timeout::ChildExt;

/// How long `pg_dump --version` may take: it prints one line.
const VERSION_TIMEOUT: Duration = Duration::from_secs(30);

/// How long the dump waits for a table another session has locked before
/// it gives up (`--lock-wait-timeout`), rather than wait forever.
pub const LOCK_WAIT_TIMEOUT: Duration = Duration::from_secs(60);

/// Variables the child must not inherit: they would pick another server,
/// service or password than the one retort resolved.
const MORE_LIBPQ_VARS: &[&str] = &["PGSERVICE", "PGSERVICEFILE", "PGREQUIRESSL", "PGSSLCRL"];

/// The program's version as PostgreSQL numbers them (`150004` for 15.4,
/// `90624` for 9.6.24), from `pg_dump --version`'s line
/// (`pg_dump (PostgreSQL) 15.4 (Debian 15.4-1)`).
pub fn parse_version(text: &str) -> Option<u32> {
    let line = text.lines().next()?;
    let after = line.split_once(')').map_or(line, |(_, rest)| rest);
    let word = after.split_whitespace().next()?;
    let digits: String = word
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let mut parts = digits.split('.').map(|p| p.parse::<u32>().ok());
    let major = parts.next()??;
    let minor = parts.next().flatten().unwrap_or(0);
    if major >= 10 {
        Some(major * 10000 + minor)
    } else {
        let patch = parts.next().flatten().unwrap_or(0);
        Some(major * 10000 + minor * 100 + patch)
    }
}

/// The major version of a version number, as a number that orders
/// majors across the 9.6 → 10 change of scheme (15 → 1500, 9.6 → 906),
/// and as PostgreSQL writes it.
fn major(num: u32) -> (u32, String) {
    if num >= 100000 {
        (num / 10000 * 100, format!("{}", num / 10000))
    } else {
        (num / 100, format!("{}.{}", num / 10000, num / 100 % 100))
    }
}

/// Refuses a `pg_dump` older than the server's major version, or one that
/// cannot be run.
pub fn check_version(program: &Path, server_version_num: u32) -> Result<(), String> {
    let mut child = Command::new(program)
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| cannot_run(program, &e, server_version_num))?;
    let status = match child.wait_timeout(VERSION_TIMEOUT) {
        Ok(Some(status)) => status,
        Ok(None) | Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(crate::tr!(
                "run-pg-dump-version-no-answer",
                program = program,
                seconds = VERSION_TIMEOUT.as_secs()
            ));
        }
    };
    let mut out = String::new();
    if let Some(mut stdout) = child.stdout.take() {
        let _ = std::io::Read::read_to_string(&mut stdout, &mut out);
    }
    let version = status
        .success()
        .then(|| parse_version(&out))
        .flatten()
        .ok_or_else(|| {
            crate::tr!(
                "run-pg-dump-version-unreadable",
                program = program,
                status = status.to_string(),
                output = format!("{:?}", out.trim())
            )
        })?;
    let (dump_major, dump_name) = major(version);
    let (server_major, server_name) = major(server_version_num);
    if dump_major < server_major {
        return Err(crate::tr!(
            "run-pg-dump-too-old",
            program = program,
            dump_version = dump_name,
            server_version = server_name
        ));
    }
    Ok(())
}

fn cannot_run(program: &Path, error: &std::io::Error, server_version_num: u32) -> String {
    let (_, server_name) = major(server_version_num);
    if error.kind() == std::io::ErrorKind::NotFound {
        crate::tr!(
            "run-pg-dump-not-found-install",
            program = program,
            server_version = server_name
        )
    } else {
        crate::tr!(
            "run-cannot-run-program",
            program = program,
            reason = error.to_string()
        )
    }
}

/// Dumps the database `params` reach into `out`, in the custom format.
pub fn dump(program: &Path, params: &PgParams, out: &Path) -> Result<(), String> {
    let mut command = Command::new(program);
    command
        .arg("--format=custom")
        .arg("--no-password")
        .arg(format!("--lock-wait-timeout={}s", LOCK_WAIT_TIMEOUT.as_secs()))
        .arg("--file")
        .arg(out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for name in LIBPQ_ENV_VARS.iter().chain(MORE_LIBPQ_VARS) {
        if *name != "HOME" {
            command.env_remove(name);
        }
    }
    command.envs(child_env(params));
    let output = command.output().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            crate::tr!("run-pg-dump-not-found", program = program)
        } else {
            crate::tr!(
                "run-cannot-run-program",
                program = program,
                reason = e.to_string()
            )
        }
    })?;
    if output.status.success() {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&output.stderr);
    Err(redact(
        &crate::tr!(
            "run-pg-dump-failed",
            target = params.short_target(),
            status = output.status.to_string(),
            output = said.trim()
        ),
        params.password.as_deref(),
    ))
}

/// The child's libpq environment: what retort connects with, password
/// included (the environment is the one place libpq reads it from that
/// no other user can see), and a password file only where retort found none.
pub fn child_env(params: &PgParams) -> Vec<(String, String)> {
    let mut env = vec![
        ("PGHOST".to_string(), params.hosts.join(",")),
        (
            "PGPORT".to_string(),
            params
                .ports
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(","),
        ),
        ("PGUSER".to_string(), params.user.clone()),
        ("PGDATABASE".to_string(), params.dbname.clone()),
        ("PGSSLMODE".to_string(), sslmode(params.sslmode).to_string()),
        // retort speaks no GSSAPI; nor should its dump.
        ("PGGSSENCMODE".to_string(), "disable".to_string()),
        (
            "PGAPPNAME".to_string(),
            params
                .application_name
                .clone()
                .unwrap_or_else(|| "retort backup".to_string()),
        ),
        (
            "PGCONNECT_TIMEOUT".to_string(),
            // libpq's 0 waits forever, as retort's None does.
            params
                .connect_timeout
                .map_or(0, |t| t.as_secs().max(2))
                .to_string(),
        ),
    ];
    if !params.hostaddrs.is_empty() {
        let addrs: Vec<String> = params.hostaddrs.iter().map(|a| a.to_string()).collect();
        env.push(("PGHOSTADDR".to_string(), addrs.join(",")));
    }
    let paths = [
        ("PGSSLROOTCERT", &params.sslrootcert),
        ("PGSSLCERT", &params.sslcert),
        ("PGSSLKEY", &params.sslkey),
    ];
    for (name, path) in paths {
        if let Some(path) = path {
            env.push((name.to_string(), path.display().to_string()));
        }
    }
    if !params.sslsni {
        env.push(("PGSSLSNI".to_string(), "0".to_string()));
    }
    if let Some(options) = &params.options {
        env.push(("PGOPTIONS".to_string(), options.clone()));
    }
    match params.target_session {
        TargetSession::Any => {}
        TargetSession::ReadWrite => env.push(("PGTARGETSESSIONATTRS".into(), "read-write".into())),
        TargetSession::ReadOnly => env.push(("PGTARGETSESSIONATTRS".into(), "read-only".into())),
    }
    match params.channel_binding {
        ChannelBinding::Prefer => {}
        ChannelBinding::Disable => env.push(("PGCHANNELBINDING".into(), "disable".into())),
        ChannelBinding::Require => env.push(("PGCHANNELBINDING".into(), "require".into())),
    }
    if params.load_balance_random {
        env.push(("PGLOADBALANCEHOSTS".into(), "random".into()));
    }
    match &params.password {
        Some(password) => env.push(("PGPASSWORD".to_string(), password.clone())),
        // No password: none must be found elsewhere either.
        None => env.push(("PGPASSFILE".to_string(), "/dev/null".to_string())),
    }
    env
}

fn sslmode(mode: SslMode) -> &'static str {
    match mode {
        SslMode::Disable => "disable",
        SslMode::Allow => "allow",
        SslMode::Prefer => "prefer",
        SslMode::Require => "require",
        SslMode::VerifyCa => "verify-ca",
        SslMode::VerifyFull => "verify-full",
    }
}

/// `text` with every occurrence of the password replaced.
pub fn redact(text: &str, password: Option<&str>) -> String {
    match password {
        Some(password) if !password.is_empty() => text.replace(password, "***"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_read_as_postgresql_numbers_them() {
        assert_eq!(
            parse_version("pg_dump (PostgreSQL) 15.4 (Debian 15.4-1.pgdg120+1)\n"),
            Some(150004)
        );
        assert_eq!(parse_version("pg_dump (PostgreSQL) 16beta2"), Some(160000));
        assert_eq!(parse_version("pg_dump (PostgreSQL) 9.6.24"), Some(90624));
        assert_eq!(parse_version("nonsense"), None);
        assert_eq!(major(150004).0, major(150010).0);
        assert!(major(140009).0 < major(150000).0);
        assert!(major(90624).0 < major(100000).0);
    }

    #[test]
    fn the_child_connects_as_retort_does_with_the_password_in_its_environment_only() {
        let crate::url::DatabaseUrl::Postgres(url) = crate::url::DatabaseUrl::parse(
            "postgresql://app:pw%40x@h1:5433,h2:5434/shop?sslmode=verify-full&sslrootcert=/ca.pem&target_session_attrs=read-write",
        )
        .unwrap() else {
            panic!("a PostgreSQL URL")
        };
        let params = PgParams::resolve(&url, &Default::default(), Some("os")).unwrap();
        let env: std::collections::BTreeMap<String, String> =
            child_env(&params).into_iter().collect();
        assert_eq!(env["PGHOST"], "h1,h2");
        assert_eq!(env["PGPORT"], "5433,5434");
        assert_eq!(env["PGUSER"], "app");
        assert_eq!(env["PGDATABASE"], "shop");
        assert_eq!(env["PGSSLMODE"], "verify-full");
        assert_eq!(env["PGSSLROOTCERT"], "/ca.pem");
        assert_eq!(env["PGTARGETSESSIONATTRS"], "read-write");
        assert_eq!(env["PGPASSWORD"], "pw@x");
        assert!(!env.contains_key("PGPASSFILE"));
    }

    #[test]
    fn the_password_is_scrubbed() {
        assert_eq!(redact("auth failed for pw1 here", Some("pw1")), "auth failed for *** here");
        assert_eq!(redact("nothing", None), "nothing");
    }
}
