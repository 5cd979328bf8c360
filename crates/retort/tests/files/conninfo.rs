//! libpq's keyword/value connection strings (`host=db port=5432 user=app
//! password='a b' dbname=app`): parsed with libpq's quoting rules, resolved
//! to the same parameters as the URL form, refused with exit status 2 when
//! they cannot be used, and never printed with their password.

use proptest::prelude::*;
use retort::db::pg_params::{PgParams, SslMode, DEFAULT_CONNECT_TIMEOUT};
use retort::url::{redact, DatabaseUrl, PgUrl};
use std::collections::BTreeMap;
use std::time::Duration;

fn pg(text: &str) -> PgUrl {
    match DatabaseUrl::parse(text) {
        Ok(DatabaseUrl::Postgres(pg)) => pg,
        other => panic!("expected a PostgreSQL connection from {text:?}, got {other:?}"),
    }
}

fn param<'a>(url: &'a PgUrl, key: &str) -> Option<&'a str> {
    url.params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn resolve(url: &PgUrl) -> PgParams {
    PgParams::resolve(url, &BTreeMap::new(), Some("os")).unwrap()
}

fn parse_error(text: &str) -> retort::Error {
    retort::Error::from(DatabaseUrl::parse(text).unwrap_err())
}

#[test]
fn keywords_values_and_whitespace() {
    let url = pg("  host=db.example.com   port = 6432\tuser= app dbname =app  ");
    assert_eq!(url.user.as_deref(), Some("app"));
    assert_eq!(url.dbname.as_deref(), Some("app"));
    assert_eq!(param(&url, "host"), Some("db.example.com"));
    assert_eq!(param(&url, "port"), Some("6432"));
    assert_eq!(url.password(), None);
}

#[test]
fn quoting_and_backslashes_follow_libpq() {
    let url = pg(r"password='it\'s a \\ secret' dbname=my\ db application_name='' user=u");
    assert_eq!(url.password(), Some(r"it's a \ secret"));
    assert_eq!(url.dbname.as_deref(), Some("my db"));
    // An empty value is the same as leaving the keyword out.
    assert_eq!(param(&url, "application_name"), None);
    // A quoted value needs no space after it.
    let url = pg("host='h1'port=5433");
    assert_eq!(param(&url, "host"), Some("h1"));
    assert_eq!(param(&url, "port"), Some("5433"));
    // `key= other=x`: as in libpq, the value of `key` is `other=x`.
    let url = pg("application_name= sslmode=require");
    assert_eq!(param(&url, "application_name"), Some("sslmode=require"));
    assert_eq!(param(&url, "sslmode"), None);
}

#[test]
fn a_later_keyword_replaces_an_earlier_one() {
    let url = pg("dbname=a host=h1 dbname=b host=h2 password=x password=y");
    assert_eq!(url.dbname.as_deref(), Some("b"));
    assert_eq!(param(&url, "host"), Some("h2"));
    assert_eq!(url.params.iter().filter(|(k, _)| k == "host").count(), 1);
    assert_eq!(url.password(), Some("y"));
}

#[test]
fn both_forms_resolve_to_the_same_parameters() {
    let pairs = [
        (
            "host=db.example.com port=6432 user=app password=pw dbname=app sslmode=require application_name=deploy connect_timeout=7",
            "postgresql://app:pw@db.example.com:6432/app?sslmode=require&application_name=deploy&connect_timeout=7",
        ),
        (
            "host=h1,h2 port=5432,5433 dbname=app keepalives_idle=30 keepalives_count=3 tcp_user_timeout=5000",
            "postgresql://h1:5432,h2:5433/app?keepalives_idle=30&keepalives_count=3&tcp_user_timeout=5000",
        ),
        (
            "host=/run/postgresql dbname=app",
            "postgresql:///app?host=/run/postgresql",
        ),
    ];
    for (keyword_value, url) in pairs {
        assert_eq!(
            resolve(&pg(keyword_value)),
            resolve(&pg(url)),
            "{keyword_value} vs {url}"
        );
    }
    let p = resolve(&pg(pairs[0].0));
    assert_eq!(p.password.as_deref(), Some("pw"));
    assert_eq!(p.sslmode, SslMode::Require);
    assert_eq!(p.connect_timeout, Some(Duration::from_secs(7)));
    let p = resolve(&pg(pairs[1].0));
    assert_eq!(p.keepalives.idle, Some(Duration::from_secs(30)));
    assert_eq!(p.keepalives.count, Some(3));
    assert_eq!(p.tcp_user_timeout, Some(Duration::from_millis(5000)));
}

