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
