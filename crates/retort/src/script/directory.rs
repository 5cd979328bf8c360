//! Every migration file of a project, read in the order Alembic reads them:
//! location by location (`script_location/versions` first, then
//! `version_locations` in the order given), and within one location by file
//! name, by code point. Files are read and parsed on several threads; all
//! broken files are reported together.

use super::{Script, ScriptError};
use crate::revision::Revision;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Below this many files, threads cost more than they save.
const FILES_PER_THREAD: usize = 256;

/// All migration files of a project, in the order Alembic reads them.
#[derive(Debug, Clone, Default)]
pub struct ScriptDirectory {
    pub scripts: Vec<Script>,
    /// Revision id → index into `scripts`.
    by_id: HashMap<String, usize>,
    /// Things about the directories themselves worth telling: a Python
    /// migration left beside the `.sql` files, which retort does not read.
    directory_warnings: Vec<super::Warning>,
}

impl ScriptDirectory {
    /// Loads every `.sql` file in the version locations; reports every broken file at once.
    pub fn load(config: &crate::config::Config) -> Result<ScriptDirectory, ScriptError> {
        ScriptDirectory::load_dirs(&config.version_dirs())
    }

    /// Loads every `.sql` file of `dirs`, in order. Each directory must
    /// exist; a directory named twice is read once.
    pub fn load_dirs(dirs: &[PathBuf]) -> Result<ScriptDirectory, ScriptError> {
        let mut files = Vec::new();
        let mut python_files = Vec::new();
        let mut seen_dirs = Vec::new();
        for dir in dirs {
            let canonical = dir
                .canonicalize()
                .map_err(|_| ScriptError::MissingDirectory { path: dir.clone() })?;
            if seen_dirs.contains(&canonical) {
                continue;
            }
            seen_dirs.push(canonical);
            let listing = list_sql_files(dir)?;
            files.extend(listing.sql);
            python_files.extend(listing.python);
        }
        let parsed = read_all(&files);
        let mut errors = Vec::new();
        let mut scripts = Vec::with_capacity(parsed.len());
        for result in parsed {
            match result {
                Ok(script) => scripts.push(script),
                Err(e) => errors.push(e),
            }
        }
        match ScriptDirectory::from_scripts(scripts) {
            Ok(mut directory) if errors.is_empty() => {
                directory.directory_warnings = python_files
                    .into_iter()
                    .map(|path| super::Warning {
                        path,
                        line: 0,
                        message: crate::tr!("script-python-migration"),
                    })
                    .collect();
                Ok(directory)
            }
            Ok(_) => Err(ScriptError::collect(errors).expect("not empty")),
            Err(duplicates) => {
                errors.extend(duplicates);
                Err(ScriptError::collect(errors).expect("not empty"))
            }
        }
    }

    /// A directory from already parsed scripts, in the order given; every
    /// revision id that two scripts share is an error.
    pub fn from_scripts(scripts: Vec<Script>) -> Result<ScriptDirectory, Vec<ScriptError>> {
        let mut by_id = HashMap::with_capacity(scripts.len());
        let mut duplicates = Vec::new();
        for (index, script) in scripts.iter().enumerate() {
            if let Some(&first) = by_id.get(&script.revision) {
                let first: &Script = &scripts[first];
                duplicates.push(ScriptError::DuplicateRevision {
                    id: script.revision.clone(),
                    first: first.path.clone(),
                    second: script.path.clone(),
                });
            } else {
                by_id.insert(script.revision.clone(), index);
            }
        }
        if duplicates.is_empty() {
            Ok(ScriptDirectory {
                scripts,
                by_id,
                directory_warnings: Vec::new(),
            })
        } else {
            Err(duplicates)
        }
    }

    /// What the revision graph needs, in file order.
    pub fn revisions(&self) -> Vec<Revision> {
        self.scripts.iter().map(Script::to_revision).collect()
    }

    /// The script of a full revision id.
    pub fn get(&self, revision: &str) -> Option<&Script> {
        self.by_id.get(revision).map(|&i| &self.scripts[i])
    }

