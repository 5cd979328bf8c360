//! The SQLite model as an entity-relationship diagram. The model keeps
//! each table's `CREATE TABLE` statement; SQLite itself reads them best:
//! they are run in an in-memory database and read back with
//! `pragma_table_info`, `pragma_foreign_key_list` and `pragma_index_list`,
//! so types, keys and references are exactly what SQLite understood.

use super::model::SqliteSchema;
use crate::autogen::erd::{Erd, ErdColumn, ErdRelation, ErdTable};
use crate::db::sqlite::SqliteDatabase;
use crate::db::{Database, SqlValue};
use crate::url::SqliteTarget;
use crate::Result;
use std::time::Duration;

pub(crate) fn erd(schema: &SqliteSchema) -> Result<Erd> {
    let mut db = SqliteDatabase::open(&SqliteTarget::Memory, Duration::ZERO)?;
    let mut tables: Vec<_> = schema
        .tables
        .values()
        .filter(|t| t.virtual_table.is_none())
        .collect();
    tables.sort_by_key(|t| t.position);
    for table in &tables {
        db.execute_script(&table.sql)?;
    }
    let mut erd = Erd::default();
    for table in &tables {
        let name = SqlValue::Text(table.name.clone());
        let columns = db.query_text(
            "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1) ORDER BY cid",
            std::slice::from_ref(&name),
        )?;
        // Single-column unique keys, from the indexes UNIQUE constraints made.
        let unique: Vec<String> = db
            .query_text(
                "SELECT min(i.name) FROM pragma_index_list(?1) l, pragma_index_info(l.name) i \
                 WHERE l.\"unique\" AND l.origin <> 'pk' GROUP BY l.name HAVING count(*) = 1",
                std::slice::from_ref(&name),
            )?
            .into_iter()
            .filter_map(|row| row.into_iter().next().flatten())
            .collect();
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        erd.tables.push(ErdTable {
            name: table.name.clone(),
            columns: columns
                .iter()
                .map(|row| {
                    let primary_key = text(&row[3]) != "0";
                    ErdColumn {
                        name: text(&row[0]),
                        data_type: text(&row[1]),
                        // A rowid alias cannot be null, whatever it says.
                        not_null: text(&row[2]) == "1" || primary_key,
                        primary_key,
                        foreign_key: false,
                        unique: unique.contains(&text(&row[0])),
                    }
                })
                .collect(),
        });
        let keys = db.query_text(
            "SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?1) ORDER BY id, seq",
            std::slice::from_ref(&name),
        )?;
        let mut relations: Vec<(String, ErdRelation)> = Vec::new();
        for row in keys {
            let id = text(&row[0]);
            if relations.last().map(|(i, _)| i) != Some(&id) {
                relations.push((
                    id.clone(),
                    ErdRelation {
                        table: table.name.clone(),
                        columns: Vec::new(),
                        referenced: referenced_name(schema, &text(&row[1])),
                        referenced_columns: Vec::new(),
                    },
                ));
            }
            let relation = &mut relations.last_mut().expect("just pushed").1;
            relation.columns.push(text(&row[2]));
            // No column named: the referenced table's primary key.
            relation.referenced_columns.push(text(&row[3]));
        }
        erd.relations
            .extend(relations.into_iter().map(|(_, relation)| relation));
    }
    Ok(erd.finish())
}

/// The referenced table as the schema spells it (a foreign key may name
/// it in another letter case).
fn referenced_name(schema: &SqliteSchema, name: &str) -> String {
    schema
        .tables
        .get(&super::model::key(name))
        .map_or_else(|| name.to_string(), |t| t.name.clone())
}
