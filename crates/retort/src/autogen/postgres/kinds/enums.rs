//! Enum types. New labels are added in place (`ADD VALUE`), renamed labels
//! renamed in place (`RENAME VALUE`); any other change rebuilds the type
//! (see [`crate::autogen::postgres::retype`]).

use super::comments::CommentKeys;
use crate::autogen::postgres::diff::Context;
use crate::autogen::postgres::model::*;
use crate::autogen::postgres::ops::Op;
use crate::autogen::postgres::render::literal;
use crate::autogen::postgres::retype::{self, is_name_char, RetypedColumn};

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
            EnumOp::Create(e) => format!("add enum {}", e.name),
            EnumOp::Drop(e) => format!("drop enum {}", e.name),
            EnumOp::Alter { from, to, .. } => format!(
                "change enum {} from ({}) to ({})",
                to.name,
                from.values.join(", "),
                to.values.join(", ")
            ),
        }
    }

    pub fn danger(&self) -> Option<String> {
        match self {
            EnumOp::Drop(e) => Some(format!("drops enum {}", e.name)),
            EnumOp::Alter { from, to, .. } if enum_change(from, to) == EnumChange::RenameValues => {
                Some(format!(
                    "renames labels of enum {} ({}): rows keep their value under the new label",
                    to.name,
                    from.values
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
                Some(format!(
                    "removes labels from enum {}: rows holding them make it fail",
                    to.name
                ))
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

/// Enums the target adds or changes.
pub fn create_or_alter(cx: &Context) -> Vec<Op> {
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
pub fn drop_removed(cx: &Context) -> Vec<Op> {
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

/// True when a label that `ALTER TYPE ... ADD VALUE` adds appears, cast to
/// its type, in a later statement (a default, a check, an index predicate):
/// PostgreSQL allows that only once the label is committed.
pub fn uses_added_labels(ops: &[Op]) -> bool {
    ops.iter().enumerate().any(|(i, op)| {
        let Op::Enum(EnumOp::Alter { from, to, .. }) = op else {
            return false;
        };
        if enum_change(from, to) != EnumChange::AddValues {
            return false;
        }
        let short = to.name.rsplit('.').next().unwrap_or(&to.name);
        let later = crate::autogen::postgres::render_statements(ops[i + 1..].iter());
        to.values
            .iter()
            .filter(|v| !from.values.contains(v))
            .any(|label| {
                let literal = literal(label);
                later.contains(&format!("{literal}::{short}"))
                    || later.contains(&format!("{literal}::{}", to.name))
            })
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
    use crate::autogen::postgres::diff;
    use crate::autogen::postgres::kinds::test_support::*;

    fn mood(values: &[&str]) -> Enum {
        Enum {
            name: "public.mood".into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    fn alter(from: &[&str], to: &[&str]) -> EnumOp {
        EnumOp::Alter {
            from: mood(from),
            to: mood(to),
            columns: vec![],
        }
    }

    #[test]
    fn create_and_drop() {
        let create = EnumOp::Create(mood(&["sad", "it's ok"]));
        assert_eq!(
            create.render(),
            vec!["CREATE TYPE public.mood AS ENUM ('sad', 'it''s ok');"]
        );
        assert_eq!(create.describe(), "add enum public.mood");
        assert_eq!(create.danger(), None);
        assert_eq!(create.inverse().render(), vec!["DROP TYPE public.mood;"]);
        assert_eq!(create.inverse().inverse(), create);
        assert_eq!(create.inverse().danger().unwrap(), "drops enum public.mood");
    }

    #[test]
    fn enum_changes() {
        assert_eq!(
            enum_change(&mood(&["a", "b"]), &mood(&["a", "x", "b"])),
            EnumChange::AddValues
        );
        assert_eq!(
            enum_change(&mood(&["a", "b"]), &mood(&["a", "c"])),
            EnumChange::RenameValues
        );
        assert_eq!(
            enum_change(&mood(&["a", "b"]), &mood(&["b", "a"])),
            EnumChange::Rebuild
        );
        assert_eq!(
            enum_change(&mood(&["a", "b"]), &mood(&["a"])),
            EnumChange::Rebuild
        );
    }

    #[test]
    fn add_value_keeps_order() {
        let op = alter(&["sad", "happy"], &["meh", "sad", "ok", "happy"]);
        assert_eq!(
            op.render(),
            vec![
                "ALTER TYPE public.mood ADD VALUE 'meh' BEFORE 'sad';",
                "ALTER TYPE public.mood ADD VALUE 'ok' AFTER 'sad';"
            ]
        );
        assert_eq!(
            op.describe(),
            "change enum public.mood from (sad, happy) to (meh, sad, ok, happy)"
        );
        assert_eq!(op.danger(), None);
        assert_eq!(op.inverse().inverse(), op);
    }

    #[test]
    fn rename_value_keeps_the_rows() {
        let op = alter(&["a", "b"], &["a", "c"]);
        assert_eq!(
            op.render(),
            vec!["ALTER TYPE public.mood RENAME VALUE 'b' TO 'c';"]
        );
        assert_eq!(
            op.danger().unwrap(),
            "renames labels of enum public.mood (b -> c): rows keep their value under the new label"
        );
        assert_eq!(
            op.inverse().render(),
            vec!["ALTER TYPE public.mood RENAME VALUE 'c' TO 'b';"]
        );
    }

    #[test]
    fn removing_a_label_rebuilds_the_type() {
        let mut from = schema();
        from.enums
            .insert("public.mood".into(), mood(&["sad", "happy"]));
        let mut column = column("m", "mood");
        column.default = Some("'sad'::mood".into());
        from.tables
            .insert("public.t".into(), table("public.t", vec![column]));
        let mut to = from.clone();
        to.enums.insert("public.mood".into(), mood(&["happy"]));
        let ops = diff(&from, &to);
        assert_eq!(
            sql(&ops),
            vec![
                "ALTER TYPE public.mood RENAME TO mood__retort_old;",
                "CREATE TYPE public.mood AS ENUM ('happy');",
                "ALTER TABLE public.t ALTER COLUMN m DROP DEFAULT;",
                "ALTER TABLE public.t ALTER COLUMN m TYPE public.mood USING m::text::public.mood;",
                "DROP TYPE public.mood__retort_old;",
            ]
        );
        assert_eq!(
            ops[0].danger().unwrap(),
            "removes labels from enum public.mood: rows holding them make it fail"
        );
    }

    #[test]
    fn a_renamed_label_is_renamed_where_it_is_used() {
        let mut from = schema();
        from.enums.insert("public.mood".into(), mood(&["a", "b"]));
        let mut c = column("m", "mood");
        c.default = Some("'b'::mood".into());
        from.tables
            .insert("public.t".into(), table("public.t", vec![c]));
        let mut to = from.clone();
        to.enums.insert("public.mood".into(), mood(&["a", "c"]));
        to.tables
            .get_mut("public.t")
            .unwrap()
            .columns
            .get_mut("m")
            .unwrap()
            .default = Some("'c'::mood".into());
        // The default follows the label: nothing else to do.
        assert_eq!(
            sql(&diff(&from, &to)),
            vec!["ALTER TYPE public.mood RENAME VALUE 'b' TO 'c';"]
        );
        assert_eq!(
            replace_whole("'b'::mood, 'b'::mood_x", "'b'::mood", "'c'::mood"),
            "'c'::mood, 'b'::mood_x"
        );
    }

    #[test]
    fn an_added_label_used_later_needs_a_commit() {
        let add = Op::Enum(alter(&["a"], &["a", "b"]));
        let check = Op::Constraint(super::super::constraints::ConstraintOp::Add {
            table: "public.t".into(),
            constraint: check("t_m_check", "CHECK ((m <> 'b'::mood))"),
        });
        assert!(uses_added_labels(&[add.clone(), check.clone()]));
        assert!(!uses_added_labels(&[check, add]));
    }
}
