//! Autogenerate held to exactness: hand-written schema pairs (PostgreSQL
//! and SQLite), random pairs, dumps, and real projects' histories.
//!
//! One test binary per area (see `tests/revision/main.rs`):
//! `cargo test -p retort --test autogen`. The whole corpus, ignored by
//! default, runs with
//! `cargo test -p retort --test autogen -- autogen_corpus::full_corpus --ignored --nocapture`.

mod autogen_corpus;
mod autogen_dump;
mod autogen_pairs;
mod autogen_random;
mod autogen_sqlite_pairs;
mod autogen_support;
mod pairs_runner;
