//! What `history`, `heads`, `branches` and `current` list, in the order
//! Alembic prints them.

use super::error::{caught, Catch};
use super::graph::RevisionMap;
use super::walk::{Arg, IterateOptions};
use super::{Revision, RevisionError};

/// A branch point and the revisions that branch from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchPoint<'a> {
    pub revision: &'a Revision,
    pub children: Vec<&'a Revision>,
}

impl RevisionMap {
    fn walk_revisions_arg(&self, base: &Arg, head: &Arg) -> Result<Vec<&Revision>, RevisionError> {
        let catch = Catch {
            start: Some(base.render()),
            end: Some(head.render()),
            ..Catch::default()
        };
        let order = self
            .iterate_revisions(
                head,
                base,
                IterateOptions {
                    inclusive: true,
                    assert_relative_length: false,
                    ..IterateOptions::default()
                },
            )
            .map_err(|f| catch.apply(f))?;
        Ok(order.into_iter().map(|i| &self.revisions[i]).collect())
    }

    /// Every revision from `base` up to `head`, newest first, as `alembic
    /// history -r base:head` lists them.
    pub fn walk_revisions(&self, base: &str, head: &str) -> Result<Vec<&Revision>, RevisionError> {
        self.walk_revisions_arg(&Arg::Str(base.to_string()), &Arg::Str(head.to_string()))
    }

    /// Whether `history -r RANGE` needs the database's current heads.
    pub fn history_range_uses_current(range: Option<&str>) -> bool {
        range.is_some_and(|r| {
            let parts: Vec<&str> = r.trim().split(':').collect();
            parts.len() == 2 && parts.contains(&"current")
        })
    }

    /// The revisions `alembic history [-r RANGE]` lists, in its order.
    /// `current_heads` are the version table's rows; they matter only when
    /// the range names `current`.
    pub fn history(
        &self,
        range: Option<&str>,
        current_heads: &[String],
    ) -> Result<Vec<&Revision>, RevisionError> {
        let (base, head) = match range {
            None => (String::new(), String::new()),
            Some(r) => {
                if !r.contains(':') {
                    return Err(RevisionError::msg(crate::tr!("revision-history-range-requires-start-end")));
                }
                let parts: Vec<&str> = r.trim().split(':').collect();
                if parts.len() != 2 {
                    return Err(RevisionError::msg(crate::tr!("revision-history-range-must-have-exactly", r = r)));
                }
                (parts[0].to_string(), parts[1].to_string())
            }
        };
        let or =
            |s: &str, default: &str| Arg::Str(if s.is_empty() { default } else { s }.to_string());
        let rows_or = |default: &str| {
            if current_heads.is_empty() {
                Arg::Str(default.to_string())
            } else {
                Arg::Tuple(current_heads.to_vec())
            }
        };
        let (base_arg, head_arg) = if head == "current" {
            (or(&base, "base"), rows_or("heads"))
        } else if base == "current" {
            (rows_or("base"), or(&head, "heads"))
        } else {
            (or(&base, "base"), or(&head, "heads"))
        };
        self.walk_revisions_arg(&base_arg, &head_arg)
    }

    /// The revision ids one `history` line shows, in order: the parents,
    /// the dependencies that are revision ids, then the revision.
    pub fn history_line_ids<'a>(&'a self, revision: &'a Revision) -> Vec<&'a str> {
        let mut ids: Vec<&str> = revision.down_revisions.iter().map(String::as_str).collect();
        ids.extend(
            revision
                .depends_on
                .iter()
                .filter(|d| self.by_id.contains_key(d.as_str()))
                .map(String::as_str),
        );
        ids.push(&revision.id);
        ids
    }

    /// What `alembic heads` lists: heads through `Revises`, or with
    /// `--resolve-dependencies` those nothing revises or depends on.
    pub fn heads_listing(&self, resolve_dependencies: bool) -> Vec<&Revision> {
        let heads = if resolve_dependencies {
            &self.real_heads
        } else {
            &self.heads
        };
        heads.iter().map(|&i| &self.revisions[i]).collect()
    }

    /// What `alembic branches` lists: each branch point, in history order,
    /// with the revisions that branch from it.
    pub fn branch_points(&self) -> Result<Vec<BranchPoint<'_>>, RevisionError> {
        Ok(self
            .walk_revisions("base", "heads")?
            .into_iter()
            .filter_map(|rev| {
                let node = &self.nodes[self.by_id[&rev.id]];
                (node.next.len() > 1).then(|| BranchPoint {
                    revision: rev,
                    children: node.next.iter().map(|&c| &self.revisions[c]).collect(),
                })
            })
            .collect())
    }

    /// What `alembic current` lists for these rows: the rows, plus any
    /// revision they depend on that no row revises, in file order.
    pub fn current(&self, rows: &[String]) -> Result<Vec<&Revision>, RevisionError> {
        Ok(caught(self.all_current(rows))?
            .into_iter()
            .map(|i| &self.revisions[i])
            .collect())
    }
}
