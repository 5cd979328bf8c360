//! Autogenerate: compare a database with a target schema and write the
//! migration between them.
//!
//! Both sides are read by the same introspection; the target schema is first
//! loaded into a scratch database, so PostgreSQL normalises both (`int` and
//! `integer`, `now()` and `CURRENT_TIMESTAMP`, implicit names, casts).

pub mod cache;
pub mod comments;
pub mod convert;
pub mod diff;
pub mod ops;
pub mod rename;
pub mod rename_table;
pub mod render;
pub mod scratch;
pub mod sqlite;

pub use diff::diff;
pub use ops::Op;
pub use rename::{apply_renames, rename_candidates, ColumnRename, RenameCandidate};
pub use rename_table::TableRename;
pub use scratch::{load_schema_file, ScratchDatabase};

use crate::db::introspect::{introspect_postgres, IntrospectOptions};
use crate::db::pg_params::PgParams;
use crate::db::postgres::PgDatabase;
use crate::schema::Schema;
use crate::Result;
use std::path::PathBuf;

/// Where one side of a comparison comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A live database.
    Database(PgParams),
    /// Schema files, loaded in order into a scratch database on `server`.
    Files {
        files: Vec<PathBuf>,
        server: PgParams,
    },
}

/// Reads one side of a comparison into the model.
pub fn read_schema(source: &Source, options: &IntrospectOptions) -> Result<Schema> {
    match source {
        Source::Database(params) => {
            let mut db = PgDatabase::connect(params)?;
            Ok(introspect_postgres(db.client(), options)?)
        }
        Source::Files { files, server } => {
            let scratch = ScratchDatabase::create(server)?;
            let mut db = scratch.connect()?;
            for file in files {
                load_schema_file(&mut db, file)?;
            }
            Ok(introspect_postgres(db.client(), options)?)
        }
    }
}

/// The ops from `from` to `to`, with the renames the user asked for
/// (`--rename`): `OLD_TABLE=NEW_TABLE` for a table, `TABLE.OLD=NEW` for a
/// column. `schema.table=new` is a table rename when such a table is
/// dropped and one of the new name added, else a column rename.
pub fn diff_with_renames(from: &Schema, to: &Schema, renames: &[String]) -> Result<Vec<Op>> {
    let mut tables = Vec::new();
    let mut columns = Vec::new();
    for text in renames {
        let left = text.split_once('=').map_or(text.as_str(), |(l, _)| l);
        let as_table = TableRename::parse(text);
        match as_table {
            Ok(table) if !left.contains('.') || table.applies(from, to) => tables.push(table),
            Err(e) if !left.contains('.') => return Err(e),
            _ => columns.push(ColumnRename::parse(text)?),
        }
    }
    let (renamed, mut ops) = rename_table::rename_tables(from, to, &tables)?;
    ops.extend(diff(&renamed, to));
    apply_renames(ops, &columns)
}

/// Reads both sides of a comparison at the same time, each on its own
/// connection: loading schema files into a scratch database is most of the
/// work, and the other side's catalog is read meanwhile. The first side's
/// error wins when both fail, as when they were read one after the other.
/// Schema files go through `cache` when there is one.
pub fn read_schemas(
    from: &Source,
    to: &Source,
    options: &IntrospectOptions,
    cache: Option<&cache::SchemaCache>,
) -> Result<(Schema, Schema)> {
    let read = |source: &Source| match cache {
        Some(cache) => cache::read_files_cached(source, options, cache),
        None => read_schema(source, options),
    };
    std::thread::scope(|scope| {
        let to = scope.spawn(|| read(to));
        let from = read(from);
        let to = to
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Ok((from?, to?))
    })
}

/// A migration's two sections, as SQL text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// A comment block listing the changes (destructive ones with a
    /// `-- WARNING:` line), then the statements.
    pub upgrade: String,
    pub downgrade: String,
    /// The upgrade adds enum labels and uses them: PostgreSQL refuses a new
    /// label's use in the transaction that added it, so the section runs
    /// outside one (the file's `no-transaction` marker).
    pub upgrade_no_transaction: bool,
    /// The downgrade builds or drops indexes concurrently.
    pub downgrade_no_transaction: bool,
}

/// Choices in how ops become SQL.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// `CREATE INDEX CONCURRENTLY` and `DROP INDEX CONCURRENTLY`, which do
    /// not lock out writes but cannot run in a transaction
    /// (`autogenerate_concurrent_indexes` in retort.toml).
    pub concurrent_indexes: bool,
}

