//! One member of a fleet: a database, or a tenant schema in one.

use crate::url::{DatabaseUrl, PgUrl, SqliteTarget};

/// A database URL, and the tenant schema in it when the fleet is one of
/// schemas: then the version table lives in that schema and the
/// migrations run with only it on `search_path`, so one history serves
/// every tenant.
#[derive(Clone, PartialEq, Eq)]
pub struct FleetTarget {
    pub url: DatabaseUrl,
    pub schema: Option<String>,
}

impl FleetTarget {
    pub fn new(url: DatabaseUrl, schema: Option<String>) -> FleetTarget {
        FleetTarget { url, schema }
    }

    /// How the target is named in messages and records: the URL with its
    /// password masked, and the schema.
    pub fn label(&self) -> String {
        match &self.schema {
            Some(schema) => crate::tr!(
                "fleet-target-in-schema",
                url = self.url.redacted(),
                schema = schema
            ),
            None => self.url.redacted(),
        }
    }

    /// The URL to connect with: for a schema, the server is told to put
    /// only that schema on `search_path` from the first statement on (the
    /// connection's `options`), as Alembic's multi-tenant recipe does, so
    /// an unqualified `CREATE TABLE` lands in the tenant's schema and never
    /// in a shared one.
    pub fn connect_url(&self) -> DatabaseUrl {
        match (&self.url, &self.schema) {
            (DatabaseUrl::Postgres(pg), Some(schema)) => {
                DatabaseUrl::Postgres(with_search_path(pg, schema))
            }
            _ => self.url.clone(),
        }
    }

    /// What the per-server connection limit counts by: the PostgreSQL
    /// hosts and ports (the database does not matter), or the SQLite file.
    pub fn server_key(&self) -> String {
        match &self.url {
            DatabaseUrl::Postgres(pg) => {
                let ports: Vec<String> = pg.ports.iter().map(u16::to_string).collect();
                let host_param = pg
                    .params
                    .iter()
                    .filter(|(k, _)| matches!(k.as_str(), "host" | "hostaddr" | "port"))
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>();
                format!(
                    "pg:{}:{}:{}",
                    pg.hosts.join(","),
                    ports.join(","),
                    host_param.join(",")
                )
            }
            DatabaseUrl::Sqlite(SqliteTarget::File(path)) => format!("sqlite:{}", path.display()),
            DatabaseUrl::Sqlite(SqliteTarget::Memory) => "sqlite:memory".to_string(),
        }
    }
}

impl std::fmt::Debug for FleetTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

/// `pg` with `-c search_path="schema"` added to its `options`.
fn with_search_path(pg: &PgUrl, schema: &str) -> PgUrl {
    let setting = format!(
        "-c search_path={}",
        escape_option(&format!("\"{}\"", schema.replace('"', "\"\"")))
    );
    let mut pg = pg.clone();
    match pg.params.iter_mut().find(|(k, _)| k == "options") {
        Some((_, options)) => {
            options.push(' ');
            options.push_str(&setting);
        }
        None => pg.params.push(("options".to_string(), setting)),
    }
    pg
}

/// A value inside libpq's `options`, which splits on spaces: a space or
/// backslash is escaped with a backslash.
fn escape_option(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for ch in value.chars() {
        if ch == '\\' || ch.is_whitespace() {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(url: &str, schema: Option<&str>) -> FleetTarget {
        FleetTarget::new(DatabaseUrl::parse(url).unwrap(), schema.map(str::to_string))
    }

    #[test]
    fn labels_never_show_the_password() {
        let t = target("postgresql://u:hunter2@h:5433/db", Some("tenant_1"));
        assert_eq!(t.label(), "postgresql://u:***@h:5433/db schema tenant_1");
        assert!(!format!("{t:?}").contains("hunter2"));
    }

    #[test]
    fn a_schema_is_put_on_search_path_with_the_options_kept() {
        let t = target("postgresql://h/db?options=-c%20work_mem%3D4MB", Some("a b\"c"));
        let DatabaseUrl::Postgres(pg) = t.connect_url() else {
            panic!("postgres")
        };
        let options = &pg.params.iter().find(|(k, _)| k == "options").unwrap().1;
        assert_eq!(options, "-c work_mem=4MB -c search_path=\"a\\ b\"\"c\"");
        let plain = target("postgresql://h/db", None);
        assert_eq!(plain.connect_url(), plain.url);
    }

    #[test]
    fn servers_are_told_apart_by_host_and_port_only() {
        let a = target("postgresql://h:5432/one", None);
        let b = target("postgresql://h:5432/two", Some("s"));
        let c = target("postgresql://h:5433/one", None);
        assert_eq!(a.server_key(), b.server_key());
        assert_ne!(a.server_key(), c.server_key());
    }
}
