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
        .map(|p| crate::tr!("run-advice-at", place = p))
        .unwrap_or_default();
    let step = crate::tr!(
        "run-step",
        action = crate::db::action_word(doing.action),
        revision = doing.revision
    );
    match doing.sqlstate? {
        // active_sql_transaction: CREATE INDEX CONCURRENTLY, VACUUM, ALTER
        // TYPE ... ADD VALUE (before PostgreSQL 12) refuse a transaction.
        "25001" if doing.transactional => Some(crate::tr!(
            "run-advice-no-transaction",
            marker = if doing.action == "downgrade" {
                "downgrade"
            } else {
                "upgrade"
            }
        )),
        "42P07" | "42710" if doing.first_upgrade => Some(crate::tr!(
            "run-advice-adopt-existing-schema",
            revision = doing.revision
        )),
        "42501" => Some(crate::tr!(
            "run-advice-permission-denied",
            step = step,
            at = at,
            as_user = doing
                .db_user
                .map(|u| crate::tr!("run-advice-as-user", user = u))
                .unwrap_or_default()
        )),
        "40P01" => Some(crate::tr!("run-advice-deadlock", step = step, at = at)),
        _ => None,
    }
}
