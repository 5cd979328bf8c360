//! retort.toml's text → its keys and values with the line each is on,
//! unknown keys rejected with a "did you mean". Types and `${VAR}` are the
//! caller's business: this only knows the file's shape.

use super::error::ConfigError;
use std::path::Path;
use toml_edit::{ImDocument, Item, TableLike};

/// Every key a table (the top level or `[env.NAME]`) may hold.
pub use super::keys::KNOWN_KEYS;

/// The top-level table of per-environment overrides.
const ENV_TABLE: &str = "env";

/// A value as the file wrote it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    String(String),
    Integer(i64),
    Float(f64),
    Boolean(bool),
    Array(Vec<Value>),
    /// A table (`[autogenerate]`) or an inline table (`{ command = [...] }`),
    /// its entries with their lines. Their keys are the reader's to check.
    Table(Vec<Entry>),
    /// A date... kept only to name it in a type error, by the catalog id
    /// of its name.
    Other(&'static str),
}

impl Value {
    pub fn type_name(&self) -> String {
        match self {
            Value::String(_) => crate::tr!("config-type-string"),
            Value::Integer(_) => crate::tr!("config-type-integer"),
            Value::Float(_) => crate::tr!("config-type-float"),
            Value::Boolean(_) => crate::tr!("config-type-boolean"),
            Value::Array(_) => crate::tr!("config-type-array"),
            Value::Table(_) => crate::tr!("config-type-table"),
            Value::Other(id) => crate::i18n::message(id, &[]),
        }
    }
}

/// One `key = value` and the line it is on.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub value: Value,
    pub line: usize,
}

/// A `[env.NAME]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct EnvTable {
    pub name: String,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConfigFile {
    pub entries: Vec<Entry>,
    pub envs: Vec<EnvTable>,
}

/// Parses and checks the shape of a configuration file's text.
pub fn parse(path: &Path, text: &str) -> Result<ConfigFile, ConfigError> {
    let doc = ImDocument::parse(text).map_err(|e| ConfigError::Syntax {
        path: path.to_path_buf(),
        line: e.span().map_or(1, |span| line_of(text, span.start)),
        // toml_edit words its messages over several lines; one line reads
        // better after "file line N:".
        message: e.message().trim().replace('\n', "; "),
    })?;
    let lines = |key: &toml_edit::Key, item: &Item| {
        key.span()
            .or_else(|| item.span())
            .map_or(1, |span| line_of(text, span.start))
    };

    let mut file = ConfigFile::default();
    for (key, item) in doc.as_table().iter() {
        let (key_repr, _) = doc
            .as_table()
            .get_key_value(key)
            .expect("the key was just iterated");
        let line = lines(key_repr, item);
        if key == ENV_TABLE {
            let Some(envs) = item.as_table_like() else {
                return Err(invalid(
                    path,
                    line,
                    &crate::tr!("config-env-not-table"),
                ));
            };
            for (name, env_item) in envs.iter() {
                let (name_repr, _) = envs.get_key_value(name).expect("just iterated");
                let env_line = lines(name_repr, env_item);
                let Some(table) = env_item.as_table_like() else {
                    return Err(invalid(
                        path,
                        env_line,
                        &crate::tr!("config-env-entry-not-table", name = name),
                    ));
                };
                file.envs.push(EnvTable {
                    name: name.to_string(),
                    entries: entries(path, text, table, false)?,
                });
            }
            continue;
        }
        check_key(path, key, line, true)?;
        file.entries.push(Entry {
            key: key.to_string(),
            value: value_of(text, item),
            line,
        });
    }
    Ok(file)
}

fn entries(
    path: &Path,
    text: &str,
    table: &dyn TableLike,
    top_level: bool,
) -> Result<Vec<Entry>, ConfigError> {
    let mut out = Vec::new();
    for (key, item) in table.iter() {
        let (key_repr, _) = table.get_key_value(key).expect("just iterated");
        let line = key_repr
            .span()
            .or_else(|| item.span())
            .map_or(1, |span| line_of(text, span.start));
        check_key(path, key, line, top_level)?;
        out.push(Entry {
            key: key.to_string(),
            value: value_of(text, item),
            line,
        });
    }
    Ok(out)
}

