//! The few pieces of SQL text every kind writes the same way: names
//! without their schema, literals, comment values, NOT NULL changes.

/// The name without its schema: what `RENAME TO` takes.
pub fn bare(qualified: &str) -> &str {
    qualified
        .rsplit_once('.')
        .map_or(qualified, |(_, name)| name)
}

/// SQL string literal.
pub fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// What `COMMENT ON ... IS` takes: the comment as a literal, or NULL.
pub(crate) fn comment_value(comment: &Option<String>) -> String {
    comment
        .as_deref()
        .map_or_else(|| "NULL".to_string(), literal)
}

/// The ALTER clause that makes a column or domain NOT NULL or not.
pub(crate) fn not_null_change(not_null: bool) -> &'static str {
    if not_null {
        "SET NOT NULL"
    } else {
        "DROP NOT NULL"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_double_their_quotes() {
        assert_eq!(literal("it's"), "'it''s'");
        assert_eq!(comment_value(&None), "NULL");
        assert_eq!(comment_value(&Some("a 'b'".into())), "'a ''b'''");
    }

    #[test]
    fn bare_drops_the_schema() {
        assert_eq!(bare("public.users"), "users");
        assert_eq!(bare("users"), "users");
    }
}
