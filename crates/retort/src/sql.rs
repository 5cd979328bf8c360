//! SQL text, below every layer: splitting a section into statements
//! ([`split`], for the files that ask whether a section holds any and the
//! databases that run them), and the one place literals and identifiers
//! are quoted, for every module that writes SQL (the version table, the
//! log, the databases, autogenerate).

pub mod drops;
pub mod split;
pub mod statements;

/// A string literal: `'…'`, with each `'` doubled.
pub fn quote_literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// An identifier, quoted only when it needs it, as PostgreSQL prints them:
/// plain when it is lowercase letters, digits and `_` not starting with a
/// digit, `"…"` (each `"` doubled) otherwise.
pub fn quote_ident(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain {
        name.to_string()
    } else {
        always_quote_ident(name)
    }
}

/// An identifier, always quoted: `"…"` with each `"` doubled.
pub fn always_quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `schema.name`, or `name`, each part quoted only where it needs to be.
pub fn qualified_name(schema: Option<&str>, name: &str) -> String {
    match schema {
        Some(schema) => format!("{}.{}", quote_ident(schema), quote_ident(name)),
        None => quote_ident(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_double_their_quotes() {
        assert_eq!(quote_literal("it's"), "'it''s'");
        assert_eq!(quote_literal(""), "''");
    }

    #[test]
    fn identifiers_are_quoted_only_when_they_need_it() {
        assert_eq!(quote_ident("alembic_version"), "alembic_version");
        assert_eq!(quote_ident("_x1"), "_x1");
        assert_eq!(quote_ident("Version"), "\"Version\"");
        assert_eq!(quote_ident("1st"), "\"1st\"");
        assert_eq!(quote_ident(""), "\"\"");
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(always_quote_ident("plain"), "\"plain\"");
        assert_eq!(qualified_name(Some("App"), "t"), "\"App\".t");
        assert_eq!(qualified_name(None, "t"), "t");
    }
}
