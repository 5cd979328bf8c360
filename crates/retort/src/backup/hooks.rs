//! What the caller of a run hears from the checks before its changes.

use super::data_loss::DataLoss;
use super::error::BackupError;
use super::store::BackupMade;

/// Told, before a run changes anything, what the checks found and did.
/// A `retort` command prints and asks; an application may log.
pub trait BeforeRun: Send + Sync + std::fmt::Debug {
    /// A downgrade is about to drop tables or columns holding rows. True
    /// lets it go on; false (or [`BackupError::Prompt`] when asking
    /// failed) stops the run with nothing changed.
    fn confirm_data_loss(&self, losses: &[DataLoss]) -> Result<bool, BackupError>;

    /// A backup was written (and older ones removed, as `backup_keep` says).
    fn backup_made(&self, made: &BackupMade);
}
