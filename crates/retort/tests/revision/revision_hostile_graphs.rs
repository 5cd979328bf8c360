//! Hostile revision graphs: parents and dependencies named twice, revisions
//! revising or depending on themselves, on their own descendants, on
//! revisions that do not exist, cycles through `Revises` and through
//! `Depends On`. Whatever the graph, building it and every operation on it
//! must end — each case runs on a thread with a deadline — and give either
//! a result or a `RevisionError`, never a panic.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use proptest::prelude::*;
use retort::revision::{CycleKind, Revision, RevisionError, RevisionMap};

/// Far more than any case needs (they take milliseconds); long enough that
/// a slow, shared machine does not fail a case that would have ended.
const DEADLINE: Duration = Duration::from_secs(30);

/// Runs `f` on its own thread; fails if it panics or is still running at
/// the deadline (the thread is then left behind: it cannot be stopped, and
/// the test fails anyway).
pub(crate) fn within_deadline<T: Send + 'static>(
    what: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    let handle = thread::spawn(move || {
        let out = f();
        let _ = tx.send(());
        out
    });
    match rx.recv_timeout(DEADLINE) {
        Ok(()) => handle.join().unwrap_or_else(|_| panic!("{what} panicked")),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            // The thread ended without sending: it panicked.
            let _ = handle.join();
            panic!("{what} panicked")
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what} did not end within {DEADLINE:?}: an endless loop")
        }
    }
}

/// A reference from revision `i` to another.
#[derive(Debug, Clone, Copy)]
enum Ref {
    /// `k % i + 1` revisions back: the usual, acyclic kind (nothing for
    /// the first revision). Small `k`, so repeats are common.
    Back(u8),
    /// To itself.
    Itself,
    /// To any revision, later ones included: cycles.
    Any(u8),
    /// To the branch label of any revision (dependencies only; nothing
    /// when that revision has none).
    Label(u8),
    /// To an id that names nothing.
    Missing,
}

fn reference() -> impl Strategy<Value = Ref> {
    prop_oneof![
        40 => (0u8..3).prop_map(Ref::Back),
        1 => Just(Ref::Itself),
        3 => any::<u8>().prop_map(Ref::Any),
        2 => any::<u8>().prop_map(Ref::Label),
        1 => Just(Ref::Missing),
    ]
}

#[derive(Debug, Clone)]
struct Shape {
    parents: Vec<Ref>,
    depends: Vec<Ref>,
    label: bool,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        prop::collection::vec(reference(), 0..4),
        prop::collection::vec(reference(), 0..3),
        prop::bool::weighted(0.25),
    )
        .prop_map(|(parents, depends, label)| Shape {
            parents,
            depends,
            label,
        })
}

fn id(i: usize) -> String {
    format!("r{i}")
}

/// The revisions of a graph of these shapes, in index order.
fn revisions(shapes: &[Shape]) -> Vec<Revision> {
    let n = shapes.len();
    let name = |i: usize, r: Ref| -> Option<String> {
        match r {
            Ref::Back(_) if i == 0 => None,
            Ref::Back(k) => Some(id(i - 1 - (k as usize % i))),
            Ref::Itself => Some(id(i)),
            Ref::Any(k) => Some(id(k as usize % n)),
            Ref::Label(k) => {
                let owner = k as usize % n;
                Some(if shapes[owner].label {
                    format!("l{owner}")
                } else {
                    id(owner)
                })
            }
            Ref::Missing => Some("missing".to_string()),
        }
    };
    shapes
        .iter()
        .enumerate()
        .map(|(i, s)| Revision {
            id: id(i),
            // `Revises` takes ids only; a label there names nothing.
            down_revisions: s
                .parents
                .iter()
                .filter_map(|&p| match p {
                    Ref::Label(k) if shapes[k as usize % n].label => {
                        Some(format!("l{}", k as usize % n))
                    }
                    _ => name(i, p),
                })
                .collect(),
            branch_labels: if s.label {
                vec![format!("l{i}")]
            } else {
                Vec::new()
            },
            depends_on: s.depends.iter().filter_map(|&d| name(i, d)).collect(),
        })
        .collect()
}

