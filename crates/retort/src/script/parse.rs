//! A migration file's text → [`Script`], in one pass over its lines.
//!
//! Before the first section marker only blank lines and `--` comment lines
//! may stand; comment lines of the form `-- Key: value` with a known key are
//! the header, the first comment line (when it is not a header line) is the
//! message, and any other comment is kept as written. A marker line starts a
//! section, whose body is every line up to the next marker or the end of
//! the file, exactly as written.
//!
//! # Section markers
//!
//! A marker is a line holding, after any blanks, `--`, any blanks (none is
//! fine: `--` starts a comment whatever follows, as in psql),
//! `retort:upgrade` or `retort:downgrade` in lower case, and then options
//! separated by blanks: `no-transaction` (run the section outside a
//! transaction) and `no-op` (the section deliberately does nothing; it must
//! then hold no SQL). A downgrade section with no SQL that is not marked
//! `no-op` makes its revision irreversible: a downgrade through it is
//! refused before anything runs.
//!
//! A comment that looks like a marker but is not one is an error naming
//! its line, so that a typo does not turn the downgrade into part of the
//! upgrade. "Looks like one" ([`near_miss`]) means a `--` or `/*` comment
//! at the start of a line whose text begins with
//!
//! - `retort` in any case, 1 to 3 characters that are not letters or
//!   digits (`:`, `：`, `_`, `-`, a blank...), and a word within two edits
//!   of `upgrade` or `downgrade` (or `up`, `down`); or
//! - a word within two edits of `retort` (`retrot`, `retort`), a colon, and
//!   such a word, with nothing after it but options (words starting `no`).
//!
//! Any `-- retort:` comment is taken as a marker and must be a good one. The
//! message line (the file's first comment line) is never taken for a marker.

use super::{is_valid_revision_id, Script, ScriptError, Section, Warning};
use std::path::Path;

const REVISION_ID: &str = "Revision ID";
const REVISES: &str = "Revises";
const CREATE_DATE: &str = "Create Date";
const BRANCH_LABELS: &str = "Branch Labels";
const DEPENDS_ON: &str = "Depends On";
const HEADER_KEYS: [&str; 5] = [REVISION_ID, REVISES, CREATE_DATE, BRANCH_LABELS, DEPENDS_ON];

pub(crate) const UPGRADE_MARKER: &str = "retort:upgrade";
pub(crate) const DOWNGRADE_MARKER: &str = "retort:downgrade";
pub(crate) const NO_TRANSACTION: &str = "no-transaction";
pub(crate) const NO_OP: &str = "no-op";
/// `-- retort:allow CODE reason` silences a lint rule for a statement.
pub(crate) const ALLOW_COMMENT: &str = "retort:allow";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Which {
    Upgrade,
    Downgrade,
}

impl Which {
    fn marker(self) -> &'static str {
        match self {
            Which::Upgrade => UPGRADE_MARKER,
            Which::Downgrade => DOWNGRADE_MARKER,
        }
    }
}

/// A recognised marker line.
#[derive(Debug)]
pub(crate) struct Marker {
    pub which: Which,
    pub no_transaction: bool,
    pub no_op: bool,
}

/// Whether `line` is a marker line (`-- retort:...`), and if so whether it
/// is a good one. Any `-- retort:` comment counts as an attempt at a marker,
/// so that a typo is an error rather than silently part of a body.
pub(crate) fn marker(line: &str) -> Option<Result<Marker, String>> {
    let rest = line.trim_start().strip_prefix("--")?.trim_start();
    let prefix = rest.get(..7)?;
    if !prefix.eq_ignore_ascii_case("retort:") {
        return None;
    }
    let mut words = rest.split_whitespace();
    let name = words.next().unwrap_or_default();
    if name == ALLOW_COMMENT {
        // `-- retort:allow CODE reason`: a lint suppression, not a marker.
        return None;
    }
    let which = match name {
        UPGRADE_MARKER => Which::Upgrade,
        DOWNGRADE_MARKER => Which::Downgrade,
        _ => {
            let hint = if name.eq_ignore_ascii_case(UPGRADE_MARKER)
                || name.eq_ignore_ascii_case(DOWNGRADE_MARKER)
            {
                crate::tr!("script-markers-lower-case")
            } else {
                String::new()
            };
            return Some(Err(crate::tr!(
                "script-unknown-marker",
                name = name,
                upgrade = UPGRADE_MARKER,
                downgrade = DOWNGRADE_MARKER,
                allow = ALLOW_COMMENT,
                hint = hint
            )));
        }
    };
    let mut no_transaction = false;
    let mut no_op = false;
    for option in words {
        match option {
            NO_TRANSACTION => no_transaction = true,
            NO_OP => no_op = true,
            _ => {
                return Some(Err(crate::tr!(
                    "script-unknown-marker-option",
                    option = option,
                    name = name,
                    known = format!("{NO_TRANSACTION}, {NO_OP}")
                )))
            }
        }
    }
    Some(Ok(Marker {
        which,
        no_transaction,
        no_op,
    }))
}

