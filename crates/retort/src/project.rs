//! A project: its configuration, its migration files and their revision
//! graph, loaded together. This is what an application embedding retort,
//! and every command, starts from.

use crate::backup::{guard, BeforeRun};
use crate::config::{Config, ConfigOptions};
use crate::db::version_table::VersionTable;
use crate::db::{ConnectOptions, Database};
use crate::offline::{self, OfflineOptions};
use crate::revision::plan::{parse_migrate_argument, parse_stamp_sql_arguments};
use crate::revision::{Direction, Plan, RevisionMap, StepKind};
use crate::runtime::{self, PlannedRun, RunReport, RuntimeOptions};
use crate::script::{Script, ScriptDirectory, ScriptError};
use crate::url::{DatabaseUrl, Dialect};
use crate::{Error, Result};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// How an online run connects and behaves, beyond what retort.toml says.
#[derive(Debug, Clone, Default)]
pub struct RunSettings {
    pub connect: ConnectOptions,
    /// Accept edited applied migrations, recording their new checksums.
    pub allow_edited: bool,
    /// How long to wait for another run's lock (the config's `lock_timeout` when None).
    pub lock_timeout: Option<Duration>,
    /// The migrations' own lock wait limit (the config's `migration_lock_timeout` when None).
    pub migration_lock_timeout: Option<Duration>,
    /// The migrations' statement time limit (the config's `migration_statement_timeout` when None).
    pub migration_statement_timeout: Option<Duration>,
    /// Runs again of a step that hit the lock timeout (the config's `migration_lock_retries` when None).
    pub migration_lock_retries: Option<u32>,
    /// Lets another thread (a Ctrl-C handler) stop the run.
    pub interrupt: Option<crate::runtime::Interrupt>,
    /// Recorded in the log rows of the run (`--tag`).
    pub tag: Option<String>,
    /// Told what the checks before the first change found and did (a
    /// downgrade's data loss, to confirm; the backup made). Without it a
    /// downgrade's drops are not looked for.
    pub before_run: Option<Arc<dyn BeforeRun>>,
}

/// Told of each step before it runs (progress output, logging).
pub use crate::runtime::StepObserver;

/// Which online change to make.
#[derive(Debug, Clone)]
pub enum Target<'a> {
    Upgrade(&'a str),
    Downgrade(&'a str),
    Stamp {
        revisions: &'a [String],
        purge: bool,
    },
}

/// One head and the revisions not applied yet on the way to it
/// ([`Project::pending`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingHead {
    pub head: String,
    /// Oldest first; empty when the database is at this head.
    pub revisions: Vec<String>,
}

pub struct Project {
    pub config: Config,
    pub scripts: ScriptDirectory,
    map: RevisionMap,
    by_id: HashMap<String, usize>,
}

impl Project {
    /// Reads the configuration, every migration file, and builds the graph.
    pub fn open(options: &ConfigOptions) -> Result<Project> {
        let config = Config::load(options)?;
        Project::from_config(config)
    }

    pub fn from_config(config: Config) -> Result<Project> {
        let scripts = ScriptDirectory::load(&config)?;
        Project::from_scripts(config, scripts)
    }

    /// A project whose migrations were read elsewhere (embedded in the
    /// program, say) rather than from the config's directories.
    pub fn from_scripts(config: Config, scripts: ScriptDirectory) -> Result<Project> {
        let map = RevisionMap::new(scripts.revisions())?;
        let by_id = scripts
            .scripts
            .iter()
            .enumerate()
            .map(|(i, s)| (s.revision.clone(), i))
            .collect();
        Ok(Project {
            config,
            scripts,
            map,
            by_id,
        })
    }

    pub fn map(&self) -> &RevisionMap {
        &self.map
    }

    pub fn script(&self, revision: &str) -> Option<&Script> {
        self.by_id.get(revision).map(|&i| &self.scripts.scripts[i])
    }

    /// The same project with its version table (and so its migration
    /// lock) in `schema`: one tenant schema of a fleet.
    pub fn with_version_table_schema(&self, schema: &str) -> Project {
        let mut config = self.config.clone();
        config.version_table_schema = Some(schema.to_string());
        Project {
            config,
            scripts: self.scripts.clone(),
            map: self.map.clone(),
            by_id: self.by_id.clone(),
        }
    }

    pub fn version_table(&self) -> VersionTable {
        VersionTable::new(
            &self.config.version_table,
            self.config.version_table_schema.as_deref(),
        )
    }

    fn offline_options(&self, dialect: Dialect) -> OfflineOptions {
        OfflineOptions {
            dialect,
            version_table: self.version_table(),
            transaction_per_migration: self.config.transaction_per_migration,
        }
    }

