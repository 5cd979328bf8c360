//! PostgreSQL-compatible servers whose migration lock would not be one.
//! retort's lock is a session advisory lock; a server that accepts the
//! call but does not lock (CockroachDB: `pg_try_advisory_lock` is there,
//! and always says yes) would let two runs apply the same migration.
//! Such a server is refused before the first lock, by what `version()` says.

/// Why retort refuses to take its migration lock on the server whose
/// `SELECT version()` is `version`, or None when the lock is sound.
pub fn lock_refusal(version: &str) -> Option<String> {
    if version.contains("CockroachDB") {
        return Some(crate::tr!(
            "fleet-cockroach-refused",
            server = first_words(version)
        ));
    }
    None
}

/// The server's name and version, not the build details after them.
fn first_words(version: &str) -> String {
    version.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cockroach_is_refused_with_the_reason() {
        let version = "CockroachDB CCL v23.1.11 (x86_64-pc-linux-gnu, built 2023/09/27 01:53:43, go1.19.10)";
        let why = lock_refusal(version).expect("refused");
        assert!(why.contains("CockroachDB CCL v23.1.11"), "{why}");
        assert!(why.contains("advisory locks do not lock"), "{why}");
        assert!(why.contains("--sql"), "{why}");
    }

    #[test]
    fn postgres_and_its_extensions_are_not() {
        for version in [
            "PostgreSQL 15.5 (Debian 15.5-0+deb12u1) on x86_64-pc-linux-gnu, compiled by gcc",
            // Citus is an extension: the coordinator is PostgreSQL.
            "PostgreSQL 16.2 on x86_64-pc-linux-gnu, compiled by gcc (GCC) 11.4.1, 64-bit",
            "PostgreSQL 11.2-YB-2.20.1.0-b0 on x86_64-pc-linux-gnu, compiled by clang version 16",
        ] {
            assert_eq!(lock_refusal(version), None, "{version}");
        }
    }
}
