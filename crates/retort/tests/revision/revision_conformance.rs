//! Replays the recorded Alembic behaviour in `tests/conformance/seed_*.json`
//! through the revision engine directly (no CLI, no database): the version
//! table is simulated by applying each plan's version operations.

use std::path::PathBuf;

use retort::revision::{
    parse_migrate_argument, Direction, Plan, Revision, RevisionError, RevisionMap, StepKind,
    VersionOp,
};
use serde_json::Value;

/// What one command observably did, in the shape of an `expect` entry.
#[derive(Debug, Default, Clone, PartialEq)]
struct Outcome {
    error: bool,
    trace: Vec<String>,
    versions: Vec<String>,
    markers: Vec<String>,
    version_steps: Vec<(String, Vec<String>, Vec<String>)>,
    ids: Vec<String>,
}

struct Argv {
    command: String,
    positional: Vec<String>,
    sql: bool,
    purge: bool,
    resolve_dependencies: bool,
    rev_range: Option<String>,
}

fn parse_argv(argv: &[String]) -> Argv {
    let mut parsed = Argv {
        command: argv[0].clone(),
        positional: Vec::new(),
        sql: false,
        purge: false,
        resolve_dependencies: false,
        rev_range: None,
    };
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        match a.as_str() {
            "--sql" => parsed.sql = true,
            "--purge" => parsed.purge = true,
            "--resolve-dependencies" => parsed.resolve_dependencies = true,
            "-r" | "--rev-range" => {
                i += 1;
                parsed.rev_range = argv.get(i).cloned();
            }
            _ if a.starts_with("-r") && a.len() > 2 && parsed.command == "history" => {
                parsed.rev_range = Some(a[2..].to_string());
            }
            _ if a.starts_with("--rev-range=") => {
                parsed.rev_range = Some(a["--rev-range=".len()..].to_string());
            }
            _ => parsed.positional.push(a.clone()),
        }
        i += 1;
    }
    parsed
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

fn build_map(dag: &Value) -> Result<RevisionMap, RevisionError> {
    let mut revs: Vec<(String, Revision)> = dag["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let id = r["id"].as_str().unwrap().to_string();
            let file = format!("{}_{}.sql", id, r["slug"].as_str().unwrap());
            (
                file,
                Revision {
                    id,
                    down_revisions: strings(&r["down"]),
                    branch_labels: strings(&r["labels"]),
                    depends_on: strings(&r["deps"]),
                },
            )
        })
        .collect();
    // Alembic reads files sorted by name, compared by code point.
    revs.sort_by(|a, b| a.0.cmp(&b.0));
    RevisionMap::new(revs.into_iter().map(|(_, r)| r).collect())
}

fn marker(step: &StepKind) -> Option<String> {
    match step {
        StepKind::Migration {
            revision,
            direction: Direction::Up,
        } => Some(format!("up:{revision}")),
        StepKind::Migration {
            revision,
            direction: Direction::Down,
        } => Some(format!("down:{revision}")),
        StepKind::Stamp { .. } => None,
    }
}

fn online_outcome(plan: &Plan, state: &[String]) -> Outcome {
    let mut rows: Vec<String> = if plan.purge {
        Vec::new()
    } else {
        state.to_vec()
    };
    let mut trace = Vec::new();
    for step in &plan.steps {
        if let Some(m) = marker(&step.kind) {
            trace.push(m);
        }
        for op in &step.version_ops {
            op.apply_to(&mut rows);
        }
    }
    rows.sort();
    Outcome {
        trace,
        versions: rows,
        ..Outcome::default()
    }
}

