//! Shared test support for the `retort` binary's tests.
#![allow(dead_code)]

pub mod conformance;

use std::path::Path;
use std::process::{Command, Output};

/// Runs the `retort` binary in `dir` with `args`.
pub fn retort(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_retort"))
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("RETORT_CONFIG")
        .args(args)
        .output()
        .expect("run retort")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
