//! A project: its configuration, its migration files and their revision
//! graph, loaded together. This is what an application embedding retort,
//! and every command, starts from.

use crate::config::{Config, ConfigOptions};
use crate::db::version_table::VersionTable;
use crate::offline::{self, OfflineOptions};
use crate::revision::{Plan, RevisionMap};
use crate::script::{Script, ScriptDirectory};
use crate::url::Dialect;
use crate::{Error, Result};
use std::collections::HashMap;

pub struct Project {
    pub config: Config,
    pub scripts: ScriptDirectory,
    map: RevisionMap,
    by_id: HashMap<String, usize>,
}

impl Project {
    /// Reads the configuration, every migration file, and builds the graph.
    pub fn open(options: &ConfigOptions) -> Result<Project> {
        let config = Config::load(options)?;
        Project::from_config(config)
    }

    pub fn from_config(config: Config) -> Result<Project> {
        let scripts = ScriptDirectory::load(&config)?;
        let map = RevisionMap::new(scripts.revisions())?;
        let by_id = scripts
            .scripts
            .iter()
            .enumerate()
            .map(|(i, s)| (s.revision.clone(), i))
            .collect();
        Ok(Project {
            config,
            scripts,
            map,
            by_id,
        })
    }

    pub fn map(&self) -> &RevisionMap {
        &self.map
    }

    pub fn script(&self, revision: &str) -> Option<&Script> {
        self.by_id.get(revision).map(|&i| &self.scripts.scripts[i])
    }

    pub fn version_table(&self) -> VersionTable {
        VersionTable::new(
            &self.config.version_table,
            self.config.version_table_schema.as_deref(),
        )
    }

    fn offline_options(&self, dialect: Dialect) -> OfflineOptions {
        OfflineOptions {
            dialect,
            version_table: self.version_table(),
            transaction_per_migration: self.config.transaction_per_migration,
        }
    }

    fn render(&self, plan: &Plan, dialect: Dialect) -> Result<String> {
        offline::render(plan, |id| self.script(id), &self.offline_options(dialect))
    }

    /// `upgrade TARGET --sql`: from base, or from A for `A:B`.
    pub fn upgrade_sql(&self, target: &str, dialect: Dialect) -> Result<String> {
        let (start, destination) = split_range(target)?;
        let start_heads = self.map.offline_start_heads(start.unwrap_or("base"))?;
        let plan = self.map.plan_upgrade(&start_heads, destination)?;
        self.render(&plan, dialect)
    }

    /// `downgrade A:B --sql`: Alembic needs the start, so a range is required.
    pub fn downgrade_sql(&self, target: &str, dialect: Dialect) -> Result<String> {
        let (start, destination) = split_range(target)?;
        let Some(start) = start else {
            return Err(Error::Usage(
                "downgrade with --sql requires <fromrev>:<torev>".to_string(),
            ));
        };
        let start_heads = self.map.offline_start_heads(start)?;
        let plan = self.map.plan_downgrade(&start_heads, destination)?;
        self.render(&plan, dialect)
    }

    /// `stamp REV... --sql`: every `A:B` must share one start.
    pub fn stamp_sql(&self, revisions: &[String], purge: bool, dialect: Dialect) -> Result<String> {
        let mut start: Option<&str> = None;
        let mut destinations = Vec::new();
        for revision in revisions {
            let (from, to) = split_range(revision)?;
            if let Some(from) = from {
                match start {
                    None => start = Some(from),
                    Some(existing) if existing != from => {
                        return Err(Error::Usage(
                            "Stamp operation with --sql only supports a single starting revision at a time"
                                .to_string(),
                        ))
                    }
                    Some(_) => {}
                }
            }
            destinations.push(to.to_string());
        }
        if purge {
            return Err(Error::Usage("Can't use --purge with --sql mode".to_string()));
        }
        let start_heads = self.map.offline_start_heads(start.unwrap_or("base"))?;
        let plan = self.map.plan_stamp(&start_heads, &destinations, false)?;
        self.render(&plan, dialect)
    }

    /// `ensure_version --sql`.
    pub fn ensure_version_sql(&self, dialect: Dialect) -> String {
        offline::render_ensure_version(&self.offline_options(dialect))
    }
}

/// Splits Alembic's `START:END` (either side may be empty); a plain
/// revision has no start.
pub fn split_range(text: &str) -> Result<(Option<&str>, &str)> {
    let mut parts = text.split(':');
    let first = parts.next().unwrap_or_default();
    match (parts.next(), parts.next()) {
        (None, _) => Ok((None, first)),
        (Some(second), None) => Ok((Some(first).filter(|s| !s.is_empty()), second)),
        (Some(_), Some(_)) => Err(Error::Usage(format!(
            "invalid revision range '{text}': expected START:END"
        ))),
    }
}
