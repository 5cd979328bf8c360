//! Running a program that prints the target schema: no shell, no input,
//! both outputs read while it runs (a full pipe would stall it), and a
//! deadline after which it is killed.

use crate::tr;
use std::io::Read;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use wait_timeout::ChildExt;

pub struct Output {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

pub enum Failure {
    /// The program does not exist.
    NotFound(std::io::Error),
    /// It could not be started, or read.
    Io(std::io::Error),
    /// It ran past the deadline, and was killed.
    TimedOut(Duration),
}

impl Failure {
    pub fn describe(&self, program: &str) -> String {
        match self {
            Failure::NotFound(e) | Failure::Io(e) => tr!(
                "autogen-program-cannot-run",
                program = program,
                error = e.to_string()
            ),
            Failure::TimedOut(limit) => tr!(
                "autogen-program-timed-out",
                program = program,
                seconds = limit.as_secs_f64()
            ),
        }
    }
}

pub fn run(command: &mut Command, dir: &Path, limit: Duration) -> Result<Output, Failure> {
    let mut child = command
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Failure::NotFound(e),
            _ => Failure::Io(e),
        })?;
    let started = Instant::now();
    let reader = |pipe: Option<Box<dyn Read + Send>>| {
        let (send, receive) = mpsc::channel();
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            let _ = send.send(String::from_utf8_lossy(&bytes).into_owned());
        });
        receive
    };
    let stdout = reader(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = reader(child.stderr.take().map(|p| Box::new(p) as _));
    let status = match child.wait_timeout(limit).map_err(Failure::Io)? {
        Some(status) => status,
        None => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Failure::TimedOut(limit));
        }
    };
    // The readers end when the pipes close: with the program, unless it
    // left a child holding them; the deadline bounds that wait too.
    let collect = |receive: mpsc::Receiver<String>| {
        let left = limit.saturating_sub(started.elapsed());
        receive
            .recv_timeout(left.max(Duration::from_secs(1)))
            .map_err(|_| Failure::TimedOut(limit))
    };
    Ok(Output {
        status,
        stdout: collect(stdout)?,
        stderr: collect(stderr)?,
    })
}

/// The last lines of a program's error output: where the reason is.
pub fn tail(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.trim_end().lines().collect();
    let start = lines.len().saturating_sub(20);
    let tail = lines[start..].join("\n");
    if tail.is_empty() {
        tr!("autogen-program-no-error-output")
    } else {
        tail
    }
}
