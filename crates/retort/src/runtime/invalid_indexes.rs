//! INVALID indexes left by a `CREATE INDEX CONCURRENTLY` (or `REINDEX
//! ... CONCURRENTLY`) that failed or was interrupted. PostgreSQL keeps the
//! half-built index, marked `pg_index.indisvalid = false`: a rerun of the
//! same statement fails with "already exists", and with `IF NOT EXISTS` it
//! quietly keeps the broken index. Only PostgreSQL has them.

use crate::db::{Database, DbError, SqlValue};
use crate::script::Section;
use crate::sql::statements::concurrent_indexes;
use crate::url::Dialect;

/// An invalid index a section's statement names.
pub(super) struct InvalidIndex {
    /// `schema.name`, quoted where needed.
    pub qualified: String,
    /// The file line of the statement that builds it.
    pub line: usize,
}

/// The invalid indexes that the concurrent builds of `section` name.
pub(super) fn named_by(
    db: &mut dyn Database,
    section: &Section,
) -> Result<Vec<InvalidIndex>, DbError> {
    if db.dialect() != Dialect::Postgres {
        return Ok(Vec::new());
    }
    let sql = "SELECT n.nspname::text, c.relname::text FROM pg_index i \
               JOIN pg_class c ON c.oid = i.indexrelid \
               JOIN pg_namespace n ON n.oid = c.relnamespace \
               WHERE NOT i.indisvalid AND c.relname = $1 \
               AND (($2::text IS NULL AND pg_table_is_visible(c.oid)) OR n.nspname = $2::text)";
    let mut found = Vec::new();
    for index in concurrent_indexes(&section.body) {
        let schema = match &index.schema {
            Some(s) => SqlValue::Text(s.clone()),
            None => SqlValue::Null,
        };
        for row in db.query_text(sql, &[SqlValue::Text(index.name.clone()), schema])? {
            if let [Some(schema), Some(name)] = row.as_slice() {
                found.push(InvalidIndex {
                    qualified: format!(
                        "{}.{}",
                        crate::sql::quote_ident(schema),
                        crate::sql::quote_ident(name)
                    ),
                    line: section.first_line + index.line - 1,
                });
            }
        }
    }
    Ok(found)
}

/// The statements that clear them, one a line.
pub(super) fn drop_statements(found: &[InvalidIndex]) -> String {
    found
        .iter()
        .map(|i| format!("  DROP INDEX CONCURRENTLY IF EXISTS {};", i.qualified))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Refusal to run a section over invalid indexes it would build again.
pub(super) fn refusal(found: &[InvalidIndex], file: &str) -> DbError {
    let names: Vec<String> = found
        .iter()
        .map(|i| {
            crate::tr!(
                "run-invalid-index-built-at",
                index = &i.qualified,
                file = file,
                line = i.line
            )
        })
        .collect();
    DbError::Message(crate::tr!(
        "run-invalid-index-refusal",
        indexes = names.join(", "),
        statements = drop_statements(found)
    ))
}
