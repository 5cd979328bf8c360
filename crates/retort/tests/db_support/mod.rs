//! Shared by the database and runtime tests: URLs for the test server,
//! migration scripts built in memory, and a small linear planner (the real
//! planner lives in the revision module and is tested on its own).
#![allow(dead_code)]

use retort::revision::{Direction, Plan, PlanStep, StepKind, VersionOp};
use retort::runtime::PlannedRun;
use retort::script::{Script, Section};
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

/// A migration as its file would be parsed: upgrade body from line 8, the
/// downgrade marker right after it.
pub fn script(rev: &str, down: Option<&str>, upgrade: &str, downgrade: &str) -> Script {
    let up_lines = upgrade.lines().count().max(1);
    Script {
        path: PathBuf::from(format!("migrations/versions/{rev}_test.sql")),
        revision: rev.to_string(),
        down_revisions: down.map(|d| vec![d.to_string()]).unwrap_or_default(),
        branch_labels: vec![],
        depends_on: vec![],
        message: format!("test {rev}"),
        create_date: None,
        upgrade: Section {
            no_transaction: false,
            body: upgrade.to_string(),
            first_line: UPGRADE_FIRST_LINE,
        },
        downgrade: Section {
            no_transaction: false,
            body: downgrade.to_string(),
            first_line: UPGRADE_FIRST_LINE + up_lines + 1,
        },
    }
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

/// From the current heads up to `target` (inclusive), or to the last.
pub fn plan_up(scripts: &[Script], heads: &[String], target: Option<&str>) -> PlannedRun {
    let from = position(scripts, heads);
    let to = target.map_or(scripts.len() - 1, |t| {
        scripts.iter().position(|s| s.revision == t).unwrap()
    });
    let start = from.map_or(0, |f| f + 1);
    let mut steps = Vec::new();
    for i in start..=to {
        let rev = scripts[i].revision.clone();
        let op = if i == 0 {
            VersionOp::Insert(rev.clone())
        } else {
            VersionOp::Update {
                from: scripts[i - 1].revision.clone(),
                to: rev.clone(),
            }
        };
        steps.push(PlanStep {
            kind: StepKind::Migration {
                revision: rev,
                direction: Direction::Up,
            },
            version_ops: vec![op],
        });
    }
    PlannedRun {
        plan: Plan {
            start_heads: heads.to_vec(),
            steps,
            purge: false,
        },
        applied: applied(scripts, from),
    }
}

/// From the current head down `count` revisions.
pub fn plan_down(scripts: &[Script], heads: &[String], count: usize) -> PlannedRun {
    let from = position(scripts, heads).expect("something applied");
    let mut steps = Vec::new();
    for i in (from + 1 - count..=from).rev() {
        let rev = scripts[i].revision.clone();
        let op = match i {
            0 => VersionOp::Delete(rev.clone()),
            _ => VersionOp::Update {
                from: rev.clone(),
                to: scripts[i - 1].revision.clone(),
            },
        };
        steps.push(PlanStep {
            kind: StepKind::Migration {
                revision: rev,
                direction: Direction::Down,
            },
            version_ops: vec![op],
        });
    }
    PlannedRun {
        plan: Plan {
            start_heads: heads.to_vec(),
            steps,
            purge: false,
        },
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
