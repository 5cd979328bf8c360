//! `kill -9` of `retort upgrade head` at random moments of a six-revision
//! upgrade, in both transaction modes and across a `no-transaction`
//! section. After each kill, once the server has ended the killed run's
//! session, the version table must agree with the schema, and a second
//! run must finish to head.
//!
//! The one state where they may disagree is documented: a `no-transaction`
//! section's statements commit one by one, and its version row is written
//! after them, so a kill in between leaves some of its work done and the
//! revision not recorded. Such trials are counted and reported; the
//! section here is written to be rerun (`IF NOT EXISTS`), as such sections
//! must be.
//!
//! `RETORT_CRASH_TRIALS` sets the number of trials (default 10, about 15 s;
//! `RETORT_CRASH_TRIALS=500` for a long run), `RETORT_CRASH_SEED` replays
//! one sequence of kill moments. Run with `--nocapture` to see the figures.

use crate::online_support::{pg_versions, Project, Rev};
use rand::{Rng, SeedableRng};
use std::collections::BTreeMap;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The revisions, r1 … r6; r4's section is the `no-transaction` one.
const REVISIONS: usize = 6;
const NO_TRANSACTION: usize = 4;

/// Each section sleeps, so that a kill lands inside one as often as
/// between two.
fn write_revisions(project: &Project) {
    for i in 1..=REVISIONS {
        let id = format!("r{i}");
        let parent = format!("r{}", i - 1);
        let down: Vec<&str> = if i == 1 { vec![] } else { vec![&parent] };
        let (up, options) = if i == NO_TRANSACTION {
            (
                format!(
                    "CREATE TABLE IF NOT EXISTS t{i}a (id int);\nSELECT pg_sleep(0.05);\n\
                     CREATE TABLE IF NOT EXISTS t{i}b (id int);"
                ),
                "no-transaction",
            )
        } else {
            (
                format!("CREATE TABLE t{i} (id int);\nSELECT pg_sleep(0.05);"),
                "",
            )
        };
        let downgrade = format!("DROP TABLE t{i};");
        let mut rev = Rev::new(&id, &down, &up, &downgrade);
        rev.upgrade_options = options;
        project.write(&rev);
    }
}

/// What a trial found after the kill.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
enum Found {
    /// Revisions r1 … rN recorded, the schema exactly theirs.
    AppliedUpTo(usize),
    /// r1 … r3 recorded and `n` of the `no-transaction` section's two
    /// statements done, r4 not recorded.
    NoTransactionPartial(usize),
}

/// Waits until the server has ended every session on the database but
/// the caller's: a killed client's statement runs to its end, and its
/// open transaction then rolls back.
fn wait_for_other_sessions(client: &mut postgres::Client) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let others: i64 = client
            .query_one(
                "SELECT count(*) FROM pg_stat_activity \
                 WHERE datname = current_database() AND pid <> pg_backend_pid()",
                &[],
            )
            .unwrap()
            .get(0);
        if others == 0 {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the killed run's session did not end"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn table_exists(client: &mut postgres::Client, name: &str) -> bool {
    client
        .query_one("SELECT to_regclass($1) IS NOT NULL", &[&name])
        .unwrap()
        .get(0)
}

/// Reads the version table and the schema, and fails unless they agree
/// (or show the documented `no-transaction` partial state).
fn check_agreement(client: &mut postgres::Client, context: &str) -> Found {
    let versions = pg_versions(client, "alembic_version");
    assert!(versions.len() <= 1, "{context}: several heads {versions:?}");
    let head = match versions.first() {
        None => 0,
        Some(v) => v
            .strip_prefix('r')
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or_else(|| panic!("{context}: unknown version {v}")),
    };
    for i in (1..=REVISIONS).filter(|&i| i != NO_TRANSACTION) {
        let exists = table_exists(client, &format!("t{i}"));
        assert_eq!(
            exists,
            i <= head,
            "{context}: version table at r{head} but table t{i} {}",
            if exists { "exists" } else { "is missing" }
        );
    }
    let a = table_exists(client, &format!("t{NO_TRANSACTION}a"));
    let b = table_exists(client, &format!("t{NO_TRANSACTION}b"));
    if head >= NO_TRANSACTION {
        assert!(
            a && b,
            "{context}: r{NO_TRANSACTION} recorded, its tables a={a} b={b}"
        );
        return Found::AppliedUpTo(head);
    }
    match (a, b) {
        (false, false) => Found::AppliedUpTo(head),
        // The section's statements commit in order, after every earlier
        // revision's transaction has.
        (true, b) if head == NO_TRANSACTION - 1 => Found::NoTransactionPartial(1 + usize::from(b)),
        _ => panic!("{context}: version table at r{head} but t4a={a} t4b={b}"),
    }
}

/// The schema back to empty for the next trial.
fn reset(client: &mut postgres::Client) {
    client
        .batch_execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        .unwrap();
}

#[test]
fn killed_upgrades_leave_the_version_table_agreeing_with_the_schema() {
    let trials: usize = std::env::var("RETORT_CRASH_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let seed: u64 = std::env::var("RETORT_CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(rand::random);
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let started = Instant::now();

    let db = retort_testkit::fresh_database();
    let mut client = db.client();
    let modes = [
        ("one transaction", ""),
        (
            "transaction per migration",
            "transaction_per_migration = true",
        ),
    ];
    let mut figures: BTreeMap<(&str, Found), usize> = BTreeMap::new();
    let mut projects = Vec::new();
    for (name, setting) in modes {
        let project = Project::new(&format!("url = \"{}\"\n{setting}", db.url));
        write_revisions(&project);
        // How long a whole run takes here, so that kills spread over it.
        let clock = Instant::now();
        project.run(&["upgrade", "head"]).ok();
        let full = clock.elapsed();
        assert_eq!(
            check_agreement(&mut client, name),
            Found::AppliedUpTo(REVISIONS)
        );
        reset(&mut client);
        projects.push((name, project, full));
    }

    for trial in 0..trials {
        let (mode, project, full) = &projects[trial % projects.len()];
        let delay = full.mul_f64(rng.gen_range(0.0..1.1));
        let context = format!("trial {trial} ({mode}, kill after {delay:?}, seed {seed})");
        let mut child = project
            .command(&["upgrade", "head"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        // Already finished when the delay is long: then nothing to kill.
        let _ = child.kill();
        child.wait().unwrap();
        wait_for_other_sessions(&mut client);
        let found = check_agreement(&mut client, &context);
        *figures.entry((mode, found)).or_default() += 1;

        let rerun = project.run(&["upgrade", "head"]);
        assert_eq!(rerun.code, 0, "{context}: the rerun failed: {rerun:?}");
        assert_eq!(
            check_agreement(&mut client, &format!("{context}, after the rerun")),
            Found::AppliedUpTo(REVISIONS)
        );
        reset(&mut client);
    }

    let partial: usize = figures
        .iter()
        .filter(|((_, found), _)| matches!(found, Found::NoTransactionPartial(_)))
        .map(|(_, n)| n)
        .sum();
    eprintln!(
        "crash test: {trials} trials in {:.1?} (seed {seed}); {partial} in the documented \
         no-transaction partial state",
        started.elapsed()
    );
    for ((mode, found), n) in &figures {
        eprintln!("  {mode}: {found:?}: {n}");
    }
}
