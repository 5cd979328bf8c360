//! A catalogue of broken migration directories and bad arguments: each must
//! give exit status 2 and one clear message naming the file and line, or the
//! revision — never a panic.

use crate::common;

use common::{retort, stderr};
use std::fs;
use std::path::Path;

/// A project whose versions directory holds `files` (name, text).
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("retort.toml"),
        "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n",
    )
    .unwrap();
    let versions = dir.path().join("migrations/versions");
    fs::create_dir_all(&versions).unwrap();
    for (name, text) in files {
        fs::write(versions.join(name), text).unwrap();
    }
    dir
}

fn migration(id: &str, revises: &str) -> String {
    format!(
        "-- message {id}\n--\n-- Revision ID: {id}\n-- Revises: {revises}\n-- Create Date: 2026-01-01 00:00:00\n\n-- retort:upgrade\nSELECT 1;\n\n-- retort:downgrade\nSELECT 2;\n"
    )
}

/// Runs `args` in `dir`; asserts exit status 2 and that stderr mentions every `needle`.
fn fails_with(dir: &Path, args: &[&str], needles: &[&str]) {
    let output = retort(dir, args);
    let err = stderr(&output);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{args:?} should exit 2; stderr: {err}"
    );
    for needle in needles {
        assert!(
            err.contains(needle),
            "{args:?}: stderr lacks {needle:?}:\n{err}"
        );
    }
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
}

#[test]
fn missing_versions_directory() {
    let dir = project(&[]);
    fs::remove_dir(dir.path().join("migrations/versions")).unwrap();
    fails_with(dir.path(), &["heads"], &["versions"]);
}

#[test]
fn unreadable_file_is_named() {
    let dir = project(&[("a1_ok.sql", &migration("a1", ""))]);
    // Permissions do not stop root, so the file is unreadable as text instead.
    fs::write(
        dir.path().join("migrations/versions/b2_broken.sql"),
        b"-- \xff\xfe broken\n-- Revision ID: b2\n",
    )
    .unwrap();
    fails_with(dir.path(), &["heads"], &["b2_broken.sql"]);
}

#[test]
fn section_marker_twice_names_the_line() {
    let text = migration("a1", "") + "\n-- retort:upgrade\nSELECT 3;\n";
    let dir = project(&[("a1_twice.sql", &text)]);
    fails_with(dir.path(), &["heads"], &["a1_twice.sql:13"]);
}

#[test]
fn revision_id_over_32_characters() {
    let long = "a".repeat(33);
    let dir = project(&[("long.sql", &migration(&long, ""))]);
    fails_with(dir.path(), &["heads"], &["long.sql:3", "32"]);
}

#[test]
fn unknown_marker_option() {
    let text =
        migration("a1", "").replace("-- retort:upgrade", "-- retort:upgrade no-transactions");
    let dir = project(&[("a1_opt.sql", &text)]);
    fails_with(dir.path(), &["heads"], &["a1_opt.sql:7", "no-transactions"]);
}

#[test]
fn missing_revision_id_is_a_broken_header() {
    let text = "-- no id here\n\n-- retort:upgrade\nSELECT 1;\n";
    let dir = project(&[("x_noid.sql", text)]);
    fails_with(dir.path(), &["heads"], &["x_noid.sql", "Revision ID"]);
}

#[test]
fn every_broken_file_is_reported_at_once() {
    let dir = project(&[
        ("a_bad.sql", "-- a\n\n-- retort:upgrade\n"),
        ("b_bad.sql", "-- b\n\n-- retort:upgrade\n"),
    ]);
    fails_with(dir.path(), &["heads"], &["a_bad.sql", "b_bad.sql"]);
}

#[test]
fn duplicate_revision_id_names_both_files() {
    let dir = project(&[
        ("a1_one.sql", &migration("a1", "")),
        ("a1_two.sql", &migration("a1", "")),
    ]);
    fails_with(dir.path(), &["heads"], &["a1_one.sql", "a1_two.sql"]);
}

#[test]
fn revises_naming_nothing() {
    let dir = project(&[("a1_x.sql", &migration("a1", "nowhere"))]);
    fails_with(dir.path(), &["heads"], &["nowhere"]);
}

#[test]
fn a_cycle_is_named() {
    let dir = project(&[
        ("a1_x.sql", &migration("a1", "b2")),
        ("b2_x.sql", &migration("b2", "a1")),
    ]);
    fails_with(dir.path(), &["heads"], &["a1", "b2"]);
}

fn two_branches() -> tempfile::TempDir {
    project(&[
        ("aa11_base.sql", &migration("aa11", "")),
        ("bb22_left.sql", &migration("bb22", "aa11")),
        ("bb33_right.sql", &migration("bb33", "aa11")),
    ])
}

#[test]
fn unknown_revision_argument() {
    let dir = two_branches();
    fails_with(dir.path(), &["upgrade", "deadbeef", "--sql"], &["deadbeef"]);
    fails_with(dir.path(), &["show", "deadbeef"], &["deadbeef"]);
}

#[test]
fn ambiguous_prefix_lists_the_candidates() {
    let dir = two_branches();
    fails_with(dir.path(), &["show", "bb"], &["bb22", "bb33"]);
}

#[test]
fn several_heads_where_one_is_needed() {
    let dir = two_branches();
    fails_with(
        dir.path(),
        &["upgrade", "head", "--sql"],
        &["Multiple head revisions"],
    );
}

#[test]
fn downgrade_sql_needs_a_range() {
    let dir = two_branches();
    fails_with(
        dir.path(),
        &["downgrade", "base", "--sql"],
        &["<fromrev>:<torev>"],
    );
}

#[test]
fn bad_usage_exits_2() {
    let dir = two_branches();
    fails_with(dir.path(), &["upgrade"], &["Usage"]);
    fails_with(dir.path(), &["frobnicate"], &["frobnicate"]);
}

#[test]
fn unknown_config_key_suggests_the_nearest() {
    let dir = two_branches();
    fs::write(
        dir.path().join("retort.toml"),
        "scrip_location = \"migrations\"\n",
    )
    .unwrap();
    fails_with(
        dir.path(),
        &["heads"],
        &["scrip_location", "script_location"],
    );
}
