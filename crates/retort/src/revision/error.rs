//! Errors. Alembic raises a handful of exception classes deep in its
//! revision map and rewords some of them at the command level depending on
//! which command was running (`_catch_revision_errors`). [`Fault`] is the
//! deep, unworded kind; [`Catch`] is the per-command rewording that turns it
//! into the user-facing [`RevisionError`].

use thiserror::Error;

/// A revision problem, worded as Alembic words it and naming the
/// revision(s) it is about. The command line maps it to exit status 2.
///
/// The kinds a program may want to react to have variants of their own;
/// everything else is a [`RevisionError::Message`]. The text of each
/// (its `Display`) is the command line's message.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RevisionError {
    /// Several heads where the argument asks for one (`head` on a branched
    /// graph, `LABEL@head` on a branch that forks).
    #[error("{message}")]
    MultipleHeads {
        /// The identifier that needed a single head (`head`, `LABEL@head`).
        argument: String,
        /// The heads it matched.
        heads: Vec<String>,
        /// The message, worded for the command that was running.
        message: String,
    },
    /// An identifier that names no revision or branch (or a revision not on
    /// the branch it was qualified with).
    #[error("{}", crate::tr!("revision-unknown", argument = argument, reason = reason))]
    UnknownRevision { argument: String, reason: String },
    /// A prefix that several revision ids or branch labels start with.
    #[error(
        "{}",
        crate::tr!("revision-unknown", argument = prefix, reason = ambiguous_reason(prefix, candidates))
    )]
    AmbiguousPrefix {
        prefix: String,
        /// Every id and label starting with `prefix`, ids first in file order.
        candidates: Vec<String>,
    },
    /// The graph is not a DAG: these revisions lie on a cycle (or on no
    /// path between a head and a base because of one).
    #[error("{}", crate::tr!("revision-cycle", kind = kind.to_string(), revisions = revisions.join(", ")))]
    Cycle {
        kind: CycleKind,
        revisions: Vec<String>,
    },
    /// A `Revises` (or, with `dependency`, a `Depends On`) naming nothing.
    #[error("{}", missing_message(missing, referenced_by, *dependency))]
    MissingReference {
        /// The id (or label) that names nothing.
        missing: String,
        /// The revision whose header names it.
        referenced_by: String,
        /// Whether it was named in `Depends On` rather than `Revises`.
        dependency: bool,
    },
    /// Any other revision problem, message final.
    #[error("{0}")]
    Message(String),
}

/// Which edges a [`RevisionError::Cycle`] runs along.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CycleKind {
    /// Along `Revises`.
    Cycle,
    /// Along `Revises` and `Depends On` together.
    DependencyCycle,
    /// A revision that revises itself.
    SelfLoop,
    /// A revision that depends on itself.
    DependencySelfLoop,
}

impl std::fmt::Display for CycleKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            CycleKind::Cycle => crate::tr!("revision-cycle-kind-cycle"),
            CycleKind::DependencyCycle => crate::tr!("revision-cycle-kind-dependency-cycle"),
            CycleKind::SelfLoop => crate::tr!("revision-cycle-kind-self-loop"),
            CycleKind::DependencySelfLoop => crate::tr!("revision-cycle-kind-dependency-self-loop"),
        })
    }
}

/// Alembic lists the first three candidates.
pub(crate) fn ambiguous_reason<S: AsRef<str>>(prefix: &str, candidates: &[S]) -> String {
    let listed: Vec<String> = candidates
        .iter()
        .take(3)
        .map(|k| format!("'{}'", k.as_ref()))
        .collect();
    crate::tr!(
        "revision-ambiguous-prefix",
        prefix = prefix,
        candidates = listed.join(", ")
    )
}

fn missing_message(missing: &str, referenced_by: &str, dependency: bool) -> String {
    if dependency {
        crate::tr!(
            "revision-missing-dependency",
            missing = missing,
            referenced_by = referenced_by
        )
    } else {
        crate::tr!(
            "revision-missing-parent",
            missing = missing,
            referenced_by = referenced_by
        )
    }
}