    /// The directories' warnings (Python files left there), then every
    /// script's, in file order.
    pub fn warnings(&self) -> impl Iterator<Item = &super::Warning> {
        self.directory_warnings
            .iter()
            .chain(self.scripts.iter().flat_map(|s| &s.warnings))
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Script> {
        self.scripts.iter()
    }

    pub fn len(&self) -> usize {
        self.scripts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.scripts.is_empty()
    }
}

/// What a versions directory holds: its migration files, and the Python
/// files that retort does not read but reports.
struct Listing {
    sql: Vec<PathBuf>,
    python: Vec<PathBuf>,
}

/// The `.sql` files directly in `dir`, sorted by name, and its `.py` files. Hidden files (editor
/// backups such as `.#x.sql`) are skipped, as Alembic skips `.#` files.
///
/// Every other `.sql` entry must be a regular file, or a symbolic link to
/// one, with a UTF-8 name: a dangling link, a link loop, a directory, a
/// pipe or a name retort cannot spell is an error naming the path, not a
/// file skipped in silence (which would quietly move the head back).
fn list_sql_files(dir: &Path) -> Result<Listing, ScriptError> {
    let io_error = |source| ScriptError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut names = Vec::new();
    let mut python = Vec::new();
    let mut errors = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io_error)? {
        let entry = entry.map_err(io_error)?;
        let path = entry.path();
        let name = entry.file_name();
        let lossy = name.to_string_lossy();
        if lossy.ends_with(".py") && !lossy.starts_with('.') && lossy != "__init__.py" {
            python.push(path);
            continue;
        }
        if !lossy.ends_with(".sql") || lossy.starts_with('.') {
            continue;
        }
        match check_entry(&entry, &path) {
            Err(error) => errors.push((path, error)),
            Ok(()) => match name.to_str() {
                Some(name) => names.push(name.to_string()),
                None => {
                    let error = ScriptError::Message(crate::tr!(
                        "script-file-name-not-utf8",
                        path = path.as_path()
                    ));
                    errors.push((path, error));
                }
            },
        }
    }
    // In name order, as the files are read, whatever order the directory lists them in.
    errors.sort_by(|a, b| a.0.cmp(&b.0));
    if let Some(error) = ScriptError::collect(errors.into_iter().map(|(_, e)| e).collect()) {
        return Err(error);
    }
    // Rust's `str` order is byte order, and UTF-8 byte order is code point
    // order: Python's `sorted` of the names.
    names.sort_unstable();
    python.sort();
    Ok(Listing {
        sql: names.into_iter().map(|name| dir.join(name)).collect(),
        python,
    })
}

/// Whether a `.sql` entry is a regular file, following symbolic links.
fn check_entry(entry: &std::fs::DirEntry, path: &Path) -> Result<(), ScriptError> {
    let io_error = |source| ScriptError::Io {
        path: path.to_path_buf(),
        source,
    };
    // `file_type` does not follow symlinks; `metadata` on the path does.
    let file_type = entry.file_type().map_err(io_error)?;
    if file_type.is_file() {
        return Ok(());
    }
    let (kind, followed) = if file_type.is_symlink() {
        let target = std::fs::read_link(path).map_err(io_error)?;
        match std::fs::metadata(path) {
            Ok(meta) => (
                meta.file_type(),
                crate::tr!("script-via-link", target = target.as_path()),
            ),
            Err(source) => {
                return Err(ScriptError::Message(crate::tr!(
                    "script-broken-link",
                    path = path,
                    target = target.as_path(),
                    reason = source.to_string()
                )))
            }
        }
    } else {
        (file_type, String::new())
    };
    if kind.is_file() {
        return Ok(());
    }
    let what = if kind.is_dir() {
        crate::tr!("script-kind-directory")
    } else {
        crate::tr!("script-kind-not-regular")
    };
    Err(ScriptError::Message(crate::tr!(
        "script-not-a-file",
        path = path,
        followed = followed,
        what = what
    )))
}

/// Reads and parses every file, in parallel chunks, keeping the order.
fn read_all(files: &[PathBuf]) -> Vec<Result<Script, ScriptError>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len() / FILES_PER_THREAD)
        .max(1);
    if threads == 1 {
        return files.iter().map(|path| Script::read(path)).collect();
    }
    let chunk_size = files.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk_size)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|path| Script::read(path))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("parsing does not panic"))
            .collect()
    })
}
