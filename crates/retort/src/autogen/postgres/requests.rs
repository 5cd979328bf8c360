//! The diff with the renames the user asked for (`--rename`): table
//! renames first (they rename what is named after the table too), then the
//! diff, then column renames.

use super::diff::diff;
use super::model::Schema;
use super::ops::Op;
use super::rename_column::apply_renames;
use super::rename_table::{rename_tables, TableRename};
use crate::autogen::rename::RenameRequests;
use crate::Result;

/// `name` as `--rename` writes it (`public.` when unqualified) is a table
/// of `from` that `to` no longer has.
pub(crate) fn is_dropped_table(from: &Schema, to: &Schema, name: &str) -> bool {
    TableRename::parse(&format!("{name}=x"))
        .is_ok_and(|t| from.tables.contains_key(&t.from) && !to.tables.contains_key(&t.from))
}

/// The ops from `from` to `to` with the `--rename` requests in `texts`.
pub fn diff_with_renames(from: &Schema, to: &Schema, texts: &[String]) -> Result<Vec<Op>> {
    let requests = RenameRequests::parse(texts, |name| is_dropped_table(from, to, name))?;
    diff_with_requests(from, to, &requests)
}

/// The ops from `from` to `to`: table renames first (they rename what is
/// named after the table too), then the diff, then column renames.
pub(crate) fn diff_with_requests(
    from: &Schema,
    to: &Schema,
    renames: &RenameRequests,
) -> Result<Vec<Op>> {
    let tables = renames
        .tables
        .iter()
        .map(|t| TableRename::parse(&format!("{}={}", t.from, t.to)))
        .collect::<Result<Vec<_>>>()?;
    let (renamed, mut ops) = rename_tables(from, to, &tables)?;
    ops.extend(diff(&renamed, to));
    apply_renames(ops, &renames.columns)
}
