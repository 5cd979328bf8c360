//! Commands that compare a database with the target schema: `check`,
//! `diff`, and the body of `revision --autogenerate`. The work is the
//! library's (`Project::check`, `diff`, `autogenerate`); here are the
//! arguments, the output and the rename question (a Ctrl-C drops the
//! scratch databases: see [`crate::signals`]).

use super::Context;
use crate::cli::{ConnectionArgs, ScratchArgs};
use retort::autogen::{self, Migration, SchemaCache, Settings, Side};
use retort::project::Project;
use retort::url::DatabaseUrl;
use retort::{tr, Error, Result};

/// The settings from the configuration, the command line and the
/// environment (the libpq variables, the cache directory).
pub(crate) fn settings(
    ctx: &Context,
    project: &Project,
    connection: &ConnectionArgs,
    scratch: &ScratchArgs,
) -> Result<Settings> {
    let mut settings =
        Settings::for_project(&project.config, ctx.connect_options(project, connection))?;
    if let Some(url) = &scratch.dev_url {
        settings.dev_url = Some(DatabaseUrl::parse(url)?);
    }
    if !scratch.no_cache {
        settings.cache = SchemaCache::from_env(|name| std::env::var(name).ok());
    }
    Ok(settings)
}

/// `retort check`: exit 0 when the database matches the target schema,
/// else list the differences and exit 1; with `--json`,
/// `{"in_sync": …, "differences": […]}`.
pub fn check(ctx: &Context, connection: &ConnectionArgs, scratch: &ScratchArgs) -> Result<()> {
    let project = ctx.project()?;
    let drift = project.check(&settings(ctx, &project, connection, scratch)?)?;
    if ctx.global.json {
        println!(
            "{}",
            serde_json::json!({"in_sync": drift.in_sync(), "differences": drift.differences})
        );
    }
    if drift.in_sync() {
        ctx.say(&tr!("cli-check-in-sync"));
        return Ok(());
    }
    if !ctx.global.json {
        for difference in &drift.differences {
            println!("{difference}");
        }
    }
    Err(Error::Drift {
        differences: drift.differences.iter().map(ToString::to_string).collect(),
    })
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
    let settings = settings(ctx, &project, connection, scratch)?;
    let from = from.map(Side::parse).transpose()?;
    let to = to.map(Side::parse).transpose()?;
    let sql = project.diff(&settings, from, to)?;
    if sql.is_empty() {
        ctx.say(&tr!("cli-diff-no-changes"));
    } else {
        print!("{sql}");
    }
    Ok(())
}

/// What `retort erd` draws: the database, the target, or `--from`.
pub struct ErdSource<'a> {
    pub target: bool,
    pub from: Option<&'a str>,
}

/// `retort erd`: a schema as a Mermaid entity-relationship diagram.
pub fn erd(
    ctx: &Context,
    connection: &ConnectionArgs,
    scratch: &ScratchArgs,
    source: ErdSource,
    output: Option<&std::path::Path>,
) -> Result<()> {
    let project = ctx.project()?;
    let settings = settings(ctx, &project, connection, scratch)?;
    let side = source.from.map(Side::parse).transpose()?;
    let text = project.erd(&settings, side, source.target)?.mermaid();
    super::write_output(output, &text)
}

/// The sections of a `revision --autogenerate`, or None when the database
/// already matches the target schema. At a terminal, drop-and-add pairs
/// that may be renames are asked about.
pub fn revision_sections(
    ctx: &Context,
    project: &Project,
    connection: &ConnectionArgs,
    scratch: &ScratchArgs,
    renames: &[String],
) -> Result<Option<Migration>> {
    let settings = settings(ctx, project, connection, scratch)?;
    let mut confirm = |candidates: &[autogen::RenameCandidate]| {
        if super::rename_prompt::interactive() {
            super::rename_prompt::ask(candidates)
        } else {
            Ok(Vec::new())
        }
    };
    let Some(generated) = project.autogenerate(&settings, renames, &mut confirm)? else {
        return Ok(None);
    };
    for change in &generated.changes {
        ctx.say(&tr!("cli-detected-change", change = change.to_string()));
    }
    Ok(Some(generated.migration))
}
