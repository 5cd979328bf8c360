//! libpq's password file (`~/.pgpass`, or `PGPASSFILE`): lines of
//! `host:port:database:user:password`, where `*` matches anything and `\`
//! escapes `:` and `\`. The first matching line wins. As libpq does, a file
//! that others may read is ignored, since it holds passwords in clear, and
//! a warning on stderr says why (libpq's words, once per file and process).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The password the file at `path` gives for this connection, if any.
pub fn lookup(path: &Path, host: &str, port: u16, dbname: &str, user: &str) -> Option<String> {
    if !private(path) {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    // A socket directory is matched as `localhost`, as libpq does.
    let host = if host.starts_with('/') {
        "localhost"
    } else {
        host
    };
    let port = port.to_string();
    let wanted = [host, port.as_str(), dbname, user];
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .filter_map(fields)
        .find(|fields| {
            fields[..4]
                .iter()
                .zip(wanted)
                .all(|(field, value)| field == "*" || field == value)
        })
        .map(|fields| fields[4].clone())
}

/// The five fields of a line, unescaped; None for a line with fewer.
fn fields(line: &str) -> Option<Vec<String>> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => fields.last_mut()?.push(chars.next().unwrap_or('\\')),
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut()?.push(c),
        }
    }
    (fields.len() == 5).then_some(fields)
}

/// Whether the file may be read: a plain file only its owner can read.
/// A file that exists but may not be used is warned about, as libpq does;
/// a missing file is not.
fn private(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    match refusal(&meta) {
        None => true,
        Some(why) => {
            warn_once(path, &why);
            false
        }
    }
}

/// libpq's reason for not reading a password file, if it has one.
fn refusal(meta: &std::fs::Metadata) -> Option<String> {
    if !meta.is_file() {
        return Some(crate::tr!("run-pgpass-not-a-file"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            return Some(crate::tr!("run-pgpass-too-open"));
        }
    }
    None
}

/// The warning libpq prints, once for each file in this process: a
/// command that connects several times says it once.
fn warn_once(path: &Path, why: &str) {
    static WARNED: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());
    let mut warned = WARNED.lock().unwrap_or_else(|e| e.into_inner());
    if warned.insert(path.to_path_buf()) {
        eprintln!("{}", crate::tr!("run-pgpass-warning", path = path, why = why));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str, mode: u32) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), text).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(file.path(), std::fs::Permissions::from_mode(mode)).unwrap();
        }
        let _ = mode;
        file
    }

    #[test]
    fn the_first_matching_line_wins() {
        let f = file(
            "# comment\nother:5432:*:*:nope\ndb.example.com:5432:app:alice:s3:cr\\:et\n*:*:*:alice:fallback\n",
            0o600,
        );
        let get = |host, port, db, user| lookup(f.path(), host, port, db, user);
        assert_eq!(
            get("db.example.com", 5432, "app", "alice").as_deref(),
            Some("s3:cr:et")
        );
        assert_eq!(
            get("db.example.com", 5433, "app", "alice").as_deref(),
            Some("fallback")
        );
        assert_eq!(get("db.example.com", 5432, "app", "bob"), None);
        assert_eq!(get("other", 5432, "x", "bob").as_deref(), Some("nope"));
    }

    #[test]
    fn a_socket_directory_is_localhost() {
        let f = file("localhost:5432:*:*:local\n", 0o600);
        assert_eq!(
            lookup(f.path(), "/var/run/postgresql", 5432, "db", "u").as_deref(),
            Some("local")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_file_others_can_read_is_ignored() {
        let f = file("*:*:*:*:secret\n", 0o644);
        assert_eq!(lookup(f.path(), "h", 5432, "d", "u"), None);
    }
}
