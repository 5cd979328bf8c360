//! `[fleet]` and `[fleet.NAME]`: the lists of databases (or tenant schemas)
//! one command runs on with `--fleet`. This reads the tables' shape and
//! values; listing the targets (reading the file, running the query) is
//! the `fleet` module's, which may connect.

use super::error::ConfigError;
use super::file::{nearest, Entry, Value};
use std::path::{Path, PathBuf};

/// The keys a fleet table holds (besides `[fleet.NAME]` tables in `[fleet]`).
pub const FLEET_KEYS: &[&str] = &[
    "targets",
    "targets_file",
    "query",
    "query_url",
    "query_gives",
    "jobs",
    "jobs_per_server",
];

/// What the rows of a fleet's `query` name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueryGives {
    /// Database names on the control database's server (the default), or
    /// whole URLs: a row holding `://` is taken as a URL.
    #[default]
    Databases,
    /// Schemas in the control database, one tenant each.
    Schemas,
}

/// One fleet as retort.toml describes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FleetConfig {
    /// None for `[fleet]` itself, `Some("eu")` for `[fleet.eu]`.
    pub name: Option<String>,
    /// Where the table starts, for errors about it.
    pub line: usize,
    /// `targets`: each `URL` or `URL SCHEMA`, `${VAR}` expanded.
    pub targets: Vec<String>,
    /// `targets_file`, relative to retort.toml.
    pub targets_file: Option<PathBuf>,
    /// `query`: SQL whose first column names the targets.
    pub query: Option<String>,
    /// `query_url`: the control database the query runs on (the project's URL when None).
    pub query_url: Option<String>,
    pub query_gives: QueryGives,
    /// `jobs`: targets migrated at once.
    pub jobs: Option<usize>,
    /// `jobs_per_server`: connections at once to one server.
    pub jobs_per_server: Option<usize>,
}

impl FleetConfig {
    /// `[fleet]` or `[fleet.NAME]`, as the file writes it.
    pub fn table_name(&self) -> String {
        match &self.name {
            Some(name) => format!("[fleet.{name}]"),
            None => "[fleet]".to_string(),
        }
    }

    /// Whether the table says where any target comes from.
    pub fn lists_targets(&self) -> bool {
        !self.targets.is_empty() || self.targets_file.is_some() || self.query.is_some()
    }
}

/// Expands `${VAR}` in a value; the error is the message to show.
pub type Expand<'a> = &'a dyn Fn(&str) -> Result<String, String>;

/// Reads `[fleet]` and its `[fleet.NAME]` tables: the default fleet first
/// (when `[fleet]` lists targets itself), then the named ones.
pub fn read(
    path: &Path,
    entry: Option<&Entry>,
    expand: Expand<'_>,
) -> Result<Vec<FleetConfig>, ConfigError> {
    let Some(entry) = entry else {
        return Ok(Vec::new());
    };
    let reader = Reader { path, expand };
    let Value::Table(entries) = &entry.value else {
        let problem = crate::tr!(
            "config-must-be-table",
            key = "fleet",
            found = entry.value.type_name()
        );
        return Err(reader.key_problem(entry.line, "fleet", problem));
    };
    let base_dir = path.parent().unwrap_or(Path::new(""));
    let mut fleets = Vec::new();
    let own: Vec<&Entry> = entries
        .iter()
        .filter(|e| !matches!(e.value, Value::Table(_)))
        .collect();
    // `[fleet]` may hold only named fleets.
    if !own.is_empty() {
        fleets.push(reader.fleet(None, entry.line, &own, base_dir)?);
    }
    for named in entries.iter() {
        if let Value::Table(inner) = &named.value {
            if FLEET_KEYS.contains(&named.key.as_str()) {
                return Err(reader.key_problem(
                    named.line,
                    &format!("fleet.{}", named.key),
                    crate::tr!("fleet-config-must-not-be-table"),
                ));
            }
            let inner: Vec<&Entry> = inner.iter().collect();
            fleets.push(reader.fleet(Some(&named.key), named.line, &inner, base_dir)?);
        }
    }
    Ok(fleets)
}

struct Reader<'a> {
    path: &'a Path,
    expand: Expand<'a>,
}

