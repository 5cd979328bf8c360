//! A rule's summary, why and safe way in the reader's language. The
//! English is the rule's own ([`RuleDoc`](super::rule::RuleDoc), also the
//! README's table); the catalogs hold each as `lint-<code>-summary`,
//! `lint-<code>-why` and `lint-<code>-fix`, the English entries equal to
//! the rule's, and the safe way's SQL the same in both languages, only its
//! `--` comments translated (a test keeps them so).

use crate::i18n::{self, Language};

/// The one-line summary of rule `code`, whose English is `english`.
pub fn summary(code: &str, english: &str) -> String {
    localized(code, "summary", english)
}

/// Why rule `code` matters, whose English is `english`.
pub fn why(code: &str, english: &str) -> String {
    localized(code, "why", english)
}

/// The safe way of rule `code` (SQL), whose English is `english`.
pub fn fix(code: &str, english: &str) -> String {
    localized(code, "fix", english)
}

/// The catalog id of a part of a rule's documentation.
pub fn id(code: &str, part: &str) -> String {
    format!("lint-{}-{part}", code.to_ascii_lowercase())
}

fn localized(code: &str, part: &str, english: &str) -> String {
    // English is the rule's own text, byte for byte.
    if i18n::language() == Language::English {
        return english.to_string();
    }
    i18n::Catalog::of(i18n::language())
        .format(&id(code, part), &[])
        .unwrap_or_else(|| english.to_string())
}
