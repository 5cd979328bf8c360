//! Renames the user asked for (`--rename`), shared by every backend: the
//! diff only ever sees a dropped and an added table or column, and dropping
//! loses the data, so a rename is never guessed; it is made one only on
//! request, and the pairs that may be one are pointed out.

use crate::i18n::Description;
use crate::{tr, Error, Result};

/// `--rename TABLE.OLD=NEW`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnRename {
    /// As the user wrote it: `table` or `schema.table`.
    pub table: String,
    pub from: String,
    pub to: String,
}

impl ColumnRename {
    /// Parses `TABLE.OLD=NEW` (the table may be `schema.table`).
    pub fn parse(text: &str) -> Result<ColumnRename> {
        let bad = || Error::Usage(tr!("autogen-rename-expects-column", text = text));
        let (left, to) = text.split_once('=').ok_or_else(bad)?;
        let (table, from) = left.rsplit_once('.').ok_or_else(bad)?;
        if table.is_empty() || from.is_empty() || to.is_empty() {
            return Err(bad());
        }
        Ok(ColumnRename {
            table: table.to_string(),
            from: from.to_string(),
            to: to.to_string(),
        })
    }
}

/// `--rename OLD_TABLE=NEW_TABLE`, as the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRenameRequest {
    pub from: String,
    pub to: String,
}

/// Every `--rename` of one run, sorted into tables and columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenameRequests {
    pub tables: Vec<TableRenameRequest>,
    pub columns: Vec<ColumnRename>,
}

impl RenameRequests {
    /// The one rule for both databases: `OLD=NEW` with no dot on the left
    /// names a table; `A.B=NEW` names a table when `is_dropped_table("A.B")`
    /// (a schema-qualified table that the target no longer has), else the
    /// column B of table A; `S.T.C=NEW` is a column of `S.T`.
    pub fn parse(texts: &[String], is_dropped_table: impl Fn(&str) -> bool) -> Result<Self> {
        let mut requests = RenameRequests::default();
        for text in texts {
            let bad = || Error::Usage(tr!("autogen-rename-expects", text = text));
            let Some((left, right)) = text.split_once('=') else {
                return Err(bad());
            };
            if left.is_empty() || right.is_empty() {
                return Err(bad());
            }
            if !left.contains('.') || is_dropped_table(left) {
                requests.tables.push(TableRenameRequest {
                    from: left.to_string(),
                    to: right.to_string(),
                });
            } else {
                requests.columns.push(ColumnRename::parse(text)?);
            }
        }
        Ok(requests)
    }

    pub fn is_empty(&self) -> bool {
        self.tables.is_empty() && self.columns.is_empty()
    }
}

/// A drop and an add that may be one rename.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenameCandidate {
    /// What `--rename` takes to make it one: `public.users=people` or `public.t.a=b`.
    pub request: String,
    /// e.g. "table public.users is dropped and public.people added with the same columns".
    pub description: Description,
}

/// A loud warning in the migration's header for each candidate, naming the
/// flag that makes it a rename.
pub fn rename_warnings(candidates: &[RenameCandidate]) -> Vec<String> {
    candidates
        .iter()
        .map(|c| {
            format!(
                "-- WARNING: {}; if this is a rename, generate again with --rename {} \
                 (the drop loses the data)",
                c.description.english(),
                c.request
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(texts: &[&str], dropped: &[&str]) -> Result<RenameRequests> {
        let texts: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
        RenameRequests::parse(&texts, |name| dropped.contains(&name))
    }

    #[test]
    fn a_bare_left_side_is_a_table() {
        let r = parse(&["users=people"], &[]).unwrap();
        assert_eq!(r.tables.len(), 1);
        assert!(r.columns.is_empty());
    }

    #[test]
    fn a_dotted_left_side_is_a_table_only_when_such_a_table_is_dropped() {
        let r = parse(&["public.users=people", "t.a=b"], &["public.users"]).unwrap();
        assert_eq!(r.tables[0].from, "public.users");
        assert_eq!(r.columns[0].table, "t");
        assert_eq!(r.columns[0].from, "a");
    }

    #[test]
    fn malformed_requests_are_usage_errors() {
        for bad in ["noequals", "=x", "x=", "t.=x"] {
            assert!(matches!(parse(&[bad], &[]), Err(Error::Usage(_))), "{bad}");
        }
    }
}
