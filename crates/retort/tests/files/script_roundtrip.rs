//! Migration files under generated input: parse → write is byte-identical
//! for any layout, the parsed fields are the ones written, and arbitrary
//! text never panics the parser.

use proptest::prelude::*;
use retort::revision::Direction;
use retort::script::{NewRevision, Script, Template};
use sha2::{Digest, Sha256};
use std::path::Path;

/// A generated file and what parsing it must give.
#[derive(Debug, Clone)]
struct Generated {
    text: String,
    revision: String,
    down_revisions: Vec<String>,
    branch_labels: Vec<String>,
    depends_on: Vec<String>,
    message: String,
    create_date: Option<String>,
    upgrade: Option<(bool, String, usize)>,
    downgrade: Option<(bool, String, usize)>,
}

fn id() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_]{1,32}"
}

/// Distinct ids in the order drawn: a revision names a parent or a
/// dependency once (the writer keeps one of each).
fn ids(max: usize) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(id(), 0..=max).prop_map(|ids| {
        let mut seen = std::collections::HashSet::new();
        ids.into_iter()
            .filter(|id| seen.insert(id.clone()))
            .collect()
    })
}

/// A body line that is not a marker: SQL, comments, dollar quotes, blanks.
fn body_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[A-Za-z0-9_ ();,.'*=<>]{1,40}",
        Just("DO $$ BEGIN RAISE NOTICE 'x'; END $$;".to_string()),
        Just("-- Revision ID: not_a_header_in_a_body".to_string()),
        Just("  -- a comment".to_string()),
    ]
}

fn body() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(body_line(), 0..5)
}

/// One header line's text (without `-- `), in random spelling.
fn header_lines(
    revision: &str,
    down: &Option<Vec<String>>,
    labels: &[String],
    depends: &[String],
    date: &Option<String>,
    sep: &str,
) -> Vec<String> {
    let mut lines = vec![format!("Revision ID: {revision}")];
    if let Some(down) = down {
        lines.push(format!(
            "Revises:{}{}",
            if down.is_empty() { "" } else { " " },
            down.join(sep)
        ));
    }
    if !labels.is_empty() {
        lines.push(format!("Branch Labels: {}", labels.join(sep)));
    }
    if !depends.is_empty() {
        lines.push(format!("Depends On: {}", depends.join(sep)));
    }
    if let Some(date) = date {
        lines.push(format!("Create Date: {date}"));
    }
    lines
}

