//! Fuzzing what retort reads from disk: migration files (arbitrary bytes,
//! and good files with marker-like lines mutated in), templates, and
//! retort.toml (arbitrary text, and TOML of the real keys with `${...}` in
//! the values). Each case runs on a thread with a deadline; whatever the
//! input, the answer is a value or an error that says something, never a
//! panic or an endless loop.
//!
//! `PROPTEST_CASES=N` runs N cases of each (CI runs a few hundred).

use super::fuzz_support::{cases, within_deadline};
use proptest::prelude::*;
use retort::config::expand::expand;
use retort::config::{Config, ConfigOptions};
use retort::revision::Direction;
use retort::script::{Script, Template};
use std::path::{Path, PathBuf};

/// Parses a migration file's text and uses everything the parse gives.
fn parse_script(text: String) {
    within_deadline(text.clone(), move || {
        let path = Path::new("versions/fuzz.sql");
        match Script::parse(path, &text) {
            Ok(script) => {
                let _ = script.to_revision();
                let _ = script.is_irreversible();
                for direction in [Direction::Up, Direction::Down] {
                    let _ = script.checksum(direction);
                    let _ = script.section(direction).has_statements();
                }
                let _ = script.text();
            }
            Err(e) => {
                let shown = e.to_string();
                assert!(
                    shown.contains("fuzz.sql"),
                    "the error does not name the file: {shown}"
                );
            }
        }
        let _ = Template::parse(path, &text);
    });
}

/// Lines that are, or nearly are, what the parser looks for.
const MARKER_LIKE: &[&str] = &[
    "-- retort:upgrade",
    "-- retort:downgrade",
    "--retort:upgrade no-transaction",
    "-- retort:downgrade no-op",
    "-- retort:upgrade no-transaction no-op bogus",
    "-- RETORT:UPGRADE",
    "-- retort：upgrade",
    "-- retort_downgrade",
    "-- retrot:upgrade",
    "/* retort:downgrade */",
    "-- retort:",
    "-- retort",
    "--",
    "-- Revision ID: abc123",
    "-- Revision ID: ",
    "-- Revision ID: a b",
    "-- Revises: abc123, abc123",
    "-- Revises: ",
    "-- Revises: ,,",
    "-- Depends On: x",
    "-- Branch Labels: a, b",
    "-- Create Date: 2026-01-01 00:00:00",
    "-- Revises:",
    "SELECT 1;",
    "",
    "\t",
    "\r",
    "é",
    "-- retort:upgrade\u{0}",
    "-- retort:down\u{301}grade",
];

fn good_file() -> String {
    "-- add things\n--\n-- Revision ID: ae1027a6acf\n-- Revises: 27c6a30d7c24\n\
     -- Create Date: 2026-01-01 00:00:00\n\n-- retort:upgrade\nCREATE TABLE t (id int);\n\n\
     -- retort:downgrade\nDROP TABLE t;\n"
        .to_string()
}

/// A good file with lines replaced, inserted, or cut at any byte.
#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, usize),
    Replace(usize, usize),
    Append(usize, String),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0..MARKER_LIKE.len()).prop_map(|(at, m)| Mutation::Insert(at, m)),
        (any::<usize>(), 0..MARKER_LIKE.len()).prop_map(|(at, m)| Mutation::Replace(at, m)),
        (any::<usize>(), "\\PC{0,12}").prop_map(|(at, s)| Mutation::Append(at, s)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    for m in mutations {
        let n = lines.len().max(1);
        match m {
            Mutation::Insert(at, which) => {
                let len = lines.len();
                lines.insert(at % (len + 1), MARKER_LIKE[*which].to_string())
            }
            Mutation::Replace(at, which) if !lines.is_empty() => {
                lines[at % n] = MARKER_LIKE[*which].to_string()
            }
            Mutation::Append(at, extra) if !lines.is_empty() => lines[at % n].push_str(extra),
            Mutation::Truncate(at) => {
                let mut joined = lines.join("\n").into_bytes();
                joined.truncate(at % (joined.len() + 1));
                lines = String::from_utf8_lossy(&joined)
                    .split('\n')
                    .map(str::to_string)
                    .collect();
            }
            _ => {}
        }
    }
    lines.join("\n")
}

/// The keys retort.toml knows, and some it does not.
const KEYS: &[&str] = &[
    "script_location",
    "url",
    "version_table",
    "version_table_schema",
    "version_locations",
    "transaction_per_migration",
    "file_template",
    "truncate_slug_length",
    "lock_timeout",
    "wait_timeout",
    "log_table",
    "target_schema",
    "dev_url",
    "timezone",
    "sourceless",
    "prepend_sys_path",
    "unknown_key",
];

/// A value: strings with `${...}` in them, numbers, booleans, arrays.
fn value() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-z/:@.]{0,6}",
        Just("${DATABASE_URL}".to_string()),
        Just("${UNSET}".to_string()),
        Just("${UNSET:-fallback}".to_string()),
        Just("${EMPTY:-}".to_string()),
        Just("$${".to_string()),
        Just("${".to_string()),
        Just("${}".to_string()),
        Just("${9bad}".to_string()),
        Just("${A:-${B}}".to_string()),
        Just("$".to_string()),
        Just("}".to_string()),
        Just(":-".to_string()),
    ];
    prop_oneof![
        prop::collection::vec(piece.clone(), 0..5).prop_map(|p| format!("{:?}", p.concat())),
        prop::collection::vec(piece, 0..3).prop_map(|p| format!("'{}'", p.concat())),
        "-?[0-9]{1,22}(\\.[0-9]{0,3})?",
        Just("true".to_string()),
        Just("false".to_string()),
        prop::collection::vec("[a-z${}:/-]{0,8}", 0..3).prop_map(|v| format!("{v:?}")),
        Just("{ a = 1 }".to_string()),
        Just("1979-05-27T07:32:00Z".to_string()),
    ]
}

