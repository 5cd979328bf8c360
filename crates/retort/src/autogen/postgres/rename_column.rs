//! Column renames and rename candidates on PostgreSQL ops.

use super::ops::{ColumnOp, Op, SequenceOp, TableOp};
use crate::autogen::rename::{ColumnRename, RenameCandidate};
use crate::i18n::Description;
use crate::{tr, Error, Result};

/// Replaces each requested drop and add of a column pair by a rename
/// (followed by whatever else changed about the column). A rename that
/// matches no such pair is an error: the user expected something else.
pub fn apply_renames(ops: Vec<Op>, renames: &[ColumnRename]) -> Result<Vec<Op>> {
    let mut ops = ops;
    for rename in renames {
        let dropped = ops.iter().position(|op| {
            matches!(op, Op::Column(ColumnOp::Drop { table, column })
                if names_table(rename, table) && column.name == rename.from)
        });
        let added = ops.iter().position(|op| {
            matches!(op, Op::Column(ColumnOp::Add { table, column })
                if names_table(rename, table) && column.name == rename.to)
        });
        let (Some(dropped), Some(added)) = (dropped, added) else {
            return Err(Error::Usage(tr!(
                "autogen-rename-no-such-column",
                request = format!("{}.{}={}", rename.table, rename.from, rename.to),
                from = &rename.from,
                to = &rename.to
            )));
        };
        let Op::Column(ColumnOp::Drop { column: old, .. }) = ops[dropped].clone() else {
            unreachable!()
        };
        let Op::Column(ColumnOp::Add { table, column: new }) = ops[added].clone() else {
            unreachable!()
        };
        let renamed = super::model::Column {
            name: new.name.clone(),
            ..old.clone()
        };
        let mut replacement: Vec<Op> = vec![ColumnOp::Rename {
            table: table.clone(),
            from: old.name.clone(),
            to: new.name.clone(),
        }
        .into()];
        // An identity sequence named after the column follows it.
        if let (Some(was), Some(is)) = (&old.identity_sequence, &new.identity_sequence) {
            let bare_table = super::text::bare(&table);
            let named_after = |seq: &str, column: &str| {
                super::text::bare(seq) == format!("{bare_table}_{column}_seq")
            };
            if was != is && named_after(was, &old.name) && named_after(is, &new.name) {
                replacement.push(
                    SequenceOp::Rename {
                        from: was.clone(),
                        to: is.clone(),
                    }
                    .into(),
                );
            }
        }
        if renamed != new {
            replacement.push(
                ColumnOp::Alter {
                    table,
                    from: Box::new(renamed),
                    to: Box::new(new),
                }
                .into(),
            );
        }
        // The rename takes the add's place, which comes after the drop.
        ops.splice(added..=added, replacement);
        ops.remove(dropped);
    }
    Ok(ops)
}

/// An unqualified table in `--rename` is in `public`, as it is in SQL.
fn names_table(rename: &ColumnRename, qualified: &str) -> bool {
    qualified == rename.table || qualified == format!("public.{}", rename.table)
}

/// Dropped and added tables with the same column types, and dropped and
/// added columns of one type on one table: renames are never assumed, as a
/// wrong guess would be as bad as the drop, so they are only pointed out.
pub fn rename_candidates(ops: &[Op]) -> Vec<RenameCandidate> {
    fn shape(t: &super::model::Table) -> Vec<&str> {
        let mut types: Vec<&str> = t.columns.values().map(|c| c.data_type.as_str()).collect();
        types.sort_unstable();
        types
    }
    let mut found = Vec::new();
    for dropped in ops {
        match dropped {
            Op::Table(TableOp::Drop(old)) => {
                for added in ops {
                    if let Op::Table(TableOp::Create(new)) = added {
                        let same_schema = old.name.rsplit_once('.').map(|p| p.0)
                            == new.name.rsplit_once('.').map(|p| p.0);
                        if same_schema && !old.columns.is_empty() && shape(old) == shape(new) {
                            found.push(RenameCandidate {
                                request: format!("{}={}", old.name, super::text::bare(&new.name)),
                                description: Description::new(|| {
                                    tr!(
                                        "autogen-rename-candidate-table-types",
                                        from = &old.name,
                                        to = &new.name
                                    )
                                }),
                            });
                        }
                    }
                }
            }
            Op::Column(ColumnOp::Drop { table, column: old }) => {
                // A column dropped and added under its own name is rebuilt
                // (a generated column's new expression), not renamed: it is
                // no one's candidate.
                let rebuilt = |name: &str| {
                    ops.iter().any(|op| matches!(op, Op::Column(ColumnOp::Add { table: t, column })
                        if t == table && column.name == name))
                        && ops.iter().any(|op| matches!(op, Op::Column(ColumnOp::Drop { table: t, column })
                            if t == table && column.name == name))
                };
                if rebuilt(&old.name) {
                    continue;
                }
                for added in ops {
                    if let Op::Column(ColumnOp::Add {
                        table: t,
                        column: new,
                    }) = added
                    {
                        if t == table && new.data_type == old.data_type && !rebuilt(&new.name) {
                            found.push(RenameCandidate {
                                request: format!("{table}.{}={}", old.name, new.name),
                                description: Description::new(|| {
                                    tr!(
                                        "autogen-rename-candidate-column-type",
                                        from = format!("{table}.{}", old.name),
                                        to = format!("{table}.{}", new.name)
                                    )
                                }),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autogen::postgres::kinds::test_support::column;

    fn op(drop: bool, name: &str) -> Op {
        let (table, column) = ("public.g".to_string(), column(name, "integer"));
        if drop {
            ColumnOp::Drop { table, column }.into()
        } else {
            ColumnOp::Add { table, column }.into()
        }
    }

    #[test]
    fn a_rebuilt_column_is_no_rename_candidate() {
        // `halved` and `tripled` are rebuilt, `old` goes and `new` comes.
        let ops = [
            op(true, "halved"),
            op(true, "tripled"),
            op(true, "old"),
            op(false, "tripled"),
            op(false, "halved"),
            op(false, "new"),
        ];
        let requests: Vec<String> = rename_candidates(&ops)
            .into_iter()
            .map(|c| c.request)
            .collect();
        assert_eq!(requests, vec!["public.g.old=new"]);
    }
}
