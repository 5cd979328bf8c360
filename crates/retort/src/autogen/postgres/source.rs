//! Where each side of a comparison is read from: a live database, or schema
//! files loaded into a scratch database.

use super::introspect::introspect_postgres;
use super::model::Schema;
use super::scratch::ScratchDatabase;
use crate::autogen::target::{load_target, RenderedTarget};
use crate::autogen::IntrospectOptions;
use crate::db::pg_params::PgParams;
use crate::db::postgres::PgDatabase;
use crate::db::ConnectOptions;
use crate::url::DatabaseUrl;
use crate::{tr, Error, Result};

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
        DatabaseUrl::Sqlite(_) => Err(Error::Usage(tr!("autogen-compare-postgres-only"))),
    }
}
