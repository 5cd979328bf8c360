//! What `verify` found: one result per revision walked, and the comparison
//! of the heads with the target schema.

use crate::i18n::Description;
use serde::Serialize;
use std::path::PathBuf;

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// The revisions walked, in the order they were upgraded to.
    pub revisions: Vec<RevisionResult>,
    /// Revisions of the range not walked, because an upgrade before them
    /// failed.
    pub not_reached: Vec<String>,
    pub target: TargetCheck,
}

impl VerifyReport {
    /// How many revisions failed a check, and whether the heads differ from
    /// the target schema: 0 when everything passed.
    pub fn failures(&self) -> usize {
        let revisions = self.revisions.iter().filter(|r| !r.passed()).count();
        let target = usize::from(matches!(self.target, TargetCheck::Differs { .. }));
        revisions + target
    }

    pub fn passed(&self) -> bool {
        self.failures() == 0
    }
}

/// One revision walked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RevisionResult {
    pub revision: String,
    /// Its migration file.
    pub file: PathBuf,
    /// Its message (the file's first comment line).
    pub message: String,
    /// Empty when every check passed.
    pub findings: Vec<Finding>,
}

impl RevisionResult {
    /// True unless a finding is a failure (a declared no-op is not).
    pub fn passed(&self) -> bool {
        self.findings.iter().all(|f| !f.is_failure())
    }
}

/// One thing found about a revision. Differences are listed as
/// autogenerate lists them: the changes that would take the schema the
/// downgrade left back to the schema before the upgrade. Differences and
/// errors are shown in the reader's language and serialized in English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// The upgrade failed; nothing after it could be walked.
    UpgradeFails { error: Description },
    /// No downgrade SQL and no `no-op` declaration: the downgrade is
    /// refused. `leaves_behind` is what its upgrade made.
    Irreversible { leaves_behind: Vec<Description> },
    /// The downgrade is declared a deliberate no-op (not a failure):
    /// `leaves_behind` is what its upgrade made and the downgrade keeps.
    DeclaredNoOp { leaves_behind: Vec<Description> },
    /// The downgrade failed.
    DowngradeFails { error: Description },
    /// The downgrade ran but the schema is not what it was before the
    /// upgrade.
    DowngradeLeavesDifferences { differences: Vec<Description> },
    /// The upgrade failed when run again after its own downgrade.
    UpgradeNotRepeatable { error: Description },
}

impl Finding {
    pub fn is_failure(&self) -> bool {
        !matches!(self, Finding::DeclaredNoOp { .. })
    }
}

/// The schema at the heads against the target schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum TargetCheck {
    /// No `target_schema` and no `schema.sql`.
    NotConfigured,
    /// The walk did not end at every head (`--to`, or an upgrade failed).
    NotReached,
    InSync,
    Differs { differences: Vec<Description> },
}
