//! Fuzzing the revision grammar as the commands take it: `upgrade` and
//! `downgrade`'s argument (`head`, `base`, `-1`, `ae1+2`, `feature@head`,
//! `A:B` ranges with `--sql`, garbage), `stamp --sql`'s, and `history -r`,
//! split by `parse_migrate_argument` and friends and planned on a graph
//! with branches, a merge, a label and a dependency. Each case runs on a
//! thread with a deadline; the answer is a plan or an error, never a panic
//! or an endless loop.
//!
//! `PROPTEST_CASES=N` runs N cases (CI runs a few hundred).

use crate::revision_hostile_graphs::within_deadline;
use crate::revision_support::graph;
use proptest::prelude::*;
use proptest::test_runner::Config;
use retort::revision::plan::{parse_migrate_argument, parse_stamp_sql_arguments};
use retort::revision::{Direction, RevisionMap};

/// base ae1027 ← 27c6a3 ← {b1 (label feature), b2} ← merge m1; d1 depends
/// on b2 from its own base.
const GRAPH: &str = "ae1027a6acf;27c6a30d7c24:ae1027a6acf;b1aa:27c6a30d7c24:feature;\
                     b2bb:27c6a30d7c24;m1cc:b1aa,b2bb;d1dd:::b2bb";

fn cases(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// One revision reference: a keyword, an id or its prefix, a label,
/// with `@` and relative steps, in the shapes the grammar has and near them.
fn reference() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        Just("head"),
        Just("heads"),
        Just("base"),
        Just("current"),
        Just("ae1"),
        Just("ae1027a6acf"),
        Just("27c"),
        Just("b"),
        Just("b1aa"),
        Just("m1cc"),
        Just("d1dd"),
        Just("feature"),
        Just("nope"),
        Just(""),
    ];
    let step = prop_oneof![
        Just(String::new()),
        "[+-][0-9]{1,3}",
        "[+-][0-9]{18,25}",
        Just("+".to_string()),
        Just("-".to_string()),
        Just("+-1".to_string()),
        Just("--1".to_string()),
        Just("+0".to_string()),
    ];
    let at = prop_oneof![
        Just(String::new()),
        Just("@head".to_string()),
        Just("@base".to_string()),
        Just("@".to_string()),
        Just("@@".to_string()),
        "@[+-][0-9]{1,20}",
        Just("@feature".to_string()),
    ];
    (name, at, step).prop_map(|(n, a, s)| format!("{n}{a}{s}"))
}

/// An argument: a reference, a range of two, or anything.
fn argument() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => reference(),
        3 => (reference(), reference()).prop_map(|(a, b)| format!("{a}:{b}")),
        1 => (reference(), reference(), reference()).prop_map(|(a, b, c)| format!("{a}:{b}:{c}")),
        1 => "[a-f0-9@+:_ -]{0,12}",
        1 => "\\PC{0,10}",
    ]
}

/// Everything a command does with `arg`, against every start worth trying.
fn exercise(map: &RevisionMap, arg: &str) {
    let starts: [Vec<String>; 4] = [
        vec![],
        vec!["27c6a30d7c24".to_string()],
        vec!["b1aa".to_string(), "b2bb".to_string()],
        vec!["m1cc".to_string(), "d1dd".to_string()],
    ];
    for sql in [false, true] {
        for direction in [Direction::Up, Direction::Down] {
            let Ok(parsed) = parse_migrate_argument(arg, sql, direction) else {
                continue;
            };
            let offline = map.offline_start_heads(parsed.start.as_deref());
            let mut froms: Vec<Vec<String>> = starts.to_vec();
            if let Ok(rows) = offline {
                froms.push(rows);
            }
            for rows in &froms {
                let _ = match direction {
                    Direction::Up => map.plan_upgrade(rows, &parsed.destination),
                    Direction::Down => map.plan_downgrade(rows, &parsed.destination),
                };
            }
        }
    }
    let args = vec![arg.to_string(), "head".to_string()];
    if let Ok((start, destinations)) = parse_stamp_sql_arguments(&args) {
        let rows = map
            .offline_start_heads(start.as_deref())
            .unwrap_or_default();
        let _ = map.plan_stamp(&rows, &destinations, false);
        let _ = map.plan_stamp(&rows, &destinations, true);
    }
    for rows in &starts {
        let _ = map.history(Some(arg), rows);
        let _ = map.current(rows);
    }
    let _ = map.get_revisions(arg);
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn fuzz_revision_arguments(arg in argument()) {
        let shown = arg.clone();
        within_deadline(&format!("the argument {shown:?}"), move || {
            exercise(&graph(GRAPH), &arg);
        });
    }
}
