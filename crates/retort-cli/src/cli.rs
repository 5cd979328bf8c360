//! The command line, in Alembic's words: the same verbs, arguments and
//! revision grammar, so a command from an Alembic guide works with `alembic`
//! replaced by `retort`.

use clap::{Args, Parser, Subcommand};
use retort::config::duration::parse_duration;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Parser)]
#[command(
    name = "retort",
    version,
    about = "Alembic-compatible database migrations in plain SQL",
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOptions,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone, Default)]
pub struct GlobalOptions {
    /// Configuration file (default: retort.toml, found by walking up; or $RETORT_CONFIG).
    #[arg(short = 'c', long = "config", global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Use the [env.NAME] overrides of the configuration.
    #[arg(
        long = "env",
        short = 'n',
        alias = "name",
        global = true,
        value_name = "NAME"
    )]
    pub env: Option<String>,
    /// Database URL (overrides DATABASE_URL and the configuration).
    #[arg(long, global = true, value_name = "URL")]
    pub url: Option<String>,
    /// Extra KEY=VALUE arguments, as Alembic's -x.
    #[arg(short = 'x', global = true, value_name = "KEY=VALUE")]
    pub x: Vec<String>,
    /// Do not read the .env file beside retort.toml for ${VAR} and DATABASE_URL.
    #[arg(long = "no-dotenv", global = true)]
    pub no_dotenv: bool,
    /// Print only errors.
    #[arg(short = 'q', long, global = true)]
    pub quiet: bool,
    /// Print results as JSON where a command has results to read.
    #[arg(long, global = true)]
    pub json: bool,
    /// The language of messages: en or zh-CN (default: $RETORT_LANG, else the locale, LC_ALL / LC_MESSAGES / LANG).
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_language)]
    pub lang: Option<retort::i18n::Language>,
}

