//! Fleets: one command on many databases, or many tenant schemas in one,
//! each under its own migration lock, a bounded number at once. A failing
//! target does not stop the others unless asked; every target gets a
//! record saying where it stands.
//!
//! `list` says which targets a fleet has (`URL [SCHEMA]` lines, retort.toml's
//! `[fleet]`, a query on a control database); `pool` bounds the workers;
//! `run` runs one command on each target; `outcome` holds the records.

pub mod list;
pub mod outcome;
pub mod pool;
pub mod run;
pub mod target;

pub use list::{list_fleet, parse_lines, read_targets_file};
pub use outcome::{FleetReport, TargetOutcome, TargetStatus};
pub use run::{run_fleet, FleetCommand, FleetOptions, DEFAULT_JOBS};
pub use target::FleetTarget;
