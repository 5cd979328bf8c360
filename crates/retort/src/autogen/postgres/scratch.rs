//! The scratch database the target schema is loaded into, so that
//! PostgreSQL itself normalises it. It is dropped when the guard goes, on
//! success and on error alike.

use crate::db::pg_params::PgParams;
use crate::db::postgres::PgDatabase;
use crate::db::{Database, DbError};
use crate::Result;
use std::sync::Mutex;

/// The scratch databases that exist right now, so that an interrupted
/// process (Ctrl-C) can drop them before it goes: a guard's `Drop` does not
/// run when the process is killed by a signal.
static ACTIVE: Mutex<Vec<(PgParams, String)>> = Mutex::new(Vec::new());

/// Drops every scratch database this process has and has not yet dropped.
/// For a signal handler: the process is about to exit.
pub fn drop_active_scratch_databases() {
    let active = std::mem::take(&mut *ACTIVE.lock().unwrap_or_else(|e| e.into_inner()));
    for (server, name) in active {
        drop_database(&server, &name);
    }
}

/// `WITH (FORCE)` ends the sessions still loading into it.
fn drop_database(server: &PgParams, name: &str) {
    let dropped = PgDatabase::connect(server).and_then(|mut admin| {
        admin.execute_script(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    });
    if let Err(e) = dropped {
        eprintln!("warning: could not drop the scratch database {name}: {e}");
    }
}

pub struct ScratchDatabase {
    /// Where `CREATE DATABASE` ran, and where `DROP DATABASE` will.
    server: PgParams,
    name: String,
}

impl ScratchDatabase {
    /// Creates `retort_scratch_<random>` on the server `server` connects to.
    pub fn create(server: &PgParams) -> Result<ScratchDatabase> {
        let name = format!("retort_scratch_{:016x}", rand::random::<u64>());
        let mut admin = PgDatabase::connect(server)?;
        // No STRATEGY: the default since PostgreSQL 15, WAL_LOG, copies
        // template1 through the WAL. FILE_COPY is a few milliseconds faster
        // on an idle server but checkpoints: with dirty buffers to write it
        // took 0.5 to 1.5 s where WAL_LOG took 0.04 to 0.35 s. Older servers
        // know neither word.
        admin.execute_script(&format!("CREATE DATABASE {name}")).map_err(|e| {
            DbError::Message(format!(
                "cannot create the scratch database on {} (set dev_url or --dev-url to a server where this user may CREATE DATABASE): {e}",
                server.describe()
            ))
        })?;
        ACTIVE
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((server.clone(), name.clone()));
        Ok(ScratchDatabase {
            server: server.clone(),
            name,
        })
    }

    pub fn connect(&self) -> Result<PgDatabase> {
        let mut params = self.server.clone();
        params.dbname = self.name.clone();
        Ok(PgDatabase::connect(&params)?)
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        ACTIVE
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|(_, name)| *name != self.name);
        drop_database(&self.server, &self.name);
    }
}
