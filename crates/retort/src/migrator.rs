//! Migrating a database from inside an application, at start-up, the way
//! `sqlx::migrate!` does: with the same lock, version table,
//! applied-migration log and checksums as the `retort` command, so that
//! the command and the application can take turns on one database.
//!
//! A [`Migrator`] is made from migrations
//!
//! - in a directory on disk ([`Migrator::from_dir`]),
//! - named by a project's retort.toml ([`Migrator::from_config_file`]),
//! - or embedded in the program at compile time ([`embed_migrations!`]
//!   and [`Migrator::from_embedded`]),
//!
//! and runs on anything [`IntoDatabase`]: a URL, or a connection the
//! application already holds (`&mut postgres::Client`,
//! `&mut rusqlite::Connection`), which it leaves as it found it: no
//! transaction open, the migration lock released.
//!
//! ```
//! use retort::{EmbeddedMigrations, Migrator};
//!
//! static MIGRATIONS: EmbeddedMigrations =
//!     retort::embed_migrations!("examples/embedded_sqlite/migrations");
//!
//! let migrator = Migrator::from_embedded(&MIGRATIONS)?;
//! let mut conn = retort::rusqlite::Connection::open_in_memory()?;
//! let report = migrator.upgrade(&mut conn, "head")?;
//! assert_eq!(report.heads, migrator.heads());
//! assert!(migrator.pending(&mut conn)?.is_empty());
//! // The connection is the application's again.
//! conn.execute("INSERT INTO notes (body) VALUES ('hello')", [])?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`embed_migrations!`]: crate::embed_migrations

use crate::config::{Config, ConfigOptions, CONFIG_FILE_NAME};
use crate::db::ConnectOptions;
use crate::project::{Project, RunSettings, Target};
use crate::revision::{Direction, StepKind};
use crate::runtime::{Interrupt, RunReport};
use crate::script::{Script, ScriptDirectory, ScriptError};
use crate::url::DatabaseUrl;
use crate::Result;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Migration files compiled into the program by [`embed_migrations!`]:
/// each file's name (as the directory holds it, for error messages) and
/// text. Parsed when a [`Migrator`] is made from them.
///
/// [`embed_migrations!`]: crate::embed_migrations
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedMigrations {
    files: &'static [(&'static str, &'static str)],
}

impl EmbeddedMigrations {
    /// `(file name, text)` pairs, in the order the directory loader reads
    /// them (by file name). What `embed_migrations!` expands to; a program
    /// may also list `include_str!`s itself.
    pub const fn new(files: &'static [(&'static str, &'static str)]) -> EmbeddedMigrations {
        EmbeddedMigrations { files }
    }

    /// The `(file name, text)` pairs.
    pub fn files(&self) -> &'static [(&'static str, &'static str)] {
        self.files
    }
}

/// Runs a project's migrations on a database: `upgrade`, `downgrade`,
/// `current`, `pending`. See the [module documentation](self).
///
/// Options are set by chaining, with the defaults `retort init` writes:
///
/// ```no_run
/// # fn main() -> retort::Result<()> {
/// use retort::postgres::{Client, NoTls};
/// use std::time::Duration;
///
/// let migrator = retort::Migrator::from_dir("migrations")?
///     .version_table("alembic_version")
///     .transaction_per_migration(true)
///     .lock_timeout(Duration::from_secs(60));
/// let mut client = Client::connect("host=localhost user=app", NoTls)
///     .expect("connect");
/// let report = migrator.upgrade(&mut client, "head")?;
/// println!("at {:?} after {} step(s)", report.heads, report.steps.len());
/// # Ok(()) }
/// ```
///
/// Errors are typed (see [`crate::Error`]): an edited applied migration,
/// a failed migration with its file and line, the lock not taken in time,
/// several heads where `head` needs one.
pub struct Migrator {
    project: Project,
    settings: RunSettings,
}

impl std::fmt::Debug for Migrator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Migrator")
            .field("config", &self.project.config)
            .field("migrations", &self.project.scripts.len())
            .field("settings", &self.settings)
            .finish()
    }
}

