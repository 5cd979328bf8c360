//! A backup's file name says what it holds, so that a directory listing is
//! enough to find the right one: `{database}_{UTC time}_{revisions}.{ext}`,
//! e.g. `app_20261201T061500Z_ae1b2c.dump`. Retention and `retort backups`
//! read the names back, and only files named this way are ever treated as
//! retort's.

use chrono::{DateTime, NaiveDateTime, Utc};

/// The time in a name: UTC, to the second, sortable as text.
const TIME_FORMAT: &str = "%Y%m%dT%H%M%SZ";
/// `YYYYMMDDTHHMMSSZ`.
const TIME_LEN: usize = 16;

/// The revision part when the version table is empty.
pub const BASE: &str = "base";

/// Longest revision part kept whole: a database at many heads would
/// otherwise outgrow the file system's 255-byte names.
const MAX_REVISION_LEN: usize = 100;

/// A PostgreSQL backup: `pg_dump`'s custom format, for `pg_restore`.
pub const POSTGRES_EXTENSION: &str = "dump";
/// An SQLite backup: a database file.
pub const SQLITE_EXTENSION: &str = "sqlite";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupName {
    /// The database's name (PostgreSQL) or its file's stem (SQLite), made
    /// safe for a file name.
    pub database: String,
    pub time: DateTime<Utc>,
    /// The heads the database was at, joined by `+`; `base` for none.
    pub revision: String,
    /// [`POSTGRES_EXTENSION`] or [`SQLITE_EXTENSION`].
    pub extension: String,
}

impl BackupName {
    pub fn new(database: &str, time: DateTime<Utc>, heads: &[String], extension: &str) -> Self {
        let revision = if heads.is_empty() {
            BASE.to_string()
        } else {
            let joined = safe(&heads.join("+"));
            joined.chars().take(MAX_REVISION_LEN).collect()
        };
        BackupName {
            database: safe(database),
            // Whole seconds: the name says no more, and a name read back
            // must compare equal to the one written.
            time: DateTime::from_timestamp(time.timestamp(), 0).unwrap_or(time),
            revision,
            extension: extension.to_string(),
        }
    }

    pub fn file_name(&self) -> String {
        format!(
            "{}_{}_{}.{}",
            self.database,
            self.time.format(TIME_FORMAT),
            self.revision,
            self.extension
        )
    }

    /// The name read back; None for any file retort did not name (it is
    /// then never listed, and never deleted).
    pub fn parse(file_name: &str) -> Option<BackupName> {
        let (stem, extension) = file_name.rsplit_once('.')?;
        if extension != POSTGRES_EXTENSION && extension != SQLITE_EXTENSION {
            return None;
        }
        if file_name.starts_with('.') {
            return None; // a backup being written
        }
        // The first `_TIME_` from the left: database names may hold `_`,
        // revision ids too, but not a time between two of them.
        let bytes = stem.as_bytes();
        (1..stem.len()).find_map(|i| {
            let end = i + 1 + TIME_LEN;
            if bytes[i] != b'_' || bytes.get(end) != Some(&b'_') || !stem.is_char_boundary(end) {
                return None;
            }
            let time = NaiveDateTime::parse_from_str(&stem[i + 1..end], TIME_FORMAT).ok()?;
            let revision = &stem[end + 1..];
            if revision.is_empty() {
                return None;
            }
            Some(BackupName {
                database: stem[..i].to_string(),
                time: time.and_utc(),
                revision: revision.to_string(),
                extension: extension.to_string(),
            })
        })
    }
}

/// Letters, digits, `_`, `-`, `+` and `.` kept (a `_` in a database name
/// is no trouble: the name is read back at its time, not at its first
/// `_`); anything else (a `/`, a space) becomes `-`. Never empty.
fn safe(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let cleaned = cleaned.trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        "db".to_string()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_name_reads_back() {
        let time = Utc.with_ymd_and_hms(2026, 12, 1, 6, 15, 0).unwrap();
        let name = BackupName::new(
            "my app",
            time,
            &["ae1b2c".into(), "f00d_x".into()],
            "dump",
        );
        assert_eq!(name.file_name(), "my-app_20261201T061500Z_ae1b2c+f00d_x.dump");
        assert_eq!(BackupName::parse(&name.file_name()), Some(name));
        let underscored = BackupName::new("my_db_2", time, &["0001_init".into()], "dump");
        let read = BackupName::parse(&underscored.file_name()).unwrap();
        assert_eq!((read.database.as_str(), read.revision.as_str()), ("my_db_2", "0001_init"));
        let base = BackupName::new("app", time, &[], "sqlite");
        assert_eq!(base.file_name(), "app_20261201T061500Z_base.sqlite");
    }

    #[test]
    fn other_files_are_not_backups() {
        for name in [
            "notes.txt",
            "app.dump",
            "app_manual.dump",
            "app_20261201T061500Z_.dump",
            "app_20261201T061500Z_r1.sql",
            ".app_20261201T061500Z_r1.dump",
            "_20261201T061500Z_r1.dump",
            "app_20261399T061500Z_r1.dump",
        ] {
            assert_eq!(BackupName::parse(name), None, "{name}");
        }
    }
}
