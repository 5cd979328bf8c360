//! Errors. Alembic raises a handful of exception classes deep in its
//! revision map and rewords some of them at the command level depending on
//! which command was running (`_catch_revision_errors`). [`Fault`] is the
//! deep, unworded kind; [`Catch`] is the per-command rewording that turns it
//! into the user-facing [`RevisionError`].

use thiserror::Error;

/// A revision problem, worded as Alembic words it and naming the
/// revision(s) it is about. The command line maps it to exit status 2.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum RevisionError {
    #[error("{0}")]
    Message(String),
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
    MultipleHeads { argument: String },
    /// `ResolutionError(message, argument)`.
    Resolution { message: String, argument: String },
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
/// arguments). `%(start)s`/`%(end)s` become `{start}`/`{end}`.
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
                let template = self.ancestor.unwrap_or(
                    "Requested range {start}:{end} does not refer to ancestor/descendant \
                     revisions along the same branch",
                );
                RevisionError::msg(template.replace("{start}", &start).replace("{end}", &end))
            }
            Fault::MultipleHeads { argument } => {
                let head_arg = self.end.clone().unwrap_or(argument);
                let template = self.multiple_heads.unwrap_or(
                    "Multiple head revisions are present for given argument '{head_arg}'; \
                     please specify a specific target revision, '<branchname>@{head_arg}' to \
                     narrow to a specific head, or 'heads' for all heads",
                );
                RevisionError::msg(template.replace("{head_arg}", &head_arg))
            }
            // Alembic's wording first; then why, so that an ambiguous
            // prefix lists its candidates.
            Fault::Resolution { argument, message } => RevisionError::msg(format!(
                "Can't locate revision identified by '{argument}' ({message})"
            )),
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
