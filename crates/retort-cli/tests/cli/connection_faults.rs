//! Connections that go wrong, through the `retort` binary: servers that
//! accept and then misbehave never make it hang, settings that cannot be
//! used are exit 2 naming the setting, libpq's keyword/value strings work
//! wherever a URL does, and no password shows in any output.
//!
//! The misbehaving servers are real TCP listeners on 127.0.0.1, each a
//! thread of this test; every wait here is bounded.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a misbehaving server does once a client has connected.
#[derive(Clone, Copy)]
enum Misbehaviour {
    /// Accepts and never says a word.
    Silent,
    /// Answers the SSLRequest with 'S', then never does the handshake.
    TlsYesThenSilent,
    /// Answers the first message with a header announcing a 2 GiB message,
    /// then sends nothing more.
    HugeLength,
    /// Announces a 2 GiB message and keeps sending.
    Flood,
}

/// How long a fake server keeps a connection open at most: longer than any
/// test here needs, so that only the client's bound can end a test early.
const SERVER_LIFETIME: Duration = Duration::from_secs(60);

/// Starts a server on a free loopback port; returns the port.
fn misbehaving_server(how: Misbehaviour) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let until = Instant::now() + SERVER_LIFETIME;
        while Instant::now() < until {
            match listener.accept() {
                Ok((stream, _)) => {
                    std::thread::spawn(move || misbehave(stream, how, until));
                }
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    });
    port
}

fn misbehave(mut stream: TcpStream, how: Misbehaviour, until: Instant) {
    stream.set_nonblocking(false).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut buf = [0u8; 8192];
    // The first thing the client sends: an SSLRequest or a startup message.
    let first = read_some(&mut stream, &mut buf, until);
    match how {
        Misbehaviour::Silent => {}
        Misbehaviour::TlsYesThenSilent => {
            if first > 0 {
                let _ = stream.write_all(b"S");
            }
        }
        Misbehaviour::HugeLength | Misbehaviour::Flood => {
            let mut header = vec![b'R'];
            header.extend_from_slice(&0x7fff_fff0u32.to_be_bytes());
            let _ = stream.write_all(&header);
            if let Misbehaviour::Flood = how {
                let chunk = vec![0u8; 64 * 1024];
                for _ in 0..(32 * 16) {
                    if stream.write_all(&chunk).is_err() || Instant::now() > until {
                        return;
                    }
                }
            }
        }
    }
    // Then hold the connection, reading whatever comes, until the client
    // goes away or the server's time is up.
    while Instant::now() < until {
        match stream.read(&mut buf) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return,
        }
    }
}

fn read_some(stream: &mut TcpStream, buf: &mut [u8], until: Instant) -> usize {
    while Instant::now() < until {
        match stream.read(buf) {
            Ok(n) => return n,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return 0,
        }
    }
    0
}

/// A project directory with a retort.toml, and a HOME of its own so that
/// no real ~/.pgpass is read.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new(extra_config: &str) -> Project {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("migrations/versions")).unwrap();
        std::fs::write(
            dir.path().join("retort.toml"),
            format!("script_location = \"migrations\"\n{extra_config}\n"),
        )
        .unwrap();
        Project { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs retort with `env` on top of an environment without any
    /// database or libpq settings; kills it (and fails) if it outlives `limit`.
    fn run_within(&self, limit: Duration, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = crate::common::retort_command();
        cmd.current_dir(self.path())
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (name, _) in std::env::vars() {
            if name.starts_with("PG") || name == "DATABASE_URL" || name == "RETORT_CONFIG" {
                cmd.env_remove(name);
            }
        }
        cmd.env("HOME", self.path());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let started = Instant::now();
        let mut child = cmd.spawn().expect("run retort");
        // Drain the pipes on threads so that a chatty child cannot block.
        let mut out = child.stdout.take().unwrap();
        let mut err = child.stderr.take().unwrap();
        let out = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = out.read_to_string(&mut s);
            s
        });
        let err = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = err.read_to_string(&mut s);
            s
        });
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > limit {
                let _ = child.kill();
                let _ = child.wait();
                panic!("retort {args:?} was still running after {limit:?}: it hangs");
            }
            std::thread::sleep(Duration::from_millis(25));
        };
        Run {
            code: status.code().unwrap_or(-1),
            stdout: out.join().unwrap(),
            stderr: err.join().unwrap(),
            elapsed: started.elapsed(),
        }
    }

    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        self.run_within(Duration::from_secs(60), args, env)
    }
}

