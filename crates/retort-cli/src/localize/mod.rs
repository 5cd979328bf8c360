//! The command line in the reader's language: chosen before parsing (the
//! help is printed while parsing), from `--lang`, `RETORT_LANG` or the
//! locale; help texts and clap's own errors translated.

mod clap_errors;
mod help;

pub use clap_errors::exit_with;
pub use help::command;
#[cfg(test)]
use help::help_ids;

use retort::i18n::{language_from_env, Language};
use std::ffi::OsString;

/// The language asked for: `--lang X` / `--lang=X` anywhere on the
/// command line (before a `--` that starts an entrypoint's program), else
/// `RETORT_LANG`, else `LC_ALL` / `LC_MESSAGES` / `LANG`.
pub fn language_of(args: &[OsString]) -> Result<Language, String> {
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--lang" {
            return match words.next() {
                Some(value) => Language::parse_option(&value),
                None => Err(
                    "--lang needs a value: `en` or `zh-CN` / --lang 需要一个值：`en` 或 `zh-CN`"
                        .into(),
                ),
            };
        }
        if let Some(value) = word.strip_prefix("--lang=") {
            return Language::parse_option(value);
        }
    }
    if let Some(value) = std::env::var("RETORT_LANG")
        .ok()
        .filter(|v| !v.trim().is_empty())
    {
        return Language::parse_option(&value);
    }
    Ok(language_from_env(|name| std::env::var(name).ok()))
}

#[cfg(test)]
mod tests {
    use super::help_ids;
    use retort::i18n::{catalog_sources, Catalog, Language};

    /// Every help text of the command line (every command, every option,
    /// clap's own --help and --version) has its Chinese text, and no
    /// Chinese help text is left over from an option that is gone.
    #[test]
    fn every_help_text_has_a_chinese_translation_and_none_is_stale() {
        let chinese = Catalog::of(Language::Chinese);
        let needed = help_ids();
        assert!(needed.len() > 100, "only {} help texts found", needed.len());
        let missing: Vec<String> = needed
            .iter()
            .filter(|(id, _)| chinese.format(id, &[]).is_none())
            .map(|(id, english)| format!("{id} = {english}"))
            .collect();
        assert!(
            missing.is_empty(),
            "help texts without Chinese (add them to locales/zh-CN/help.ftl):\n{}",
            missing.join("\n")
        );
        let help_file = catalog_sources(Language::Chinese)
            .iter()
            .find(|(name, _)| *name == "help.ftl")
            .map(|(_, text)| *text)
            .unwrap_or_default();
        let stale: Vec<&str> = help_file
            .lines()
            .filter_map(|line| line.split_once(" = ").map(|(id, _)| id.trim()))
            .filter(|id| id.starts_with("cmd-") || id.starts_with("arg-"))
            .filter(|id| !needed.iter().any(|(needed_id, _)| needed_id == id))
            .collect();
        assert!(stale.is_empty(), "Chinese help for nothing: {stale:?}");
        // A shared text is shared: every option behind one `arg-common-`
        // id says the same thing in English.
        for (id, english) in needed
            .iter()
            .filter(|(id, _)| id.starts_with("arg-common-"))
        {
            for (other_id, other) in &needed {
                assert!(
                    other_id != id || other == english,
                    "{id} stands for different English texts: {english:?} and {other:?}"
                );
            }
        }
    }
}
