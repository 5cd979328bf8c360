//! Messages in the reader's language: English, or Simplified Chinese.
//!
//! Every sentence retort prints is a Fluent message (`locales/<lang>/*.ftl`,
//! compiled in) looked up by id with [`tr!`](crate::tr); the language is
//! process-wide, set once by the command line from `--lang` or the locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`). A library user who sets nothing gets
//! English. What other programs read — revision ids and grammar, command
//! names, `--json`, SQL — is never translated.

mod arg;
mod catalog;
mod description;
mod language;

pub use arg::Arg;
pub use catalog::{catalog_sources, message, message_ids, message_in, Catalog};
pub use description::Description;
pub use language::{in_language, language, language_from_env, set_language, Language};

/// A message of the catalog in the current language: `tr!("id")` or
/// `tr!("id", name = value, ...)`, each value a string, a path or a number
/// (Fluent's `{ $name }` in the catalog).
#[macro_export]
#[doc(hidden)]
macro_rules! tr {
    ($id:literal $(,)?) => {
        $crate::i18n::message($id, &[])
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::message(
            $id,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}
