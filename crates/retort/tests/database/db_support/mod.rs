//! Shared by the database and runtime tests: URLs for the test server,
//! migration scripts built in memory, and a small linear planner (the real
//! planner lives in the revision module and is tested on its own).
#![allow(dead_code)]

use retort::revision::RevisionMap;
use retort::runtime::PlannedRun;
use retort::script::Script;
use retort::url::{DatabaseUrl, PgUrl, SqliteTarget};
use retort_testkit::TestDatabase;
use std::path::PathBuf;

pub fn pg_url(db: &TestDatabase) -> DatabaseUrl {
    let mut url = PgUrl::default();
    url.user = Some(db.user.clone());
    url.set_password(db.password.clone());
    url.hosts = vec![db.host.clone()];
    url.ports = vec![db.port];
    url.dbname = Some(db.dbname.clone());
    DatabaseUrl::Postgres(url)
}

pub fn sqlite_url(path: &std::path::Path) -> DatabaseUrl {
    DatabaseUrl::Sqlite(SqliteTarget::File(path.to_path_buf()))
}

/// The lines of a migration file before the upgrade body: a header of five
/// lines, a blank line, and the marker.
const UPGRADE_FIRST_LINE: usize = 8;

/// A migration parsed from the text its file would hold: upgrade body from
/// line 8, the downgrade marker right after it.
pub fn script(rev: &str, down: Option<&str>, upgrade: &str, downgrade: &str) -> Script {
    let text = format!(
        "-- test {rev}\n--\n-- Revision ID: {rev}\n-- Revises: {}\n-- Create Date: 2026-01-01 00:00:00\n\n-- retort:upgrade\n{}\n-- retort:downgrade\n{downgrade}\n",
        down.unwrap_or(""),
        if upgrade.is_empty() { "SELECT 1;" } else { upgrade },
    );
    let script = Script::parse(
        &PathBuf::from(format!("migrations/versions/{rev}_test.sql")),
        &text,
    )
    .expect("test migration parses");
    assert_eq!(script.upgrade.first_line, UPGRADE_FIRST_LINE);
    script
}

/// A linear history r[0] <- r[1] <- ...
pub fn chain(specs: &[(&str, &str, &str)]) -> Vec<Script> {
    let mut scripts = Vec::new();
    let mut previous: Option<&str> = None;
    for (rev, up, down) in specs {
        scripts.push(script(rev, previous, up, down));
        previous = Some(rev);
    }
    scripts
}

fn position(scripts: &[Script], heads: &[String]) -> Option<usize> {
    assert!(heads.len() <= 1, "linear histories only: {heads:?}");
    heads.first().map(|h| {
        scripts
            .iter()
            .position(|s| &s.revision == h)
            .expect("known head")
    })
}

fn graph(scripts: &[Script]) -> RevisionMap {
    RevisionMap::new(scripts.iter().map(Script::to_revision).collect()).expect("valid graph")
}

/// From the current heads up to `target` (inclusive), or to the last.
pub fn plan_up(scripts: &[Script], heads: &[String], target: Option<&str>) -> PlannedRun {
    let from = position(scripts, heads);
    let target = target.unwrap_or("head");
    PlannedRun {
        plan: graph(scripts).plan_upgrade(heads, target).expect("plan"),
        applied: applied(scripts, from),
    }
}

/// From the current head down `count` revisions.
pub fn plan_down(scripts: &[Script], heads: &[String], count: usize) -> PlannedRun {
    let from = position(scripts, heads).expect("something applied");
    PlannedRun {
        plan: graph(scripts)
            .plan_downgrade(heads, &format!("-{count}"))
            .expect("plan"),
        applied: applied(scripts, Some(from)),
    }
}

fn applied(scripts: &[Script], head: Option<usize>) -> Vec<String> {
    head.map_or(vec![], |h| {
        scripts[..=h].iter().map(|s| s.revision.clone()).collect()
    })
}

pub fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}
