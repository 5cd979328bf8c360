//! A throwaway cluster: initdb and pg_ctl in a temp dir, on a free port.
//! PostgreSQL refuses to run as root, so as root its binaries run as the
//! `postgres` user, which owns the temp dir.

use crate::{PasswordUser, TestServer};
use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

const SUPERUSER: &str = "postgres";
const PASSWORD_USER: &str = "retort_pw";
const PASSWORD: &str = "retort-test-secret";

/// What the exit hook needs to stop the server.
struct Running {
    dir: PathBuf,
}

/// Every cluster this process started: the usual one, and the pgvector one.
static RUNNING: OnceLock<Mutex<Vec<Running>>> = OnceLock::new();

/// The usual cluster, from the system's PostgreSQL.
pub(crate) fn start() -> Result<TestServer, String> {
    start_from(&find_bindir()?, true)
}

/// A cluster from the server binaries in `bindir`, speaking TLS when `tls`
/// (a build without OpenSSL refuses `ssl = on`).
pub(crate) fn start_from(bindir: &Path, use_tls: bool) -> Result<TestServer, String> {
    let run_as = if unsafe { libc::geteuid() } == 0 {
        Some(postgres_user()?)
    } else {
        None
    };

    let dir = tempfile::Builder::new()
        .prefix("retort-pg-")
        .tempdir()
        .map_err(|e| format!("cannot make a temp dir: {e}"))?
        .keep();
    let data = dir.join("data");
    let sockets = dir.join("sock");
    std::fs::create_dir(&sockets).map_err(|e| e.to_string())?;
    if let Some(user) = &run_as {
        chown(&dir, user.uid, user.gid)?;
        chown(&sockets, user.uid, user.gid)?;
    }
    // From here on a failure must not leave the directory behind.
    let cleanup_on_error = |e: String| {
        let _ = std::fs::remove_dir_all(&dir);
        e
    };

    run(
        &run_as,
        &bindir.join("initdb"),
        &[
            "-D".as_ref(),
            data.as_os_str(),
            "-U".as_ref(),
            SUPERUSER.as_ref(),
            "-A".as_ref(),
            "trust".as_ref(),
            "-E".as_ref(),
            "UTF8".as_ref(),
            "--locale=C".as_ref(),
            "--no-sync".as_ref(),
        ],
    )
    .map_err(cleanup_on_error)?;
    std::fs::write(
        data.join("pg_hba.conf"),
        format!(
            "local all {PASSWORD_USER} scram-sha-256\n\
             host all {PASSWORD_USER} 127.0.0.1/32 scram-sha-256\n\
             local all all trust\n\
             host all all 127.0.0.1/32 trust\n"
        ),
    )
    .map_err(|e| cleanup_on_error(e.to_string()))?;

    let tls = crate::tls::make(&dir).map_err(cleanup_on_error)?;
    if let Some(user) = &run_as {
        chown(&tls.server_key, user.uid, user.gid).map_err(cleanup_on_error)?;
    }
    let log_file = dir.join("server.log");
    let mut last_error = String::new();
    for _ in 0..5 {
        let port = free_port().map_err(cleanup_on_error)?;
        let mut settings = format!(
            "listen_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{}'\n\
             fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n\
             shared_buffers = 16MB\nmax_connections = 150\nmax_wal_size = 1GB\n",
            sockets.display(),
        );
        if use_tls {
            settings.push_str(&format!(
                "ssl = on\nssl_cert_file = '{}'\nssl_key_file = '{}'\n",
                tls.server_cert.display(),
                tls.server_key.display()
            ));
        }
        std::fs::write(data.join("postgresql.auto.conf"), settings)
            .map_err(|e| cleanup_on_error(e.to_string()))?;
        let started = run(
            &run_as,
            &bindir.join("pg_ctl"),
            &[
                "-D".as_ref(),
                data.as_os_str(),
                "-l".as_ref(),
                log_file.as_os_str(),
                "-w".as_ref(),
                "-t".as_ref(),
                "60".as_ref(),
                "start".as_ref(),
            ],
        );
        match started {
            Ok(()) => {
                register_stop(&dir);
                let server = TestServer {
                    host: "127.0.0.1".to_string(),
                    port,
                    superuser: SUPERUSER.to_string(),
                    superuser_password: None,
                    socket_dir: Some(sockets.clone()),
                    password_user: Some(PasswordUser {
                        user: PASSWORD_USER.to_string(),
                        password: PASSWORD.to_string(),
                    }),
                    log_file: Some(log_file.clone()),
                    tls_root_cert: use_tls.then(|| tls.ca_cert.clone()),
                    bin_dir: Some(bindir.to_path_buf()),
                    admin: Mutex::new(None),
                };
                server.admin(&format!(
                    "CREATE ROLE {PASSWORD_USER} LOGIN PASSWORD '{PASSWORD}'"
                ));
                return Ok(server);
            }
            // Most likely someone took the port between our probe and the
            // server's bind: try another.
            Err(e) => last_error = e,
        }
    }
    let log = std::fs::read_to_string(&log_file).unwrap_or_default();
    Err(cleanup_on_error(format!(
        "the test cluster did not start: {last_error}\n{log}"
    )))
}