prop_compose! {
    fn generated()(
        revision in id(),
        down in proptest::option::of(ids(3)),
        labels in proptest::collection::vec("[a-z][a-z0-9_]{0,8}", 0..3),
        depends in ids(2),
        date in proptest::option::of(Just("2026-11-21 20:41:44.123456".to_string())),
        message in proptest::option::of("Msg[A-Za-z0-9 ,.!]{0,30}"),
        shuffle in any::<u64>(),
        extra_comments in proptest::collection::vec("(note[a-z ]{0,8})?", 0..3),
        blank_lines in proptest::collection::vec(0usize..3, 8),
        sep in prop_oneof![Just(", "), Just(","), Just(" , ")],
        crlf in any::<bool>(),
        trailing_newline in any::<bool>(),
        upgrade in proptest::option::of((any::<bool>(), body())),
        downgrade in proptest::option::of((any::<bool>(), body())),
        downgrade_first in any::<bool>(),
    ) -> Generated {
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut lines: Vec<String> = Vec::new();
        if let Some(message) = &message {
            lines.push(format!("-- {message}"));
            lines.push("--".to_string());
        }
        let mut header: Vec<String> = header_lines(&revision, &down, &labels, &depends, &date, sep)
            .into_iter()
            .map(|l| format!("-- {l}"))
            .collect();
        header.extend(extra_comments.iter().map(|c| format!("-- {c}")));
        // A random but reproducible order of the header lines.
        let mut seed = shuffle;
        for i in (1..header.len()).rev() {
            let j = (seed % (i as u64 + 1)) as usize;
            seed /= i as u64 + 1;
            header.swap(i, j);
        }
        for (i, line) in header.into_iter().enumerate() {
            for _ in 0..blank_lines[i % blank_lines.len()] {
                lines.push(String::new());
            }
            lines.push(line);
        }
        // When there is no message line, a header line or an extra comment
        // comes first; the message is then that comment, or empty.
        let expected_message = match &message {
            Some(m) => m.trim().to_string(),
            None => lines
                .iter()
                .find(|l| l.starts_with("--"))
                .map(|l| l.trim_start_matches("--").trim().to_string())
                .filter(|c| !c.contains(':'))
                .unwrap_or_default(),
        };
        lines.push(String::new());

        let mut sections = Vec::new();
        let (upgrade, downgrade) = if upgrade.is_none() && downgrade.is_none() {
            (Some((false, Vec::new())), None)
        } else {
            (upgrade, downgrade)
        };
        if let Some(u) = upgrade { sections.push(("retort:upgrade", u)); }
        if let Some(d) = downgrade { sections.push(("retort:downgrade", d)); }
        if downgrade_first { sections.reverse(); }

        let mut expected_upgrade = None;
        let mut expected_downgrade = None;
        let mut text = String::new();
        let mut line_no = 0;
        let push = |text: &mut String, line_no: &mut usize, line: &str| {
            text.push_str(line);
            text.push_str(nl);
            *line_no += 1;
        };
        for line in &lines {
            push(&mut text, &mut line_no, line);
        }
        let section_count = sections.len();
        let mut last_body_empty = false;
        for (index, (marker, (no_tx, body))) in sections.into_iter().enumerate() {
            let marker_line = if no_tx { format!("-- {marker} no-transaction") } else { format!("-- {marker}") };
            push(&mut text, &mut line_no, &marker_line);
            let first_line = line_no + 1;
            let mut body_text = String::new();
            for line in &body {
                body_text.push_str(line);
                body_text.push_str(nl);
                line_no += 1;
            }
            if index + 1 == section_count && !trailing_newline && body_text.ends_with(nl) {
                body_text.truncate(body_text.len() - nl.len());
            }
            last_body_empty = body_text.is_empty();
            text.push_str(&body_text);
            let expected = Some((no_tx, body_text, first_line));
            if marker == "retort:upgrade" { expected_upgrade = expected; } else { expected_downgrade = expected; }
        }
        // With an empty last body the file ends with its marker line.
        if !trailing_newline && last_body_empty {
            text.truncate(text.len() - nl.len());
        }
        Generated {
            text,
            revision,
            down_revisions: down.unwrap_or_default(),
            branch_labels: labels,
            depends_on: depends,
            message: expected_message,
            create_date: date,
            upgrade: expected_upgrade,
            downgrade: expected_downgrade,
        }
    }
}

