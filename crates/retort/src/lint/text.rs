//! A lint message kept as its catalog id and arguments, not as a sentence:
//! a person reads it in their language, while `--json` (read by programs)
//! always gets the English. Rendering happens when it is printed.

use crate::i18n::{self, Arg, Language};
use serde::{Serialize, Serializer};
use std::fmt;

/// A message of the lint catalog (`locales/*/lint.ftl`) with its values.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    id: &'static str,
    args: Vec<(&'static str, Value)>,
}

/// One value of a message: plain (a name, a number), or a message of its
/// own that is rendered in the same language as the one it is part of.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Plain(Arg),
    Text(Text),
}

impl<T: Into<Arg>> From<T> for Value {
    fn from(value: T) -> Self {
        Value::Plain(value.into())
    }
}

impl From<Text> for Value {
    fn from(value: Text) -> Self {
        Value::Text(value)
    }
}

impl Text {
    pub fn new(id: &'static str, args: Vec<(&'static str, Value)>) -> Text {
        Text { id, args }
    }

    /// The message in `language` (English when that catalog lacks it; the
    /// catalog tests make that impossible for the ids the rules use).
    pub fn in_language(&self, language: Language) -> String {
        let args: Vec<(&str, Arg)> = self
            .args
            .iter()
            .map(|(name, value)| {
                let arg = match value {
                    Value::Plain(arg) => arg.clone(),
                    Value::Text(text) => Arg::Text(text.in_language(language)),
                };
                (*name, arg)
            })
            .collect();
        i18n::message_in(language, self.id, &args)
    }

    /// The English, for `--json`.
    pub fn english(&self) -> String {
        self.in_language(Language::English)
    }
}

/// In the language messages are printed in.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_language(i18n::language()))
    }
}

/// As the English sentence: what `--json` always held.
impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.english())
    }
}

/// `lint_tr!("lint-...", name = value, ...)`: a [`Text`] of the lint
/// catalog, each value a string, path, number or another `Text` (a test
/// below checks that both catalogs have every id used).
macro_rules! lint_tr {
    ($id:literal $(,)?) => {
        $crate::lint::text::Text::new($id, Vec::new())
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::lint::text::Text::new(
            $id,
            vec![$((stringify!($name), $crate::lint::text::Value::from($value))),+],
        )
    };
}
pub(crate) use lint_tr;

#[cfg(test)]
mod tests {
    use crate::i18n::{message_ids, Language};
    use std::collections::BTreeSet;
    use std::path::Path;

    /// The id of every `lint_tr!` call under `dir`.
    fn used_ids(dir: &Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).expect("the lint sources").flatten() {
            let path = entry.path();
            if path.is_dir() {
                used_ids(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a lint source");
                for piece in text.split("lint_tr!(").skip(1) {
                    let Some(quoted) = piece.trim_start().strip_prefix('"') else {
                        continue;
                    };
                    if let Some(id) = quoted.split('"').next().filter(|id| !id.contains('.')) {
                        out.insert(id.to_string());
                    }
                }
            }
        }
    }

    /// Every message the rules and the engine use is in both catalogs.
    #[test]
    fn every_lint_message_the_code_uses_is_in_both_catalogs() {
        let mut used = BTreeSet::new();
        used_ids(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lint"),
            &mut used,
        );
        assert!(used.len() > 50, "the scan found the rules' messages: {used:?}");
        for language in Language::ALL {
            let known: BTreeSet<&String> = message_ids(language).iter().collect();
            let missing: Vec<&String> = used.iter().filter(|id| !known.contains(id)).collect();
            assert!(
                missing.is_empty(),
                "{}/lint.ftl lacks {missing:?}",
                language.tag()
            );
        }
    }

    #[test]
    fn a_message_renders_in_either_language_with_nested_messages() {
        let reason = lint_tr!("lint-r003-adds-identity");
        let text = lint_tr!("lint-r003-hit", column = "id", table = "orders", reason = reason);
        assert_eq!(
            text.english(),
            "ADD COLUMN id on existing table orders rewrites the table: it adds an identity column"
        );
        assert_eq!(
            text.in_language(Language::Chinese),
            "在已有的表 orders 上 ADD COLUMN id 会重写整张表：新增的是标识列（identity）"
        );
        assert_eq!(
            serde_json::to_string(&text).unwrap(),
            format!("\"{}\"", text.english())
        );
    }
}