    fn render(&self, plan: &Plan, dialect: Dialect) -> Result<String> {
        offline::render(plan, |id| self.script(id), &self.offline_options(dialect))
    }

    /// Refuses a plan that downgrades through an irreversible revision (a
    /// downgrade section with no SQL, not declared `no-op`), naming each
    /// such revision and its file. Called on the plan, before anything
    /// runs or is written.
    pub fn check_reversible(&self, plan: &Plan) -> Result<()> {
        let revisions: Vec<(String, std::path::PathBuf)> = plan
            .steps
            .iter()
            .filter_map(|step| match &step.kind {
                StepKind::Migration {
                    revision,
                    direction: Direction::Down,
                } => self.script(revision),
                _ => None,
            })
            .filter(|script| script.is_irreversible())
            .map(|script| (script.revision.clone(), script.path.clone()))
            .collect();
        if revisions.is_empty() {
            Ok(())
        } else {
            Err(ScriptError::Irreversible { revisions }.into())
        }
    }

    /// Refuses a transaction-control statement in a section of the plan
    /// that runs inside retort's transaction (see
    /// [`crate::script::check_transaction_control`]).
    pub fn check_transaction_control(&self, plan: &Plan, dialect: Dialect) -> Result<()> {
        let steps = crate::script::step_scripts(plan, |id| self.script(id))
            .map_err(|rev| Error::Usage(crate::tr!("run-no-migration-file", revision = rev)))?;
        Ok(crate::script::check_transaction_control(&steps, dialect)?)
    }

    /// `upgrade TARGET --sql` / `downgrade A:B --sql`: from base, or from A
    /// for `A:B` (a downgrade needs the range, as in Alembic).
    pub fn migrate_sql(
        &self,
        direction: Direction,
        target: &str,
        dialect: Dialect,
    ) -> Result<String> {
        let argument = parse_migrate_argument(target, true, direction)?;
        let start_heads = self.map.offline_start_heads(argument.start.as_deref())?;
        let plan = match direction {
            Direction::Up => self.map.plan_upgrade(&start_heads, &argument.destination)?,
            Direction::Down => self
                .map
                .plan_downgrade(&start_heads, &argument.destination)?,
        };
        self.check_reversible(&plan)?;
        self.render(&plan, dialect)
    }

    /// `stamp REV... --sql`: every `A:B` must share one start.
    pub fn stamp_sql(&self, revisions: &[String], purge: bool, dialect: Dialect) -> Result<String> {
        if purge {
            return Err(Error::Usage(crate::tr!("run-purge-with-sql")));
        }
        let (start, destinations) = parse_stamp_sql_arguments(revisions)?;
        let start_heads = self.map.offline_start_heads(start.as_deref())?;
        let plan = self.map.plan_stamp(&start_heads, &destinations, false)?;
        self.render(&plan, dialect)
    }

    fn runtime_options(&self, settings: &RunSettings) -> RuntimeOptions {
        let mut options = RuntimeOptions::from_config(&self.config);
        options.allow_edited = settings.allow_edited;
        options.lock_timeout = settings.lock_timeout.or(self.config.lock_timeout);
        options.tag = settings.tag.clone();
        if settings.migration_lock_timeout.is_some() {
            options.migration_lock_timeout = settings.migration_lock_timeout;
        }
        if settings.migration_statement_timeout.is_some() {
            options.migration_statement_timeout = settings.migration_statement_timeout;
        }
        if let Some(retries) = settings.migration_lock_retries {
            options.migration_lock_retries = retries;
        }
        options.interrupt = settings.interrupt.clone();
        // Whoever hears of waits for the server hears of the run's own pauses.
        options.notice = settings
            .connect
            .wait_notice
            .clone()
            .map(crate::runtime::Notice);
        options
    }

    /// The revisions a database at `heads` has applied: the heads and
    /// everything they revise or depend on. Their files are checked against
    /// the checksums logged when they ran.
    pub fn applied_revisions(&self, heads: &[String]) -> Vec<String> {
        self.map
            .applied_revisions(heads)
            .into_iter()
            .map(|r| r.id.clone())
            .collect()
    }

    /// Runs `target` against the database at `url`: takes the migration
    /// lock, reads the version table under it, plans from what it holds,
    /// and executes. `on_step` hears of each step before it runs.
    pub fn run(
        &self,
        url: &DatabaseUrl,
        target: Target<'_>,
        settings: &RunSettings,
        on_step: Option<StepObserver>,
    ) -> Result<RunReport> {
        let db = crate::db::connect(url, &settings.connect)?;
        match self.run_guarded(db, target, settings, on_step, Some(url)) {
            Err(Error::Database(crate::db::DbError::Migration(mut failure)))
                if failure.connection_lost =>
            {
                // The failed connection cannot tell what the database holds
                // now; a new one can.
                let reread = crate::db::connect(url, &settings.connect)
                    .and_then(|mut db| db.read_versions(&self.version_table()));
                match reread {
                    Ok(rows) => {
                        failure.version_table_now = Ok(rows);
                        failure.version_table_reread = true;
                    }
                    Err(e) => {
                        failure.version_table_now =
                            Err(crate::tr!("run-reconnect-failed", reason = e.to_string()));
                    }
                }
                Err(Error::Database(crate::db::DbError::Migration(failure)))
            }
            other => other,
        }
    }

