//! Each kind's unit tests: its ops' SQL, inverse and description, and
//! where the diff puts them, on models built by hand ([`support`]). They
//! are here rather than beside each kind because they run the whole diff,
//! which sits above the kinds.

mod columns;
mod comments;
mod composites;
mod constraints;
mod domains;
mod enums;
mod extensions;
mod functions;
mod indexes;
mod partitions;
mod policies;
mod schemas;
mod sequences;
mod support;
mod tables;
mod triggers;
mod views;
