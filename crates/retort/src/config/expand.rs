//! `${VAR}` and `${VAR:-default}` in configuration values, and
//! `${x:KEY}` / `${x:KEY:-default}` for `-x KEY=VALUE` from the command line.
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
    /// `${x:KEY}` with no `-x KEY=...` and no default.
    UnsetX(String),
    /// `${` with no closing `}`.
    Unterminated,
    /// `${...}` whose name is not `[A-Za-z_][A-Za-z0-9_]*`.
    BadName(String),
}

/// Expands `text`, looking variables up with `lookup` and `-x` keys with `x`.
pub fn expand(
    text: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
    x: &dyn Fn(&str) -> Option<String>,
) -> Result<String, ExpandError> {
    expand_inner(text, lookup, x, false)
}

/// [`expand`] for a database URL: a `${...}` written after the URL's
/// literal `://` stands for one part of it (a user, a password, a host, a
/// port, a database name), so its value is percent-encoded, and a password
/// holding `@`, `/` or `?` just works. A `${...}` before it (the whole URL
/// in one variable, or the scheme) is put in as it is.
pub fn expand_url(
    text: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
    x: &dyn Fn(&str) -> Option<String>,
) -> Result<String, ExpandError> {
    expand_inner(text, lookup, x, true)
}

/// What a URL part may hold as it is: RFC 3986's unreserved characters.
const URL_PART: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn expand_inner(
    text: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
    x: &dyn Fn(&str) -> Option<String>,
    url: bool,
) -> Result<String, ExpandError> {
    if !text.contains("${") {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Whether the URL's `://` has been written, as literal text.
    let mut in_url_parts = false;
    while let Some(start) = rest.find("${") {
        if rest[..start].ends_with('$') {
            // `$${`: an escaped `${`.
            out.push_str(&rest[..start - 1]);
            out.push_str("${");
            rest = &rest[start + 2..];
            continue;
        }
        out.push_str(&rest[..start]);
        in_url_parts |= url && rest[..start].contains("://");
        let inner_and_rest = &rest[start + 2..];
        let end = inner_and_rest.find('}').ok_or(ExpandError::Unterminated)?;
        let inner = &inner_and_rest[..end];
        let (name, default) = match inner.split_once(":-") {
            Some((name, default)) => (name, Some(default)),
            None => (inner, None),
        };
        let value = match name.strip_prefix("x:") {
            Some(key) if is_x_key(key) => x(key),
            Some(_) => return Err(ExpandError::BadName(inner.to_string())),
            None if is_variable_name(name) => lookup(name),
            None => return Err(ExpandError::BadName(inner.to_string())),
        };
        let value = value.filter(|v| default.is_none() || !v.is_empty());
        let part = |text: &str| -> String {
            if in_url_parts {
                percent_encoding::utf8_percent_encode(text, URL_PART).to_string()
            } else {
                text.to_string()
            }
        };
        match (value, default) {
            (Some(value), _) => out.push_str(&part(&value)),
            (None, Some(default)) => out.push_str(&part(default)),
            (None, None) => {
                return Err(match name.strip_prefix("x:") {
                    Some(key) => ExpandError::UnsetX(key.to_string()),
                    None => ExpandError::Unset(name.to_string()),
                })
            }
        }
        rest = &inner_and_rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// `-x` keys are freer than variable names (`-x tenant.id=7`), but never
/// empty and never hold `}`, `:` or spaces.
fn is_x_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
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

    fn x(key: &str) -> Option<String> {
        (key == "tenant").then(|| "acme".to_string())
    }

    #[test]
    fn url_parts_are_encoded_after_the_scheme_only() {
        let env = |name: &str| match name {
            "DB_PASSWORD" => Some("p@ss/w?rd#1:%".to_string()),
            "DB_HOST" => Some("db.example.com".to_string()),
            "WHOLE" => Some("postgresql://a:b@h/d".to_string()),
            _ => None,
        };
        let url = expand_url(
            "postgresql://app:${DB_PASSWORD}@${DB_HOST}:${DB_PORT:-5432}/app",
            &env,
            &x,
        )
        .unwrap();
        assert_eq!(url, "postgresql://app:p%40ss%2Fw%3Frd%231%3A%25@db.example.com:5432/app");
        assert_eq!(expand_url("${WHOLE}", &env, &x).unwrap(), "postgresql://a:b@h/d");
        // Not a URL key: as it is.
        assert_eq!(
            expand("x://${DB_PASSWORD}", &env, &x).unwrap(),
            "x://p@ss/w?rd#1:%"
        );
    }

    #[test]
    fn x_keys() {
        assert_eq!(expand("db_${x:tenant}", &env, &x).unwrap(), "db_acme");
        assert_eq!(expand("${x:other:-none}", &env, &x).unwrap(), "none");
        assert_eq!(
            expand("${x:other}", &env, &x),
            Err(ExpandError::UnsetX("other".into()))
        );
        assert_eq!(
            expand("${x:}", &env, &x),
            Err(ExpandError::BadName("x:".into()))
        );
        // `x` alone is still an environment variable.
        assert_eq!(
            expand("${x}", &env, &x),
            Err(ExpandError::Unset("x".into()))
        );
    }

    #[test]
    fn expands_set_unset_and_defaults() {
        assert_eq!(
            expand("postgresql://${HOST}/x", &env, &x).unwrap(),
            "postgresql://db.local/x"
        );
        assert_eq!(
            expand("${NOPE:-sqlite:///a.db}", &env, &x).unwrap(),
            "sqlite:///a.db"
        );
        assert_eq!(expand("${HOST:-other}", &env, &x).unwrap(), "db.local");
        assert_eq!(expand("${EMPTY:-fallback}", &env, &x).unwrap(), "fallback");
        assert_eq!(expand("[${EMPTY}]", &env, &x).unwrap(), "[]");
        assert_eq!(expand("${NOPE:-}", &env, &x).unwrap(), "");
        assert_eq!(
            expand("a$$b $x ${HOST}${HOST}", &env, &x).unwrap(),
            "a$$b $x db.localdb.local"
        );
        assert_eq!(expand("$${HOST}", &env, &x).unwrap(), "${HOST}");
    }

    #[test]
    fn errors() {
        assert_eq!(
            expand("${NOPE}", &env, &x),
            Err(ExpandError::Unset("NOPE".into()))
        );
        assert_eq!(expand("${HOST", &env, &x), Err(ExpandError::Unterminated));
        assert_eq!(
            expand("${1X}", &env, &x),
            Err(ExpandError::BadName("1X".into()))
        );
        assert_eq!(
            expand("${}", &env, &x),
            Err(ExpandError::BadName(String::new()))
        );
    }
}
