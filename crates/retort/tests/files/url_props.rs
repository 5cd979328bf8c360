//! Database URLs under random input: the password never shows, nothing panics.

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use proptest::prelude::*;
use retort::url::DatabaseUrl;

/// Everything printable about a parse: the outputs, or the error.
fn printed(text: &str) -> Vec<String> {
    match DatabaseUrl::parse(text) {
        Ok(url) => vec![url.redacted(), format!("{url:?}"), url.to_string()],
        Err(e) => vec![e.to_string(), format!("{e:?}")],
    }
}

fn assert_hidden(text: &str, password: &str) {
    for out in printed(text) {
        assert!(
            !out.contains(password),
            "password {password:?} appears in {out:?} (from {text:?})"
        );
    }
}

// Passwords long enough that they cannot occur by chance in the rest of
// the printed URL.
const PASSWORD: &str = "[A-Za-z0-9!#$%^&*()/?:@+=,;~ \\[\\]-]{8,24}";

proptest! {
    #[test]
    fn encoded_passwords_never_print(password in PASSWORD, port in 1u16.., sslmode in "[a-z]{3,8}") {
        let encoded = utf8_percent_encode(&password, NON_ALPHANUMERIC).to_string();
        let text = format!("postgresql+psycopg2://app:{encoded}@db.example.com:{port}/app?sslmode={sslmode}");
        let url = DatabaseUrl::parse(&text).unwrap();
        match &url {
            DatabaseUrl::Postgres(pg) => prop_assert_eq!(pg.password(), Some(password.as_str())),
            DatabaseUrl::Sqlite(_) => prop_assert!(false, "parsed as sqlite"),
        }
        assert_hidden(&text, &password);
        assert_hidden(&text, &encoded);
    }

    #[test]
    fn raw_passwords_never_print_even_when_they_break_the_url(password in PASSWORD, port in "[0-9a-z]{0,6}") {
        // Unencoded: `@`, `/`, `?`, `:` in the password make odd URLs,
        // some of which do not parse at all.
        let text = format!("postgresql://app:{password}@db.example.com:{port}/app");
        assert_hidden(&text, &password);
    }

    #[test]
    fn query_passwords_never_print(password in PASSWORD) {
        let encoded = utf8_percent_encode(&password, NON_ALPHANUMERIC).to_string();
        let text = format!("postgres://app@db.example.com/app?sslmode=require&password={encoded}&application_name=x");
        let url = DatabaseUrl::parse(&text).unwrap();
        match &url {
            DatabaseUrl::Postgres(pg) => prop_assert_eq!(pg.password(), Some(password.as_str())),
            DatabaseUrl::Sqlite(_) => prop_assert!(false, "parsed as sqlite"),
        }
        assert_hidden(&text, &password);
        assert_hidden(&text, &encoded);
    }

    #[test]
    fn bad_urls_with_passwords_still_hide_them(password in PASSWORD, scheme in "(mysql|postgresql|sqlite|oracle)") {
        let encoded = utf8_percent_encode(&password, NON_ALPHANUMERIC).to_string();
        // An unknown scheme, a bad port, an IPv6 host without `]`.
        for text in [
            format!("{scheme}x://u:{encoded}@h/db"),
            format!("{scheme}://u:{encoded}@h:notaport/db"),
            format!("{scheme}://u:{encoded}@[::1/db"),
        ] {
            assert_hidden(&text, &password);
            assert_hidden(&text, &encoded);
        }
    }

    #[test]
    fn redacted_url_parses_back_to_the_same_parts(
        user in "[a-z][a-z0-9_@:/ ]{0,10}",
        hosts in proptest::collection::vec("[a-z][a-z0-9.-]{0,10}", 1..4),
        port in 1u16..,
        db in "[A-Za-z0-9_ /]{1,12}",
    ) {
        let user_enc = utf8_percent_encode(&user, NON_ALPHANUMERIC).to_string();
        let db_enc = utf8_percent_encode(&db, NON_ALPHANUMERIC).to_string();
        let host_list: Vec<String> = hosts.iter().map(|h| format!("{h}:{port}")).collect();
        let text = format!("postgresql://{user_enc}:pw@{}/{db_enc}?a=1&b=2", host_list.join(","));
        let DatabaseUrl::Postgres(original) = DatabaseUrl::parse(&text).unwrap() else {
            panic!("not postgres");
        };
        prop_assert_eq!(original.user.as_deref(), Some(user.as_str()));
        prop_assert_eq!(&original.hosts, &hosts);
        prop_assert_eq!(original.dbname.as_deref(), Some(db.as_str()));
        let DatabaseUrl::Postgres(mut again) = DatabaseUrl::parse(&DatabaseUrl::Postgres(original.clone()).redacted()).unwrap() else {
            panic!("not postgres");
        };
        prop_assert_eq!(again.password(), Some("***"));
        again.set_password(Some("pw".into()));
        prop_assert_eq!(again, original);
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = printed(&text);
    }

    #[test]
    fn url_shaped_text_never_panics(text in "(postgresql|sqlite|postgres\\+x)://[a-z:@/?&=\\[\\],%0-9]{0,30}") {
        let _ = printed(&text);
    }
}

