//! A plan: the ordered steps from a set of current heads to a target, with
//! the version-table change each step makes (Alembic's HeadMaintainer).

use super::error::{caught, Catch, Fault, FaultResult};
use super::graph::RevisionMap;
use super::heads::{HeadMaintainer, StepSpec};
use super::ident::Slot;
use super::walk::{Arg, IterateOptions};
use super::RevisionError;
use crate::version_op::VersionOp;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    /// `upgrade` or `downgrade`.
    pub fn verb(self) -> &'static str {
        match self {
            Direction::Up => "upgrade",
            Direction::Down => "downgrade",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepKind {
    /// Run this revision's upgrade or downgrade section.
    Migration {
        revision: String,
        direction: Direction,
    },
    /// Change only the version table (`stamp`).
    Stamp { from: Vec<String>, to: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanStep {
    pub kind: StepKind,
    /// The version-table changes that go with this step, in order.
    pub version_ops: Vec<VersionOp>,
    /// The version table has no rows when this step starts. Offline
    /// (`--sql`) scripts create the version table before such a step, as
    /// Alembic's do; online, the table is created before the run when the
    /// plan starts without rows.
    pub starts_without_rows: bool,
}

impl PlanStep {
    /// The revision a migration step runs and in which direction; `None`
    /// for a stamp.
    pub fn migration(&self) -> Option<(&str, Direction)> {
        match &self.kind {
            StepKind::Migration {
                revision,
                direction,
            } => Some((revision, *direction)),
            StepKind::Stamp { .. } => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// The heads the plan starts from (the version table's rows).
    pub start_heads: Vec<String>,
    pub steps: Vec<PlanStep>,
    /// Stamp with `--purge`: empty the version table first.
    pub purge: bool,
    /// The version table's rows once every step has run.
    pub final_heads: Vec<String>,
}

/// An `upgrade`/`downgrade` argument split as Alembic splits it: an
/// optional offline start (`A:` in `A:B`) and the destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrateArgument {
    /// The `A` of `A:B`; `None` when absent or empty (offline starts from
    /// base then).
    pub start: Option<String>,
    pub destination: String,
}

/// Splits `upgrade`/`downgrade`'s argument. A range needs `--sql`; an
/// offline downgrade needs a range.
pub fn parse_migrate_argument(
    arg: &str,
    sql: bool,
    direction: Direction,
) -> Result<MigrateArgument, RevisionError> {
    if arg.contains(':') {
        if !sql {
            return Err(RevisionError::msg(crate::tr!("revision-range-revision-not-allowed")));
        }
        let parts: Vec<&str> = arg.splitn(3, ':').collect();
        if parts.len() != 2 {
            return Err(RevisionError::msg(crate::tr!("revision-revision-range-must-have-form", arg = arg)));
        }
        return Ok(MigrateArgument {
            start: (!parts[0].is_empty()).then(|| parts[0].to_string()),
            destination: parts[1].to_string(),
        });
    }
    if sql && direction == Direction::Down {
        return Err(RevisionError::msg(crate::tr!("revision-downgrade-sql-requires-fromrev-torev")));
    }
    Ok(MigrateArgument {
        start: None,
        destination: arg.to_string(),
    })
}

/// Splits `stamp --sql`'s arguments: each may be `A:B`, all with the same
/// `A`. Returns the start and the destinations.
pub fn parse_stamp_sql_arguments(
    args: &[String],
) -> Result<(Option<String>, Vec<String>), RevisionError> {
    let mut start: Option<String> = None;
    let mut destinations = Vec::new();
    for arg in args {
        if arg.contains(':') {
            let parts: Vec<&str> = arg.splitn(3, ':').collect();
            if parts.len() != 2 {
                return Err(RevisionError::msg(crate::tr!("revision-revision-range-must-have-form", arg = arg)));
            }
            match &start {
                None => start = Some(parts[0].to_string()),
                Some(s) if s != parts[0] => return Err(RevisionError::msg(crate::tr!("revision-stamp-operation-sql-only-supports"))),
                Some(_) => {}
            }
            destinations.push(parts[1].to_string());
        } else {
            destinations.push(arg.to_string());
        }
    }
    Ok((start.filter(|s| !s.is_empty()), destinations))
}

impl RevisionMap {
    /// The rows an offline (`--sql`) run starts from: none for base (or no
    /// start), else the one revision `start` names.
    pub fn offline_start_heads(&self, start: Option<&str>) -> Result<Vec<String>, RevisionError> {
        match start {
            None | Some("") | Some("base") => Ok(Vec::new()),
            Some(s) => match caught(self.single(Some(s)))? {
                Some(i) => Ok(vec![self.id(i).to_string()]),
                None => Err(RevisionError::msg(crate::tr!(
                    "revision-bad-starting-revision",
                    revision = s
                ))),
            },
        }
    }

    /// `upgrade TARGET` from `current_heads` (the version table's rows in
    /// table order).
    pub fn plan_upgrade(
        &self,
        current_heads: &[String],
        target: &str,
    ) -> Result<Plan, RevisionError> {
        let catch = Catch {
            ancestor: Some("revision-not-upgrade-target"),
            end: Some(target.to_string()),
            ..Catch::default()
        };
        let order = self
            .iterate_revisions(
                &Arg::Str(target.to_string()),
                &Arg::Tuple(current_heads.to_vec()),
                IterateOptions {
                    implicit_base: true,
                    ..IterateOptions::default()
                },
            )
            .map_err(|f| catch.apply(f))?;
        let steps: Vec<StepSpec> = order
            .into_iter()
            .rev()
            .map(|rev| StepSpec::Revision { rev, upgrade: true })
            .collect();
        self.simulate(current_heads, current_heads, steps, false)
    }

    /// `downgrade TARGET` from `current_heads` (rows in table order: `-1`
    /// with several rows counts from the first).
    pub fn plan_downgrade(
        &self,
        current_heads: &[String],
        target: &str,
    ) -> Result<Plan, RevisionError> {
        let catch = Catch {
            ancestor: Some("revision-not-downgrade-target"),
            end: Some(target.to_string()),
            ..Catch::default()
        };
        let order = self
            .iterate_revisions(
                &Arg::Tuple(current_heads.to_vec()),
                &Arg::Str(target.to_string()),
                IterateOptions {
                    select_for_downgrade: true,
                    ..IterateOptions::default()
                },
            )
            .map_err(|f| catch.apply(f))?;
        let steps: Vec<StepSpec> = order
            .into_iter()
            .map(|rev| StepSpec::Revision {
                rev,
                upgrade: false,
            })
            .collect();
        self.simulate(current_heads, current_heads, steps, false)
    }

    /// The plan that runs exactly `steps` (revision ids with a direction),
    /// in that order, from `current_heads`. For walking a history one
    /// revision at a time (`verify`), where `upgrade REV` or `downgrade REV`
    /// would also move other branches.
    pub fn plan_revisions(
        &self,
        current_heads: &[String],
        steps: &[(&str, Direction)],
    ) -> Result<Plan, RevisionError> {
        let specs = steps
            .iter()
            .map(|&(id, direction)| {
                let rev = *self
                    .by_id
                    .get(id)
                    .ok_or_else(|| RevisionError::msg(crate::tr!("revision-no-such-revision", id = id)))?;
                Ok(StepSpec::Revision {
                    rev,
                    upgrade: direction == Direction::Up,
                })
            })
            .collect::<Result<Vec<_>, RevisionError>>()?;
        self.simulate(current_heads, current_heads, specs, false)
    }

    /// `stamp TARGET...` from `current_heads`; with `purge` the table is
    /// emptied first and the stamp starts from no rows.
    pub fn plan_stamp(
        &self,
        current_heads: &[String],
        targets: &[String],
        purge: bool,
    ) -> Result<Plan, RevisionError> {
        let catch = Catch {
            multiple_heads: Some("revision-multiple-heads-single-target"),
            ..Catch::default()
        };
        let rows: Vec<String> = if purge {
            Vec::new()
        } else {
            current_heads.to_vec()
        };
        let steps = self
            .stamp_steps(targets, &rows)
            .map_err(|f| catch.apply(f))?;
        self.simulate(current_heads, &rows, steps, purge)
    }

    /// Alembic's `_stamp_revs`: for each destination, one step that moves
    /// the rows on its line up or down to it, or adds it as a new branch.
    fn stamp_steps(&self, targets: &[String], rows: &[String]) -> FaultResult<Vec<StepSpec>> {
        let head_revs: Vec<usize> = self
            .slots_many(rows)?
            .into_iter()
            .map(Slot::revision)
            .collect::<FaultResult<_>>()?;
        let base = ["base".to_string()];
        let targets: &[String] = if targets.is_empty() { &base } else { targets };

        let mut on_line: Vec<usize> = Vec::new();
        for t in targets.iter().filter(|t| !t.is_empty()) {
            for h in self.filter_for_lineage(&head_revs, t, true)? {
                if !on_line.contains(&h) {
                    on_line.push(h);
                }
            }
        }
        let on_line_ids = self.ids(&on_line);

        let mut dests = self.slots_many(targets)?;
        if dests.is_empty() {
            dests.push(Slot::Null);
        }
        let mut steps = Vec::new();
        for dest in dests {
            let dest = match dest {
                Slot::Null => {
                    // Stamping base removes every row on the lines named.
                    for h in &on_line_ids {
                        steps.push(StepSpec::Stamp {
                            from: vec![h.clone()],
                            to: Vec::new(),
                            upgrade: false,
                            branch_move: true,
                        });
                    }
                    continue;
                }
                other => other.revision()?,
            };
            if on_line.contains(&dest) {
                continue;
            }
            let to = vec![self.id(dest).to_string()];
            let descendants = self.reach(super::graph::Edges::AllNext, &[dest]);
            let ancestors = self.ancestors(&[dest]);
            if on_line.iter().any(|&h| descendants.contains(h)) {
                if on_line.iter().any(|&h| ancestors.contains(h)) {
                    return Err(Fault::internal(crate::tr!(
                        "revision-stamp-above-and-below",
                        id = self.id(dest)
                    )));
                }
                steps.push(StepSpec::Stamp {
                    from: on_line_ids.clone(),
                    to,
                    upgrade: false,
                    branch_move: false,
                });
            } else if on_line.iter().any(|&h| ancestors.contains(h)) {
                steps.push(StepSpec::Stamp {
                    from: on_line_ids.clone(),
                    to,
                    upgrade: true,
                    branch_move: false,
                });
            } else {
                steps.push(StepSpec::Stamp {
                    from: Vec::new(),
                    to,
                    upgrade: true,
                    branch_move: true,
                });
            }
        }
        Ok(steps)
    }

    /// Runs the head maintainer over the steps from `rows`.
    fn simulate(
        &self,
        start_heads: &[String],
        rows: &[String],
        specs: Vec<StepSpec>,
        purge: bool,
    ) -> Result<Plan, RevisionError> {
        let mut maintainer = HeadMaintainer::new(self, rows);
        let mut steps = Vec::with_capacity(specs.len());
        for spec in specs {
            let starts_without_rows = maintainer.heads.is_empty();
            let version_ops = caught(maintainer.apply(&spec))?;
            let kind = match spec {
                StepSpec::Revision { rev, upgrade } => StepKind::Migration {
                    revision: self.id(rev).to_string(),
                    direction: if upgrade {
                        Direction::Up
                    } else {
                        Direction::Down
                    },
                },
                StepSpec::Stamp { from, to, .. } => StepKind::Stamp { from, to },
            };
            steps.push(PlanStep {
                kind,
                version_ops,
                starts_without_rows,
            });
        }
        Ok(Plan {
            start_heads: start_heads.to_vec(),
            steps,
            purge,
            final_heads: maintainer.heads,
        })
    }
}