/// When `line` is not a marker ([`marker`] said None) but looks like an
/// attempt at one (see the module's documentation), the error to give.
pub(crate) fn near_miss(line: &str) -> Option<String> {
    let trimmed = line.trim_start();
    let text = if let Some(rest) = trimmed.strip_prefix("--") {
        rest.trim_start_matches('-')
    } else if let Some(rest) = trimmed.strip_prefix("/*") {
        let rest = rest.trim_end();
        rest.strip_suffix("*/").unwrap_or(rest)
    } else {
        return None;
    };
    let (first, rest) = leading_word(text.trim_start());
    if first.is_empty() {
        return None;
    }
    let exact = first.eq_ignore_ascii_case("retort");
    if !exact && strsim::levenshtein(&first.to_lowercase(), "retort") > 2 {
        return None;
    }
    let separator: String = rest.chars().take_while(|c| !c.is_alphanumeric()).collect();
    let separator_chars = separator.chars().count();
    if separator_chars == 0 || separator_chars > 3 {
        return None;
    }
    if !exact && !separator.contains([':', '\u{ff1a}']) {
        return None;
    }
    let (second, after) = leading_word(&rest[separator.len()..]);
    let which = section_word(second)?;
    if !exact {
        let after = after.trim();
        let option_like = after.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("no"));
        if !after.is_empty() && !option_like {
            return None;
        }
    }
    Some(crate::tr!(
        "script-near-miss-marker",
        line = line.trim(),
        marker = which.marker()
    ))
}

/// The letters and digits at the start of `text`, and what follows.
fn leading_word(text: &str) -> (&str, &str) {
    let end = text
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(i, _)| i);
    text.split_at(end)
}

/// The section a word close to `upgrade` or `downgrade` names.
fn section_word(word: &str) -> Option<Which> {
    let word = word.to_lowercase();
    match word.as_str() {
        "up" => return Some(Which::Upgrade),
        "down" => return Some(Which::Downgrade),
        _ => {}
    }
    let up = strsim::levenshtein(&word, "upgrade");
    let down = strsim::levenshtein(&word, "downgrade");
    if up.min(down) > 2 {
        None
    } else if up <= down {
        Some(Which::Upgrade)
    } else {
        Some(Which::Downgrade)
    }
}

/// Everything in a script but its path and text.
#[derive(Default)]
struct Fields {
    revision: Option<String>,
    down_revisions: Vec<String>,
    branch_labels: Vec<String>,
    depends_on: Vec<String>,
    message: String,
    create_date: Option<String>,
    upgrade: Section,
    downgrade: Section,
    /// Things worth telling but not refusing, by line.
    warnings: Vec<(usize, String)>,
}

impl Script {
    /// Parses a migration file's text; `path` is for error messages.
    pub fn parse(path: &Path, text: &str) -> Result<Script, ScriptError> {
        parse_owned(path, text.to_string())
    }

