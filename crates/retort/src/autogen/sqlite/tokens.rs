//! A tokenizer for SQLite's stored `CREATE` statements, good enough to
//! compare two definitions and to find a statement's parts (the object's
//! name, a table's column definitions). SQLite keeps each statement as it
//! was written, so comparing the raw text would see a reformatted schema
//! file as a change; comparing tokens does not.

/// What a token is, as far as comparison cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A bare word: a keyword or an unquoted identifier.
    Word,
    /// A quoted identifier: `"x"`, `` `x` `` or `[x]`.
    Quoted,
    /// A string, blob or number.
    Literal,
    /// Any other single character.
    Punct,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    /// Words and identifiers lowercased (SQLite's identifiers ignore case,
    /// quoted or not) and unquoted; literals as written.
    pub text: String,
    /// Byte range in the statement.
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// A word or identifier naming `name` (case-insensitively).
    pub fn is_name(&self, name: &str) -> bool {
        matches!(self.kind, Kind::Word | Kind::Quoted) && self.text == name.to_lowercase()
    }

    pub fn is_word(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.text == word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.text.len() == c.len_utf8() && self.text.starts_with(c)
    }
}

/// The tokens of `sql`, comments and whitespace left out.
pub fn tokenize(sql: &str) -> Vec<Token> {
    let bytes = sql.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < sql.len() {
        let c = sql[i..].chars().next().unwrap_or(' ');
        let start = i;
        if c.is_whitespace() {
            i += c.len_utf8();
        } else if sql[i..].starts_with("--") {
            i = sql[i..].find('\n').map_or(sql.len(), |n| i + n + 1);
        } else if sql[i..].starts_with("/*") {
            i = sql[i + 2..].find("*/").map_or(sql.len(), |n| i + 2 + n + 2);
        } else if c == '\'' {
            i = end_of_quoted(sql, i, '\'');
            tokens.push(token(Kind::Literal, sql[start..i].to_string(), start, i));
        } else if (c == 'x' || c == 'X') && bytes.get(i + 1) == Some(&b'\'') {
            i = end_of_quoted(sql, i + 1, '\'');
            tokens.push(token(Kind::Literal, sql[start..i].to_lowercase(), start, i));
        } else if c == '"' || c == '`' || c == '[' {
            let close = if c == '[' { ']' } else { c };
            i = end_of_quoted(sql, i, close);
            let inner = &sql[start + 1..i.saturating_sub(1).max(start + 1)];
            let doubled = format!("{close}{close}");
            let name = if c == '[' {
                inner.to_string()
            } else {
                inner.replace(&doubled, &close.to_string())
            };
            tokens.push(token(Kind::Quoted, name.to_lowercase(), start, i));
        } else if c.is_ascii_digit()
            || (c == '.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            while i < sql.len() {
                let d = bytes[i];
                let exponent_sign = (d == b'+' || d == b'-')
                    && i > start
                    && matches!(bytes[i - 1], b'e' | b'E')
                    && !sql[start..i].starts_with("0x");
                if d.is_ascii_alphanumeric() || d == b'.' || d == b'_' || exponent_sign {
                    i += 1;
                } else {
                    break;
                }
            }
            tokens.push(token(Kind::Literal, sql[start..i].to_lowercase(), start, i));
        } else if is_word_char(c) {
            while let Some(d) = sql[i..].chars().next() {
                if is_word_char(d) || d.is_ascii_digit() {
                    i += d.len_utf8();
                } else {
                    break;
                }
            }
            tokens.push(token(Kind::Word, sql[start..i].to_lowercase(), start, i));
        } else {
            i += c.len_utf8();
            tokens.push(token(Kind::Punct, c.to_string(), start, i));
        }
    }
    tokens
}

fn token(kind: Kind, text: String, start: usize, end: usize) -> Token {
    Token {
        kind,
        text,
        start,
        end,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '$' || !c.is_ascii()
}

/// The byte after the closing quote of the quoted run starting at `open`;
/// a doubled closing quote is part of the text.
fn end_of_quoted(sql: &str, open: usize, close: char) -> usize {
    let mut i = open + 1;
    while let Some(c) = sql[i..].chars().next() {
        i += c.len_utf8();
        if c == close {
            if close != ']' && sql[i..].starts_with(close) {
                i += close.len_utf8();
            } else {
                return i;
            }
        }
    }
    sql.len()
}

/// The tokens as one comparable string: quoted and bare spellings of a
/// name agree, as do any whitespace, comments and letter case outside
/// string literals.
pub fn normalise(tokens: &[Token]) -> String {
    let mut out = String::new();
    let mut skip = 0;
    for (i, t) in tokens.iter().enumerate() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        // `DEFAULT ('x')` and `DEFAULT 'x'` are one default: a constant's
        // parentheses are dropped (an expression's are needed and stay).
        if t.is_word("default") {
            if let Some(constant) = parenthesised_constant(&tokens[i + 1..]) {
                out.push_str(if out.is_empty() { "" } else { " " });
                out.push_str("default ");
                out.push_str(&constant);
                skip = constant.split(' ').count() + 2;
                continue;
            }
        }
        if !out.is_empty() {
            out.push(' ');
        }
        match t.kind {
            Kind::Quoted if !is_plain_name(&t.text) => {
                out.push('"');
                out.push_str(&t.text.replace('"', "\"\""));
                out.push('"');
            }
            _ => out.push_str(&t.text),
        }
    }
    out
}