/// The upgrade from `ops` and the downgrade from their inverses, reversed.
pub fn render_migration(ops: &[Op]) -> Migration {
    render_migration_with(ops, RenderOptions::default())
}

pub fn render_migration_with(ops: &[Op], options: RenderOptions) -> Migration {
    let mut header =
        vec!["-- Changes detected by autogenerate; review before applying:".to_string()];
    for op in ops {
        header.push(format!("--   {}", op.describe()));
    }
    for op in ops {
        if let Some(danger) = op.danger() {
            header.push(format!("-- WARNING: {danger}"));
        }
    }
    header.extend(rename_hints(ops));
    let concurrent = options.concurrent_indexes
        && ops
            .iter()
            .any(|op| matches!(op, Op::CreateIndex(_) | Op::DropIndex(_)));
    if concurrent {
        header.push(
            "-- WARNING: indexes are built concurrently, so this migration runs outside a \
             transaction: a failure leaves the statements before it applied"
                .to_string(),
        );
    }
    let upgrade_no_transaction = uses_added_enum_labels(ops) || concurrent;
    if upgrade_no_transaction && !concurrent {
        header.push(
            "-- WARNING: new enum labels are used below, which PostgreSQL allows only after \
             they are committed, so the upgrade runs outside a transaction"
                .to_string(),
        );
    }
    let upgrade = format!(
        "{}\n\n{}",
        header.join("\n"),
        render_statements_with(ops.iter(), options)
    );
    let inverses: Vec<Op> = ops.iter().rev().map(Op::inverse).collect();
    let downgrade = render_statements_with(inverses.iter(), options);
    Migration {
        upgrade,
        downgrade,
        upgrade_no_transaction,
        downgrade_no_transaction: concurrent,
    }
}

/// True when a label that `ALTER TYPE ... ADD VALUE` adds appears, cast to
/// its type, in a later statement (a default, a check, an index predicate).
fn uses_added_enum_labels(ops: &[Op]) -> bool {
    ops.iter().enumerate().any(|(i, op)| {
        let Op::AlterEnum { from, to, .. } = op else {
            return false;
        };
        if ops::enum_change(from, to) != ops::EnumChange::AddValues {
            return false;
        }
        let short = to.name.rsplit('.').next().unwrap_or(&to.name);
        let later = render_statements(ops[i + 1..].iter());
        to.values
            .iter()
            .filter(|v| !from.values.contains(v))
            .any(|label| {
                let literal = render::literal(label);
                later.contains(&format!("{literal}::{short}"))
                    || later.contains(&format!("{literal}::{}", to.name))
            })
    })
}

/// The statements of `ops`, one per line (or block), in order.
pub fn render_statements<'a>(ops: impl Iterator<Item = &'a Op>) -> String {
    render_statements_with(ops, RenderOptions::default())
}

pub fn render_statements_with<'a>(
    ops: impl Iterator<Item = &'a Op>,
    options: RenderOptions,
) -> String {
    let mut out = String::new();
    for op in ops {
        let statements = if options.concurrent_indexes {
            render::render_op_concurrently(op)
        } else {
            render::render_op(op)
        };
        for statement in statements {
            out.push_str(&statement);
            out.push('\n');
        }
    }
    out
}

fn rename_hints(ops: &[Op]) -> Vec<String> {
    rename::rename_warnings(&rename::rename_candidates(ops))
}

/// The target schema files: `target_schema` from the configuration, or
/// `schema.sql` beside the configuration file.
pub fn target_files(config: &crate::config::Config) -> Vec<PathBuf> {
    if !config.target_schema.is_empty() {
        return config.target_schema.clone();
    }
    let dir = config
        .path
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    vec![dir.join("schema.sql")]
}

/// Connection parameters for a PostgreSQL URL; autogenerate speaks
/// PostgreSQL only for now.
pub fn postgres_params(
    url: &crate::url::DatabaseUrl,
    connect: &crate::db::ConnectOptions,
) -> Result<PgParams> {
    match url {
        crate::url::DatabaseUrl::Postgres(pg) => {
            let os_user = connect.os_user.clone().or_else(crate::db::connect::os_user);
            Ok(PgParams::resolve(
                pg,
                &connect.libpq_env,
                os_user.as_deref(),
            )?)
        }
        crate::url::DatabaseUrl::Sqlite(_) => Err(crate::Error::Usage(
            "autogenerate supports PostgreSQL databases only in this version".to_string(),
        )),
    }
}