#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl Run {
    #[track_caller]
    fn fails(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "expected exit {code}, got {self:#?}");
        assert!(!self.stderr.trim().is_empty(), "no message: {self:#?}");
        self
    }

    #[track_caller]
    fn ok(&self) -> &Self {
        assert_eq!(self.code, 0, "expected success, got {self:#?}");
        self
    }

    #[track_caller]
    fn says(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle) || self.stdout.contains(needle),
            "expected the output to mention {needle:?}: {self:#?}"
        );
        self
    }

    #[track_caller]
    fn never_says(&self, needle: &str) -> &Self {
        assert!(
            !self.stderr.contains(needle) && !self.stdout.contains(needle),
            "the output shows {needle:?}: {self:#?}"
        );
        self
    }

    #[track_caller]
    fn within(&self, limit: Duration) -> &Self {
        assert!(
            self.elapsed <= limit,
            "took {:?}, expected at most {limit:?}: {self:#?}",
            self.elapsed
        );
        self
    }
}

/// How long a run bounded by connect_timeout=2 may take, with room for a
/// loaded machine: the bound itself, process start, and slack.
const TWO_SECOND_BOUND: Duration = Duration::from_secs(12);

// ---- servers that accept and then misbehave ------------------------------

#[test]
fn a_silent_server_is_given_up_on_after_connect_timeout() {
    let port = misbehaving_server(Misbehaviour::Silent);
    let project = Project::new("");
    // In the URL, the default sslmode (prefer: the SSLRequest goes unanswered).
    let url = format!("postgresql://u@127.0.0.1:{port}/db?connect_timeout=2");
    let run = project.run(&["current", "--url", &url], &[]);
    run.fails(1)
        .says("timeout expired")
        .says("TLS request")
        .says(&format!("127.0.0.1:{port}"))
        .within(TWO_SECOND_BOUND);
    assert!(run.elapsed >= Duration::from_millis(1900), "{run:#?}");

    // Without TLS: the startup message goes unanswered.
    let url = format!("postgresql://u@127.0.0.1:{port}/db?connect_timeout=2&sslmode=disable");
    project
        .run(&["current", "--url", &url], &[])
        .fails(1)
        .says("timeout expired")
        .says("authentication")
        .within(TWO_SECOND_BOUND);

    // From PGCONNECT_TIMEOUT.
    let url = format!("postgresql://u@127.0.0.1:{port}/db");
    project
        .run(&["current", "--url", &url], &[("PGCONNECT_TIMEOUT", "2")])
        .fails(1)
        .says("timeout expired")
        .within(TWO_SECOND_BOUND);

    // libpq's least timeout is two seconds: 1 means 2.
    let url = format!("host=127.0.0.1 port={port} user=u dbname=db connect_timeout=1");
    let run = project.run(&["current", "--url", &url], &[]);
    run.fails(1)
        .says("timeout expired")
        .within(TWO_SECOND_BOUND);
    assert!(run.elapsed >= Duration::from_millis(1900), "{run:#?}");
}

#[test]
fn a_server_that_goes_quiet_after_agreeing_to_tls_is_given_up_on() {
    let port = misbehaving_server(Misbehaviour::TlsYesThenSilent);
    let project = Project::new("");
    for sslmode in ["prefer", "require"] {
        let url = format!("postgresql://u@127.0.0.1:{port}/db?connect_timeout=2&sslmode={sslmode}");
        project
            .run(&["current", "--url", &url], &[])
            .fails(1)
            .says("timeout expired")
            .says("TLS handshake")
            .within(TWO_SECOND_BOUND);
    }
}

#[test]
fn a_server_announcing_a_huge_message_is_given_up_on() {
    let port = misbehaving_server(Misbehaviour::HugeLength);
    let project = Project::new("");
    for sslmode in ["disable", "prefer"] {
        let url = format!("postgresql://u@127.0.0.1:{port}/db?connect_timeout=2&sslmode={sslmode}");
        project
            .run(&["current", "--url", &url], &[])
            .fails(1)
            .says("timeout expired")
            .within(TWO_SECOND_BOUND);
    }
    // One that keeps sending is cut off long before the timeout.
    let port = misbehaving_server(Misbehaviour::Flood);
    let url = format!("postgresql://u@127.0.0.1:{port}/db?connect_timeout=30&sslmode=disable");
    project
        .run(&["current", "--url", &url], &[])
        .fails(1)
        .says("before the connection was ready")
        .within(Duration::from_secs(20));
}