fn section_matches(
    section: &retort::script::Section,
    expected: &Option<(bool, String, usize)>,
) -> bool {
    match expected {
        Some((no_tx, body, first_line)) => {
            section.no_transaction == *no_tx
                && &section.body == body
                && section.first_line == *first_line
        }
        None => section.body.is_empty() && section.first_line == 0 && !section.no_transaction,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_then_write_is_identity_and_fields_are_right(g in generated()) {
        let script = Script::parse(Path::new("v/gen.sql"), &g.text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n---\n{}", g.text)))?;
        prop_assert_eq!(script.text(), g.text.as_str());
        prop_assert_eq!(&script.revision, &g.revision);
        prop_assert_eq!(&script.down_revisions, &g.down_revisions);
        prop_assert_eq!(&script.branch_labels, &g.branch_labels);
        prop_assert_eq!(&script.depends_on, &g.depends_on);
        prop_assert_eq!(&script.message, &g.message);
        prop_assert_eq!(&script.create_date, &g.create_date);
        prop_assert!(section_matches(&script.upgrade, &g.upgrade), "upgrade {:?} vs {:?}", script.upgrade, g.upgrade);
        prop_assert!(section_matches(&script.downgrade, &g.downgrade), "downgrade {:?} vs {:?}", script.downgrade, g.downgrade);
        // The checksum is of the body with line endings made `\n` and no
        // leading BOM; the raw one (what earlier versions logged) of the body as written.
        let body = &script.upgrade.body;
        let normalized = body.strip_prefix('\u{feff}').unwrap_or(body).replace("\r\n", "\n").replace('\r', "\n");
        let expected_sum = hex::encode(Sha256::digest(normalized.as_bytes()));
        prop_assert_eq!(script.checksum(Direction::Up), expected_sum);
        prop_assert_eq!(script.upgrade.raw_checksum(), hex::encode(Sha256::digest(body.as_bytes())));

        // Written to disk and read back: the same bytes, the same script.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gen.sql");
        script.write(&path).unwrap();
        prop_assert_eq!(std::fs::read(&path).unwrap(), g.text.as_bytes());
        let again = Script::read(&path).unwrap();
        prop_assert_eq!(again.upgrade, script.upgrade);
    }

    #[test]
    fn rendered_new_revisions_parse_back_to_their_fields(
        message in "Msg[A-Za-z0-9 ,.!\n]{0,40}",
        rev_id in id(),
        down in ids(3),
        labels in proptest::collection::vec("[a-z][a-z0-9_]{0,8}", 0..3),
        depends in ids(2),
        upgrade in "[A-Za-z0-9 ;\n]{0,60}",
        downgrade in "[A-Za-z0-9 ;\n]{0,60}",
        no_tx in any::<bool>(),
    ) {
        let mut new = NewRevision::new(&message, down.clone());
        new.rev_id = rev_id.clone();
        new.branch_labels = labels.clone();
        new.depends_on = depends.clone();
        new.upgrade = upgrade.clone();
        new.downgrade = downgrade.clone();
        new.upgrade_no_transaction = no_tx;
        let script = Template::default().render_script(&new, Path::new("new.sql"))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&script.revision, &rev_id);
        prop_assert_eq!(&script.down_revisions, &down);
        prop_assert_eq!(&script.branch_labels, &labels);
        prop_assert_eq!(&script.depends_on, &depends);
        prop_assert_eq!(script.message, message.split_whitespace().collect::<Vec<_>>().join(" "));
        prop_assert_eq!(script.upgrade.no_transaction, no_tx);
        // The body holds the SQL given (plus the template's blank line).
        let up = upgrade.trim_end_matches('\n');
        prop_assert!(script.upgrade.body.starts_with(up), "{:?} vs {:?}", script.upgrade.body, up);
        prop_assert_eq!(script.upgrade.body.trim_end(), up.trim_end());
        prop_assert_eq!(script.downgrade.body.trim_end(), downgrade.trim_end());
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = Script::parse(Path::new("x.sql"), &text);
    }

    #[test]
    fn header_shaped_text_never_panics(lines in proptest::collection::vec(
        prop_oneof![
            "-- (Revision ID|Revises|Branch Labels|Depends On|Create Date|revision id)[: =]{0,2}[A-Za-z0-9_, -]{0,10}",
            "--  ?retort:(upgrade|downgrade|up|x)?( no-transaction| foo)?",
            "[A-Za-z ;]{0,10}",
            "\u{feff}?--[^\n]{0,10}",
        ], 0..10), crlf in any::<bool>()) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        if let Ok(script) = Script::parse(Path::new("x.sql"), &text) {
            prop_assert_eq!(script.text(), text.as_str());
            prop_assert!(!script.revision.is_empty());
        }
    }
}

#[test]
fn checksums_differ_per_section_and_change_with_the_text() {
    let text = "-- Revision ID: a\n-- retort:upgrade\nCREATE TABLE t (x int);\n-- retort:downgrade\nDROP TABLE t;\n";
    let a = Script::parse(Path::new("a.sql"), text).unwrap();
    let b = Script::parse(Path::new("a.sql"), &text.replace("x int", "x bigint")).unwrap();
    assert_eq!(a.checksum(Direction::Up).len(), 64);
    assert_ne!(a.checksum(Direction::Up), a.checksum(Direction::Down));
    assert_ne!(a.checksum(Direction::Up), b.checksum(Direction::Up));
    assert_eq!(a.checksum(Direction::Down), b.checksum(Direction::Down));
    assert_eq!(
        a.checksum(Direction::Down),
        hex::encode(Sha256::digest(b"DROP TABLE t;\n"))
    );
}

#[test]
fn unreadable_file_names_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.sql");
    let err = Script::read(&missing).unwrap_err().to_string();
    assert!(err.contains(&missing.display().to_string()), "{err}");

    let bad_utf8 = dir.path().join("bad.sql");
    std::fs::write(
        &bad_utf8,
        b"-- Revision ID: a\n-- retort:upgrade\n\xff\xfe\n",
    )
    .unwrap();
    let err = Script::read(&bad_utf8).unwrap_err().to_string();
    assert!(err.contains("bad.sql:3"), "{err}");
}
