//! The PostgreSQL connection keywords retort acts on. The URL parser
//! refuses any other keyword where it reads one, and the connection
//! settings (`db::pg_params`) refuse them again for the environment's
//! share, with the same message.

/// Every connection keyword retort understands, in the URL's query or the
/// keyword/value form. Each one is acted on; a libpq keyword that is not
/// here is refused rather than silently ignored.
pub(crate) const KNOWN_PARAMS: &[&str] = &[
    "host",
    "hostaddr",
    "port",
    "user",
    "password",
    "passfile",
    "dbname",
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "sslsni",
    "application_name",
    "fallback_application_name",
    "connect_timeout",
    "options",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_count",
    "tcp_user_timeout",
    "target_session_attrs",
    "channel_binding",
    "load_balance_hosts",
    "client_encoding",
    "gssencmode",
];

/// Whether retort understands this connection keyword.
pub(crate) fn is_known_parameter(key: &str) -> bool {
    KNOWN_PARAMS.contains(&key)
}

/// The message for a keyword retort does not understand, naming it.
pub(crate) fn unknown_parameter_message(key: &str, written_as: &str) -> String {
    let hint = match key {
        "service" => crate::tr!("run-parameter-service-not-read"),
        _ => crate::tr!("run-parameter-known", known = KNOWN_PARAMS.join(", ")),
    };
    crate::tr!(
        "run-parameter-unsupported",
        key = key,
        written_as = written_as,
        hint = hint
    )
}