fn offline_outcome(plan: &Plan) -> Outcome {
    let mut markers = Vec::new();
    let mut groups: Vec<(String, Vec<String>, Vec<String>)> =
        vec![(String::new(), Vec::new(), Vec::new())];
    for step in &plan.steps {
        if step.starts_without_rows {
            // The version table's CREATE goes before the step's own SQL.
            groups.last_mut().unwrap().2.push("CREATE".to_string());
        }
        let m = marker(&step.kind).unwrap_or_default();
        markers.push(m.clone());
        let mut ids = Vec::new();
        let mut verbs = Vec::new();
        for op in &step.version_ops {
            match op {
                VersionOp::Insert(v) => {
                    verbs.push("INSERT".to_string());
                    ids.push(v.clone());
                }
                VersionOp::Delete(v) => {
                    verbs.push("DELETE".to_string());
                    ids.push(v.clone());
                }
                VersionOp::Update { from, to } => {
                    verbs.push("UPDATE".to_string());
                    ids.push(from.clone());
                    ids.push(to.clone());
                }
            }
        }
        groups.push((m, ids, verbs));
    }
    for g in &mut groups {
        g.1.sort();
        g.1.dedup();
        g.2.sort();
    }
    Outcome {
        markers,
        version_steps: groups,
        ..Outcome::default()
    }
}

fn run(
    map: &RevisionMap,
    kind: &str,
    argv: &Argv,
    state: &[String],
) -> Result<Outcome, RevisionError> {
    let ids_of = |revs: Vec<&Revision>| revs.into_iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    match kind {
        "upgrade" | "downgrade" | "upgrade_sql" | "downgrade_sql" => {
            let direction = if argv.command == "upgrade" {
                Direction::Up
            } else {
                Direction::Down
            };
            let arg = argv.positional.first().cloned().unwrap_or_default();
            let target = parse_migrate_argument(&arg, argv.sql, direction)?;
            let heads = if argv.sql {
                map.offline_start_heads(target.start.as_deref())?
            } else {
                state.to_vec()
            };
            let plan = match direction {
                Direction::Up => map.plan_upgrade(&heads, &target.destination)?,
                Direction::Down => map.plan_downgrade(&heads, &target.destination)?,
            };
            Ok(if argv.sql {
                offline_outcome(&plan)
            } else {
                online_outcome(&plan, state)
            })
        }
        "stamp" => {
            let plan = map.plan_stamp(state, &argv.positional, argv.purge)?;
            Ok(online_outcome(&plan, state))
        }
        "heads" => Ok(Outcome {
            ids: ids_of(map.heads_listing(argv.resolve_dependencies)),
            ..Outcome::default()
        }),
        "branches" => {
            let mut ids = Vec::new();
            for bp in map.branch_points()? {
                ids.push(bp.revision.id.clone());
                let mut children = ids_of(bp.children);
                children.sort();
                ids.extend(children);
            }
            Ok(Outcome {
                ids,
                ..Outcome::default()
            })
        }
        "history" | "history_range" => {
            let revs = map.history(argv.rev_range.as_deref(), state)?;
            let ids = revs
                .into_iter()
                .flat_map(|r| map.history_line_ids(r).into_iter().map(str::to_string))
                .collect();
            Ok(Outcome {
                ids,
                ..Outcome::default()
            })
        }
        "current" => {
            let mut ids = ids_of(map.current(state)?);
            ids.sort();
            Ok(Outcome {
                ids,
                ..Outcome::default()
            })
        }
        other => panic!("unknown scenario kind {other}"),
    }
}

fn matches(expect: &Value, got: &Outcome) -> bool {
    let obj = expect.as_object().unwrap();
    if obj["error"].as_bool().unwrap() != got.error {
        return false;
    }
    for (key, value) in obj {
        let ok = match key.as_str() {
            "error" => true,
            "trace" => strings(value) == got.trace,
            "versions" => strings(value) == got.versions,
            "markers" => strings(value) == got.markers,
            "ids" => strings(value) == got.ids,
            "version_steps" => {
                let want: Vec<(String, Vec<String>, Vec<String>)> = value
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|g| {
                        (
                            g[0].as_str().unwrap().to_string(),
                            strings(&g[1]),
                            strings(&g[2]),
                        )
                    })
                    .collect();
                want == got.version_steps
            }
            _ => true,
        };
        if !ok {
            return false;
        }
    }
    true
}

