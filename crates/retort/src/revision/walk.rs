//! Which revisions an upgrade or downgrade visits, and in which order:
//! Alembic's `_walk`, `_parse_upgrade_target`, `_parse_downgrade_target`,
//! `_collect_upgrade_revisions`, `_collect_downgrade_revisions` and
//! `_topological_sort`.

use super::bitset::BitSet;
use super::error::{py_repr_tuple, Fault, FaultResult};
use super::graph::{Edges, RevisionMap};
use super::ident::{match_relative, Slot};

/// An identifier argument as Alembic passes it around: nothing, one
/// string (what the user typed), or a tuple (the version table's rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Arg {
    None,
    Str(String),
    Tuple(Vec<String>),
}

impl Arg {
    /// As Alembic's messages render it.
    pub(crate) fn render(&self) -> String {
        match self {
            Arg::None => "None".to_string(),
            Arg::Str(s) => s.clone(),
            Arg::Tuple(t) => py_repr_tuple(t),
        }
    }

    /// `util.to_tuple`: `None` stays `None`.
    fn to_tuple(&self) -> Option<Vec<String>> {
        match self {
            Arg::None => None,
            Arg::Str(s) => Some(vec![s.clone()]),
            Arg::Tuple(t) => Some(t.clone()),
        }
    }
}

impl RevisionMap {
    /// `get_revisions` over an [`Arg`].
    pub(crate) fn slots_arg(&self, arg: &Arg) -> FaultResult<Vec<Slot>> {
        match arg {
            Arg::None => Ok(Vec::new()),
            Arg::Str(s) => self.slots(Some(s)),
            Arg::Tuple(t) => self.slots_many(t),
        }
    }

    fn revisions_of(&self, slots: Vec<Slot>) -> FaultResult<Vec<usize>> {
        slots.into_iter().map(Slot::revision).collect()
    }

    fn slots_of_ids(&self, ids: &[usize]) -> FaultResult<Vec<Slot>> {
        let names: Vec<&str> = ids.iter().map(|&i| self.id(i)).collect();
        self.slots_many(&names)
    }

    /// Steps up (`steps > 0`) or down from `start`. Walking up into a merge
    /// is fine; any fork (several children up, several parents down) is an
    /// "Ambiguous walk". Past the end: `None` when `no_overwalk`, else the
    /// last revision reached.
    pub(crate) fn walk(
        &self,
        start: Slot,
        steps: i64,
        branch_label: Option<&str>,
        no_overwalk: bool,
    ) -> FaultResult<Slot> {
        let mut initial = start;
        for _ in 0..steps.unsigned_abs() {
            let children: Vec<Slot> = if steps > 0 {
                let up_from = match initial {
                    Slot::Base => {
                        return Err(Fault::internal(crate::tr!("revision-cannot-walk-up-from-below")))
                    }
                    Slot::Null => self.bases.clone(),
                    Slot::Rev(r) => self.nodes[r].next.clone(),
                };
                let walk_up = self.revisions_of(self.slots_of_ids(&up_from)?)?;
                let chosen = match branch_label.filter(|l| !l.is_empty()) {
                    Some(l) => self.filter_for_lineage(&walk_up, l, false)?,
                    None => walk_up,
                };
                chosen.into_iter().map(Slot::Rev).collect()
            } else {
                let found = match initial {
                    Slot::Base => None,
                    Slot::Null => Some(self.slots_of_ids(&self.heads)?),
                    Slot::Rev(r) => Some(self.slots_of_ids(&self.nodes[r].down)?),
                };
                match found {
                    None => Vec::new(),
                    // Below a base lies "base" itself.
                    Some(found) if found.is_empty() => vec![Slot::Base],
                    Some(found) => found,
                }
            };
            match children.as_slice() {
                [] => return Ok(if no_overwalk { Slot::Null } else { initial }),
                [one] => initial = *one,
                _ => return Err(Fault::revision(crate::tr!("revision-ambiguous-walk"))),
            }
        }
        Ok(initial)
    }

    fn single_slot(&self, ident: &str) -> FaultResult<Slot> {
        self.single(Some(ident)).map(Slot::from_option)
    }

