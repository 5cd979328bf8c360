//! A change, a finding or a reason put into words twice: in the reader's
//! language for the screen, and in English for what others read — a
//! generated or converted migration's text (teams share the files, and
//! their checksums depend on the text) and `--json`.

use super::language::{in_language, Language};
use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::Deref;

/// One line about a change: `add column public.users.email`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description {
    english: String,
    shown: String,
}

impl Description {
    /// Words `describe` (which writes through the catalog) in both: in
    /// English, and in the current language.
    pub fn new(describe: impl Fn() -> String) -> Description {
        let english = in_language(Language::English, &describe);
        // An English reader's wording is the English one: worded once.
        let shown = if super::language::language() == Language::English {
            english.clone()
        } else {
            describe()
        };
        Description { english, shown }
    }

    /// The English wording, for files and programs.
    pub fn english(&self) -> &str {
        &self.english
    }
}

/// As text, the reader's wording (the screen's).
impl Deref for Description {
    type Target = str;
    fn deref(&self) -> &str {
        &self.shown
    }
}

impl fmt::Display for Description {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

/// In JSON, the English wording: `--json` is never translated.
impl Serialize for Description {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.english)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_screen_gets_the_readers_words_and_json_the_english() {
        let description = in_language(Language::Chinese, || {
            Description::new(|| crate::tr!("autogen-add-table", name = "public.t"))
        });
        assert_eq!(description.english(), "add table public.t");
        assert_eq!(description.to_string(), "添加表 public.t");
        assert_eq!(&*description, "添加表 public.t");
        assert_eq!(
            serde_json::to_string(&description).unwrap(),
            "\"add table public.t\""
        );
    }
}
