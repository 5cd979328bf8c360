//! Commands that compare a database with the target schema: `check`,
//! `diff`, and the body of `revision --autogenerate`.

use super::Context;
use crate::cli::{ConnectionArgs, ScratchArgs};
use retort::autogen::cache::SchemaCache;
use retort::autogen::{self, Op, Source};
use retort::db::introspect::IntrospectOptions;
use retort::db::pg_params::PgParams;
use retort::project::Project;
use retort::url::DatabaseUrl;
use retort::{Error, Result};
use std::path::PathBuf;

/// The project's database, the server scratch databases go on, and what to leave out.
struct Sides {
    database: PgParams,
    scratch_server: PgParams,
    options: IntrospectOptions,
    /// Loaded target schemas kept from earlier runs, unless `--no-cache`.
    cache: Option<SchemaCache>,
}

static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// True once Ctrl-C (or SIGTERM) has been caught: the handler is dropping
/// the scratch databases and will end the process (status 130). An error
/// the main thread meets meanwhile (the load's connection is ended by the
/// drop) is a consequence, not news.
pub fn interrupted() -> bool {
    INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst)
}

/// From here on, Ctrl-C (or SIGTERM) drops the scratch databases before the
/// process exits: a guard's `Drop` does not run when a signal ends it.
fn drop_scratch_databases_on_interrupt() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let installed = ctrlc::set_handler(|| {
            INTERRUPTED.store(true, std::sync::atomic::Ordering::SeqCst);
            autogen::scratch::drop_active_scratch_databases();
            eprintln!("interrupted");
            std::process::exit(130);
        });
        if let Err(e) = installed {
            eprintln!("warning: cannot catch Ctrl-C, an interrupted run may leave a scratch database: {e}");
        }
    });
}

fn sides(
    ctx: &Context,
    project: &Project,
    connection: &ConnectionArgs,
    scratch: &ScratchArgs,
) -> Result<Sides> {
    drop_scratch_databases_on_interrupt();
    let connect = ctx.connect_options(project, connection);
    let database = autogen::postgres_params(&project.config.database_url()?, &connect)?;
    // Without a dev URL, scratch databases go on the database's own server.
    let scratch_server = match scratch
        .dev_url
        .as_deref()
        .or(project.config.dev_url.as_deref())
    {
        Some(url) => autogen::postgres_params(&DatabaseUrl::parse(url)?, &connect)?,
        None => database.clone(),
    };
    Ok(Sides {
        database,
        scratch_server,
        options: IntrospectOptions::for_tool_tables(
            &project.config.version_table,
            &project.config.log_table,
        ),
        cache: if scratch.no_cache {
            None
        } else {
            SchemaCache::from_env(|name| std::env::var(name).ok())
        },
    })
}

/// The project's database and its target schema, read into the model at
/// the same time.
fn database_and_target(
    sides: &Sides,
    project: &Project,
) -> Result<(retort::schema::Schema, retort::schema::Schema)> {
    autogen::read_schemas(
        &Source::Database(sides.database.clone()),
        &Source::Files {
            files: autogen::target_files(&project.config),
            server: sides.scratch_server.clone(),
        },
        &sides.options,
        sides.cache.as_ref(),
    )
}

/// The ops from the project's database to its target schema.
fn database_to_target(sides: &Sides, project: &Project, renames: &[String]) -> Result<Vec<Op>> {
    let (live, target) = database_and_target(sides, project)?;
    autogen::diff_with_renames(&live, &target, renames)
}

/// `retort check`: exit 0 when the database matches the target schema,
/// else list the differences and exit 1.
pub fn check(ctx: &Context, connection: &ConnectionArgs, scratch: &ScratchArgs) -> Result<()> {
    let project = ctx.project()?;
    if let DatabaseUrl::Sqlite(database) = require_at_head(ctx, &project, connection)? {
        return super::autogen_sqlite::check(ctx, &project, &database);
    }
    let sides = sides(ctx, &project, connection, scratch)?;
    let ops = database_to_target(&sides, &project, &[])?;
    report_drift(ctx, ops.iter().map(Op::describe).collect())
}