fn check_key(path: &Path, key: &str, line: usize, top_level: bool) -> Result<(), ConfigError> {
    if KNOWN_KEYS.contains(&key) {
        return Ok(());
    }
    let candidates = KNOWN_KEYS
        .iter()
        .copied()
        .chain(top_level.then_some(ENV_TABLE));
    Err(ConfigError::UnknownKey {
        path: path.to_path_buf(),
        line,
        key: key.to_string(),
        suggestion: nearest(key, candidates),
    })
}

/// The candidate closest to `key`, when it is close enough to be a typo.
pub(crate) fn nearest<'a>(key: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let key_lower = key.to_lowercase();
    candidates
        .map(|c| (strsim::damerau_levenshtein(&key_lower, c), c))
        .filter(|(distance, c)| *distance <= (c.len() / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c.to_string())
}

fn value_of(text: &str, item: &Item) -> Value {
    match item {
        Item::Value(value) => convert(text, value),
        Item::Table(table) => Value::Table(table_entries(text, table)),
        Item::ArrayOfTables(_) => Value::Other("config-type-array-of-tables"),
        Item::None => Value::Other("config-type-nothing"),
    }
}

/// A table's entries, unchecked, each with its line.
fn table_entries(text: &str, table: &dyn TableLike) -> Vec<Entry> {
    table
        .iter()
        .map(|(key, item)| {
            let (key_repr, _) = table.get_key_value(key).expect("just iterated");
            Entry {
                key: key.to_string(),
                value: value_of(text, item),
                line: key_repr
                    .span()
                    .or_else(|| item.span())
                    .map_or(1, |span| line_of(text, span.start)),
            }
        })
        .collect()
}

fn convert(text: &str, value: &toml_edit::Value) -> Value {
    use toml_edit::Value as V;
    match value {
        V::String(s) => Value::String(s.value().clone()),
        V::Integer(i) => Value::Integer(*i.value()),
        V::Float(f) => Value::Float(*f.value()),
        V::Boolean(b) => Value::Boolean(*b.value()),
        V::Array(items) => Value::Array(items.iter().map(|v| convert(text, v)).collect()),
        V::Datetime(_) => Value::Other("config-type-date"),
        V::InlineTable(table) => Value::Table(table_entries(text, table)),
    }
}

fn invalid(path: &Path, line: usize, message: &str) -> ConfigError {
    ConfigError::Invalid {
        path: path.to_path_buf(),
        line,
        message: message.to_string(),
    }
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    1 + text.as_bytes()[..offset]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<ConfigFile, ConfigError> {
        parse(Path::new("retort.toml"), text)
    }

    #[test]
    fn keys_lines_and_env_tables() {
        let file = parse_str(
            "script_location = \"m\"\n\nurl = \"x\"\n[env.staging]\nurl = \"y\"\nwait_timeout = 5\n",
        )
        .unwrap();
        assert_eq!(file.entries.len(), 2);
        assert_eq!(file.entries[1].key, "url");
        assert_eq!(file.entries[1].line, 3);
        assert_eq!(file.envs.len(), 1);
        assert_eq!(file.envs[0].name, "staging");
        assert_eq!(file.envs[0].entries[1].value, Value::Integer(5));
        assert_eq!(file.envs[0].entries[1].line, 6);
    }

    #[test]
    fn unknown_key_suggests_nearest() {
        let err = parse_str("scrip_location = \"m\"\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "unknown key `scrip_location` in retort.toml line 1; did you mean `script_location`?"
        );
        let err = parse_str("url = \"x\"\n[env.a]\nlog_tabel = \"t\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 3; did you mean `log_table`?"), "{err}");
        let err = parse_str("zzzzzz = 1\n").unwrap_err().to_string();
        assert!(err.contains("known keys:"), "{err}");
    }

    #[test]
    fn syntax_error_names_line() {
        let err = parse_str("url = \"x\"\nscript_location = \n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("retort.toml line 2: "), "{err}");
    }
}
