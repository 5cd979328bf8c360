//! The changes autogenerate can make, one variant per object kind. Each
//! kind's own ops (and their inverse, description, danger and SQL) live in
//! its file under [`super::kinds`]; this enum is what the diff orders and
//! the pipeline renders. Each op carries the full definitions of both
//! sides, so each knows its inverse: a migration's downgrade is the
//! upgrade's inverses in reverse order.

pub use super::in_place::{enum_change, EnumChange};
pub use super::kinds::columns::ColumnOp;
pub use super::kinds::comments::{CommentKeys, CommentOp, Commented};
pub use super::kinds::composites::CompositeOp;
pub use super::kinds::constraints::ConstraintOp;
pub use super::kinds::domains::DomainOp;
pub use super::kinds::enums::EnumOp;
pub use super::kinds::extensions::ExtensionOp;
pub use super::kinds::functions::FunctionOp;
pub use super::kinds::indexes::IndexOp;
pub use super::kinds::partitions::PartitionOp;
pub use super::kinds::policies::{PolicyOp, RowSecurity};
pub use super::kinds::schemas::SchemaOp;
pub use super::kinds::sequences::SequenceOp;
pub use super::kinds::tables::TableOp;
pub use super::kinds::triggers::TriggerOp;
pub use super::kinds::views::ViewOp;
pub use super::retype::RetypedColumn;

/// Declares `Op`, one variant per object kind, and `From` each kind's op:
/// the kind steps build their own op types and `.into()` an `Op`.
macro_rules! op_kinds {
    ($($variant:ident($kind:ty)),* $(,)?) => {
        #[derive(Debug, Clone, PartialEq)]
        pub enum Op {
            $($variant($kind),)*
        }

        $(impl From<$kind> for Op {
            fn from(op: $kind) -> Op {
                Op::$variant(op)
            }
        })*
    };
}

op_kinds!(
    Schema(SchemaOp),
    Extension(ExtensionOp),
    Enum(EnumOp),
    Domain(DomainOp),
    Composite(CompositeOp),
    Sequence(SequenceOp),
    Table(TableOp),
    Column(ColumnOp),
    Constraint(ConstraintOp),
    Index(IndexOp),
    View(ViewOp),
    Function(FunctionOp),
    Trigger(TriggerOp),
    Policy(PolicyOp),
    Partition(PartitionOp),
    Comment(CommentOp),
);

/// Runs `$body` with `$op` bound to the kind's own op, whichever the kind:
/// the one list of kinds that the dispatchers below share.
macro_rules! each_kind {
    ($self:expr, $op:ident => $body:expr) => {
        match $self {
            Op::Schema($op) => $body,
            Op::Extension($op) => $body,
            Op::Enum($op) => $body,
            Op::Domain($op) => $body,
            Op::Composite($op) => $body,
            Op::Sequence($op) => $body,
            Op::Table($op) => $body,
            Op::Column($op) => $body,
            Op::Constraint($op) => $body,
            Op::Index($op) => $body,
            Op::View($op) => $body,
            Op::Function($op) => $body,
            Op::Trigger($op) => $body,
            Op::Policy($op) => $body,
            Op::Partition($op) => $body,
            Op::Comment($op) => $body,
        }
    };
}
pub(crate) use each_kind;

impl Op {
    /// The op that undoes this one.
    pub fn inverse(&self) -> Op {
        each_kind!(self, op => op.inverse().into())
    }

    /// One line for the list of detected changes.
    pub fn describe(&self) -> String {
        each_kind!(self, op => op.describe())
    }

    /// Why this change may lose data or fail on existing rows, if it may.
    pub fn danger(&self) -> Option<String> {
        each_kind!(self, op => op.danger())
    }
}

impl Commented for Op {
    fn comment_keys(&self, keys: &mut CommentKeys) {
        each_kind!(self, op => op.comment_keys(keys))
    }
}

