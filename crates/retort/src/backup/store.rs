//! The backup directory: listing retort's backups, writing a new one so
//! that only a finished file ever carries a backup's name, and keeping the
//! newest `backup_keep` of each database.

use super::naming::BackupName;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A backup file in the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub name: BackupName,
    /// Bytes.
    pub size: u64,
}

/// What a run's backup did.
#[derive(Debug, Clone)]
pub struct BackupMade {
    pub file: BackupFile,
    /// Older backups of the same database removed by `backup_keep`.
    pub removed: Vec<PathBuf>,
    /// Removing them failed (the backup itself is fine).
    pub warning: Option<String>,
}

/// retort's backups in `dir`, newest first; nothing when `dir` is missing.
/// Files named otherwise are not listed.
pub fn list(dir: &Path) -> io::Result<Vec<BackupFile>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry?;
        let Some(name) = entry.file_name().to_str().and_then(BackupName::parse) else {
            continue;
        };
        let metadata = entry.metadata()?;
        if !metadata.is_file() {
            continue;
        }
        // Names say the time to the second; two backups made in one
        // second (runs a step apart) are told apart by when each was
        // written, so that the newest is never taken for the oldest.
        let written = metadata.modified().ok();
        found.push((
            BackupFile {
                path: entry.path(),
                name,
                size: metadata.len(),
            },
            written,
        ));
    }
    found.sort_by(|(a, a_written), (b, b_written)| {
        (b.name.time, b_written, &b.path).cmp(&(a.name.time, a_written, &a.path))
    });
    Ok(found.into_iter().map(|(file, _)| file).collect())
}

/// Removes `database`'s backups beyond the newest `keep`; returns what it
/// removed. Other databases' backups and files retort did not name stay.
pub fn prune(dir: &Path, database: &str, keep: usize) -> io::Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    let theirs = list(dir)?
        .into_iter()
        .filter(|b| b.name.database == database);
    for old in theirs.skip(keep) {
        fs::remove_file(&old.path)?;
        removed.push(old.path);
    }
    Ok(removed)
}

/// A backup being written: a hidden temporary file beside its final name,
/// removed unless [`Pending::commit`] renames it, so a failed or
/// interrupted backup never looks like a finished one.
#[derive(Debug)]
pub struct Pending {
    pub temp: PathBuf,
    final_path: PathBuf,
    name: BackupName,
    committed: bool,
}

/// Makes the directory and picks the file name: `name`, or when a backup
/// of that name exists already (two in one second), the next second's.
pub fn reserve(dir: &Path, mut name: BackupName) -> io::Result<Pending> {
    fs::create_dir_all(dir)?;
    while dir.join(name.file_name()).exists() {
        name.time += chrono::Duration::seconds(1);
    }
    let file_name = name.file_name();
    let temp = dir.join(format!(".{file_name}.partial-{}", std::process::id()));
    Ok(Pending {
        temp,
        final_path: dir.join(file_name),
        name,
        committed: false,
    })
}

impl Pending {
    /// Flushes the finished temporary file to disk and gives it its name.
    pub fn commit(mut self) -> io::Result<BackupFile> {
        let file = fs::File::open(&self.temp)?;
        file.sync_all()?;
        let size = file.metadata()?.len();
        drop(file);
        fs::rename(&self.temp, &self.final_path)?;
        self.committed = true;
        // The rename itself survives a crash once the directory is synced.
        if let Some(dir) = self.final_path.parent() {
            if let Ok(dir) = fs::File::open(dir) {
                let _ = dir.sync_all();
            }
        }
        Ok(BackupFile {
            path: self.final_path.clone(),
            name: self.name.clone(),
            size,
        })
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.temp);
        }
    }
}
