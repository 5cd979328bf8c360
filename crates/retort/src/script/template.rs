//! New revision files: their text from `script.sql.tmpl` (or the default
//! template), their file name from `file_template`, and new revision ids.
//!
//! # Template placeholders
//!
//! A template is the text of a migration file with `${name}` placeholders:
//!
//! | placeholder       | becomes                                                    |
//! |-------------------|------------------------------------------------------------|
//! | `${message}`      | the message (`-m`), on one line                            |
//! | `${up_revision}`  | the new revision id                                        |
//! | `${down_revision}`| the revisions it revises, `a, b`; empty for a base         |
//! | `${branch_labels}`| its branch labels, `a, b`; may be empty                    |
//! | `${depends_on}`   | what it depends on, `a, b`; may be empty                   |
//! | `${create_date}`  | the creation time as Alembic writes it (`2026-11-21 20:41:44.123456`) |
//! | `${upgrades}`     | the upgrade SQL (from autogenerate; empty otherwise)       |
//! | `${downgrades}`   | the downgrade SQL                                          |
//!
//! Any other `${...}` is an error naming the template's line, so that a
//! typo does not end up in every new file; a `$` not followed by `{` (as in
//! `$$` dollar quoting) is plain text. Trailing blanks that an empty value
//! leaves on a line are dropped, and a line holding only `${upgrades}` or
//! `${downgrades}` disappears when that SQL is empty. When a section must
//! run outside a transaction, ` no-transaction` is added to its marker line.

use super::parse::{marker, Which, NO_TRANSACTION};
use super::{is_valid_revision_id, Script, ScriptError};
use chrono::{NaiveDateTime, Timelike};
use std::path::{Path, PathBuf};

/// The template's file name inside `script_location`.
pub const TEMPLATE_FILE_NAME: &str = "script.sql.tmpl";

/// The template used when `script_location` has no `script.sql.tmpl`, and
/// the one `retort init` writes there. It gives CONTRACT.md's example shape.
pub const DEFAULT_TEMPLATE: &str = "-- ${message}
--
-- Revision ID: ${up_revision}
-- Revises: ${down_revision}
-- Create Date: ${create_date}
-- Branch Labels: ${branch_labels}
-- Depends On: ${depends_on}

-- retort:upgrade
${upgrades}

-- retort:downgrade
${downgrades}
";

const PLACEHOLDERS: [&str; 8] = [
    "message",
    "up_revision",
    "down_revision",
    "branch_labels",
    "depends_on",
    "create_date",
    "upgrades",
    "downgrades",
];

/// Everything a new migration file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRevision {
    pub message: String,
    pub rev_id: String,
    pub down_revisions: Vec<String>,
    pub branch_labels: Vec<String>,
    pub depends_on: Vec<String>,
    pub create_date: NaiveDateTime,
    pub upgrade: String,
    pub downgrade: String,
    /// Mark the upgrade section `no-transaction` (e.g. `CREATE INDEX CONCURRENTLY`).
    pub upgrade_no_transaction: bool,
    pub downgrade_no_transaction: bool,
}

impl NewRevision {
    /// A revision with a new random id, created now (local time, as Alembic).
    pub fn new(message: &str, down_revisions: Vec<String>) -> NewRevision {
        NewRevision {
            message: message.to_string(),
            rev_id: new_rev_id(),
            down_revisions,
            branch_labels: Vec::new(),
            depends_on: Vec::new(),
            create_date: chrono::Local::now().naive_local(),
            upgrade: String::new(),
            downgrade: String::new(),
            upgrade_no_transaction: false,
            downgrade_no_transaction: false,
        }
    }
}

/// One line of a template: literal text and placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    /// An index into [`PLACEHOLDERS`].
    Placeholder(usize),
}

/// A checked template, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// Each line's pieces and its line ending (`\n`, `\r\n` or nothing).
    lines: Vec<(Vec<Piece>, String)>,
}

impl Default for Template {
    fn default() -> Self {
        Template::parse(Path::new("<default template>"), DEFAULT_TEMPLATE)
            .expect("the default template is valid")
    }
}