    /// A downgrade target: the branch label it names (if any) and the
    /// revision to end at (`Null`/`Base` for base). Relative targets count
    /// from `current` (`-N`) or from a symbol (`REV-N`, `LABEL@REV+N`).
    pub(crate) fn parse_downgrade_target(
        &self,
        current: &Arg,
        target: &Arg,
        assert_relative_length: bool,
    ) -> FaultResult<(Option<String>, Slot)> {
        let target = match target {
            Arg::None => return Ok((None, Slot::Null)),
            Arg::Str(s) => s.as_str(),
            Arg::Tuple(_) => {
                return Err(Fault::internal(crate::tr!("revision-expected-downgrade-target-string-form")))
            }
        };
        let didnt_produce = |text: &str, steps: i64| {
            // The count as text: a huge one must print exactly, not as a float.
            Fault::revision(crate::tr!(
                "revision-relative-did-not-produce",
                text = text,
                count = steps.unsigned_abs().to_string()
            ))
        };
        if let Some(rel) = match_relative(target) {
            let mut label = rel.label.map(str::to_string);
            if rel.steps >= 0 {
                let Some(symbol) = rel.symbol else {
                    // "Downgrade to current + n" means nothing.
                    return Err(didnt_produce(rel.text, rel.steps));
                };
                let start = self.single_slot(symbol)?;
                let rev = self.walk(start, rel.steps, rel.label, assert_relative_length)?;
                if rev == Slot::Null {
                    return Err(Fault::revision(crate::tr!("revision-walked-too-far")));
                }
                return Ok((label, rev));
            }
            let relative_to_current = rel.symbol.is_none();
            let symbol: String = match rel.symbol {
                Some(s) => s.to_string(),
                None => match &label {
                    Some(l) => self.current_on_branch(current, l)?,
                    None => {
                        let rows = current.to_tuple().unwrap_or_default();
                        let Some(first) = rows.first() else {
                            return Err(didnt_produce(rel.text, rel.steps));
                        };
                        // With several rows Alembic starts from the first
                        // one and restricts the walk to its branch.
                        label = Some(first.clone());
                        first.clone()
                    }
                },
            };
            let start = match &label {
                None => self.single_slot(&symbol)?,
                Some(l) => self.single_slot(&format!("{l}@{symbol}"))?,
            };
            let rev = self.walk(start, rel.steps, None, assert_relative_length)?;
            if rev == Slot::Null {
                return Err(if relative_to_current {
                    didnt_produce(rel.text, rel.steps)
                } else {
                    Fault::revision(crate::tr!("revision-walked-too-far"))
                });
            }
            return Ok((label, rev));
        }
        let (label, symbol) = match target.rsplit_once('@') {
            Some((l, s)) => ((!l.is_empty()).then(|| l.to_string()), s),
            None => (None, target),
        };
        Ok((label, self.single_slot(symbol)?))
    }

    /// For `LABEL@-N`: the one current head on the label's branch.
    fn current_on_branch(&self, current: &Arg, label: &str) -> FaultResult<String> {
        let rows = current
            .to_tuple()
            .ok_or_else(|| Fault::internal(crate::tr!("revision-no-current-revisions-count-from")))?;
        let mut row_revs = Vec::new();
        for r in &rows {
            let i = self
                .revision_for_ident(Some(r), None)?
                .ok_or_else(|| Fault::internal(crate::tr!("revision-current-revision-resolved-nothing")))?;
            row_revs.push(i);
        }
        let mut on_branch = self.filter_for_lineage(&row_revs, label, false)?;
        if on_branch.is_empty() {
            // Several branches but one row: the other branches' heads are
            // dependencies of it; look among everything current.
            let all_current = self.all_current(&rows)?;
            on_branch = self.filter_for_lineage(&all_current, label, false)?;
        }
        match on_branch.as_slice() {
            [one] => Ok(self.id(*one).to_string()),
            _ => Err(Fault::internal(crate::tr!("revision-cannot-tell-which-current-revision", label = label))),
        }
    }

    /// Rows plus their ancestors, reduced to those no other of them
    /// revises: what `alembic current` shows.
    pub(crate) fn all_current<S: AsRef<str>>(&self, rows: &[S]) -> FaultResult<Vec<usize>> {
        let tops = self.revisions_of(
            self.slots_many(rows)?
                .into_iter()
                .filter(|s| *s != Slot::Null)
                .collect(),
        )?;
        let set = self.ancestors(&tops);
        // The set holds every ancestor of its members, so a member has a
        // descendant in it exactly when one of its children is in it.
        Ok(set
            .iter()
            .filter(|&r| !self.nodes[r].next.iter().any(|&c| set.contains(c)))
            .collect())
    }

