//! Sequences of their own (serial ones included; identity sequences belong
//! to their column). A sequence is created and altered without its owner:
//! `OWNED BY` is set once the owning column exists, and let go before the
//! column goes.

use crate::tr;
use super::comments::CommentKeys;
use crate::autogen::postgres::context::Context;
use crate::autogen::postgres::model::*;
use crate::autogen::postgres::text::bare;

#[derive(Debug, Clone, PartialEq)]
pub enum SequenceOp {
    Create(Sequence),
    Drop(Sequence),
    /// Boxed: twice the size of the other variants.
    Alter {
        from: Box<Sequence>,
        to: Box<Sequence>,
    },
    SetOwner {
        sequence: String,
        from: Option<ColumnRef>,
        to: Option<ColumnRef>,
    },
    /// A sequence named after a renamed table or column, renamed with it.
    Rename {
        from: String,
        to: String,
    },
}

impl SequenceOp {
    pub fn inverse(&self) -> SequenceOp {
        match self.clone() {
            SequenceOp::Create(s) => SequenceOp::Drop(s),
            SequenceOp::Drop(s) => SequenceOp::Create(s),
            SequenceOp::Alter { from, to } => SequenceOp::Alter { from: to, to: from },
            SequenceOp::SetOwner { sequence, from, to } => SequenceOp::SetOwner {
                sequence,
                from: to,
                to: from,
            },
            SequenceOp::Rename { from, to } => SequenceOp::Rename { from: to, to: from },
        }
    }

    pub fn describe(&self) -> String {
        match self {
            SequenceOp::Create(s) => tr!("autogen-add-sequence", name = &s.name),
            SequenceOp::Drop(s) => tr!("autogen-drop-sequence", name = &s.name),
            SequenceOp::Alter { to, .. } => tr!("autogen-change-sequence", name = &to.name),
            SequenceOp::SetOwner { sequence, to, .. } => match to {
                Some(c) => tr!(
                    "autogen-sequence-owned-by",
                    name = sequence,
                    column = format!("{}.{}", c.table, c.column)
                ),
                None => tr!("autogen-sequence-owned-by-nothing", name = sequence),
            },
            SequenceOp::Rename { from, to } => {
                tr!("autogen-rename-sequence", from = from, to = to)
            },
        }
    }

    pub fn danger(&self) -> Option<String> {
        match self {
            SequenceOp::Drop(s) => Some(tr!("autogen-danger-drop-sequence", name = &s.name)),
            _ => None,
        }
    }

    pub fn render(&self) -> Vec<String> {
        match self {
            SequenceOp::Create(s) => vec![format!(
                "CREATE SEQUENCE {}{};",
                s.name,
                sequence_options(s)
            )],
            SequenceOp::Drop(s) => vec![format!("DROP SEQUENCE {};", s.name)],
            SequenceOp::Alter { to, .. } => vec![format!(
                "ALTER SEQUENCE {}{}{};",
                to.name,
                sequence_options(to),
                if to.cycle { "" } else { " NO CYCLE" }
            )],
            SequenceOp::SetOwner { sequence, to, .. } => vec![match to {
                Some(c) => format!(
                    "ALTER SEQUENCE {sequence} OWNED BY {}.{};",
                    c.table, c.column
                ),
                None => format!("ALTER SEQUENCE {sequence} OWNED BY NONE;"),
            }],
            SequenceOp::Rename { from, to } => {
                vec![format!("ALTER SEQUENCE {from} RENAME TO {};", bare(to))]
            }
        }
    }

    pub(crate) fn comment_keys(&self, keys: &mut CommentKeys) {
        match self {
            SequenceOp::Drop(s) => keys.drop(format!("SEQUENCE {}", s.name)),
            SequenceOp::Create(s) => keys.create(format!("SEQUENCE {}", s.name)),
            _ => {}
        }
    }
}

fn unowned(sequence: &Sequence) -> Sequence {
    Sequence {
        owned_by: None,
        ..sequence.clone()
    }
}

/// Owners that change or go, let go before columns are dropped.
pub fn release_owners<O: From<SequenceOp>>(cx: &Context) -> Vec<O> {
    let mut ops = Vec::new();
    for old in cx.from.sequences.values() {
        let new_owner = cx
            .to
            .sequences
            .get(&old.name)
            .and_then(|s| s.owned_by.clone());
        if old.owned_by.is_some() && old.owned_by != new_owner {
            ops.push(
                SequenceOp::SetOwner {
                    sequence: old.name.clone(),
                    from: old.owned_by.clone(),
                    to: None,
                }
                .into(),
            );
        }
    }
    ops
}

/// Sequences the target adds or changes, without their owners.
pub fn create_or_alter<O: From<SequenceOp>>(cx: &Context) -> Vec<O> {
    let mut ops = Vec::new();
    for new in cx.to.sequences.values() {
        let new_unowned = unowned(new);
        match cx.from.sequences.get(&new.name) {
            Some(old) => {
                let old_unowned = unowned(old);
                if old_unowned != new_unowned {
                    ops.push(
                        SequenceOp::Alter {
                            from: Box::new(old_unowned),
                            to: Box::new(new_unowned),
                        }
                        .into(),
                    );
                }
            }
            None => ops.push(SequenceOp::Create(new_unowned).into()),
        }
    }
    ops
}

/// New owners, once their columns exist.
pub fn set_owners<O: From<SequenceOp>>(cx: &Context) -> Vec<O> {
    let mut ops = Vec::new();
    for new in cx.to.sequences.values() {
        let old_owner = cx
            .from
            .sequences
            .get(&new.name)
            .and_then(|s| s.owned_by.clone());
        if new.owned_by.is_some() && new.owned_by != old_owner {
            ops.push(
                SequenceOp::SetOwner {
                    sequence: new.name.clone(),
                    from: None,
                    to: new.owned_by.clone(),
                }
                .into(),
            );
        }
    }
    ops
}

/// Sequences the target no longer has (their owners already let go).
pub fn drop_removed<O: From<SequenceOp>>(cx: &Context) -> Vec<O> {
    cx.from
        .sequences
        .values()
        .filter(|old| !cx.to.sequences.contains_key(&old.name))
        .map(|old| SequenceOp::Drop(unowned(old)).into())
        .collect()
}

fn sequence_options(s: &Sequence) -> String {
    format!(
        " AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} START WITH {} CACHE {}{}",
        s.data_type,
        s.increment,
        s.min,
        s.max,
        s.start,
        s.cache,
        if s.cycle { " CYCLE" } else { "" }
    )
}
