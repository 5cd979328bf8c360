//! What autogenerate hands back: the drift `check` finds, and the
//! migration autogenerate writes. The backends render the migration, so
//! these sit below them.

use crate::i18n::Description;

/// What `check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    /// One line per difference between the database and the target schema.
    pub differences: Vec<Description>,
}

impl Drift {
    pub fn in_sync(&self) -> bool {
        self.differences.is_empty()
    }
}

/// A migration autogenerate wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// One line per change, in the order applied.
    pub changes: Vec<Description>,
    pub migration: Migration,
}

/// A migration's two sections, as SQL text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// A comment block listing the changes (destructive ones with a
    /// `-- WARNING:` line), then the statements.
    pub upgrade: String,
    pub downgrade: String,
    /// The upgrade must run outside a transaction (the file's
    /// `no-transaction` marker): concurrent index builds, enum labels used
    /// in the migration that adds them, SQLite rebuilds of referenced tables.
    pub upgrade_no_transaction: bool,
    pub downgrade_no_transaction: bool,
}
