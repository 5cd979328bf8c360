//! Autogenerate for SQLite. The target schema is loaded into an in-memory
//! SQLite database and read by the same introspection as the live one;
//! the diff prefers SQLite's own ADD/DROP/RENAME COLUMN and rebuilds the
//! table for every other change (see [`render`]).

pub mod diff;
mod erd;
pub mod ops;
pub mod render;

pub use diff::diff;
pub use ops::SqliteOp;

pub mod introspect;
pub mod model;
mod scope;
pub mod tokens;

pub use introspect::introspect_sqlite;

use super::backend::{Backend, Change};
use crate::i18n::Description;
use super::header::header;
use super::introspect_options::IntrospectOptions;
use super::output::Migration;
use super::rename::{ColumnRename, RenameCandidate, RenameRequests};
use super::side::Side;
use super::target::{load_target, render, RenderedTarget, TargetSettings};
use crate::db::sqlite::SqliteDatabase;
use crate::db::Database;
use crate::url::{DatabaseUrl, SqliteTarget};
use crate::{tr, Error, Result};
use model::{key, SqliteSchema};
use std::time::Duration;

/// Where one side of a comparison comes from.
#[derive(Debug, Clone)]
pub enum SqliteSource {
    /// A database file (or `sqlite://` in memory, which is always empty).
    Database(SqliteTarget),
    /// The target's sources as SQL, run in order in a fresh in-memory
    /// database.
    Files(Vec<RenderedTarget>),
}

/// Reads one side of a comparison into the model.
pub fn read_schema(source: &SqliteSource, options: &IntrospectOptions) -> Result<SqliteSchema> {
    match source {
        SqliteSource::Database(target) => {
            let mut db = SqliteDatabase::open(target, Duration::from_secs(30))?;
            Ok(introspect_sqlite(&mut db, options)?)
        }
        SqliteSource::Files(files) => {
            let mut db = SqliteDatabase::open(&SqliteTarget::Memory, Duration::ZERO)?;
            for file in files {
                load_target(&mut db, file)?;
            }
            Ok(introspect_sqlite(&mut db, options)?)
        }
    }
}

/// The SQLite backend: target schemas load into SQLite in memory, so no
/// server is involved.
pub(crate) struct SqliteBackend {
    options: IntrospectOptions,
    target: TargetSettings,
}

impl SqliteBackend {
    pub(crate) fn new(options: IntrospectOptions, target: TargetSettings) -> SqliteBackend {
        SqliteBackend { options, target }
    }
}

impl Change for SqliteOp {
    fn describe(&self) -> String {
        SqliteOp::describe(self)
    }
    fn danger(&self) -> Option<String> {
        SqliteOp::danger(self)
    }
}

impl Backend for SqliteBackend {
    type Schema = SqliteSchema;
    type Op = SqliteOp;

    fn read(&self, side: &Side) -> Result<SqliteSchema> {
        let source = match side {
            Side::Database(DatabaseUrl::Sqlite(target)) => SqliteSource::Database(target.clone()),
            Side::Database(DatabaseUrl::Postgres(_)) => {
                return Err(Error::Usage(tr!("autogen-compare-sqlite-only")))
            }
            Side::Files(sources) => SqliteSource::Files(render(
                sources,
                crate::url::Dialect::Sqlite,
                &self.target,
            )?),
        };
        read_schema(&source, &self.options)
    }

    fn restrict(&self, from: &mut SqliteSchema, to: &mut SqliteSchema) {
        let scope = crate::autogen::scope::Scope::new(&self.options.scope);
        scope::restrict_sqlite(&scope, from, to);
    }

    fn erd(&self, schema: &SqliteSchema) -> Result<crate::autogen::erd::Erd> {
        erd::erd(schema)
    }

    fn read_open(&self, db: &mut dyn Database) -> Result<SqliteSchema> {
        Ok(introspect_sqlite(db, &self.options)?)
    }

