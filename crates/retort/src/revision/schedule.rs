//! Where a plan's transactions begin and end. The online runner
//! ([`crate::runtime`]) and the offline renderer ([`crate::offline`]) both
//! walk this one schedule, so an `upgrade` and its `--sql` script cut the
//! same transactions.
//!
//! The rules:
//!
//! - by default the whole run is one transaction (Alembic's default);
//! - with `transaction_per_migration`, each step commits on its own;
//! - a `no-transaction` section runs outside any transaction: what is open
//!   commits first, then the section runs on its own (Alembic's autocommit
//!   block), then its version-table change is written in a short
//!   transaction of its own, committed at once. Alembic re-opens the
//!   transaction after an autocommit block and writes the row in it (left
//!   open until the run's end without `transaction_per_migration`); retort
//!   commits it at once because the section's work is already committed: a
//!   later step's failure must not roll back the row that records it;
//! - the version table is created before the first row a step that starts
//!   from no rows writes: in the step's transaction before its section (where
//!   Alembic's offline scripts put the `CREATE TABLE`), or, for a
//!   `no-transaction` step, in the short transaction that writes its row.

use super::plan::Plan;

/// One thing to do. `step` is the index of the step in [`Plan::steps`] the
/// action is done for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Open a transaction.
    Begin { step: usize },
    /// Commit the open transaction: for a step, or (`None`) at the end of
    /// the run.
    Commit { step: Option<usize> },
    /// Create the version table. Offline: `CREATE TABLE`; online: when it
    /// does not exist yet (a table that exists but is empty stays).
    CreateVersionTable { step: usize },
    /// Run the step's section (a stamp has none: it is only announced), in
    /// the open transaction, or, `autocommit`, outside any.
    RunSection { step: usize, autocommit: bool },
    /// The step's version-table changes (and online, its log rows), in the
    /// open transaction.
    WriteVersionRow { step: usize },
}

impl Action {
    /// The step the action is done for; `None` for the run's last commit.
    pub fn step(self) -> Option<usize> {
        match self {
            Action::Begin { step }
            | Action::CreateVersionTable { step }
            | Action::RunSection { step, .. }
            | Action::WriteVersionRow { step } => Some(step),
            Action::Commit { step } => step,
        }
    }
}

/// The actions that run `plan`. `no_transaction[i]` says whether step `i`'s
/// section is a `no-transaction` one (false for stamps).
///
/// # Panics
///
/// When `no_transaction` does not have one flag per step.
pub fn schedule(
    plan: &Plan,
    no_transaction: &[bool],
    transaction_per_migration: bool,
) -> Vec<Action> {
    assert_eq!(
        no_transaction.len(),
        plan.steps.len(),
        "one no-transaction flag per step"
    );
    let mut actions = Vec::with_capacity(plan.steps.len() * 4 + 1);
    let mut open = false;
    for (step, plan_step) in plan.steps.iter().enumerate() {
        if no_transaction[step] {
            if open {
                actions.push(Action::Commit { step: Some(step) });
                open = false;
            }
            actions.push(Action::RunSection {
                step,
                autocommit: true,
            });
            actions.push(Action::Begin { step });
            if plan_step.starts_without_rows {
                actions.push(Action::CreateVersionTable { step });
            }
            actions.push(Action::WriteVersionRow { step });
            actions.push(Action::Commit { step: Some(step) });
        } else {
            if !open {
                actions.push(Action::Begin { step });
                open = true;
            }
            if plan_step.starts_without_rows {
                actions.push(Action::CreateVersionTable { step });
            }
            actions.push(Action::RunSection {
                step,
                autocommit: false,
            });
            actions.push(Action::WriteVersionRow { step });
            if transaction_per_migration {
                actions.push(Action::Commit { step: Some(step) });
                open = false;
            }
        }
    }
    if open {
        actions.push(Action::Commit { step: None });
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::Action::*;
    use super::*;
    use crate::revision::plan::{Direction, PlanStep, StepKind};

    fn plan(steps: usize) -> Plan {
        Plan {
            steps: (0..steps)
                .map(|i| PlanStep {
                    kind: StepKind::Migration {
                        revision: format!("r{i}"),
                        direction: Direction::Up,
                    },
                    version_ops: Vec::new(),
                    starts_without_rows: i == 0,
                })
                .collect(),
            ..Plan::default()
        }
    }

    /// The schedule as a line: B, C, T (create table), S / A (section in a
    /// transaction / autocommit), W, each with its step.
    fn shape(actions: &[Action]) -> String {
        let words: Vec<String> = actions
            .iter()
            .map(|a| match *a {
                Begin { step } => format!("B{step}"),
                Commit { step: Some(step) } => format!("C{step}"),
                Commit { step: None } => "C".to_string(),
                CreateVersionTable { step } => format!("T{step}"),
                RunSection {
                    step,
                    autocommit: false,
                } => format!("S{step}"),
                RunSection {
                    step,
                    autocommit: true,
                } => format!("A{step}"),
                WriteVersionRow { step } => format!("W{step}"),
            })
            .collect();
        words.join(" ")
    }

    #[test]
    fn one_transaction_for_the_run_by_default() {
        let actions = schedule(&plan(2), &[false, false], false);
        assert_eq!(shape(&actions), "B0 T0 S0 W0 S1 W1 C");
    }

    #[test]
    fn one_transaction_per_migration_when_asked() {
        let actions = schedule(&plan(2), &[false, false], true);
        assert_eq!(shape(&actions), "B0 T0 S0 W0 C0 B1 S1 W1 C1");
    }

    #[test]
    fn a_no_transaction_section_stands_outside_and_its_row_commits_at_once() {
        let actions = schedule(&plan(3), &[false, true, false], false);
        assert_eq!(shape(&actions), "B0 T0 S0 W0 C1 A1 B1 W1 C1 B2 S2 W2 C");
        let per_migration = schedule(&plan(3), &[false, true, false], true);
        assert_eq!(
            shape(&per_migration),
            "B0 T0 S0 W0 C0 A1 B1 W1 C1 B2 S2 W2 C2"
        );
    }

    #[test]
    fn a_first_no_transaction_step_creates_the_table_with_its_row() {
        let actions = schedule(&plan(1), &[true], false);
        assert_eq!(shape(&actions), "A0 B0 T0 W0 C0");
    }

    #[test]
    fn an_empty_plan_does_nothing() {
        assert!(schedule(&plan(0), &[], false).is_empty());
    }

    #[test]
    fn every_transaction_is_closed_and_none_is_nested() {
        for flags in [
            [false, false, false],
            [true, true, false],
            [false, true, true],
        ] {
            for per_migration in [false, true] {
                let mut open = false;
                for action in schedule(&plan(3), &flags, per_migration) {
                    match action {
                        Begin { .. } => {
                            assert!(!open);
                            open = true;
                        }
                        Commit { .. } => {
                            assert!(open);
                            open = false;
                        }
                        RunSection {
                            autocommit: true, ..
                        } => assert!(!open),
                        _ => assert!(open),
                    }
                }
                assert!(!open);
            }
        }
    }
}
