//! `retort import alembic`: arguments to [`retort::import`], and the summary.

use super::Context;
use crate::cli::ImportAlembicArgs;
use retort::config::Config;
use retort::import::baseline::BaselineSettings;
use retort::import::{self, Concern, ImportOptions, ImportReport, Source};
use retort::url::{DatabaseUrl, Dialect};
use retort::ConnectOptions;
use retort::{tr, Error, Result};
use std::path::{Path, PathBuf};

pub fn alembic(ctx: &Context, args: &ImportAlembicArgs) -> Result<()> {
    let config = Config::load(&ctx.config_options()?)?;
    let cwd = std::env::current_dir()
        .map_err(|e| Error::Usage(tr!("cli-import-no-cwd", error = e.to_string())))?;
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
        Some(other) => return Err(Error::Usage(tr!("cli-import-bad-dialect", dialect = other))),
        None => match &config.url {
            Some(_) => config.database_url()?.dialect(),
            None => {
                return Err(Error::Usage(tr!(
                    "cli-import-which-dialect",
                    path = &config.path
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
            .ok_or_else(|| Error::Usage(tr!("cli-no-version-location")))?,
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
    ctx.say(&tr!(
        "cli-import-done",
        count = report.revisions.len(),
        directory = target,
        heads = report.heads.join(", ")
    ));
    let review: Vec<String> = report
        .revisions
        .iter()
        .flat_map(|r| {
            r.concerns.iter().filter_map(move |c| match c {
                Concern::ReadsData { direction, reads } => Some(format!(
                    "  {}",
                    tr!(
                        "cli-import-read-rows",
                        revision = &r.revision,
                        path = &r.path,
                        direction = direction.to_string(),
                        reads = reads.join("; ")
                    )
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
        super::warn(&format!(
            "{}\n{}",
            tr!("cli-import-review", count = review.len()),
            review.join("\n")
        ));
    }
    if !irreversible.is_empty() {
        super::warn(&format!(
            "{}\n{}",
            tr!("cli-import-irreversible", count = irreversible.len()),
            irreversible.join("\n")
        ));
    }
    ctx.say(&tr!("cli-import-python-left"));
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
        ctx.say(&tr!(
            "cli-import-baseline-written",
            head = head,
            count = replaces,
            path = path
        ));
    }
    ctx.say(&tr!("cli-import-baseline-no-data"));
    ctx.say(&tr!("cli-import-python-left"));
}