impl RevisionError {
    pub(crate) fn msg(text: impl Into<String>) -> RevisionError {
        RevisionError::Message(text.into())
    }
}

/// The exception classes of Alembic's revision module, before rewording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fault {
    /// `RangeNotAncestorError(lower, upper)`, both already rendered.
    RangeNotAncestor { lower: String, upper: String },
    /// `MultipleHeads(heads, argument)`.
    MultipleHeads {
        argument: String,
        heads: Vec<String>,
    },
    /// `ResolutionError(message, argument)`; `candidates` lists what an
    /// ambiguous prefix matched (empty otherwise).
    Resolution {
        message: String,
        argument: String,
        candidates: Vec<String>,
    },
    /// An error already typed and worded, which no command rewords.
    Typed(RevisionError),
    /// Any other `RevisionError`, message final.
    Revision(String),
    /// A state in which Alembic itself fails with an internal error (an
    /// assertion, a missing attribute): we give a clean error instead.
    Internal(String),
}

pub(crate) type FaultResult<T> = Result<T, Fault>;

impl Fault {
    pub(crate) fn revision(text: impl Into<String>) -> Fault {
        Fault::Revision(text.into())
    }
    pub(crate) fn internal(text: impl Into<String>) -> Fault {
        Fault::Internal(text.into())
    }
}

/// The rewording a command applies (Alembic's `_catch_revision_errors`
/// arguments): catalog ids of messages whose `{ $start }`/`{ $end }`
/// (`%(start)s`/`%(end)s` in Alembic) or `{ $head_arg }` are filled in.
#[derive(Debug, Default, Clone)]
pub(crate) struct Catch<'a> {
    pub ancestor: Option<&'a str>,
    pub multiple_heads: Option<&'a str>,
    pub start: Option<String>,
    pub end: Option<String>,
}

impl Catch<'_> {
    pub(crate) fn apply(&self, fault: Fault) -> RevisionError {
        match fault {
            Fault::RangeNotAncestor { lower, upper } => {
                let start = self.start.clone().unwrap_or(lower);
                let end = self.end.clone().unwrap_or(upper);
                let id = self.ancestor.unwrap_or("revision-range-not-ancestor");
                RevisionError::msg(crate::i18n::message(
                    id,
                    &[("start", start.into()), ("end", end.into())],
                ))
            }
            Fault::MultipleHeads { argument, heads } => {
                let head_arg = self.end.clone().unwrap_or(argument);
                let id = self
                    .multiple_heads
                    .unwrap_or("revision-multiple-heads-for-argument");
                RevisionError::MultipleHeads {
                    message: crate::i18n::message(id, &[("head_arg", head_arg.as_str().into())]),
                    argument: head_arg,
                    heads,
                }
            }
            // Alembic's wording first; then why, so that an ambiguous
            // prefix lists its candidates.
            Fault::Resolution {
                argument,
                candidates,
                ..
            } if !candidates.is_empty() => RevisionError::AmbiguousPrefix {
                prefix: argument,
                candidates,
            },
            Fault::Resolution {
                argument, message, ..
            } => RevisionError::UnknownRevision {
                argument,
                reason: message,
            },
            Fault::Typed(error) => error,
            Fault::Revision(text) => RevisionError::msg(text),
            Fault::Internal(text) => RevisionError::msg(text),
        }
    }
}

/// Shorthand for the default rewording.
pub(crate) fn caught<T>(result: FaultResult<T>) -> Result<T, RevisionError> {
    result.map_err(|f| Catch::default().apply(f))
}

/// Renders an identifier argument the way Alembic's messages show it: a
/// string as itself, a tuple of rows as a Python tuple, nothing as `None`.
pub(crate) fn py_repr_tuple(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("'{s}'")).collect();
    if quoted.len() == 1 {
        format!("({},)", quoted[0])
    } else {
        format!("({})", quoted.join(", "))
    }
}
