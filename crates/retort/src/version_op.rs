//! One change to the version table's rows. The planner ([`crate::revision`])
//! produces these; the databases ([`crate::db`]) and the offline renderer
//! write them. It lives below both so that neither imports the other.

/// One change to the version table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionOp {
    Insert(String),
    Delete(String),
    Update { from: String, to: String },
}

impl VersionOp {
    /// Applies the change to a list of rows (as the database would).
    pub fn apply_to(&self, rows: &mut Vec<String>) {
        match self {
            VersionOp::Insert(v) => rows.push(v.clone()),
            VersionOp::Delete(v) => rows.retain(|r| r != v),
            VersionOp::Update { from, to } => {
                for r in rows.iter_mut().filter(|r| *r == from) {
                    *r = to.clone();
                }
            }
        }
    }
}