#[test]
fn waiting_for_a_silent_server_is_bounded_too() {
    let port = misbehaving_server(Misbehaviour::Silent);
    let project = Project::new("");
    // No connect_timeout: each attempt is cut to what is left of the wait.
    let url = format!("postgresql://u@127.0.0.1:{port}/db");
    let run = project.run(&["current", "--wait", "3", "--url", &url], &[]);
    run.fails(1)
        .says("timeout expired")
        .says("gave up after waiting")
        .within(Duration::from_secs(20));
    // And with one.
    let url = format!("postgresql://u@127.0.0.1:{port}/db?connect_timeout=2");
    project
        .run(&["current", "--wait", "3", "--url", &url], &[])
        .fails(1)
        .says("gave up after waiting")
        .within(Duration::from_secs(20));
}

#[test]
fn a_second_host_is_tried_after_a_silent_first_one() {
    let silent = misbehaving_server(Misbehaviour::Silent);
    let db = retort_testkit::fresh_database();
    let project = Project::new("");
    let url = format!(
        "host=127.0.0.1,{host} port={silent},{port} user={user} dbname={dbname} connect_timeout=2 sslmode=disable",
        host = db.host,
        port = db.port,
        user = db.user,
        dbname = db.dbname
    );
    let env: Vec<(&str, &str)> = match &db.password {
        Some(pw) => vec![("PGPASSWORD", pw.as_str())],
        None => vec![],
    };
    project
        .run(&["current", "--url", &url], &env)
        .ok()
        .within(TWO_SECOND_BOUND);
}

// ---- settings that cannot be used: exit 2, naming the setting ------------

#[test]
fn unusable_connection_settings_are_exit_2_naming_the_setting() {
    let project = Project::new("");
    let base = "postgresql://u:S3cr3t-in-url@127.0.0.1:1/db";
    for (query, named) in [
        ("sslmode=bogus", "sslmode"),
        ("frobnicate=1", "frobnicate"),
        ("connect_timeout=abc", "connect_timeout"),
        ("keepalives=yes", "keepalives"),
        ("keepalives_idle=soon", "keepalives_idle"),
        ("keepalives_interval=1.5", "keepalives_interval"),
        ("keepalives_count=many", "keepalives_count"),
        ("tcp_user_timeout=1s", "tcp_user_timeout"),
        ("target_session_attrs=primary", "target_session_attrs"),
        ("channel_binding=always", "channel_binding"),
        ("load_balance_hosts=roundrobin", "load_balance_hosts"),
        ("hostaddr=not-an-ip", "hostaddr"),
        ("gssencmode=require", "gssencmode"),
        ("client_encoding=LATIN1", "client_encoding"),
        ("service=prod", "service"),
    ] {
        let url = format!("{base}?{query}");
        project
            .run(&["current", "--url", &url], &[])
            .fails(2)
            .says(named)
            .never_says("S3cr3t-in-url");
    }
    // Ports out of range in a `port` parameter, in either form.
    for url in [
        "postgresql:///db?host=127.0.0.1&port=99999",
        "postgresql:///db?host=127.0.0.1&port=0",
        "postgresql:///db?host=127.0.0.1,127.0.0.2&port=5432,70000",
        "host=127.0.0.1 port=99999 user=u dbname=db",
        "host=127.0.0.1 port=abc user=u dbname=db",
    ] {
        project
            .run(&["current", "--url", url], &[])
            .fails(2)
            .says("port");
    }
    // From the libpq environment.
    let url = "postgresql://u@127.0.0.1:1/db";
    for (var, value) in [
        ("PGSSLMODE", "bogus"),
        ("PGCONNECT_TIMEOUT", "abc"),
        ("PGPORT", "99999"),
        ("PGTARGETSESSIONATTRS", "primary"),
    ] {
        let url = if var == "PGPORT" {
            "postgresql://u@127.0.0.1/db"
        } else {
            url
        };
        project
            .run(&["current", "--url", url], &[(var, value)])
            .fails(2)
            .says(var);
    }
    // A keyword/value string with a keyword retort does not know.
    project
        .run(
            &["current", "--url", "host=127.0.0.1 frobnicate=1 dbname=db"],
            &[],
        )
        .fails(2)
        .says("frobnicate");
    // The same from DATABASE_URL and from retort.toml.
    project
        .run(
            &["current"],
            &[("DATABASE_URL", "host=127.0.0.1 sslmode=sometimes")],
        )
        .fails(2)
        .says("sslmode");
    Project::new("url = \"postgresql://u@127.0.0.1:1/db?keepalives_idle=x\"")
        .run(&["current"], &[])
        .fails(2)
        .says("keepalives_idle");
}

