//! `version_table` and `log_table`: names checked when the configuration is
//! read, so that a name PostgreSQL cannot hold as written fails at once,
//! naming the setting, rather than in the middle of a run, blamed on a
//! migration.

pub const DEFAULT_VERSION_TABLE: &str = "alembic_version";
pub const DEFAULT_LOG_TABLE: &str = "retort_migration_log";

/// PostgreSQL keeps the first 63 bytes of a name (NAMEDATALEN - 1) and
/// silently drops the rest.
pub const MAX_IDENTIFIER_BYTES: usize = 63;

/// A name as PostgreSQL stores it: cut to 63 bytes, on a character boundary.
pub fn truncated_identifier(name: &str) -> &str {
    if name.len() <= MAX_IDENTIFIER_BYTES {
        return name;
    }
    let mut end = MAX_IDENTIFIER_BYTES;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

/// The version table's name. Its primary key is named `<table>_pkc`, as
/// Alembic names it; from 63 bytes on, PostgreSQL cuts both names to the
/// same 63 bytes and the two collide ("relation already exists").
/// `name` is the setting's value (the default when None); an error is
/// worded to follow the setting's name.
pub fn version_table(name: Option<String>) -> Result<String, String> {
    let name = name.unwrap_or_else(|| DEFAULT_VERSION_TABLE.to_string());
    if name.is_empty() {
        return Err(crate::tr!("config-table-empty"));
    }
    let primary_key = format!("{name}_pkc");
    let (table_as_stored, key_as_stored) = (
        truncated_identifier(&name),
        truncated_identifier(&primary_key),
    );
    if table_as_stored == key_as_stored || name.len() > MAX_IDENTIFIER_BYTES {
        return Err(crate::tr!(
            "config-version-table-too-long",
            bytes = name.len(),
            max = MAX_IDENTIFIER_BYTES,
            table = table_as_stored,
            primary_key = &primary_key,
            key = key_as_stored,
            allowed = MAX_IDENTIFIER_BYTES - 1
        ));
    }
    Ok(name)
}

/// The log table's name: not empty, not cut by PostgreSQL, and not the
/// version table (which lives in the same schema).
pub fn log_table(name: Option<String>, version_table: &str) -> Result<String, String> {
    let name = name.unwrap_or_else(|| DEFAULT_LOG_TABLE.to_string());
    if name.is_empty() {
        return Err(crate::tr!("config-table-empty"));
    }
    if name.len() > MAX_IDENTIFIER_BYTES {
        return Err(crate::tr!(
            "config-log-table-too-long",
            bytes = name.len(),
            max = MAX_IDENTIFIER_BYTES,
            truncated = truncated_identifier(&name)
        ));
    }
    if name == version_table {
        return Err(crate::tr!("config-log-table-same", name = &name));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::truncated_identifier;

    #[test]
    fn truncation_is_by_bytes_on_a_character_boundary() {
        assert_eq!(truncated_identifier("short"), "short");
        let long = "a".repeat(70);
        assert_eq!(truncated_identifier(&long).len(), 63);
        // 62 ASCII bytes then a two-byte character: cut before it.
        let multi = format!("{}é", "a".repeat(62));
        assert_eq!(truncated_identifier(&multi), &multi[..62]);
    }
}
