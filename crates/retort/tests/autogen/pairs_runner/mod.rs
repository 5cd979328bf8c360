//! Runs every schema pair under a directory of `NAME/{a.sql,b.sql,...}`
//! folders and fails with the list of those that do not pass.

use std::path::Path;

/// Calls `check` with each pair's folder; `check` returns how many changes
/// the diff found. A pair whose diff is empty fails too: A and B are meant
/// to differ. `RETORT_PAIRS_ONLY=enum` runs the pairs whose name contains it.
///
/// `leave_out` says why a pair cannot run on this server (an extension it
/// lacks, a feature of a newer version), or `None`. The pairs left out are
/// printed with their reason and returned, so that the caller can hold
/// them to a known list.
pub fn run_pairs(
    dir: &Path,
    at_least: usize,
    mut leave_out: impl FnMut(&Path) -> Option<String>,
    mut check: impl FnMut(&Path) -> Result<usize, String>,
) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= at_least, "only {} pairs", names.len());
    if let Ok(only) = std::env::var("RETORT_PAIRS_ONLY") {
        names.retain(|n| n.contains(&only));
    }
    let mut failures = Vec::new();
    let mut left_out = Vec::new();
    for name in &names {
        if let Some(why) = leave_out(&dir.join(name)) {
            println!("left out {name}: {why}");
            left_out.push(name.clone());
            continue;
        }
        match check(&dir.join(name)) {
            Ok(0) => failures.push(format!("{name}: A and B differ but the diff is empty")),
            Ok(_) => {}
            Err(why) => failures.push(format!("{name}: {why}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} pairs fail:\n{}",
        failures.len(),
        names.len() - left_out.len(),
        failures.join("\n\n")
    );
    left_out
}
