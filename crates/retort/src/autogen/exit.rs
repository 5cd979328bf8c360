//! Cleaning up when a signal ends the process.

/// For a Ctrl-C or SIGTERM handler, just before the process exits: drops
/// the scratch databases this process made and has not dropped yet (a
/// guard's `Drop` does not run when a signal ends the process).
pub fn clean_up_before_exit() {
    #[cfg(feature = "postgres")]
    super::postgres::scratch::drop_active_scratch_databases();
}
