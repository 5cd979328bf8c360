//! The keys retort.toml knows.

/// Every key a table (the top level or `[env.NAME]`) may hold.
pub const KNOWN_KEYS: &[&str] = &[
    "script_location",
    "url",
    "version_table",
    "version_table_schema",
    "target_schema",
    "transaction_per_migration",
    "file_template",
    "version_locations",
    "log_table",
    "wait_timeout",
    "lock_timeout",
    "migration_lock_timeout",
    "migration_statement_timeout",
    "migration_lock_retries",
    "autogenerate_concurrent_indexes",
    "dev_url",
    "truncate_slug_length",
    "python",
    "target_timeout",
    "autogenerate",
    "lint",
];
