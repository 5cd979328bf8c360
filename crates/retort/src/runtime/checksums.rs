//! Noticing applied migration files that were edited after they ran.

use super::ScriptLookup;
use crate::db::{EditedMigration, LoggedUpgrade};
use crate::revision::Direction;
use std::collections::HashMap;

/// The applied revisions whose file's upgrade no longer hashes to a
/// checksum logged when it (last) ran. Revisions with no logged checksum
/// (taken over from Alembic, stamped) have nothing to compare with. A
/// checksum logged by an earlier version is of the raw text, one logged now
/// of the normalised text; either matching means unedited
/// ([`crate::script::Section::matches_checksum`]).
pub(super) fn edited_migrations(
    logged: &HashMap<String, LoggedUpgrade>,
    applied: &[String],
    scripts: &dyn ScriptLookup,
) -> Vec<EditedMigration> {
    applied
        .iter()
        .filter_map(|revision| {
            let logged = logged.get(revision)?;
            let script = scripts.script(revision)?;
            let section = script.section(Direction::Up);
            if logged.checksums.iter().any(|c| section.matches_checksum(c)) {
                return None;
            }
            Some(EditedMigration::new(
                revision.clone(),
                script.path.clone(),
                logged.checksums.last().cloned().unwrap_or_default(),
                section.checksum(),
                logged.text.clone(),
                section.normalized_body(),
            ))
        })
        .collect()
}
