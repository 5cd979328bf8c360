//! Ctrl-C (SIGINT) and SIGTERM (`docker stop`), caught on a thread of their
//! own for every command. What a signal does depends on what runs:
//!
//! - a migration run ([`watch_run`]): its statement is cancelled on the
//!   server, its transaction rolls back, the lock is released, and the main
//!   thread reports where the database stands and exits 130 (SIGINT) or
//!   143 (SIGTERM);
//! - anything else: autogenerate's scratch databases are dropped (a guard's
//!   `Drop` does not run when a signal ends the process) and the process
//!   exits at once with that status.
//!
//! A second signal exits at once.

use retort::runtime::Interrupt;
use retort::tr;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long an interrupted run is given to roll back and report before the
/// process exits anyway (the server ends what the connection left when it
/// closes): a hung network must not make Ctrl-C hang too.
const GRACE: Duration = Duration::from_secs(30);

/// How often the running statement is cancelled again while the run is
/// still executing: a cancel that arrives between two statements stops
/// nothing.
const CANCEL_AGAIN: Duration = Duration::from_millis(500);

/// The exit status for the signal caught, 0 while none was.
static CAUGHT: AtomicI32 = AtomicI32::new(0);

/// The run a signal stops, while one runs.
static RUN: Mutex<Option<Interrupt>> = Mutex::new(None);

/// The exit status for the signal caught (130 for SIGINT, 143 for SIGTERM),
/// once one was.
pub fn caught() -> Option<u8> {
    match CAUGHT.load(Ordering::SeqCst) {
        0 => None,
        status => Some(status as u8),
    }
}

/// Whether the main thread reports the interruption itself (a run was
/// stopped) rather than the handler, which exits on its own.
pub fn main_thread_reports() -> bool {
    run().is_some()
}

/// A handle for a migration run that a signal stops, registered until the
/// returned guard goes.
pub fn watch_run() -> (Interrupt, RunGuard) {
    let interrupt = Interrupt::new();
    *RUN.lock().unwrap_or_else(|e| e.into_inner()) = Some(interrupt.clone());
    (interrupt, RunGuard)
}

/// Unregisters the run when dropped; a signal that comes later exits at once.
pub struct RunGuard;

impl Drop for RunGuard {
    fn drop(&mut self) {
        // Kept while the main thread reports an interruption: the handler
        // must not exit under it.
        if caught().is_none() {
            *RUN.lock().unwrap_or_else(|e| e.into_inner()) = None;
        }
    }
}

fn run() -> Option<Interrupt> {
    RUN.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// Installs the handler; called once, first thing.
pub fn install() {
    if let Err(e) = listen(on_signal) {
        crate::commands::warn(&tr!("cli-signals-cannot-catch", error = e.to_string()));
    }
}

fn on_signal(status: i32) {
    if CAUGHT
        .compare_exchange(0, status, Ordering::SeqCst, Ordering::SeqCst)
        .is_err()
    {
        std::process::exit(status);
    }
    let Some(interrupt) = run() else {
        retort::autogen::clean_up_before_exit();
        eprintln!("{}", tr!("cli-interrupted"));
        std::process::exit(status);
    };
    eprintln!("{}", tr!("cli-interrupted-rolling-back"));
    interrupt.request();
    let started = Instant::now();
    while started.elapsed() < GRACE {
        std::thread::sleep(CANCEL_AGAIN);
        interrupt.cancel_running();
    }
    eprintln!(
        "{}{}",
        tr!("error-prefix"),
        tr!("cli-interrupt-timed-out", seconds = GRACE.as_secs())
    );
    std::process::exit(status);
}

#[cfg(unix)]
fn listen(handler: fn(i32)) -> std::io::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
    std::thread::Builder::new()
        .name("signals".to_string())
        .spawn(move || {
            for signal in signals.forever() {
                // The shell's convention: 128 + the signal's number.
                let status = 128 + signal;
                // Each on its own thread, so that a second signal is heard
                // while the first is being handled.
                std::thread::spawn(move || handler(status));
            }
        })?;
    Ok(())
}

#[cfg(not(unix))]
fn listen(handler: fn(i32)) -> std::io::Result<()> {
    ctrlc::set_handler(move || handler(130)).map_err(std::io::Error::other)
}