    /// The revisions an upgrade target names, relative targets resolved
    /// from `current`.
    pub(crate) fn parse_upgrade_target(
        &self,
        current: &Arg,
        target: &Arg,
        assert_relative_length: bool,
    ) -> FaultResult<Vec<Slot>> {
        let rel = match target {
            Arg::Str(s) => match_relative(s),
            _ => None,
        };
        let Some(rel) = rel else {
            return self.slots_arg(target);
        };
        let didnt_produce = |text: &str, steps: i64| {
            // The count as text: a huge one must print exactly, not as a float.
            Fault::revision(crate::tr!(
                "revision-relative-did-not-produce",
                text = text,
                count = steps.unsigned_abs().to_string()
            ))
        };
        if rel.steps > 0 {
            let Some(symbol) = rel.symbol else {
                return self
                    .upgrade_relative_to_current(current, &rel, assert_relative_length)
                    .and_then(|slot| {
                        if slot == Slot::Null {
                            Err(didnt_produce(rel.text, rel.steps))
                        } else {
                            Ok(vec![slot])
                        }
                    });
            };
            let start = self.single_slot(symbol)?;
            return Ok(vec![self.walk(
                start,
                rel.steps,
                rel.label,
                assert_relative_length,
            )?]);
        }
        let Some(symbol) = rel.symbol else {
            // "Upgrade to current - n" means nothing; Alembic prints the
            // number here, not the text as typed.
            return Err(didnt_produce(&rel.steps.to_string(), rel.steps));
        };
        let start = match rel.label {
            None => self.single_slot(symbol)?,
            Some(l) => self.single_slot(&format!("{l}@{symbol}"))?,
        };
        Ok(vec![self.walk(
            start,
            rel.steps,
            None,
            assert_relative_length,
        )?])
    }

    fn upgrade_relative_to_current(
        &self,
        current: &Arg,
        rel: &super::ident::Relative<'_>,
        assert_relative_length: bool,
    ) -> FaultResult<Slot> {
        // Start candidates: the rows (strings) or, with a label, revisions.
        enum Start {
            Row(Option<String>),
            Rev(usize),
        }
        let rows: Vec<Option<String>> = match current.to_tuple() {
            Some(t) if !t.is_empty() => t.into_iter().map(Some).collect(),
            _ => vec![None],
        };
        let mut starts: Vec<Start> = rows.iter().cloned().map(Start::Row).collect();
        if let Some(label) = rel.label {
            let mut row_slots = Vec::new();
            for r in &rows {
                row_slots.extend(self.slots(r.as_deref())?);
            }
            let row_revs = self.revisions_of(row_slots)?;
            let on_branch = self.filter_for_lineage(&row_revs, label, false)?;
            starts = on_branch.into_iter().map(Start::Rev).collect();
            if starts.is_empty() {
                // The branch has no current head: start from the tips of
                // what is applied on that branch, or from base.
                let applied = self.walk_order(Edges::DownWithDeps, &row_revs);
                let active = self.filter_for_lineage(&applied, label, false)?;
                let mut below = BitSet::new(self.len());
                for &a in &active {
                    for &d in &self.nodes[a].normalized_down {
                        below.insert(d);
                    }
                }
                let mut tips: Vec<usize> =
                    active.into_iter().filter(|a| !below.contains(*a)).collect();
                tips.dedup();
                starts = tips.into_iter().map(Start::Rev).collect();
                if starts.is_empty() {
                    starts.push(Start::Row(None));
                }
            }
        }
        if starts.len() > 1 {
            return Err(Fault::revision(crate::tr!("revision-ambiguous-upgrade-from-multiple-current")));
        }
        let start = match &starts[0] {
            Start::Row(None) => Slot::Null,
            Start::Row(Some(r)) => self.single_slot(r)?,
            Start::Rev(i) => Slot::Rev(*i),
        };
        self.walk(start, rel.steps, rel.label, assert_relative_length)
    }

