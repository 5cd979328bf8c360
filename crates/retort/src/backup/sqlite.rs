//! An SQLite backup through SQLite's online backup API: a consistent copy
//! of the database's pages, taken while other connections may use it,
//! rather than a file copy that could catch a write half done (or miss
//! what sits in the WAL).

use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use rusqlite::backup::StepResult;
use std::time::{Duration, Instant};

/// Copies the database in `source` into a new database file `out`.
pub fn copy(source: &Path, out: &Path, busy_timeout: Duration) -> Result<(), String> {
    let what = |e: rusqlite::Error| {
        crate::tr!(
            "run-backup-of-failed",
            path = source,
            reason = e.to_string()
        )
    };
    // Read-only and never created: a backup must not make a database.
    let src = Connection::open_with_flags(
        source,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(what)?;
    src.busy_timeout(busy_timeout).map_err(what)?;
    let mut dst = Connection::open(out).map_err(what)?;
    let backup = rusqlite::backup::Backup::new(&src, &mut dst).map_err(what)?;
    // All pages in one step, under one read lock: a consistent copy. A
    // writer holding the lock is waited for, up to the busy timeout.
    let deadline = Instant::now() + busy_timeout;
    loop {
        match backup.step(-1).map_err(what)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ if Instant::now() >= deadline => {
                return Err(crate::tr!(
                    "run-backup-of-failed",
                    path = source,
                    reason = crate::tr!(
                        "run-backup-locked-too-long",
                        seconds = busy_timeout.as_secs()
                    )
                ))
            }
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}