// ---- keyword/value strings ------------------------------------------------

#[test]
fn keyword_value_strings_work_wherever_a_url_does() {
    let db = retort_testkit::fresh_database();
    let conninfo = format!(
        "host={} port={} user={} dbname='{}' sslmode=disable",
        db.host, db.port, db.user, db.dbname
    );
    let env: Vec<(&str, &str)> = match &db.password {
        Some(pw) => vec![("PGPASSWORD", pw.as_str())],
        None => vec![],
    };
    let project = Project::new("");
    project
        .run(&["current", "--url", &conninfo], &env)
        .ok()
        .within(TWO_SECOND_BOUND);
    let mut with_url = env.clone();
    with_url.push(("DATABASE_URL", &conninfo));
    project.run(&["current"], &with_url).ok();
    Project::new(&format!("url = \"{conninfo}\""))
        .run(&["current"], &env)
        .ok();

    // With a password, quoted, against the role that must give one.
    let Some(pw_user) = &db.password_user else {
        return;
    };
    let conninfo = format!(
        "host={} port={} user={} password='{}' dbname={}",
        db.host,
        db.port,
        pw_user.user,
        pw_user.password.replace('\\', "\\\\").replace('\'', "\\'"),
        db.dbname
    );
    project
        .run(&["current", "--url", &conninfo], &[])
        .ok()
        .never_says(&pw_user.password);
}

// ---- passwords never show -------------------------------------------------

#[test]
fn a_password_in_a_keyword_value_string_never_shows() {
    let db = retort_testkit::fresh_database();
    let project = Project::new("");
    let Some(pw_user) = &db.password_user else {
        return;
    };
    let user = pw_user.user.as_str();
    // A wrong password against the real server, and nobody listening.
    for (host, port) in [(db.host.as_str(), db.port), ("127.0.0.1", 1)] {
        for password in ["secret123", "'secret123 with spaces'"] {
            let conninfo = format!(
                "host={host} port={port} user={user} password={password} dbname={} sslmode=disable",
                db.dbname
            );
            let run = project.run(&["current", "--url", &conninfo], &[]);
            run.fails(1).never_says("secret123");
            project
                .run(&["current", "-v"], &[("DATABASE_URL", conninfo.as_str())])
                .fails(1)
                .never_says("secret123");
        }
    }
    // Broken strings: an unquoted password with a space, an unterminated
    // quote, a bad setting after the password.
    for conninfo in [
        "host=127.0.0.1 password=secret123 more dbname=db",
        "host=127.0.0.1 password=secret123 tail=x dbname=db",
        "host=127.0.0.1 password='secret123 dbname=db",
        "host=127.0.0.1 password=secret123 sslmode=bogus",
        "host=127.0.0.1 port=99999 password=secret123",
    ] {
        project
            .run(&["current", "--url", conninfo], &[])
            .fails(2)
            .never_says("secret123");
        Project::new(&format!("url = \"{}\"", conninfo.replace('\'', "\\u0027")))
            .run(&["current"], &[])
            .fails(2)
            .never_says("secret123");
    }
}

// ---- the password file ----------------------------------------------------

#[cfg(unix)]
#[test]
fn a_password_file_others_can_read_is_warned_about_and_ignored() {
    use std::os::unix::fs::PermissionsExt;
    let db = retort_testkit::fresh_database();
    let Some(pw_user) = &db.password_user else {
        return;
    };
    let project = Project::new("");
    let file = project.path().join("pgpass");
    std::fs::write(
        &file,
        format!("*:*:*:{}:{}\n", pw_user.user, pw_user.password),
    )
    .unwrap();
    let url = format!(
        "host={} port={} user={} dbname={} sslmode=disable",
        db.host, db.port, pw_user.user, db.dbname
    );
    let env = [("PGPASSFILE", file.to_str().unwrap())];

    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    project
        .run(&["current", "--url", &url], &env)
        .fails(1)
        .says(&format!(
            "WARNING: password file \"{}\" has group or world access; permissions should be u=rw (0600) or less",
            file.display()
        ))
        .never_says(&pw_user.password);

    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    project
        .run(&["current", "--url", &url], &env)
        .ok()
        .never_says("WARNING");
}

// ---- what --wait says -----------------------------------------------------

