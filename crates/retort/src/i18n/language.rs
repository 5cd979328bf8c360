//! Which language messages are printed in, chosen once per process.

use std::cell::Cell;
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

thread_local! {
    /// A language this thread writes in for a while ([`in_language`]),
    /// whatever the process's.
    static THIS_THREAD: Cell<Option<Language>> = const { Cell::new(None) };
}

/// The language messages are printed in (English unless set).
pub fn language() -> Language {
    if let Some(language) = THIS_THREAD.with(Cell::get) {
        return language;
    }
    match CURRENT.load(Ordering::Relaxed) {
        1 => Language::Chinese,
        _ => Language::English,
    }
}

/// Runs `write` with every message in `language`, on this thread only:
/// text bound for a shared file (a generated migration's header) or for
/// programs is English whoever reads the screen.
pub fn in_language<T>(language: Language, write: impl FnOnce() -> T) -> T {
    /// Puts the thread's previous language back, even if `write` panics.
    struct Restore(Option<Language>);
    impl Drop for Restore {
        fn drop(&mut self) {
            THIS_THREAD.with(|current| current.set(self.0));
        }
    }
    let _restore = Restore(THIS_THREAD.with(|current| current.replace(Some(language))));
    write()
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

    #[test]
    fn a_thread_writes_in_another_language_for_a_while_only() {
        // Only this thread's language changes, and only inside the call.
        let before = language();
        assert_eq!(in_language(Language::Chinese, language), Language::Chinese);
        assert_eq!(
            in_language(Language::Chinese, || in_language(
                Language::English,
                language
            )),
            Language::English
        );
        assert_eq!(language(), before);
    }
}
