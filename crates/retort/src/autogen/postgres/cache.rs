//! A cache of loaded target schemas.
//!
//! Loading the target schema into a scratch database is nearly all of what
//! `check` and autogenerate cost on a large schema: PostgreSQL runs every
//! statement (about 3 s for 1,000 tables on two cores). What comes out is
//! a function of what goes in, so it is kept, keyed by everything the
//! result depends on:
//!
//! - the target's sources, by name and rendered SQL, and what introspection
//!   leaves out;
//! - the server: its version, the extensions it offers and their default
//!   versions, its roles (policies name them) and their settings, the
//!   session settings that change how values are written back (search_path,
//!   TimeZone, DateStyle, ...), and template1's encoding and locale, which
//!   a new database inherits;
//! - the connection's `options` (`-c search_path=...` moves unqualified
//!   objects);
//! - this build of retort: its version, and the source of introspection
//!   and of the model.
//!
//! Anything else changing is a new key, and the load runs again. Entries are
//! JSON files in the cache directory; the newest few are kept.

use super::source::{read_schema, Source};
use crate::autogen::postgres::model::Schema;
use crate::autogen::{IntrospectOptions, RenderedTarget};
use crate::db::postgres::PgDatabase;
use crate::db::Database;
use crate::Result;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Bumped whenever what introspection produces changes in a way the
/// sources below do not show.
const MODEL_FORMAT: u32 = 1;

/// The code that turns a database into the model: any change to it makes
/// every earlier entry stale, without anyone having to remember a bump.
const INTROSPECTION_SOURCES: [&str; 4] = [
    include_str!("introspect.rs"),
    include_str!("../introspect_options.rs"),
    include_str!("model.rs"),
    include_str!("scratch.rs"),
];

/// How many entries are kept.
const KEEP: usize = 32;

/// Where cached target schemas live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaCache {
    dir: PathBuf,
}

impl SchemaCache {
    pub fn at(dir: impl Into<PathBuf>) -> SchemaCache {
        SchemaCache { dir: dir.into() }
    }

