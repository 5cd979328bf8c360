//! The revision graph and Alembic's identifier grammar. Pure: no IO, no
//! database. Given the current heads and a target it returns a [`Plan`].
//!
//! The algorithms follow Alembic's `RevisionMap`, `ScriptDirectory` and
//! `HeadMaintainer` closely, walk for walk, because users depend on the exact
//! order in which migrations run and on which rows the version table ends up
//! with. Submodules:
//!
//! - [`graph`]: building the map (labels, dependencies, cycles) and the
//!   ancestor/descendant walks everything else is made of;
//! - [`ident`]: the identifier grammar (`head`, `LABEL@head`, prefixes,
//!   `-2`, `REV+1`...);
//! - [`walk`]: choosing which revisions an upgrade/downgrade visits and in
//!   which order;
//! - [`heads`]: the version-table rows each step inserts, updates, deletes;
//! - [`plan`]: upgrade, downgrade and stamp plans;
//! - [`schedule`]: where a plan's transactions begin and end, for both
//!   the online runner and the offline renderer;
//! - [`history`]: what `history`, `heads`, `branches`, `current` list;
//! - [`create`]: the parents of a new revision (`revision`, `merge`).

mod bitset;
mod closure;
mod create;
mod error;
mod graph;
mod heads;
mod history;
mod ident;
pub mod plan;
pub mod schedule;
mod walk;

/// Re-exported: plans are made of these (defined below both the planner and
/// the databases, which write them).
pub use crate::version_op::VersionOp;
pub use create::{NewRevisionParents, NewRevisionRequest};
pub use error::{CycleKind, RevisionError};
pub use graph::RevisionMap;
pub use history::BranchPoint;
pub use plan::{parse_migrate_argument, Direction, MigrateArgument, Plan, PlanStep, StepKind};

/// What the graph needs to know of one migration file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Revision {
    pub id: String,
    pub down_revisions: Vec<String>,
    pub branch_labels: Vec<String>,
    pub depends_on: Vec<String>,
}

impl Revision {
    /// A revision with the given parents and nothing else (handy in tests).
    pub fn new(id: impl Into<String>, down_revisions: &[&str]) -> Revision {
        Revision {
            id: id.into(),
            down_revisions: down_revisions.iter().map(|s| s.to_string()).collect(),
            branch_labels: Vec::new(),
            depends_on: Vec::new(),
        }
    }
}
