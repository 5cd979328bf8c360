//! What a DBA would say next to a server error: the advice added to a
//! failed step's report for the SQLSTATEs that have one obvious way out.

/// What retort was doing when the statement failed.
pub(super) struct Doing<'a> {
    /// The server's SQLSTATE, when the error came from the server.
    pub sqlstate: Option<&'a str>,
    /// "upgrade", "downgrade", "stamp".
    pub action: &'a str,
    pub revision: &'a str,
    /// `file:line` of the failing statement, or the file.
    pub place: Option<String>,
    /// The run started from an empty version table and goes up.
    pub first_upgrade: bool,
    /// The step's section runs inside a transaction.
    pub transactional: bool,
    pub db_user: Option<&'a str>,
}

pub(super) fn hint(doing: &Doing<'_>) -> Option<String> {
    let at = doing
        .place
        .as_deref()
        .map(|p| format!(" at {p}"))
        .unwrap_or_default();
    let step = format!("{} {}", doing.action, doing.revision);
    match doing.sqlstate? {
        // active_sql_transaction: CREATE INDEX CONCURRENTLY, VACUUM, ALTER
        // TYPE ... ADD VALUE (before PostgreSQL 12) refuse a transaction.
        "25001" if doing.transactional => Some(format!(
            "this statement cannot run inside a transaction block; run the section outside \
             one by writing its marker as `-- retort:{} no-transaction` (each statement then \
             commits on its own, so keep that section to such statements)",
            if doing.action == "downgrade" {
                "downgrade"
            } else {
                "upgrade"
            }
        )),
        "42P07" | "42710" if doing.first_upgrade => Some(format!(
            "the version table was empty, yet the database already has this object: its \
             schema was probably made without retort (or by another tool). If the existing \
             schema is what the migrations up to some revision create, adopt it with \
             `retort stamp <that revision>` (e.g. `retort stamp {}` if it matches this \
             revision), then `retort upgrade head`",
            doing.revision
        )),
        "42501" => Some(format!(
            "permission denied while running {step}{at}{}; grant the privilege this statement \
             needs (or run as the objects' owner) and run the command again",
            doing
                .db_user
                .map(|u| format!(" as database user `{u}`"))
                .unwrap_or_default()
        )),
        "40P01" => Some(format!(
            "deadlock: PostgreSQL chose retort's session as the victim while running \
             {step}{at}; another session held locks this statement needed. Run the command \
             again once the competing work is done, or take the locks in the same order in \
             both"
        )),
        _ => None,
    }
}
