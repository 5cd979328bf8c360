//! The checks a run makes under the migration lock, after planning and
//! before its first change: the data a downgrade would drop (told to the
//! caller, who may stop the run), then the backup.

use super::data_loss::{self, DataLoss};
use super::error::BackupError;
use super::hooks::BeforeRun;
use super::naming::{self, BackupName};
use super::store::{self, BackupMade};
use crate::config::BackupSettings;
use crate::db::pg_params::PgParams;
use crate::db::{ConnectOptions, Database};
use crate::script::Script;
use crate::url::{DatabaseUrl, SqliteTarget};
use std::path::{Path, PathBuf};


/// Tells `hooks` what the downgrade sections of `scripts` would drop that
/// holds data; stops the run when the answer is no.
pub fn confirm_data_loss<'s>(
    db: &mut dyn Database,
    scripts: impl IntoIterator<Item = &'s Script>,
    hooks: &dyn BeforeRun,
) -> Result<Vec<DataLoss>, BackupError> {
    let losses = data_loss::find(db, scripts);
    if !losses.is_empty() && !hooks.confirm_data_loss(&losses)? {
        return Err(BackupError::Declined);
    }
    Ok(losses)
}

/// Backs up the database at `url` (which `db` is connected to, at `heads`)
/// into the backup directory, then removes its backups beyond
/// `backup_keep`. Any failure is [`BackupError::Failed`].
pub fn backup(
    settings: &BackupSettings,
    url: &DatabaseUrl,
    connect: &ConnectOptions,
    db: &mut dyn Database,
    heads: &[String],
) -> Result<BackupMade, BackupError> {
    let now = chrono::Utc::now();
    let file = match url {
        DatabaseUrl::Postgres(pg) => {
            let os_user = connect
                .os_user
                .clone()
                .or_else(crate::db::connect::os_user);
            let params = PgParams::resolve(pg, &connect.libpq_env, os_user.as_deref())
                .map_err(|e| BackupError::Failed(e.to_string()))?;
            let program = settings
                .pg_dump
                .clone()
                .unwrap_or_else(|| PathBuf::from("pg_dump"));
            let server = server_version_num(db)?;
            super::postgres::check_version(&program, server).map_err(BackupError::Failed)?;
            let name = BackupName::new(&params.dbname, now, heads, naming::POSTGRES_EXTENSION);
            write(&settings.directory, name, |out| {
                super::postgres::dump(&program, &params, out)
            })?
        }
        DatabaseUrl::Sqlite(SqliteTarget::File(path)) => {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let name = BackupName::new(&stem, now, heads, naming::SQLITE_EXTENSION);
            write(&settings.directory, name, |out| {
                sqlite_copy(path, out, connect.sqlite_busy_timeout)
            })?
        }
        DatabaseUrl::Sqlite(SqliteTarget::Memory) => {
            return Err(BackupError::Failed(crate::tr!(
                "run-backup-sqlite-in-memory"
            )))
        }
    };
    let mut made = BackupMade {
        removed: Vec::new(),
        warning: None,
        file,
    };
    if let Some(keep) = settings.keep {
        match store::prune(&settings.directory, &made.file.name.database, keep as usize) {
            Ok(removed) => made.removed = removed,
            Err(e) => {
                made.warning = Some(crate::tr!(
                    "run-backup-prune-failed",
                    directory = &settings.directory,
                    keep = keep,
                    reason = e.to_string()
                ))
            }
        }
    }
    Ok(made)
}

/// Writes a backup under a temporary name with `make`, and names it only
/// when `make` succeeded.
fn write(
    dir: &Path,
    name: BackupName,
    make: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<store::BackupFile, BackupError> {
    let io = |e: std::io::Error| {
        BackupError::Failed(crate::tr!(
            "run-backup-cannot-write-directory",
            directory = dir,
            reason = e.to_string()
        ))
    };
    let pending = store::reserve(dir, name).map_err(io)?;
    make(&pending.temp).map_err(BackupError::Failed)?;
    pending.commit().map_err(io)
}

fn server_version_num(db: &mut dyn Database) -> Result<u32, BackupError> {
    let rows = db
        .query_text("SHOW server_version_num", &[])
        .map_err(|e| {
            BackupError::Failed(crate::tr!(
                "run-backup-cannot-read-server-version",
                reason = e.to_string()
            ))
        })?;
    rows.first()
        .and_then(|row| row.first().cloned().flatten())
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| BackupError::Failed(crate::tr!("run-backup-server-version-unknown")))
}

#[cfg(feature = "sqlite")]
fn sqlite_copy(path: &Path, out: &Path, busy: std::time::Duration) -> Result<(), String> {
    super::sqlite::copy(path, out, busy)
}

#[cfg(not(feature = "sqlite"))]
fn sqlite_copy(path: &Path, _: &Path, _: std::time::Duration) -> Result<(), String> {
    Err(crate::tr!("run-backup-no-sqlite-feature", path = path))
}
