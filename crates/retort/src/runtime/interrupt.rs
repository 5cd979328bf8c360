//! Stopping a run from another thread (a Ctrl-C or SIGTERM handler): the
//! statement running is cancelled on the server, the transaction rolls
//! back, the lock is released, and the run returns an error that says
//! where the database stands.

use crate::db::Canceller;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// A handle shared between a run and whoever may stop it. Cloning shares it.
#[derive(Clone, Default)]
pub struct Interrupt(Arc<Inner>);

#[derive(Default)]
struct Inner {
    requested: AtomicBool,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// How to stop the connection's running statement.
    canceller: Option<Canceller>,
    /// The run is executing its plan: a cancel now hits a migration
    /// statement. Outside of it (the rollback, the unlock, reading the
    /// version table for the report) cancels would only do harm.
    busy: bool,
}

impl Interrupt {
    pub fn new() -> Interrupt {
        Interrupt::default()
    }

    /// Asks the run to stop: it stops at the next step, and the statement
    /// running now is cancelled.
    pub fn request(&self) {
        self.0.requested.store(true, Ordering::SeqCst);
        self.cancel_running();
    }

    /// Cancels the statement running, if the run is executing its plan.
    /// A handler repeats this while [`Interrupt::is_busy`]: a cancel that
    /// reaches the server between two statements stops nothing.
    pub fn cancel_running(&self) {
        let state = self.state();
        if state.busy {
            if let Some(cancel) = &state.canceller {
                cancel();
            }
        }
    }

    pub fn is_requested(&self) -> bool {
        self.0.requested.load(Ordering::SeqCst)
    }

    /// The run is still executing its plan.
    pub fn is_busy(&self) -> bool {
        self.state().busy
    }

    pub(crate) fn arm(&self, canceller: Option<Canceller>) {
        self.state().canceller = canceller;
    }

    /// Held while a cancel is sent, so that once this returns with `false`
    /// no cancel can follow.
    pub(crate) fn set_busy(&self, busy: bool) {
        self.state().busy = busy;
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.0.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl std::fmt::Debug for Interrupt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interrupt")
            .field("requested", &self.is_requested())
            .finish()
    }
}

/// Two options are equal when they share the handle.
impl PartialEq for Interrupt {
    fn eq(&self, other: &Interrupt) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Interrupt {}

/// Sleeps `duration` in short slices, returning early (false) once `interrupt`
/// is requested.
pub(crate) fn sleep_unless_interrupted(
    interrupt: Option<&Interrupt>,
    duration: std::time::Duration,
) -> bool {
    let until = std::time::Instant::now() + duration;
    loop {
        if interrupt.is_some_and(Interrupt::is_requested) {
            return false;
        }
        let left = until.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return true;
        }
        std::thread::sleep(left.min(std::time::Duration::from_millis(50)));
    }
}
