//! What a statement is, from its first words: enough to refuse a
//! transaction-control statement in a transactional section and to find the
//! index a `CREATE INDEX CONCURRENTLY` builds. Works on one statement's text
//! as a splitter cut it, so strings, dollar quotes and function bodies were
//! already kept whole.

use super::split::{line_of_byte, skip_block_comment, skip_line_comment, split_postgres};

/// One token at the head of a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    /// An unquoted word, lowercased as PostgreSQL folds it.
    Word(String),
    /// A `"quoted"` identifier, as written (doubled quotes undone).
    Quoted(String),
    /// Any other character (`.`, `(`, `;`...).
    Punct(char),
}

/// Up to `max` tokens from the start of `sql`, past blanks and comments.
pub(super) fn head_tokens(sql: &str, max: usize) -> Vec<Token> {
    let b = sql.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() && out.len() < max {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c == b'-' && b.get(i + 1) == Some(&b'-') {
            i = skip_line_comment(b, i);
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i = skip_block_comment(b, i);
        } else if c == b'"' {
            let mut name = String::new();
            let mut j = i + 1;
            let start = j;
            while j < b.len() {
                if b[j] == b'"' {
                    if b.get(j + 1) == Some(&b'"') {
                        j += 2;
                        continue;
                    }
                    break;
                }
                j += 1;
            }
            name.push_str(&sql[start..j.min(b.len())].replace("\"\"", "\""));
            out.push(Token::Quoted(name));
            i = j + 1;
        } else if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            let end = b[i..]
                .iter()
                .position(|&c| !(c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80))
                .map_or(b.len(), |p| i + p);
            out.push(Token::Word(sql[i..end].to_ascii_lowercase()));
            i = end;
        } else {
            let ch = sql[i..].chars().next().unwrap_or(' ');
            out.push(Token::Punct(ch));
            i += ch.len_utf8();
        }
    }
    out
}

fn is_word(token: Option<&Token>, word: &str) -> bool {
    matches!(token, Some(Token::Word(w)) if w == word)
}

/// The transaction-control command a statement is (`COMMIT`, `BEGIN`,
/// `START TRANSACTION`, `ROLLBACK`, `END`, `ABORT`, `PREPARE TRANSACTION`),
/// or None. `ROLLBACK TO [SAVEPOINT]`, `SAVEPOINT` and `RELEASE` stay
/// inside the transaction and are not counted.
pub fn transaction_control(statement: &str) -> Option<String> {
    let tokens = head_tokens(statement, 3);
    let first = match tokens.first() {
        Some(Token::Word(w)) => w.as_str(),
        _ => return None,
    };
    let second = tokens.get(1);
    let command = match first {
        "begin" | "commit" | "end" | "abort" => first.to_ascii_uppercase(),
        "rollback" if !is_word(second, "to") && !is_word(second, "prepared") => {
            "ROLLBACK".to_string()
        }
        "start" if is_word(second, "transaction") => "START TRANSACTION".to_string(),
        "prepare" if is_word(second, "transaction") => "PREPARE TRANSACTION".to_string(),
        _ => return None,
    };
    Some(command)
}

/// A statement found in a section: its first line within the text, and
/// what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// 1-based line of the statement's first token in the text searched.
    pub line: usize,
    pub what: String,
}

/// The transaction-control statements of a section's text, cut into
/// statements by `spans` (the dialect's splitter: `(start, first_token, end)`).
pub fn transaction_control_statements(sql: &str, spans: &[(usize, usize, usize)]) -> Vec<Found> {
    spans
        .iter()
        .filter_map(|&(start, first, end)| {
            transaction_control(&sql[start..end]).map(|what| Found {
                line: line_of_byte(sql, first),
                what,
            })
        })
        .collect()
}

/// An index a statement builds or rebuilds concurrently: `CREATE [UNIQUE]
/// INDEX CONCURRENTLY [IF NOT EXISTS] [schema.]name ON ...` or `REINDEX
/// INDEX CONCURRENTLY [schema.]name`. Both leave an INVALID index behind
/// when they fail or are interrupted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcurrentIndex {
    pub schema: Option<String>,
    pub name: String,
    /// 1-based line of the statement in the text searched.
    pub line: usize,
}

/// Every concurrent index build in PostgreSQL text, in order.
pub fn concurrent_indexes(sql: &str) -> Vec<ConcurrentIndex> {
    split_postgres(sql)
        .into_iter()
        .filter_map(|span| {
            let tokens = head_tokens(&sql[span.start..span.end], 12);
            let mut t = tokens.iter().peekable();
            let word = |t: Option<&Token>, w: &str| is_word(t, w);
            match t.next() {
                Some(Token::Word(w)) if w == "create" => {
                    if word(t.peek().copied(), "unique") {
                        t.next();
                    }
                    if !word(t.next(), "index") || !word(t.next(), "concurrently") {
                        return None;
                    }
                    if word(t.peek().copied(), "if") {
                        t.next();
                        t.next();
                        t.next();
                    }
                }
                Some(Token::Word(w)) if w == "reindex" => {
                    if !word(t.next(), "index") || !word(t.next(), "concurrently") {
                        return None;
                    }
                }
                _ => return None,
            }
            let ident = |t: Option<&Token>| match t {
                Some(Token::Word(w)) if w != "on" => Some(w.clone()),
                Some(Token::Quoted(q)) => Some(q.clone()),
                _ => None,
            };
            let first = ident(t.next())?;
            let (schema, name) = if t.peek() == Some(&&Token::Punct('.')) {
                t.next();
                (Some(first), ident(t.next())?)
            } else {
                (None, first)
            };
            Some(ConcurrentIndex {
                schema,
                name,
                line: line_of_byte(sql, span.first_token),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transaction_control_is_told_by_its_first_words() {
        for (sql, expect) in [
            ("COMMIT;", Some("COMMIT")),
            ("  -- done\n commit work;", Some("COMMIT")),
            ("/* x */ BEGIN;", Some("BEGIN")),
            (
                "begin transaction isolation level serializable;",
                Some("BEGIN"),
            ),
            ("START TRANSACTION;", Some("START TRANSACTION")),
            ("ROLLBACK;", Some("ROLLBACK")),
            ("END;", Some("END")),
            ("abort;", Some("ABORT")),
            ("PREPARE TRANSACTION 'x';", Some("PREPARE TRANSACTION")),
            ("ROLLBACK TO SAVEPOINT a;", None),
            ("SAVEPOINT a;", None),
            ("RELEASE a;", None),
            ("SELECT 'COMMIT';", None),
            ("START something;", None),
            ("\"commit\";", None),
        ] {
            assert_eq!(transaction_control(sql).as_deref(), expect, "{sql}");
        }
    }

    #[test]
    fn concurrent_index_names_are_found() {
        let sql = "CREATE TABLE t (x int);\n\
                   CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_x ON t (x);\n\
                   create index concurrently \"Odd\".\"Name\" on t (x);\n\
                   CREATE INDEX plain ON t (x);\n\
                   REINDEX INDEX CONCURRENTLY s.r;\n\
                   CREATE INDEX CONCURRENTLY ON t (x);";
        let found = concurrent_indexes(sql);
        let names: Vec<_> = found
            .iter()
            .map(|i| (i.schema.as_deref(), i.name.as_str(), i.line))
            .collect();
        assert_eq!(
            names,
            vec![
                (None, "t_x", 2),
                (Some("Odd"), "Name", 3),
                (Some("s"), "r", 5)
            ]
        );
    }
}