    /// The cache from the environment: `RETORT_CACHE_DIR` (`off` turns it
    /// off), else `$XDG_CACHE_HOME/retort`, else `~/.cache/retort`.
    pub fn from_env(lookup: impl Fn(&str) -> Option<String>) -> Option<SchemaCache> {
        let set = |name: &str| lookup(name).filter(|v| !v.is_empty());
        if let Some(dir) = set("RETORT_CACHE_DIR") {
            return (dir != "off").then(|| SchemaCache::at(dir));
        }
        set("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| set("HOME").map(|home| Path::new(&home).join(".cache")))
            .map(|base| SchemaCache::at(base.join("retort")))
    }

    /// The key of loading `files` on the server `admin` is connected to.
    pub fn key(
        &self,
        admin: &mut PgDatabase,
        admin_options: &str,
        files: &[RenderedTarget],
        options: &IntrospectOptions,
    ) -> Result<String> {
        let fingerprint = admin.query_text(
            "SELECT current_setting('server_version_num'), \
                    (SELECT string_agg(name || ' ' || coalesce(default_version, ''), ',' \
                                       ORDER BY name) FROM pg_available_extensions), \
                    (SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles), \
                    (SELECT datcollate || ' ' || datctype || ' ' || encoding \
                     FROM pg_database WHERE datname = 'template1'), \
                    (SELECT string_agg(coalesce(setrole::text, '') || array_to_string(setconfig, ','), \
                                       ';' ORDER BY setrole) \
                     FROM pg_db_role_setting WHERE setdatabase = 0), \
                    (SELECT string_agg(name || '=' || setting, ',' ORDER BY name) FROM pg_settings \
                     WHERE name IN ('search_path', 'TimeZone', 'DateStyle', 'IntervalStyle', \
                                    'default_text_search_config', 'lc_monetary', 'lc_numeric'))",
            &[],
        )?;
        let mut hash = Sha256::new();
        let mut feed = |part: &[u8]| {
            hash.update((part.len() as u64).to_le_bytes());
            hash.update(part);
        };
        feed(format!("retort {} model {MODEL_FORMAT}", env!("CARGO_PKG_VERSION")).as_bytes());
        for source in INTROSPECTION_SOURCES {
            feed(source.as_bytes());
        }
        for value in fingerprint.iter().flatten() {
            feed(value.as_deref().unwrap_or("").as_bytes());
        }
        feed(admin_options.as_bytes());
        for table in &options.exclude_tables {
            feed(table.as_bytes());
        }
        for file in files {
            feed(file.source.describe().as_bytes());
            feed(file.sql.as_bytes());
        }
        Ok(hex::encode(hash.finalize()))
    }

    pub fn get(&self, key: &str) -> Option<Schema> {
        let text = std::fs::read(self.dir.join(format!("{key}.json"))).ok()?;
        serde_json::from_slice(&text).ok()
    }

    /// Stores `schema` under `key`. A cache that cannot be written is only
    /// a slower next run, so failures are ignored.
    pub fn put(&self, key: &str, schema: &Schema) {
        let Ok(json) = serde_json::to_vec(schema) else {
            return;
        };
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        // Written aside and renamed, so that a reader never sees half.
        let partial = self
            .dir
            .join(format!("{key}.{}.partial", std::process::id()));
        if std::fs::write(&partial, json).is_ok() {
            let _ = std::fs::rename(&partial, self.dir.join(format!("{key}.json")));
        }
        self.prune();
    }

    /// Keeps the newest entries.
    fn prune(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
            .collect();
        files.sort();
        let excess = files.len().saturating_sub(KEEP);
        for (_, path) in files.into_iter().take(excess) {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Reads schema files through the cache: from it when the key is there,
/// else loaded into a scratch database, introspected, and kept.
pub fn read_files_cached(
    source: &Source,
    options: &IntrospectOptions,
    cache: &SchemaCache,
) -> Result<Schema> {
    let Source::Files { files, server } = source else {
        return read_schema(source, options);
    };
    let mut admin = PgDatabase::connect(server)?;
    // A run served from the cache makes no scratch database, but clears
    // up after killed runs all the same.
    super::scratch::drop_leftovers(&mut admin);
    let key = cache.key(
        &mut admin,
        server.options.as_deref().unwrap_or(""),
        files,
        options,
    )?;
    if let Some(schema) = cache.get(&key) {
        return Ok(schema);
    }
    let schema = read_schema(source, options)?;
    cache.put(&key, &schema);
    Ok(schema)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_directory_comes_from_the_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            SchemaCache::from_env(env(&[("RETORT_CACHE_DIR", "/c"), ("HOME", "/h")])),
            Some(SchemaCache::at("/c"))
        );
        assert_eq!(
            SchemaCache::from_env(env(&[("RETORT_CACHE_DIR", "off")])),
            None
        );
        assert_eq!(
            SchemaCache::from_env(env(&[("XDG_CACHE_HOME", "/x"), ("HOME", "/h")])),
            Some(SchemaCache::at("/x/retort"))
        );
        assert_eq!(
            SchemaCache::from_env(env(&[("HOME", "/h")])),
            Some(SchemaCache::at("/h/.cache/retort"))
        );
        assert_eq!(SchemaCache::from_env(env(&[])), None);
    }

    #[test]
    fn entries_round_trip_and_the_newest_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let cache = SchemaCache::at(dir.path());
        let mut schema = Schema::default();
        schema.schemas.insert("app".into());
        cache.put("k0", &schema);
        assert_eq!(cache.get("k0"), Some(schema.clone()));
        assert_eq!(cache.get("missing"), None);
        for i in 1..=KEEP + 3 {
            cache.put(&format!("k{i}"), &schema);
        }
        let kept = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(kept, KEEP);
    }
}
