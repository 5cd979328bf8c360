//! Real schema histories: for consecutive revisions N-1 and N, the diff
//! migrates a database holding N-1 to exactly N and back.
//!
//! `sample` runs the small copy under tests/autogen/corpus (every commit).
//! `full_corpus` runs every revision of ../shared/corpus when it exists; it
//! takes about ten minutes on two cores, so it is ignored by default:
//! `cargo test -p retort --test autogen -- autogen_corpus::full_corpus --ignored --nocapture`.

use crate::autogen_support;

use autogen_support::{repo_root, run_corpus, Harness};

#[test]
fn sample() {
    let root = repo_root().join("tests/autogen/corpus");
    let mut harness = Harness::new();
    let (passed, failures) = run_corpus(&root, &mut harness);
    eprintln!(
        "corpus sample: {passed} pairs pass, {} fail",
        failures.len()
    );
    assert!(passed >= 20, "only {passed} pairs ran");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
#[ignore = "minutes long; needs ../shared/corpus"]
fn full_corpus() {
    let root = repo_root().join("../shared/corpus");
    if !root.is_dir() {
        eprintln!("{} is missing; nothing to run", root.display());
        return;
    }
    let mut harness = Harness::new();
    let (passed, failures) = run_corpus(&root, &mut harness);
    eprintln!("full corpus: {passed} pairs pass, {} fail", failures.len());
    for failure in &failures {
        eprintln!("{}\n", autogen_support::truncate(failure, 1500));
    }
    assert!(failures.is_empty(), "{} pairs fail", failures.len());
}