    /// The revisions to apply to get from `lower` (the current heads) to
    /// `upper` (the target), and the target revisions.
    pub(crate) fn collect_upgrade_revisions(
        &self,
        upper: &Arg,
        lower: &Arg,
        inclusive: bool,
        implicit_base: bool,
        assert_relative_length: bool,
    ) -> FaultResult<(BitSet, Vec<Slot>)> {
        let mut targets: Vec<usize> =
            self.revisions_of(self.parse_upgrade_target(lower, upper, assert_relative_length)?)?;

        // `LABEL@...` as the lower end: only targets on that branch.
        if let Arg::Str(l) = lower {
            if let Some((branch, _)) = l.split_once('@') {
                let mut branch = branch.to_string();
                if let Some(b) = self.single(Some(&branch))? {
                    if self.id(b) == branch {
                        // A revision id used as the label: its branch's.
                        match self.nodes[b].labels.as_slice() {
                            [one] => branch = one.clone(),
                            _ => {
                                return Err(Fault::internal(crate::tr!("revision-revision-does-not-name-exactly", branch = branch)))
                            }
                        }
                    }
                }
                targets.retain(|&t| self.nodes[t].labels.contains(&branch));
                let mut seen = BitSet::new(self.len());
                targets.retain(|&t| seen.insert(t));
            }
        }

        let mut required = self.reach_checked(Edges::DownWithDeps, &targets)?;
        for &t in &targets {
            required.insert(t);
        }

        let mut lower = lower.clone();
        let mut current = self.slots_arg(&lower)?;
        if !implicit_base
            && current.iter().any(|s| match s {
                Slot::Null => false,
                Slot::Base => true,
                Slot::Rev(r) => !required.contains(*r),
            })
        {
            return Err(Fault::RangeNotAncestor {
                lower: lower.render(),
                upper: upper.render(),
            });
        }
        // A relative lower end (`-2:...`): count it from the upper end.
        if current.first() == Some(&Slot::Null) {
            let (_, rev) = self.parse_downgrade_target(upper, &lower, assert_relative_length)?;
            match rev {
                Slot::Null => {
                    return Err(Fault::internal(crate::tr!("revision-relative-range-start-resolved-nothing")))
                }
                Slot::Base => {
                    current = Vec::new();
                    lower = Arg::None;
                }
                Slot::Rev(r) => {
                    current = vec![Slot::Rev(r)];
                    lower = Arg::Str(self.id(r).to_string());
                }
            }
        }
        let current_revs = self.revisions_of(current)?;
        let mut current_set = self.reach_checked(Edges::DownWithDeps, &current_revs)?;
        for &c in &current_revs {
            current_set.insert(c);
        }

        let mut needs = required;
        for c in current_set.iter() {
            needs.remove(c);
        }
        if inclusive {
            for r in self.revisions_of(self.slots_arg(&lower)?)? {
                needs.insert(r);
            }
        }
        if !current_revs.is_empty() && !implicit_base {
            let above = self.reach_checked(Edges::Next, &current_revs)?;
            needs.intersect_with(&above);
        }
        Ok((needs, targets.into_iter().map(Slot::Rev).collect()))
    }

    /// The revisions to undo to get from `upper` (the current heads) down
    /// to `lower` (the target), and the current heads.
    pub(crate) fn collect_downgrade_revisions(
        &self,
        upper: &Arg,
        lower: &Arg,
        inclusive: bool,
        assert_relative_length: bool,
    ) -> FaultResult<(BitSet, Vec<Slot>)> {
        let (branch_label, target) =
            self.parse_downgrade_target(upper, lower, assert_relative_length)?;
        let target = match target {
            Slot::Base | Slot::Null => None,
            Slot::Rev(r) => Some(r),
        };

        let mut roots: Vec<usize> = match target {
            None => {
                // Every base, once per key of Alembic's map naming it (a
                // labelled base is listed under its label too).
                let mut roots = Vec::new();
                for &b in &self.bases {
                    roots.push(b);
                    for _ in &self.revisions[b].branch_labels {
                        roots.push(b);
                    }
                }
                roots
            }
            Some(t) if inclusive => vec![t],
            Some(t) => self.revisions_of(self.slots_of_ids(&self.nodes[t].next)?)?,
        };

        if let Some(label) = branch_label.as_deref().filter(|l| !l.is_empty()) {
            if roots.len() > 1 {
                let branch = self.resolve_branch(label)?;
                let on_branch = self.reach(Edges::Down, &[branch]);
                let mut seen = BitSet::new(self.len());
                roots.retain(|&r| on_branch.contains(r) && seen.insert(r));
                if roots.is_empty() {
                    return Err(Fault::revision(crate::tr!("revision-not-valid-downgrade-target-from")));
                }
            }
        }

        let heads = self.slots_arg(upper)?;
        let head_revs = self.revisions_of(heads.clone())?;
        let mut drop = self.reach(Edges::AllNext, &roots);
        drop.intersect_with(&self.ancestors(&head_revs));

        if let Some(t) = target {
            if drop.is_empty() && !head_revs.contains(&t) {
                return Err(Fault::RangeNotAncestor {
                    lower: "Nothing to drop".to_string(),
                    upper: upper.render(),
                });
            }
        }
        Ok((drop, heads))
    }

