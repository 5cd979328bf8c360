//! [`Op`]s as PostgreSQL statements. Each kind renders its own ops (in its
//! file under [`super::kinds`]); what is here is the entry point. The SQL
//! text the kinds share is in [`super::text`], below them.

use super::ops::{each_kind, Op};

/// The statements of one op, each ending in `;`.
pub fn render_op(op: &Op) -> Vec<String> {
    each_kind!(op, op => op.render())
}

/// As [`render_op`], with indexes built and dropped concurrently.
pub fn render_op_concurrently(op: &Op) -> Vec<String> {
    match op {
        Op::Index(index) => index.render_concurrently(),
        other => render_op(other),
    }
}
