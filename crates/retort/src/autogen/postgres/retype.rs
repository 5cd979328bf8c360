//! Type rebuilds: the one cross-kind concern of enums, domains and
//! composite types.
//!
//! A type that cannot be altered in place (an enum losing or reordering
//! labels, a domain changing its base type, a composite type that table
//! columns hold) is renamed aside, built again under its name, the columns
//! holding it converted, and the old one dropped. What refers to the old
//! type by oid (a view's columns, a cast in an index or check, a function's
//! signature) would keep it, so the diff drops those first and creates them
//! again: [`retyped_types`] names the rebuilt types, [`mentions_type`] finds
//! what refers to them, [`tables_holding`] the tables whose views go too.

use super::in_place::{enum_change, needs_rebuild, EnumChange};
use super::model::*;
use super::text::bare;
use std::collections::BTreeSet;

/// A column a type rebuild converts, with the default it has at that
/// moment (the `from` side's, in both directions: the upgrade rebuilds the
/// type before columns change, the downgrade after they are restored).
#[derive(Debug, Clone, PartialEq)]
pub struct RetypedColumn {
    pub column: ColumnRef,
    pub default: Option<String>,
    /// The column holds an array of the type.
    pub array: bool,
}

/// Enums, domains and composite types that the diff rebuilds rather than alters.
pub fn retyped_types(from: &Schema, to: &Schema) -> Vec<String> {
    let mut names = Vec::new();
    for old in from.enums.values() {
        if let Some(new) = to.enums.get(&old.name) {
            if enum_change(old, new) == EnumChange::Rebuild {
                names.push(old.name.clone());
            }
        }
    }
    for old in from.domains.values() {
        if to
            .domains
            .get(&old.name)
            .is_some_and(|new| old.data_type != new.data_type || old.collation != new.collation)
        {
            names.push(old.name.clone());
        }
    }
    for old in from.composites.values() {
        if to.composites.get(&old.name).is_some_and(|new| new != old)
            && !columns_of_type(from, to, &old.name).is_empty()
        {
            names.push(old.name.clone());
        }
    }
    names
}

/// Tables with a column of one of `types` (or an array of one).
pub fn tables_holding(schema: &Schema, types: &[String]) -> BTreeSet<String> {
    schema
        .tables
        .values()
        .filter(|t| {
            t.columns.values().any(|c| {
                let base = c.data_type.trim_end_matches("[]");
                types
                    .iter()
                    .any(|ty| base == ty || Some(base) == ty.strip_prefix("public."))
            })
        })
        .map(|t| t.name.clone())
        .collect()
}

/// True when `text` names the type `qualified` (`public.status`), qualified
/// or not, as a whole word: `'new'::status`, `(s status)`.
pub fn mentions_type(text: &str, qualified: &str) -> bool {
    let short = qualified.rsplit('.').next().unwrap_or(qualified);
    [qualified, short].iter().any(|name| {
        text.match_indices(name).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + name.len()..].chars().next();
            !before.is_some_and(|c| is_name_char(c) || c == '.') && !after.is_some_and(is_name_char)
        })
    })
}

/// A character that can continue a name, quoted or not: a match followed
/// (or preceded) by one is part of a longer name.
pub fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '"'
}

/// Columns of `from` that hold the type `type_name` (or an array of it) and
/// stay in `to`, whatever type they have there.
pub fn columns_of_type(from: &Schema, to: &Schema, type_name: &str) -> Vec<RetypedColumn> {
    let short = type_name.strip_prefix("public.").unwrap_or(type_name);
    let holds = |c: &Column| {
        let base = c.data_type.trim_end_matches("[]");
        base == type_name || base == short
    };
    let mut found = Vec::new();
    for table in from.tables.values() {
        for column in table.columns.values() {
            let in_target = to
                .tables
                .get(&table.name)
                .and_then(|t| t.columns.get(&column.name));
            // At the rebuild, in either direction, columns are as in
            // `from`: the upgrade changes them after it, the downgrade
            // restores them before it. Columns dropped (or rebuilt) are gone.
            if holds(column) && in_target.is_some_and(|new| !needs_rebuild(column, Some(new))) {
                found.push(RetypedColumn {
                    column: ColumnRef {
                        table: table.name.clone(),
                        column: column.name.clone(),
                    },
                    default: column.default.clone(),
                    array: column.data_type.ends_with("[]"),
                });
            }
        }
    }
    found
}

