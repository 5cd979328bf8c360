//! Where a fleet's targets come from: lines of `URL [SCHEMA]` (a
//! `--targets` file, `targets_file`, `targets` in retort.toml), or the rows
//! of a query on a control database.

use super::target::FleetTarget;
use crate::config::{FleetConfig, QueryGives};
use crate::db::ConnectOptions;
use crate::url::DatabaseUrl;
use crate::{Error, Result};
use std::collections::HashSet;
use std::path::Path;

/// Reads a targets file: one `URL` or `URL SCHEMA` a line; blank lines
/// and everything after a `#` are ignored. A mistake names the file and line.
pub fn read_targets_file(path: &Path) -> Result<Vec<FleetTarget>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::Usage(crate::tr!(
            "fleet-cannot-read-targets-file",
            path = path,
            reason = e.to_string()
        ))
    })?;
    parse_lines(&text, &path.display().to_string())
}

/// Parses `URL [SCHEMA]` lines; `origin` names where they came from in errors.
pub fn parse_lines(text: &str, origin: &str) -> Result<Vec<FleetTarget>> {
    let mut targets = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let content = line.split('#').next().unwrap_or("").trim();
        if content.is_empty() {
            continue;
        }
        let target = parse_target(content).map_err(|why| {
            Error::Usage(crate::tr!(
                "fleet-line-problem",
                origin = origin,
                line = index + 1,
                problem = why
            ))
        })?;
        targets.push(target);
    }
    Ok(targets)
}

/// One `URL` or `URL SCHEMA`.
pub fn parse_target(text: &str) -> std::result::Result<FleetTarget, String> {
    let mut words = text.split_whitespace();
    let url_text = words
        .next()
        .ok_or_else(|| crate::tr!("fleet-names-no-database"))?;
    let schema = words.next().map(str::to_string);
    if words.next().is_some() {
        return Err(crate::tr!(
            "fleet-too-many-words",
            text = crate::url::redact(text)
        ));
    }
    let url = DatabaseUrl::parse(url_text).map_err(|e| e.to_string())?;
    if schema.is_some() && !matches!(url, DatabaseUrl::Postgres(_)) {
        return Err(crate::tr!("fleet-schema-only-postgres", url = url.redacted()));
    }
    Ok(FleetTarget::new(url, schema))
}

/// Every target `fleet` lists, in order, each once: `targets`, then
/// `targets_file`, then the rows of `query` (run on `query_url`, else on
/// `project_url`).
pub fn list_fleet(
    fleet: &FleetConfig,
    project_url: Option<&str>,
    connect: &ConnectOptions,
) -> Result<Vec<FleetTarget>> {
    let table = fleet.table_name();
    let mut targets = Vec::new();
    for (i, text) in fleet.targets.iter().enumerate() {
        let target = parse_target(text).map_err(|why| {
            Error::Usage(crate::tr!(
                "fleet-targets-item",
                table = &table,
                item = i + 1,
                problem = why
            ))
        })?;
        targets.push(target);
    }
    if let Some(file) = &fleet.targets_file {
        targets.extend(read_targets_file(file)?);
    }
    if let Some(query) = &fleet.query {
        let control_text = fleet.query_url.as_deref().or(project_url).ok_or_else(|| {
            Error::Usage(crate::tr!("fleet-query-no-database", table = &table))
        })?;
        let control = DatabaseUrl::parse(control_text)?;
        targets.extend(query_targets(&control, query, fleet.query_gives, connect).map_err(
            |e| {
                Error::Usage(crate::tr!(
                    "fleet-query-failed",
                    table = &table,
                    url = control.redacted(),
                    error = e.to_string()
                ))
            },
        )?);
    }
    Ok(dedupe(targets))
}

/// The targets a query's rows name, as `gives` says.
fn query_targets(
    control: &DatabaseUrl,
    query: &str,
    gives: QueryGives,
    connect: &ConnectOptions,
) -> Result<Vec<FleetTarget>> {
    let mut db = crate::db::connect(control, connect)?;
    let rows = db.query_text(query, &[])?;
    let mut targets = Vec::with_capacity(rows.len());
    for (i, row) in rows.into_iter().enumerate() {
        let Some(Some(first)) = row.first().cloned() else {
            return Err(Error::Usage(crate::tr!("fleet-row-no-value", row = i + 1)));
        };
        let second = row.get(1).cloned().flatten();
        let target = match gives {
            QueryGives::Schemas => FleetTarget::new(control.clone(), Some(first)),
            QueryGives::Databases if first.contains("://") => parse_target(&first)
                .map(|t| FleetTarget::new(t.url, second.or(t.schema)))
                .map_err(|why| {
                    Error::Usage(crate::tr!("fleet-row-problem", row = i + 1, problem = why))
                })?,
            QueryGives::Databases => match control {
                DatabaseUrl::Postgres(pg) => {
                    let mut pg = pg.clone();
                    pg.dbname = Some(first);
                    FleetTarget::new(DatabaseUrl::Postgres(pg), second)
                }
                DatabaseUrl::Sqlite(_) => {
                    return Err(Error::Usage(crate::tr!(
                        "fleet-row-sqlite-needs-urls",
                        row = i + 1,
                        name = &first
                    )))
                }
            },
        };
        targets.push(target);
    }
    Ok(targets)
}

/// The targets in their first order, each once: a database listed twice
/// would be migrated by two workers at once, the second waiting on the
/// first's lock for nothing.
fn dedupe(targets: Vec<FleetTarget>) -> Vec<FleetTarget> {
    let mut seen = HashSet::new();
    targets
        .into_iter()
        .filter(|t| seen.insert((t.url.redacted(), t.schema.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_comments_and_schemas() {
        let text = "# tenants\npostgresql://h/a\n\n  postgresql://h/b  s1  # the b tenant\nsqlite:///x.db\n";
        let targets = parse_lines(text, "t.txt").unwrap();
        assert_eq!(targets.len(), 3);
        assert_eq!(targets[1].schema.as_deref(), Some("s1"));
        assert_eq!(targets[2].url.redacted(), "sqlite:///x.db");
    }

    #[test]
    fn mistakes_name_the_line_and_never_the_password() {
        let err = parse_lines("postgresql://h/a\nmysql://u:pw@h/b\n", "t.txt")
            .unwrap_err()
            .to_string();
        assert!(err.contains("t.txt line 2"), "{err}");
        assert!(!err.contains("pw@"), "{err}");
        let err = parse_lines("postgresql://u:pw@h/a s extra\n", "t.txt")
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 1") && err.contains("URL SCHEMA"), "{err}");
        assert!(!err.contains(":pw@"), "{err}");
        let err = parse_lines("sqlite:///x.db s\n", "t.txt").unwrap_err().to_string();
        assert!(err.contains("only PostgreSQL"), "{err}");
    }

    #[test]
    fn a_target_listed_twice_is_run_once() {
        let targets = parse_lines("postgresql://h/a\npostgresql://h/a\npostgresql://h/a s\n", "t")
            .unwrap();
        assert_eq!(dedupe(targets).len(), 2);
    }
}
