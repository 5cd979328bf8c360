//! Autogenerate for PostgreSQL. The target schema is loaded into a scratch
//! database on the dev server and read by the same catalog queries as the
//! live database, so PostgreSQL normalises both (`int` and `integer`,
//! `now()` and `CURRENT_TIMESTAMP`, implicit names, casts).

pub mod cache;
pub mod diff;
pub mod introspect;
pub mod kinds;
pub mod model;
pub mod ops;
pub mod rename_column;
pub mod rename_table;
pub mod render;
pub mod retype;
pub mod scratch;
mod scope;

pub use diff::diff;
pub use introspect::introspect_postgres;
use ops::IndexOp;
pub use ops::Op;
pub use rename_column::{apply_renames, rename_candidates};
pub use rename_table::TableRename;
pub use scratch::ScratchDatabase;

use super::backend::{Backend, Change};
use super::rename::{RenameCandidate, RenameRequests};
use super::target::{load_target, render, RenderedTarget, TargetSettings};
use super::{IntrospectOptions, Migration, Settings, Side};
use crate::db::pg_params::PgParams;
use crate::db::postgres::PgDatabase;
use crate::db::ConnectOptions;
use crate::url::DatabaseUrl;
use crate::{Error, Result};
use model::Schema;

/// Where one side of a comparison comes from, with its connection resolved.
#[derive(Debug, Clone)]
pub enum Source {
    /// A live database.
    Database(PgParams),
    /// The target's sources as SQL, loaded in order into a scratch
    /// database on `server`.
    Files {
        files: Vec<RenderedTarget>,
        server: PgParams,
    },
}

/// Reads one side of a comparison into the model.
pub fn read_schema(source: &Source, options: &IntrospectOptions) -> Result<Schema> {
    match source {
        Source::Database(params) => {
            let mut db = PgDatabase::connect(params)?;
            Ok(introspect_postgres(&mut db, options)?)
        }
        Source::Files { files, server } => {
            let scratch = ScratchDatabase::create(server)?;
            let mut db = scratch.connect()?;
            for file in files {
                load_target(&mut db, file)?;
            }
            Ok(introspect_postgres(&mut db, options)?)
        }
    }
}

/// Connection parameters for a PostgreSQL URL.
pub fn postgres_params(url: &DatabaseUrl, connect: &ConnectOptions) -> Result<PgParams> {
    match url {
        DatabaseUrl::Postgres(pg) => {
            let os_user = connect.os_user.clone().or_else(crate::db::connect::os_user);
            Ok(PgParams::resolve(
                pg,
                &connect.libpq_env,
                os_user.as_deref(),
            )?)
        }
        DatabaseUrl::Sqlite(_) => Err(Error::Usage(
            "the project's database is PostgreSQL, so a database compared with it must be \
             PostgreSQL too"
                .to_string(),
        )),
    }
}

/// The PostgreSQL backend: where scratch databases go and what is left out.
pub(crate) struct PgBackend {
    scratch_server: PgParams,
    connect: ConnectOptions,
    options: IntrospectOptions,
    cache: Option<cache::SchemaCache>,
    concurrent_indexes: bool,
    target: TargetSettings,
}

impl PgBackend {
    pub(crate) fn new(database: &DatabaseUrl, settings: &Settings) -> Result<PgBackend> {
        // Without a dev URL, scratch databases go on the database's own server.
        let scratch_server = postgres_params(
            settings.dev_url.as_ref().unwrap_or(database),
            &settings.connect,
        )?;
        Ok(PgBackend {
            scratch_server,
            connect: settings.connect.clone(),
            options: settings.introspect.clone(),
            cache: settings.cache.clone(),
            concurrent_indexes: settings.concurrent_indexes,
            target: settings.target.clone(),
        })
    }

    fn source(&self, side: &Side) -> Result<Source> {
        Ok(match side {
            Side::Database(url) => Source::Database(postgres_params(url, &self.connect)?),
            Side::Files(sources) => Source::Files {
                files: render(sources, crate::url::Dialect::Postgres, &self.target)?,
                server: self.scratch_server.clone(),
            },
        })
    }

    fn render_options(&self) -> RenderOptions {
        RenderOptions {
            concurrent_indexes: self.concurrent_indexes,
        }
    }
}

impl Change for Op {
    fn describe(&self) -> String {
        Op::describe(self)
    }
    fn danger(&self) -> Option<String> {
        Op::danger(self)
    }
}

impl Backend for PgBackend {
    type Schema = Schema;
    type Op = Op;

    fn read(&self, side: &Side) -> Result<Schema> {
        let source = self.source(side)?;
        match &self.cache {
            Some(cache) => cache::read_files_cached(&source, &self.options, cache),
            None => read_schema(&source, &self.options),
        }
    }

    fn restrict(&self, from: &mut Schema, to: &mut Schema) {
        let scope = super::scope::Scope::new(&self.options.scope);
        scope::restrict_postgres(&scope, from, to);
    }

    fn is_dropped_table(&self, from: &Schema, to: &Schema, name: &str) -> bool {
        is_dropped_table(from, to, name)
    }

    fn diff(&self, from: &Schema, to: &Schema, renames: &RenameRequests) -> Result<Vec<Op>> {
        diff_with_requests(from, to, renames)
    }

    fn rename_candidates(&self, ops: &[Op]) -> Vec<RenameCandidate> {
        rename_candidates(ops)
    }

    fn render_migration(&self, ops: &[Op]) -> Migration {
        render_migration_with(ops, self.render_options())
    }

    fn render_statements(&self, ops: &[Op]) -> String {
        render_statements_with(ops.iter(), self.render_options())
    }
}

/// `name` as `--rename` writes it (`public.` when unqualified) is a table
/// of `from` that `to` no longer has.
fn is_dropped_table(from: &Schema, to: &Schema, name: &str) -> bool {
    TableRename::parse(&format!("{name}=x"))
        .is_ok_and(|t| from.tables.contains_key(&t.from) && !to.tables.contains_key(&t.from))
}

/// The ops from `from` to `to` with the `--rename` requests in `texts`.
pub fn diff_with_renames(from: &Schema, to: &Schema, texts: &[String]) -> Result<Vec<Op>> {
    let requests = RenameRequests::parse(texts, |name| is_dropped_table(from, to, name))?;
    diff_with_requests(from, to, &requests)
}

/// The ops from `from` to `to`: table renames first (they rename what is
/// named after the table too), then the diff, then column renames.
fn diff_with_requests(from: &Schema, to: &Schema, renames: &RenameRequests) -> Result<Vec<Op>> {
    let tables = renames
        .tables
        .iter()
        .map(|t| TableRename::parse(&format!("{}={}", t.from, t.to)))
        .collect::<Result<Vec<_>>>()?;
    let (renamed, mut ops) = rename_table::rename_tables(from, to, &tables)?;
    ops.extend(diff(&renamed, to));
    apply_renames(ops, &renames.columns)
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
    let mut header = super::pipeline::header(ops, &rename_candidates(ops));
    let concurrent = options.concurrent_indexes
        && ops
            .iter()
            .any(|op| matches!(op, Op::Index(IndexOp::Create(_) | IndexOp::Drop(_))));
    if concurrent {
        header.push(
            "-- WARNING: indexes are built concurrently, so this migration runs outside a \
             transaction: a failure leaves the statements before it applied"
                .to_string(),
        );
    }
    let upgrade_no_transaction = kinds::enums::uses_added_labels(ops) || concurrent;
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
