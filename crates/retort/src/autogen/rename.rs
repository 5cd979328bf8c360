//! Renames the user asked for (`--rename TABLE.OLD=NEW`): the diff only
//! ever sees a dropped and an added column, and dropping loses the data,
//! so a rename is never guessed; it is turned into one only on request.

use super::ops::Op;
use crate::{Error, Result};

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
        let bad = || Error::Usage(format!("--rename expects TABLE.OLD=NEW, got '{text}'"));
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

    fn names_table(&self, qualified: &str) -> bool {
        qualified == self.table || qualified == format!("public.{}", self.table)
    }
}

/// Replaces each requested drop and add of a column pair by a rename
/// (followed by whatever else changed about the column). A rename that
/// matches no such pair is an error: the user expected something else.
pub fn apply_renames(ops: Vec<Op>, renames: &[ColumnRename]) -> Result<Vec<Op>> {
    let mut ops = ops;
    for rename in renames {
        let dropped = ops.iter().position(|op| {
            matches!(op, Op::DropColumn { table, column }
                if rename.names_table(table) && column.name == rename.from)
        });
        let added = ops.iter().position(|op| {
            matches!(op, Op::AddColumn { table, column }
                if rename.names_table(table) && column.name == rename.to)
        });
        let (Some(dropped), Some(added)) = (dropped, added) else {
            return Err(Error::Usage(format!(
                "--rename {}.{}={}: no column {} is dropped and {} added on that table",
                rename.table, rename.from, rename.to, rename.from, rename.to
            )));
        };
        let Op::DropColumn { column: old, .. } = ops[dropped].clone() else {
            unreachable!()
        };
        let Op::AddColumn { table, column: new } = ops[added].clone() else {
            unreachable!()
        };
        let renamed = crate::schema::Column {
            name: new.name.clone(),
            ..old.clone()
        };
        let mut replacement = vec![Op::RenameColumn {
            table: table.clone(),
            from: old.name.clone(),
            to: new.name.clone(),
        }];
        // An identity sequence named after the column follows it.
        if let (Some(was), Some(is)) = (&old.identity_sequence, &new.identity_sequence) {
            let bare_table = super::render::bare(&table);
            let named_after = |seq: &str, column: &str| {
                super::render::bare(seq) == format!("{bare_table}_{column}_seq")
            };
            if was != is && named_after(was, &old.name) && named_after(is, &new.name) {
                replacement.push(Op::RenameSequence {
                    from: was.clone(),
                    to: is.clone(),
                });
            }
        }
        if renamed != new {
            replacement.push(Op::AlterColumn {
                table,
                from: renamed,
                to: new,
            });
        }
        // The rename takes the add's place, which comes after the drop.
        ops.splice(added..=added, replacement);
        ops.remove(dropped);
    }
    Ok(ops)
}

/// A drop and an add that may be one rename.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenameCandidate {
    /// What `--rename` takes to make it one: `public.users=people` or `public.t.a=b`.
    pub request: String,
    /// e.g. "table public.users is dropped and public.people added with the same columns".
    pub description: String,
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
                c.description, c.request
            )
        })
        .collect()
}

/// Dropped and added tables with the same column types, and dropped and
/// added columns of one type on one table: renames are never assumed, as a
/// wrong guess would be as bad as the drop, so they are only pointed out.
pub fn rename_candidates(ops: &[Op]) -> Vec<RenameCandidate> {
    fn shape(t: &crate::schema::Table) -> Vec<&str> {
        let mut types: Vec<&str> = t.columns.values().map(|c| c.data_type.as_str()).collect();
        types.sort_unstable();
        types
    }
    let mut found = Vec::new();
    for dropped in ops {
        match dropped {
            Op::DropTable(old) => {
                for added in ops {
                    if let Op::CreateTable(new) = added {
                        let same_schema = old.name.rsplit_once('.').map(|p| p.0)
                            == new.name.rsplit_once('.').map(|p| p.0);
                        if same_schema && !old.columns.is_empty() && shape(old) == shape(new) {
                            found.push(RenameCandidate {
                                request: format!("{}={}", old.name, super::render::bare(&new.name)),
                                description: format!(
                                    "table {} is dropped and {} added with the same column types",
                                    old.name, new.name
                                ),
                            });
                        }
                    }
                }
            }
            Op::DropColumn { table, column: old } => {
                for added in ops {
                    if let Op::AddColumn {
                        table: t,
                        column: new,
                    } = added
                    {
                        if t == table && new.data_type == old.data_type {
                            found.push(RenameCandidate {
                                request: format!("{table}.{}={}", old.name, new.name),
                                description: format!(
                                    "{table}.{} is dropped and {table}.{} added with the same type",
                                    old.name, new.name
                                ),
                            });
                        }
                    }
                }
            }
            _ => {}
        }
    }
    found
}
