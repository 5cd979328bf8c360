//! Which version-table rows each step inserts, updates or deletes, given
//! the rows present before it: Alembic's `HeadMaintainer` with the
//! `RevisionStep` and `StampStep` rules (create a branch, merge branches,
//! unmerge, delete a branch, or move one row).

use super::error::{Fault, FaultResult};
use super::graph::{Ancestry, RevisionMap};
use crate::version_op::VersionOp;

/// One step as the head maintainer sees it.
#[derive(Debug, Clone)]
pub(crate) enum StepSpec {
    /// Run a revision's upgrade (`upgrade: true`) or downgrade.
    Revision { rev: usize, upgrade: bool },
    /// Move rows without running anything (`stamp`).
    Stamp {
        from: Vec<String>,
        to: Vec<String>,
        upgrade: bool,
        /// A new branch appears (upgrade) or a branch goes away (downgrade).
        branch_move: bool,
    },
}

/// The version table's rows, simulated: a set kept in a stable order.
pub(crate) struct HeadMaintainer<'m> {
    map: &'m RevisionMap,
    pub(crate) heads: Vec<String>,
}

impl<'m> HeadMaintainer<'m> {
    pub(crate) fn new(map: &'m RevisionMap, rows: &[String]) -> HeadMaintainer<'m> {
        let mut heads: Vec<String> = Vec::new();
        for r in rows {
            if !heads.contains(r) {
                heads.push(r.clone());
            }
        }
        HeadMaintainer { map, heads }
    }

    fn has(&self, v: &str) -> bool {
        self.heads.iter().any(|h| h == v)
    }

    fn insert(&mut self, v: &str, ops: &mut Vec<VersionOp>) -> FaultResult<()> {
        if self.has(v) {
            return Err(Fault::internal(crate::tr!("revision-cannot-insert-version-version-table", v = v)));
        }
        self.heads.push(v.to_string());
        ops.push(VersionOp::Insert(v.to_string()));
        Ok(())
    }

    fn delete(&mut self, v: &str, ops: &mut Vec<VersionOp>) -> FaultResult<()> {
        let Some(pos) = self.heads.iter().position(|h| h == v) else {
            return Err(Fault::internal(crate::tr!("revision-cannot-delete-version-version-table", v = v)));
        };
        self.heads.remove(pos);
        ops.push(VersionOp::Delete(v.to_string()));
        Ok(())
    }

    fn update(&mut self, from: &str, to: &str, ops: &mut Vec<VersionOp>) -> FaultResult<()> {
        if self.has(to) {
            return Err(Fault::internal(crate::tr!("revision-cannot-update-version-version-table", from = from, to = to)));
        }
        let Some(pos) = self.heads.iter().position(|h| h == from) else {
            return Err(Fault::internal(crate::tr!("revision-cannot-update-version-version-table-2", from = from, to = to)));
        };
        self.heads[pos] = to.to_string();
        ops.push(VersionOp::Update {
            from: from.to_string(),
            to: to.to_string(),
        });
        Ok(())
    }

    /// The revisions the given rows stand for (a row is normally a full
    /// id; Alembic resolves rows like any identifier).
    fn rows_as_revisions(&self, rows: &[&String]) -> FaultResult<Vec<usize>> {
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            match self.map.by_id.get(row.as_str()) {
                Some(&i) => out.push(i),
                None => {
                    for slot in self.map.slots(Some(row))? {
                        out.push(slot.revision()?);
                    }
                }
            }
        }
        Ok(out)
    }

    /// Whether revision `id` is one of the revisions or an ancestor of one.
    fn covered_by(&self, id: &str, ancestry: &Ancestry<'_>) -> bool {
        self.map
            .by_id
            .get(id)
            .is_some_and(|&i| ancestry.contains(i))
    }

    /// Applies one step; returns the statements it issues.
    pub(crate) fn apply(&mut self, step: &StepSpec) -> FaultResult<Vec<VersionOp>> {
        let mut ops = Vec::new();
        match step {
            StepSpec::Revision { rev, upgrade: true } => self.upgrade_step(*rev, &mut ops)?,
            StepSpec::Revision {
                rev,
                upgrade: false,
            } => self.downgrade_step(*rev, &mut ops)?,
            StepSpec::Stamp {
                from,
                to,
                upgrade,
                branch_move,
            } => self.stamp_step(from, to, *upgrade, *branch_move, &mut ops)?,
        }
        Ok(ops)
    }

