//! The answers a yes/no question at the terminal accepts: `y`/`yes` in
//! any language, and 是 (yes) / 否 (no) when it was asked in Chinese.
//! Anything else, an empty line included, is no: the questions guard
//! against losing data, so only a clear yes goes on.

use retort::i18n::Language;

/// Whether `answer` (a line typed at the prompt) means yes.
pub fn is_yes(answer: &str, language: Language) -> bool {
    let answer = answer.trim();
    matches!(answer, "y" | "Y" | "yes" | "Yes") || (language == Language::Chinese && answer == "是")
}

/// [`is_yes`] in the language the question was printed in.
pub fn is_yes_here(answer: &str) -> bool {
    is_yes(answer, retort::i18n::language())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_in_english_everywhere_and_in_chinese_when_asked_in_chinese() {
        for language in Language::ALL {
            assert!(is_yes("y\n", language));
            assert!(is_yes(" yes ", language));
            assert!(!is_yes("n", language));
            assert!(!is_yes("", language));
            assert!(!is_yes("否", language));
        }
        assert!(is_yes("是\n", Language::Chinese));
        assert!(!is_yes("是", Language::English));
        assert!(!is_yes("是否", Language::Chinese));
    }
}
