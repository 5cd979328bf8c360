//! Database URLs in libpq / SQLAlchemy style, parsed into a typed value.
//!
//! Accepted: `postgresql://`, `postgres://`, `postgresql+DRIVER://` (the
//! driver part is ignored), `sqlite:///relative.db`, `sqlite:////abs.db`,
//! `sqlite://` and `sqlite:///:memory:` (in memory), and libpq's
//! keyword/value connection strings (`host=db port=5432 user=app
//! password='a b' dbname=app`), which many deployments keep in
//! `DATABASE_URL`. The password never leaves this type unredacted except
//! through [`PgUrl::password`], for the connector: not in `Display`, not in
//! `Debug`, not in any error.

pub(crate) mod keywords;

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};
use std::path::PathBuf;
use thiserror::Error;

/// The URL forms a user can write, for error messages.
const SUPPORTED: &str =
    "postgresql://, postgres://, postgresql+DRIVER://, sqlite:///relative.db, sqlite:////absolute.db, sqlite://, or libpq's KEYWORD=VALUE form (host=... dbname=...)";

/// What stands in for a password in anything printed.
const MASK: &str = "***";

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum UrlError {
    /// The message never contains the password.
    #[error("{}", crate::tr!("url-invalid", url = redacted, reason = reason))]
    Invalid { redacted: String, reason: String },
    /// A libpq keyword/value string that cannot be used. The message never
    /// contains the password, nor any part of a value that might be one.
    #[error("{}", crate::tr!("url-invalid-connection-string", url = redacted, reason = reason))]
    InvalidConnectionString { redacted: String, reason: String },
}

/// Which SQL dialect a database speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Postgres,
    Sqlite,
}

impl Dialect {
    /// The database's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Postgres => "PostgreSQL",
            Dialect::Sqlite => "SQLite",
        }
    }

    /// The library's Cargo feature that brings this database's driver.
    pub fn feature(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::Sqlite => "sqlite",
        }
    }
}

#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Postgres(PgUrl),
    Sqlite(SqliteTarget),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqliteTarget {
    Memory,
    /// Relative paths stay relative (to the process's current directory, as
    /// SQLAlchemy has it).
    File(PathBuf),
}

/// A PostgreSQL URL's parts. Parts the URL leaves out stay `None`; the
/// connector fills them from the libpq environment (`PGHOST`, ...).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct PgUrl {
    pub user: Option<String>,
    password: Option<String>,
    /// Host names or socket directories, several for failover (`h1,h2`).
    /// IPv6 addresses without their brackets.
    pub hosts: Vec<String>,
    /// Empty when no host names a port; otherwise one per host (a host
    /// without one gets PostgreSQL's 5432).
    pub ports: Vec<u16>,
    pub dbname: Option<String>,
    /// Query parameters (`sslmode`, `sslrootcert`, `host`, `application_name`...), in order.
    /// A `password` parameter is moved into the password and never kept here.
    /// In the keyword/value form every keyword but `user`, `password` and
    /// `dbname` lands here, once (a later one replaces an earlier one, as
    /// libpq has it).
    pub params: Vec<(String, String)>,
    /// How it was written, so that it is shown back the same way.
    form: PgForm,
}

/// The two ways of writing a PostgreSQL connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum PgForm {
    #[default]
    Url,
    KeywordValue,
}

impl PgUrl {
    pub fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }
    pub fn set_password(&mut self, password: Option<String>) {
        self.password = password;
    }
    /// What the user wrote, for messages about its settings: "the database
    /// URL" or "the connection string" (the keyword/value form).
    pub fn written_as(&self) -> String {
        match self.form {
            PgForm::Url => crate::tr!("run-written-as-url"),
            PgForm::KeywordValue => crate::tr!("run-written-as-connection-string"),
        }
    }
}

impl DatabaseUrl {
    pub fn dialect(&self) -> Dialect {
        match self {
            DatabaseUrl::Postgres(_) => Dialect::Postgres,
            DatabaseUrl::Sqlite(_) => Dialect::Sqlite,
        }
    }
}

