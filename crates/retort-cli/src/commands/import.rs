//! `retort import alembic`: arguments to [`retort::import`], and the summary.

use super::Context;
use crate::cli::ImportAlembicArgs;
use retort::config::Config;
use retort::import::baseline::BaselineSettings;
use retort::import::{self, Concern, ImportOptions, ImportReport, Source};
use retort::url::{DatabaseUrl, Dialect};
use retort::ConnectOptions;
use retort::{Error, Result};
use std::path::{Path, PathBuf};

pub fn alembic(ctx: &Context, args: &ImportAlembicArgs) -> Result<()> {
    let config = Config::load(&ctx.config_options()?)?;
    let cwd = std::env::current_dir()
        .map_err(|e| Error::Usage(format!("cannot read the current directory: {e}")))?;
    let source = match (&args.versions, &args.ini) {
        (Some(dir), _) => Source::Versions(absolute(&cwd, dir)),
        (None, ini) => Source::Ini {
            path: ini
                .as_ref()
                .map(|p| absolute(&cwd, p))
                .unwrap_or_else(|| import::default_ini(&cwd)),
            section: args.ini_section.clone(),
        },
    };
    let python = import::resolve_python(config.python.as_deref(), &|name| std::env::var(name).ok());
    let python = if python.components().count() > 1 {
        absolute(&cwd, &python)
    } else {
        python
    };
    let dialect = match args.dialect.as_deref() {
        Some("postgresql" | "postgres") => Dialect::Postgres,
        Some("sqlite") => Dialect::Sqlite,
        Some(other) => {
            return Err(Error::Usage(format!(
                "--dialect {other}: expected postgresql or sqlite"
            )))
        }
        None => match &config.url {
            Some(_) => config.database_url()?.dialect(),
            None => {
                return Err(Error::Usage(format!(
                    "which SQL to write: pass --dialect postgresql|sqlite, or set `url` in {}",
                    config.path.display()
                )))
            }
        },
    };
    let scratch = match dialect {
        Dialect::Postgres => args
            .dev_url
            .clone()
            .or_else(|| config.dev_url.clone())
            .or_else(|| config.url.clone())
            .map(|text| DatabaseUrl::parse(&text))
            .transpose()?
            .filter(|url| url.dialect() == Dialect::Postgres),
        Dialect::Sqlite => None,
    };
    let target = match &args.into {
        Some(dir) => absolute(&cwd, dir),
        None => config
            .version_dirs()
            .into_iter()
            .next()
            .ok_or_else(|| Error::Usage("no version location is configured".to_string()))?,
    };
    let report = import::import_alembic(&ImportOptions {
        source,
        python,
        dialect,
        scratch,
        target: target.clone(),
        force: args.force,
        baseline: args.baseline.then(|| BaselineSettings {
            config: config.clone(),
            connect: ConnectOptions::default()
                .with_libpq_env(|name| std::env::var(name).ok())
                .with_wait(config.wait_timeout),
        }),
    })?;
    summarize(ctx, &report, &target);
    Ok(())
}

fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    }
}

/// What was written, and every revision a person must look at: those
/// whose SQL was recorded from data read during the import, and those
/// that cannot be downgraded. Told even with --quiet.
fn summarize(ctx: &Context, report: &ImportReport, target: &Path) {
    if !report.baselines.is_empty() {
        summarize_baselines(ctx, report);
        return;
    }
    if ctx.global.json {
        let revisions: Vec<serde_json::Value> = report
            .revisions
            .iter()
            .map(|r| {
                let concerns: Vec<serde_json::Value> = r
                    .concerns
                    .iter()
                    .map(|c| match c {
                        Concern::ReadsData { direction, reads } => serde_json::json!({
                            "review": direction, "reads": reads,
                        }),
                        Concern::Irreversible { reason } => {
                            serde_json::json!({"irreversible": reason})
                        }
                    })
                    .collect();
                serde_json::json!({
                    "revision": r.revision,
                    "path": r.path.display().to_string(),
                    "source": r.source.display().to_string(),
                    "concerns": concerns,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::json!({
                "imported": report.revisions.len(),
                "heads": report.heads,
                "alembic_version": report.alembic_version,
                "revisions": revisions,
            })
        );
        return;
    }
    ctx.say(&format!(
        "Imported {} Alembic revision(s) into {} (heads: {}).",
        report.revisions.len(),
        target.display(),
        report.heads.join(", ")
    ));
    let review: Vec<String> = report
        .revisions
        .iter()
        .flat_map(|r| {
            r.concerns.iter().filter_map(move |c| match c {
                Concern::ReadsData { direction, reads } => Some(format!(
                    "  {} {}: {direction}() read rows during the import ({})",
                    r.revision,
                    r.path.display(),
                    reads.join("; ")
                )),
                Concern::Irreversible { .. } => None,
            })
        })
        .collect();
    let irreversible: Vec<String> = report
        .revisions
        .iter()
        .flat_map(|r| {
            r.concerns.iter().filter_map(move |c| match c {
                Concern::Irreversible { reason } => {
                    Some(format!("  {} {}: {reason}", r.revision, r.path.display()))
                }
                Concern::ReadsData { .. } => None,
            })
        })
        .collect();
    if !review.is_empty() {
        eprintln!(
            "warning: {} revision(s) hold SQL recorded from data read on a scratch database; \
             review them (each file says what at its top):\n{}",
            review.len(),
            review.join("\n")
        );
    }
    if !irreversible.is_empty() {
        eprintln!(
            "warning: {} revision(s) cannot be downgraded (Alembic's downgrade() raises or does \
             nothing); they are written as irreversible:\n{}",
            irreversible.len(),
            irreversible.join("\n")
        );
    }
    ctx.say("The Python files are left where they are; retort reads only the .sql files.");
}

/// With --baseline: one line per head's file. What the converted revisions
/// would have needed reviewing does not apply: none of them is written.
fn summarize_baselines(ctx: &Context, report: &ImportReport) {
    if ctx.global.json {
        let baselines: Vec<serde_json::Value> = report
            .baselines
            .iter()
            .map(|(head, path, replaces)| {
                serde_json::json!({
                    "revision": head,
                    "path": path.display().to_string(),
                    "replaces": replaces,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::json!({
                "baselines": baselines,
                "heads": report.heads,
                "alembic_version": report.alembic_version,
            })
        );
        return;
    }
    for (head, path, replaces) in &report.baselines {
        ctx.say(&format!(
            "Wrote the baseline of {head} (the schema of {replaces} Alembic revision(s)) to {}.",
            path.display()
        ));
    }
    ctx.say(
        "A baseline holds the schema only: rows the history inserted (seed data) are not in it; \
         add them to its upgrade section if a new database needs them.",
    );
    ctx.say("The Python files are left where they are; retort reads only the .sql files.");
}