/// The constant in `( literal )` or `( -literal )` at the start of `rest`.
fn parenthesised_constant(rest: &[Token]) -> Option<String> {
    if !rest.first()?.is_punct('(') {
        return None;
    }
    let signed = rest.get(1)?.is_punct('-') || rest.get(1)?.is_punct('+');
    let (literal, close) = if signed { (2, 3) } else { (1, 2) };
    if rest.get(literal)?.kind != Kind::Literal || !rest.get(close)?.is_punct(')') {
        return None;
    }
    Some(if signed {
        format!("{} {}", rest[1].text, rest[2].text)
    } else {
        rest[1].text.clone()
    })
}

fn is_plain_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(is_word_char) && chars.all(|c| is_word_char(c) || c.is_ascii_digit())
}

/// Where the object's name sits in a `CREATE ...` statement: the range of
/// tokens (a `schema.name` takes three) after `CREATE [TEMP|UNIQUE|VIRTUAL]
/// TABLE|INDEX|VIEW|TRIGGER [IF NOT EXISTS]`.
pub fn name_range(tokens: &[Token]) -> Option<(usize, usize)> {
    let mut i = 0;
    if !tokens.first()?.is_word("create") {
        return None;
    }
    i += 1;
    while tokens.get(i).is_some_and(|t| {
        ["temp", "temporary", "unique", "virtual"]
            .iter()
            .any(|w| t.is_word(w))
    }) {
        i += 1;
    }
    i += 1; // TABLE, INDEX, VIEW or TRIGGER
    if tokens.get(i).is_some_and(|t| t.is_word("if"))
        && tokens.get(i + 1).is_some_and(|t| t.is_word("not"))
        && tokens.get(i + 2).is_some_and(|t| t.is_word("exists"))
    {
        i += 3;
    }
    tokens.get(i)?;
    if tokens.get(i + 1).is_some_and(|t| t.is_punct('.')) && tokens.get(i + 2).is_some() {
        Some((i, i + 3))
    } else {
        Some((i, i + 1))
    }
}

/// A `CREATE` statement's normalised text without the object's name (and
/// without `IF NOT EXISTS`, which SQLite does not keep anyway): what two
/// definitions of one object must share to be the same.
pub fn shape_without_name(sql: &str) -> String {
    let tokens = tokenize(sql);
    match name_range(&tokens) {
        Some((start, end)) => {
            let mut head: Vec<Token> = tokens[..start]
                .iter()
                .filter(|t| !["if", "not", "exists"].iter().any(|w| t.is_word(w)))
                .cloned()
                .collect();
            head.extend_from_slice(&tokens[end..]);
            normalise(&head)
        }
        None => normalise(&tokens),
    }
}

/// `sql` with the object's name replaced by `name` (quoted), for creating
/// a table under a temporary name during a rebuild.
pub fn with_name(sql: &str, name: &str) -> String {
    let tokens = tokenize(sql);
    match name_range(&tokens) {
        Some((start, end)) => format!(
            "{}{}{}",
            &sql[..tokens[start].start],
            quote(name),
            &sql[tokens[end - 1].end..]
        ),
        None => sql.to_string(),
    }
}

/// An identifier quoted for SQLite.
pub fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A string literal.
pub fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// True when any word or identifier in `tokens` names `name`.
pub fn mentions(tokens: &[Token], name: &str) -> bool {
    tokens.iter().any(|t| t.is_name(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_does_not_matter() {
        let a = shape_without_name("CREATE TABLE t (a INTEGER, \"B\" text DEFAULT 'X y')");
        let b = shape_without_name(
            "create table IF NOT EXISTS \"T\"(\n  A integer, -- note\n  [b] TEXT default 'X y'\n)",
        );
        assert_eq!(a, b);
        let c = shape_without_name("CREATE TABLE t (a INTEGER, b text DEFAULT 'x y')");
        assert_ne!(a, c, "string literals keep their case");
    }

    #[test]
    fn names_are_found_and_replaced() {
        let sql = "CREATE TABLE IF NOT EXISTS main.\"odd\"\"name\" (x)";
        assert_eq!(
            with_name(sql, "new_t"),
            "CREATE TABLE IF NOT EXISTS \"new_t\" (x)"
        );
        let tokens = tokenize("CREATE UNIQUE INDEX i ON t (x) WHERE x > 1.5e-3");
        assert_eq!(name_range(&tokens), Some((3, 4)));
        assert!(tokens.iter().any(|t| t.text == "1.5e-3"));
    }
}