impl Template {
    /// `script_location/script.sql.tmpl` when it exists, else the default.
    pub fn load(script_location: &Path) -> Result<Template, ScriptError> {
        let path = script_location.join(TEMPLATE_FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => Template::parse(&path, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Template::default()),
            Err(source) => Err(ScriptError::Io { path, source }),
        }
    }

    /// Checks a template's placeholders; `path` is for error messages.
    pub fn parse(path: &Path, text: &str) -> Result<Template, ScriptError> {
        let mut lines = Vec::new();
        for (index, raw) in text.split_inclusive('\n').enumerate() {
            let (content, ending) = split_line_ending(raw);
            let pieces = parse_line(content).map_err(|message| ScriptError::Parse {
                path: path.to_path_buf(),
                line: index + 1,
                message,
            })?;
            lines.push((pieces, ending.to_string()));
        }
        Ok(Template { lines })
    }

    /// The new file's text.
    pub fn render(&self, new: &NewRevision) -> String {
        let values = [
            one_line(&new.message),
            new.rev_id.clone(),
            new.down_revisions.join(", "),
            new.branch_labels.join(", "),
            new.depends_on.join(", "),
            format_create_date(&new.create_date),
            body_value(&new.upgrade),
            body_value(&new.downgrade),
        ];
        let is_body = |index: usize| index == 6 || index == 7;
        let mut out = String::new();
        for (pieces, ending) in &self.lines {
            if let [Piece::Placeholder(index)] = pieces.as_slice() {
                if is_body(*index) && values[*index].is_empty() {
                    continue;
                }
            }
            let mut line = String::new();
            let mut holds_body = false;
            for piece in pieces {
                match piece {
                    Piece::Text(text) => line.push_str(text),
                    Piece::Placeholder(index) => {
                        holds_body |= is_body(*index);
                        line.push_str(&values[*index]);
                    }
                }
            }
            if !holds_body {
                line.truncate(line.trim_end().len());
                if let Some(Ok(found)) = marker(&line) {
                    let wanted = match found.which {
                        Which::Upgrade => new.upgrade_no_transaction,
                        Which::Downgrade => new.downgrade_no_transaction,
                    };
                    if wanted && !found.no_transaction {
                        line.push(' ');
                        line.push_str(NO_TRANSACTION);
                    }
                }
            }
            out.push_str(&line);
            out.push_str(ending);
        }
        out
    }

    /// Renders `new` and parses the result, so that a template that does not
    /// produce a valid migration is caught before a file is written.
    pub fn render_script(&self, new: &NewRevision, path: &Path) -> Result<Script, ScriptError> {
        Script::parse(path, &self.render(new))
    }
}

fn split_line_ending(raw: &str) -> (&str, &str) {
    if let Some(content) = raw.strip_suffix("\r\n") {
        (content, "\r\n")
    } else if let Some(content) = raw.strip_suffix('\n') {
        (content, "\n")
    } else {
        (raw, "")
    }
}

fn parse_line(line: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let end = after
            .find('}')
            .ok_or_else(|| "`${` without a closing `}`".to_string())?;
        let name = &after[..end];
        let index = PLACEHOLDERS
            .iter()
            .position(|p| *p == name)
            .ok_or_else(|| {
                format!(
                    "unknown placeholder `${{{name}}}`; known: {}",
                    PLACEHOLDERS.map(|p| format!("${{{p}}}")).join(", ")
                )
            })?;
        if start > 0 {
            pieces.push(Piece::Text(rest[..start].to_string()));
        }
        pieces.push(Piece::Placeholder(index));
        rest = &after[end + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest.to_string()));
    }
    Ok(pieces)
}

/// A message on one header line: line breaks become spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// SQL for a body placeholder, without the final line break the template's
/// own line ending replaces.
fn body_value(sql: &str) -> String {
    let sql = sql.strip_suffix('\n').unwrap_or(sql);
    sql.strip_suffix('\r').unwrap_or(sql).to_string()
}

/// As Python's `str(datetime)`: microseconds only when there are some.
pub fn format_create_date(date: &NaiveDateTime) -> String {
    let micros = date.nanosecond() / 1_000 % 1_000_000;
    if micros == 0 {
        date.format("%Y-%m-%d %H:%M:%S").to_string()
    } else {
        format!("{}.{micros:06}", date.format("%Y-%m-%d %H:%M:%S"))
    }
}

