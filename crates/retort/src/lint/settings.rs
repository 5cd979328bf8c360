//! How a lint run is set up: the PostgreSQL version the migrations will
//! run on, the project's dialect, rule levels from retort.toml, and the
//! project settings that change what is safe.

use super::rule::{Level, RuleDoc};

/// The PostgreSQL major version assumed when neither a server nor
/// `[lint] postgres_version` says. The rules that depend on the version
/// change at 11 and 12; any supported release gives the same answers.
pub const DEFAULT_POSTGRES_VERSION: u32 = 14;

#[derive(Debug, Clone)]
pub struct Settings {
    /// The PostgreSQL major version the migrations run on.
    pub postgres_version: u32,
    /// Where the version came from, for the report.
    pub version_source: VersionSource,
    /// A SQLite project: only the rules that are not about PostgreSQL's
    /// locks run, and statements PostgreSQL's grammar cannot read are
    /// skipped rather than reported.
    pub sqlite: bool,
    /// Levels set in retort.toml, by rule code.
    pub levels: Vec<(String, Level)>,
    /// `migration_lock_timeout` is configured: retort sets lock_timeout
    /// for every migration statement itself.
    pub lock_timeout_configured: bool,
    /// The sources run together as one upgrade (pending revisions, or what
    /// `upgrade` is about to run): a table created by an earlier one is
    /// new to the later ones, and transactional sections share a
    /// transaction unless `transaction_per_migration`. Otherwise (a
    /// history) each migration ran on its own.
    pub one_run: bool,
    /// Each migration runs in its own transaction (`transaction_per_migration`);
    /// otherwise one transaction spans the run's transactional sections.
    pub transaction_per_migration: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            postgres_version: DEFAULT_POSTGRES_VERSION,
            version_source: VersionSource::NoProject,
            sqlite: false,
            levels: Vec::new(),
            lock_timeout_configured: false,
            one_run: false,
            transaction_per_migration: false,
        }
    }
}

/// Where the PostgreSQL version a run assumes came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionSource {
    /// The connected server.
    Server,
    /// `[lint] postgres_version` in retort.toml.
    Config,
    /// Neither: the project's default.
    Default,
    /// Files linted outside a project: the built-in default.
    NoProject,
}

impl VersionSource {
    /// As the report names it, in the reader's language.
    pub fn describe(self) -> String {
        match self {
            VersionSource::Server => crate::tr!("lint-version-from-server"),
            VersionSource::Config => "retort.toml".to_string(),
            VersionSource::Default => crate::tr!("lint-version-from-default"),
            VersionSource::NoProject => crate::tr!("lint-version-from-no-project"),
        }
    }
}

impl Settings {
    /// The level a rule runs at here.
    pub fn level(&self, doc: &RuleDoc) -> Level {
        if self.sqlite && doc.postgres_only {
            return Level::Off;
        }
        self.levels
            .iter()
            .rev()
            .find(|(code, _)| code == doc.code)
            .map_or(doc.level, |(_, level)| *level)
    }
}
