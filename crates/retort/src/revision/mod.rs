//! The revision graph and Alembic's identifier grammar. Pure: no IO, no
//! database. Given the current heads and a target it returns a [`Plan`].

pub mod plan;

pub use plan::{Direction, Plan, PlanStep, StepKind, VersionOp};
use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum RevisionError {
    /// Worded as Alembic words it, naming the revision.
    #[error("{0}")]
    Message(String),
}

/// What the graph needs to know of one migration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub id: String,
    pub down_revisions: Vec<String>,
    pub branch_labels: Vec<String>,
    pub depends_on: Vec<String>,
}

/// The graph of all revisions, built from revisions in file-name order.
#[derive(Debug, Clone)]
pub struct RevisionMap {}
