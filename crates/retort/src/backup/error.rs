//! Why a run stopped before changing anything.

/// A backup that could not be made, or a data loss the person at the
/// terminal refused. Either way nothing was changed (exit status 1).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BackupError {
    /// `backup` is on and the backup failed: the cause, without the password.
    #[error("backup failed, so nothing was changed: {0}")]
    Failed(String),
    /// The question whether to drop the data could not be asked (or
    /// its answer read).
    #[error("cannot ask about the downgrade's data loss, so nothing was changed: {0}")]
    Prompt(String),
    /// The downgrade would drop data and the answer was no.
    #[error("downgrade cancelled: nothing was changed")]
    Declined,
}
