//! How autogenerate reaches databases and renders SQL, as the project's
//! configuration and the command line set it.

use super::introspect_options::IntrospectOptions;
use super::target::TargetSettings;
#[cfg(feature = "postgres")]
use super::postgres::cache::SchemaCache;
use crate::db::ConnectOptions;
use crate::url::DatabaseUrl;
use crate::Result;

/// How autogenerate reaches databases and renders SQL.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub connect: ConnectOptions,
    /// The PostgreSQL server scratch databases are made on; the project's
    /// own server when None.
    pub dev_url: Option<DatabaseUrl>,
    /// Loaded target schemas kept from earlier runs (PostgreSQL).
    #[cfg(feature = "postgres")]
    pub cache: Option<SchemaCache>,
    /// What introspection leaves out: the migration tool's own tables.
    pub introspect: IntrospectOptions,
    /// Build and drop indexes `CONCURRENTLY` (PostgreSQL).
    pub concurrent_indexes: bool,
    /// The Python, directory and deadline for rendering the target.
    pub target: TargetSettings,
}

impl Settings {
    /// The settings the project's configuration gives: its dev URL, its
    /// version and log tables left out, its choice of concurrent indexes.
    pub fn for_project(config: &crate::config::Config, connect: ConnectOptions) -> Result<Self> {
        Ok(Settings {
            connect,
            dev_url: config
                .dev_url
                .as_deref()
                .map(DatabaseUrl::parse)
                .transpose()?,
            #[cfg(feature = "postgres")]
            cache: None,
            introspect: IntrospectOptions {
                scope: config.scope.clone(),
                ..IntrospectOptions::for_tool_tables(&config.version_table, &config.log_table)
            },
            concurrent_indexes: config.autogenerate_concurrent_indexes,
            target: TargetSettings::for_project(config),
        })
    }
}
