//! `import alembic --baseline`: instead of one file per revision, one file
//! per head holding the whole schema at that head, under the head's own
//! revision id with no parent. A database already at the head (its
//! `alembic_version` holds that id) has nothing to run; a new one gets the
//! schema in one step.
//!
//! The schema is retort's own rendering, as autogenerate writes it: the
//! converted history is run up to the head on a scratch database, and the
//! migration from an empty database of the same kind to it is computed by
//! the autogenerate pipeline, which gives the downgrade (drop everything)
//! too.
//!
//! Several heads are baselined only when their histories are disjoint
//! (separate branches, each from its own base, depending on nothing of the
//! other's): each baseline then holds only its own branch's objects, so
//! `upgrade heads` on a new database runs both without a clash, and a
//! database at one head sees the other's baseline as the other branch.
//! Heads that share revisions are refused: each baseline would create the
//! shared objects, so a new database could not take both, and a database
//! at one head would be asked to create them again to reach the other.

use crate::autogen::{migration_between, IntrospectOptions, Migration, Settings, TargetSettings};
use crate::config::Config;
use crate::db::ConnectOptions;
use crate::project::{Project, RunSettings, Target};
use crate::script::template::format_create_date;
use crate::script::Script;
use crate::url::{DatabaseUrl, Dialect};
use crate::{tr, Error, Result};
use std::path::{Path, PathBuf};

/// What a baseline needs beyond the import's own options: the project's
/// configuration (its version and log tables, left out of the schema) and
/// how to connect to the scratch server.
#[derive(Debug, Clone)]
pub struct BaselineSettings {
    pub config: Config,
    pub connect: ConnectOptions,
}

/// One baseline file: the head it stands for and its text.
pub struct Baseline {
    pub head: String,
    /// How many revisions of the history it replaces.
    pub replaces: usize,
    pub path: PathBuf,
    pub text: String,
}

/// The baselines of `heads`, one per head, from the converted `scripts`.
pub fn baselines(
    scripts: Vec<Script>,
    heads: &[String],
    dialect: Dialect,
    scratch_server: Option<&DatabaseUrl>,
    target: &Path,
    settings: &BaselineSettings,
) -> Result<Vec<Baseline>> {
    let directory = super::write::converted_directory(scripts)?;
    let project = Project::from_scripts(settings.config.clone(), directory)?;
    let histories: Vec<Vec<String>> = heads
        .iter()
        .map(|head| project.applied_revisions(std::slice::from_ref(head)))
        .collect();
    refuse_shared_history(heads, &histories)?;
    let mut out = Vec::with_capacity(heads.len());
    for (head, history) in heads.iter().zip(&histories) {
        let migration = schema_at(&project, head, dialect, scratch_server, settings)?;
        let head_script = project
            .script(head)
            .expect("a head is one of the converted revisions");
        // Every branch label of the head's history: they name the branch,
        // wherever on it Alembic's files put them, and the history is
        // disjoint from every other head's, so none is taken twice.
        let mut labels: Vec<String> = Vec::new();
        for revision in history {
            if let Some(script) = project.script(revision) {
                for label in &script.branch_labels {
                    if !labels.contains(label) {
                        labels.push(label.clone());
                    }
                }
            }
        }
        let path = target.join(format!("{head}_baseline.sql"));
        let text = render(head_script, history.len(), &labels, &migration);
        // The text must read back as the revision it stands for.
        let script = Script::parse(&path, &text).map_err(|e| {
            Error::Usage(tr!(
                "import-baseline-not-writable",
                head = head,
                error = e.to_string()
            ))
        })?;
        if script.revision != *head || !script.down_revisions.is_empty() {
            return Err(Error::Usage(tr!("import-baseline-header-differs", head = head)));
        }
        out.push(Baseline {
            head: head.clone(),
            replaces: history.len(),
            path,
            text,
        });
    }
    Ok(out)
}

/// Heads whose histories overlap cannot each get a baseline (see the
/// module's comment).
fn refuse_shared_history(heads: &[String], histories: &[Vec<String>]) -> Result<()> {
    for i in 0..heads.len() {
        for j in i + 1..heads.len() {
            let shared: Vec<&String> = histories[i]
                .iter()
                .filter(|r| histories[j].contains(r))
                .collect();
            if !shared.is_empty() {
                let mut named: Vec<String> = shared.iter().take(5).map(|r| r.to_string()).collect();
                if shared.len() > 5 {
                    named.push(tr!("import-and-more", count = shared.len() - 5));
                }
                return Err(Error::Usage(tr!(
                    "import-baseline-shared-history",
                    first = &heads[i],
                    second = &heads[j],
                    count = shared.len(),
                    revisions = named.join(", ")
                )));
            }
        }
    }
    Ok(())
}

