//! Shared test support for the `retort` binary's tests.
#![allow(dead_code)]

pub mod conformance;

use std::path::Path;
use std::process::{Command, Output};

/// The `retort` binary, speaking English whatever the machine's locale
/// (the tests compare its words; the Chinese ones have tests of their own).
pub fn retort_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_retort"));
    command.env("RETORT_LANG", "en");
    command
}

/// Forgets every variable that chooses the language (the harness's
/// `RETORT_LANG=en` and the machine's locale), for a test that sets its own.
pub fn forget_language(command: &mut Command) -> &mut Command {
    for name in ["RETORT_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        command.env_remove(name);
    }
    command
}

/// Runs the `retort` binary in `dir` with `args`.
pub fn retort(dir: &Path, args: &[&str]) -> Output {
    retort_command()
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("RETORT_CONFIG")
        // Every run loads its target schema; the cache has its own test.
        .env("RETORT_CACHE_DIR", "off")
        .args(args)
        .output()
        .expect("run retort")
}

/// Runs retort on a pseudo-terminal, as a person would, typing `input`.
/// `script` (util-linux) provides the terminal; what retort writes to it,
/// standard error included, comes back as the output's stdout.
pub fn retort_at_terminal(dir: &Path, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let command = std::iter::once(env!("CARGO_BIN_EXE_retort"))
        .chain(args.iter().copied())
        .map(|word| format!("'{}'", word.replace('\'', "'\\''")))
        .collect::<Vec<_>>()
        .join(" ");
    let mut child = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir)
        .env("RETORT_LANG", "en")
        .env_remove("DATABASE_URL")
        .env_remove("RETORT_CONFIG")
        .env("RETORT_CACHE_DIR", "off")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("script(1) from util-linux runs the command on a pseudo-terminal");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("type the answers");
    child.wait_with_output().expect("run retort at a terminal")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
