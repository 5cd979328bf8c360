//! Alembic's identifier grammar: full ids, prefixes, branch labels, `head`,
//! `heads`, `base`, `LABEL@...`, and the relative forms `+N`, `-N`,
//! `REV+N`, `LABEL@-N`, `LABEL@REV-N`.

use super::bitset::BitSet;
use super::error::{ambiguous_reason, caught, Fault, FaultResult};
use super::graph::{Edges, RevisionMap};
use super::{Revision, RevisionError};

/// One element of a resolved identifier, as Alembic's functions return it:
/// a revision, the string `"base"` (a downward walk fell off the bottom),
/// or `None` (nothing: `base` itself, or a walk that went too far).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    Null,
    Base,
    Rev(usize),
}

impl Slot {
    pub(crate) fn from_option(rev: Option<usize>) -> Slot {
        rev.map_or(Slot::Null, Slot::Rev)
    }

    /// Alembic asserts at many places that a slot holds a revision; where
    /// that fails Alembic crashes, and we give a clean error.
    pub(crate) fn revision(self) -> FaultResult<usize> {
        match self {
            Slot::Rev(i) => Ok(i),
            Slot::Base => Err(Fault::internal(
                "Revision walk ended at 'base' where a revision is needed",
            )),
            Slot::Null => Err(Fault::internal(
                "Revision walk ended at nothing where a revision is needed",
            )),
        }
    }
}

/// The parts of a relative identifier `[LABEL@][SYMBOL](+|-)DIGITS`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Relative<'a> {
    pub(crate) label: Option<&'a str>,
    pub(crate) symbol: Option<&'a str>,
    /// The signed step as written (`"+2"`, `"-0"`), for messages.
    pub(crate) text: &'a str,
    pub(crate) steps: i64,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `(\w+)?([+-]\d+)` anchored at the start only: whatever follows the
/// digits is ignored, as Alembic's `re.match` ignores it.
fn match_relative_tail(s: &str) -> Option<(Option<&str>, &str, i64)> {
    let word_end = s.find(|c: char| !is_word_char(c)).unwrap_or(s.len());
    let symbol = (word_end > 0).then(|| &s[..word_end]);
    let rest = &s[word_end..];
    let sign = rest.chars().next().filter(|c| *c == '+' || *c == '-')?;
    let digits_len = rest[1..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len() - 1);
    if digits_len == 0 {
        return None;
    }
    let text = &rest[..1 + digits_len];
    let magnitude = saturating_digits(&rest[1..1 + digits_len]);
    let steps = if sign == '-' { -magnitude } else { magnitude };
    Some((symbol, text, steps))
}

fn saturating_digits(digits: &str) -> i64 {
    digits.bytes().fold(0i64, |acc, b| {
        acc.saturating_mul(10).saturating_add(i64::from(b - b'0'))
    })
}

/// Matches Alembic's `(?:(.+?)@)?(\w+)?((?:\+|-)\d+)`: the label, when
/// present, is the shortest prefix before an `@` that lets the rest match.
pub(crate) fn match_relative(s: &str) -> Option<Relative<'_>> {
    for (at, _) in s.match_indices('@') {
        let label = &s[..at];
        // `.` does not match a newline, and `.+?` needs one character.
        if label.is_empty() || label.contains('\n') {
            continue;
        }
        if let Some((symbol, text, steps)) = match_relative_tail(&s[at + 1..]) {
            return Some(Relative {
                label: Some(label),
                symbol,
                text,
                steps,
            });
        }
    }
    match_relative_tail(s).map(|(symbol, text, steps)| Relative {
        label: None,
        symbol,
        text,
        steps,
    })
}

/// Python's `int(text)`: surrounding whitespace, an optional sign, digits
/// with single underscores between them.
pub(crate) fn python_int(text: &str) -> Option<i64> {
    let t = text.trim();
    let (negative, body) = match t.as_bytes().first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    if body.is_empty()
        || body.starts_with('_')
        || body.ends_with('_')
        || body.contains("__")
        || !body.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    {
        return None;
    }
    let magnitude = saturating_digits(&body.replace('_', ""));
    Some(if negative { -magnitude } else { magnitude })
}

