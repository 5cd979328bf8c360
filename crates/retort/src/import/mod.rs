//! `retort import alembic`: an Alembic history of Python migration files
//! → one retort migration file per revision, with the same revision ids,
//! parents, branch labels and dependencies, so that a database Alembic
//! migrated carries on under retort with nothing to stamp.
//!
//! - [`helper`]: the SQL comes from Alembic itself, run once for the whole
//!   history in the project's Python (offline rendering, or a replay on a
//!   scratch database for code that needs a connection).
//! - [`render`]: one revision's file text, with its warnings.
//! - [`baseline`] (`--baseline`): instead, one file per head holding the
//!   whole schema at that head, rendered by autogenerate.
//! - [`write`]: every file written into a temporary directory first and
//!   moved into place only when all of them are good.

#[cfg(feature = "autogenerate")]
pub mod baseline;
pub mod helper;
pub mod render;
pub mod write;

pub use helper::{resolve_python, Source};
pub use render::Concern;

use crate::revision::RevisionMap;
use crate::script::Script;
use crate::url::{DatabaseUrl, Dialect};
use crate::{tr, Error, Result};
use std::path::{Path, PathBuf};

/// What to import, and where.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub source: Source,
    /// The interpreter that has the project's Alembic ([`resolve_python`]).
    pub python: PathBuf,
    /// The SQL dialect to render.
    pub dialect: Dialect,
    /// A PostgreSQL server to create the scratch database on, for
    /// revisions that need a connection.
    pub scratch: Option<DatabaseUrl>,
    /// retort's versions directory, written into.
    pub target: PathBuf,
    /// Replace files that already exist.
    pub force: bool,
    /// Write one baseline per head instead of the revisions.
    #[cfg(feature = "autogenerate")]
    pub baseline: Option<baseline::BaselineSettings>,
}

/// One file written, and what it is worth telling about it.
#[derive(Debug)]
pub struct ImportedRevision {
    pub revision: String,
    pub path: PathBuf,
    pub source: PathBuf,
    pub concerns: Vec<Concern>,
}

#[derive(Debug)]
pub struct ImportReport {
    /// The revisions converted (with --baseline, not written).
    pub revisions: Vec<ImportedRevision>,
    /// With --baseline: each head's file, and how many revisions it replaces.
    pub baselines: Vec<(String, PathBuf, usize)>,
    pub heads: Vec<String>,
    pub alembic_version: String,
}

/// Reads the Alembic history, converts every revision, checks that the
/// converted graph has Alembic's heads, and writes the files.
pub fn import_alembic(options: &ImportOptions) -> Result<ImportReport> {
    check_source(&options.source)?;
    let history = helper::read_history(
        &options.python,
        &options.source,
        options.dialect,
        options.scratch.as_ref(),
    )?;
    if history.revisions.is_empty() {
        return Err(Error::Usage(tr!("import-no-revisions")));
    }
    let mut files = Vec::with_capacity(history.revisions.len());
    let mut scripts = Vec::with_capacity(history.revisions.len());
    let mut revisions = Vec::with_capacity(history.revisions.len());
    for revision in &history.revisions {
        let stem = revision
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| revision.id.clone());
        let source_name = revision
            .path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let converted = render::convert(revision, &source_name);
        let path = options.target.join(format!("{stem}.sql"));
        // The text must read back as the revision it came from.
        let script = Script::parse(&path, &converted.text).map_err(|e| {
            Error::Usage(tr!(
                "import-revision-not-writable",
                revision = &revision.id,
                path = &revision.path,
                error = e.to_string()
            ))
        })?;
        if script.revision != revision.id
            || script.down_revisions != revision.down_revisions
            || script.branch_labels != revision.branch_labels
            || script.depends_on != revision.depends_on
        {
            return Err(Error::Usage(tr!(
                "import-header-differs",
                revision = &revision.id,
                path = &revision.path
            )));
        }
        scripts.push(script);
        files.push((path.clone(), converted.text));
        revisions.push(ImportedRevision {
            revision: revision.id.clone(),
            path,
            source: revision.path.clone(),
            concerns: converted.concerns,
        });
    }
    check_graph(scripts.clone(), &history.heads)?;
    #[allow(unused_mut)] // filled only with the autogenerate feature
    let mut baselines = Vec::new();
    #[cfg(feature = "autogenerate")]
    if let Some(settings) = &options.baseline {
        let made = baseline::baselines(
            scripts,
            &history.heads,
            options.dialect,
            options.scratch.as_ref(),
            &options.target,
            settings,
        )?;
        files = made.iter().map(|b| (b.path.clone(), b.text.clone())).collect();
        baselines = made
            .into_iter()
            .map(|b| (b.head, b.path, b.replaces))
            .collect();
    }
    write::place(&options.target, &files, options.force)?;
    Ok(ImportReport {
        revisions,
        baselines,
        heads: history.heads,
        alembic_version: history.alembic_version,
    })
}

/// alembic.ini must exist and be readable (Alembic itself would quietly
/// read an empty configuration), and a versions directory must exist.
fn check_source(source: &Source) -> Result<()> {
    match source {
        Source::Ini { path, .. } => match std::fs::read(path) {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(Error::Usage(tr!("import-no-ini", path = path)))
            }
            Err(e) => Err(Error::Usage(tr!(
                "import-cannot-read",
                path = path,
                error = e.to_string()
            ))),
        },
        Source::Versions(dir) if dir.is_dir() => Ok(()),
        Source::Versions(dir) => Err(Error::Usage(tr!("import-not-a-versions-directory", path = dir))),
    }
}

/// The converted files must make a graph retort accepts, with exactly
/// the heads Alembic reports.
fn check_graph(scripts: Vec<Script>, alembic_heads: &[String]) -> Result<()> {
    let directory = write::converted_directory(scripts)?;
    let map = RevisionMap::new(directory.revisions())?;
    let mut heads: Vec<String> = map
        .heads_listing(false)
        .iter()
        .map(|r| r.id.clone())
        .collect();
    heads.sort();
    let mut expected = alembic_heads.to_vec();
    expected.sort();
    if heads != expected {
        return Err(Error::Usage(tr!(
            "import-heads-differ",
            converted = heads.join(", "),
            alembic = expected.join(", ")
        )));
    }
    Ok(())
}

/// The default alembic.ini: in the directory given (the current one).
pub fn default_ini(cwd: &Path) -> PathBuf {
    cwd.join("alembic.ini")
}