impl DatabaseUrl {
    /// Parses any URL form CONTRACT.md lists, or a libpq keyword/value
    /// connection string.
    pub fn parse(text: &str) -> Result<Self, UrlError> {
        let invalid = |reason: String| UrlError::Invalid {
            redacted: redact(text),
            reason,
        };
        let text = text.trim();
        if is_keyword_value(text) {
            return parse_keyword_value(text)
                .map(DatabaseUrl::Postgres)
                .map_err(|reason| UrlError::InvalidConnectionString {
                    redacted: redact_keyword_value(text),
                    reason,
                });
        }
        let Some((scheme, rest)) = text.split_once("://") else {
            return Err(invalid(format!(
                "expected SCHEME://...; supported: {SUPPORTED}"
            )));
        };
        if !looks_like_scheme(scheme) {
            return Err(invalid(format!(
                "expected SCHEME://...; supported: {SUPPORTED}"
            )));
        }
        let scheme = scheme.to_ascii_lowercase();
        let (base, _driver) = scheme.split_once('+').unwrap_or((&scheme, ""));
        match base {
            "postgresql" | "postgres" => parse_postgres(rest).map(DatabaseUrl::Postgres),
            "sqlite" => parse_sqlite(rest).map(DatabaseUrl::Sqlite),
            _ => Err(format!("unknown scheme `{scheme}`; supported: {SUPPORTED}")),
        }
        .map_err(invalid)
    }

    /// The URL with its password replaced by `***`: the only form that may be printed.
    pub fn redacted(&self) -> String {
        match self {
            DatabaseUrl::Postgres(pg) => pg.redacted(),
            DatabaseUrl::Sqlite(SqliteTarget::Memory) => "sqlite://".to_string(),
            DatabaseUrl::Sqlite(SqliteTarget::File(path)) => {
                format!("sqlite:///{}", path.display())
            }
        }
    }
}

/// Redacts URL-ish text that may not even parse: whatever stands between
/// `://` and the last `@` loses everything after its first `:`, and a
/// `password=` query parameter loses its value. Over-redacting an odd URL is
/// fine; leaking a password is not. A keyword/value string keeps the
/// settings it could read, each `password` masked, and ends in `…` where
/// it stops making sense.
pub fn redact(text: &str) -> String {
    if is_keyword_value(text.trim()) {
        return redact_keyword_value(text.trim());
    }
    let (scheme, rest) = match text.find("://") {
        Some(at) if looks_like_scheme(&text[..at]) => (&text[..at + 3], &text[at + 3..]),
        _ => ("", text),
    };
    let (userinfo, after) = match rest.rfind('@') {
        Some(at) => (Some(&rest[..at]), &rest[at + 1..]),
        None => (None, rest),
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(scheme);
    if let Some(userinfo) = userinfo {
        match userinfo.split_once(':') {
            Some((user, _)) => {
                out.push_str(user);
                out.push(':');
                out.push_str(MASK);
            }
            None => out.push_str(userinfo),
        }
        out.push('@');
    }
    match after.split_once('?') {
        Some((before_query, query)) => {
            out.push_str(before_query);
            out.push('?');
            let mut first = true;
            for pair in query.split('&') {
                if !first {
                    out.push('&');
                }
                first = false;
                let key = pair.split_once('=').map_or(pair, |(k, _)| k);
                if is_password_key(key) {
                    out.push_str(key);
                    out.push('=');
                    out.push_str(MASK);
                } else {
                    out.push_str(pair);
                }
            }
        }
        None => out.push_str(after),
    }
    out
}

/// Only text that can be a scheme is echoed as one: `user:pw://` is not.
fn looks_like_scheme(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
}

fn is_password_key(key: &str) -> bool {
    let decoded = percent_decode_str(key).decode_utf8_lossy();
    decoded.trim().eq_ignore_ascii_case("password")
}

fn decode(part: &str, what: &str) -> Result<String, String> {
    percent_decode_str(part)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| format!("{what} is not valid UTF-8 once percent-decoded"))
}

