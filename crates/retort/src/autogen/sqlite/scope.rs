//! Scope on the SQLite model: tables and views by name (SQLite has no
//! schemas to scope by), with a table its indexes and triggers.

use super::model::SqliteSchema;
use crate::autogen::scope::{Kind, Scope};

pub(crate) fn restrict_sqlite(scope: &Scope, from: &mut SqliteSchema, to: &mut SqliteSchema) {
    for side in [from, to] {
        side.tables
            .retain(|_, table| scope.name_in(Kind::Table, Some("main"), &table.name));
        side.views
            .retain(|_, view| scope.name_in(Kind::View, Some("main"), &view.name));
        let tables = &side.tables;
        let views = &side.views;
        let owner = |table: &str| {
            let key = super::model::key(table);
            tables.contains_key(&key) || views.contains_key(&key)
        };
        side.indexes.retain(|_, index| owner(&index.table));
        side.triggers.retain(|_, trigger| owner(&trigger.table));
    }
}
