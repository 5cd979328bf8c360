//! The scratch database the target schema is loaded into, so that
//! PostgreSQL itself normalises it. It is dropped when the guard goes, on
//! success and on error alike.
//!
//! A process killed outright (`kill -9`, the OOM killer, a lost machine)
//! drops nothing, so every run first drops the scratch databases that no
//! live run holds. Which are held is told by an advisory lock: the run
//! takes it on its own connection to the server *before* `CREATE
//! DATABASE` and keeps that connection until the database is dropped, so
//! a scratch database whose lock nobody holds belongs to a run that is
//! gone. The server releases the lock the moment that run's connection
//! closes, which the kernel does for a killed process.

use crate::db::pg_params::PgParams;
use crate::db::postgres::PgDatabase;
use crate::db::{Database, DbError, SqlValue};
use crate::tr;
use crate::Result;
use std::sync::Mutex;

/// Every scratch database's name starts so; `_` is escaped for `LIKE`.
const PREFIX: &str = "retort_scratch_";
const PREFIX_PATTERN: &str = r"retort\_scratch\_%";

/// The first key of the two-key advisory lock held on each scratch
/// database (the second is the server's `hashtext` of its name), so that
/// it cannot be mistaken for the migration lock, which takes one bigint.
const LOCK_CLASS: i32 = 0x7274_7363; // "rtsc"

/// The scratch databases that exist right now, so that an interrupted
/// process (Ctrl-C) can drop them before it goes: a guard's `Drop` does not
/// run when the process is killed by a signal.
static ACTIVE: Mutex<Vec<(PgParams, String)>> = Mutex::new(Vec::new());

/// Drops every scratch database this process has and has not yet dropped.
/// For a signal handler: the process is about to exit.
pub fn drop_active_scratch_databases() {
    let active = std::mem::take(&mut *ACTIVE.lock().unwrap_or_else(|e| e.into_inner()));
    for (server, name) in active {
        let dropped =
            PgDatabase::connect(&server).and_then(|mut admin| drop_database(&mut admin, &name));
        if let Err(e) = dropped {
            eprintln!(
                "{}",
                tr!("autogen-scratch-drop-failed", name = name, error = e.to_string())
            );
        }
    }
}

/// `WITH (FORCE)` ends the sessions still loading into it (those of a
/// killed run, too, whose statement the server is still running).
fn drop_database(admin: &mut PgDatabase, name: &str) -> std::result::Result<(), DbError> {
    admin.execute_script(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
}

/// The scratch databases left behind by runs that are gone: named so, not
/// locked by anyone, and ours to drop (owned by a role this user is a
/// member of; a superuser is a member of every role). Names in the format
/// of earlier versions, which took no lock, count as gone only while no
/// session is connected to them.
const LEFTOVERS: &str = "SELECT d.datname::text FROM pg_database d \
     WHERE d.datname LIKE $1 \
       AND pg_has_role(d.datdba, 'MEMBER') \
       AND NOT EXISTS (SELECT 1 FROM pg_locks l \
                       WHERE l.locktype = 'advisory' AND l.objsubid = 2 \
                         AND l.classid = ($2::int8)::int4::oid \
                         AND l.objid = hashtext(d.datname)::oid) \
       AND (d.datname ~ '^retort_scratch_p[0-9]+_' \
            OR NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datid = d.oid)) \
     ORDER BY 1";

/// Drops the scratch databases of runs that are gone. Best effort: a
/// leftover that cannot be dropped now (another run is dropping it at the
/// same moment) is tried again by the next run, so failures are silent.
pub fn drop_leftovers(admin: &mut PgDatabase) {
    let Ok(rows) = admin.query_text(
        LEFTOVERS,
        &[
            SqlValue::Text(PREFIX_PATTERN.to_string()),
            SqlValue::Int(i64::from(LOCK_CLASS)),
        ],
    ) else {
        return;
    };
    for name in rows
        .into_iter()
        .filter_map(|row| row.into_iter().next().flatten())
    {
        // Quoted as written: the pattern admits no quote, and a name with
        // one could not have come from here.
        if name.starts_with(PREFIX) && !name.contains('"') {
            let _ = drop_database(admin, &name);
        }
    }
}

/// A new scratch database's name: who made it (process id) and when (Unix
/// seconds), for a person looking at the server, and chance, for two
/// machines whose processes share an id.
fn new_name() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format!(
        "{PREFIX}p{}_{seconds}_{:08x}",
        std::process::id(),
        rand::random::<u32>()
    )
}

pub struct ScratchDatabase {
    /// Where `CREATE DATABASE` ran, and where `DROP DATABASE` will.
    server: PgParams,
    name: String,
    /// The connection holding this database's advisory lock: open for as
    /// long as the database is in use.
    admin: PgDatabase,
}

impl ScratchDatabase {
    /// Drops the leftovers of runs that are gone, then creates
    /// `retort_scratch_p<pid>_<seconds>_<random>` on the server `server`
    /// connects to, locked for as long as the guard lives.
    pub fn create(server: &PgParams) -> Result<ScratchDatabase> {
        let name = new_name();
        let mut admin = PgDatabase::connect(server)?;
        drop_leftovers(&mut admin);
        admin.query_text(
            "SELECT 'locked' FROM pg_advisory_lock(($1::int8)::int4, hashtext($2))",
            &[
                SqlValue::Int(i64::from(LOCK_CLASS)),
                SqlValue::Text(name.clone()),
            ],
        )?;
        // No STRATEGY: the default since PostgreSQL 15, WAL_LOG, copies
        // template1 through the WAL. FILE_COPY is a few milliseconds faster
        // on an idle server but checkpoints: with dirty buffers to write it
        // took 0.5 to 1.5 s where WAL_LOG took 0.04 to 0.35 s. Older servers
        // know neither word.
        admin.execute_script(&format!("CREATE DATABASE {name}")).map_err(|e| {
            DbError::Message(tr!(
                "autogen-scratch-create-failed",
                server = server.describe(),
                error = e.to_string()
            ))
        })?;
        ACTIVE
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((server.clone(), name.clone()));
        Ok(ScratchDatabase {
            server: server.clone(),
            name,
            admin,
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
        // The lock goes with the connection, after the database.
        let dropped = drop_database(&mut self.admin, &self.name).or_else(|_| {
            // The held connection may be what broke; a new one may not be.
            PgDatabase::connect(&self.server)
                .and_then(|mut admin| drop_database(&mut admin, &self.name))
        });
        if let Err(e) = dropped {
            eprintln!(
                "{}",
                tr!(
                    "autogen-scratch-drop-failed",
                    name = &self.name,
                    error = e.to_string()
                )
            );
        }
    }
}