/// What `_resolve_revision_number` gives: the ids an identifier stands for
/// (empty for `base`) and the branch label it was qualified with.
pub(crate) struct Resolved {
    pub(crate) ids: Vec<String>,
    pub(crate) label: Option<String>,
}

impl RevisionMap {
    /// Splits off `LABEL@` and expands `heads`, `head` and `base`.
    pub(crate) fn resolve_number(&self, ident: Option<&str>) -> FaultResult<Resolved> {
        let Some(ident) = ident else {
            return Ok(Resolved {
                ids: Vec::new(),
                label: None,
            });
        };
        let (label, id) = match ident.split_once('@') {
            Some((l, i)) => (Some(l.to_string()), i),
            None => (None, ident),
        };
        let label_truthy = label.as_deref().filter(|l| !l.is_empty());
        let ids = match id {
            "heads" => match label_truthy {
                Some(l) => {
                    let heads = self.heads.clone();
                    self.filter_for_lineage(&heads, l, false)?
                        .into_iter()
                        .map(|i| self.id(i).to_string())
                        .collect()
                }
                None => self.ids(&self.real_heads),
            },
            "head" => self
                .current_head(label_truthy)?
                .map(|h| vec![self.id(h).to_string()])
                .unwrap_or_default(),
            "base" => Vec::new(),
            other => vec![other.to_string()],
        };
        Ok(Resolved { ids, label })
    }

    /// The single head (of a branch, given a label), or a `MultipleHeads`.
    pub(crate) fn current_head(&self, label: Option<&str>) -> FaultResult<Option<usize>> {
        let heads = match label {
            Some(l) => {
                let heads = self.heads.clone();
                self.filter_for_lineage(&heads, l, false)?
            }
            None => self.heads.clone(),
        };
        if heads.len() > 1 {
            return Err(Fault::MultipleHeads {
                argument: match label {
                    Some(l) => format!("{l}@head"),
                    None => "head".to_string(),
                },
                heads: self.ids(&heads),
            });
        }
        Ok(heads.first().copied())
    }

    /// `get_revisions` for one identifier: may yield several revisions
    /// (`heads`), none (`base`), or walk down from heads (`LABEL@-N`).
    pub(crate) fn slots(&self, ident: Option<&str>) -> FaultResult<Vec<Slot>> {
        let resolved = self.resolve_number(ident)?;
        if resolved.ids.len() == 1 {
            if let Some(n) = python_int(&resolved.ids[0]).filter(|n| *n < 0) {
                // `-N` / `LABEL@-N`: walk down from each (real) head.
                let mut heads: Vec<usize> = self
                    .slots(Some("heads"))?
                    .into_iter()
                    .map(Slot::revision)
                    .collect::<FaultResult<_>>()?;
                if let Some(label) = &resolved.label {
                    heads.retain(|&h| self.nodes[h].labels.contains(label));
                }
                return heads
                    .into_iter()
                    .map(|h| self.walk(Slot::Rev(h), n, None, true))
                    .collect();
            }
        }
        resolved
            .ids
            .iter()
            .map(|id| {
                self.revision_for_ident(Some(id), resolved.label.as_deref())
                    .map(Slot::from_option)
            })
            .collect()
    }

    /// `get_revisions` over several identifiers, concatenated.
    pub(crate) fn slots_many<S: AsRef<str>>(&self, idents: &[S]) -> FaultResult<Vec<Slot>> {
        let mut out = Vec::new();
        for i in idents {
            out.extend(self.slots(Some(i.as_ref()))?);
        }
        Ok(out)
    }

    /// `get_revision`: exactly one revision or nothing; several heads is a
    /// `MultipleHeads`.
    pub(crate) fn single(&self, ident: Option<&str>) -> FaultResult<Option<usize>> {
        let resolved = self.resolve_number(ident)?;
        if resolved.ids.len() > 1 {
            return Err(Fault::MultipleHeads {
                argument: ident.unwrap_or("None").to_string(),
                heads: resolved.ids,
            });
        }
        self.revision_for_ident(
            resolved.ids.first().map(String::as_str),
            resolved.label.as_deref(),
        )
    }