    /// Orders `revisions` from the top down, starting from `heads`: each
    /// branch is followed down as far as possible before another is
    /// started, heads taken in file order, and a revision waits until every
    /// revision above it (in any branch still pending) has been emitted.
    pub(crate) fn topological_sort(
        &self,
        revisions: &BitSet,
        heads: &[Slot],
    ) -> FaultResult<Vec<usize>> {
        let mut todo = revisions.clone();
        let mut head_revs: Vec<usize> = Vec::new();
        for h in heads {
            let r = h.revision()?;
            if todo.contains(r) && !head_revs.contains(&r) {
                head_revs.push(r);
            }
        }
        head_revs.sort_unstable();
        let mut current: Vec<usize> = head_revs;
        let mut in_current = BitSet::new(self.len());
        for &c in &current {
            in_current.insert(c);
        }
        let mut ancestors: Vec<BitSet> = current.iter().map(|&h| self.ancestors(&[h])).collect();
        let mut output = Vec::new();
        let mut idx = 0usize;
        // Consecutive hand-overs to another branch. Which branch a
        // hand-over goes to depends only on where it starts, so more
        // hand-overs in a row than there are branches go round in a circle
        // for ever; that cannot happen on an acyclic graph, and is refused
        // rather than spun on should the graph be inconsistent. Every other
        // turn of the loop takes a revision out of `todo` or a branch out
        // of `current`, so the loop ends.
        let mut hand_overs = 0usize;

        while !current.is_empty() {
            let candidate = current[idx];
            if let Some(other) = ancestors
                .iter()
                .enumerate()
                .position(|(j, anc)| j != idx && anc.contains(candidate))
            {
                // Another pending branch still needs this revision below
                // it: go and finish that branch first.
                hand_overs += 1;
                if hand_overs > current.len() {
                    return Err(Fault::internal(format!(
                        "Revision ordering went round in a circle at {}; the graph is inconsistent",
                        self.id(candidate)
                    )));
                }
                idx = other;
                continue;
            }
            hand_overs = 0;
            if todo.contains(candidate) {
                output.push(candidate);
                todo.remove(candidate);
            }
            let node = &self.nodes[candidate];
            let to_add: Vec<usize> = node
                .normalized_down
                .iter()
                .copied()
                .filter(|&r| todo.contains(r) && !in_current.contains(r))
                .collect();
            if to_add.is_empty() {
                in_current.remove(current.remove(idx));
                ancestors.remove(idx);
                idx = idx.saturating_sub(1);
            } else {
                in_current.remove(candidate);
                current[idx] = to_add[0];
                in_current.insert(to_add[0]);
                if node.normalized_deps.is_empty() && node.down.len() == 1 {
                    // A plain step down a line: the ancestors are those of
                    // the candidate without it.
                    ancestors[idx].remove(candidate);
                } else {
                    ancestors[idx] = self.ancestors(&[to_add[0]]);
                    for &extra in &to_add[1..] {
                        current.push(extra);
                        in_current.insert(extra);
                        ancestors.push(self.ancestors(&[extra]));
                    }
                }
            }
        }
        if !todo.is_empty() {
            return Err(Fault::internal(crate::tr!("revision-revision-ordering-left-revisions-behind")));
        }
        Ok(output)
    }

    /// Alembic's `iterate_revisions`: collect, then order top-down.
    pub(crate) fn iterate_revisions(
        &self,
        upper: &Arg,
        lower: &Arg,
        options: IterateOptions,
    ) -> FaultResult<Vec<usize>> {
        let (revs, heads) = if options.select_for_downgrade {
            self.collect_downgrade_revisions(
                upper,
                lower,
                options.inclusive,
                options.assert_relative_length,
            )?
        } else {
            self.collect_upgrade_revisions(
                upper,
                lower,
                options.inclusive,
                options.implicit_base,
                options.assert_relative_length,
            )?
        };
        self.topological_sort(&revs, &heads)
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct IterateOptions {
    pub(crate) implicit_base: bool,
    pub(crate) inclusive: bool,
    pub(crate) assert_relative_length: bool,
    pub(crate) select_for_downgrade: bool,
}

impl Default for IterateOptions {
    fn default() -> Self {
        IterateOptions {
            implicit_base: false,
            inclusive: false,
            assert_relative_length: true,
            select_for_downgrade: false,
        }
    }
}