fn parse_language(value: &str) -> Result<retort::i18n::Language, String> {
    retort::i18n::Language::parse_option(value)
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new project: retort.toml, migrations/versions/ and the template.
    Init {
        /// The migration directory to create (default: migrations), as
        /// `alembic init DIR`; retort.toml goes in the current directory.
        directory: Option<PathBuf>,
    },
    /// Create a new revision file.
    Revision(RevisionArgs),
    /// Merge two or more heads into one revision.
    #[command(allow_negative_numbers = true)]
    Merge(MergeArgs),
    /// Upgrade to a later revision.
    Upgrade(MigrateArgs),
    /// Revert to a previous revision.
    Downgrade(MigrateArgs),
    /// Set the version table to the given revision(s) without running any migration.
    #[command(allow_negative_numbers = true)]
    Stamp(StampArgs),
    /// Show the revision(s) the database is at.
    Current {
        #[arg(short, long)]
        verbose: bool,
        /// Fail unless the database is at every head.
        #[arg(long)]
        check_heads: bool,
        #[command(flatten)]
        connection: ConnectionArgs,
        #[command(flatten)]
        fleet: FleetArgs,
    },
    /// List the revisions not applied yet, per head, oldest first. Exit 0 at every head, 3 when behind.
    #[command(visible_alias = "status")]
    Pending {
        #[command(flatten)]
        connection: ConnectionArgs,
        #[command(flatten)]
        fleet: FleetArgs,
    },
    /// List revisions in chronological order.
    History {
        /// Range START:END (either side optional).
        #[arg(short = 'r', long = "rev-range", allow_hyphen_values = true)]
        rev_range: Option<String>,
        #[arg(short, long)]
        verbose: bool,
        /// Mark the database's current revision(s).
        #[arg(short = 'i', long)]
        indicate_current: bool,
        #[command(flatten)]
        connection: ConnectionArgs,
    },
    /// Show the current head revisions.
    Heads {
        #[arg(short, long)]
        verbose: bool,
        /// Treat dependencies as down revisions.
        #[arg(long)]
        resolve_dependencies: bool,
    },
    /// Show the branch points.
    Branches {
        #[arg(short, long)]
        verbose: bool,
    },
    /// Draw the revision graph: SVG (default), Mermaid or DOT.
    Graph(GraphArgs),
    /// Show one revision.
    Show {
        #[arg(allow_hyphen_values = true)]
        rev: String,
        #[command(flatten)]
        connection: ConnectionArgs,
    },
    /// Open a revision file in $EDITOR.
    Edit {
        #[arg(allow_hyphen_values = true)]
        rev: String,
        #[command(flatten)]
        connection: ConnectionArgs,
    },
    /// Check every revision on a scratch database: upgrade, downgrade, compare, upgrade again; then the heads against the target schema. Exit 0 when all pass, 1 otherwise.
    Verify {
        /// Upgrade to this revision unchecked and check the revisions after it.
        #[arg(long, value_name = "REV")]
        from: Option<String>,
        /// Check up to this revision (included) instead of every head.
        #[arg(long, value_name = "REV")]
        to: Option<String>,
        #[command(flatten)]
        scratch: ScratchArgs,
        #[command(flatten)]
        connection: ConnectionArgs,
    },
    /// Check migrations for statements that lock tables in use, lose data or
    /// fail: exit 1 when a finding is an error.
    Lint(LintArgs),
    /// Compare the database with the target schema: exit 0 in sync, 1 with the differences.
    Check {
        #[command(flatten)]
        scratch: ScratchArgs,
        #[command(flatten)]
        connection: ConnectionArgs,
        #[command(flatten)]
        fleet: FleetArgs,
    },
    /// Print the SQL that turns one schema into another (default: the database into the target schema).
    Diff {
        /// A database URL or a schema file (default: the database).
        #[arg(long, value_name = "URL|FILE")]
        from: Option<String>,
        /// A database URL or a schema file (default: the target schema).
        #[arg(long, value_name = "URL|FILE")]
        to: Option<String>,
        #[command(flatten)]
        scratch: ScratchArgs,
        #[command(flatten)]
        connection: ConnectionArgs,
    },
    /// The schema as a Mermaid entity-relationship diagram: the database's (default) or the target schema's.
    Erd {
        /// Draw the target schema (target_schema in retort.toml) instead of the database.
        #[arg(long, conflicts_with = "from")]
        target: bool,
        /// A database URL or a schema file to draw instead.
        #[arg(long, value_name = "URL|FILE")]
        from: Option<String>,
        /// Write to this file instead of stdout.
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        scratch: ScratchArgs,
        #[command(flatten)]
        connection: ConnectionArgs,
    },
    /// Convert another tool's migration history into retort migration files.
    #[command(subcommand)]
    Import(ImportCommand),
    /// List the backups made before upgrades and downgrades (`backup` in
    /// retort.toml), newest first.
    Backups,
    /// Print a shell completion script: `source <(retort completions bash)`.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `retort man | man -l -`; `retort man upgrade` for retort-upgrade(1).
    Man {
        /// A subcommand, for its own page.
        subcommand: Option<String>,
    },
    /// Create the version table if it does not exist.
    #[command(name = "ensure_version", alias = "ensure-version")]
    EnsureVersion {
        /// Print the SQL instead of running it.
        #[arg(long)]
        sql: bool,
        #[command(flatten)]
        connection: ConnectionArgs,
    },
}