    /// A label, or failing that any revision identifier, naming a branch.
    pub(crate) fn resolve_branch(&self, label: &str) -> FaultResult<usize> {
        if let Some(i) = self.key(label) {
            return Ok(i);
        }
        match self.revision_for_ident(Some(label), None) {
            Ok(Some(i)) => Ok(i),
            Ok(None) => Err(Fault::internal(crate::tr!(
                "revision-no-such-branch",
                label = label
            ))),
            Err(Fault::Resolution { .. }) => Err(Fault::Resolution {
                message: crate::tr!("revision-no-such-branch", label = label),
                argument: label.to_string(),
                candidates: Vec::new(),
            }),
            Err(other) => Err(other),
        }
    }

    /// One id, label or prefix (or nothing, for `base`) to a revision,
    /// checked to lie on `branch` when one is given.
    pub(crate) fn revision_for_ident(
        &self,
        id: Option<&str>,
        branch: Option<&str>,
    ) -> FaultResult<Option<usize>> {
        let branch = branch.filter(|b| !b.is_empty());
        let branch_rev = match branch {
            Some(b) => Some(self.resolve_branch(b)?),
            None => None,
        };
        let Some(id) = id else {
            return Ok(None);
        };
        let revision = match self.key(id) {
            Some(i) => i,
            None => {
                if id.is_empty() {
                    return Err(Fault::internal("An empty revision identifier was given"));
                }
                // A prefix is matched against ids and labels longer than
                // three characters; the prefix itself may be shorter.
                let mut candidates: Vec<&str> = self
                    .keys()
                    .filter(|k| k.chars().count() > 3 && k.starts_with(id))
                    .collect();
                if let (Some(_), Some(b)) = (branch_rev, branch) {
                    let idxs: Vec<usize> = candidates.iter().filter_map(|k| self.key(k)).collect();
                    let keep = self.filter_for_lineage(&idxs, b, false)?;
                    candidates.retain(|k| self.key(k).is_some_and(|i| keep.contains(&i)));
                }
                match candidates.as_slice() {
                    [] => {
                        let hint = if id.chars().count() < 4 {
                            crate::tr!("revision-short-prefix-hint")
                        } else {
                            String::new()
                        };
                        return Err(Fault::Resolution {
                            message: crate::tr!("revision-no-such-revision-or-branch", id = id, hint = &hint),
                            argument: id.to_string(),
                            candidates: Vec::new(),
                        });
                    }
                    [one] => self.key(one).expect("candidate is a key"),
                    many => {
                        return Err(Fault::Resolution {
                            message: ambiguous_reason(id, many),
                            argument: id.to_string(),
                            candidates: many.iter().map(|k| k.to_string()).collect(),
                        });
                    }
                }
            }
        };
        if let (Some(b), Some(br)) = (branch, branch_rev) {
            if !self.lineage_of(&[br], false).contains(revision) {
                return Err(Fault::Resolution {
                    message: crate::tr!(
                        "revision-not-on-branch",
                        revision = self.id(revision),
                        branch = b
                    ),
                    argument: id.to_string(),
                    candidates: Vec::new(),
                });
            }
        }
        Ok(Some(revision))
    }

    /// Everything that shares a line with one of `revs`: their ancestors
    /// and descendants. (`x` shares lineage with `r` exactly when `r` is an
    /// ancestor or descendant of `x`, so one set answers for all targets.)
    pub(crate) fn lineage_of(&self, revs: &[usize], include_dependencies: bool) -> BitSet {
        let (up, down) = if include_dependencies {
            (Edges::AllNext, Edges::DownWithDeps)
        } else {
            (Edges::Next, Edges::Down)
        };
        let mut set = self.reach(up, revs);
        set.union_with(&self.reach(down, revs));
        set
    }

