//! A plan: the ordered steps from a set of current heads to a target, with
//! the version-table change each step makes (Alembic's HeadMaintainer).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// One change to the version table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionOp {
    Insert(String),
    Delete(String),
    Update { from: String, to: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepKind {
    /// Run this revision's upgrade or downgrade section.
    Migration { revision: String, direction: Direction },
    /// Change only the version table (`stamp`).
    Stamp { from: Vec<String>, to: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanStep {
    pub kind: StepKind,
    /// The version-table changes that go with this step, in order.
    pub version_ops: Vec<VersionOp>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// The heads the plan starts from (the version table's rows).
    pub start_heads: Vec<String>,
    pub steps: Vec<PlanStep>,
    /// Stamp with `--purge`: empty the version table first.
    pub purge: bool,
}
