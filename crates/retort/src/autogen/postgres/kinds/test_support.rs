//! Hand-built models for the kinds' unit tests, written as PostgreSQL's
//! catalog would describe them.

use crate::autogen::postgres::model::*;

pub fn schema() -> Schema {
    Schema::default()
}

/// A nullable column without default; `table` numbers the positions.
pub fn column(name: &str, data_type: &str) -> Column {
    Column {
        name: name.into(),
        data_type: data_type.into(),
        not_null: false,
        not_null_name: None,
        default: None,
        identity: None,
        identity_options: None,
        identity_sequence: None,
        generated: None,
        generated_virtual: false,
        collation: None,
        comment: None,
        position: 0,
    }
}

/// A table holding `columns` in the order given.
pub fn table(name: &str, columns: Vec<Column>) -> Table {
    Table {
        name: name.into(),
        columns: columns
            .into_iter()
            .enumerate()
            .map(|(i, mut c)| {
                c.position = i as i32 + 1;
                (c.name.clone(), c)
            })
            .collect(),
        constraints: Default::default(),
        comment: None,
        row_security: false,
        force_row_security: false,
        partition_by: None,
        partition_of: None,
        partition_not_null_names: Default::default(),
    }
}

pub fn check(name: &str, definition: &str) -> Constraint {
    Constraint {
        name: name.into(),
        kind: ConstraintKind::Check,
        definition: definition.into(),
        references: None,
    }
}

pub fn unique(name: &str, column: &str) -> Constraint {
    Constraint {
        name: name.into(),
        kind: ConstraintKind::Unique,
        definition: format!("UNIQUE ({column})"),
        references: None,
    }
}

pub fn primary_key(name: &str, column: &str) -> Constraint {
    Constraint {
        name: name.into(),
        kind: ConstraintKind::PrimaryKey,
        definition: format!("PRIMARY KEY ({column})"),
        references: None,
    }
}

/// `column` referencing `table(id)`.
pub fn foreign_key(name: &str, column: &str, table: &str) -> Constraint {
    Constraint {
        name: name.into(),
        kind: ConstraintKind::ForeignKey,
        definition: format!("FOREIGN KEY ({column}) REFERENCES {table}(id)"),
        references: Some(table.into()),
    }
}

/// A btree index on one column; `name` qualified.
pub fn index(name: &str, table: &str, column: &str) -> Index {
    let bare = name.rsplit('.').next().unwrap_or(name);
    Index {
        name: name.into(),
        table: table.into(),
        definition: format!("CREATE INDEX {bare} ON {table} USING btree ({column})"),
    }
}

/// A plain view reading `depends_on`.
pub fn view(name: &str, depends_on: &[&str]) -> View {
    View {
        name: name.into(),
        materialized: false,
        definition: " SELECT 1".into(),
        depends_on: depends_on.iter().map(|d| d.to_string()).collect(),
    }
}

/// A SQL function with no arguments returning `body`.
pub fn function(signature: &str, result: &str, arguments: &str, body: &str) -> Function {
    let name = signature.split('(').next().unwrap_or(signature);
    Function {
        signature: signature.into(),
        procedure: false,
        result: result.into(),
        arguments: arguments.into(),
        definition: format!(
            "CREATE OR REPLACE FUNCTION {name}({arguments}) RETURNS {result} LANGUAGE sql AS $$ SELECT {body} $$"
        ),
    }
}

pub fn sequence(name: &str) -> Sequence {
    Sequence {
        name: name.into(),
        data_type: "bigint".into(),
        start: "1".into(),
        increment: "1".into(),
        min: "1".into(),
        max: "9223372036854775807".into(),
        cache: "1".into(),
        cycle: false,
        owned_by: None,
    }
}
