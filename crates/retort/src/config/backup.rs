//! The backup settings: whether `upgrade` and `downgrade` back the database
//! up before they change it, where the files go, how many are kept, and
//! which `pg_dump` makes them.

use std::path::PathBuf;

/// The directory backups go to unless `backup_directory` says, relative to
/// retort.toml.
pub const DEFAULT_BACKUP_DIRECTORY: &str = "backups";

/// How many backups of one database are kept unless `backup_keep` says.
pub const DEFAULT_BACKUP_KEEP: u32 = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSettings {
    /// `backup`: back up before a run that changes anything (off unless set).
    pub enabled: bool,
    /// `backup_directory`, absolute.
    pub directory: PathBuf,
    /// `backup_keep`: the newest this many of a database's backups stay;
    /// None keeps them all (`backup_keep = 0`).
    pub keep: Option<u32>,
    /// `pg_dump`: the program (a path with a `/` is relative to
    /// retort.toml); None: `pg_dump` from PATH.
    pub pg_dump: Option<PathBuf>,
}
