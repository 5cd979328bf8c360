//! What a fleet run did to each target, and the counts of its summary.

use super::target::FleetTarget;
use std::time::Duration;

/// Where a target stands after the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetStatus {
    /// Already at what was asked: nothing was changed (or, for `current`
    /// and `pending`, the version table was read and is at every head).
    AtTarget,
    /// Migrations ran (or the version table was stamped).
    Moved,
    /// `pending`: revisions are not applied yet.
    Behind,
    Failed,
    /// Never started: the run stopped first (`--fail-fast`,
    /// `--max-failures`, a failed canary, Ctrl-C).
    Skipped,
}

impl TargetStatus {
    /// The word for records and summaries.
    pub fn name(self) -> &'static str {
        match self {
            TargetStatus::AtTarget => "at_target",
            TargetStatus::Moved => "moved",
            TargetStatus::Behind => "behind",
            TargetStatus::Failed => "failed",
            TargetStatus::Skipped => "skipped",
        }
    }
}

/// One target's record.
#[derive(Debug, Clone)]
pub struct TargetOutcome {
    /// The target's place in the fleet's list.
    pub index: usize,
    pub target: FleetTarget,
    pub status: TargetStatus,
    /// What the version table holds after the run (empty when unknown).
    pub heads: Vec<String>,
    /// Migrations (and stamps) run; for `pending`, revisions not applied.
    pub steps: usize,
    /// The error, naming the revision and file:line when a migration failed;
    /// never a password.
    pub error: Option<String>,
    pub duration: Duration,
}

/// Every target's record, in the fleet's order.
#[derive(Debug, Clone, Default)]
pub struct FleetReport {
    pub outcomes: Vec<TargetOutcome>,
    pub elapsed: Duration,
}

impl FleetReport {
    pub fn count(&self, status: TargetStatus) -> usize {
        self.outcomes.iter().filter(|o| o.status == status).count()
    }

    pub fn failed(&self) -> impl Iterator<Item = &TargetOutcome> {
        self.outcomes
            .iter()
            .filter(|o| o.status == TargetStatus::Failed)
    }
}