/// TOML of the real keys, with environment sections.
fn toml_text() -> impl Strategy<Value = String> {
    let line = (0..KEYS.len(), value()).prop_map(|(k, v)| format!("{} = {v}", KEYS[k]));
    let section = prop_oneof![
        Just(String::new()),
        Just("[env.staging]".to_string()),
        Just("[env.prod]".to_string()),
        Just("[env]".to_string()),
        Just("[env.staging.deeper]".to_string()),
        Just("[other]".to_string()),
    ];
    prop::collection::vec((section, prop::collection::vec(line, 0..4)), 1..4).prop_map(|sections| {
        sections
            .into_iter()
            .map(|(header, lines)| format!("{header}\n{}\n", lines.join("\n")))
            .collect()
    })
}

fn env_lookup(name: &str) -> Option<String> {
    match name {
        "DATABASE_URL" => Some("postgresql://app:pw@db/app".to_string()),
        "EMPTY" => Some(String::new()),
        "B" => Some("bee".to_string()),
        _ => None,
    }
}

/// Loads a retort.toml's text as the command line would, with and without
/// an environment section, and uses what comes out.
fn load_config(text: String) {
    within_deadline(text.clone(), move || {
        let path = PathBuf::from("/project/retort.toml");
        for env_name in [None, Some("staging"), Some("missing")] {
            let options = ConfigOptions {
                env_name: env_name.map(str::to_string),
                x_args: vec![("k".to_string(), "${DATABASE_URL}".to_string())],
                ..ConfigOptions::default()
            };
            match Config::from_text(&path, &text, &options, &env_lookup) {
                Ok(config) => {
                    let _ = config.version_dirs();
                    let _ = format!("{config:?}");
                    if let Err(e) = config.database_url() {
                        assert!(!e.to_string().is_empty());
                    }
                }
                Err(e) => {
                    let shown = e.to_string();
                    assert!(!shown.trim().is_empty(), "an empty error for {text:?}");
                }
            }
        }
    });
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn fuzz_migration_files_of_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        parse_script(String::from_utf8_lossy(&bytes).into_owned());
    }

    #[test]
    fn fuzz_migration_files_of_arbitrary_text(text in "(\\PC|\n|\r|\t){0,300}") {
        parse_script(text);
    }

    #[test]
    fn fuzz_migration_files_with_marker_like_lines(mutations in prop::collection::vec(mutation(), 1..6)) {
        parse_script(mutate(&good_file(), &mutations));
    }

    #[test]
    fn fuzz_migration_files_of_marker_like_lines_only(lines in prop::collection::vec(0..MARKER_LIKE.len(), 0..12)) {
        let text: Vec<&str> = lines.iter().map(|&i| MARKER_LIKE[i]).collect();
        parse_script(text.join("\n"));
    }

    #[test]
    fn fuzz_config_of_arbitrary_text(text in "(\\PC|\n){0,200}") {
        load_config(text);
    }

    #[test]
    fn fuzz_config_of_real_keys_and_expansions(text in toml_text()) {
        load_config(text);
    }

    #[test]
    fn fuzz_expansions(text in "([a-z$:{}-]|\\$\\{|:-|\\PC){0,40}") {
        let shown = text.clone();
        let expanded = within_deadline(shown, move || expand(&text, &env_lookup, &env_lookup));
        if let Err(e) = expanded {
            let shown = format!("{e:?}");
            prop_assert!(!shown.is_empty());
        }
    }
}

/// Large inputs end in time: every parser here is one pass, and a quadratic
/// one would show as a case past the deadline.
#[test]
fn large_inputs_end_quickly() {
    let started = std::time::Instant::now();
    let long_word = "x".repeat(1 << 20);
    parse_script(format!("-- retort {long_word}\n"));
    parse_script(format!(
        "-- m\n-- retort:upgrade\n{}",
        "-- retort up\n".repeat(50_000)
    ));
    parse_script(format!("{}-- retort:upgrade\n", "--\n".repeat(200_000)));
    parse_script(format!(
        "-- m\n-- Revision ID: a\n-- Revises: {}\n-- retort:upgrade\n",
        "b, ".repeat(100_000)
    ));
    for text in [
        "${".repeat(100_000),
        "$${".repeat(100_000),
        "${A:-".repeat(100_000) + "}",
        format!("url = \"{}\"\n", "${UNSET:-x}".repeat(50_000)),
    ] {
        let shown = text.len();
        let t = text.clone();
        within_deadline(shown, move || {
            expand(&t, &env_lookup, &env_lookup).map(drop).ok()
        });
        load_config(text);
    }
    for text in [
        format!("postgresql://{}/db", "h,".repeat(100_000)),
        format!("postgresql://u@h/db?{}", "a=1&".repeat(100_000)),
        "host='a ".repeat(100_000),
        format!("host={}", "\\".repeat(100_000)),
    ] {
        let shown = text.len();
        within_deadline(shown, move || {
            let _ = retort::url::DatabaseUrl::parse(&text).map(|u| u.redacted());
        });
    }
    eprintln!("large inputs: {:?}", started.elapsed());
}
