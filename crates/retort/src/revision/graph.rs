//! Building the revision map: ids, branch labels, `depends_on`, heads and
//! bases, cycle detection, and the label propagation Alembic applies; plus
//! the ancestor/descendant walks every other part is built from.

use std::collections::HashMap;

use super::bitset::BitSet;
use super::closure::{Closure, MAX_CLOSURE_REVISIONS};
use super::error::{CycleKind, Fault, FaultResult};
use super::{Revision, RevisionError};

/// Characters Alembic refuses in a revision id: they are the grammar's
/// operators (`label@rev`, `rev-2`, `rev+1`, `a:b`).
const ILLEGAL_ID_CHARS: [char; 4] = ['-', ':', '@', '+'];

/// Derived facts about one revision, by index into the file-ordered list.
#[derive(Debug, Clone, Default)]
pub(crate) struct Node {
    /// `Revises`, as written (Alembic's "versioned" down revisions).
    pub(crate) down: Vec<usize>,
    /// `Depends On`, resolved from ids and labels to revisions.
    pub(crate) resolved_deps: Vec<usize>,
    /// `resolved_deps` without those an ancestor already depends on.
    pub(crate) normalized_deps: Vec<usize>,
    /// `down` then `normalized_deps`, without repeats: the parents the
    /// planner follows.
    pub(crate) normalized_down: Vec<usize>,
    /// `down` then `resolved_deps`, without repeats.
    pub(crate) all_down: Vec<usize>,
    /// Children through `Revises` only (Alembic's `nextrev`).
    pub(crate) next: Vec<usize>,
    /// Children through `Revises` or `Depends On`.
    pub(crate) all_next: Vec<usize>,
    /// Effective branch labels: the revision's own plus those propagated
    /// along its branch.
    pub(crate) labels: Vec<String>,
}

/// See [`RevisionMap::ancestry_of`].
pub(crate) enum Ancestry<'a> {
    Closure(&'a Closure, Vec<usize>),
    Set(BitSet),
}

impl Ancestry<'_> {
    /// Whether `rev` is one of the revisions or an ancestor of one.
    pub(crate) fn contains(&self, rev: usize) -> bool {
        match self {
            Ancestry::Closure(c, of) => of.iter().any(|&o| c.contains(o, rev)),
            Ancestry::Set(set) => set.contains(rev),
        }
    }
}

/// Which edges a walk follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edges {
    /// Parents through `Revises` only.
    Down,
    /// Parents through `Revises` and the normalized `Depends On`.
    DownWithDeps,
    /// Parents through `Revises` and every `Depends On`.
    AllDown,
    /// Children through `Revises` only.
    Next,
    /// Children through `Revises` and `Depends On`.
    AllNext,
}

/// The graph of all revisions, built from revisions in file-name order.
#[derive(Debug, Clone)]
pub struct RevisionMap {
    pub(crate) revisions: Vec<Revision>,
    pub(crate) nodes: Vec<Node>,
    pub(crate) by_id: HashMap<String, usize>,
    pub(crate) by_label: HashMap<String, usize>,
    /// Labels in the order they enter Alembic's map (after every id); the
    /// order in which prefixes are matched and ambiguities listed.
    pub(crate) label_order: Vec<String>,
    /// Revisions nothing revises (`heads`), in file order.
    pub(crate) heads: Vec<usize>,
    /// Revisions nothing revises or depends on (`heads --resolve-dependencies`).
    pub(crate) real_heads: Vec<usize>,
    /// Revisions that revise nothing, in file order.
    pub(crate) bases: Vec<usize>,
    /// Ancestors through `Revises` and `Depends On` (the same closure
    /// whether or not dependencies are normalized), unless the graph is too
    /// large to hold it.
    pub(crate) closure: Option<Closure>,
}

impl RevisionMap {
    /// Builds the map from revisions in file-name order. Fails on a
    /// duplicate id, an illegal id, a `Revises` or `Depends On` naming
    /// nothing, a branch label used twice or clashing with an id, or a cycle.
    pub fn new(revisions: Vec<Revision>) -> Result<RevisionMap, RevisionError> {
        build(revisions).map_err(|f| match f {
            Fault::Revision(m) | Fault::Internal(m) => RevisionError::Message(m),
            other => super::error::Catch::default().apply(other),
        })
    }