fn parse_postgres(rest: &str) -> Result<PgUrl, String> {
    let mut url = PgUrl::default();

    // The query starts at the first `?` after the user information; the user
    // information ends at the last `@` before the query, so that an
    // unencoded `@` or `/` in a password still parses as the user meant.
    let query_start = rest.find('?');
    let userinfo_end = query_start.map_or(rest, |q| &rest[..q]).rfind('@');
    if query_start.is_some_and(|q| rest[q..].contains('@')) {
        // Either a password holding an unencoded `?`, or an `@` in a
        // parameter: the two cannot be told apart, and guessing wrong would
        // print a password as a parameter. Ask for the encoding instead.
        return Err(
            "an `@` after the `?`: percent-encode `?` and `@` in the user name, password and parameters (%3F, %40)"
                .to_string(),
        );
    }
    let after_userinfo = match userinfo_end {
        Some(at) => {
            let userinfo = &rest[..at];
            let (user, password) = match userinfo.split_once(':') {
                Some((user, password)) => (user, Some(password)),
                None => (userinfo, None),
            };
            if !user.is_empty() {
                url.user = Some(decode(user, "the user name")?);
            }
            if let Some(password) = password {
                url.password = Some(decode(password, "the password")?);
            }
            &rest[at + 1..]
        }
        None => rest,
    };

    let (before_query, query) = match after_userinfo.split_once('?') {
        Some((before, query)) => (before, Some(query)),
        None => (after_userinfo, None),
    };
    let (authority, path) = match before_query.find('/') {
        Some(slash) => (&before_query[..slash], Some(&before_query[slash + 1..])),
        None => (before_query, None),
    };

    parse_hosts(authority, &mut url)?;

    if let Some(path) = path {
        if !path.is_empty() {
            url.dbname = Some(decode(path, "the database name")?);
        }
    }

    if let Some(query) = query {
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            // Fragments of the text are not echoed: a misplaced `?` in a
            // password would put the password's tail here.
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| "a query parameter has no `=value`".to_string())?;
            let key = decode(key, "a query parameter name")?;
            if key.eq_ignore_ascii_case("password") {
                // Kept out of `params` so that nothing prints it.
                if url.password.is_none() {
                    url.password = Some(decode(value, "the password")?);
                }
                continue;
            }
            let value = decode(value, "a query parameter value")?;
            url.params.push((key, value));
        }
    }
    Ok(url)
}

/// `h1:5432,h2`, `[::1]:5433`, or nothing (libpq's default, or `?host=`).
fn parse_hosts(authority: &str, url: &mut PgUrl) -> Result<(), String> {
    if authority.is_empty() {
        return Ok(());
    }
    let mut ports: Vec<Option<u16>> = Vec::new();
    for entry in authority.split(',') {
        let (host, port) = if let Some(inner) = entry.strip_prefix('[') {
            let close = inner
                .find(']')
                .ok_or_else(|| "an IPv6 host has no closing `]`".to_string())?;
            let host = &inner[..close];
            let after = &inner[close + 1..];
            let port = match after {
                "" => None,
                _ => Some(
                    after
                        .strip_prefix(':')
                        .ok_or_else(|| "unexpected text after an IPv6 host's `]`".to_string())?,
                ),
            };
            (host.to_string(), port)
        } else {
            match entry.rsplit_once(':') {
                Some((host, port)) => (decode(host, "a host name")?, Some(port)),
                None => (decode(entry, "a host name")?, None),
            }
        };
        let port = match port {
            None | Some("") => None,
            Some(port) => Some(
                port.parse::<u16>()
                    .ok()
                    .filter(|p| *p != 0)
                    .ok_or_else(|| "invalid port (expected 1-65535)".to_string())?,
            ),
        };
        if host.is_empty() && authority.contains(',') {
            return Err("empty host in a host list".to_string());
        }
        if !host.is_empty() {
            url.hosts.push(host);
        }
        ports.push(port);
    }
    if ports.iter().any(Option::is_some) {
        url.ports = ports.into_iter().map(|p| p.unwrap_or(5432)).collect();
    }
    Ok(())
}

fn parse_sqlite(rest: &str) -> Result<SqliteTarget, String> {
    if rest.contains('?') {
        return Err("query parameters are not supported for sqlite URLs".to_string());
    }
    if rest.is_empty() {
        return Ok(SqliteTarget::Memory);
    }
    let Some(path) = rest.strip_prefix('/') else {
        return Err(
            "a sqlite URL has no host: write sqlite:///relative.db, sqlite:////absolute.db or sqlite://"
                .to_string(),
        );
    };
    if path.is_empty() || path == ":memory:" {
        return Ok(SqliteTarget::Memory);
    }
    Ok(SqliteTarget::File(PathBuf::from(path)))
}

// ---- libpq's keyword/value form ------------------------------------------