/// A loopback port nobody listens on.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[test]
fn waiting_says_so_once_then_now_and_then_unless_quiet() {
    let port = closed_port();
    let project = Project::new("");
    let url = format!("postgresql://u:S3cr3t-w@127.0.0.1:{port}/db");
    let run = project.run(&["current", "--wait", "7", "--url", &url], &[]);
    run.fails(1)
        .says(&format!(
            "waiting for the database server at u@127.0.0.1:{port}/db"
        ))
        .says("gave up after waiting 7s")
        .never_says("S3cr3t-w")
        .within(Duration::from_secs(25));
    assert_eq!(
        run.stderr
            .matches("waiting for the database server")
            .count(),
        1,
        "{run:#?}"
    );
    let still = run.stderr.matches("still waiting").count();
    assert!((1..=2).contains(&still), "{run:#?}");

    let run = project.run(&["-q", "current", "--wait", "3", "--url", &url], &[]);
    run.fails(1).never_says("waiting for the database server");
}

/// The keepalive timer the kernel shows for the TCP connection `pid` holds
/// to `port` (`ss`'s `timer:(keepalive,1sec,0)`), once the connection is
/// up; None if it never shows within `limit`.
fn keepalive_timer(pid: u32, port: u16, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < limit {
        let out = Command::new("ss")
            .args(["-tnpoH", "state", "established"])
            .arg(format!("( dport = :{port} )"))
            .output()
            .expect("ss (iproute2) runs");
        let text = String::from_utf8_lossy(&out.stdout);
        for line in text.lines().filter(|l| l.contains(&format!("pid={pid},"))) {
            if let Some(rest) = line.split("timer:(keepalive,").nth(1) {
                let value = rest.split(',').next().unwrap_or("");
                return Some(parse_ss_time(value));
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

/// `ss`'s times: `832ms`, `1.5sec`, `119min`.
fn parse_ss_time(text: &str) -> Duration {
    let number = |suffix: &str| text.trim_end_matches(suffix).parse::<f64>().unwrap();
    if text.ends_with("ms") {
        Duration::from_secs_f64(number("ms") / 1000.0)
    } else if text.ends_with("sec") {
        Duration::from_secs_f64(number("sec"))
    } else if text.ends_with("min") {
        Duration::from_secs_f64(number("min") * 60.0)
    } else {
        panic!("unexpected ss time `{text}`")
    }
}

#[test]
fn keepalive_settings_reach_the_socket_of_a_running_migration() {
    // A stalled server is found by the kernel's keepalive probes: this
    // checks, on the live socket, that the URL's settings are the ones the
    // kernel uses while a migration runs (dropping packets to see the probes
    // fail needs network privileges a test machine may not grant).
    let db = retort_testkit::fresh_database();
    let project = Project::new("");
    std::fs::write(
        project.path().join("migrations/versions/a1_slow.sql"),
        "-- slow\n--\n-- Revision ID: a1\n-- Revises:\n\n-- retort:upgrade\nSELECT pg_sleep(4);\n\n-- retort:downgrade no-op\n",
    )
    .unwrap();
    let url = format!(
        "postgresql://{}@127.0.0.1:{}/{}?keepalives=1&keepalives_idle=1&keepalives_interval=1&keepalives_count=3&tcp_user_timeout=5000",
        db.user, db.port, db.dbname
    );
    let spawn = |url: &str| {
        let mut cmd = crate::common::retort_command();
        cmd.current_dir(project.path())
            .args(["-q", "--url", url, "upgrade", "head"])
            .env("HOME", project.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(password) = &db.password {
            cmd.env("PGPASSWORD", password);
        }
        cmd.spawn().unwrap()
    };
    let mut child = spawn(&url);
    let timer = keepalive_timer(child.id(), db.port, Duration::from_secs(10));
    assert!(child.wait().unwrap().success());
    let timer = timer.expect("retort's connection shows a keepalive timer");
    assert!(
        timer <= Duration::from_secs(1),
        "keepalive timer {timer:?}, asked for 1 s"
    );

    // Without the settings the system's idle time applies (two hours on
    // Linux): the settings above were what made the difference.
    let plain = format!(
        "postgresql://{}@127.0.0.1:{}/{}",
        db.user, db.port, db.dbname
    );
    std::fs::write(
        project.path().join("migrations/versions/b1_slow.sql"),
        "-- slow\n--\n-- Revision ID: b1\n-- Revises: a1\n\n-- retort:upgrade\nSELECT pg_sleep(4);\n\n-- retort:downgrade no-op\n",
    )
    .unwrap();
    let mut child = spawn(&plain);
    let timer = keepalive_timer(child.id(), db.port, Duration::from_secs(10));
    assert!(child.wait().unwrap().success());
    if let Some(timer) = timer {
        assert!(
            timer > Duration::from_secs(5),
            "keepalive timer {timer:?} by default"
        );
    }
}