/// The statements of a rebuild: `rename_aside` (`ALTER TYPE` or `ALTER
/// DOMAIN`), the new type's `create` statements, the columns converted
/// (see [`convert_columns`]) and `drop` (`TYPE` or `DOMAIN`) of the old one.
pub fn rebuild(
    rename_aside: &str,
    name: &str,
    create: Vec<String>,
    converted: Vec<String>,
    drop: &str,
) -> Vec<String> {
    let old_name = temporary_type_name(name);
    let mut out = vec![format!(
        "ALTER {rename_aside} {name} RENAME TO {};",
        bare(&old_name)
    )];
    out.extend(create);
    out.extend(converted);
    out.push(format!("DROP {drop} {old_name};"));
    out
}

/// Converts each column holding a rebuilt type (or an array of it) to the
/// new `type_name`. A default is bound to the old type and cannot be
/// converted: it is taken off first and put back after, where `keep`
/// says it still holds.
pub fn convert_columns(
    columns: &[RetypedColumn],
    type_name: &str,
    using: impl Fn(&str, bool) -> String,
    keep: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut out = Vec::new();
    for RetypedColumn {
        column: c,
        default,
        array,
    } in columns
    {
        let alter =
            |what: String| format!("ALTER TABLE {} ALTER COLUMN {} {what};", c.table, c.column);
        if default.is_some() {
            out.push(alter("DROP DEFAULT".to_string()));
        }
        out.push(alter(format!(
            "TYPE {type_name}{} USING {}",
            if *array { "[]" } else { "" },
            using(&c.column, *array)
        )));
        if let Some(default) = default.as_ref().filter(|d| keep(d)) {
            out.push(alter(format!("SET DEFAULT {default}")));
        }
    }
    out
}

/// `schema.name` renamed aside while its replacement is built.
pub fn temporary_type_name(name: &str) -> String {
    let old_name = format!("{}__retort_old", name.trim_end_matches('"'));
    if name.ends_with('"') {
        format!("{old_name}\"")
    } else {
        old_name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_type_is_mentioned_as_a_whole_word() {
        assert!(mentions_type("'a'::status", "public.status"));
        assert!(mentions_type("(s public.status)", "public.status"));
        assert!(!mentions_type("'a'::status_log", "public.status"));
        assert!(!mentions_type("'a'::other.status", "public.status"));
    }

    #[test]
    fn the_old_type_goes_aside_quoted_or_not() {
        assert_eq!(temporary_type_name("public.s"), "public.s__retort_old");
        assert_eq!(
            temporary_type_name("public.\"S\""),
            "public.\"S__retort_old\""
        );
    }

    #[test]
    fn a_default_is_taken_off_and_put_back_around_the_conversion() {
        let columns = [RetypedColumn {
            column: ColumnRef {
                table: "public.t".into(),
                column: "s".into(),
            },
            default: Some("'a'::status".into()),
            array: true,
        }];
        assert_eq!(
            convert_columns(
                &columns,
                "public.status",
                |c, _| format!("{c}::text[]"),
                |_| true
            ),
            vec![
                "ALTER TABLE public.t ALTER COLUMN s DROP DEFAULT;",
                "ALTER TABLE public.t ALTER COLUMN s TYPE public.status[] USING s::text[];",
                "ALTER TABLE public.t ALTER COLUMN s SET DEFAULT 'a'::status;",
            ]
        );
        assert_eq!(
            convert_columns(&columns, "public.status", |c, _| c.to_string(), |_| false).len(),
            2
        );
    }
}