/// A new revision id: 12 random hex digits, as Alembic's `uuid4().hex[-12:]`.
pub fn new_rev_id() -> String {
    format!("{:012x}", rand::random::<u64>() & 0xffff_ffff_ffff)
}

/// Alembic's slug: the message's word characters, runs joined by `_`,
/// lower-cased; when longer than `truncate_slug_length` characters, cut
/// there, back to the last `_`, with a `_` left at the end.
pub fn slug(message: &str, truncate_slug_length: usize) -> String {
    let truncate_slug_length = if truncate_slug_length == 0 {
        40 // Alembic's `truncate_slug_length or 40`
    } else {
        truncate_slug_length
    };
    let words: Vec<&str> = message
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let slug = words.join("_").to_lowercase();
    if slug.chars().count() <= truncate_slug_length {
        return slug;
    }
    let cut: String = slug.chars().take(truncate_slug_length).collect();
    let kept = cut.rsplit_once('_').map_or(cut.as_str(), |(head, _)| head);
    format!("{kept}_")
}

/// The file name for a new revision: `file_template` with `{rev}`, `{slug}`,
/// `{epoch}`, `{year}`, `{month}`, `{day}`, `{hour}`, `{minute}`, `{second}`
/// filled in (the date parts zero-padded so that names sort by date), plus
/// `.sql`.
pub fn file_name(
    file_template: &str,
    new: &NewRevision,
    truncate_slug_length: usize,
) -> Result<String, ScriptError> {
    use chrono::Datelike;
    let date = &new.create_date;
    let mut out = String::new();
    let mut rest = file_template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| {
            ScriptError::Message(format!(
                "file_template `{file_template}` has a `{{` without a closing `}}`"
            ))
        })?;
        let value = match &after[..close] {
            "rev" => new.rev_id.clone(),
            "slug" => slug(&new.message, truncate_slug_length),
            "epoch" => date.and_utc().timestamp().to_string(),
            "year" => format!("{:04}", date.year()),
            "month" => format!("{:02}", date.month()),
            "day" => format!("{:02}", date.day()),
            "hour" => format!("{:02}", date.hour()),
            "minute" => format!("{:02}", date.minute()),
            "second" => format!("{:02}", date.second()),
            other => {
                return Err(ScriptError::Message(format!(
                    "file_template `{file_template}` has unknown field `{{{other}}}`; known: {{rev}} {{slug}} {{epoch}} {{year}} {{month}} {{day}} {{hour}} {{minute}} {{second}}"
                )))
            }
        };
        out.push_str(&value);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    if out.is_empty() || out.contains(['/', '\\', '\0']) {
        return Err(ScriptError::Message(format!(
            "file_template `{file_template}` gives the file name `{out}`, which is not a plain file name"
        )));
    }
    out.push_str(".sql");
    Ok(out)
}

