//! Enum types. New labels are added in place (`ADD VALUE`), renamed labels
//! renamed in place (`RENAME VALUE`); any other change rebuilds the type
//! (see [`crate::autogen::postgres::retype`]).

use crate::tr;
use super::comments::CommentKeys;
use crate::autogen::postgres::context::Context;
use crate::autogen::postgres::in_place::{enum_change, EnumChange};
use crate::autogen::postgres::model::*;
use crate::autogen::postgres::retype::{self, is_name_char, RetypedColumn};
use crate::autogen::postgres::text::literal;

#[derive(Debug, Clone, PartialEq)]
pub enum EnumOp {
    Create(Enum),
    Drop(Enum),
    /// New labels only (`ADD VALUE`) when `from` is in order within `to`;
    /// renamed labels (`RENAME VALUE`); otherwise the type is rebuilt and
    /// `columns` converted to it.
    Alter {
        from: Enum,
        to: Enum,
        columns: Vec<RetypedColumn>,
    },
}

impl EnumOp {
    pub fn inverse(&self) -> EnumOp {
        match self.clone() {
            EnumOp::Create(e) => EnumOp::Drop(e),
            EnumOp::Drop(e) => EnumOp::Create(e),
            EnumOp::Alter { from, to, columns } => EnumOp::Alter {
                from: to,
                to: from,
                columns,
            },
        }
    }

    pub fn describe(&self) -> String {
        match self {
            EnumOp::Create(e) => tr!("autogen-add-enum", name = &e.name),
            EnumOp::Drop(e) => tr!("autogen-drop-enum", name = &e.name),
            // The labels are SQL literals, listed as SQL lists them.
            EnumOp::Alter { from, to, .. } => tr!(
                "autogen-change-enum",
                name = &to.name,
                from = from.values.join(", "),
                to = to.values.join(", ")
            ),
        }
    }