impl Migrator {
    /// The migrations in a directory: a script_location (holding
    /// `versions/`) or the `versions` directory itself. No retort.toml is
    /// read; the options are `retort init`'s defaults until set.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Migrator> {
        let dir = dir.as_ref();
        let (script_location, versions) = if dir.join("versions").is_dir() {
            (dir.to_path_buf(), dir.join("versions"))
        } else {
            (dir.to_path_buf(), dir.to_path_buf())
        };
        let scripts = ScriptDirectory::load_dirs(&[versions])?;
        Migrator::from_scripts(script_location, scripts)
    }

    /// The migrations [`embed_migrations!`](crate::embed_migrations)
    /// compiled in, parsed as files on disk are: every broken file is
    /// reported, with its name and line.
    pub fn from_embedded(migrations: &EmbeddedMigrations) -> Result<Migrator> {
        let mut scripts = Vec::with_capacity(migrations.files.len());
        let mut errors = Vec::new();
        for (name, text) in migrations.files {
            match Script::parse(Path::new(name), text) {
                Ok(script) => scripts.push(script),
                Err(e) => errors.push(e),
            }
        }
        let directory = match ScriptDirectory::from_scripts(scripts) {
            Ok(directory) => Some(directory),
            Err(duplicates) => {
                errors.extend(duplicates);
                None
            }
        };
        match (directory, ScriptError::collect(errors)) {
            (Some(directory), None) => {
                Migrator::from_scripts(embedded_location(migrations), directory)
            }
            (_, Some(error)) => Err(error.into()),
            (None, None) => unreachable!("a duplicate is an error"),
        }
    }

    /// The project a retort.toml describes, read as the command reads it:
    /// `${VAR}` and `DATABASE_URL` from the process environment, the
    /// migrations from its `script_location` and `version_locations`, its
    /// version table, log table, transaction mode, lock and wait timeouts.
    /// The libpq environment (`PGHOST`...) is used when connecting by URL.
    pub fn from_config_file(path: impl AsRef<Path>) -> Result<Migrator> {
        let config = Config::load(&ConfigOptions {
            config_path: Some(path.as_ref().to_path_buf()),
            ..ConfigOptions::default()
        })?;
        let wait = config.wait_timeout;
        let migrator = Migrator::from_config(config)?;
        Ok(migrator.connect_options(
            ConnectOptions::default()
                .with_libpq_env(|name| std::env::var(name).ok())
                .with_wait(wait),
        ))
    }

    /// A configuration already loaded (say with [`Config::load_with`]); its
    /// migrations are read from disk. Nothing else reads the environment.
    pub fn from_config(config: Config) -> Result<Migrator> {
        Ok(Migrator {
            project: Project::from_config(config)?,
            settings: RunSettings::default(),
        })
    }

    fn from_scripts(script_location: PathBuf, scripts: ScriptDirectory) -> Result<Migrator> {
        let mut config = default_config(&script_location);
        config.script_location = script_location;
        Ok(Migrator {
            project: Project::from_scripts(config, scripts)?,
            settings: RunSettings::default(),
        })
    }

    // ---- options ------------------------------------------------------

    /// The version table (`alembic_version` by default). Its name, with
    /// the schema, also names the migration lock.
    pub fn version_table(mut self, name: impl Into<String>) -> Migrator {
        self.project.config.version_table = name.into();
        self
    }

    /// The schema of the version table and of the log (the search path's
    /// first by default).
    pub fn version_table_schema(mut self, schema: impl Into<String>) -> Migrator {
        self.project.config.version_table_schema = Some(schema.into());
        self
    }

    /// retort's applied-migration log (`retort_migration_log` by default).
    pub fn log_table(mut self, name: impl Into<String>) -> Migrator {
        self.project.config.log_table = name.into();
        self
    }

    /// false (the default, as Alembic): the whole run is one transaction;
    /// true: each revision commits on its own.
    pub fn transaction_per_migration(mut self, per_migration: bool) -> Migrator {
        self.project.config.transaction_per_migration = per_migration;
        self
    }

    /// How long to wait for another run's migration lock before failing
    /// with [`DbError::LockTimeout`](crate::db::DbError::LockTimeout); by
    /// default as long as it takes.
    pub fn lock_timeout(mut self, timeout: Duration) -> Migrator {
        self.settings.lock_timeout = Some(timeout);
        self
    }

    /// PostgreSQL: how long one migration statement may wait for a table
    /// lock (`lock_timeout` in the migration's session) before the step
    /// fails; retort.toml's `migration_lock_timeout` unless set.
    pub fn migration_lock_timeout(mut self, timeout: Duration) -> Migrator {
        self.settings.migration_lock_timeout = Some(timeout);
        self
    }

    /// PostgreSQL: how long one migration statement may run
    /// (`statement_timeout`); retort.toml's `migration_statement_timeout`
    /// unless set.
    pub fn migration_statement_timeout(mut self, timeout: Duration) -> Migrator {
        self.settings.migration_statement_timeout = Some(timeout);
        self
    }

    /// How many times a step that hit the migration lock timeout is run
    /// again, each after a longer pause; retort.toml's
    /// `migration_lock_retries` unless set.
    pub fn migration_lock_retries(mut self, retries: u32) -> Migrator {
        self.settings.migration_lock_retries = Some(retries);
        self
    }

    /// A handle another thread (a signal handler, a shutdown hook) uses to
    /// stop a run: the running statement is cancelled and the run's
    /// transaction rolled back, as Ctrl-C does to the command.
    pub fn interrupt(mut self, interrupt: Interrupt) -> Migrator {
        self.settings.interrupt = Some(interrupt);
        self
    }

    /// A tag recorded in the migration log rows this migrator's runs write
    /// (the command's `--tag`), such as a release name.
    pub fn tag(mut self, tag: impl Into<String>) -> Migrator {
        self.settings.tag = Some(tag.into());
        self
    }

    /// Accept applied migrations whose upgrade was edited after it ran,
    /// recording the new checksum, instead of failing with
    /// [`DbError::EditedMigrations`](crate::db::DbError::EditedMigrations).
    pub fn allow_edited(mut self, allow: bool) -> Migrator {
        self.settings.allow_edited = allow;
        self
    }

    /// How a URL is connected to: the libpq environment, waiting for a
    /// server that is starting, SQLite's busy timeout. Unused for a
    /// connection the application hands over.
    pub fn connect_options(mut self, options: ConnectOptions) -> Migrator {
        self.settings.connect = options;
        self
    }

    // ---- what it knows without a database -----------------------------

    /// The URL the configuration gives (with [`Migrator::from_config_file`]).
    pub fn url(&self) -> Option<&str> {
        self.project.config.url.as_deref()
    }

    /// The migrations' heads (what `upgrade heads` reaches), in file order.
    pub fn heads(&self) -> Vec<String> {
        self.project
            .map()
            .heads()
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// The migrations, in the order they were read.
    pub fn migrations(&self) -> &[Script] {
        &self.project.scripts.scripts
    }

    // ---- on a database ------------------------------------------------

    /// `retort upgrade TARGET`: `head`, `heads`, a revision (or a unique
    /// prefix of one), `LABEL@head`, `+1`... Takes the lock, reads the
    /// version table under it, checks the applied migrations' checksums,
    /// and runs what is missing. The report lists the steps and the heads
    /// after.
    pub fn upgrade<'c>(&self, db: impl IntoDatabase<'c>, target: &str) -> Result<RunReport> {
        self.run(db, Target::Upgrade(target))
    }

    /// `retort downgrade TARGET`: `base`, a revision, `-1`...
    pub fn downgrade<'c>(&self, db: impl IntoDatabase<'c>, target: &str) -> Result<RunReport> {
        self.run(db, Target::Downgrade(target))
    }

    /// `retort current`: the version table's rows (empty when the database
    /// has none yet), read without the lock.
    pub fn current<'c>(&self, db: impl IntoDatabase<'c>) -> Result<Vec<String>> {
        let mut db = db.open(&self.settings.connect)?.0;
        Ok(db.read_versions(&self.project.version_table())?)
    }

    /// The revisions `upgrade heads` would apply now, in the order it would
    /// apply them. Read without the lock: a snapshot.
    pub fn pending<'c>(&self, db: impl IntoDatabase<'c>) -> Result<Vec<String>> {
        let current = self.current(db)?;
        let plan = self.project.map().plan_upgrade(&current, "heads")?;
        Ok(plan
            .steps
            .into_iter()
            .filter_map(|step| match step.kind {
                StepKind::Migration {
                    revision,
                    direction: Direction::Up,
                } => Some(revision),
                _ => None,
            })
            .collect())
    }

    fn run<'c>(&self, db: impl IntoDatabase<'c>, target: Target<'_>) -> Result<RunReport> {
        let db = db.open(&self.settings.connect)?.0;
        self.project.run_on(db, target, &self.settings, None)
    }
}