/// Whether `text` is meant as a keyword/value string: it starts with a
/// keyword (letters, digits, `_`) and an `=`, and is not a `SCHEME://` URL.
/// Anything else is parsed (and redacted) as a URL, so that
/// `user:pw@host/db?x=1` is never taken apart as a keyword.
fn is_keyword_value(text: &str) -> bool {
    if let Some(at) = text.find("://") {
        if looks_like_scheme(&text[..at]) {
            return false;
        }
    }
    let name_end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    name_end > 0 && text[name_end..].trim_start().starts_with('=')
}

/// A keyword that is safe to repeat in a message: a plain identifier.
fn printable_keyword(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 64
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Where reading a keyword/value string stopped. The variants carry only
/// keywords, never a value: a value may be (part of) a password.
#[derive(Debug)]
enum KeywordValueError {
    /// A word with no `=` after it; `after` is the keyword before it.
    MissingEquals { after: Option<String> },
    /// A quoted value with no closing quote.
    Unterminated { key: String },
}

impl KeywordValueError {
    fn reason(&self) -> String {
        match self {
            KeywordValueError::MissingEquals { after: None } => {
                "expected KEYWORD=VALUE pairs; put a value that contains spaces in single quotes (password='...')".to_string()
            }
            KeywordValueError::MissingEquals { after: Some(key) } => format!(
                "a word without `=` follows the value of `{key}`; put a value that contains spaces in single quotes ({key}='...')"
            ),
            KeywordValueError::Unterminated { key } if keywords::is_known_parameter(key) => {
                format!("the quoted value of `{key}` has no closing `'`")
            }
            KeywordValueError::Unterminated { .. } => {
                "a quoted value has no closing `'`".to_string()
            }
        }
    }
}

/// libpq's `conninfo_parse`: `keyword = value` pairs separated by
/// whitespace; a value is either a run of non-space characters or a
/// single-quoted string, and in both a backslash takes the next character
/// literally. An empty value is written `''`; `key= other=x` gives `key`
/// the value `other=x`, as libpq does. Returns the pairs read before any
/// error, so that a redacted form can still show them.
fn keyword_value_pairs(text: &str) -> (Vec<(String, String)>, Option<KeywordValueError>) {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            return (pairs, None);
        }
        let mut key = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c.is_whitespace() {
                break;
            }
            key.push(c);
            chars.next();
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.next() != Some('=') {
            // Only a keyword retort knows is named: an unknown one may be
            // the tail of an unquoted password with a space in it.
            let after = pairs
                .last()
                .map(|(k, _)| k.clone())
                .filter(|k| keywords::is_known_parameter(k));
            return (pairs, Some(KeywordValueError::MissingEquals { after }));
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek() == Some(&'\'') {
            chars.next();
            loop {
                match chars.next() {
                    None => return (pairs, Some(KeywordValueError::Unterminated { key })),
                    Some('\\') => {
                        if let Some(c) = chars.next() {
                            value.push(c);
                        }
                    }
                    Some('\'') => break,
                    Some(c) => value.push(c),
                }
            }
        } else {
            while let Some(c) = chars.next() {
                if c.is_whitespace() {
                    break;
                }
                if c == '\\' {
                    if let Some(c) = chars.next() {
                        value.push(c);
                    }
                } else {
                    value.push(c);
                }
            }
        }
        pairs.push((key, value));
    }
}

fn parse_keyword_value(text: &str) -> Result<PgUrl, String> {
    let (pairs, error) = keyword_value_pairs(text);
    if let Some(error) = error {
        return Err(error.reason());
    }
    let mut url = PgUrl {
        form: PgForm::KeywordValue,
        ..PgUrl::default()
    };
    let mut previous: Option<&str> = None;
    for (key, value) in &pairs {
        if !keywords::is_known_parameter(key) {
            // An unquoted password with a space in it makes its tail look
            // like a keyword: that tail must not be printed.
            return Err(if previous == Some("password") || !printable_keyword(key) {
                "a keyword retort does not know follows the value of `password`; put a password that contains spaces in single quotes (password='...')".to_string()
            } else {
                keywords::unknown_parameter_message(key, &crate::tr!("run-written-as-connection-string"))
            });
        }
        previous = Some(key.as_str());
        // An empty value means the same as leaving the keyword out.
        let value = (!value.is_empty()).then(|| value.clone());
        match key.as_str() {
            "user" => url.user = value,
            "password" => url.password = value,
            "dbname" => url.dbname = value,
            _ => {
                url.params.retain(|(k, _)| k != key);
                if let Some(value) = value {
                    url.params.push((key.clone(), value));
                }
            }
        }
    }
    Ok(url)
}

