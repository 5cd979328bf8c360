//! Finding statements and lines in SQL text.
//!
//! Scripts are normally sent as written, in one piece. Only a PostgreSQL
//! section marked `no-transaction` needs splitting: the server runs a
//! multi-statement string in one implicit transaction, which `CREATE INDEX
//! CONCURRENTLY` refuses. The splitter knows PostgreSQL's quoting (strings,
//! `E''` strings, quoted identifiers, dollar quotes, nested block comments)
//! and, as psql does, keeps a SQL-standard function body (`BEGIN ATOMIC ...
//! END`) and anything in parentheses in one piece.

/// One statement of a script: byte ranges into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatementSpan {
    /// From just after the previous `;` (or the start) to just after this
    /// statement's `;` (or the end).
    pub start: usize,
    pub end: usize,
    /// Where the statement's first token starts (past blanks and comments).
    pub first_token: usize,
}

/// Splits PostgreSQL text at the semicolons that end statements. Pieces
/// with nothing but blanks and comments are left out.
pub fn split_postgres(sql: &str) -> Vec<StatementSpan> {
    let bytes = sql.as_bytes();
    let mut spans = Vec::new();
    let mut start = 0;
    let mut first_token: Option<usize> = None;
    let mut i = 0;
    let mut prev_ident_char = false;
    // psql's rule: in CREATE [OR REPLACE] FUNCTION or PROCEDURE, a BEGIN
    // (past the statement's first word, outside parentheses) opens a body
    // that END closes, and CASE inside one opens another; a semicolon in a
    // body, or inside parentheses, does not end the statement.
    let mut words = 0usize;
    let mut routine = false;
    let mut leading_create = false;
    let mut block_depth = 0usize;
    let mut paren_depth = 0usize;
    while i < bytes.len() {
        let c = bytes[i];
        let begins_token = !c.is_ascii_whitespace() && !starts_comment(bytes, i);
        if begins_token && first_token.is_none() && c != b';' {
            first_token = Some(i);
        }
        let next = match c {
            b'-' if bytes.get(i + 1) == Some(&b'-') => skip_line_comment(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => skip_block_comment(bytes, i),
            b'\'' => {
                let escapes = i > 0
                    && matches!(bytes[i - 1], b'E' | b'e')
                    && !(i > 1 && is_ident_char(bytes[i - 2]));
                skip_string(bytes, i, escapes)
            }
            b'"' => skip_quoted_identifier(bytes, i),
            b'$' if !prev_ident_char => match dollar_tag(bytes, i) {
                Some(tag_len) => skip_dollar_quoted(bytes, i, tag_len),
                None => i + 1,
            },
            b'(' => {
                paren_depth += 1;
                i + 1
            }
            b')' => {
                paren_depth = paren_depth.saturating_sub(1);
                i + 1
            }
            c if !prev_ident_char && (c.is_ascii_alphabetic() || c == b'_') => {
                let end = bytes[i..]
                    .iter()
                    .position(|&b| !is_ident_char(b))
                    .map_or(bytes.len(), |p| i + p);
                let word = &sql[i..end];
                words += 1;
                let is = |w: &str| word.eq_ignore_ascii_case(w);
                // CREATE, then OR REPLACE, then FUNCTION or PROCEDURE.
                if words == 1 {
                    routine = false;
                }
                if (words == 2 || words == 4) && (is("function") || is("procedure")) {
                    routine = leading_create;
                }
                if words == 1 {
                    leading_create = is("create");
                } else if words == 2 && !is("or") && !is("function") && !is("procedure") {
                    leading_create = false;
                }
                if routine && paren_depth == 0 {
                    if (is("begin") && words > 1) || (is("case") && block_depth > 0) {
                        block_depth += 1;
                    } else if is("end") {
                        block_depth = block_depth.saturating_sub(1);
                    }
                }
                prev_ident_char = true;
                i = end;
                continue;
            }
            b';' if block_depth > 0 || paren_depth > 0 => i + 1,
            b';' => {
                words = 0;
                routine = false;
                if let Some(first) = first_token.take() {
                    spans.push(StatementSpan {
                        start,
                        end: i + 1,
                        first_token: first,
                    });
                }
                start = i + 1;
                i + 1
            }
            _ => i + 1,
        };
        prev_ident_char = next == i + 1 && is_ident_char(c);
        i = next;
    }
    if let Some(first) = first_token {
        spans.push(StatementSpan {
            start,
            end: bytes.len(),
            first_token: first,
        });
    }
    spans
}

/// Byte ranges of the statements in SQLite text, as SQLite itself delimits
/// them (`sqlite3_complete`: a trigger's `BEGIN ... END` stays whole).
#[cfg(feature = "sqlite")]
pub fn split_sqlite(sql: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (semicolon, _) in sql.match_indices(';') {
        if semicolon < start {
            continue;
        }
        if is_complete(&sql[start..=semicolon]) {
            spans.push((start, semicolon + 1));
            start = semicolon + 1;
        }
    }
    if start < sql.len() {
        spans.push((start, sql.len()));
    }
    spans
}

/// Without the SQLite library in the build (no `sqlite` feature), the
/// statements as PostgreSQL's rules delimit them: the same but for a
/// trigger body, whose inner statements come apart.
#[cfg(not(feature = "sqlite"))]
pub fn split_sqlite(sql: &str) -> Vec<(usize, usize)> {
    split_postgres(sql)
        .iter()
        .map(|span| (span.start, span.end))
        .collect()
}

#[cfg(feature = "sqlite")]
fn is_complete(text: &str) -> bool {
    match std::ffi::CString::new(text) {
        // SAFETY: a valid NUL-terminated string; sqlite3_complete only reads it.
        Ok(c) => unsafe { rusqlite::ffi::sqlite3_complete(c.as_ptr()) != 0 },
        Err(_) => false,
    }
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80
}

fn starts_comment(b: &[u8], i: usize) -> bool {
    matches!(
        (b[i], b.get(i + 1)),
        (b'-', Some(b'-')) | (b'/', Some(b'*'))
    )
}

pub(super) fn skip_line_comment(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| i + p + 1)
}

