//! Safety before a run changes the database: a backup of it (PostgreSQL
//! with the machine's `pg_dump`, SQLite with its online backup API) when
//! retort.toml's `backup` is on, and a warning (and, at a terminal, a
//! question) before a downgrade drops tables or columns that hold rows.
//!
//! [`crate::project::Project::run`] calls [`guard`]'s checks once,
//! under the migration lock, after planning and before the first change,
//! so both see the database exactly as the run will find it, and either
//! can stop the run with nothing changed.

pub mod data_loss;
mod error;
pub mod guard;
pub mod hooks;
pub mod naming;
pub mod postgres;
#[cfg(feature = "sqlite")]
pub mod sqlite;
pub mod store;

pub use data_loss::DataLoss;
pub use error::BackupError;
pub use hooks::BeforeRun;
pub use naming::BackupName;
pub use store::{list, BackupFile, BackupMade};
