//! What PostgreSQL can alter in place and what it must rebuild, decided
//! once here: the kinds write their SQL from it, and the type rebuilds
//! ([`super::retype`]) follow it to know which types and columns go.

use super::model::{Column, Enum};

/// How an enum goes from one list of labels to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumChange {
    /// The old labels keep their order among the new: `ADD VALUE`.
    AddValues,
    /// Same number of labels, and each that differs is new on one side and
    /// gone on the other: `RENAME VALUE`, which keeps the rows' values, where
    /// dropping the old label would make rows holding it fail.
    RenameValues,
    /// Anything else: a new type, and the columns converted to it.
    Rebuild,
}

pub fn enum_change(from: &Enum, to: &Enum) -> EnumChange {
    if is_in_order_within(&from.values, &to.values) {
        return EnumChange::AddValues;
    }
    let renamed = from.values.len() == to.values.len()
        && from
            .values
            .iter()
            .zip(&to.values)
            .all(|(a, b)| a == b || (!to.values.contains(a) && !from.values.contains(b)));
    if renamed {
        EnumChange::RenameValues
    } else {
        EnumChange::Rebuild
    }
}

fn is_in_order_within(part: &[String], whole: &[String]) -> bool {
    let mut rest = whole.iter();
    part.iter().all(|p| rest.any(|w| w == p))
}

/// A column that PostgreSQL cannot alter in place (a generated column's
/// expression, or a change between generated and plain) is dropped and added.
pub fn needs_rebuild(old: &Column, new: Option<&Column>) -> bool {
    match new {
        None => true,
        Some(new) => old.generated != new.generated || old.generated_virtual != new.generated_virtual,
    }
}