/// What `check` says: nothing to do (exit 0), or each difference on its own
/// line and exit 1; with `--json`, `{"in_sync": …, "differences": […]}`.
pub fn report_drift(ctx: &Context, differences: Vec<String>) -> Result<()> {
    if ctx.global.json {
        println!(
            "{}",
            serde_json::json!({"in_sync": differences.is_empty(), "differences": differences})
        );
    }
    if differences.is_empty() {
        ctx.say("No changes: the database matches the target schema.");
        return Ok(());
    }
    if !ctx.global.json {
        for difference in &differences {
            println!("{difference}");
        }
    }
    Err(Error::NotAtHead(format!(
        "the database differs from the target schema: {} change(s) detected",
        differences.len()
    )))
}

/// `retort diff`: the upgrade SQL from one side to the other. Each side is
/// a database URL or a schema file; by default from the project's database
/// to its target schema.
pub fn diff(
    ctx: &Context,
    connection: &ConnectionArgs,
    scratch: &ScratchArgs,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<()> {
    let project = ctx.project()?;
    if let DatabaseUrl::Sqlite(database) = project.config.database_url()? {
        return super::autogen_sqlite::diff(ctx, &project, &database, from, to);
    }
    let sides = sides(ctx, &project, connection, scratch)?;
    let connect = ctx.connect_options(&project, connection);
    let source = |given: Option<&str>, default: Source| -> Result<Source> {
        Ok(match given {
            None => default,
            Some(text) if text.contains("://") => Source::Database(autogen::postgres_params(
                &DatabaseUrl::parse(text)?,
                &connect,
            )?),
            Some(path) => Source::Files {
                files: vec![PathBuf::from(path)],
                server: sides.scratch_server.clone(),
            },
        })
    };
    let from = source(from, Source::Database(sides.database.clone()))?;
    let to = source(
        to,
        Source::Files {
            files: autogen::target_files(&project.config),
            server: sides.scratch_server.clone(),
        },
    )?;
    let (from, to) = autogen::read_schemas(&from, &to, &sides.options, sides.cache.as_ref())?;
    let ops = autogen::diff(&from, &to);
    if ops.is_empty() {
        ctx.say("No changes.");
    } else {
        print!("{}", autogen::render_statements(ops.iter()));
    }
    Ok(())
}

/// Autogenerate compares the database with the target as of the newest
/// revisions, so the database must hold all of them, as Alembic demands.
/// Returns the database URL.
fn require_at_head(
    ctx: &Context,
    project: &Project,
    connection: &ConnectionArgs,
) -> Result<DatabaseUrl> {
    let url = project.config.database_url()?;
    let mut current = project.current_heads(&url, &ctx.connect_options(project, connection))?;
    let mut heads: Vec<String> = project
        .map()
        .heads_listing(false)
        .iter()
        .map(|r| r.id.clone())
        .collect();
    current.sort();
    heads.sort();
    if current != heads {
        return Err(Error::Usage(
            "Target database is not up to date.".to_string(),
        ));
    }
    Ok(url)
}

/// The sections of a `revision --autogenerate`, or None when the database
/// already matches the target schema. The database must be at the head.
pub fn revision_sections(
    ctx: &Context,
    project: &Project,
    connection: &ConnectionArgs,
    scratch: &ScratchArgs,
    renames: &[String],
) -> Result<Option<autogen::Migration>> {
    let url = require_at_head(ctx, project, connection)?;
    if let DatabaseUrl::Sqlite(database) = &url {
        return super::autogen_sqlite::revision_sections(ctx, project, database, renames);
    }
    let sides = sides(ctx, project, connection, scratch)?;
    let (live, target) = database_and_target(&sides, project)?;
    let mut renames = renames.to_vec();
    let mut ops = autogen::diff_with_renames(&live, &target, &renames)?;
    if super::rename_prompt::interactive() {
        let confirmed = super::rename_prompt::ask(&autogen::rename_candidates(&ops))?;
        if !confirmed.is_empty() {
            renames.extend(confirmed);
            ops = autogen::diff_with_renames(&live, &target, &renames)?;
        }
    }
    if ops.is_empty() {
        return Ok(None);
    }
    for op in &ops {
        ctx.say(&format!("Detected {}", op.describe()));
    }
    let options = autogen::RenderOptions {
        concurrent_indexes: project.config.autogenerate_concurrent_indexes,
    };
    Ok(Some(autogen::render_migration_with(&ops, options)))
}
