//! Noticing applied migration files that were edited after they ran.

use super::ScriptLookup;
use crate::db::EditedMigration;
use crate::revision::Direction;
use std::collections::HashMap;

/// The applied revisions whose file's upgrade no longer hashes to the
/// checksum logged when it (last) ran. Revisions with no logged checksum
/// (taken over from Alembic, stamped) have nothing to compare with.
pub(super) fn edited_migrations(
    logged: &HashMap<String, String>,
    applied: &[String],
    scripts: &dyn ScriptLookup,
) -> Vec<EditedMigration> {
    applied
        .iter()
        .filter_map(|revision| {
            let logged_checksum = logged.get(revision)?;
            let script = scripts.script(revision)?;
            let current_checksum = script.checksum(Direction::Up);
            (current_checksum != *logged_checksum).then(|| EditedMigration {
                revision: revision.clone(),
                file: script.path.clone(),
                logged_checksum: logged_checksum.clone(),
                current_checksum,
            })
        })
        .collect()
}
