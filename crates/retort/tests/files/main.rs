//! What retort reads from and writes to disk, no database: retort.toml,
//! the versions directory, migration files, and database URLs; and the
//! library's own sources, whose modules must form straight layers.
//!
//! One test binary per area (see `tests/revision/main.rs`):
//! `cargo test -p retort --test files`.
//!
//! Proptest keeps the failing cases it finds in
//! `tests/proptest-regressions/<module>.txt`: it walks up from the source
//! file to the directory holding `main.rs` and writes beside that directory.

mod architecture;
mod config_load;
mod conninfo;
mod fuzz_inputs;
mod fuzz_support;
mod script_directory;
mod script_roundtrip;
mod url_props;
