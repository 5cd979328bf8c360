//! A few fuzzed inputs through the binary itself: a retort.toml, a
//! migration file and a revision argument, each near the real grammar or
//! garbage, run through the commands that read them. Whatever the input,
//! retort exits 0, 1 or 2 with its own message, never 101 (a panic) and
//! never by a signal. `PROPTEST_CASES=N` runs N cases (CI runs 12).

use proptest::prelude::*;
use proptest::test_runner::Config;
use std::fs;

fn cases() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

fn config_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just("script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n".to_string()),
        1 => Just("script_location = \"migrations\"\nurl = \"${NOPE}\"\n".to_string()),
        1 => Just("script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\nversion_table = \"\"\n".to_string()),
        1 => Just("script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\ntruncate_slug_length = -5\n".to_string()),
        1 => Just("script_location = \"migrations\"\nurl = \"host= port=x\"\n".to_string()),
        1 => "(\\PC|\n){0,60}",
    ]
}

fn migration_text() -> impl Strategy<Value = String> {
    let good = "-- step\n--\n-- Revision ID: ae1027a6acf\n-- Revises: \n-- Create Date: 2026-01-01 00:00:00\n\n\
                -- retort:upgrade\nCREATE TABLE t (id int);\n\n-- retort:downgrade\nDROP TABLE t;\n";
    prop_oneof![
        2 => Just(good.to_string()),
        2 => (any::<usize>(), "(\\PC|\n){0,20}").prop_map(move |(at, junk)| {
            let mut text = good.to_string();
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert_str(at, &junk);
            text
        }),
        1 => (any::<usize>()).prop_map(move |at| good[..at % (good.len() + 1)].to_string()),
        1 => "(\\PC|\n){0,80}",
    ]
}

fn argument() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("head".to_string()),
        Just("base".to_string()),
        Just("-1".to_string()),
        Just("ae1+2".to_string()),
        Just("ae1@head".to_string()),
        Just("base:head".to_string()),
        Just("head:base".to_string()),
        Just("a:b:c".to_string()),
        "[a-f0-9@+:_-]{1,12}",
        "\\PC{1,8}",
    ]
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn fuzz_cli_exits_with_its_own_statuses(
        config in config_text(),
        migration in migration_text(),
        arg in argument(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("retort.toml"), &config).unwrap();
        fs::create_dir_all(dir.path().join("migrations/versions")).unwrap();
        fs::write(dir.path().join("migrations/versions/ae1027a6acf_step.sql"), &migration).unwrap();
        // A leading `-` would be taken for an option: clap's `--` ends them.
        let commands: [Vec<&str>; 7] = [
            vec!["heads"],
            vec!["history", "-r", &arg],
            vec!["show", "--", &arg],
            vec!["upgrade", "--sql", "--", &arg],
            vec!["downgrade", "--sql", "--", &arg],
            vec!["upgrade", "--", &arg],
            vec!["current"],
        ];
        for args in &commands {
            let out = crate::common::retort_command()
                .args(args)
                .current_dir(dir.path())
                .env_remove("DATABASE_URL")
                .env_remove("RETORT_CONFIG")
                .env("RETORT_CACHE_DIR", "off")
                .output()
                .unwrap();
            let code = out.status.code();
            prop_assert!(
                matches!(code, Some(0..=2)),
                "retort {:?} exited {:?}\nretort.toml: {:?}\nmigration: {:?}\nstderr: {}",
                args, code, config, migration, String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}
