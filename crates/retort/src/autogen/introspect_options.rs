//! What introspection leaves out, on every backend.

/// What introspection leaves out besides the system's own objects.
#[derive(Debug, Clone, Default)]
pub struct IntrospectOptions {
    /// Tables that belong to the migration tool (the version table, the
    /// applied-migration log), by unqualified name, in any schema.
    pub exclude_tables: Vec<String>,
}

impl IntrospectOptions {
    /// Leaves out retort's and Alembic's own tables.
    pub fn for_tool_tables(version_table: &str, log_table: &str) -> Self {
        let mut exclude_tables = vec![version_table.to_string(), log_table.to_string()];
        if version_table != "alembic_version" {
            exclude_tables.push("alembic_version".to_string());
        }
        IntrospectOptions { exclude_tables }
    }
}
