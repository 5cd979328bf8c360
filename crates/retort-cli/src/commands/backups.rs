//! `retort backups`: the backups in the configured directory, newest
//! first, as a table or (`--json`) a list.

use super::Context;
use retort::backup::list as list_backups;
use retort::{Error, Result};

pub fn list(ctx: &Context) -> Result<()> {
    let project = ctx.project()?;
    let dir = &project.config.backup.directory;
    let backups = list_backups(dir).map_err(|e| {
        Error::Usage(format!(
            "cannot read the backup directory {}: {e}",
            dir.display()
        ))
    })?;
    if ctx.global.json {
        let rows: Vec<serde_json::Value> = backups
            .iter()
            .map(|b| {
                serde_json::json!({
                    "file": b.path.display().to_string(),
                    "database": b.name.database,
                    "time": b.name.time.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                    "revision": b.name.revision,
                    "size": b.size,
                })
            })
            .collect();
        println!("{}", serde_json::Value::Array(rows));
        return Ok(());
    }
    if backups.is_empty() {
        ctx.say(&format!("No backups in {}", dir.display()));
        return Ok(());
    }
    let files: Vec<String> = backups
        .iter()
        .map(|b| {
            b.path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    let width = |f: &dyn Fn(usize) -> usize, title: &str| {
        (0..backups.len())
            .map(f)
            .max()
            .unwrap_or(0)
            .max(title.len())
    };
    let file_w = width(&|i| files[i].len(), "FILE");
    let db_w = width(&|i| backups[i].name.database.len(), "DATABASE");
    let rev_w = width(&|i| backups[i].name.revision.len(), "REVISION");
    println!(
        "{:file_w$}  {:db_w$}  {:20}  {:rev_w$}  SIZE",
        "FILE", "DATABASE", "TIME (UTC)", "REVISION"
    );
    for (b, file) in backups.iter().zip(&files) {
        println!(
            "{file:file_w$}  {:db_w$}  {:20}  {:rev_w$}  {}",
            b.name.database,
            b.name.time.format("%Y-%m-%d %H:%M:%S").to_string(),
            b.name.revision,
            b.size
        );
    }
    ctx.say(&format!("in {}", dir.display()));
    Ok(())
}