    fn is_dropped_table(&self, from: &SqliteSchema, to: &SqliteSchema, name: &str) -> bool {
        let name = key(name.strip_prefix("main.").unwrap_or(name));
        from.tables.contains_key(&name) && !to.tables.contains_key(&name)
    }

    fn diff(
        &self,
        from: &SqliteSchema,
        to: &SqliteSchema,
        renames: &RenameRequests,
    ) -> Result<Vec<SqliteOp>> {
        let tables: Vec<(String, String)> = renames
            .tables
            .iter()
            .map(|t| (t.from.clone(), t.to.clone()))
            .collect();
        let (renamed, mut ops) = apply_renames(from, to, &tables, &renames.columns)?;
        ops.extend(diff(&renamed, to));
        Ok(ops)
    }

    fn rename_candidates(&self, ops: &[SqliteOp]) -> Vec<RenameCandidate> {
        rename_candidates(ops)
    }

    fn render_migration(&self, ops: &[SqliteOp]) -> Migration {
        render_migration(ops)
    }

    fn render_statements(&self, ops: &[SqliteOp]) -> String {
        render_statements(ops)
    }
}

/// The upgrade from `ops` and the downgrade from their inverses, reversed.
pub fn render_migration(ops: &[SqliteOp]) -> Migration {
    let mut header = header(ops, &rename_candidates(ops));
    let inverses: Vec<SqliteOp> = ops.iter().rev().map(SqliteOp::inverse).collect();
    let own_transaction = render::needs_own_transaction(ops);
    if own_transaction {
        header.push(
            "-- WARNING: a table that foreign keys refer to is rebuilt; dropping it with foreign \
             keys enforced would run their ON DELETE actions, so this section switches \
             enforcement off, which SQLite allows only outside a transaction, and runs in a \
             transaction of its own"
                .to_string(),
        );
    }
    Migration {
        upgrade: format!("{}\n\n{}", header.join("\n"), render_statements(ops)),
        downgrade: render_statements(&inverses),
        upgrade_no_transaction: own_transaction,
        downgrade_no_transaction: render::needs_own_transaction(&inverses),
    }
}

/// The statements of `ops`, one per line (or block), in order.
pub fn render_statements(ops: &[SqliteOp]) -> String {
    let mut out = String::new();
    for statement in render::render_statements(ops) {
        out.push_str(&statement);
        out.push('\n');
    }
    out
}