pub(super) fn skip_block_comment(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    b.len()
}

fn skip_string(b: &[u8], mut i: usize, backslash_escapes: bool) -> usize {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' if backslash_escapes => i += 2,
            b'\'' if b.get(i + 1) == Some(&b'\'') => i += 2,
            b'\'' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

fn skip_quoted_identifier(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'"' if b.get(i + 1) == Some(&b'"') => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// The length of the `$tag$` opening at `i`, if one does.
fn dollar_tag(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    if j < b.len() && b[j].is_ascii_digit() {
        return None; // $1: a parameter
    }
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] >= 0x80) {
        j += 1;
    }
    (j < b.len() && b[j] == b'$').then_some(j + 1 - i)
}

fn skip_dollar_quoted(b: &[u8], i: usize, tag_len: usize) -> usize {
    let tag = &b[i..i + tag_len];
    let body = i + tag_len;
    b[body..]
        .windows(tag_len)
        .position(|w| w == tag)
        .map_or(b.len(), |p| body + p + tag_len)
}

/// The 1-based line of a byte offset.
pub fn line_of_byte(text: &str, byte: usize) -> usize {
    let end = byte.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&c| c == b'\n')
        .count()
        + 1
}

/// The 1-based line of a 1-based character position, as PostgreSQL
/// reports error positions.
pub fn line_of_char_position(text: &str, position: usize) -> usize {
    let byte = text
        .char_indices()
        .nth(position.saturating_sub(1))
        .map_or(text.len(), |(b, _)| b);
    line_of_byte(text, byte)
}

#[cfg(test)]
mod tests {
    #[test]
    fn statements_end_where_sqlite_says() {
        let sql = "CREATE TABLE t (x TEXT DEFAULT ';');\nCREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  INSERT INTO t VALUES ('a;b');\nEND;\n-- done";
        let spans = super::split_sqlite(sql);
        let pieces: Vec<&str> = spans.iter().map(|&(s, e)| sql[s..e].trim()).collect();
        assert_eq!(pieces.len(), 3, "{pieces:?}");
        assert!(pieces[1].starts_with("CREATE TRIGGER") && pieces[1].ends_with("END;"));
        assert_eq!(pieces[2], "-- done");
    }

    use super::*;

    fn pieces(sql: &str) -> Vec<&str> {
        split_postgres(sql)
            .iter()
            .map(|s| sql[s.first_token..s.end].trim_end())
            .collect()
    }

    #[test]
    fn splits_at_top_level_semicolons_only() {
        let sql = "-- lead; comment\nCREATE INDEX CONCURRENTLY a ON t (x);\n/* ; /* nested ; */ */ SELECT 'a;''b', E'\\';', \"q;\"\"\";\nDO $body$ BEGIN PERFORM 1; END $body$;\nSELECT $$;$$, $1;  \n-- trailing only\n";
        assert_eq!(
            pieces(sql),
            vec![
                "CREATE INDEX CONCURRENTLY a ON t (x);",
                "SELECT 'a;''b', E'\\';', \"q;\"\"\";",
                "DO $body$ BEGIN PERFORM 1; END $body$;",
                "SELECT $$;$$, $1;",
            ]
        );
    }

    #[test]
    fn a_standard_function_body_is_one_statement() {
        let sql = "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql\n\
                   BEGIN ATOMIC\n  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;\n  SELECT x;\nEND;\n\
                   BEGIN; SELECT 1; END;\n\
                   SELECT CASE WHEN true THEN 1 END; CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2);\n\
                   CREATE TABLE periods (begin date, id int); CREATE INDEX ON periods (begin);\n\
                   CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC SELECT 1; END; SELECT 3;";
        let got = pieces(sql);
        assert_eq!(got.len(), 10, "{got:#?}");
        assert_eq!(got[6], "CREATE TABLE periods (begin date, id int);");
        assert_eq!(got[7], "CREATE INDEX ON periods (begin);");
        assert!(got[8].ends_with("SELECT 1; END;"), "{}", got[8]);
        assert_eq!(got[9], "SELECT 3;");
        assert!(got[0].ends_with("SELECT x;\nEND;"), "{}", got[0]);
        assert_eq!(&got[1..4], ["BEGIN;", "SELECT 1;", "END;"]);
        assert_eq!(got[4], "SELECT CASE WHEN true THEN 1 END;");
        assert!(got[5].starts_with("CREATE RULE") && got[5].ends_with("SELECT 2);"));
    }

    #[test]
    fn a_last_statement_needs_no_semicolon() {
        assert_eq!(
            pieces("SELECT 1;\n\nSELECT 2"),
            vec!["SELECT 1;", "SELECT 2"]
        );
        assert!(pieces(" -- nothing\n ;; ").is_empty());
    }

    #[test]
    fn lines_of_offsets() {
        let text = "a\nbé\nc";
        assert_eq!(line_of_byte(text, 0), 1);
        assert_eq!(line_of_byte(text, 2), 2);
        // 'c' is the 6th character but the 7th byte.
        assert_eq!(line_of_char_position(text, 6), 3);
        assert_eq!(line_of_char_position(text, 5), 2);
    }
}
