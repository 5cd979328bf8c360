//! What a run tells: each step before it runs, and what it did.

use crate::revision::{Plan, PlanStep};
use crate::script::Script;
use std::time::Duration;

/// Told before each step runs, so a front end can say what is happening.
pub struct StepEvent<'a> {
    pub step: &'a PlanStep,
    /// The step's file, for migration steps.
    pub script: Option<&'a Script>,
    /// This migration's place in the run, from 1, and how many migrations
    /// the run has (stamps not counted): for "revision 3 of 12".
    pub position: usize,
    pub total: usize,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunReport {
    pub steps: Vec<StepReport>,
    /// Applied revisions whose edited upgrade was accepted (`allow_edited`).
    pub accepted_edits: Vec<String>,
    /// What the version table holds after the run.
    pub heads: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepReport {
    pub step: PlanStep,
    /// From the step's start to its version row written, and committed when
    /// the step commits on its own (`transaction_per_migration`, or a
    /// `no-transaction` section).
    pub duration: Duration,
}

/// The plan made from the heads read under the lock, and the revisions
/// those heads say are applied (their ancestry), whose files are checked
/// against the log's checksums.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlannedRun {
    pub plan: Plan,
    pub applied: Vec<String>,
}

/// Told of each step before it runs (progress output, logging).
pub type StepObserver = Box<dyn FnMut(&StepEvent<'_>) + Send>;