/// The recorded cases; `RETORT_CONFORMANCE_DIR` points the replay at
/// another set of files in the same format (for example freshly recorded
/// ones while investigating a difference).
fn conformance_dir() -> PathBuf {
    match std::env::var_os("RETORT_CONFORMANCE_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance"),
    }
}

#[test]
fn alembic_conformance_cases() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(conformance_dir())
        .expect("tests/conformance exists")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("seed_") && name.ends_with(".json")
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no conformance files found");

    let verbose = std::env::var("CONFORMANCE_VERBOSE").is_ok();
    // Opt-in: also list errors whose wording differs from Alembic's
    // (`info.gist` or `info.message`); reported, not failed, since Alembic
    // crashes with tracebacks where we give clean messages.
    let compare_wording = std::env::var("CONFORMANCE_WORDING").is_ok();
    let mut wording_differences = Vec::new();
    let mut total = 0;
    let mut passed = 0;
    let mut failures = Vec::new();
    for file in &files {
        let data: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let seed = &data["seed"];
        let map = build_map(&data["dag"]);
        for scenario in data["scenarios"].as_array().unwrap() {
            total += 1;
            let argv = parse_argv(&strings(&scenario["argv"]));
            let state = strings(&scenario["state"]);
            let kind = scenario["kind"].as_str().unwrap();
            let result = match &map {
                Ok(map) => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    run(map, kind, &argv, &state)
                }))
                .unwrap_or_else(|_| Err(RevisionError::Message("PANIC".into()))),
                Err(e) => Err(e.clone()),
            };
            let (got, message) = match result {
                Ok(o) => (o, String::new()),
                Err(e) => {
                    let mut versions = state.clone();
                    versions.sort();
                    (
                        Outcome {
                            error: true,
                            versions,
                            ..Outcome::default()
                        },
                        e.to_string(),
                    )
                }
            };
            let expects = scenario["expect"].as_array().unwrap();
            let alembic_message = scenario["info"]["message"]
                .as_str()
                .or(scenario["info"]["gist"].as_str());
            if let (true, true, Some(theirs)) = (compare_wording, got.error, alembic_message) {
                // Alembic's own crashes (a bare exception) have no wording
                // to match: we give a clean message there.
                let crashed = theirs.starts_with("CRASH")
                    || theirs.contains("Traceback")
                    || [
                        "AssertionError",
                        "KeyError",
                        "TypeError",
                        "AttributeError",
                        "ValueError",
                        "IndexError",
                    ]
                    .iter()
                    .any(|e| theirs.starts_with(e));
                if !crashed && theirs != message && !message.starts_with(theirs) {
                    wording_differences.push(format!(
                        "seed {seed} n={} {:?}\n  alembic: {theirs}\n  retort:  {message}",
                        scenario["n"],
                        strings(&scenario["argv"]),
                    ));
                }
            }
            if expects.iter().any(|e| matches(e, &got)) {
                passed += 1;
            } else {
                let want = serde_json::to_string(&expects[0]).unwrap();
                let want: String = if verbose {
                    want
                } else {
                    want.chars().take(400).collect()
                };
                failures.push(format!(
                    "seed {seed} n={} {:?} state={:?}\n  expected: {want}\n  alembic: {}\n  got: error={} {message} trace={:?} versions={:?} markers={:?} steps={:?} ids={:?}",
                    scenario["n"],
                    strings(&scenario["argv"]),
                    state,
                    scenario["info"],
                    got.error,
                    got.trace,
                    got.versions,
                    got.markers,
                    got.version_steps,
                    got.ids
                ));
            }
        }
    }
    for f in &failures {
        eprintln!("{f}");
    }
    for w in &wording_differences {
        eprintln!("{w}");
    }
    if compare_wording {
        eprintln!("wording differences: {}", wording_differences.len());
    }
    eprintln!("conformance: {passed}/{total} cases pass");
    assert_eq!(passed, total, "{} conformance cases fail", failures.len());
}