/// Where embedded files were read from (their script_location), for the
/// configuration's sake.
fn embedded_location(migrations: &EmbeddedMigrations) -> PathBuf {
    let Some(dir) = migrations
        .files
        .first()
        .and_then(|(name, _)| Path::new(name).parent())
    else {
        return PathBuf::from("migrations");
    };
    match dir.file_name() {
        Some(name) if name == "versions" => dir.parent().unwrap_or(dir).to_path_buf(),
        _ => dir.to_path_buf(),
    }
}

/// The configuration `retort init` writes, for migrations without a
/// retort.toml: read from an empty file, so the defaults are the loader's.
fn default_config(script_location: &Path) -> Config {
    let beside = script_location.parent().unwrap_or(Path::new(""));
    Config::from_text(
        &beside.join(CONFIG_FILE_NAME),
        "",
        &ConfigOptions::default(),
        &|_| None,
    )
    .expect("an empty configuration is valid")
}

/// What a [`Migrator`] runs on: a database URL (`&str`, `&String`,
/// [`DatabaseUrl`]), or a connection the application holds:
/// `&mut postgres::Client` or `&mut rusqlite::Connection`.
///
/// A connection handed over must not be in a transaction (retort runs its
/// own); it is given back with none open and the migration lock released,
/// whether the run succeeded or failed.
pub trait IntoDatabase<'c>: sealed::Open<'c> {}