/// A value as libpq reads it back: bare when it can be, else single-quoted.
fn quote_keyword_value(value: &str) -> String {
    let bare = !value.is_empty()
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c == '\'' || c == '\\');
    if bare {
        return value.to_string();
    }
    let mut out = String::from("'");
    for c in value.chars() {
        if c == '\'' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// Keyword/value text that may not even parse, for messages: the pairs it
/// could read, with the password masked; `…` for the rest once a keyword
/// is unknown (it may be the tail of an unquoted password) or the text
/// stops parsing.
fn redact_keyword_value(text: &str) -> String {
    let (pairs, error) = keyword_value_pairs(text);
    let mut out: Vec<String> = Vec::new();
    let mut cut = error.is_some();
    for (key, value) in &pairs {
        if !keywords::is_known_parameter(key) {
            cut = true;
            break;
        }
        if key == "password" {
            out.push(format!("password={MASK}"));
        } else {
            out.push(format!("{key}={}", quote_keyword_value(value)));
        }
    }
    if cut {
        out.push("…".to_string());
    }
    out.join(" ")
}

impl PgUrl {
    /// The keyword/value form, password masked: where to connect first,
    /// then who, then everything else, in the order written.
    fn redacted_keyword_value(&self) -> String {
        let mut out: Vec<String> = Vec::new();
        let is_place = |k: &str| matches!(k, "host" | "hostaddr" | "port");
        for (key, value) in self.params.iter().filter(|(k, _)| is_place(k)) {
            out.push(format!("{key}={}", quote_keyword_value(value)));
        }
        if let Some(user) = &self.user {
            out.push(format!("user={}", quote_keyword_value(user)));
        }
        if self.password.is_some() {
            out.push(format!("password={MASK}"));
        }
        if let Some(db) = &self.dbname {
            out.push(format!("dbname={}", quote_keyword_value(db)));
        }
        for (key, value) in self.params.iter().filter(|(k, _)| !is_place(k)) {
            out.push(format!("{key}={}", quote_keyword_value(value)));
        }
        out.join(" ")
    }
}

/// Characters that would change how a printed component parses back.
const COMPONENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'%')
    .add(b'@')
    .add(b':')
    .add(b'/')
    .add(b'?')
    .add(b'&')
    .add(b'=')
    .add(b',')
    .add(b'#')
    .add(b'[')
    .add(b']');