    /// Number of revisions.
    pub fn len(&self) -> usize {
        self.revisions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.revisions.is_empty()
    }

    /// Every revision, in file order.
    pub fn revisions(&self) -> &[Revision] {
        &self.revisions
    }

    /// The revision with exactly this id (no prefixes, no symbols).
    pub fn revision(&self, id: &str) -> Option<&Revision> {
        self.by_id.get(id).map(|&i| &self.revisions[i])
    }

    pub(crate) fn id(&self, idx: usize) -> &str {
        &self.revisions[idx].id
    }

    pub(crate) fn ids(&self, idxs: &[usize]) -> Vec<String> {
        idxs.iter().map(|&i| self.id(i).to_string()).collect()
    }

    fn with_node<'a, T>(&'a self, id: &str, f: impl FnOnce(usize, &'a Node) -> T) -> Option<T> {
        self.by_id.get(id).map(|&i| f(i, &self.nodes[i]))
    }

    /// Head revisions (nothing revises them), in Alembic's order.
    pub fn heads(&self) -> Vec<&str> {
        self.heads.iter().map(|&i| self.id(i)).collect()
    }

    /// Heads when `Depends On` counts as a parent too: what the version
    /// table holds after `upgrade heads` (`heads --resolve-dependencies`).
    pub fn real_heads(&self) -> Vec<&str> {
        self.real_heads.iter().map(|&i| self.id(i)).collect()
    }

    /// Base revisions (they revise nothing), in Alembic's order.
    pub fn bases(&self) -> Vec<&str> {
        self.bases.iter().map(|&i| self.id(i)).collect()
    }

    /// The revisions that revise `id` (Alembic's `nextrev`).
    pub fn children(&self, id: &str) -> Vec<&str> {
        self.with_node(id, |_, n| n.next.iter().map(|&c| self.id(c)).collect())
            .unwrap_or_default()
    }

    pub fn is_head(&self, id: &str) -> bool {
        self.with_node(id, |_, n| n.next.is_empty())
            .unwrap_or(false)
    }

    /// A head even counting `Depends On` (shown as `(head)`; a head that is
    /// only depended upon shows as `(effective head)`).
    pub fn is_real_head(&self, id: &str) -> bool {
        self.with_node(id, |_, n| n.all_next.is_empty())
            .unwrap_or(false)
    }

    pub fn is_base(&self, id: &str) -> bool {
        self.with_node(id, |i, _| self.revisions[i].down_revisions.is_empty())
            .unwrap_or(false)
    }

    pub fn is_branch_point(&self, id: &str) -> bool {
        self.with_node(id, |_, n| n.next.len() > 1).unwrap_or(false)
    }

    pub fn is_merge_point(&self, id: &str) -> bool {
        self.with_node(id, |i, _| self.revisions[i].down_revisions.len() > 1)
            .unwrap_or(false)
    }