#[derive(Debug, Args)]
pub struct RevisionArgs {
    /// The message (the file's first comment line and its slug).
    #[arg(short = 'm', long = "message")]
    pub message: Option<String>,
    /// Fill the revision from the difference between the database and the target schema.
    #[arg(long)]
    pub autogenerate: bool,
    /// The head (or other revision with --splice) the new revision revises.
    #[arg(long, default_value = "head")]
    pub head: String,
    /// Allow a new branch from a revision that is not a head.
    #[arg(long)]
    pub splice: bool,
    /// A branch label for the new revision.
    #[arg(long = "branch-label")]
    pub branch_label: Vec<String>,
    /// A revision or label the new revision depends on.
    #[arg(long = "depends-on")]
    pub depends_on: Vec<String>,
    /// Use this revision id instead of a random one.
    #[arg(long = "rev-id")]
    pub rev_id: Option<String>,
    /// The directory to write the new file in.
    #[arg(long = "version-path")]
    pub version_path: Option<PathBuf>,
    /// With --autogenerate: a table (OLD_TABLE=NEW_TABLE) or column (TABLE.OLD=NEW)
    /// renamed, not dropped and added; repeatable.
    #[arg(long = "rename", value_name = "OLD=NEW")]
    pub rename: Vec<String>,
    /// With --autogenerate: write the file even when nothing changed.
    #[arg(long = "allow-empty")]
    pub allow_empty: bool,
    #[command(flatten)]
    pub scratch: ScratchArgs,
    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// Where and how schema files are loaded to be compared.
#[derive(Debug, Clone, Args)]
pub struct ScratchArgs {
    /// The server for the scratch database schema files are loaded into.
    #[arg(long = "dev-url", value_name = "URL")]
    pub dev_url: Option<String>,
    /// Load the target schema even when the same load is cached
    /// (RETORT_CACHE_DIR=off turns the cache off for good).
    #[arg(long = "no-cache")]
    pub no_cache: bool,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// svg, mermaid or dot (default: from the --output file's extension, else svg).
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Write to this file instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Mark where the configured database is (implied by --url).
    #[arg(long)]
    pub current: bool,
    #[command(flatten)]
    pub connection: ConnectionArgs,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The revisions to merge (e.g. `heads`).
    #[arg(required = true)]
    pub revisions: Vec<String>,
    #[arg(short = 'm', long = "message")]
    pub message: Option<String>,
    #[arg(long = "branch-label")]
    pub branch_label: Vec<String>,
    #[arg(long = "rev-id")]
    pub rev_id: Option<String>,
    #[arg(long)]
    pub splice: bool,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Revisions (`ae1`, `head`, a range `ae1:head` as `upgrade --sql` reads
    /// it) and `.sql` files to lint; every revision when none is given.
    #[arg(allow_hyphen_values = true, value_name = "REVISION|FILE")]
    pub targets: Vec<String>,
    /// Only the revisions the database (--url, or the configured one) has
    /// not applied, linted as the one run `upgrade` makes of them.
    #[arg(long)]
    pub pending: bool,
    /// Explain a rule (code or name): what it finds, why, the safe way.
    /// Without a code: list the rules.
    #[arg(long, value_name = "CODE", num_args = 0..=1, default_missing_value = "")]
    pub explain: Option<String>,
    /// Print the rule table of the README (Markdown).
    #[arg(long, hide = true)]
    pub rules_table: bool,
    #[command(flatten)]
    pub connection: ConnectionArgs,
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The target revision (`head`, `-1`, `ae1+2`, `branch@head`, `A:B` with --sql...).
    #[arg(allow_hyphen_values = true)]
    pub revision: String,
    /// Print the SQL instead of running it.
    #[arg(long)]
    pub sql: bool,
    /// An arbitrary tag, recorded in the applied-migration log.
    #[arg(long)]
    pub tag: Option<String>,
    /// Downgrade: drop tables and columns that hold rows without asking
    /// (the warning is still printed).
    #[arg(long, short = 'y')]
    pub yes: bool,
    #[command(flatten)]
    pub connection: ConnectionArgs,
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub fleet: FleetArgs,
    /// Entrypoint mode (upgrade only): after migrating, replace retort with
    /// this program, so it receives the container's signals.
    /// RETORT_SKIP_MIGRATION=true (or SKIP_MIGRATION=true) only starts it.
    #[arg(last = true, value_name = "CMD")]
    pub exec: Vec<String>,
}

#[derive(Debug, Args)]
pub struct StampArgs {
    /// The revision(s) to stamp (`-1` and the like are revisions, not options).
    #[arg(required = true)]
    pub revisions: Vec<String>,
    #[arg(long)]
    pub sql: bool,
    #[arg(long)]
    pub tag: Option<String>,
    /// Empty the version table first.
    #[arg(long)]
    pub purge: bool,
    #[command(flatten)]
    pub connection: ConnectionArgs,
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub fleet: FleetArgs,
}

/// Running on many databases (or tenant schemas) at once.
#[derive(Debug, Args, Clone, Default)]
pub struct FleetArgs {
    /// Run on every target of retort.toml's [fleet] (or [fleet.NAME]).
    #[arg(long, value_name = "NAME", num_args = 0..=1, default_missing_value = "")]
    pub fleet: Option<String>,
    /// Run on the targets listed in FILE: `URL` or `URL SCHEMA` a line, `#` comments.
    #[arg(long, value_name = "FILE", conflicts_with = "fleet")]
    pub targets: Option<PathBuf>,
    /// Fleet: targets run at once (default: the fleet's `jobs`, else 4).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub jobs: Option<u16>,
    /// Fleet: connections at once to one server (default: the fleet's `jobs_per_server`, else --jobs).
    #[arg(long = "jobs-per-server", value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub jobs_per_server: Option<u16>,
    /// Fleet: stop starting targets after the first failure.
    #[arg(long = "fail-fast")]
    pub fail_fast: bool,
    /// Fleet: stop starting targets once N have failed, or a share of them: `5%` of the fleet (rounded up).
    #[arg(long = "max-failures", value_name = "N|P%", value_parser = MaxFailures::parse)]
    pub max_failures: Option<MaxFailures>,
    /// Fleet: run N targets first, and the rest only if none of them failed.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub canary: Option<u32>,
}

impl FleetArgs {
    /// Whether the command runs on a fleet rather than one database.
    pub fn requested(&self) -> bool {
        self.fleet.is_some() || self.targets.is_some()
    }
}

/// How to reach the database.
#[derive(Debug, Args, Clone, Default)]
pub struct ConnectionArgs {
    /// Keep retrying the first connection for up to SECONDS (every 2 s); `30s`, `5m` also work.
    // Hyphen values reach the parser, so `--wait -1` is refused in its
    // words rather than taken for an option.
    #[arg(long, value_name = "SECONDS", allow_hyphen_values = true, value_parser = parse_duration)]
    pub wait: Option<Duration>,
}

/// How a run that changes the database behaves.
#[derive(Debug, Args, Clone, Default)]
pub struct RunArgs {
    /// Give up when another process holds the migration lock for longer than SECONDS.
    #[arg(
        long = "lock-timeout",
        value_name = "SECONDS",
        allow_hyphen_values = true,
        value_parser = parse_duration
    )]
    pub lock_timeout: Option<Duration>,
    /// PostgreSQL: fail a migration statement that waits longer than SECONDS
    /// for a table lock (migration_lock_timeout in retort.toml).
    #[arg(long = "migration-lock-timeout", value_name = "SECONDS", allow_hyphen_values = true, value_parser = server_timeout)]
    pub migration_lock_timeout: Option<Duration>,
    /// PostgreSQL: fail a migration statement that runs longer than SECONDS
    /// (migration_statement_timeout in retort.toml).
    #[arg(long = "migration-statement-timeout", value_name = "SECONDS", allow_hyphen_values = true, value_parser = server_timeout)]
    pub migration_statement_timeout: Option<Duration>,
    /// Run a step that hit --migration-lock-timeout again, up to N times,
    /// when its transaction was rolled back whole (migration_lock_retries).
    #[arg(long = "migration-lock-retries", value_name = "N", value_parser = lock_retries)]
    pub migration_lock_retries: Option<u32>,
    /// Accept applied migrations whose files were edited, and record their new checksums.
    #[arg(long = "allow-edited")]
    pub allow_edited: bool,
}