    /// Reads and parses one file; an IO error names the path.
    pub fn read(path: &Path) -> Result<Script, ScriptError> {
        let bytes = std::fs::read(path).map_err(|source| ScriptError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let text = String::from_utf8(bytes).map_err(|e| ScriptError::Parse {
            path: path.to_path_buf(),
            line: 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count(),
            message: crate::tr!("script-not-utf8"),
        })?;
        parse_owned(path, text)
    }
}

fn parse_owned(path: &Path, text: String) -> Result<Script, ScriptError> {
    let fields = parse_fields(&text).map_err(|(line, message)| ScriptError::Parse {
        path: path.to_path_buf(),
        line,
        message,
    })?;
    let warnings = fields
        .warnings
        .into_iter()
        .map(|(line, message)| Warning {
            path: path.to_path_buf(),
            line,
            message,
        })
        .collect();
    Ok(Script {
        path: path.to_path_buf(),
        revision: fields.revision.unwrap_or_default(),
        down_revisions: fields.down_revisions,
        branch_labels: fields.branch_labels,
        depends_on: fields.depends_on,
        message: fields.message,
        create_date: fields.create_date,
        upgrade: fields.upgrade,
        downgrade: fields.downgrade,
        warnings,
        source: text,
    })
}

/// An error at a 1-based line.
type LineError = (usize, String);

/// The section being read: which one, where its body starts (byte offset)
/// and on which line.
struct OpenSection {
    which: Which,
    no_transaction: bool,
    no_op: bool,
    body_start: usize,
    first_line: usize,
}

fn parse_fields(text: &str) -> Result<Fields, LineError> {
    let mut fields = Fields::default();
    // The line each header key was seen on, to report duplicates.
    let mut seen_keys: [usize; HEADER_KEYS.len()] = [0; HEADER_KEYS.len()];
    // The marker line of each section (0: not seen yet).
    let mut upgrade_marker_line = 0;
    let mut downgrade_marker_line = 0;
    let mut first_comment_seen = false;
    let mut open: Option<OpenSection> = None;
    let mut offset = 0;
    let mut line_no = 0;

    for raw in text.split_inclusive('\n') {
        line_no += 1;
        let line_start = offset;
        offset += raw.len();
        let mut line = raw.strip_suffix('\n').unwrap_or(raw);
        line = line.strip_suffix('\r').unwrap_or(line);
        if line_no == 1 {
            line = line.strip_prefix('\u{feff}').unwrap_or(line);
        }

        if let Some(found) = marker(line) {
            let found = found.map_err(|message| (line_no, message))?;
            let marker_line = match found.which {
                Which::Upgrade => &mut upgrade_marker_line,
                Which::Downgrade => &mut downgrade_marker_line,
            };
            if *marker_line != 0 {
                return Err((
                    line_no,
                    crate::tr!(
                        "script-marker-twice",
                        marker = found.which.marker(),
                        first = *marker_line
                    ),
                ));
            }
            *marker_line = line_no;
            if let Some(section) = open.take() {
                close_section(&mut fields, section, &text[..line_start])?;
            }
            open = Some(OpenSection {
                which: found.which,
                no_transaction: found.no_transaction,
                no_op: found.no_op,
                body_start: offset,
                first_line: line_no + 1,
            });
            continue;
        }
        // The message line is the author's words, whatever they say.
        let is_message_line = open.is_none() && !first_comment_seen;
        if !is_message_line {
            if let Some(message) = near_miss(line) {
                return Err((line_no, message));
            }
        }
        if open.is_some() {
            continue; // body text, taken whole when the section closes
        }

        // The header: blank lines and comments only.
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let Some(comment) = trimmed.strip_prefix("--") else {
            return Err((
                line_no,
                crate::tr!(
                    "script-sql-before-marker",
                    upgrade = UPGRADE_MARKER,
                    downgrade = DOWNGRADE_MARKER
                ),
            ));
        };
        let comment = comment.trim();
        match header_line(comment).map_err(|message| (line_no, message))? {
            Some((key_index, value)) => {
                if seen_keys[key_index] != 0 {
                    return Err((
                        line_no,
                        crate::tr!(
                            "script-header-twice",
                            key = HEADER_KEYS[key_index],
                            first = seen_keys[key_index]
                        ),
                    ));
                }
                seen_keys[key_index] = line_no;
                set_header(&mut fields, key_index, value, line_no).map_err(|m| (line_no, m))?;
            }
            None if !first_comment_seen => fields.message = comment.to_string(),
            None => {}
        }
        first_comment_seen = true;
    }

    if let Some(section) = open.take() {
        close_section(&mut fields, section, text)?;
    }
    if upgrade_marker_line == 0 && downgrade_marker_line == 0 {
        return Err((
            line_no.max(1),
            crate::tr!(
                "script-no-marker",
                upgrade = UPGRADE_MARKER,
                downgrade = DOWNGRADE_MARKER
            ),
        ));
    }
    if fields.revision.is_none() {
        let first_marker = match (upgrade_marker_line, downgrade_marker_line) {
            (0, line) | (line, 0) => line,
            (a, b) => a.min(b),
        };
        return Err((
            first_marker,
            crate::tr!("script-missing-revision-id", key = REVISION_ID),
        ));
    }
    Ok(fields)
}

fn close_section(
    fields: &mut Fields,
    section: OpenSection,
    text_up_to_next_marker: &str,
) -> Result<(), LineError> {
    let body = text_up_to_next_marker
        .get(section.body_start..)
        .unwrap_or_default()
        .to_string();
    let target = match section.which {
        Which::Upgrade => &mut fields.upgrade,
        Which::Downgrade => &mut fields.downgrade,
    };
    *target = Section {
        no_transaction: section.no_transaction,
        no_op: section.no_op,
        body,
        first_line: section.first_line,
    };
    if target.no_op && target.has_statements() {
        return Err((
            section.first_line - 1,
            crate::tr!(
                "script-no-op-with-sql",
                marker = section.which.marker(),
                no_op = NO_OP
            ),
        ));
    }
    Ok(())
}

/// A header comment's key (as an index into [`HEADER_KEYS`]) and value, or
/// None for any other comment. A known key that is not followed by `:` is
/// an error, unless the line reads as prose ("Revises the users table").
fn header_line(comment: &str) -> Result<Option<(usize, &str)>, String> {
    if let Some((key, value)) = comment.split_once(':') {
        let key = key.trim();
        if let Some(index) = HEADER_KEYS.iter().position(|k| k.eq_ignore_ascii_case(key)) {
            return Ok(Some((index, value.trim())));
        }
    }
    for key in HEADER_KEYS {
        let Some(head) = comment.get(..key.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(key) {
            continue;
        }
        let after = &comment[key.len()..];
        let looks_like_header = after.is_empty()
            || after.starts_with('=')
            || (after.starts_with(char::is_whitespace)
                && !after.trim().contains(char::is_whitespace)
                && !after.trim().contains(':'));
        if looks_like_header {
            return Err(crate::tr!("script-malformed-header", key = key));
        }
    }
    Ok(None)
}

fn set_header(
    fields: &mut Fields,
    key_index: usize,
    value: &str,
    line: usize,
) -> Result<(), String> {
    match HEADER_KEYS[key_index] {
        REVISION_ID => {
            check_revision_id(value, REVISION_ID)?;
            fields.revision = Some(value.to_string());
        }
        REVISES => {
            let ids = comma_list(value, REVISES)?;
            for id in &ids {
                check_revision_id(id, REVISES)?;
            }
            fields.down_revisions = dedupe_list(ids, REVISES, line, &mut fields.warnings);
        }
        CREATE_DATE => fields.create_date = (!value.is_empty()).then(|| value.to_string()),
        BRANCH_LABELS => fields.branch_labels = comma_list(value, BRANCH_LABELS)?,
        DEPENDS_ON => {
            let ids = comma_list(value, DEPENDS_ON)?;
            fields.depends_on = dedupe_list(ids, DEPENDS_ON, line, &mut fields.warnings);
        }
        _ => unreachable!("every header key has a case"),
    }
    Ok(())
}

/// A list with each item once, in the order first written. Alembic follows
/// a parent or dependency named twice once (it de-duplicates them in every
/// walk), so a repeat is dropped, with a warning: it is most likely a typo
/// for another revision.
fn dedupe_list(
    items: Vec<String>,
    key: &str,
    line: usize,
    warnings: &mut Vec<(usize, String)>,
) -> Vec<String> {
    let mut kept: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        if kept.contains(&item) {
            let message = crate::tr!("script-named-twice", key = key, item = &item);
            if !warnings.contains(&(line, message.clone())) {
                warnings.push((line, message));
            }
        } else {
            kept.push(item);
        }
    }
    kept
}

fn check_revision_id(id: &str, key: &str) -> Result<(), String> {
    if id.is_empty() {
        Err(crate::tr!("script-key-empty", key = key))
    } else if is_valid_revision_id(id) {
        Ok(())
    } else if id.len() > 32 {
        Err(crate::tr!(
            "script-revision-id-too-long",
            id = id,
            key = key,
            length = id.chars().count()
        ))
    } else {
        Err(crate::tr!("script-revision-id-characters", id = id, key = key))
    }
}

/// `a, b,c` → `[a, b, c]`; nothing → `[]`. Items may not be empty or hold spaces.
fn comma_list(value: &str, key: &str) -> Result<Vec<String>, String> {
    if value.is_empty() {
        return Ok(Vec::new());
    }
    value
        .split(',')
        .map(|item| {
            let item = item.trim();
            if item.is_empty() {
                Err(crate::tr!("script-empty-item", key = key, value = value))
            } else if item.contains(char::is_whitespace) {
                Err(crate::tr!("script-item-with-space", key = key, item = item))
            } else {
                Ok(item.to_string())
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    const EXAMPLE: &str = "-- add users table
--
-- Revision ID: 3f2a1b9c0d4e
-- Revises: 1a2b3c4d5e6f
-- Create Date: 2026-11-21 20:41:44.123456
-- Branch Labels: auth
-- Depends On: 9e8d7c6b5a4f

-- retort:upgrade
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);

-- retort:downgrade
DROP TABLE users;
";

    fn parse_ok(text: &str) -> Script {
        Script::parse(&PathBuf::from("v/x.sql"), text).unwrap()
    }

    fn parse_err(text: &str) -> String {
        Script::parse(&PathBuf::from("v/x.sql"), text)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_lint_allow_comment_is_part_of_the_body_not_a_marker() {
        let s = parse_ok(
            "-- m\n-- Revision ID: a1\n-- retort:upgrade\n-- retort:allow R001 tiny table\nCREATE INDEX i ON t (x);\n",
        );
        assert_eq!(s.upgrade.body, "-- retort:allow R001 tiny table\nCREATE INDEX i ON t (x);\n");
    }

    #[test]
    fn contract_example() {
        let s = parse_ok(EXAMPLE);
        assert_eq!(s.message, "add users table");
        assert_eq!(s.revision, "3f2a1b9c0d4e");
        assert_eq!(s.down_revisions, vec!["1a2b3c4d5e6f"]);
        assert_eq!(s.branch_labels, vec!["auth"]);
        assert_eq!(s.depends_on, vec!["9e8d7c6b5a4f"]);
        assert_eq!(s.create_date.as_deref(), Some("2026-11-21 20:41:44.123456"));
        assert_eq!(
            s.upgrade.body,
            "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);\n\n"
        );
        assert_eq!(s.upgrade.first_line, 10);
        assert_eq!(s.downgrade.body, "DROP TABLE users;\n");
        assert_eq!(s.downgrade.first_line, 13);
        assert!(!s.upgrade.no_transaction);
        assert_eq!(s.text(), EXAMPLE);
    }

    #[test]
    fn merge_point_and_options() {
        let s = parse_ok(
            "-- merge\n-- Revision ID: m1\n-- Revises: a, b,c\n-- retort:upgrade   no-transaction\nCREATE INDEX CONCURRENTLY i ON t (x);\n",
        );
        assert_eq!(s.down_revisions, vec!["a", "b", "c"]);
        assert!(s.upgrade.no_transaction);
        assert_eq!(s.downgrade, Section::default());
    }

    #[test]
    fn base_revision_with_empty_revises_and_crlf() {
        let s = parse_ok("-- first\r\n-- Revision ID: a1\r\n-- Revises:\r\n-- retort:upgrade\r\nSELECT 1;\r\n-- retort:downgrade\r\n");
        assert!(s.down_revisions.is_empty());
        assert_eq!(s.upgrade.body, "SELECT 1;\r\n");
        assert_eq!(s.downgrade.body, "");
        assert_eq!(s.downgrade.first_line, 7);
    }

    #[test]
    fn prose_comments_that_start_like_keys_are_comments() {
        let s = parse_ok("-- Revises the users table\n-- Revision ID: a1\n-- retort:upgrade\n");
        assert_eq!(s.message, "Revises the users table");
    }

    #[test]
    fn errors_name_file_and_line() {
        assert_eq!(
            parse_err("-- m\n-- retort:upgrade\n"),
            "v/x.sql:2: missing `-- Revision ID: ...` header line before the first section marker"
        );
        assert!(parse_err("-- m\n-- Revision ID: a-b\n-- retort:upgrade\n")
            .starts_with("v/x.sql:2: revision id `a-b`"));
        let long = "a".repeat(33);
        assert!(
            parse_err(&format!("-- Revision ID: {long}\n-- retort:upgrade\n"))
                .contains("33 characters")
        );
        assert!(
            parse_err("-- Revision ID: a\n-- retort:upgrade\nx\n-- retort:upgrade\n").starts_with(
                "v/x.sql:4: `-- retort:upgrade` appears a second time (first on line 2)"
            )
        );
        assert!(
            parse_err("-- Revision ID: a\n-- retort:upgrade transactional\n")
                .starts_with("v/x.sql:2: unknown option `transactional`")
        );
        assert!(parse_err("-- Revision ID: a\n-- retort:upgrades\n")
            .starts_with("v/x.sql:2: unknown section marker `retort:upgrades`"));
        assert!(parse_err("-- m\n-- Revision ID a1\n-- retort:upgrade\n")
            .starts_with("v/x.sql:2: malformed header line"));
        assert!(parse_err("-- Revision ID: a\nSELECT 1;\n").starts_with("v/x.sql:2: SQL before"));
        assert!(
            parse_err("-- Revision ID: a\n-- Revises: a,,b\n-- retort:upgrade\n")
                .starts_with("v/x.sql:2: `Revises` has an empty item")
        );
        assert!(
            parse_err("-- Revision ID: a\n-- Revision ID: b\n-- retort:upgrade\n")
                .starts_with("v/x.sql:2: `Revision ID` is given a second time (first on line 1)")
        );
        assert!(parse_err("-- Revision ID: a\n\nSELECT\n").starts_with("v/x.sql:3: SQL before"));
        assert!(parse_err("-- Revision ID: a\n\n").starts_with("v/x.sql:2: no section marker"));
        assert!(parse_err("").starts_with("v/x.sql:1: no section marker"));
    }

    #[test]
    fn repeated_parents_and_dependencies_count_once_with_a_warning() {
        let s = parse_ok(
            "-- m\n-- Revision ID: c1\n-- Revises: a1, b1, a1, a1\n-- Depends On: d1, d1\n-- retort:upgrade\n",
        );
        assert_eq!(s.down_revisions, vec!["a1", "b1"]);
        assert_eq!(s.depends_on, vec!["d1"]);
        let warnings: Vec<String> = s.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            vec![
                "v/x.sql:3: `Revises` names `a1` more than once; the repeat is ignored",
                "v/x.sql:4: `Depends On` names `d1` more than once; the repeat is ignored",
            ]
        );
        assert!(parse_ok(EXAMPLE).warnings.is_empty());
    }

    #[test]
    fn near_miss_markers_are_refused() {
        for line in [
            "-- retort downgrade",
            "-- retort_downgrade",
            "-- retort-downgrade",
            "-- retort.downgrade",
            "-- retort : downgrade",
            "-- retrot:downgrade",
            "-- retortt:downgrade",
            "-- rtort:upgrade no-transaction",
            "-- retort：downgrade",
            "/* retort:downgrade */",
            "/* retort:downgrade",
            "--- retort:downgrade",
            "  -- Retort Downgrade",
            "-- retort down",
            "-- retort upgrade no-transaction",
            "-- retort dwongrade",
            "-- retort uppgrade",
        ] {
            assert!(marker(line).is_none(), "{line:?} is not a marker");
            let message = near_miss(line).unwrap_or_else(|| panic!("{line:?} looks like a marker"));
            assert!(message.contains("looks like a section marker"), "{message}");
        }
        assert!(near_miss("-- retort_downgrade")
            .unwrap()
            .contains("`-- retort:downgrade`"));
        assert!(near_miss("-- retort up")
            .unwrap()
            .contains("`-- retort:upgrade`"));
    }

    #[test]
    fn ordinary_comments_are_not_near_misses() {
        for line in [
            "-- upgrade the users table",
            "-- downgrade: drop the users table",
            "-- report upgrade status",
            "-- retry downgrade",
            "-- restore the downgrade path",
            "-- retort is the tool that runs this",
            "-- retort will downgrade this later",
            "-- return early on downgrade",
            "-- resort: upgrade everything",
            "-- reporting: downgrades happen rarely",
            "/* a block comment about the upgrade */",
            "SELECT 'retort:downgrade';",
            "DROP TABLE retort_downgrade;",
            "# retort:downgrade",
            "--",
            "",
        ] {
            assert_eq!(near_miss(line), None, "{line:?} is an ordinary line");
        }
    }

    #[test]
    fn marker_spelling_rules() {
        // `--` starts a comment whatever follows, as in psql.
        let m = marker("--retort:downgrade").unwrap().unwrap();
        assert_eq!(m.which, Which::Downgrade);
        let m = marker("   --   retort:upgrade   no-transaction  ")
            .unwrap()
            .unwrap();
        assert!(m.which == Which::Upgrade && m.no_transaction && !m.no_op);
        let m = marker("-- retort:downgrade no-op").unwrap().unwrap();
        assert!(m.which == Which::Downgrade && m.no_op);
        assert!(marker("-- RETORT:downgrade")
            .unwrap()
            .unwrap_err()
            .contains("lower case"));
        assert!(marker("-- retort:upgrade no-transation")
            .unwrap()
            .unwrap_err()
            .contains("unknown option `no-transation`"));
    }

    #[test]
    fn near_misses_name_their_line_but_not_in_the_message_line() {
        let text = "-- Revision ID: a1\n-- retort:upgrade\nCREATE TABLE t (x int);\n\n-- retort downgrade\nDROP TABLE t;\n";
        assert!(parse_err(text).starts_with("v/x.sql:5: `-- retort downgrade` looks like"));
        // A near miss in the header is refused too...
        let text = "-- m\n-- Revision ID: a1\n-- retort upgrade\n-- retort:downgrade\n";
        assert!(parse_err(text).starts_with("v/x.sql:3: "));
        // ...but the message is the author's words.
        let s = parse_ok("-- retort upgrade\n-- Revision ID: a1\n-- retort:upgrade\nSELECT 1;\n");
        assert_eq!(s.message, "retort upgrade");
    }

    #[test]
    fn no_op_sections() {
        let s = parse_ok(
            "-- Revision ID: a1\n-- retort:upgrade\nSELECT 1;\n-- retort:downgrade no-op\n-- nothing to undo\n\n",
        );
        assert!(s.downgrade.no_op && !s.downgrade.has_statements() && !s.is_irreversible());
        assert!(parse_err(
            "-- Revision ID: a1\n-- retort:upgrade\n-- retort:downgrade no-op\nDROP TABLE t;\n"
        )
        .starts_with(
            "v/x.sql:3: `-- retort:downgrade no-op` declares that the section does nothing"
        ));
        // No downgrade section, an empty one, one with only comments and
        // semicolons: irreversible.
        for text in [
            "-- Revision ID: a1\n-- retort:upgrade\nSELECT 1;\n",
            "-- Revision ID: a1\n-- retort:upgrade\nSELECT 1;\n-- retort:downgrade\n",
            "-- Revision ID: a1\n-- retort:upgrade\nSELECT 1;\n-- retort:downgrade\n-- TODO\n/* later */ ;\n\n",
        ] {
            assert!(parse_ok(text).is_irreversible(), "{text}");
        }
        assert!(!parse_ok(EXAMPLE).is_irreversible());
        // An empty upgrade is fine (a stamp-like revision).
        let s = parse_ok("-- Revision ID: a1\n-- retort:upgrade\n-- retort:downgrade\nSELECT 1;\n");
        assert!(!s.upgrade.has_statements() && !s.is_irreversible());
    }

    #[test]
    fn markers_inside_bodies_split_sections() {
        let s =
            parse_ok("-- Revision ID: a\n-- retort:downgrade\nDROP;\n-- retort:upgrade\nCREATE;");
        assert_eq!(s.downgrade.body, "DROP;\n");
        assert_eq!(s.upgrade.body, "CREATE;");
        assert_eq!(s.upgrade.first_line, 5);
    }
}