#[test]
fn the_connect_timeout_is_bounded_unless_zero() {
    assert_eq!(
        resolve(&pg("host=h dbname=d")).connect_timeout,
        Some(DEFAULT_CONNECT_TIMEOUT)
    );
    assert_eq!(
        resolve(&pg("host=h dbname=d connect_timeout=1")).connect_timeout,
        Some(Duration::from_secs(2)),
        "libpq's least is two seconds"
    );
    assert_eq!(
        resolve(&pg("host=h dbname=d connect_timeout=0")).connect_timeout,
        None
    );
    assert_eq!(
        resolve(&pg("host=h dbname=d connect_timeout=-5")).connect_timeout,
        None
    );
}

#[test]
fn unknown_keywords_are_usage_errors_naming_them() {
    let err = parse_error("host=h frobnicate=1 dbname=d");
    assert_eq!(err.exit_code(), 2);
    let text = err.to_string();
    assert!(text.contains("\"frobnicate\""), "{text}");
    assert!(text.contains("connection string"), "{text}");

    let err = parse_error("host=h service=prod");
    assert_eq!(err.exit_code(), 2);
    assert!(err.to_string().contains("pg_service.conf"), "{err}");
}

#[test]
fn broken_strings_are_usage_errors() {
    for text in [
        "host=h password='unterminated",
        "host=h dbname=d stray",
        "host=h password=two words",
    ] {
        let err = parse_error(text);
        assert_eq!(err.exit_code(), 2, "{text}: {err}");
    }
    let err = parse_error("host=h dbname='unterminated").to_string();
    assert!(err.contains("`dbname`") && err.contains("closing"), "{err}");
}

#[test]
fn unusable_values_are_exit_2_naming_the_setting() {
    for (text, named) in [
        ("host=h sslmode=bogus", "sslmode"),
        ("host=h port=99999", "port"),
        ("host=h port=0", "port"),
        ("host=h connect_timeout=abc", "connect_timeout"),
        ("host=h keepalives=on", "keepalives"),
        ("host=h keepalives_interval=-", "keepalives_interval"),
        ("host=h tcp_user_timeout=soon", "tcp_user_timeout"),
        ("host=h1,h2 port=1,2,3", "3 ports"),
    ] {
        let err = PgParams::resolve(&pg(text), &BTreeMap::new(), Some("os")).unwrap_err();
        let err = retort::Error::from(err);
        assert_eq!(err.exit_code(), 2, "{text}: {err}");
        assert!(err.to_string().contains(named), "{text}: {err}");
        assert!(
            err.to_string().contains("connection string"),
            "{text}: {err}"
        );
    }
    let env: BTreeMap<String, String> = [("PGCONNECT_TIMEOUT".to_string(), "x".to_string())]
        .into_iter()
        .collect();
    let err = PgParams::resolve(&pg("host=h"), &env, Some("os")).unwrap_err();
    assert!(err.to_string().contains("PGCONNECT_TIMEOUT"), "{err}");
    assert_eq!(retort::Error::from(err).exit_code(), 2);
}

