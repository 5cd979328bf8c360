//! `${VAR}` and `${VAR:-default}` in configuration values.
//!
//! As in the shell, `:-` uses the default when the variable is unset *or*
//! empty. The default is literal text (no nested `${...}`). `$${` writes a
//! literal `${`; any other `$` is plain text, so passwords and `$$` need no
//! escaping.

/// Why a value could not be expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExpandError {
    /// `${NAME}` with NAME unset and no default.
    Unset(String),
    /// `${` with no closing `}`.
    Unterminated,
    /// `${...}` whose name is not `[A-Za-z_][A-Za-z0-9_]*`.
    BadName(String),
}

/// Expands `text`, looking variables up with `lookup`.
pub fn expand(text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Result<String, ExpandError> {
    if !text.contains("${") {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        if rest[..start].ends_with('$') {
            // `$${`: an escaped `${`.
            out.push_str(&rest[..start - 1]);
            out.push_str("${");
            rest = &rest[start + 2..];
            continue;
        }
        out.push_str(&rest[..start]);
        let inner_and_rest = &rest[start + 2..];
        let end = inner_and_rest.find('}').ok_or(ExpandError::Unterminated)?;
        let inner = &inner_and_rest[..end];
        let (name, default) = match inner.split_once(":-") {
            Some((name, default)) => (name, Some(default)),
            None => (inner, None),
        };
        if !is_variable_name(name) {
            return Err(ExpandError::BadName(inner.to_string()));
        }
        let value = lookup(name).filter(|v| default.is_none() || !v.is_empty());
        match (value, default) {
            (Some(value), _) => out.push_str(&value),
            (None, Some(default)) => out.push_str(default),
            (None, None) => return Err(ExpandError::Unset(name.to_string())),
        }
        rest = &inner_and_rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn is_variable_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "HOST" => Some("db.local".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    #[test]
    fn expands_set_unset_and_defaults() {
        assert_eq!(
            expand("postgresql://${HOST}/x", &env).unwrap(),
            "postgresql://db.local/x"
        );
        assert_eq!(
            expand("${NOPE:-sqlite:///a.db}", &env).unwrap(),
            "sqlite:///a.db"
        );
        assert_eq!(expand("${HOST:-other}", &env).unwrap(), "db.local");
        assert_eq!(expand("${EMPTY:-fallback}", &env).unwrap(), "fallback");
        assert_eq!(expand("[${EMPTY}]", &env).unwrap(), "[]");
        assert_eq!(expand("${NOPE:-}", &env).unwrap(), "");
        assert_eq!(
            expand("a$$b $x ${HOST}${HOST}", &env).unwrap(),
            "a$$b $x db.localdb.local"
        );
        assert_eq!(expand("$${HOST}", &env).unwrap(), "${HOST}");
    }

    #[test]
    fn errors() {
        assert_eq!(
            expand("${NOPE}", &env),
            Err(ExpandError::Unset("NOPE".into()))
        );
        assert_eq!(expand("${HOST", &env), Err(ExpandError::Unterminated));
        assert_eq!(
            expand("${1X}", &env),
            Err(ExpandError::BadName("1X".into()))
        );
        assert_eq!(
            expand("${}", &env),
            Err(ExpandError::BadName(String::new()))
        );
    }
}
