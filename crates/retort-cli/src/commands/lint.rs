//! `retort lint`, and the lint `upgrade` and `revision --autogenerate` run
//! on what they are about to apply or have written.

use super::Context;
use crate::cli::LintArgs;
use retort::config::lint::UpgradeLint;
use retort::config::ConfigError;
use retort::db::ConnectOptions;
use retort::lint::{configure, docs, report, Report, Settings, Source};
use retort::project::Project;
use retort::script::Script;
use retort::url::Dialect;
use retort::{tr, Error, Result};
use std::path::Path;

pub fn lint(ctx: &Context, args: &LintArgs) -> Result<()> {
    if args.rules_table {
        print!("{}", docs::readme_table());
        return Ok(());
    }
    if let Some(code) = &args.explain {
        return explain(code);
    }
    let (paths, revisions): (Vec<&String>, Vec<&String>) = args
        .targets
        .iter()
        .partition(|t| t.ends_with(".sql") || Path::new(t).is_file());
    // Plain files can be linted outside a project, with the defaults.
    let project = match ctx.project() {
        Ok(project) => Some(project),
        Err(Error::Config(ConfigError::NotFound { .. }))
            if !paths.is_empty() && revisions.is_empty() && !args.pending =>
        {
            None
        }
        Err(e) => return Err(e),
    };
    if args.pending && !revisions.is_empty() {
        return Err(Error::Usage(tr!("lint-pending-takes-no-revision")));
    }

    let mut sources = Vec::new();
    let mut server_version = None;
    let mut settings = Settings::default();
    if let Some(project) = &project {
        let connected = args.pending || ctx.global.url.is_some();
        let mut ids = Vec::new();
        if connected {
            let url = project.config.database_url()?;
            let connect = ctx.connect_options(project, &args.connection);
            let (pending, version) = project.pending_revisions(&url, &connect, "heads")?;
            server_version = version;
            if args.pending {
                ids = pending;
            }
        }
        if !args.pending {
            if revisions.is_empty() && paths.is_empty() {
                ids = project.revisions_to_lint(None)?;
            }
            for spec in &revisions {
                ids.extend(project.revisions_to_lint(Some(spec))?);
            }
        }
        for id in &ids {
            if let Some(script) = project.script(id) {
                sources.push(Source::upgrade(script));
            }
        }
        settings = configure::settings(&project.config, dialect(project), server_version)?;
        settings.one_run = args.pending;
    }
    for path in paths {
        sources.push(read_source(Path::new(path))?);
    }

    let found = relative(retort::lint::lint(&sources, &settings));
    if ctx.global.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&found.findings).expect("findings serialize")
        );
    } else {
        for finding in &found.findings {
            println!("{}", report::full(finding));
        }
    }
    ctx.say(&report::summary(&found, &settings));
    match found.errors() {
        0 => Ok(()),
        errors => Err(Error::Lint {
            errors,
            stopped_upgrade: false,
        }),
    }
}

fn explain(code: &str) -> Result<()> {
    if code.is_empty() {
        for doc in docs::all_docs() {
            println!("{} {:<38} {}", doc.code, doc.name, docs::summary(doc));
        }
        return Ok(());
    }
    match docs::explain(code) {
        Some(text) => {
            print!("{text}");
            Ok(())
        }
        None => Err(Error::Usage(tr!("lint-unknown-rule", code = code))),
    }
}

/// A file named on the command line: a migration (its upgrade section) or
/// plain SQL.
fn read_source(path: &Path) -> Result<Source> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::Usage(tr!("lint-cannot-read", path = path, error = e.to_string())))?;
    let is_migration = text.lines().any(|line| {
        line.trim() == "-- retort:upgrade" || line.trim().starts_with("-- retort:upgrade ")
    });
    if is_migration {
        let script = Script::parse(path, &text)?;
        Ok(Source::upgrade(&script))
    } else {
        Ok(Source::plain(path, text))
    }
}

/// A path as a person types it: relative to the current directory when
/// under it.
fn shown(path: &str) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            Path::new(path)
                .strip_prefix(cwd)
                .ok()
                .map(|p| p.display().to_string())
        })
        .unwrap_or_else(|| path.to_string())
}

/// Findings naming their files as a person types them.
fn relative(mut found: Report) -> Report {
    for finding in &mut found.findings {
        finding.file = shown(&finding.file);
    }
    found
}

/// The project's dialect: its URL's, PostgreSQL when it has none.
fn dialect(project: &Project) -> Dialect {
    project
        .config
        .database_url()
        .map_or(Dialect::Postgres, |url| url.dialect())
}

/// Prints findings one line each on stderr under `heading`.
fn print_compact(found: &Report, heading: &str) {
    if found.findings.is_empty() {
        return;
    }
    eprintln!("{heading}");
    for finding in &found.findings {
        eprintln!("  {}", report::compact(finding));
    }
}

/// Before `upgrade TARGET` runs: lints what it would run, prints the
/// findings, and with `[lint] upgrade = "error"` stops before anything is
/// applied when one is an error.
pub fn before_upgrade(
    ctx: &Context,
    project: &Project,
    target: &str,
    connect: &ConnectOptions,
    lock_timeout_flag: bool,
) -> Result<()> {
    let mode = project.config.lint.upgrade;
    if mode == UpgradeLint::Off {
        return Ok(());
    }
    let url = project.config.database_url()?;
    let (revisions, version) = project.pending_revisions(&url, connect, target)?;
    if revisions.is_empty() {
        return Ok(());
    }
    let mut settings = configure::settings(&project.config, url.dialect(), version)?;
    settings.one_run = true;
    settings.lock_timeout_configured |= lock_timeout_flag;
    let sources: Vec<Source> = revisions
        .iter()
        .filter_map(|id| project.script(id))
        .map(Source::upgrade)
        .collect();
    let found = relative(retort::lint::lint(&sources, &settings));
    let stop = mode == UpgradeLint::Error && found.errors() > 0;
    if !ctx.global.quiet || stop {
        let heading = tr!(
            "lint-upgrade-heading",
            errors = found.errors(),
            warnings = found.warnings()
        );
        print_compact(&found, &heading);
        if !found.findings.is_empty() {
            eprintln!("  {}", tr!("lint-upgrade-hint"));
        }
    }
    if stop {
        return Err(Error::Lint {
            errors: found.errors(),
            stopped_upgrade: true,
        });
    }
    Ok(())
}

/// After `revision --autogenerate` wrote `path`: its findings, on stderr.
pub fn after_autogenerate(project: &Project, path: &Path) -> Result<()> {
    let script = Script::read(path)?;
    let settings = configure::settings(&project.config, dialect(project), None)?;
    let found = relative(retort::lint::lint(&[Source::upgrade(&script)], &settings));
    let path = shown(&path.display().to_string());
    let heading = tr!(
        "lint-autogenerate-heading",
        errors = found.errors(),
        warnings = found.warnings(),
        path = &path
    );
    print_compact(&found, &heading);
    if !found.findings.is_empty() {
        eprintln!("  {}", tr!("lint-autogenerate-hint", path = &path));
    }
    Ok(())
}