/// Dropped and added tables with the same column definitions, and dropped
/// and added columns on one table: renames are never assumed, only pointed out.
pub fn rename_candidates(ops: &[SqliteOp]) -> Vec<RenameCandidate> {
    fn shape(table: &model::SqliteTable) -> Vec<&str> {
        let mut columns: Vec<&str> = table
            .columns
            .iter()
            .map(|c| c.definition.as_str())
            .collect();
        columns.sort_unstable();
        columns
    }
    let column = |table: &str, old: &str, new: &str| RenameCandidate {
        request: format!("{table}.{old}={new}"),
        description: Description::new(|| {
            tr!(
                "autogen-rename-candidate-column",
                from = format!("{table}.{old}"),
                to = format!("{table}.{new}")
            )
        }),
    };
    let mut found = Vec::new();
    for op in ops {
        match op {
            SqliteOp::DropTable(old) => {
                for other in ops {
                    if let SqliteOp::CreateTable(new) = other {
                        if !old.columns.is_empty() && shape(old) == shape(new) {
                            found.push(RenameCandidate {
                                request: format!("{}={}", old.name, new.name),
                                description: Description::new(|| {
                                    tr!(
                                        "autogen-rename-candidate-table",
                                        from = &old.name,
                                        to = &new.name
                                    )
                                }),
                            });
                        }
                    }
                }
            }
            SqliteOp::DropColumn { table, column: old } => {
                for other in ops {
                    if let SqliteOp::AddColumn {
                        table: t,
                        column: new,
                    } = other
                    {
                        if key(t) == key(table) {
                            found.push(column(table, &old.name, &new.name));
                        }
                    }
                }
            }
            SqliteOp::RebuildTable { from, to, .. } => {
                for old in from.columns.iter().filter(|c| to.column(&c.name).is_none()) {
                    for new in to.columns.iter().filter(|c| from.column(&c.name).is_none()) {
                        found.push(column(&to.name, &old.name, &new.name));
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// The requested renames as ops, and `from` as it is after them: the
/// renames are made on a copy of `from` in memory, so that what SQLite
/// rewrites along with a column (indexes, views, triggers, constraints)
/// is exactly what the rest of the diff starts from.
pub fn apply_renames(
    from: &SqliteSchema,
    to: &SqliteSchema,
    tables: &[(String, String)],
    renames: &[ColumnRename],
) -> Result<(SqliteSchema, Vec<SqliteOp>)> {
    if renames.is_empty() && tables.is_empty() {
        return Ok((from.clone(), Vec::new()));
    }
    let mut ops = Vec::new();
    for (old, new) in tables {
        let (old, new) = (
            old.strip_prefix("main.").unwrap_or(old),
            new.strip_prefix("main.").unwrap_or(new),
        );
        let applies = from.tables.contains_key(&key(old))
            && !to.tables.contains_key(&key(old))
            && to.tables.contains_key(&key(new))
            && !from.tables.contains_key(&key(new));
        if !applies {
            return Err(Error::Usage(tr!(
                "autogen-rename-no-such-table",
                request = format!("{old}={new}"),
                from = old,
                to = new
            )));
        }
        ops.push(SqliteOp::RenameTable {
            from: from.tables[&key(old)].name.clone(),
            to: to.tables[&key(new)].name.clone(),
        });
    }
    for rename in renames {
        let table = rename.table.strip_prefix("main.").unwrap_or(&rename.table);
        // A column of a renamed table is named by the table's new name.
        let before = tables
            .iter()
            .find(|(_, new)| key(new.strip_prefix("main.").unwrap_or(new)) == key(table))
            .map_or(table, |(old, _)| old.strip_prefix("main.").unwrap_or(old));
        let old = from.tables.get(&key(before));
        let new = to.tables.get(&key(table));
        let matches = match (old, new) {
            (Some(old), Some(new)) => {
                old.column(&rename.from).is_some()
                    && new.column(&rename.from).is_none()
                    && new.column(&rename.to).is_some()
                    && old.column(&rename.to).is_none()
            }
            _ => false,
        };
        let (Some(old), true) = (old, matches) else {
            return Err(Error::Usage(tr!(
                "autogen-rename-no-such-column",
                request = format!("{}.{}={}", rename.table, rename.from, rename.to),
                from = &rename.from,
                to = &rename.to
            )));
        };
        ops.push(SqliteOp::RenameColumn {
            table: new.map_or(old.name.clone(), |t| t.name.clone()),
            from: old
                .column(&rename.from)
                .map_or(rename.from.clone(), |c| c.name.clone()),
            to: rename.to.clone(),
        });
    }
    let mut db = SqliteDatabase::open(&SqliteTarget::Memory, Duration::ZERO)?;
    db.execute_script(&recreate_script(from))?;
    db.execute_script(&render_statements(&ops))?;
    let renamed = introspect_sqlite(&mut db, &IntrospectOptions::default())?;
    Ok((renamed, ops))
}

/// Statements that make `schema` again in an empty database.
fn recreate_script(schema: &SqliteSchema) -> String {
    let mut tables: Vec<_> = schema.tables.values().collect();
    tables.sort_by_key(|t| t.position);
    let mut views: Vec<_> = schema.views.values().collect();
    views.sort_by_key(|v| v.position);
    let mut triggers: Vec<_> = schema.triggers.values().collect();
    triggers.sort_by_key(|t| t.position);
    tables
        .iter()
        .map(|t| t.sql.as_str())
        .chain(schema.indexes.values().map(|i| i.sql.as_str()))
        .chain(views.iter().map(|v| v.sql.as_str()))
        .chain(triggers.iter().map(|t| t.sql.as_str()))
        .map(|sql| format!("{};\n", sql.trim_end().trim_end_matches(';')))
        .collect()
}