/// A PostgreSQL timeout setting (see retort.toml's): a duration, checked
/// against what the server takes.
fn server_timeout(text: &str) -> Result<Duration, String> {
    retort::config::check_server_timeout(parse_duration(text)?)
}

fn lock_retries(text: &str) -> Result<u32, String> {
    let max = retort::config::MAX_MIGRATION_LOCK_RETRIES;
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n <= max)
        .ok_or_else(|| retort::tr!("cli-lock-retries-range", max = max, text = text))
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Convert an Alembic history: one .sql file per revision, with the same
    /// revision ids, parents, branch labels and dependencies.
    Alembic(ImportAlembicArgs),
}

#[derive(Debug, Args)]
pub struct ImportAlembicArgs {
    /// The Alembic configuration (default: alembic.ini in the current directory).
    #[arg(long, value_name = "FILE", conflicts_with = "versions")]
    pub ini: Option<PathBuf>,
    /// The section of the configuration to read.
    #[arg(long = "ini-section", value_name = "NAME", default_value = "alembic")]
    pub ini_section: String,
    /// A directory of Alembic revision files, read without alembic.ini.
    #[arg(long, value_name = "DIR")]
    pub versions: Option<PathBuf>,
    /// The SQL dialect to render (default: the project's URL's).
    #[arg(long, value_name = "postgresql|sqlite")]
    pub dialect: Option<String>,
    /// The PostgreSQL server for the scratch database that revisions needing a
    /// connection are replayed on (default: dev_url, else the project's URL).
    #[arg(long = "dev-url", value_name = "URL")]
    pub dev_url: Option<String>,
    /// The directory to write into (default: the project's versions directory).
    #[arg(long, value_name = "DIR")]
    pub into: Option<PathBuf>,
    /// Replace files that already exist.
    #[arg(long)]
    pub force: bool,
    /// Write one file per head holding the whole schema at that head (under
    /// the head's revision id, with no parent) instead of every revision.
    #[arg(long)]
    pub baseline: bool,
}

