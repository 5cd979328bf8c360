//! What introspection leaves out, on every backend.

/// What introspection leaves out besides the system's own objects, and
/// what the comparison then leaves out of both sides.
#[derive(Debug, Clone, Default)]
pub struct IntrospectOptions {
    /// Tables that belong to the migration tool (the version table, the
    /// applied-migration log), by unqualified name, in any schema: never
    /// read, whatever the scope says.
    pub exclude_tables: Vec<String>,
    /// `[autogenerate]`: the schemas and objects autogenerate owns. Applied
    /// after reading (see [`super::scope`]), as its default depends on the
    /// target.
    pub scope: crate::config::ScopeConfig,
}

impl IntrospectOptions {
    /// Leaves out retort's and Alembic's own tables.
    pub fn for_tool_tables(version_table: &str, log_table: &str) -> Self {
        let mut exclude_tables = vec![version_table.to_string(), log_table.to_string()];
        if version_table != "alembic_version" {
            exclude_tables.push("alembic_version".to_string());
        }
        IntrospectOptions {
            exclude_tables,
            scope: Default::default(),
        }
    }
}