/// Renders `new` with `template` into a new file in `dir`, named from
/// `file_template`. Refuses to overwrite an existing file, and checks that
/// the result parses before writing it.
pub fn write_new_revision(
    dir: &Path,
    template: &Template,
    file_template: &str,
    truncate_slug_length: usize,
    new: &NewRevision,
) -> Result<PathBuf, ScriptError> {
    if !is_valid_revision_id(&new.rev_id) {
        return Err(ScriptError::Message(format!(
            "revision id `{}` is not 1 to 32 characters of letters, digits and `_`",
            new.rev_id
        )));
    }
    if !dir.is_dir() {
        return Err(ScriptError::MissingDirectory {
            path: dir.to_path_buf(),
        });
    }
    let path = dir.join(file_name(file_template, new, truncate_slug_length)?);
    let script = template.render_script(new, &path)?;
    let io_error = |source| ScriptError::Io {
        path: path.clone(),
        source,
    };
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(io_error)?;
    file.write_all(script.text().as_bytes()).map_err(io_error)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DEFAULT_FILE_TEMPLATE;
    use chrono::NaiveDate;

    fn sample() -> NewRevision {
        NewRevision {
            message: "add users table".into(),
            rev_id: "3f2a1b9c0d4e".into(),
            down_revisions: vec!["1a2b3c4d5e6f".into()],
            branch_labels: vec!["auth".into()],
            depends_on: vec!["9e8d7c6b5a4f".into()],
            create_date: NaiveDate::from_ymd_opt(2026, 11, 21)
                .unwrap()
                .and_hms_micro_opt(20, 41, 44, 123456)
                .unwrap(),
            upgrade: "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);\n"
                .into(),
            downgrade: "DROP TABLE users;".into(),
            upgrade_no_transaction: false,
            downgrade_no_transaction: false,
        }
    }

    #[test]
    fn default_template_gives_the_contract_example() {
        let expected = "-- add users table
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
        assert_eq!(Template::default().render(&sample()), expected);
    }

    #[test]
    fn empty_values_leave_no_trailing_blanks_or_empty_body_lines() {
        let mut new = sample();
        new.down_revisions.clear();
        new.branch_labels.clear();
        new.depends_on.clear();
        new.upgrade.clear();
        new.downgrade.clear();
        new.upgrade_no_transaction = true;
        let text = Template::default().render(&new);
        assert!(text.contains("-- Revises:\n"), "{text}");
        assert!(text.contains("-- Branch Labels:\n"), "{text}");
        assert!(
            text.ends_with("\n-- retort:upgrade no-transaction\n\n-- retort:downgrade\n"),
            "{text}"
        );
        let script = Template::default()
            .render_script(&new, Path::new("x.sql"))
            .unwrap();
        assert!(script.down_revisions.is_empty());
        assert!(script.upgrade.no_transaction);
        assert!(!script.downgrade.no_transaction);
    }

    #[test]
    fn unknown_placeholder_names_the_line() {
        let err = Template::parse(Path::new("t.tmpl"), "-- ${message}\n-- ${mesage}\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("t.tmpl:2: unknown placeholder `${mesage}`"),
            "{err}"
        );
    }

    #[test]
    fn dollar_quoting_is_plain_text() {
        let t = Template::parse(Path::new("t"), "$$ ${up_revision} $x$\n").unwrap();
        assert_eq!(t.render(&sample()), "$$ 3f2a1b9c0d4e $x$\n");
    }

    #[test]
    fn slugs_as_alembic_makes_them() {
        assert_eq!(slug("Add users table!", 40), "add_users_table");
        assert_eq!(slug("  héllo -- wörld  ", 40), "héllo_wörld");
        assert_eq!(slug("", 40), "");
        // Alembic: "this is a very long message that goes on and on"[:40]
        // = "this_is_a_very_long_message_that_goes_on", rsplit -> + "_".
        assert_eq!(
            slug("this is a very long message that goes on and on", 40),
            "this_is_a_very_long_message_that_goes_"
        );
        assert_eq!(slug("abcdefghijklmnopqrstuvwxyz", 10), "abcdefghij_");
        assert_eq!(slug("snake_case_words here", 0), "snake_case_words_here");
    }

    #[test]
    fn file_names_from_templates() {
        let new = sample();
        assert_eq!(
            file_name(DEFAULT_FILE_TEMPLATE, &new, 40).unwrap(),
            "3f2a1b9c0d4e_add_users_table.sql"
        );
        assert_eq!(
            file_name(
                "{year}_{month}_{day}_{hour}{minute}{second}-{rev}_{slug}",
                &new,
                40
            )
            .unwrap(),
            "2026_11_21_204144-3f2a1b9c0d4e_add_users_table.sql"
        );
        assert!(file_name("{rev}_{sluggish}", &new, 40).is_err());
        assert!(file_name("a/{rev}", &new, 40).is_err());
    }

    #[test]
    fn rev_ids_are_12_hex_digits() {
        let a = new_rev_id();
        assert_eq!(a.len(), 12);
        assert!(a
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_ne!(a, new_rev_id());
    }

    #[test]
    fn create_date_like_python() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 2)
            .unwrap()
            .and_hms_opt(3, 4, 5)
            .unwrap();
        assert_eq!(format_create_date(&d), "2026-01-02 03:04:05");
    }
}
