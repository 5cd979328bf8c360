//! Autogenerate's pipeline, written once for every backend: read both
//! sides (at the same time, each on its own connection), diff with the
//! requested renames, point out or ask about rename candidates, and render
//! the migration with a header listing every change.

use super::backend::{Backend, Change};
use crate::i18n::Description;
use super::dispatch::{with_backend, Job};
use super::erd::Erd;
use super::output::{Drift, Generated};
use super::rename::{RenameCandidate, RenameRequests};
use super::settings::Settings;
use super::side::Side;
use super::target::target_sources;
use crate::project::Project;
use crate::url::DatabaseUrl;
use crate::Result;

/// Reads both sides at once: loading schema files is most of the work, and
/// the other side is read meanwhile. The first side's error wins when both
/// fail, as when they were read one after the other. What `[autogenerate]`
/// leaves out is then taken out of both.
fn read_both<B: Backend>(backend: &B, from: &Side, to: &Side) -> Result<(B::Schema, B::Schema)> {
    let (mut from, mut to) = std::thread::scope(|scope| {
        let to = scope.spawn(|| backend.read(to));
        let from = backend.read(from);
        let to = to
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Ok::<_, crate::Error>((from?, to?))
    })?;
    backend.restrict(&mut from, &mut to);
    Ok((from, to))
}

/// The ops from `from` to `to` with the `--rename` requests in `texts`.
fn diff_with_renames<B: Backend>(
    backend: &B,
    from: &B::Schema,
    to: &B::Schema,
    texts: &[String],
) -> Result<Vec<B::Op>> {
    let requests = RenameRequests::parse(texts, |name| backend.is_dropped_table(from, to, name))?;
    backend.diff(from, to, &requests)
}

/// One line per op, for the screen and for programs.
pub(crate) fn describe<O: Change>(ops: &[O]) -> Vec<Description> {
    ops.iter()
        .map(|op| Description::new(|| op.describe()))
        .collect()
}

/// The project's database and its target schema.
fn database_and_target(project: &Project) -> Result<(Side, Side)> {
    Ok((
        Side::Database(project.config.database_url()?),
        Side::Files(target_sources(&project.config)),
    ))
}

struct Check<'a> {
    project: &'a Project,
    database: DatabaseUrl,
}

impl Job for Check<'_> {
    type Output = Drift;
    fn run<B: Backend>(self, backend: &B) -> Result<Drift> {
        let database = Side::Database(self.database);
        let target = Side::Files(target_sources(&self.project.config));
        let (live, target) = read_both(backend, &database, &target)?;
        let ops = backend.diff(&live, &target, &RenameRequests::default())?;
        Ok(Drift {
            differences: describe(&ops),
        })
    }
}

struct DiffSql {
    from: Side,
    to: Side,
}

impl Job for DiffSql {
    type Output = String;
    fn run<B: Backend>(self, backend: &B) -> Result<String> {
        let (from, to) = read_both(backend, &self.from, &self.to)?;
        let ops = backend.diff(&from, &to, &RenameRequests::default())?;
        Ok(backend.render_statements(&ops))
    }
}

/// The migration from one database to another, with its list of changes.
struct Between {
    from: DatabaseUrl,
    to: DatabaseUrl,
}

impl Job for Between {
    type Output = Generated;
    fn run<B: Backend>(self, backend: &B) -> Result<Generated> {
        let (from, to) = read_both(
            backend,
            &Side::Database(self.from),
            &Side::Database(self.to),
        )?;
        let ops = backend.diff(&from, &to, &RenameRequests::default())?;
        Ok(Generated {
            changes: describe(&ops),
            migration: backend.render_migration(&ops),
        })
    }
}

/// The migration (both sections) that takes the database at `from` to the
/// schema of the one at `to`, both of `to`'s dialect: from an empty
/// database, one that creates all of `to` and drops it all again (`import
/// alembic --baseline`). No project: the caller's `settings` say what the
/// comparison leaves out.
pub fn migration_between(
    from: &DatabaseUrl,
    to: &DatabaseUrl,
    settings: &Settings,
) -> Result<Generated> {
    let job = Between {
        from: from.clone(),
        to: to.clone(),
    };
    with_backend(to, settings, job)
}

