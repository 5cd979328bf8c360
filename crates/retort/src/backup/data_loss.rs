//! Before a downgrade runs: which tables and columns its sections drop
//! (see [`crate::sql::drops`] for the statements recognised) still hold
//! data, counted on the live database, so that the person running it is
//! told — and, at a terminal, asked — before the data goes.

use crate::db::Database;
use crate::script::Script;
use crate::sql::drops::dropped_objects;
use crate::sql::qualified_name;
use crate::url::Dialect;
use std::path::PathBuf;

/// A table or column a downgrade drops that holds data now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataLoss {
    /// The revision whose downgrade drops it, and its file and line.
    pub revision: String,
    pub path: PathBuf,
    pub line: usize,
    /// The table as the statement names it (`schema.table` or `table`).
    pub table: String,
    /// None: the whole table is dropped.
    pub column: Option<String>,
    /// Its rows (for a column: the rows where it is not null); None when
    /// they could not be counted (the warning is given all the same).
    pub rows: Option<u64>,
}

impl std::fmt::Display for DataLoss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rows = match self.rows {
            Some(n) => crate::tr!("run-loss-rows", count = n),
            None => crate::tr!("run-loss-rows-uncounted"),
        };
        let text = match &self.column {
            None => crate::tr!(
                "run-loss-table",
                table = &self.table,
                rows = rows,
                revision = &self.revision,
                file = &self.path,
                line = self.line
            ),
            Some(column) => crate::tr!(
                "run-loss-column",
                table = &self.table,
                column = qualified_name(None, column),
                rows = rows,
                revision = &self.revision,
                file = &self.path,
                line = self.line
            ),
        };
        f.write_str(&text)
    }
}

/// What the downgrade sections of `scripts`, in the order they will run,
/// drop that holds data in `db` now. Tables and columns that do not exist
/// (yet, or any more) are passed over.
pub fn find<'s>(
    db: &mut dyn Database,
    scripts: impl IntoIterator<Item = &'s Script>,
) -> Vec<DataLoss> {
    let mut losses = Vec::new();
    for script in scripts {
        let section = &script.downgrade;
        for dropped in dropped_objects(&section.body) {
            let schema = dropped.schema.as_deref();
            if !db.table_exists(schema, &dropped.table).unwrap_or(true) {
                continue;
            }
            let table = qualified_name(schema, &dropped.table);
            let counted = match &dropped.column {
                None => format!("SELECT count(*) FROM {table}"),
                Some(column) => {
                    let columns = db.table_columns(schema, &dropped.table).unwrap_or_default();
                    let sqlite = db.dialect() == Dialect::Sqlite;
                    let present = columns.iter().any(|c| {
                        c == column || (sqlite && c.eq_ignore_ascii_case(column))
                    });
                    if !present {
                        continue;
                    }
                    format!("SELECT count({}) FROM {table}", qualified_name(None, column))
                }
            };
            let rows = db
                .query_text(&counted, &[])
                .ok()
                .and_then(|rows| rows.into_iter().next())
                .and_then(|row| row.into_iter().next().flatten())
                .and_then(|n| n.parse::<u64>().ok());
            if rows == Some(0) {
                continue;
            }
            losses.push(DataLoss {
                revision: script.revision.clone(),
                path: script.path.clone(),
                line: section.first_line + dropped.line.saturating_sub(1),
                table,
                column: dropped.column.clone(),
                rows,
            });
        }
    }
    losses
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loss(column: Option<&str>, rows: Option<u64>) -> DataLoss {
        DataLoss {
            revision: "r2".to_string(),
            path: PathBuf::from("migrations/versions/r2.sql"),
            line: 12,
            table: "public.users".to_string(),
            column: column.map(str::to_string),
            rows,
        }
    }

    /// Worded as before the catalog: "1 row", "N rows", and the place.
    #[test]
    fn each_loss_says_what_is_dropped_by_which_revision_and_where() {
        assert_eq!(
            loss(None, Some(1)).to_string(),
            "table public.users (1 row) is dropped by r2 at migrations/versions/r2.sql:12"
        );
        assert_eq!(
            loss(None, Some(0)).to_string(),
            "table public.users (0 rows) is dropped by r2 at migrations/versions/r2.sql:12"
        );
        assert_eq!(
            loss(Some("email"), Some(1234)).to_string(),
            "column public.users.email (1234 rows with a value) is dropped by r2 at \
             migrations/versions/r2.sql:12"
        );
        assert_eq!(
            loss(Some("email"), None).to_string(),
            "column public.users.email (rows that could not be counted with a value) is dropped \
             by r2 at migrations/versions/r2.sql:12"
        );
    }
}
