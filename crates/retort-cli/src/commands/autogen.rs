//! Commands that compare a database with the target schema: `check`,
//! `diff`, and the body of `revision --autogenerate`.

use super::Context;
use crate::cli::ConnectionArgs;
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
}

fn sides(
    ctx: &Context,
    project: &Project,
    connection: &ConnectionArgs,
    dev_url: Option<&str>,
) -> Result<Sides> {
    let connect = ctx.connect_options(project, connection);
    let database = autogen::postgres_params(&project.config.database_url()?, &connect)?;
    // Without a dev URL, scratch databases go on the database's own server.
    let scratch_server = match dev_url.or(project.config.dev_url.as_deref()) {
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
    })
}

/// The ops from the project's database to its target schema.
fn database_to_target(sides: &Sides, project: &Project) -> Result<Vec<Op>> {
    let (live, target) = autogen::read_schemas(
        &Source::Database(sides.database.clone()),
        &Source::Files {
            files: autogen::target_files(&project.config),
            server: sides.scratch_server.clone(),
        },
        &sides.options,
    )?;
    Ok(autogen::diff(&live, &target))
}

/// `retort check`: exit 0 when the database matches the target schema,
/// else list the differences and exit 1.
pub fn check(ctx: &Context, connection: &ConnectionArgs, dev_url: Option<&str>) -> Result<()> {
    let project = ctx.project()?;
    let sides = sides(ctx, &project, connection, dev_url)?;
    let ops = database_to_target(&sides, &project)?;
    if ops.is_empty() {
        ctx.say("No changes: the database matches the target schema.");
        return Ok(());
    }
    for op in &ops {
        println!("{}", op.describe());
    }
    Err(Error::NotAtHead(format!(
        "the database differs from the target schema: {} change(s) detected",
        ops.len()
    )))
}

/// `retort diff`: the upgrade SQL from one side to the other. Each side is
/// a database URL or a schema file; by default from the project's database
/// to its target schema.
pub fn diff(
    ctx: &Context,
    connection: &ConnectionArgs,
    dev_url: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<()> {
    let project = ctx.project()?;
    let sides = sides(ctx, &project, connection, dev_url)?;
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
    let (from, to) = autogen::read_schemas(&from, &to, &sides.options)?;
    let ops = autogen::diff(&from, &to);
    if ops.is_empty() {
        ctx.say("No changes.");
    } else {
        print!("{}", autogen::render_statements(ops.iter()));
    }
    Ok(())
}

/// The sections of a `revision --autogenerate`, or None when the database
/// already matches the target schema. The database must be at the head.
pub fn revision_sections(
    ctx: &Context,
    project: &Project,
    connection: &ConnectionArgs,
    dev_url: Option<&str>,
    renames: &[String],
) -> Result<Option<autogen::Migration>> {
    let renames = renames
        .iter()
        .map(|r| autogen::ColumnRename::parse(r))
        .collect::<Result<Vec<_>>>()?;
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
    let sides = sides(ctx, project, connection, dev_url)?;
    let ops = autogen::apply_renames(database_to_target(&sides, project)?, &renames)?;
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