/// `--max-failures`: a number of targets, or a share of the fleet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MaxFailures {
    Count(u32),
    /// Per cent of the fleet's targets, more than 0 and at most 100.
    Percent(f64),
}

impl MaxFailures {
    fn parse(text: &str) -> Result<MaxFailures, String> {
        let text = text.trim();
        let parsed = match text.strip_suffix('%') {
            Some(share) => share
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|p| *p > 0.0 && *p <= 100.0)
                .map(MaxFailures::Percent),
            None => text
                .parse::<u32>()
                .ok()
                .filter(|n| *n >= 1)
                .map(MaxFailures::Count),
        };
        parsed.ok_or_else(|| retort::tr!("cli-max-failures-invalid", value = text))
    }

    /// The number of failures that stops a fleet of `targets`: a share
    /// rounded up, so that `10%` of 5 targets stops at the first.
    pub fn of(self, targets: usize) -> usize {
        match self {
            MaxFailures::Count(n) => n as usize,
            MaxFailures::Percent(p) => ((targets as f64 * p / 100.0).ceil() as usize).max(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MaxFailures;

    #[test]
    fn max_failures_is_a_count_or_a_share_rounded_up() {
        assert_eq!(MaxFailures::parse("3"), Ok(MaxFailures::Count(3)));
        assert_eq!(MaxFailures::parse("10%").map(|m| m.of(5)), Ok(1));
        assert_eq!(MaxFailures::parse("10%").map(|m| m.of(200)), Ok(20));
        assert_eq!(MaxFailures::parse("2.5%").map(|m| m.of(1000)), Ok(25));
        assert_eq!(MaxFailures::parse("100%").map(|m| m.of(7)), Ok(7));
        for bad in ["0", "0%", "101%", "-1", "x", "%", "nan%"] {
            assert!(MaxFailures::parse(bad).is_err(), "{bad}");
        }
    }
}