/// Parses `text` and, for PostgreSQL, resolves it into connection
/// parameters as a command would (with libpq variables set), on a thread
/// with a deadline: a value or an error, never a panic.
fn parse_and_resolve(text: String) {
    super::fuzz_support::within_deadline(text.clone(), move || {
        let _ = printed(&text);
        if let Ok(DatabaseUrl::Postgres(pg)) = DatabaseUrl::parse(&text) {
            let env: std::collections::BTreeMap<String, String> = [
                ("PGPORT", "5433"),
                ("PGSSLMODE", "prefer"),
                ("PGCONNECT_TIMEOUT", "-3"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
            for env in [std::collections::BTreeMap::new(), env] {
                if let Err(e) = retort::db::pg_params::PgParams::resolve(&pg, &env, Some("os")) {
                    assert!(!e.to_string().is_empty());
                }
            }
        }
    });
}

/// One `key=value` of a libpq connection string: real keywords and
/// others, values bare, quoted, escaped, empty or broken.
fn keyword_pair() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("host"),
        Just("hostaddr"),
        Just("port"),
        Just("user"),
        Just("password"),
        Just("dbname"),
        Just("sslmode"),
        Just("connect_timeout"),
        Just("options"),
        Just("keepalives_idle"),
        Just("target_session_attrs"),
        Just("load_balance_hosts"),
        Just("service"),
        Just("bogus"),
        Just(""),
    ];
    let value = prop_oneof![
        "[a-z0-9.,:/-]{0,10}",
        "'[a-z =\\\\']{0,10}'",
        "'[a-z ]{0,6}",
        Just("\\".to_string()),
        Just("''".to_string()),
        Just("99999999999999999999".to_string()),
        Just("-1".to_string()),
        Just("h1,h2,,".to_string()),
        Just("5432,,x".to_string()),
        "\\PC{0,4}",
    ];
    let sep = prop_oneof![Just("="), Just(" = "), Just("=="), Just("")];
    (key, sep, value).prop_map(|(k, s, v)| format!("{k}{s}{v}"))
}

proptest! {
    #![proptest_config(super::fuzz_support::cases(256))]

    #[test]
    fn fuzz_keyword_value_strings(pairs in proptest::collection::vec(keyword_pair(), 1..6), gap in "[ \t\n]{1,2}") {
        parse_and_resolve(pairs.join(&gap));
    }

    #[test]
    fn fuzz_urls_through_to_connection_parameters(
        scheme in "(postgresql|postgres|postgresql\\+psycopg|sqlite|SQLITE)",
        auth in "([a-z%0-9]{0,4}(:[a-z%0-9]{0,4})?@)?",
        hosts in "(\\[[0-9a-f:]{0,8}\\]?|[a-z0-9.%-]{0,6})(:[0-9a-z]{0,6})?(,[a-z0-9.]{0,4}(:[0-9]{0,6})?){0,2}",
        path in "(/[a-z0-9%/.:]{0,8})?",
        query in "(\\?([a-z_]{0,16}=[a-z0-9%,.-]{0,6}&?){0,3})?",
    ) {
        parse_and_resolve(format!("{scheme}://{auth}{hosts}{path}{query}"));
    }
}
