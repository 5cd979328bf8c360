//! What the fuzzing properties share: a deadline per case, and a case
//! count that CI keeps small and `PROPTEST_CASES` raises on demand.
#![allow(dead_code)]

use proptest::test_runner::Config;
use std::sync::mpsc;
use std::time::Duration;

/// Far more than any case needs (microseconds to milliseconds); long
/// enough that a slow, shared machine does not fail a case that ends.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// `default` cases, or `PROPTEST_CASES` when set: a long run is
/// `PROPTEST_CASES=100000 cargo test -p retort --test files -- fuzz_`.
pub fn cases(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        // Input that failed once is kept as a named regression test
        // instead (see the `*_regressions` tests).
        failure_persistence: None,
        ..Config::default()
    }
}

/// Runs `f` on its own thread; panics if `f` panics or is still running at
/// the deadline (the thread is then left behind: it cannot be stopped, and
/// the test fails anyway). `what` names the input in the failure.
pub fn within_deadline<T: Send + 'static>(
    what: impl std::fmt::Debug,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    let handle = std::thread::spawn(move || {
        let out = f();
        let _ = tx.send(());
        out
    });
    match rx.recv_timeout(DEADLINE) {
        Ok(()) => handle
            .join()
            .unwrap_or_else(|_| panic!("panicked on {what:?}")),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let _ = handle.join();
            panic!("panicked on {what:?}")
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("did not end within {DEADLINE:?} on {what:?}: an endless loop")
        }
    }
}