impl Reader<'_> {
    fn invalid(&self, line: usize, message: String) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.to_path_buf(),
            line,
            message,
        }
    }

    /// "`fleet.KEY` PROBLEM" on `line`.
    fn key_problem(&self, line: usize, key: &str, problem: String) -> ConfigError {
        self.invalid(
            line,
            crate::tr!("config-key-problem", key = key, problem = problem),
        )
    }

    fn fleet(
        &self,
        name: Option<&str>,
        line: usize,
        entries: &[&Entry],
        base_dir: &Path,
    ) -> Result<FleetConfig, ConfigError> {
        let prefix = match name {
            Some(name) => format!("fleet.{name}."),
            None => "fleet.".to_string(),
        };
        let mut fleet = FleetConfig {
            name: name.map(str::to_string),
            line,
            ..FleetConfig::default()
        };
        for e in entries {
            let key = format!("{prefix}{}", e.key);
            let text = |value: &str| {
                (self.expand)(value).map_err(|why| self.key_problem(e.line, &key, why))
            };
            // What the value is, for "must be ..., not { $found }".
            let found = e.value.type_name();
            let wrong = |problem: String| self.key_problem(e.line, &key, problem);
            match (e.key.as_str(), &e.value) {
                ("targets", Value::Array(items)) => {
                    for item in items {
                        let Value::String(s) = item else {
                            return Err(wrong(crate::tr!("fleet-config-must-be-target-list", found = found)));
                        };
                        fleet.targets.push(text(s)?);
                    }
                }
                ("targets", _) => return Err(wrong(crate::tr!("fleet-config-must-be-target-list", found = found))),
                ("targets_file", Value::String(s)) => {
                    fleet.targets_file = Some(base_dir.join(text(s)?));
                }
                ("query", Value::String(s)) => fleet.query = Some(text(s)?),
                ("query_url", Value::String(s)) => fleet.query_url = Some(text(s)?),
                ("query_gives", Value::String(s)) => {
                    fleet.query_gives = match s.as_str() {
                        "databases" => QueryGives::Databases,
                        "schemas" => QueryGives::Schemas,
                        other => {
                            return Err(self.key_problem(
                                e.line,
                                &key,
                                crate::tr!("fleet-config-query-gives", found = other),
                            ))
                        }
                    }
                }
                ("jobs", Value::Integer(n)) => fleet.jobs = Some(self.count(&key, e.line, *n)?),
                ("jobs_per_server", Value::Integer(n)) => {
                    fleet.jobs_per_server = Some(self.count(&key, e.line, *n)?)
                }
                ("targets_file" | "query" | "query_url" | "query_gives", _) => {
                    return Err(wrong(crate::tr!("config-must-be-string", found = found)))
                }
                ("jobs" | "jobs_per_server", _) => {
                    return Err(wrong(crate::tr!("fleet-config-must-be-whole-number", found = found)))
                }
                (other, _) => {
                    return Err(ConfigError::UnknownKey {
                        path: self.path.to_path_buf(),
                        line: e.line,
                        key: format!("{prefix}{other}"),
                        suggestion: nearest(other, FLEET_KEYS.iter().copied())
                            .map(|k| format!("{prefix}{k}")),
                    })
                }
            }
        }
        if fleet.query.is_none() && fleet.query_url.is_some() {
            return Err(self.invalid(
                line,
                crate::tr!(
                    "fleet-config-query-url-without-query",
                    table = fleet.table_name()
                ),
            ));
        }
        if !fleet.lists_targets() {
            return Err(self.invalid(
                line,
                crate::tr!("fleet-config-no-targets", table = fleet.table_name()),
            ));
        }
        Ok(fleet)
    }

    fn count(&self, key: &str, line: usize, n: i64) -> Result<usize, ConfigError> {
        usize::try_from(n)
            .ok()
            .filter(|n| (1..=1024).contains(n))
            .ok_or_else(|| {
                let problem = crate::tr!("fleet-config-count-range", found = n.to_string());
                self.key_problem(line, key, problem)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Result<Vec<FleetConfig>, ConfigError> {
        let path = Path::new("/p/retort.toml");
        let file = super::super::file::parse(path, text)?;
        let entry = file.entries.iter().find(|e| e.key == "fleet");
        read(path, entry, &|s| Ok(s.to_string()))
    }

    #[test]
    fn default_and_named_fleets() {
        let fleets = read_text(
            "[fleet]\ntargets = [\"postgresql://h/a\", \"postgresql://h/b s1\"]\njobs = 4\n\
             [fleet.eu]\ntargets_file = \"eu.txt\"\n\
             [fleet.tenants]\nquery = \"SELECT nspname FROM pg_namespace\"\nquery_gives = \"schemas\"\n",
        )
        .unwrap();
        assert_eq!(fleets.len(), 3);
        assert_eq!(fleets[0].name, None);
        assert_eq!(fleets[0].targets.len(), 2);
        assert_eq!(fleets[0].jobs, Some(4));
        assert_eq!(fleets[1].name.as_deref(), Some("eu"));
        assert_eq!(
            fleets[1].targets_file.as_deref(),
            Some(Path::new("/p/eu.txt"))
        );
        assert_eq!(fleets[2].query_gives, QueryGives::Schemas);
    }

    #[test]
    fn only_named_fleets() {
        let fleets = read_text("[fleet.a]\ntargets = [\"sqlite:///x.db\"]\n").unwrap();
        assert_eq!(fleets.len(), 1);
        assert_eq!(fleets[0].name.as_deref(), Some("a"));
    }

    #[test]
    fn mistakes_are_named_with_their_line() {
        let err = read_text("[fleet]\ntarget = [\"x\"]\n").unwrap_err().to_string();
        assert!(err.contains("`fleet.target`"), "{err}");
        assert!(err.contains("did you mean `fleet.targets`"), "{err}");
        let err = read_text("[fleet.eu]\njobs = 0\n").unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
        assert!(err.contains("`fleet.eu.jobs` must be from 1 to 1024"), "{err}");
        let err = read_text("[fleet.eu]\njobs = 2\n").unwrap_err().to_string();
        assert!(err.contains("[fleet.eu] lists no targets"), "{err}");
        let err = read_text("[fleet]\nquery_gives = \"rows\"\nquery = \"x\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"databases\" or \"schemas\""), "{err}");
        let err = read_text("fleet = 3\n").unwrap_err().to_string();
        assert!(err.contains("must be a table"), "{err}");
    }
}