/// The migration from an empty database to the schema the history up to
/// `head` leaves.
fn schema_at(
    project: &Project,
    head: &str,
    dialect: Dialect,
    scratch_server: Option<&DatabaseUrl>,
    settings: &BaselineSettings,
) -> Result<Migration> {
    let run = RunSettings {
        connect: settings.connect.clone(),
        ..RunSettings::default()
    };
    let autogen = Settings {
        connect: settings.connect.clone(),
        dev_url: scratch_server.cloned(),
        #[cfg(feature = "postgres")]
        cache: None,
        // The whole schema, whatever `[autogenerate]` scopes: only the
        // version and log tables are left out.
        introspect: IntrospectOptions::for_tool_tables(
            &settings.config.version_table,
            &settings.config.log_table,
        ),
        // Nothing reads a table the baseline is creating.
        concurrent_indexes: false,
        target: TargetSettings::for_project(&settings.config),
    };
    match dialect {
        #[cfg(feature = "postgres")]
        Dialect::Postgres => {
            use crate::autogen::postgres::{postgres_params, ScratchDatabase};
            let server = scratch_server.ok_or_else(|| {
                Error::Usage(tr!("import-baseline-needs-server"))
            })?;
            let DatabaseUrl::Postgres(server_url) = server else {
                return Err(Error::Usage(tr!("import-baseline-needs-postgres")));
            };
            let params = postgres_params(server, &settings.connect)?;
            let at_head = ScratchDatabase::create(&params)?;
            let empty = ScratchDatabase::create(&params)?;
            let url_of = |scratch: &ScratchDatabase| {
                let mut url = server_url.clone();
                url.dbname = Some(scratch.name().to_string());
                DatabaseUrl::Postgres(url)
            };
            let (at_head_url, empty_url) = (url_of(&at_head), url_of(&empty));
            replay(project, head, &at_head_url, &run)?;
            Ok(migration_between(&empty_url, &at_head_url, &autogen)?.migration)
        }
        #[cfg(feature = "sqlite")]
        Dialect::Sqlite => {
            let dir = crate::autogen::ScratchDir::new("retort-baseline-").map_err(|e| {
                Error::Usage(tr!("import-baseline-no-temporary-directory", error = e.to_string()))
            })?;
            let file = |name: &str| DatabaseUrl::Sqlite(crate::url::SqliteTarget::File(dir.path().join(name)));
            let (at_head_url, empty_url) = (file("head.db"), file("empty.db"));
            replay(project, head, &at_head_url, &run)?;
            // An empty database must exist to be read.
            drop(crate::db::connect(&empty_url, &settings.connect)?);
            Ok(migration_between(&empty_url, &at_head_url, &autogen)?.migration)
        }
        #[allow(unreachable_patterns)]
        other => Err(crate::db::DbError::not_built(other).into()),
    }
}

fn replay(project: &Project, head: &str, url: &DatabaseUrl, run: &RunSettings) -> Result<()> {
    project
        .run(url, Target::Upgrade(head), run, None)
        .map(drop)
        .map_err(|e| {
            let message = tr!(
                "import-baseline-replay-failed",
                head = head,
                error = e.to_string()
            );
            // A database failure keeps its exit status (1), a bad history its own (2).
            match e {
                Error::Database(_) => Error::Database(crate::db::DbError::Message(message)),
                _ => Error::Usage(message),
            }
        })
}

fn render(head: &Script, replaces: usize, labels: &[String], migration: &Migration) -> String {
    let mut out = String::new();
    let message = head.message.split_whitespace().collect::<Vec<_>>().join(" ");
    let id = &head.revision;
    out.push_str(&format!(
        "-- Baseline of revision {id}'s history: the whole schema at {id} ({message})\n"
    ));
    out.push_str("--\n");
    out.push_str(&format!("-- Revision ID: {id}\n"));
    out.push_str("-- Revises:\n");
    out.push_str(&format!(
        "-- Create Date: {}\n",
        format_create_date(&chrono::Local::now().naive_local())
    ));
    out.push_str(&format!("-- Branch Labels: {}\n", labels.join(", ")));
    out.push_str("-- Depends On:\n");
    out.push_str("--\n");
    out.push_str(&format!(
        "-- Made by `retort import alembic --baseline` in place of the {replaces} Alembic \
         revision(s) up to {id}.\n"
    ));
    out.push_str(&format!(
        "-- A database at {id} has nothing to run; a new one gets the whole schema in this \
         one step.\n\n"
    ));
    section(&mut out, "upgrade", &migration.upgrade, migration.upgrade_no_transaction);
    out.push('\n');
    // A history that leaves no schema: nothing to drop either.
    let nothing = migration.upgrade.trim().is_empty() && migration.downgrade.trim().is_empty();
    section(
        &mut out,
        "downgrade",
        &migration.downgrade,
        migration.downgrade_no_transaction,
    );
    if nothing {
        out = out.replace("-- retort:downgrade\n", "-- retort:downgrade no-op\n");
    }
    out
}

fn section(out: &mut String, name: &str, sql: &str, no_transaction: bool) {
    out.push_str(&format!("-- retort:{name}"));
    if no_transaction {
        out.push_str(" no-transaction");
    }
    out.push('\n');
    let sql = sql.trim();
    if !sql.is_empty() {
        out.push_str(sql);
        out.push('\n');
    }
}
