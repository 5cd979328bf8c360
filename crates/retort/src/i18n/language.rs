//! Which language messages are printed in, chosen once per process.

use std::sync::atomic::{AtomicU8, Ordering};

/// The languages retort speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    English,
    /// Simplified Chinese (zh-CN).
    Chinese,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::English, Language::Chinese];

    /// The BCP 47 tag of the catalog directory (`locales/<tag>/`).
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Chinese => "zh-CN",
        }
    }

    /// A language from a tag or a POSIX locale name: `zh`, `zh-CN`,
    /// `zh_CN.UTF-8`, `zh_Hans`, `en_US.UTF-8`, `C`... Any Chinese locale
    /// means the simplified catalog (the only Chinese one); `C`, `POSIX`
    /// and other languages mean English. `None` for an empty name.
    pub fn from_locale_name(name: &str) -> Option<Language> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let language = name
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Some(if language == "zh" {
            Language::Chinese
        } else {
            Language::English
        })
    }

    /// A `--lang` value: `en` or `zh-CN` (and the spellings
    /// [`Language::from_locale_name`] accepts for them); an unknown
    /// language is an error rather than a silent English.
    pub fn parse_option(value: &str) -> Result<Language, String> {
        let lowered = value.trim().to_ascii_lowercase();
        let base = lowered.split(['_', '-', '.']).next().unwrap_or_default();
        match base {
            "zh" => Ok(Language::Chinese),
            "en" | "c" | "posix" => Ok(Language::English),
            _ => Err(format!(
                "unknown language `{value}`: use `en` or `zh-CN` / 未知语言 `{value}`：请用 `en` 或 `zh-CN`"
            )),
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language of every message from now on.
pub fn set_language(language: Language) {
    CURRENT.store(
        match language {
            Language::English => 0,
            Language::Chinese => 1,
        },
        Ordering::Relaxed,
    );
}

/// The language messages are printed in (English unless set).
pub fn language() -> Language {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Language::Chinese,
        _ => Language::English,
    }
}

/// The language the locale asks for, as POSIX orders it: the first of
/// `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty decides.
pub fn language_from_env(var: impl Fn(&str) -> Option<String>) -> Language {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| var(name).and_then(|value| Language::from_locale_name(&value)))
        .unwrap_or(Language::English)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_choose_the_catalog() {
        for name in [
            "zh_CN.UTF-8",
            "zh_CN",
            "zh",
            "zh-Hans",
            "zh_SG.GB2312",
            "zh_TW.UTF-8",
        ] {
            assert_eq!(
                Language::from_locale_name(name),
                Some(Language::Chinese),
                "{name}"
            );
        }
        for name in ["C", "POSIX", "C.UTF-8", "en_US.UTF-8", "de_DE", "fr"] {
            assert_eq!(
                Language::from_locale_name(name),
                Some(Language::English),
                "{name}"
            );
        }
        assert_eq!(Language::from_locale_name(""), None);
    }

    #[test]
    fn lc_all_wins_over_lc_messages_over_lang_and_empty_ones_are_skipped() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| value.to_string())
            }
        };
        assert_eq!(
            language_from_env(env(&[("LANG", "zh_CN.UTF-8")])),
            Language::Chinese
        );
        assert_eq!(
            language_from_env(env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")])),
            Language::English
        );
        assert_eq!(
            language_from_env(env(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "zh_CN"),
                ("LANG", "en_US")
            ])),
            Language::Chinese
        );
        assert_eq!(language_from_env(env(&[])), Language::English);
    }

    #[test]
    fn the_lang_option_takes_known_languages_only() {
        assert_eq!(Language::parse_option("zh-CN"), Ok(Language::Chinese));
        assert_eq!(Language::parse_option("zh_Hans"), Ok(Language::Chinese));
        assert_eq!(Language::parse_option("en"), Ok(Language::English));
        assert!(Language::parse_option("klingon").is_err());
    }
}