impl PgUrl {
    fn redacted(&self) -> String {
        if self.form == PgForm::KeywordValue {
            return self.redacted_keyword_value();
        }
        let mut out = String::from("postgresql://");
        if self.user.is_some() || self.password.is_some() {
            if let Some(user) = &self.user {
                out.extend(utf8_percent_encode(user, COMPONENT));
            }
            if self.password.is_some() {
                out.push(':');
                out.push_str(MASK);
            }
            out.push('@');
        }
        for (i, host) in self.hosts.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            if host.contains(':') {
                out.push('[');
                out.push_str(host);
                out.push(']');
            } else {
                out.extend(utf8_percent_encode(host, COMPONENT));
            }
            if let Some(port) = self.ports.get(i) {
                out.push(':');
                out.push_str(&port.to_string());
            }
        }
        if self.hosts.is_empty() {
            if let Some(port) = self.ports.first() {
                out.push(':');
                out.push_str(&port.to_string());
            }
        }
        if let Some(db) = &self.dbname {
            out.push('/');
            out.extend(utf8_percent_encode(db, COMPONENT));
        }
        for (i, (key, value)) in self.params.iter().enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            out.extend(utf8_percent_encode(key, COMPONENT));
            out.push('=');
            out.extend(utf8_percent_encode(value, COMPONENT));
        }
        out
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl std::fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl std::fmt::Debug for PgUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pg(text: &str) -> PgUrl {
        match DatabaseUrl::parse(text).unwrap() {
            DatabaseUrl::Postgres(pg) => pg,
            other => panic!("expected postgres, got {other}"),
        }
    }

    #[test]
    fn postgres_parts_are_decoded() {
        let url = pg("postgresql+psycopg2://app%20user:s%40cret@db.local:6432/my%2Fdb?sslmode=require&application_name=x%26y");
        assert_eq!(url.user.as_deref(), Some("app user"));
        assert_eq!(url.password(), Some("s@cret"));
        assert_eq!(url.hosts, vec!["db.local"]);
        assert_eq!(url.ports, vec![6432]);
        assert_eq!(url.dbname.as_deref(), Some("my/db"));
        assert_eq!(
            url.params,
            vec![
                ("sslmode".to_string(), "require".to_string()),
                ("application_name".to_string(), "x&y".to_string())
            ]
        );
    }

    #[test]
    fn unencoded_at_and_slash_in_password_still_parse() {
        let url = pg("postgres://u:p@ss/w@h/db");
        assert_eq!(url.password(), Some("p@ss/w"));
        assert_eq!(url.hosts, vec!["h"]);
        assert_eq!(url.dbname.as_deref(), Some("db"));
    }

    #[test]
    fn multiple_hosts_and_ipv6() {
        let url = pg("postgresql://h1:5432,h2:5433,[::1]:5434/db");
        assert_eq!(url.hosts, vec!["h1", "h2", "::1"]);
        assert_eq!(url.ports, vec![5432, 5433, 5434]);
        let url = pg("postgresql://h1,h2:5433/db");
        assert_eq!(url.ports, vec![5432, 5433]);
        let url = pg("postgresql://[2001:db8::1]/db");
        assert_eq!(url.hosts, vec!["2001:db8::1"]);
        assert!(url.ports.is_empty());
    }

    #[test]
    fn socket_directory_as_query_host() {
        let url = pg("postgresql:///mydb?host=/run/postgresql");
        assert!(url.hosts.is_empty());
        assert_eq!(url.dbname.as_deref(), Some("mydb"));
        assert_eq!(
            url.params,
            vec![("host".to_string(), "/run/postgresql".to_string())]
        );
    }

    #[test]
    fn password_query_parameter_is_moved_out_of_params() {
        let url = pg("postgresql://u@h/db?password=hunter2&sslmode=disable");
        assert_eq!(url.password(), Some("hunter2"));
        assert_eq!(url.params.len(), 1);
        assert!(!url.redacted_text().contains("hunter2"));
    }

    impl PgUrl {
        fn redacted_text(&self) -> String {
            self.redacted()
        }
    }

    #[test]
    fn redaction_shape() {
        let url = DatabaseUrl::parse("postgresql://user:secret@host/db").unwrap();
        assert_eq!(url.redacted(), "postgresql://user:***@host/db");
        assert_eq!(format!("{url:?}"), "postgresql://user:***@host/db");
        assert_eq!(url.to_string(), "postgresql://user:***@host/db");
    }

    #[test]
    fn sqlite_forms() {
        let parse = |t: &str| match DatabaseUrl::parse(t).unwrap() {
            DatabaseUrl::Sqlite(target) => target,
            other => panic!("expected sqlite, got {other}"),
        };
        assert_eq!(parse("sqlite://"), SqliteTarget::Memory);
        assert_eq!(parse("sqlite:///:memory:"), SqliteTarget::Memory);
        assert_eq!(
            parse("sqlite:///app.db"),
            SqliteTarget::File(PathBuf::from("app.db"))
        );
        assert_eq!(
            parse("sqlite:////var/lib/app.db"),
            SqliteTarget::File(PathBuf::from("/var/lib/app.db"))
        );
        assert!(DatabaseUrl::parse("sqlite://host/app.db").is_err());
    }

    #[test]
    fn unknown_scheme_lists_supported_ones() {
        let err = DatabaseUrl::parse("mysql://u:pw@h/db")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown scheme `mysql`"), "{err}");
        assert!(err.contains("postgresql://"), "{err}");
        assert!(err.contains("sqlite://"), "{err}");
        assert!(!err.contains("pw"), "{err}");
    }

    #[test]
    fn bad_port_error_hides_password() {
        let err = DatabaseUrl::parse("postgresql://u:topsecret@h:99999/db")
            .unwrap_err()
            .to_string();
        assert!(err.contains("invalid port"), "{err}");
        assert!(!err.contains("topsecret"), "{err}");
    }

    #[test]
    fn raw_redaction_masks_query_password() {
        assert_eq!(
            redact("postgresql://h/db?sslmode=x&password=abc&a=b"),
            "postgresql://h/db?sslmode=x&password=***&a=b"
        );
    }
}
