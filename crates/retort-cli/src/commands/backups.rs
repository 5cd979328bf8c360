//! `retort backups`: the backups in the configured directory, newest
//! first, as a table or (`--json`) a list.

use super::columns::{pad, width};
use super::Context;
use retort::backup::list as list_backups;
use retort::{tr, Error, Result};

pub fn list(ctx: &Context) -> Result<()> {
    let project = ctx.project()?;
    let dir = &project.config.backup.directory;
    let backups = list_backups(dir).map_err(|e| {
        Error::Usage(tr!(
            "cli-backups-cannot-read",
            directory = dir,
            error = e.to_string()
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
        ctx.say(&tr!("cli-backups-none", directory = dir));
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
    let file_title = tr!("cli-backups-column-file");
    let db_title = tr!("cli-backups-column-database");
    let time_title = tr!("cli-backups-column-time");
    let rev_title = tr!("cli-backups-column-revision");
    let size_title = tr!("cli-backups-column-size");
    // Each column as wide as its widest cell, heading included.
    let column = |cell: &dyn Fn(usize) -> usize, title: &str| {
        (0..backups.len())
            .map(cell)
            .max()
            .unwrap_or(0)
            .max(width(title))
    };
    let file_w = column(&|i| width(&files[i]), &file_title);
    let db_w = column(&|i| width(&backups[i].name.database), &db_title);
    let time_w = width(&time_title).max(20);
    let rev_w = column(&|i| width(&backups[i].name.revision), &rev_title);
    println!(
        "{}  {}  {}  {}  {size_title}",
        pad(&file_title, file_w),
        pad(&db_title, db_w),
        pad(&time_title, time_w),
        pad(&rev_title, rev_w),
    );
    for (b, file) in backups.iter().zip(&files) {
        println!(
            "{}  {}  {}  {}  {}",
            pad(file, file_w),
            pad(&b.name.database, db_w),
            pad(&b.name.time.format("%Y-%m-%d %H:%M:%S").to_string(), time_w),
            pad(&b.name.revision, rev_w),
            b.size
        );
    }
    ctx.say(&tr!("cli-backups-in", directory = dir));
    Ok(())
}
