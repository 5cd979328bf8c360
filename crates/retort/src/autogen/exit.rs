//! Cleaning up when a signal ends the process.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// For a Ctrl-C or SIGTERM handler, just before the process exits: drops
/// the scratch databases this process made and has not dropped yet, and
/// removes its scratch directories (a guard's `Drop` does not run when a
/// signal ends the process).
pub fn clean_up_before_exit() {
    #[cfg(feature = "postgres")]
    super::postgres::scratch::drop_active_scratch_databases();
    let dirs = std::mem::take(&mut *ACTIVE_DIRS.lock().unwrap_or_else(|e| e.into_inner()));
    for dir in dirs {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// The scratch directories that exist right now.
static ACTIVE_DIRS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary directory for a scratch SQLite database, removed when the
/// guard goes or, if a signal ends the process first, by
/// [`clean_up_before_exit`].
pub struct ScratchDir {
    dir: tempfile::TempDir,
}

impl ScratchDir {
    /// A new directory in the system's temporary directory, its name
    /// starting with `prefix`.
    pub fn new(prefix: &str) -> std::io::Result<ScratchDir> {
        let dir = tempfile::Builder::new().prefix(prefix).tempdir()?;
        ACTIVE_DIRS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(dir.path().to_path_buf());
        Ok(ScratchDir { dir })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        // The TempDir removes the directory itself right after.
        ACTIVE_DIRS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|p| p != self.dir.path());
    }
}
