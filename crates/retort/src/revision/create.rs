//! The parents of a new revision (`revision --head/--splice/--depends-on`,
//! `merge REV...`), checked as Alembic checks them.

use super::error::{caught, Catch, Fault};
use super::graph::RevisionMap;
use super::ident::Slot;
use super::RevisionError;

/// What the new revision is to be based on.
#[derive(Debug, Clone, Default)]
pub struct NewRevisionRequest<'a> {
    pub rev_id: &'a str,
    /// `--head REV`, or `merge`'s revisions; empty means `head`.
    pub heads: &'a [String],
    /// Allow basing it on revisions that are not heads.
    pub splice: bool,
    pub branch_labels: &'a [String],
    pub depends_on: &'a [String],
}

/// The header values of the new revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRevisionParents {
    /// `Revises`: empty for a new base.
    pub down_revisions: Vec<String>,
    /// `Depends On`: prefixes resolved to full ids; labels kept as labels.
    pub depends_on: Vec<String>,
}

impl RevisionMap {
    /// Works out `Revises` and `Depends On` for a new revision, or Alembic's
    /// error: several heads without `--head`, a parent that is not a head
    /// without `--splice`, the same parent twice, an unknown dependency, a
    /// branch label already in use.
    pub fn new_revision_parents(
        &self,
        request: &NewRevisionRequest<'_>,
    ) -> Result<NewRevisionParents, RevisionError> {
        let id = request.rev_id;
        let mut illegal: Vec<char> = ['-', ':', '@', '+']
            .into_iter()
            .filter(|c| id.contains(*c))
            .collect();
        illegal.sort_unstable();
        if !illegal.is_empty() {
            let list: Vec<String> = illegal.iter().map(char::to_string).collect();
            return Err(RevisionError::msg(crate::tr!(
                "revision-characters-not-allowed",
                characters = list.join(", "),
                id = id
            )));
        }
        if id.is_empty() {
            return Err(RevisionError::msg(crate::tr!("revision-revision-id-may-not-empty")));
        }
        if self.by_id.contains_key(id) {
            return Err(RevisionError::msg(crate::tr!("revision-revision-present-more-than-once", id = id)));
        }

        let catch = Catch {
            multiple_heads: Some("revision-multiple-heads-new-revision"),
            ..Catch::default()
        };
        let default_head = ["head".to_string()];
        let heads_arg: &[String] = if request.heads.is_empty() {
            &default_head
        } else {
            request.heads
        };
        let slots = self.slots_many(heads_arg).map_err(|f| catch.apply(f))?;
        let mut parents: Vec<usize> = Vec::new();
        let mut seen_slots: Vec<Slot> = Vec::new();
        for s in &slots {
            if *s == Slot::Base {
                return Err(caught::<()>(Err(Fault::internal(crate::tr!("revision-new-revision-cannot-based-below"))))
                .unwrap_err());
            }
            if seen_slots.contains(s) {
                return Err(RevisionError::msg(crate::tr!("revision-duplicate-head-revisions-specified")));
            }
            seen_slots.push(*s);
            if let Slot::Rev(r) = s {
                parents.push(*r);
            }
        }
        if !request.splice {
            if let Some(&p) = parents.iter().find(|&&p| !self.nodes[p].next.is_empty()) {
                return Err(RevisionError::msg(crate::tr!(
                    "revision-not-a-head-splice",
                    id = self.id(p)
                )));
            }
        }

        let mut depends_on = Vec::new();
        for dep in request.depends_on {
            let rev = caught(self.single(Some(dep)))?.ok_or_else(|| {
                RevisionError::msg(crate::tr!("revision-dependency-does-not-name-revision", dep = dep))
            })?;
            if self.nodes[rev].labels.contains(dep) {
                depends_on.push(dep.clone());
            } else {
                depends_on.push(self.id(rev).to_string());
            }
        }

        let mut labels_seen: Vec<&String> = Vec::new();
        for label in request.branch_labels {
            let owner = if label == id || labels_seen.contains(&label) {
                Some(id)
            } else {
                self.key(label).map(|o| self.id(o))
            };
            if let Some(owner) = owner {
                return Err(RevisionError::msg(crate::tr!("revision-branch-name-revision-already-used", label = label, id = id, owner = owner)));
            }
            labels_seen.push(label);
        }

        Ok(NewRevisionParents {
            down_revisions: self.ids(&parents),
            depends_on,
        })
    }
}
