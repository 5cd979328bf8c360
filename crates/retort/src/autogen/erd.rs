//! `retort erd`: a schema as a Mermaid entity-relationship diagram, for
//! documents and reviews. Each backend turns its model into the neutral
//! [`Erd`] below (tables, columns with their types and keys, foreign keys);
//! this file writes it as Mermaid.

use std::fmt::Write;

/// The tables of a schema and the foreign keys between them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Erd {
    /// Sorted by name.
    pub tables: Vec<ErdTable>,
    pub relations: Vec<ErdRelation>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErdTable {
    /// Unquoted; qualified (`schema.name`) outside PostgreSQL's `public`.
    pub name: String,
    /// In the table's order.
    pub columns: Vec<ErdColumn>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErdColumn {
    /// Unquoted.
    pub name: String,
    /// As the database names it (`character varying(20)`, `INTEGER`).
    pub data_type: String,
    pub not_null: bool,
    pub primary_key: bool,
    /// Part of a foreign key.
    pub foreign_key: bool,
    /// Alone, a unique key.
    pub unique: bool,
}

/// A foreign key: `table`'s `columns` refer to `referenced`'s `referenced_columns`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErdRelation {
    pub table: String,
    pub columns: Vec<String>,
    pub referenced: String,
    pub referenced_columns: Vec<String>,
}

impl Erd {
    /// Marks the columns each foreign key uses, and sorts.
    pub(crate) fn finish(mut self) -> Erd {
        for relation in &self.relations {
            if let Some(table) = self.tables.iter_mut().find(|t| t.name == relation.table) {
                for column in &mut table.columns {
                    if relation.columns.contains(&column.name) {
                        column.foreign_key = true;
                    }
                }
            }
        }
        self.tables.sort_by(|a, b| a.name.cmp(&b.name));
        self.relations.sort_by(|a, b| {
            (&a.table, &a.columns, &a.referenced).cmp(&(&b.table, &b.columns, &b.referenced))
        });
        self
    }

    fn table(&self, name: &str) -> Option<&ErdTable> {
        self.tables.iter().find(|t| t.name == name)
    }

    /// The diagram as Mermaid `erDiagram` text.
    pub fn mermaid(&self) -> String {
        let mut out = String::from("erDiagram\n");
        for table in &self.tables {
            let _ = writeln!(out, "    {} {{", entity(&table.name));
            for column in &table.columns {
                out.push_str(&attribute(column));
            }
            out.push_str("    }\n");
        }
        for relation in &self.relations {
            out.push_str(&self.relationship(relation));
        }
        out
    }

    /// `referenced ||--o{ table : "columns"`: exactly one (or zero or one,
    /// when a referencing column may be null) on the referenced side;
    /// many on the referencing side, or at most one when the key's columns
    /// are the table's primary or a unique key. A solid line when the key
    /// is part of the referencing table's primary key (identifying).
    fn relationship(&self, relation: &ErdRelation) -> String {
        let columns: Vec<&ErdColumn> = self
            .table(&relation.table)
            .map(|t| {
                t.columns
                    .iter()
                    .filter(|c| relation.columns.contains(&c.name))
                    .collect()
            })
            .unwrap_or_default();
        let optional = columns.iter().any(|c| !c.not_null);
        let pk: Vec<&str> = self
            .table(&relation.table)
            .map(|t| {
                t.columns
                    .iter()
                    .filter(|c| c.primary_key)
                    .map(|c| c.name.as_str())
                    .collect()
            })
            .unwrap_or_default();
        let mut key_columns: Vec<&str> = relation.columns.iter().map(String::as_str).collect();
        key_columns.sort_unstable();
        let mut sorted_pk = pk.clone();
        sorted_pk.sort_unstable();
        let at_most_one = key_columns == sorted_pk
            || (columns.len() == 1 && columns[0].unique);
        let identifying = !pk.is_empty() && relation.columns.iter().all(|c| pk.contains(&c.as_str()));
        format!(
            "    {} {}{}{} {} : \"{}\"\n",
            entity(&relation.referenced),
            if optional { "|o" } else { "||" },
            if identifying { "--" } else { ".." },
            if at_most_one { "o|" } else { "o{" },
            entity(&relation.table),
            comment(&relation.columns.join(", ")),
        )
    }
}

/// An entity name: bare when Mermaid takes it as is, else in double
/// quotes (which Mermaid's names cannot hold: those become `'`).
fn entity(name: &str) -> String {
    if is_word(name) {
        name.to_string()
    } else {
        format!("\"{}\"", comment(name))
    }
}

/// `type name PK, FK "comment"`. Mermaid's attribute types and names are
/// words (letters, digits, `_`, `-`, and for types `(`, `)`, `[`, `]`);
/// anything else is replaced by `_`, and the exact name and type are given
/// in the comment.
fn attribute(column: &ErdColumn) -> String {
    let name = word(&column.name, false);
    let data_type = word(&column.data_type, true);
    let mut keys = Vec::new();
    if column.primary_key {
        keys.push("PK");
    }
    if column.foreign_key {
        keys.push("FK");
    }
    if column.unique && !column.primary_key {
        keys.push("UK");
    }
    let mut notes = Vec::new();
    if name != column.name {
        notes.push(format!("column {}", column.name));
    }
    if data_type != column.data_type {
        notes.push(column.data_type.clone());
    }
    if column.not_null && !column.primary_key {
        notes.push("not null".to_string());
    }
    let mut line = format!("        {data_type} {name}");
    if !keys.is_empty() {
        let _ = write!(line, " {}", keys.join(", "));
    }
    if !notes.is_empty() {
        let _ = write!(line, " \"{}\"", comment(&notes.join("; ")));
    }
    line.push('\n');
    line
}

fn is_word(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// `text` as a Mermaid attribute word: each run of other characters
/// becomes one `_`.
fn word(text: &str, is_type: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let allowed = c.is_ascii_alphanumeric()
            || c == '_'
            || c == '-'
            || (is_type && matches!(c, '(' | ')' | '[' | ']'));
        if allowed {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}

/// Text inside Mermaid's double quotes, which end at the next one; one line.
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '"' => '\'',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(name: &str, data_type: &str, pk: bool) -> ErdColumn {
        ErdColumn {
            name: name.into(),
            data_type: data_type.into(),
            not_null: pk,
            primary_key: pk,
            foreign_key: false,
            unique: false,
        }
    }

    #[test]
    fn names_mermaid_cannot_take_are_quoted_or_replaced_and_explained() {
        let erd = Erd {
            tables: vec![
                ErdTable {
                    name: "Order Lines".into(),
                    columns: vec![
                        column("order id", "integer", true),
                        column("line", "numeric(10,2)", true),
                        column("note \"x\"", "text", false),
                    ],
                },
                ErdTable {
                    name: "orders".into(),
                    columns: vec![column("order id", "integer", true)],
                },
            ],
            relations: vec![ErdRelation {
                table: "Order Lines".into(),
                columns: vec!["order id".into()],
                referenced: "orders".into(),
                referenced_columns: vec!["order id".into()],
            }],
        }
        .finish();
        assert_eq!(
            erd.mermaid(),
            "erDiagram\n    \"Order Lines\" {\n        integer order_id PK, FK \"column order id\"\n        \
             numeric(10_2) line PK \"numeric(10,2)\"\n        text note_x_ \"column note 'x'\"\n    }\n    \
             orders {\n        integer order_id PK \"column order id\"\n    }\n    \
             orders ||--o{ \"Order Lines\" : \"order id\"\n"
        );
    }
}
