//! Why a run stopped before changing anything.

/// A backup that could not be made, or a data loss the person at the
/// terminal refused. Either way nothing was changed (exit status 1).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BackupError {
    /// `backup` is on and the backup failed: the cause, without the password.
    #[error("{}", crate::tr!("backup-failed", reason = .0))]
    Failed(String),
    /// The question whether to drop the data could not be asked (or
    /// its answer read).
    #[error("{}", crate::tr!("backup-prompt-failed", reason = .0))]
    Prompt(String),
    /// The downgrade would drop data and the answer was no.
    #[error("{}", crate::tr!("backup-declined"))]
    Declined,
}
