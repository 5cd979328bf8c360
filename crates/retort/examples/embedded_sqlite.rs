//! An application that migrates its SQLite database at start-up, from
//! migrations compiled into it, then uses it.
//!
//! ```text
//! cargo run -p retort --example embedded_sqlite -- notes.db
//! ```
//!
//! The migrations are `embedded_sqlite/migrations/versions/*.sql` beside
//! this file, written as `retort revision` writes them; the `retort`
//! command works on the same database (`retort current --url
//! sqlite:///notes.db`). Run it twice: the second start has nothing to
//! apply.
//!
//! `embed_migrations!` includes each file with `include_str!`, so editing
//! one rebuilds the program; for a new file to be picked up, an
//! application has a `build.rs` saying
//! `println!("cargo:rerun-if-changed=migrations");` (this crate's own
//! `build.rs` does that for this example's directory).

use retort::revision::StepKind;
use retort::rusqlite::Connection;
use retort::{EmbeddedMigrations, Migrator};
use std::path::PathBuf;

static MIGRATIONS: EmbeddedMigrations =
    retort::embed_migrations!("examples/embedded_sqlite/migrations");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("retort-embedded-sqlite.db"));
    let mut conn = Connection::open(&path)?;

    // Start-up: bring the schema to the newest revision. The same lock,
    // version table and applied-migration log as the command line.
    let migrator = Migrator::from_embedded(&MIGRATIONS)?;
    let report = migrator.upgrade(&mut conn, "head")?;
    let applied: Vec<&str> = report
        .steps
        .iter()
        .filter_map(|s| match &s.step.kind {
            StepKind::Migration { revision, .. } => Some(revision.as_str()),
            StepKind::Stamp { .. } => None,
        })
        .collect();
    println!(
        "applied: {}",
        if applied.is_empty() {
            "nothing".to_string()
        } else {
            applied.join(", ")
        }
    );
    println!("heads: {}", report.heads.join(", "));

    // The application's own work, on the same connection.
    conn.execute(
        "INSERT INTO notes (body, author) VALUES (?1, ?2)",
        ("migrated at start-up", "example"),
    )?;
    let (count, last): (i64, String) = conn.query_row(
        "SELECT count(*), (SELECT body || ' by ' || author FROM notes ORDER BY id DESC LIMIT 1) FROM notes",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    println!("notes: {count}");
    println!("last: {last}");
    Ok(())
}
