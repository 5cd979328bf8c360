//! `verify`: every revision of the history checked on a scratch database,
//! as pytest-alembic's tests check an Alembic history.
//!
//! For each revision in upgrade order (every branch and merge point), the
//! "stairway": upgrade to it, downgrade one step, compare the schema with
//! the one before the upgrade, upgrade again. Then, at the heads, the
//! schema is compared with the target schema. Schemas are read and compared
//! by autogenerate's own backends, so a difference is listed as
//! autogenerate would list it. The project's database is never opened:
//! its URL only picks the dialect and, without `dev_url`, the server.

// The report, the scratch database, then the walk that fills the one on
// the other.
mod report;
mod scratch;
mod stairway;

pub use report::{Finding, RevisionResult, TargetCheck, VerifyReport};
pub use stairway::VerifyOptions;
