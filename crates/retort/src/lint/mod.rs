//! `retort lint`: migrations checked for statements that lock tables in
//! use, lose data or fail on a real database, with PostgreSQL's own
//! grammar (libpg_query). Pure: text in, findings out; the command line
//! picks what to lint and prints.
//!
//! - [`rules`]: one rule per file, each with its documentation and tests.
//! - [`engine`]: statements parsed and shown to the rules in context
//!   ([`state`]: what earlier statements did), `-- retort:allow` applied
//!   ([`suppress`]).
//! - [`configure`]: settings from retort.toml's `[lint]`; [`docs`]:
//!   `--explain` and the README table ([`doc_text`]: a rule's words in the
//!   reader's language); [`report`]: text for a person, in their language
//!   ([`text`]: messages kept as catalog ids, English for `--json`).

pub mod ast;
pub mod builtin;
pub mod configure;
pub mod doc_text;
pub mod docs;
pub mod engine;
pub mod finding;
pub mod report;
pub mod rule;
pub mod rules;
pub mod settings;
pub mod source;
pub mod state;
pub mod suppress;
pub mod text;
#[cfg(test)]
mod testing;

pub use finding::{Finding, Report};
pub use rule::Level;
pub use settings::Settings;
pub use source::Source;

/// Lints `sources` with every rule.
pub fn lint(sources: &[Source], settings: &Settings) -> Report {
    engine::lint(rules::ALL, sources, settings)
}