#[test]
fn shown_back_in_the_same_form_without_the_password() {
    let url = DatabaseUrl::parse(
        "dbname='my db' password=hunter2 user=app host=h port=5433 sslmode=require",
    )
    .unwrap();
    let shown = url.to_string();
    assert_eq!(
        shown,
        "host=h port=5433 user=app password=*** dbname='my db' sslmode=require"
    );
    assert_eq!(format!("{url:?}"), shown);
    // What is shown parses back to the same connection, but for the password.
    let DatabaseUrl::Postgres(mut again) = DatabaseUrl::parse(&shown).unwrap() else {
        panic!("not postgres");
    };
    assert_eq!(again.password(), Some("***"));
    again.set_password(Some("hunter2".into()));
    let DatabaseUrl::Postgres(original) = url else {
        panic!("not postgres")
    };
    assert_eq!(again, original);
}

#[test]
fn raw_redaction_of_keyword_value_text() {
    assert_eq!(
        redact("host=h password=hunter2 dbname=d"),
        "host=h password=*** dbname=d"
    );
    assert_eq!(
        redact("host=h password='hunter2 x' dbname=d"),
        "host=h password=*** dbname=d"
    );
    // An unquoted password with a space: its tail is not shown.
    assert_eq!(
        redact("host=h password=hunter2 tail dbname=d"),
        "host=h password=*** …"
    );
    assert_eq!(
        redact("host=h password=hunter2 tail=x dbname=d"),
        "host=h password=*** …"
    );
    assert_eq!(redact("host=h password='hunter2"), "host=h …");
    // URL-looking text is still redacted as a URL.
    assert_eq!(
        redact("postgresql://u:hunter2@h/db?password=x"),
        "postgresql://u:***@h/db?password=***"
    );
    assert_eq!(redact("u:hunter2@h/db?x=1"), "u:***@h/db?x=1");
}

fn printed(text: &str) -> Vec<String> {
    let mut out = vec![redact(text)];
    match DatabaseUrl::parse(text) {
        Ok(url) => {
            out.push(url.to_string());
            out.push(format!("{url:?}"));
            if let DatabaseUrl::Postgres(pg) = &url {
                match PgParams::resolve(pg, &BTreeMap::new(), Some("os")) {
                    Ok(p) => {
                        out.push(format!("{p:?}"));
                        out.push(p.describe());
                    }
                    Err(e) => out.push(e.to_string()),
                }
            }
        }
        Err(e) => {
            out.push(e.to_string());
            out.push(format!("{e:?}"));
        }
    }
    out
}

fn quote(value: &str) -> String {
    format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
}

// Passwords long enough that they cannot occur by chance elsewhere.
const PASSWORD: &str = "[A-Za-z0-9!#$%^&*()/?:@+=,;~ '\\\\-]{10,24}";

proptest! {
    #[test]
    fn quoted_passwords_parse_exactly_and_never_print(
        password in PASSWORD,
        sslmode in "(disable|require|bogus)",
    ) {
        let text = format!("host=db.example.com port=5432 user=app password={} dbname=app sslmode={sslmode}", quote(&password));
        let url = pg(&text);
        prop_assert_eq!(url.password(), Some(password.as_str()));
        for out in printed(&text) {
            prop_assert!(!out.contains(&password), "{:?} shows {:?}", out, password);
        }
    }

    #[test]
    fn unquoted_passwords_never_print_even_when_they_break_the_string(
        password in "[A-Za-z0-9!#$%^&*()/?:@+,;~ =-]{10,24}",
        after in "( dbname=app| frobnicate=1| sslmode=bogus|)",
    ) {
        let text = format!("host=h user=app password={password}{after}");
        for out in printed(&text) {
            // Whatever part of it was taken as the password must not show;
            // nor may any word of it that is long enough to matter.
            for word in password.split(' ').filter(|w| w.len() >= 6) {
                prop_assert!(!out.contains(word), "{:?} shows {:?} of {:?}", out, word, password);
            }
        }
    }
}