/// `pg_config --bindir`, else the newest /usr/lib/postgresql/N/bin.
pub(crate) fn find_bindir() -> Result<PathBuf, String> {
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if out.status.success() && dir.join("initdb").exists() && dir.join("pg_ctl").exists() {
            return Ok(dir);
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_string_lossy().parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin).ok_or_else(|| {
        "no PostgreSQL server binaries found (pg_config --bindir, /usr/lib/postgresql/*/bin)"
            .to_string()
    })
}

struct OsUser {
    uid: u32,
    gid: u32,
}

fn postgres_user() -> Result<OsUser, String> {
    let name = CString::new(SUPERUSER).expect("no NUL");
    // SAFETY: getpwnam returns null or a pointer to a static record, read at once.
    let pw = unsafe { libc::getpwnam(name.as_ptr()) };
    if pw.is_null() {
        return Err("running as root, and there is no `postgres` user to run the server as".into());
    }
    let (uid, gid) = unsafe { ((*pw).pw_uid, (*pw).pw_gid) };
    Ok(OsUser { uid, gid })
}

fn chown(path: &Path, uid: u32, gid: u32) -> Result<(), String> {
    std::os::unix::fs::chown(path, Some(uid), Some(gid))
        .map_err(|e| format!("cannot chown {}: {e}", path.display()))
}

/// Runs a PostgreSQL binary, as the `postgres` user when we are root:
/// through `runuser`, or `su` where there is no `runuser`.
fn run(run_as: &Option<OsUser>, program: &Path, args: &[&std::ffi::OsStr]) -> Result<(), String> {
    let output = match run_as {
        None => Command::new(program)
            .args(args)
            .current_dir("/")
            .stdin(Stdio::null())
            .output(),
        Some(_) => {
            let runuser = Command::new("runuser")
                .args(["-u", SUPERUSER, "--"])
                .arg(program)
                .args(args)
                .current_dir("/")
                .stdin(Stdio::null())
                .output();
            match runuser {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    let line: Vec<String> = std::iter::once(program.as_os_str())
                        .chain(args.iter().copied())
                        .map(|a| shell_quote(&a.to_string_lossy()))
                        .collect();
                    Command::new("su")
                        .args([SUPERUSER, "-s", "/bin/sh", "-c", &line.join(" ")])
                        .current_dir("/")
                        .stdin(Stdio::null())
                        .output()
                }
                other => other,
            }
        }
    };
    let out = output.map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} failed ({}): {}{}",
            program.display(),
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

fn free_port() -> Result<u16, String> {
    let listener =
        std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

/// Stops the server when the process exits (an atexit hook), and, should
/// the process be killed instead, a watchdog that outlives it does.
fn register_stop(dir: &Path) {
    let running = RUNNING.get_or_init(|| Mutex::new(Vec::new()));
    let mut running = running.lock().unwrap_or_else(|e| e.into_inner());
    if running.is_empty() {
        // SAFETY: registering a plain extern "C" function, once.
        unsafe {
            libc::atexit(stop_at_exit);
        }
    }
    running.push(Running {
        dir: dir.to_path_buf(),
    });
    drop(running);
    let script = r#"
        parent=$1; dir=$2
        while kill -0 "$parent" 2>/dev/null; do sleep 1; done
        pidfile="$dir/data/postmaster.pid"
        if [ -f "$pidfile" ]; then
            pid=$(head -n 1 "$pidfile")
            kill -INT "$pid" 2>/dev/null
            i=0
            while kill -0 "$pid" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done
        fi
        rm -rf "$dir"
    "#;
    use std::os::unix::process::CommandExt;
    let _ = Command::new("sh")
        .args(["-c", script, "retort-pg-watchdog"])
        .arg(std::process::id().to_string())
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        // Its own process group: a Ctrl-C to the tests must not stop the
        // one process that cleans up after them.
        .process_group(0)
        .spawn();
}

extern "C" fn stop_at_exit() {
    let Some(running) = RUNNING.get() else { return };
    let all = std::mem::take(&mut *running.lock().unwrap_or_else(|e| e.into_inner()));
    for Running { dir } in all {
        stop(&dir);
    }
}

/// A fast shutdown, by signal to the postmaster: no need to run pg_ctl as
/// the right user, and nothing to wait for but the process.
fn stop(dir: &Path) {
    let pid = std::fs::read_to_string(dir.join("data/postmaster.pid"))
        .ok()
        .and_then(|text| {
            text.lines()
                .next()
                .and_then(|l| l.trim().parse::<libc::pid_t>().ok())
        });
    if let Some(pid) = pid {
        // SAFETY: signalling a pid we read from the server's own pid file.
        unsafe {
            libc::kill(pid, libc::SIGINT);
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        while unsafe { libc::kill(pid, 0) } == 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}