impl<'c, T: sealed::Open<'c>> IntoDatabase<'c> for T {}

mod sealed {
    use crate::db::{ConnectOptions, Database};

    /// An open connection, whatever it was made from.
    pub struct Opened<'c>(pub(crate) Box<dyn Database + 'c>);

    pub trait Open<'c> {
        fn open(self, connect: &ConnectOptions) -> crate::Result<Opened<'c>>;
    }
}

use sealed::{Open, Opened};

impl<'c> Open<'c> for &DatabaseUrl {
    fn open(self, connect: &ConnectOptions) -> Result<Opened<'c>> {
        Ok(Opened(crate::db::connect(self, connect)?))
    }
}

impl<'c> Open<'c> for DatabaseUrl {
    fn open(self, connect: &ConnectOptions) -> Result<Opened<'c>> {
        (&self).open(connect)
    }
}

impl<'c> Open<'c> for &str {
    fn open(self, connect: &ConnectOptions) -> Result<Opened<'c>> {
        DatabaseUrl::parse(self)?.open(connect)
    }
}

impl<'c> Open<'c> for &String {
    fn open(self, connect: &ConnectOptions) -> Result<Opened<'c>> {
        self.as_str().open(connect)
    }
}

#[cfg(any(feature = "postgres", feature = "sqlite"))]
fn transaction_open() -> crate::Error {
    crate::Error::Usage(crate::tr!("run-given-connection-in-transaction"))
}

// ---- SQLite ------------------------------------------------------------

#[cfg(feature = "sqlite")]
impl<'c> Open<'c> for &'c mut rusqlite::Connection {
    fn open(self, _connect: &ConnectOptions) -> Result<Opened<'c>> {
        if !self.is_autocommit() {
            return Err(transaction_open());
        }
        Ok(Opened(Box::new(
            crate::db::sqlite::SqliteDatabase::from_connection(self),
        )))
    }
}

// ---- PostgreSQL --------------------------------------------------------

#[cfg(feature = "postgres")]
impl<'c> Open<'c> for &'c mut postgres::Client {
    fn open(self, _connect: &ConnectOptions) -> Result<Opened<'c>> {
        if pg_in_transaction(self)? {
            return Err(transaction_open());
        }
        Ok(Opened(Box::new(
            crate::db::postgres::PgDatabase::from_client(self),
        )))
    }
}

/// Whether a transaction block is open on the client. Outside one, every
/// statement is its own transaction, which starts with the statement; in
/// a block, the transaction started with an earlier statement (`BEGIN`).
/// Asked without raising an error, which would land in the server's log.
#[cfg(feature = "postgres")]
fn pg_in_transaction(client: &mut postgres::Client) -> Result<bool> {
    let sql = "SELECT transaction_timestamp() <> statement_timestamp()";
    let rows = client.simple_query(sql).map_err(|e| {
        crate::db::DbError::Message(crate::tr!(
            "run-cannot-use-given-connection",
            reason = e.to_string()
        ))
    })?;
    Ok(rows.iter().any(|message| {
        matches!(message, postgres::SimpleQueryMessage::Row(row) if row.get(0) == Some("t"))
    }))
}
