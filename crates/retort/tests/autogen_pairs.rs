//! Each pair under tests/autogen/pairs/NAME/{a.sql,b.sql}: the diff from A
//! to B, applied to a database holding A, gives exactly B; its downgrade
//! gives A back; B against itself gives nothing.

mod autogen_support;

use autogen_support::{repo_root, Harness};

#[test]
fn every_pair_migrates_up_and_down() {
    let dir = repo_root().join("tests/autogen/pairs");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/autogen/pairs")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 30, "only {} pairs", names.len());
    let mut harness = Harness::new();
    let mut failures = Vec::new();
    for name in &names {
        let read = |f: &str| std::fs::read_to_string(dir.join(name).join(f)).expect("pair file");
        match harness.check(&read("a.sql"), &read("b.sql")) {
            Ok(0) => failures.push(format!("{name}: A and B differ but the diff is empty")),
            Ok(_) => {}
            Err(why) => failures.push(format!("{name}: {why}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} pairs fail:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n\n")
    );
}