    fn upgrade_step(&mut self, rev: usize, ops: &mut Vec<VersionOp>) -> FaultResult<()> {
        let map = self.map;
        let id = map.id(rev);
        let down: Vec<&str> = map.nodes[rev]
            .normalized_down
            .iter()
            .map(|&d| map.id(d))
            .collect();
        let present = down.iter().filter(|d| self.has(d)).count();
        if present == 0 {
            // A base, or none of its parents is a row: a new branch.
            return self.insert(id, ops);
        }
        if down.len() > 1 && present > 1 {
            // A merge: one parent row becomes this revision, the other
            // parent rows go. Parents that are ancestors of rows elsewhere
            // stay accounted for by those rows.
            let others: Vec<&String> = self
                .heads
                .iter()
                .filter(|h| !down.contains(&h.as_str()))
                .collect();
            let from: Vec<&str> = if others.is_empty() {
                down.clone()
            } else {
                let ancestry = map.ancestry_of(&self.rows_as_revisions(&others)?);
                down.iter()
                    .copied()
                    .filter(|d| !self.covered_by(d, &ancestry))
                    .collect()
            };
            let Some((last, rest)) = from.split_last() else {
                return Err(Fault::internal(crate::tr!("revision-cannot-merge-into-no-parent", id = id)));
            };
            for d in rest {
                self.delete(d, ops)?;
            }
            return self.update(last, id, ops);
        }
        let from = self.single_parent_row(rev, &down)?;
        self.update(&from, id, ops)
    }

    /// The one parent that moves when a step is a plain row update.
    fn single_parent_row(&self, rev: usize, down: &[&str]) -> FaultResult<String> {
        if down.len() == 1 {
            return Ok(down[0].to_string());
        }
        let present: Vec<&&str> = down.iter().filter(|d| self.has(d)).collect();
        match present.as_slice() {
            [one] => Ok(one.to_string()),
            _ => Err(Fault::internal(crate::tr!(
                "revision-update-ambiguous",
                id = self.map.id(rev)
            ))),
        }
    }

    /// The parents a downgrade leaves as rows: those no other row already
    /// stands for.
    fn unmerge_targets(&self, rev: usize, down: &[&str]) -> FaultResult<Vec<String>> {
        let map = self.map;
        let id = map.id(rev);
        let others: Vec<&String> = self.heads.iter().filter(|h| h.as_str() != id).collect();
        let kept: Vec<String> = if !others.is_empty() {
            let ancestry = map.ancestry_of(&self.rows_as_revisions(&others)?);
            down.iter()
                .filter(|d| !self.covered_by(d, &ancestry))
                .map(|d| d.to_string())
                .collect()
        } else {
            // Only this row: drop parents that are ancestors of the others.
            let parents = &map.nodes[rev].normalized_down;
            parents
                .iter()
                .filter(|&&d| !parents.iter().any(|&t| t != d && map.is_ancestor(d, t)))
                .map(|&d| map.id(d).to_string())
                .collect()
        };
        Ok(kept)
    }

    fn downgrade_step(&mut self, rev: usize, ops: &mut Vec<VersionOp>) -> FaultResult<()> {
        let map = self.map;
        let id = map.id(rev);
        let down: Vec<&str> = map.nodes[rev]
            .normalized_down
            .iter()
            .map(|&d| map.id(d))
            .collect();
        if self.has(id) {
            if down.is_empty() {
                return self.delete(id, ops);
            }
            let targets = self.unmerge_targets(rev, &down)?;
            let Some((last, rest)) = targets.split_last() else {
                // Every parent is still represented by another row.
                return self.delete(id, ops);
            };
            if down.len() > 1 {
                for t in rest {
                    self.insert(t, ops)?;
                }
                return self.update(id, last, ops);
            }
        }
        let to = self.single_parent_row(rev, &down)?;
        self.update(id, &to, ops)
    }

    fn stamp_step(
        &mut self,
        from: &[String],
        to: &[String],
        upgrade: bool,
        branch_move: bool,
        ops: &mut Vec<VersionOp>,
    ) -> FaultResult<()> {
        let one = |v: &[String], what: &str| -> FaultResult<String> {
            match v {
                [x] => Ok(x.clone()),
                _ => Err(Fault::internal(crate::tr!(
                    "revision-stamp-step-needs-exactly-one",
                    what = crate::i18n::message(what, &[])
                ))),
            }
        };
        if !upgrade && branch_move {
            let v = one(from, "revision-stamp-source")?;
            return self.delete(&v, ops);
        }
        if upgrade
            && (branch_move || from.iter().any(|f| !self.has(f)))
            && to.iter().any(|t| !self.has(t))
        {
            let v = one(to, "revision-stamp-destination")?;
            return self.insert(&v, ops);
        }
        if from.len() > 1 {
            let (last, rest) = from.split_last().expect("len > 1");
            for f in rest {
                self.delete(f, ops)?;
            }
            let t = to
                .first()
                .ok_or_else(|| Fault::internal(crate::tr!("revision-stamp-merge-needs-destination")))?
                .clone();
            return self.update(last, &t, ops);
        }
        if to.len() > 1 {
            let (last, rest) = to.split_last().expect("len > 1");
            for t in rest {
                self.insert(t, ops)?;
            }
            let f = from
                .first()
                .ok_or_else(|| Fault::internal(crate::tr!("revision-stamp-unmerge-needs-source")))?
                .clone();
            return self.update(&f, last, ops);
        }
        let f = one(from, "revision-stamp-source")?;
        let t = one(to, "revision-stamp-destination")?;
        self.update(&f, &t, ops)
    }
}