    /// The branch labels Alembic shows for a revision: its own and those
    /// inherited along its branch.
    pub fn branch_labels(&self, id: &str) -> Vec<&str> {
        self.with_node(id, |_, n| n.labels.iter().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// The revisions a database whose version table holds `rows` has
    /// applied: the rows and everything they revise or depend on, in file
    /// order. Rows naming no revision are skipped.
    pub fn applied_revisions<S: AsRef<str>>(&self, rows: &[S]) -> Vec<&Revision> {
        let known: Vec<usize> = rows
            .iter()
            .filter_map(|r| self.by_id.get(r.as_ref()).copied())
            .collect();
        self.ancestors(&known)
            .iter()
            .map(|i| &self.revisions[i])
            .collect()
    }

    pub(crate) fn edges(&self, idx: usize, edges: Edges) -> &[usize] {
        let n = &self.nodes[idx];
        match edges {
            Edges::Down => &n.down,
            Edges::DownWithDeps => &n.normalized_down,
            Edges::AllDown => &n.all_down,
            Edges::Next => &n.next,
            Edges::AllNext => &n.all_next,
        }
    }

    /// The targets and everything reachable from them, in Alembic's
    /// depth-first order (a stack; each target is yielded before what it
    /// reaches).
    pub(crate) fn walk_order(&self, edges: Edges, targets: &[usize]) -> Vec<usize> {
        let mut seen = BitSet::new(self.len());
        let mut out = Vec::new();
        let mut todo = Vec::new();
        for &t in targets {
            todo.push(t);
            while let Some(r) = todo.pop() {
                if !seen.insert(r) {
                    continue;
                }
                todo.extend_from_slice(self.edges(r, edges));
                out.push(r);
            }
        }
        out
    }

    /// The targets and everything reachable from them, as a set.
    pub(crate) fn reach(&self, edges: Edges, targets: &[usize]) -> BitSet {
        let mut seen = BitSet::new(self.len());
        let mut todo: Vec<usize> = targets.to_vec();
        while let Some(r) = todo.pop() {
            if seen.insert(r) {
                todo.extend(self.edges(r, edges).iter().filter(|&&c| !seen.contains(c)));
            }
        }
        seen
    }

    /// As [`reach`](Self::reach), but fails when one target reaches another
    /// (Alembic's `check=True`: asking for a revision and its ancestor at
    /// once is an error).
    pub(crate) fn reach_checked(&self, edges: Edges, targets: &[usize]) -> FaultResult<BitSet> {
        if edges == Edges::DownWithDeps && self.closure.is_some() {
            // The first target with another target below it is the one
            // Alembic's walk reports.
            for &t in targets {
                let overlaps: Vec<&str> = targets
                    .iter()
                    .filter(|&&o| o != t && self.is_ancestor(o, t))
                    .map(|&o| self.id(o))
                    .collect();
                if !overlaps.is_empty() {
                    return Err(overlap_fault(self.id(t), &overlaps));
                }
            }
            return Ok(self.ancestors(targets));
        }
        let mut seen = BitSet::new(self.len());
        let mut is_target = BitSet::new(self.len());
        for &t in targets {
            is_target.insert(t);
        }
        for &t in targets {
            let mut todo = vec![t];
            let mut overlaps: Vec<usize> = Vec::new();
            while let Some(r) = todo.pop() {
                // Alembic records every node it pops for this target, even
                // those an earlier target already visited.
                if r != t && is_target.contains(r) && !overlaps.contains(&r) {
                    overlaps.push(r);
                }
                if seen.insert(r) {
                    todo.extend_from_slice(self.edges(r, edges));
                }
            }
            if !overlaps.is_empty() {
                return Err(Fault::revision(crate::tr!(
                    "revision-overlaps",
                    target = self.id(t),
                    overlaps = 
                    overlaps
                        .iter()
                        .map(|&o| self.id(o))
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        }
        Ok(seen)
    }

    /// Ancestors through `Revises` and `Depends On`, including the targets.
    pub(crate) fn ancestors(&self, targets: &[usize]) -> BitSet {
        match &self.closure {
            Some(c) => {
                let mut set = BitSet::new(self.len());
                for &t in targets {
                    c.union_into(t, &mut set);
                }
                set
            }
            None => self.reach(Edges::DownWithDeps, targets),
        }
    }

    /// A membership test for "ancestor of any of `of`": bit tests against
    /// the closure, or one walk up front when the graph is too large for it.
    pub(crate) fn ancestry_of(&self, of: &[usize]) -> Ancestry<'_> {
        match &self.closure {
            Some(c) => Ancestry::Closure(c, of.to_vec()),
            None => Ancestry::Set(self.reach(Edges::DownWithDeps, of)),
        }
    }

    /// Whether `ancestor` is `of` or one of its ancestors (through
    /// `Revises` and `Depends On`).
    pub(crate) fn is_ancestor(&self, ancestor: usize, of: usize) -> bool {
        match &self.closure {
            Some(c) => c.contains(of, ancestor),
            None => self.reach(Edges::DownWithDeps, &[of]).contains(ancestor),
        }
    }

    /// Exact id or branch label, as Alembic's map is keyed.
    pub(crate) fn key(&self, key: &str) -> Option<usize> {
        self.by_id
            .get(key)
            .or_else(|| self.by_label.get(key))
            .copied()
    }

    /// Every key of Alembic's map in its order: ids, then labels.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> {
        self.revisions
            .iter()
            .map(|r| r.id.as_str())
            .chain(self.label_order.iter().map(String::as_str))
    }
}

fn overlap_fault(target: &str, overlaps: &[&str]) -> Fault {
    Fault::revision(crate::tr!(
        "revision-overlaps",
        target = target,
        overlaps = overlaps.join(", ")
    ))
}

fn dedupe(items: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

fn check_revision_id(rev: &Revision) -> FaultResult<()> {
    if rev.down_revisions.contains(&rev.id) {
        return Err(cycle(CycleKind::SelfLoop, std::slice::from_ref(&rev.id)));
    }
    if rev.depends_on.contains(&rev.id) {
        return Err(cycle(
            CycleKind::DependencySelfLoop,
            std::slice::from_ref(&rev.id),
        ));
    }
    let mut illegal: Vec<char> = ILLEGAL_ID_CHARS
        .iter()
        .copied()
        .filter(|c| rev.id.contains(*c))
        .collect();
    illegal.sort_unstable();
    if !illegal.is_empty() {
        let list: Vec<String> = illegal.iter().map(char::to_string).collect();
        return Err(Fault::revision(crate::tr!(
            "revision-characters-not-allowed",
            characters = list.join(", "),
            id = &rev.id
        )));
    }
    if rev.id.is_empty() {
        return Err(Fault::revision(crate::tr!("revision-revision-has-empty-revision-id")));
    }
    Ok(())
}

/// The items in the order first written, each once.
fn dedupe_names(items: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    items.retain(|item| seen.insert(item.clone()));
}

fn build(mut revisions: Vec<Revision>) -> FaultResult<RevisionMap> {
    let n = revisions.len();
    // A parent or dependency named twice is named once: Alembic follows
    // `dedupe_tuple` of them in every walk, and a repeat followed twice
    // would put one revision on two pending branches at once.
    for rev in &mut revisions {
        dedupe_names(&mut rev.down_revisions);
        dedupe_names(&mut rev.depends_on);
    }
    let mut by_id = HashMap::with_capacity(n);
    for (i, rev) in revisions.iter().enumerate() {
        check_revision_id(rev)?;
        if by_id.insert(rev.id.clone(), i).is_some() {
            return Err(Fault::revision(crate::tr!(
                "revision-revision-present-more-than-once",
                id = &rev.id
            )));
        }
    }

    // Labels enter the map after every id; a label may name neither an id
    // nor another label.
    let mut by_label: HashMap<String, usize> = HashMap::new();
    let mut label_order = Vec::new();
    for (i, rev) in revisions.iter().enumerate() {
        for label in &rev.branch_labels {
            let owner = by_id.get(label).or_else(|| by_label.get(label)).copied();
            if let Some(owner) = owner {
                return Err(Fault::revision(crate::tr!(
                    "revision-branch-name-revision-already-used",
                    label = label,
                    id = &rev.id,
                    owner = &revisions[owner].id
                )));
            }
            by_label.insert(label.clone(), i);
            label_order.push(label.clone());
        }
    }

    let mut map = RevisionMap {
        nodes: vec![Node::default(); n],
        revisions,
        by_id,
        by_label,
        label_order,
        heads: Vec::new(),
        real_heads: Vec::new(),
        bases: Vec::new(),
        closure: None,
    };

    for i in 0..n {
        let rev = &map.revisions[i];
        let mut down = Vec::with_capacity(rev.down_revisions.len());
        for d in &rev.down_revisions {
            match map.by_id.get(d) {
                Some(&di) => down.push(di),
                None => {
                    return Err(Fault::Typed(RevisionError::MissingReference {
                        missing: d.clone(),
                        referenced_by: rev.id.clone(),
                        dependency: false,
                    }))
                }
            }
        }
        let mut deps = Vec::with_capacity(rev.depends_on.len());
        for d in &rev.depends_on {
            match map.key(d) {
                Some(di) => deps.push(di),
                None => {
                    return Err(Fault::Typed(RevisionError::MissingReference {
                        missing: d.clone(),
                        referenced_by: rev.id.clone(),
                        dependency: true,
                    }))
                }
            }
        }
        let node = &mut map.nodes[i];
        node.all_down = dedupe(down.iter().chain(&deps).copied());
        node.down = dedupe(down);
        node.resolved_deps = dedupe(deps);
        node.labels = rev.branch_labels.clone();
    }

    for i in 0..n {
        for k in 0..map.nodes[i].all_down.len() {
            let parent = map.nodes[i].all_down[k];
            let versioned = map.nodes[i].down.contains(&parent);
            let pn = &mut map.nodes[parent];
            if !pn.all_next.contains(&i) {
                pn.all_next.push(i);
            }
            if versioned && !pn.next.contains(&i) {
                pn.next.push(i);
            }
        }
    }

    map.heads = (0..n).filter(|&i| map.nodes[i].next.is_empty()).collect();
    map.real_heads = (0..n)
        .filter(|&i| map.nodes[i].all_next.is_empty())
        .collect();
    map.bases = (0..n)
        .filter(|&i| map.revisions[i].down_revisions.is_empty())
        .collect();

    detect_cycles(&map)?;
    let order = parents_first_order(&map);
    if order.len() < map.len() {
        return Err(cycle_left_over(&map, &order));
    }
    let versioned = (map.len() <= MAX_CLOSURE_REVISIONS)
        .then(|| Closure::build(map.len(), &order, |i| &map.nodes[i].down));
    normalize_dependencies(&mut map, versioned.as_ref());
    if map.len() <= MAX_CLOSURE_REVISIONS {
        map.closure = Some(Closure::build(map.len(), &order, |i| {
            &map.nodes[i].all_down
        }));
    }
    propagate_branch_labels(&mut map);
    Ok(map)
}

/// A dependency that an ancestor already depends on adds nothing: drop it,
/// so that the planner's parents are the immediate ones.
fn normalize_dependencies(map: &mut RevisionMap, versioned: Option<&Closure>) {
    // Who depends on each revision: few, so "does an ancestor of X depend
    // on D" is answered by testing D's dependents against X's ancestry.
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); map.len()];
    for i in 0..map.len() {
        for &d in &map.nodes[i].resolved_deps {
            if !dependents[d].contains(&i) {
                dependents[d].push(i);
            }
        }
    }
    for i in 0..map.len() {
        if map.nodes[i].resolved_deps.is_empty() {
            map.nodes[i].normalized_down = dedupe(map.nodes[i].down.iter().copied());
            continue;
        }
        let below: Option<BitSet> = versioned.is_none().then(|| map.reach(Edges::Down, &[i]));
        let is_strict_ancestor = |a: usize| {
            a != i
                && match (versioned, &below) {
                    (Some(c), _) => c.contains(i, a),
                    (None, Some(b)) => b.contains(a),
                    (None, None) => false,
                }
        };
        let kept: Vec<usize> = map.nodes[i]
            .resolved_deps
            .iter()
            .copied()
            .filter(|&d| !dependents[d].iter().any(|&a| is_strict_ancestor(a)))
            .collect();
        let node = &mut map.nodes[i];
        node.normalized_deps = dedupe(kept);
        node.normalized_down = dedupe(node.down.iter().chain(&node.normalized_deps).copied());
    }
}

/// Every revision after all of its parents (`Revises` and `Depends On`);
/// a revision on or above a cycle is left out.
fn parents_first_order(map: &RevisionMap) -> Vec<usize> {
    let mut pending: Vec<usize> = map.nodes.iter().map(|n| n.all_down.len()).collect();
    let mut ready: Vec<usize> = (0..map.len()).filter(|&i| pending[i] == 0).collect();
    let mut order = Vec::with_capacity(map.len());
    while let Some(i) = ready.pop() {
        order.push(i);
        for &c in &map.nodes[i].all_next {
            pending[c] -= 1;
            if pending[c] == 0 {
                ready.push(c);
            }
        }
    }
    order
}

/// The revisions a parents-first ordering could not place: Alembic's check
/// ([`detect_cycles`]) only asks that every revision lie between a head and
/// a base, which a cycle hanging off a line passes (`c <- a <- b <- a`, with
/// a head `d` revising `a`). Those left over sit on a cycle or above one;
/// the ones above are trimmed so that the message names the cycle.
fn cycle_left_over(map: &RevisionMap, order: &[usize]) -> Fault {
    let mut left = BitSet::new(map.len());
    for i in 0..map.len() {
        left.insert(i);
    }
    for &i in order {
        left.remove(i);
    }
    // Whether the cycle needs `Depends On` edges to close.
    let along_revises = {
        let mut pending: Vec<usize> = map.nodes.iter().map(|n| n.down.len()).collect();
        let mut ready: Vec<usize> = (0..map.len()).filter(|&i| pending[i] == 0).collect();
        let mut placed = 0;
        while let Some(i) = ready.pop() {
            placed += 1;
            for &c in &map.nodes[i].next {
                pending[c] -= 1;
                if pending[c] == 0 {
                    ready.push(c);
                }
            }
        }
        placed < map.len()
    };
    // Trim revisions with no child left over, until none is trimmed.
    loop {
        let trimmed: Vec<usize> = left
            .iter()
            .filter(|&i| !map.nodes[i].all_next.iter().any(|&c| left.contains(c)))
            .collect();
        if trimmed.is_empty() {
            break;
        }
        for i in trimmed {
            left.remove(i);
        }
    }
    let mut ids: Vec<String> = left.iter().map(|i| map.id(i).to_string()).collect();
    ids.sort();
    let kind = if along_revises {
        CycleKind::Cycle
    } else {
        CycleKind::DependencyCycle
    };
    cycle(kind, &ids)
}

/// Every revision must lie between a head and a base; those that do not
/// sit on a cycle. Checked first along `Revises`, then with `Depends On`.
fn detect_cycles(map: &RevisionMap) -> FaultResult<()> {
    if map.is_empty() {
        return Ok(());
    }
    let all_ids = || {
        map.revisions
            .iter()
            .map(|r| r.id.clone())
            .collect::<Vec<_>>()
    };
    let stranded = |heads: &[usize], bases: &[usize], up: Edges, down: Edges| {
        let mut space = map.reach(up, heads);
        space.intersect_with(&map.reach(down, bases));
        let mut out: Vec<String> = (0..map.len())
            .filter(|&i| !space.contains(i))
            .map(|i| map.id(i).to_string())
            .collect();
        out.sort();
        out
    };
    if map.heads.is_empty() || map.bases.is_empty() {
        return Err(cycle(CycleKind::Cycle, &all_ids()));
    }
    let lost = stranded(&map.heads, &map.bases, Edges::Down, Edges::Next);
    if !lost.is_empty() {
        return Err(cycle(CycleKind::Cycle, &lost));
    }
    let real_bases: Vec<usize> = map
        .bases
        .iter()
        .copied()
        .filter(|&b| map.revisions[b].depends_on.is_empty())
        .collect();
    if map.real_heads.is_empty() || real_bases.is_empty() {
        return Err(cycle(CycleKind::DependencyCycle, &all_ids()));
    }
    let lost = stranded(&map.real_heads, &real_bases, Edges::AllDown, Edges::AllNext);
    if !lost.is_empty() {
        return Err(cycle(CycleKind::DependencyCycle, &lost));
    }
    Ok(())
}

fn cycle(kind: CycleKind, ids: &[String]) -> Fault {
    Fault::Typed(RevisionError::Cycle {
        kind,
        revisions: ids.to_vec(),
    })
}

/// A label names its whole branch: every revision above the labelled one,
/// and, when the branch above is a single line, the revisions below it down
/// to the nearest branch point or merge point. (Alembic walks down from the
/// last revision its depth-first walk visited; when the branch above is not
/// a single line that walk always stops at or above the labelled revision.)
fn propagate_branch_labels(map: &mut RevisionMap) {
    for i in 0..map.len() {
        if map.revisions[i].branch_labels.is_empty() {
            continue;
        }
        let labels = map.nodes[i].labels.clone();
        let above = map.walk_order(Edges::Next, &[i]);
        for &a in &above {
            add_labels(&mut map.nodes[a], &labels);
        }
        let mut cursor = above.last().copied();
        while let Some(p) = cursor {
            let node = &map.nodes[p];
            if node.all_next.len() > 1 || map.revisions[p].down_revisions.len() > 1 {
                break;
            }
            cursor = node.down.first().copied();
            add_labels(&mut map.nodes[p], &labels);
        }
    }
}

fn add_labels(node: &mut Node, labels: &[String]) {
    for l in labels {
        if !node.labels.contains(l) {
            node.labels.push(l.clone());
        }
    }
}
