//! Databases behind one trait: PostgreSQL and SQLite. Adding another
//! database means adding one module here.

pub mod version_table;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum DbError {
    /// Never contains the password.
    #[error("{0}")]
    Message(String),
}

impl DbError {
    pub fn exit_code(&self) -> i32 {
        1
    }
}