    pub fn danger(&self) -> Option<String> {
        match self {
            EnumOp::Drop(e) => Some(tr!("autogen-danger-drop-enum", name = &e.name)),
            EnumOp::Alter { from, to, .. } if enum_change(from, to) == EnumChange::RenameValues => {
                Some(tr!(
                    "autogen-danger-rename-enum-labels",
                    name = &to.name,
                    renames = from
                        .values
                        .iter()
                        .zip(&to.values)
                        .filter(|(a, b)| a != b)
                        .map(|(a, b)| format!("{a} -> {b}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            }
            EnumOp::Alter { from, to, .. }
                if from.values.iter().any(|v| !to.values.contains(v)) =>
            {
                Some(tr!("autogen-danger-remove-enum-labels", name = &to.name))
            }
            _ => None,
        }
    }

    pub fn render(&self) -> Vec<String> {
        match self {
            EnumOp::Create(e) => vec![create_enum(&e.name, &e.values)],
            EnumOp::Drop(e) => vec![format!("DROP TYPE {};", e.name)],
            EnumOp::Alter { from, to, columns } => alter_enum(from, to, columns),
        }
    }

    pub(crate) fn comment_keys(&self, keys: &mut CommentKeys) {
        match self {
            EnumOp::Drop(e) => keys.drop(format!("TYPE {}", e.name)),
            EnumOp::Create(e) => keys.create(format!("TYPE {}", e.name)),
            EnumOp::Alter { from, to, .. } if enum_change(from, to) == EnumChange::Rebuild => {
                keys.drop(format!("TYPE {}", from.name));
                keys.create(format!("TYPE {}", to.name));
            }
            EnumOp::Alter { .. } => {}
        }
    }
}

/// Enums the target adds or changes.
pub fn create_or_alter<O: From<EnumOp>>(cx: &Context) -> Vec<O> {
    let mut ops = Vec::new();
    for new in cx.to.enums.values() {
        match cx.from.enums.get(&new.name) {
            Some(old) if old == new => {}
            Some(old) => ops.push(
                EnumOp::Alter {
                    from: old.clone(),
                    to: new.clone(),
                    columns: retype::columns_of_type(cx.from, cx.to, &new.name),
                }
                .into(),
            ),
            None => ops.push(EnumOp::Create(new.clone()).into()),
        }
    }
    ops
}

/// Enums the target no longer has.
pub fn drop_removed<O: From<EnumOp>>(cx: &Context) -> Vec<O> {
    cx.from
        .enums
        .values()
        .filter(|old| !cx.to.enums.contains_key(&old.name))
        .map(|old| EnumOp::Drop(old.clone()).into())
        .collect()
}

fn create_enum(name: &str, values: &[String]) -> String {
    let labels: Vec<String> = values.iter().map(|v| literal(v)).collect();
    format!("CREATE TYPE {name} AS ENUM ({});", labels.join(", "))
}

/// `ADD VALUE` keeps the type (and everything using it) in place, but can
/// only add; `RENAME VALUE` only rename; any other change rebuilds the type
/// under a temporary name.
fn alter_enum(from: &Enum, to: &Enum, columns: &[RetypedColumn]) -> Vec<String> {
    match enum_change(from, to) {
        EnumChange::RenameValues => rename_values(from, to),
        EnumChange::AddValues => add_values(from, to),
        EnumChange::Rebuild => {
            // A default that names a label that goes is not put back.
            let removed: Vec<String> = from
                .values
                .iter()
                .filter(|v| !to.values.contains(v))
                .map(|v| literal(v))
                .collect();
            let converted = retype::convert_columns(
                columns,
                &to.name,
                |column, array| {
                    let brackets = if array { "[]" } else { "" };
                    format!("{column}::text{brackets}::{}{brackets}", to.name)
                },
                |default| !removed.iter().any(|label| default.contains(label)),
            );
            retype::rebuild(
                "TYPE",
                &to.name,
                vec![create_enum(&to.name, &to.values)],
                converted,
                "TYPE",
            )
        }
    }
}

fn rename_values(from: &Enum, to: &Enum) -> Vec<String> {
    from.values
        .iter()
        .zip(&to.values)
        .filter(|(a, b)| a != b)
        .map(|(a, b)| {
            format!(
                "ALTER TYPE {} RENAME VALUE {} TO {};",
                to.name,
                literal(a),
                literal(b)
            )
        })
        .collect()
}

fn add_values(from: &Enum, to: &Enum) -> Vec<String> {
    let mut out = Vec::new();
    for (i, value) in to.values.iter().enumerate() {
        if from.values.contains(value) {
            continue;
        }
        // Placed after the label before it, which exists by now.
        let position = match i.checked_sub(1).map(|p| &to.values[p]) {
            Some(previous) => format!(" AFTER {}", literal(previous)),
            None => match from.values.first() {
                Some(first) => format!(" BEFORE {}", literal(first)),
                None => String::new(),
            },
        };
        out.push(format!(
            "ALTER TYPE {} ADD VALUE {}{position};",
            to.name,
            literal(value)
        ));
    }
    out
}

/// True when a label that `op` adds with `ALTER TYPE ... ADD VALUE`
/// appears, cast to its type, in `later` (the statements after it: a
/// default, a check, an index predicate): PostgreSQL allows that only once
/// the label is committed. `later` is rendered only for an op adding labels.
pub fn uses_label_added_by(op: &EnumOp, later: impl FnOnce() -> String) -> bool {
    let EnumOp::Alter { from, to, .. } = op else {
        return false;
    };
    if enum_change(from, to) != EnumChange::AddValues {
        return false;
    }
    let short = to.name.rsplit('.').next().unwrap_or(&to.name);
    let later = later();
    to.values
        .iter()
        .filter(|v| !from.values.contains(v))
        .any(|label| {
            let literal = literal(label);
            later.contains(&format!("{literal}::{short}"))
                || later.contains(&format!("{literal}::{}", to.name))
        })
}

/// `from` as it is once the enum labels `to` renames are renamed: defaults,
/// index predicates, checks, views and policies hold the label's oid, so
/// PostgreSQL writes them with the new label from then on.
pub fn with_labels_renamed(from: &Schema, to: &Schema) -> Schema {
    let mut replacements = Vec::new();
    for old in from.enums.values() {
        let Some(new) = to.enums.get(&old.name) else {
            continue;
        };
        if enum_change(old, new) != EnumChange::RenameValues {
            continue;
        }
        // Written unqualified only where the search path (public) finds it.
        let names: Vec<&str> = match old.name.strip_prefix("public.") {
            Some(short) => vec![short, old.name.as_str()],
            None => vec![old.name.as_str()],
        };
        for (a, b) in old.values.iter().zip(&new.values).filter(|(a, b)| a != b) {
            for type_name in &names {
                replacements.push((
                    format!("{}::{type_name}", literal(a)),
                    format!("{}::{type_name}", literal(b)),
                ));
            }
        }
    }
    if replacements.is_empty() {
        return from.clone();
    }
    let rewrite = |text: &mut String| {
        for (a, b) in &replacements {
            if text.contains(a.as_str()) {
                *text = replace_whole(text, a, b);
            }
        }
    };
    let mut schema = from.clone();
    for table in schema.tables.values_mut() {
        for column in table.columns.values_mut() {
            column.default.iter_mut().for_each(rewrite);
            column.generated.iter_mut().for_each(rewrite);
        }
        for constraint in table.constraints.values_mut() {
            rewrite(&mut constraint.definition);
        }
    }
    for index in schema.indexes.values_mut() {
        rewrite(&mut index.definition);
    }
    for view in schema.views.values_mut() {
        rewrite(&mut view.definition);
    }
    for policy in schema.policies.values_mut() {
        policy.using.iter_mut().for_each(rewrite);
        policy.with_check.iter_mut().for_each(rewrite);
    }
    for trigger in schema.triggers.values_mut() {
        rewrite(&mut trigger.definition);
    }
    schema
}

/// `text` with each `from` that no identifier character follows replaced
/// by `to`: `'a'::status` but not `'a'::status_log`.
fn replace_whole(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(from) {
        let end = at + from.len();
        let whole = !rest[end..].chars().next().is_some_and(is_name_char);
        out.push_str(&rest[..at]);
        out.push_str(if whole { to } else { from });
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_is_replaced_as_a_whole_word() {
        assert_eq!(
            replace_whole("'b'::mood, 'b'::mood_x", "'b'::mood", "'c'::mood"),
            "'c'::mood, 'b'::mood_x"
        );
    }
}