    /// The targets that share a line with what `check_against` names.
    pub(crate) fn filter_for_lineage(
        &self,
        targets: &[usize],
        check_against: &str,
        include_dependencies: bool,
    ) -> FaultResult<Vec<usize>> {
        let resolved = self.resolve_number(Some(check_against))?;
        let mut shares: Vec<String> = Vec::new();
        if let Some(l) = resolved.label.filter(|l| !l.is_empty()) {
            shares.push(l);
        }
        shares.extend(resolved.ids);
        if targets.is_empty() || shares.is_empty() {
            return Ok(targets.to_vec());
        }
        let mut against = Vec::new();
        for s in &shares {
            if let Some(i) = self.revision_for_ident(Some(s), None)? {
                against.push(i);
            }
        }
        let lineage = self.lineage_of(&against, include_dependencies);
        Ok(targets
            .iter()
            .copied()
            .filter(|&t| lineage.contains(t))
            .collect())
    }

    /// Resolves one identifier to exactly one revision (or none, for
    /// `base`), as `alembic show` and `--head` do.
    pub fn get_revision(&self, ident: &str) -> Result<Option<&Revision>, RevisionError> {
        caught(self.single(Some(ident))).map(|r| r.map(|i| &self.revisions[i]))
    }

    /// Resolves one identifier to the revisions it names (`heads` gives
    /// several, `base` none). A walk that ends below the bases or nowhere is
    /// an error here.
    pub fn get_revisions(&self, ident: &str) -> Result<Vec<&Revision>, RevisionError> {
        let slots = caught(self.slots(Some(ident)))?;
        slots
            .into_iter()
            .filter(|s| *s != Slot::Null)
            .map(|s| caught(s.revision()).map(|i| &self.revisions[i]))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(s: &str) -> Option<(Option<&str>, Option<&str>, &str, i64)> {
        match_relative(s).map(|r| (r.label, r.symbol, r.text, r.steps))
    }

    #[test]
    fn relative_forms_split_like_alembics_regex() {
        assert_eq!(rel("+2"), Some((None, None, "+2", 2)));
        assert_eq!(rel("-10"), Some((None, None, "-10", -10)));
        assert_eq!(rel("-0"), Some((None, None, "-0", 0)));
        assert_eq!(rel("ae10+3"), Some((None, Some("ae10"), "+3", 3)));
        assert_eq!(rel("head-2"), Some((None, Some("head"), "-2", -2)));
        assert_eq!(rel("feat@+1"), Some((Some("feat"), None, "+1", 1)));
        assert_eq!(
            rel("feat@head-1"),
            Some((Some("feat"), Some("head"), "-1", -1))
        );
        assert_eq!(
            rel("feat@ae10+2"),
            Some((Some("feat"), Some("ae10"), "+2", 2))
        );
        // The shortest label that lets the rest match wins.
        assert_eq!(rel("a@b@c+1"), Some((Some("a@b"), Some("c"), "+1", 1)));
        // Anything after the digits is ignored, as `re.match` ignores it.
        assert_eq!(rel("-3xyz"), Some((None, None, "-3", -3)));
        assert_eq!(rel("+"), None);
        assert_eq!(rel("head"), None);
        assert_eq!(rel("feat@head"), None);
        assert_eq!(rel("@+1"), None);
        assert_eq!(rel(""), None);
        assert_eq!(rel("+99999999999999999999999").map(|r| r.3), Some(i64::MAX));
    }

    #[test]
    fn python_int_accepts_what_int_accepts() {
        assert_eq!(python_int("-1"), Some(-1));
        assert_eq!(python_int(" 12 "), Some(12));
        assert_eq!(python_int("+3"), Some(3));
        assert_eq!(python_int("1_000"), Some(1000));
        assert_eq!(python_int("0010"), Some(10));
        assert_eq!(python_int("1__0"), None);
        assert_eq!(python_int("_1"), None);
        assert_eq!(python_int("-"), None);
        assert_eq!(python_int("ab12"), None);
        assert_eq!(python_int(""), None);
    }
}
