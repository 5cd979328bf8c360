//! The one place a database's dialect picks an autogenerate backend, and
//! the settings become the backend's own. It sits above the backends (it
//! names them) and below the pipeline (which hands it the work).

use super::backend::Backend;
#[cfg(feature = "postgres")]
use super::postgres::PgBackend;
use super::settings::Settings;
#[cfg(feature = "sqlite")]
use super::sqlite::SqliteBackend;
use crate::url::{DatabaseUrl, Dialect};
use crate::Result;

/// Work to do with whichever backend the database needs: a trait rather
/// than a closure because the work is generic over the backend.
pub(crate) trait Job {
    type Output;
    fn run<B: Backend>(self, backend: &B) -> Result<Self::Output>;
}

/// Runs `job` with the backend for `database`'s dialect: the only `match`
/// from a dialect to an autogenerate backend.
pub(crate) fn with_backend<J: Job>(
    database: &DatabaseUrl,
    settings: &Settings,
    job: J,
) -> Result<J::Output> {
    match database.dialect() {
        #[cfg(feature = "postgres")]
        Dialect::Postgres => {
            // Without a dev URL, scratch databases go on the database's own server.
            let scratch_on = settings.dev_url.as_ref().unwrap_or(database);
            let backend = PgBackend::new(
                scratch_on,
                &settings.connect,
                settings.introspect.clone(),
                settings.cache.clone(),
                settings.concurrent_indexes,
                settings.target.clone(),
            )?;
            job.run(&backend)
        }
        #[cfg(feature = "sqlite")]
        Dialect::Sqlite => job.run(&SqliteBackend::new(
            settings.introspect.clone(),
            settings.target.clone(),
        )),
        // A database whose driver this build left out.
        #[allow(unreachable_patterns)]
        dialect => Err(crate::db::DbError::not_built(dialect).into()),
    }
}
