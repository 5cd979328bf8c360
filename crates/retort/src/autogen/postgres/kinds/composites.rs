//! Composite types (`CREATE TYPE ... AS (...)`). Attributes are added,
//! dropped and retyped in place while no table column holds the type;
//! PostgreSQL refuses that otherwise, and the type is rebuilt (see
//! [`crate::autogen::postgres::retype`]).

use crate::tr;
use super::comments::CommentKeys;
use crate::autogen::postgres::context::Context;
use crate::autogen::postgres::model::*;
use crate::autogen::postgres::retype::{self, RetypedColumn};

#[derive(Debug, Clone, PartialEq)]
pub enum CompositeOp {
    Create(CompositeType),
    Drop(CompositeType),
    /// Attributes added, dropped or retyped in place; when table columns
    /// hold the type (which PostgreSQL then refuses to alter), the type is
    /// rebuilt and `columns` converted to it.
    Alter {
        from: CompositeType,
        to: CompositeType,
        columns: Vec<RetypedColumn>,
    },
}

impl CompositeOp {
    pub fn inverse(&self) -> CompositeOp {
        match self.clone() {
            CompositeOp::Create(c) => CompositeOp::Drop(c),
            CompositeOp::Drop(c) => CompositeOp::Create(c),
            CompositeOp::Alter { from, to, columns } => CompositeOp::Alter {
                from: to,
                to: from,
                columns,
            },
        }
    }

    pub fn describe(&self) -> String {
        match self {
            CompositeOp::Create(c) => tr!("autogen-add-type", name = &c.name),
            CompositeOp::Drop(c) => tr!("autogen-drop-type", name = &c.name),
            CompositeOp::Alter { to, .. } => tr!("autogen-change-type", name = &to.name),
        }
    }

    pub fn danger(&self) -> Option<String> {
        match self {
            CompositeOp::Drop(c) => Some(tr!("autogen-danger-drop-type", name = &c.name)),
            CompositeOp::Alter { from, to, .. }
                if from
                    .attributes
                    .iter()
                    .any(|a| !to.attributes.iter().any(|b| b.name == a.name)) =>
            {
                Some(tr!("autogen-danger-drop-type-attributes", name = &to.name))
            }
            _ => None,
        }
    }

    pub fn render(&self) -> Vec<String> {
        match self {
            CompositeOp::Create(c) => vec![create_composite(c)],
            CompositeOp::Drop(c) => vec![format!("DROP TYPE {};", c.name)],
            CompositeOp::Alter { from, to, columns } if columns.is_empty() => {
                alter_composite(from, to)
            }
            CompositeOp::Alter { from, to, columns } => rebuild_composite(from, to, columns),
        }
    }

    pub(crate) fn comment_keys(&self, keys: &mut CommentKeys) {
        match self {
            CompositeOp::Drop(c) => keys.drop(format!("TYPE {}", c.name)),
            CompositeOp::Create(c) => keys.create(format!("TYPE {}", c.name)),
            // A rebuild renames the old type aside and drops it, comment and all.
            CompositeOp::Alter { from, to, columns } if !columns.is_empty() => {
                keys.drop(format!("TYPE {}", from.name));
                keys.create(format!("TYPE {}", to.name));
            }
            CompositeOp::Alter { .. } => {}
        }
    }
}

/// Composite types the target adds or changes.
pub fn create_or_alter<O: From<CompositeOp>>(cx: &Context) -> Vec<O> {
    let mut ops = Vec::new();
    for new in cx.to.composites.values() {
        match cx.from.composites.get(&new.name) {
            Some(old) if old == new => {}
            Some(old) => ops.push(
                CompositeOp::Alter {
                    from: old.clone(),
                    to: new.clone(),
                    columns: retype::columns_of_type(cx.from, cx.to, &new.name),
                }
                .into(),
            ),
            None => ops.push(CompositeOp::Create(new.clone()).into()),
        }
    }
    ops
}

/// Composite types the target no longer has.
pub fn drop_removed<O: From<CompositeOp>>(cx: &Context) -> Vec<O> {
    cx.from
        .composites
        .values()
        .filter(|old| !cx.to.composites.contains_key(&old.name))
        .map(|old| CompositeOp::Drop(old.clone()).into())
        .collect()
}

fn create_composite(c: &CompositeType) -> String {
    format!(
        "CREATE TYPE {} AS (\n{}\n);",
        c.name,
        c.attributes
            .iter()
            .map(|a| format!("    {}", attribute_definition(a)))
            .collect::<Vec<_>>()
            .join(",\n")
    )
}

fn attribute_definition(a: &Attribute) -> String {
    match &a.collation {
        Some(collation) => format!("{} {} COLLATE {collation}", a.name, a.data_type),
        None => format!("{} {}", a.name, a.data_type),
    }
}

/// Attributes keep their place: dropped ones first, then retyped, then the
/// new ones appended (ADD ATTRIBUTE, like ADD COLUMN, appends).
fn alter_composite(from: &CompositeType, to: &CompositeType) -> Vec<String> {
    let alter = |what: String| format!("ALTER TYPE {} {what};", to.name);
    let mut out = Vec::new();
    for old in &from.attributes {
        if !to.attributes.iter().any(|a| a.name == old.name) {
            out.push(alter(format!("DROP ATTRIBUTE {}", old.name)));
        }
    }
    for new in &to.attributes {
        match from.attributes.iter().find(|a| a.name == new.name) {
            Some(old) if old == new => {}
            Some(_) => out.push(alter(format!(
                "ALTER ATTRIBUTE {} TYPE {}{}",
                new.name,
                new.data_type,
                new.collation
                    .as_ref()
                    .map(|c| format!(" COLLATE {c}"))
                    .unwrap_or_default()
            ))),
            None => out.push(alter(format!(
                "ADD ATTRIBUTE {}",
                attribute_definition(new)
            ))),
        }
    }
    out
}

/// A type that columns hold cannot be altered: the new type is built beside
/// the old one and each column converted field by field (new fields NULL).
fn rebuild_composite(
    from: &CompositeType,
    to: &CompositeType,
    columns: &[RetypedColumn],
) -> Vec<String> {
    let converted = retype::convert_columns(
        columns,
        &to.name,
        |column, array| {
            if array {
                // A subquery cannot convert element by element here; the
                // text form converts where the fields line up.
                return format!("{column}::text::{}[]", to.name);
            }
            let fields: Vec<String> = to
                .attributes
                .iter()
                .map(
                    |a| match from.attributes.iter().find(|old| old.name == a.name) {
                        Some(old) if old.data_type == a.data_type => {
                            format!("({column}).{}", a.name)
                        }
                        Some(_) => format!("({column}).{}::{}", a.name, a.data_type),
                        None => format!("NULL::{}", a.data_type),
                    },
                )
                .collect();
            format!(
                "CASE WHEN {column} IS NOT DISTINCT FROM NULL THEN NULL ELSE ROW({})::{} END",
                fields.join(", "),
                to.name
            )
        },
        // A default written for the old fields (ROW(0, 0)) does not fit
        // a type with more or fewer; the column's own change sets the new one.
        |_| from.attributes.len() == to.attributes.len(),
    );
    retype::rebuild(
        "TYPE",
        &to.name,
        vec![create_composite(to)],
        converted,
        "TYPE",
    )
}
