//! Settings from retort.toml's `[lint]` (rule keys checked against the
//! catalogue, so a typo is an error naming the setting) and the project.

use super::engine::find_doc;
use super::rule::Level;
use super::rules::ALL;
use super::settings::{Settings, VersionSource, DEFAULT_POSTGRES_VERSION};
use crate::config::{Config, ConfigError};
use crate::url::Dialect;

/// The settings for linting `config`'s project. `server_version` is the
/// connected server's major version, which wins over the configured one.
pub fn settings(
    config: &Config,
    dialect: Dialect,
    server_version: Option<u32>,
) -> Result<Settings, ConfigError> {
    let lint = &config.lint;
    let mut levels = Vec::new();
    for rule in &lint.rules {
        let Some(doc) = find_doc(ALL, &rule.rule) else {
            let known: Vec<String> = ALL
                .iter()
                .map(|r| format!("{} {}", r.doc.code, r.doc.name))
                .collect();
            let near = crate::config::file::nearest(
                &rule.rule,
                ALL.iter().flat_map(|r| [r.doc.code, r.doc.name]),
            );
            let known = known.join(", ");
            let message = match near {
                Some(near) => crate::tr!("lint-config-unknown-rule-near", near = near, rules = known),
                None => crate::tr!("lint-config-unknown-rule", rules = known),
            };
            return Err(lint.rule_error(rule, &message));
        };
        let level = Level::parse(&rule.level).unwrap_or(doc.level);
        levels.push((doc.code.to_string(), level));
    }
    let (postgres_version, version_source) = match (server_version, lint.postgres_version) {
        (Some(v), _) => (v, VersionSource::Server),
        (None, Some(v)) => (v, VersionSource::Config),
        (None, None) => (DEFAULT_POSTGRES_VERSION, VersionSource::Default),
    };
    Ok(Settings {
        postgres_version,
        version_source,
        sqlite: dialect == Dialect::Sqlite,
        levels,
        lock_timeout_configured: config.migration_lock_timeout.is_some(),
        transaction_per_migration: config.transaction_per_migration,
        one_run: false,
    })
}
