//! The tables and columns a section drops, found by a deliberately simple
//! scan of each statement's words: `DROP TABLE [IF EXISTS] a, b ...` and
//! `ALTER TABLE [IF EXISTS] [ONLY] t DROP [COLUMN] [IF EXISTS] c, ...`.
//! Anything else (a drop inside a function body or a `DO` block, dynamic
//! SQL, `TRUNCATE`, `DROP SCHEMA ... CASCADE`) is not seen: this is a
//! warning before a downgrade, not a guarantee.

use super::split::{line_of_byte, split_postgres};
use super::statements::{head_tokens, Token};

/// A table, or one column of it, that a statement drops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedObject {
    pub schema: Option<String>,
    pub table: String,
    /// None: the whole table.
    pub column: Option<String>,
    /// 1-based line of the statement in the text searched.
    pub line: usize,
}

/// Every table and column dropped in `sql`, in order. PostgreSQL's
/// splitter serves SQLite's text too: the statements looked for are
/// written the same in both.
pub fn dropped_objects(sql: &str) -> Vec<DroppedObject> {
    let mut found = Vec::new();
    for span in split_postgres(sql) {
        let tokens = head_tokens(&sql[span.start..span.end], usize::MAX);
        let line = line_of_byte(sql, span.first_token);
        let mut scan = Scan { tokens: &tokens, at: 0 };
        if scan.words(&["drop", "table"]) {
            scan.words(&["if", "exists"]);
            while let Some((schema, table)) = scan.name() {
                found.push(DroppedObject {
                    schema,
                    table,
                    column: None,
                    line,
                });
                if !scan.punct(',') {
                    break;
                }
            }
        } else if scan.words(&["alter", "table"]) {
            scan.words(&["if", "exists"]);
            scan.words(&["only"]);
            let Some((schema, table)) = scan.name() else {
                continue;
            };
            for column in scan.dropped_columns() {
                found.push(DroppedObject {
                    schema: schema.clone(),
                    table: table.clone(),
                    column: Some(column),
                    line,
                });
            }
        }
    }
    found
}

struct Scan<'a> {
    tokens: &'a [Token],
    at: usize,
}

impl Scan<'_> {
    fn peek(&self, ahead: usize) -> Option<&Token> {
        self.tokens.get(self.at + ahead)
    }

    /// Consumes `words` when they come next, all of them.
    fn words(&mut self, words: &[&str]) -> bool {
        let matched = words
            .iter()
            .enumerate()
            .all(|(i, w)| matches!(self.peek(i), Some(Token::Word(x)) if x == w));
        if matched {
            self.at += words.len();
        }
        matched
    }

    fn punct(&mut self, c: char) -> bool {
        if self.peek(0) == Some(&Token::Punct(c)) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> Option<String> {
        let name = match self.peek(0)? {
            Token::Word(w) => w.clone(),
            Token::Quoted(q) => q.clone(),
            Token::Punct(_) => return None,
        };
        self.at += 1;
        Some(name)
    }

    /// `name` or `schema.name`.
    fn name(&mut self) -> Option<(Option<String>, String)> {
        let first = self.ident()?;
        if self.punct('.') {
            Some((Some(first), self.ident()?))
        } else {
            Some((None, first))
        }
    }

    /// The columns of `DROP [COLUMN] [IF EXISTS] c` actions in the rest of
    /// an `ALTER TABLE`, whose actions are split at commas outside
    /// parentheses. `DROP CONSTRAINT`, `DROP DEFAULT`, `DROP NOT NULL` and
    /// the like drop no data.
    fn dropped_columns(&mut self) -> Vec<String> {
        const NOT_COLUMNS: &[&str] = &[
            "constraint",
            "default",
            "not",
            "expression",
            "identity",
        ];
        let mut columns = Vec::new();
        let mut action_start = true;
        let mut depth = 0usize;
        while let Some(token) = self.peek(0).cloned() {
            if action_start && depth == 0 && matches!(&token, Token::Word(w) if w == "drop") {
                self.at += 1;
                let explicit = self.words(&["column"]);
                let keyword =
                    matches!(self.peek(0), Some(Token::Word(w)) if NOT_COLUMNS.contains(&w.as_str()));
                if explicit || !keyword {
                    self.words(&["if", "exists"]);
                    if let Some(column) = self.ident() {
                        columns.push(column);
                    }
                }
                action_start = false;
                continue;
            }
            match token {
                Token::Punct('(') => depth += 1,
                Token::Punct(')') => depth = depth.saturating_sub(1),
                Token::Punct(',') if depth == 0 => {
                    self.at += 1;
                    action_start = true;
                    continue;
                }
                _ => {}
            }
            action_start = false;
            self.at += 1;
        }
        columns
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(sql: &str) -> Vec<(Option<&str>, String, Option<String>, usize)> {
        dropped_objects(sql)
            .into_iter()
            .map(|d| {
                (
                    d.schema.as_deref().map(|_| "s"),
                    d.table.clone(),
                    d.column.clone(),
                    d.line,
                )
            })
            .collect()
    }

    #[test]
    fn tables_and_columns_are_found() {
        let sql = "DROP TABLE IF EXISTS a, s.\"B\" CASCADE;\n\
                   ALTER TABLE ONLY t DROP COLUMN x, DROP y CASCADE, ADD COLUMN z int;\n\
                   ALTER TABLE t DROP CONSTRAINT c, DROP DEFAULT, ALTER x DROP NOT NULL;\n\
                   alter table if exists t drop column if exists \"W\";\n\
                   DROP INDEX i;\n\
                   SELECT 'DROP TABLE no';";
        assert_eq!(
            found(sql),
            vec![
                (None, "a".to_string(), None, 1),
                (Some("s"), "B".to_string(), None, 1),
                (None, "t".to_string(), Some("x".to_string()), 2),
                (None, "t".to_string(), Some("y".to_string()), 2),
                (None, "t".to_string(), Some("W".to_string()), 4),
            ]
        );
    }

    #[test]
    fn commas_inside_parentheses_do_not_start_an_action() {
        let sql = "ALTER TABLE t ADD CONSTRAINT k CHECK (f(a, drop)), DROP COLUMN q;";
        assert_eq!(
            found(sql),
            vec![(None, "t".to_string(), Some("q".to_string()), 1)]
        );
    }
}
