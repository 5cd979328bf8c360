//! The header of every generated upgrade, whichever the backend: the list
//! of changes, the warnings of the destructive ones, and the rename
//! candidates. The backends write it at the top of their migrations, so it
//! sits below them, beside the [`Change`] trait it reads.

use super::backend::Change;
use super::rename::{rename_warnings, RenameCandidate};
use crate::i18n::{in_language, Language};

/// The list of changes, the warnings of the destructive ones, and the
/// rename candidates: the start of every generated upgrade, whichever the
/// backend. Always in English, whoever runs it: teams share the files, and
/// a file's checksum covers its text.
pub(crate) fn header<O: Change>(ops: &[O], candidates: &[RenameCandidate]) -> Vec<String> {
    in_language(Language::English, || english_header(ops, candidates))
}

fn english_header<O: Change>(ops: &[O], candidates: &[RenameCandidate]) -> Vec<String> {
    let mut header =
        vec!["-- Changes detected by autogenerate; review before applying:".to_string()];
    header.extend(ops.iter().map(|op| format!("--   {}", op.describe())));
    header.extend(
        ops.iter()
            .filter_map(Change::danger)
            .map(|danger| format!("-- WARNING: {danger}")),
    );
    header.extend(rename_warnings(candidates));
    header
}
