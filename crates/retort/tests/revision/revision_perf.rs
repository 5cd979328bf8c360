//! Large graphs must load and plan quickly: Alembic memoizes its walks,
//! and a quadratic walk here would make `upgrade heads` on a long-lived
//! project slow.

use std::time::{Duration, Instant};

use retort::revision::{Revision, RevisionMap};

/// A long main line with side branches that merge back, some of them
/// depending on revisions of other branches, and a few labelled branches.
pub(crate) fn big_graph(n: usize) -> Vec<Revision> {
    let mut revs: Vec<Revision> = Vec::with_capacity(n);
    let mut main = String::new();
    let mut open_branch: Option<String> = None;
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for i in 0..n {
        let id = format!("r{i:05}");
        let mut rev = Revision::new(id.clone(), &[]);
        if i > 0 {
            let roll = next() % 10;
            match (&open_branch, roll) {
                (None, 0) => {
                    // Start a side branch from the main line.
                    rev.down_revisions = vec![main.clone()];
                    open_branch = Some(id.clone());
                    revs.push(rev);
                    continue;
                }
                (Some(b), 1) => {
                    // Merge the side branch back.
                    rev.down_revisions = vec![main.clone(), b.clone()];
                    open_branch = None;
                }
                (Some(b), 2) => {
                    rev.down_revisions = vec![b.clone()];
                    open_branch = Some(id.clone());
                    if i > 10 {
                        rev.depends_on = vec![format!("r{:05}", i - 7)];
                    }
                    revs.push(rev);
                    continue;
                }
                _ => rev.down_revisions = vec![main.clone()],
            }
            if i % 1000 == 500 {
                rev.branch_labels = vec![format!("label{i}")];
            }
        }
        main = id;
        revs.push(rev);
    }
    revs
}

/// The fastest of a few runs: the machine may be busy with other work.
fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        let value = f();
        best = best.min(started.elapsed());
        last = Some(value);
    }
    (best, last.expect("at least one run"))
}

#[test]
fn five_thousand_revisions_load_and_plan_quickly() {
    let revs = big_graph(5000);
    let (load, map) = best_of(5, || {
        RevisionMap::new(revs.clone()).expect("graph is valid")
    });
    let (upgrade, plan) = best_of(5, || map.plan_upgrade(&[], "heads").expect("plan"));
    let (downgrade, down) = best_of(5, || {
        map.plan_downgrade(&plan.final_heads, "base").expect("plan")
    });
    eprintln!(
        "5000 revisions: load {load:?}, upgrade heads {upgrade:?}, downgrade base {downgrade:?}"
    );
    assert_eq!(plan.steps.len(), 5000);
    assert_eq!(down.steps.len(), 5000);
    assert!(down.final_heads.is_empty());
    // Generous: unoptimised test builds are far slower than release ones.
    let total = load + upgrade + downgrade;
    assert!(total < Duration::from_secs(3), "took {total:?}");
}

/// Above the closure's size limit the engine walks the graph instead; it
/// must stay usable. Slow in unoptimised builds, so run on demand:
/// `cargo test --release -p retort --test revision -- revision_perf:: --ignored`.
#[test]
#[ignore]
fn twenty_thousand_revisions_plan_without_the_closure() {
    let revs = big_graph(20_000);
    let (load, map) = best_of(1, || {
        RevisionMap::new(revs.clone()).expect("graph is valid")
    });
    let (upgrade, plan) = best_of(1, || map.plan_upgrade(&[], "heads").expect("plan"));
    let (downgrade, down) = best_of(1, || {
        map.plan_downgrade(&plan.final_heads, "base").expect("plan")
    });
    eprintln!(
        "20000 revisions: load {load:?}, upgrade heads {upgrade:?}, downgrade base {downgrade:?}"
    );
    assert_eq!(plan.steps.len(), 20_000);
    assert!(down.final_heads.is_empty());
}
