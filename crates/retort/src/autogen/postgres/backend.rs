//! The PostgreSQL autogenerate backend: what the pipeline calls, each
//! method handing over to the file that does the work.

use super::cache::{read_files_cached, SchemaCache};
use super::migration::{render_migration_with, render_statements_with, RenderOptions};
use super::introspect::introspect_postgres;
use super::model::Schema;
use super::ops::Op;
use super::rename_column::rename_candidates;
use super::requests::{diff_with_requests, is_dropped_table};
use super::source::{postgres_params, read_schema, Source};
use crate::autogen::backend::{Backend, Change};
use crate::autogen::output::Migration;
use crate::autogen::rename::{RenameCandidate, RenameRequests};
use crate::autogen::side::Side;
use crate::autogen::target::{render, TargetSettings};
use crate::autogen::IntrospectOptions;
use crate::db::pg_params::PgParams;
use crate::db::{ConnectOptions, Database};
use crate::url::DatabaseUrl;
use crate::Result;

/// The PostgreSQL backend: where scratch databases go and what is left out.
pub(crate) struct PgBackend {
    scratch_server: PgParams,
    connect: ConnectOptions,
    options: IntrospectOptions,
    cache: Option<SchemaCache>,
    concurrent_indexes: bool,
    target: TargetSettings,
}

impl PgBackend {
    /// A backend making its scratch databases on `scratch_on`'s server.
    pub(crate) fn new(
        scratch_on: &DatabaseUrl,
        connect: &ConnectOptions,
        options: IntrospectOptions,
        cache: Option<SchemaCache>,
        concurrent_indexes: bool,
        target: TargetSettings,
    ) -> Result<PgBackend> {
        Ok(PgBackend {
            scratch_server: postgres_params(scratch_on, connect)?,
            connect: connect.clone(),
            options,
            cache,
            concurrent_indexes,
            target,
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
            Some(cache) => read_files_cached(&source, &self.options, cache),
            None => read_schema(&source, &self.options),
        }
    }

    fn restrict(&self, from: &mut Schema, to: &mut Schema) {
        let scope = crate::autogen::scope::Scope::new(&self.options.scope);
        super::scope::restrict_postgres(&scope, from, to);
    }

    fn erd(&self, schema: &Schema) -> Result<crate::autogen::erd::Erd> {
        Ok(super::erd::erd(schema))
    }

    fn read_open(&self, db: &mut dyn Database) -> Result<Schema> {
        Ok(introspect_postgres(db, &self.options)?)
    }

    fn is_dropped_table(&self, from: &Schema, to: &Schema, name: &str) -> bool {
        is_dropped_table(from, to, name)
    }

    fn diff(&self, from: &Schema, to: &Schema, renames: &RenameRequests) -> Result<Vec<Op>> {
        let ops = diff_with_requests(from, to, renames)?;
        // Outside a transaction each statement commits, so the lock-friendly
        // form of a new constraint on a table in use is worth its second
        // statement.
        Ok(if self.concurrent_indexes {
            super::validate_later::validate_later(ops, from)
        } else {
            ops
        })
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
