//! The PostgreSQL model as an entity-relationship diagram: columns from
//! the catalog, keys from the constraints' definitions (`PRIMARY KEY (a,
//! b)`, `UNIQUE (a)`, `FOREIGN KEY (a) REFERENCES s.t(x)`), whose column
//! lists are names as `quote_ident` writes them.

use super::model::{ConstraintKind, Schema, Table};
use crate::autogen::erd::{Erd, ErdColumn, ErdRelation, ErdTable};
use crate::autogen::scope::unquote_parts;

pub(crate) fn erd(schema: &Schema) -> Erd {
    let mut erd = Erd::default();
    for (key, table) in &schema.tables {
        // A partition's columns and keys are its parent's.
        if table.partition_of.is_some() {
            continue;
        }
        let primary = key_columns(table, ConstraintKind::PrimaryKey);
        let unique = key_columns(table, ConstraintKind::Unique);
        erd.tables.push(ErdTable {
            name: display(key),
            columns: table
                .ordered_columns()
                .into_iter()
                .map(|c| {
                    let name = unquote(&c.name);
                    ErdColumn {
                        primary_key: primary.iter().any(|k| k.contains(&name)),
                        unique: unique.iter().any(|k| k.len() == 1 && k[0] == name),
                        not_null: c.not_null,
                        data_type: c.data_type.clone(),
                        foreign_key: false,
                        name,
                    }
                })
                .collect(),
        });
        for constraint in table.constraints.values() {
            if constraint.kind != ConstraintKind::ForeignKey {
                continue;
            }
            let Some(referenced) = &constraint.references else {
                continue;
            };
            let lists = column_lists(&constraint.definition);
            let (Some(columns), Some(referenced_columns)) = (lists.first(), lists.get(1)) else {
                continue;
            };
            erd.relations.push(ErdRelation {
                table: display(key),
                columns: columns.clone(),
                referenced: display(referenced),
                referenced_columns: referenced_columns.clone(),
            });
        }
    }
    erd.finish()
}

/// The column lists of the table's constraints of one kind.
fn key_columns(table: &Table, kind: ConstraintKind) -> Vec<Vec<String>> {
    table
        .constraints
        .values()
        .filter(|c| c.kind == kind)
        .filter_map(|c| column_lists(&c.definition).into_iter().next())
        .collect()
}

/// `schema.name` unquoted, without `public.`.
fn display(qualified: &str) -> String {
    let parts = unquote_parts(qualified);
    match parts.as_slice() {
        [schema, name] if schema == "public" => name.clone(),
        _ => parts.join("."),
    }
}

fn unquote(name: &str) -> String {
    unquote_parts(name).join(".")
}

/// Every parenthesised list of names in a constraint definition, up to
/// the first that is not one (a `CHECK` expression, `ON DELETE`…): for
/// `FOREIGN KEY (a, "B") REFERENCES t(x, y)`, `[[a, B], [x, y]]`.
fn column_lists(definition: &str) -> Vec<Vec<String>> {
    let mut lists = Vec::new();
    let mut chars = definition.chars().peekable();
    let mut quoted = false;
    let mut current: Option<(Vec<String>, String)> = None;
    while let Some(c) = chars.next() {
        match (&mut current, c) {
            (Some((_, name)), '"') if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                name.push('"');
            }
            (Some(_), '"') => quoted = !quoted,
            (Some((_, name)), c) if quoted => name.push(c),
            (Some((names, name)), ',') => names.push(std::mem::take(name).trim().to_string()),
            (Some((names, name)), ')') => {
                names.push(std::mem::take(name).trim().to_string());
                lists.push(std::mem::take(names));
                current = None;
                if lists.len() == 2 {
                    break;
                }
            }
            (Some(_), '(') => break,
            (Some((_, name)), c) => name.push(c),
            (None, '(') => current = Some((Vec::new(), String::new())),
            (None, _) => {}
        }
    }
    lists
}

#[cfg(test)]
mod tests {
    use super::column_lists;

    #[test]
    fn column_lists_read_quoted_names() {
        assert_eq!(
            column_lists("FOREIGN KEY (a, \"Order \"\"Id\"\"\") REFERENCES s.\"T\"(x, y) ON DELETE CASCADE"),
            [vec!["a", "Order \"Id\""], vec!["x", "y"]]
        );
        assert_eq!(column_lists("PRIMARY KEY (id)"), [vec!["id"]]);
        assert_eq!(
            column_lists("UNIQUE NULLS NOT DISTINCT (a, b)"),
            [vec!["a", "b"]]
        );
    }
}