/// Every identifier worth trying on a graph of these revisions.
fn identifiers(revs: &[Revision]) -> Vec<String> {
    let mut idents: Vec<String> = ["head", "heads", "base", "+1", "-1", "+2", "-2"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for r in revs {
        idents.push(r.id.clone());
        idents.push(format!("{}@head", r.id));
        idents.push(format!("{}+1", r.id));
        idents.push(format!("{}-1", r.id));
        for l in &r.branch_labels {
            idents.push(l.clone());
            idents.push(format!("{l}@head"));
            idents.push(format!("{l}@base"));
            idents.push(format!("{l}@-1"));
        }
    }
    idents
}

/// Every operation on a built map, from every single-row start: what must
/// end. Errors are fine (some graphs Alembic accepts fail its own
/// assertions later, and retort reports those as errors too); an error
/// saying the ordering went round in a circle means a cycle was let
/// through when the graph was built.
fn exercise(map: &RevisionMap) -> Result<(), String> {
    let revs = map.revisions().to_vec();
    let idents = identifiers(&revs);
    let mut starts: Vec<Vec<String>> = vec![Vec::new()];
    starts.extend(revs.iter().map(|r| vec![r.id.clone()]));
    starts.push(map.heads().iter().map(|s| s.to_string()).collect());

    let check = |what: &str, result: Result<(), RevisionError>| -> Result<(), String> {
        match result {
            Err(e) if e.to_string().contains("circle") => {
                Err(format!("{what}: the ordering met a cycle: {e}"))
            }
            _ => Ok(()),
        }
    };
    let _ = map.heads();
    let _ = map.real_heads();
    let _ = map.bases();
    let _ = map.heads_listing(true);
    check("history", map.history(None, &[]).map(drop))?;
    check("branches", map.branch_points().map(drop))?;
    for start in &starts {
        check("current", map.current(start).map(drop))?;
        for ident in &idents {
            let up = map.plan_upgrade(start, ident);
            check(&format!("upgrade {start:?} -> {ident}"), up.map(drop))?;
            let down = map.plan_downgrade(start, ident);
            check(&format!("downgrade {start:?} -> {ident}"), down.map(drop))?;
            let stamp = map.plan_stamp(start, std::slice::from_ref(ident), false);
            check(&format!("stamp {start:?} -> {ident}"), stamp.map(drop))?;
            check(
                &format!("history -r {ident}:heads"),
                map.history(Some(&format!("{ident}:heads")), start)
                    .map(drop),
            )?;
            let _ = map.get_revisions(ident);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_graph_builds_or_fails_and_every_operation_ends(
        shapes in prop::collection::vec(shape(), 1..8)
    ) {
        let revs = revisions(&shapes);
        let shown = format!("{revs:?}");
        let outcome = within_deadline("building and walking the graph", move || {
            match RevisionMap::new(revs) {
                Ok(map) => exercise(&map),
                Err(_) => Ok(()),
            }
        });
        prop_assert!(outcome.is_ok(), "{}\n{}", outcome.unwrap_err(), shown);
    }
}

/// The generator must not make only broken graphs, or the operations above
/// would never run; nor only sound ones.
#[test]
fn most_generated_graphs_are_accepted() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = prop::collection::vec(shape(), 1..8);
    let mut built = 0;
    for _ in 0..400 {
        let shapes = strategy.new_tree(&mut runner).unwrap().current();
        if RevisionMap::new(revisions(&shapes)).is_ok() {
            built += 1;
        }
    }
    assert!(built >= 100, "only {built} of 400 generated graphs build");
    assert!(
        built <= 380,
        "{built} of 400 generated graphs build: too few hostile ones"
    );
}

fn rev(id: &str, down: &[&str], deps: &[&str]) -> Revision {
    Revision {
        id: id.to_string(),
        down_revisions: down.iter().map(|s| s.to_string()).collect(),
        branch_labels: Vec::new(),
        depends_on: deps.iter().map(|s| s.to_string()).collect(),
    }
}

fn build(revs: Vec<Revision>) -> Result<RevisionMap, RevisionError> {
    within_deadline("building the graph", move || RevisionMap::new(revs))
}

fn cycle_of(result: Result<RevisionMap, RevisionError>) -> (CycleKind, Vec<String>) {
    match result {
        Err(RevisionError::Cycle { kind, revisions }) => (kind, revisions),
        Err(other) => panic!("expected a cycle, got {other}"),
        Ok(_) => panic!("expected a cycle, the graph was accepted"),
    }
}

#[test]
fn a_parent_named_twice_is_one_parent() {
    let map = build(vec![
        rev("a1", &[], &[]),
        rev("b1", &["a1", "a1"], &[]),
        rev("c1", &["b1"], &["a1", "a1"]),
    ])
    .unwrap();
    let ids = |plan: retort::revision::Plan| -> Vec<String> {
        plan.steps.iter().map(|s| format!("{:?}", s.kind)).collect()
    };
    let up = within_deadline("upgrade", {
        let map = map.clone();
        move || map.plan_upgrade(&[], "heads").unwrap()
    });
    assert_eq!(ids(up.clone()).len(), 3);
    assert_eq!(up.final_heads, vec!["c1"]);
    assert!(!map.is_merge_point("b1"));
    let history = within_deadline("history", {
        let map = map.clone();
        move || {
            map.history(None, &[])
                .unwrap()
                .iter()
                .map(|r| r.id.clone())
                .collect::<Vec<_>>()
        }
    });
    assert_eq!(history, vec!["c1", "b1", "a1"]);
    let down = within_deadline("downgrade", move || {
        map.plan_downgrade(&["c1".to_string()], "base").unwrap()
    });
    assert_eq!(ids(down.clone()).len(), 3);
    assert!(down.final_heads.is_empty());
}

#[test]
fn self_references_are_refused() {
    let (kind, revs) = cycle_of(build(vec![rev("a1", &["a1"], &[])]));
    assert_eq!((kind, revs), (CycleKind::SelfLoop, vec!["a1".to_string()]));
    let (kind, _) = cycle_of(build(vec![rev("a1", &[], &["a1"])]));
    assert_eq!(kind, CycleKind::DependencySelfLoop);
}

#[test]
fn depending_on_a_descendant_is_a_dependency_cycle() {
    let (kind, _) = cycle_of(build(vec![
        rev("a1", &[], &["c1"]),
        rev("b1", &["a1"], &[]),
        rev("c1", &["b1"], &[]),
    ]));
    assert_eq!(kind, CycleKind::DependencyCycle);
}

/// A cycle hanging off a line between a base and a head: every revision
/// lies between the head and the base, which is all Alembic checks.
#[test]
fn a_cycle_between_a_base_and_a_head_is_refused() {
    let (kind, revs) = cycle_of(build(vec![
        rev("a1", &["c1", "b1"], &[]),
        rev("b1", &["a1"], &[]),
        rev("c1", &[], &[]),
        rev("d1", &["a1"], &[]),
    ]));
    assert_eq!(kind, CycleKind::Cycle);
    assert_eq!(revs, vec!["a1", "b1"]);

    let (kind, revs) = cycle_of(build(vec![
        rev("a1", &["c1"], &["b1"]),
        rev("b1", &["c1"], &["a1"]),
        rev("c1", &[], &[]),
        rev("d1", &["a1", "b1"], &[]),
    ]));
    assert_eq!(kind, CycleKind::DependencyCycle);
    assert_eq!(revs, vec!["a1", "b1"]);
}
