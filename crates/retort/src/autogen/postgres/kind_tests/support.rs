//! What the kinds' tests read the diff's ops with: their SQL and their
//! inverses. (The models they build are [`super::super::kinds::test_support`]'s.)

use crate::autogen::postgres::ops::Op;
use crate::autogen::postgres::render::render_op;

/// Every statement of `ops`, in order.
pub fn sql(ops: &[Op]) -> Vec<String> {
    ops.iter().flat_map(render_op).collect()
}

/// The downgrade of `ops`: their inverses in reverse order.
pub fn inverses(ops: &[Op]) -> Vec<Op> {
    ops.iter().rev().map(Op::inverse).collect()
}