    /// As [`Project::run`], on a connection already open: one the
    /// application holds (see [`crate::Migrator`]), left as it was found,
    /// with no transaction open and the lock released. No backup is made
    /// (`backup` in retort.toml is for runs given a URL): an application
    /// handing over its connection backs up in its own way.
    pub fn run_on<'c>(
        &self,
        db: Box<dyn Database + 'c>,
        target: Target<'_>,
        settings: &RunSettings,
        on_step: Option<StepObserver>,
    ) -> Result<RunReport> {
        self.run_guarded(db, target, settings, on_step, None)
    }

    /// A run, with the checks before its first change: a downgrade's data
    /// loss told to `settings.before_run`, and a backup of the database at
    /// `url` when `backup` is on and the target is an upgrade or downgrade.
    fn run_guarded<'c>(
        &self,
        db: Box<dyn Database + 'c>,
        target: Target<'_>,
        settings: &RunSettings,
        on_step: Option<StepObserver>,
        url: Option<&DatabaseUrl>,
    ) -> Result<RunReport> {
        let dialect = db.dialect();
        let moves = matches!(target, Target::Upgrade(_) | Target::Downgrade(_));
        let backup_url = url.filter(|_| moves && self.config.backup.enabled);
        let mut before_changes = |db: &mut dyn Database, planned: &PlannedRun| -> Result<()> {
            if let Some(hooks) = settings.before_run.as_deref() {
                let downgraded = planned.plan.steps.iter().filter_map(|step| match &step.kind {
                    StepKind::Migration {
                        revision,
                        direction: Direction::Down,
                    } => self.script(revision),
                    _ => None,
                });
                guard::confirm_data_loss(db, downgraded, hooks)?;
            }
            if let Some(url) = backup_url {
                let heads = db.read_versions(&self.version_table())?;
                let made =
                    guard::backup(&self.config.backup, url, &settings.connect, db, &heads)?;
                if let Some(hooks) = settings.before_run.as_deref() {
                    hooks.backup_made(&made);
                }
            }
            Ok(())
        };
        runtime::run_on_guarded(
            db,
            self.runtime_options(settings),
            &self.scripts,
            on_step,
            |heads| {
                let plan = self
                    .plan(heads, &target)
                    .map_err(|e| self.explain_unknown_head(e, heads))?;
                self.check_reversible(&plan)?;
                self.check_transaction_control(&plan, dialect)?;
                Ok(PlannedRun {
                    applied: self.applied_revisions(heads),
                    plan,
                })
            },
            &mut before_changes,
        )
    }

    /// The plan for `target` from the version table's `heads`.
    fn plan(&self, heads: &[String], target: &Target<'_>) -> Result<Plan> {
        Ok(match *target {
            Target::Upgrade(rev) => self.map.plan_upgrade(
                heads,
                &parse_migrate_argument(rev, false, Direction::Up)?.destination,
            )?,
            Target::Downgrade(rev) => self.map.plan_downgrade(
                heads,
                &parse_migrate_argument(rev, false, Direction::Down)?.destination,
            )?,
            Target::Stamp { revisions, purge } => {
                if revisions.iter().any(|r| r.contains(':')) {
                    return Err(Error::Usage(crate::tr!("run-range-not-allowed")));
                }
                self.map.plan_stamp(heads, revisions, purge)?
            }
        })
    }

    /// An unknown revision that came from the database rather than the
    /// command line: says where it came from and how to recover.
    fn explain_unknown_head(&self, error: Error, heads: &[String]) -> Error {
        let Error::Revision(crate::revision::RevisionError::UnknownRevision { argument, .. }) =
            &error
        else {
            return error;
        };
        if !heads.contains(argument) {
            return error;
        }
        let table = self.version_table().qualified();
        let versions = self
            .config
            .version_dirs()
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        Error::Usage(format!(
            "{error}\n{}",
            crate::tr!(
                "run-unknown-head",
                revision = argument,
                table = table,
                directories = versions
            )
        ))
    }

    /// The version table's rows, read without the lock (`current`).
    pub fn current_heads(
        &self,
        url: &DatabaseUrl,
        connect: &ConnectOptions,
    ) -> Result<Vec<String>> {
        let mut db = crate::db::connect(url, connect)?;
        Ok(db.read_versions(&self.version_table())?)
    }

    /// `pending`: for each head (in `heads` order), the revisions an
    /// `upgrade` to it would run from `current_heads`, oldest first. A
    /// revision below a branch point both heads need is in both lists:
    /// each is what reaching its head takes.
    pub fn pending(&self, current_heads: &[String]) -> Result<Vec<PendingHead>> {
        let mut out = Vec::new();
        for head in self.map.heads() {
            let plan = self.map.plan_upgrade(current_heads, head)?;
            out.push(PendingHead {
                head: head.to_string(),
                revisions: plan
                    .steps
                    .iter()
                    .filter_map(|s| s.migration().map(|(id, _)| id.to_string()))
                    .collect(),
            });
        }
        Ok(out)
    }

    /// Autogenerate and `check` compare the database with the target as
    /// of the newest revisions, so the database must hold all of them, as
    /// Alembic demands.
    pub fn require_at_heads(&self, url: &DatabaseUrl, connect: &ConnectOptions) -> Result<()> {
        let mut current = self.current_heads(url, connect)?;
        let mut heads: Vec<String> = self
            .map
            .heads_listing(false)
            .iter()
            .map(|r| r.id.clone())
            .collect();
        current.sort();
        heads.sort();
        if current != heads {
            return Err(Error::Usage(crate::tr!("run-target-not-up-to-date")));
        }
        Ok(())
    }

    /// `ensure_version`: creates the version table if it is missing.
    pub fn ensure_version(&self, url: &DatabaseUrl, connect: &ConnectOptions) -> Result<()> {
        let table = self.version_table();
        let mut db = crate::db::connect(url, connect)?;
        if !db.table_exists(table.schema.as_deref(), &table.name)? {
            db.create_version_table(&table)?;
        }
        Ok(())
    }

    /// The revisions a symbol names, as `show` and `edit` take it: `current`
    /// means the database's rows (`current_heads`).
    pub fn revisions_named(
        &self,
        symbol: &str,
        current_heads: &[String],
    ) -> Result<Vec<&crate::revision::Revision>> {
        if symbol != "current" {
            return Ok(self.map.get_revisions(symbol)?);
        }
        let mut found = Vec::new();
        for head in current_heads {
            found.extend(self.map.get_revisions(head)?);
        }
        Ok(found)
    }

    /// The revisions `lint` reads offline, in upgrade order: every one
    /// (None), one revision (`ae1`, `head`...), or a range `A:B` as
    /// `upgrade A:B --sql` runs it (after A, up to and including B).
    pub fn revisions_to_lint(&self, spec: Option<&str>) -> Result<Vec<String>> {
        let plan = match spec {
            None => self.map.plan_upgrade(&[], "heads")?,
            Some(spec) if spec.contains(':') => {
                let argument = parse_migrate_argument(spec, true, Direction::Up)?;
                let start_heads = self.map.offline_start_heads(argument.start.as_deref())?;
                self.map.plan_upgrade(&start_heads, &argument.destination)?
            }
            Some(spec) => {
                return Ok(self
                    .map
                    .get_revisions(spec)?
                    .into_iter()
                    .map(|r| r.id.clone())
                    .collect())
            }
        };
        Ok(upgraded_revisions(&plan))
    }

    /// What `upgrade TARGET` would run on the database at `url` now: the
    /// revisions in order, and the server's major version (PostgreSQL).
    /// Read without the migration lock, to lint before the run.
    pub fn pending_revisions(
        &self,
        url: &DatabaseUrl,
        connect: &ConnectOptions,
        target: &str,
    ) -> Result<(Vec<String>, Option<u32>)> {
        let mut db = crate::db::connect(url, connect)?;
        let heads = db.read_versions(&self.version_table())?;
        let version = match db.dialect() {
            Dialect::Postgres => db
                .query_text("SELECT current_setting('server_version_num')", &[])?
                .first()
                .and_then(|row| row.first().cloned().flatten())
                .and_then(|v| v.parse::<u32>().ok())
                .map(|num| num / 10000),
            Dialect::Sqlite => None,
        };
        let plan = self
            .plan(&heads, &Target::Upgrade(target))
            .map_err(|e| self.explain_unknown_head(e, &heads))?;
        Ok((upgraded_revisions(&plan), version))
    }

    /// `ensure_version --sql`.
    pub fn ensure_version_sql(&self, dialect: Dialect) -> String {
        offline::render_ensure_version(&self.offline_options(dialect))
    }
}

/// The revisions a plan upgrades, in order.
fn upgraded_revisions(plan: &Plan) -> Vec<String> {
    plan.steps
        .iter()
        .filter_map(|step| match step.migration() {
            Some((revision, Direction::Up)) => Some(revision.to_string()),
            _ => None,
        })
        .collect()
}
