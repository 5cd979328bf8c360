//! `[autogenerate]`: which objects autogenerate and `check` own. Objects
//! outside are never dropped, altered or reported.
//!
//! ```toml
//! [autogenerate]
//! schemas = ["public", "billing"]   # default: the target's schemas and public
//! exclude_schemas = ["backend"]
//! include_tables = ["b_*"]          # default: every table
//! exclude_tables = ["celery_*", "audit.*"]
//! ```
//!
//! Patterns are globs (`*`, `?`, `[abc]`); one with a dot matches
//! `schema.name`, one without matches the name in any schema.

/// Include and exclude patterns for one kind of object.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Patterns {
    /// Empty: every object of the kind.
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

/// The `[autogenerate]` table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopeConfig {
    /// The schemas looked at; None: those the target defines, and `public`.
    pub schemas: Option<Vec<String>>,
    pub exclude_schemas: Vec<String>,
    pub tables: Patterns,
    pub views: Patterns,
    /// Enums, domains and composite types.
    pub types: Patterns,
    pub sequences: Patterns,
    /// Functions and procedures.
    pub functions: Patterns,
    pub extensions: Patterns,
}

/// The kinds that take `include_KIND` / `exclude_KIND`.
pub const KINDS: [&str; 6] = [
    "tables",
    "views",
    "types",
    "sequences",
    "functions",
    "extensions",
];

/// Every key `[autogenerate]` may hold.
pub fn known_keys() -> Vec<String> {
    let mut keys = vec!["schemas".to_string(), "exclude_schemas".to_string()];
    for kind in KINDS {
        keys.push(format!("include_{kind}"));
        keys.push(format!("exclude_{kind}"));
    }
    keys
}

impl ScopeConfig {
    /// The patterns of `kind` (one of [`KINDS`]).
    pub fn patterns_mut(&mut self, kind: &str) -> &mut Patterns {
        match kind {
            "tables" => &mut self.tables,
            "views" => &mut self.views,
            "types" => &mut self.types,
            "sequences" => &mut self.sequences,
            "functions" => &mut self.functions,
            _ => &mut self.extensions,
        }
    }
}

/// Why `pattern` is not a glob, if it is not one.
pub fn check_pattern(pattern: &str) -> Result<(), String> {
    glob::Pattern::new(pattern)
        .map(|_| ())
        .map_err(|e| crate::tr!("config-bad-glob", pattern = pattern, reason = e.msg))
}
