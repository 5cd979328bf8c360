//! The revision engine on its own, no files and no database: Alembic's
//! recorded behaviour, planner edge cases, properties over random graphs,
//! and how fast large graphs load and plan.
//!
//! One test binary per area, each former test file a module, so that the
//! library is linked once per area rather than once per file.
//! `cargo test -p retort --test revision` runs this area;
//! `cargo test -p retort --test revision -- revision_planner::` one module.

mod graph_picture;
mod revision_conformance;
mod revision_grammar_fuzz;
mod revision_hostile_graphs;
mod revision_perf;
mod revision_planner;
mod revision_properties;
mod revision_support;