struct Autogenerate<'a> {
    project: &'a Project,
    renames: &'a [String],
    confirm: &'a mut dyn FnMut(&[RenameCandidate]) -> Result<Vec<String>>,
}

impl Job for Autogenerate<'_> {
    type Output = Option<Generated>;
    fn run<B: Backend>(self, backend: &B) -> Result<Option<Generated>> {
        let (database, target) = database_and_target(self.project)?;
        let (live, target) = read_both(backend, &database, &target)?;
        let mut renames = self.renames.to_vec();
        let mut ops = diff_with_renames(backend, &live, &target, &renames)?;
        let confirmed = (self.confirm)(&backend.rename_candidates(&ops))?;
        if !confirmed.is_empty() {
            renames.extend(confirmed);
            ops = diff_with_renames(backend, &live, &target, &renames)?;
        }
        if ops.is_empty() {
            return Ok(None);
        }
        Ok(Some(Generated {
            changes: describe(&ops),
            migration: backend.render_migration(&ops),
        }))
    }
}

/// One side's schema as a diagram: what `[autogenerate]` owns of it.
struct Diagram {
    side: Side,
}

impl Job for Diagram {
    type Output = Erd;
    fn run<B: Backend>(self, backend: &B) -> Result<Erd> {
        let mut schema = backend.read(&self.side)?;
        // Restricting needs the target's side; the side is its own.
        let mut same = schema.clone();
        backend.restrict(&mut schema, &mut same);
        backend.erd(&schema)
    }
}

impl Project {
    /// The entity-relationship diagram of the project's database (or the
    /// database `side` names), or with `target`, of the target schema.
    pub fn erd(&self, settings: &Settings, side: Option<Side>, target: bool) -> Result<Erd> {
        let url = self.config.database_url()?;
        let (database, target_side) = database_and_target(self)?;
        let side = match (side, target) {
            (Some(side), _) => side,
            (None, true) => target_side,
            (None, false) => database,
        };
        with_backend(&url, settings, Diagram { side })
    }


    /// Compares the database (which must be at the heads, as for
    /// autogenerate) with the target schema: [`Drift::in_sync`] when they
    /// match, else each difference.
    pub fn check(&self, settings: &Settings) -> Result<Drift> {
        self.check_database(&self.config.database_url()?, settings)
    }

    /// [`Project::check`] on the database at `url` rather than the
    /// configured one (one target of a fleet).
    pub fn check_database(&self, url: &DatabaseUrl, settings: &Settings) -> Result<Drift> {
        self.require_at_heads(url, &settings.connect)?;
        let job = Check {
            project: self,
            database: url.clone(),
        };
        with_backend(url, settings, job)
    }

    /// The upgrade SQL from one side to the other: by default from the
    /// project's database to its target schema. Empty when they match.
    pub fn diff(
        &self,
        settings: &Settings,
        from: Option<Side>,
        to: Option<Side>,
    ) -> Result<String> {
        let url = self.config.database_url()?;
        let (database, target) = database_and_target(self)?;
        let job = DiffSql {
            from: from.unwrap_or(database),
            to: to.unwrap_or(target),
        };
        with_backend(&url, settings, job)
    }

    /// The migration from the database (which must be at the heads) to the
    /// target schema, or None when they match. `renames` are `--rename`
    /// requests; `confirm` hears of the drop-and-add pairs that may be
    /// renames and answers with more requests (none to keep them apart).
    pub fn autogenerate(
        &self,
        settings: &Settings,
        renames: &[String],
        confirm: &mut dyn FnMut(&[RenameCandidate]) -> Result<Vec<String>>,
    ) -> Result<Option<Generated>> {
        let url = self.config.database_url()?;
        self.require_at_heads(&url, &settings.connect)?;
        let job = Autogenerate {
            project: self,
            renames,
            confirm,
        };
        with_backend(&url, settings, job)
    }
}
