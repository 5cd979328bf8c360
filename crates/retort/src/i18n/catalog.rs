//! The compiled-in Fluent catalogs, one bundle per language, parsed once.

use super::arg::Arg;
use super::language::{language, Language};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;
use unic_langid::LanguageIdentifier;

/// The catalog files of one language, by area (each area one file, so
/// that work on one area never touches another's). Both languages list the
/// same areas; `help.ftl` (the command line's help, whose English is the
/// clap definition itself) exists only in Chinese.
macro_rules! catalog_files {
    ($lang:literal $(, $extra:literal)*) => {
        &[
            ("errors.ftl", include_str!(concat!("../../locales/", $lang, "/errors.ftl"))),
            ("cli.ftl", include_str!(concat!("../../locales/", $lang, "/cli.ftl"))),
            ("lint.ftl", include_str!(concat!("../../locales/", $lang, "/lint.ftl"))),
            ("run.ftl", include_str!(concat!("../../locales/", $lang, "/run.ftl"))),
            ("autogen.ftl", include_str!(concat!("../../locales/", $lang, "/autogen.ftl"))),
            ("import.ftl", include_str!(concat!("../../locales/", $lang, "/import.ftl"))),
            ("fleet.ftl", include_str!(concat!("../../locales/", $lang, "/fleet.ftl"))),
            $(($extra, include_str!(concat!("../../locales/", $lang, "/", $extra))),)*
        ]
    };
}

const ENGLISH: &[(&str, &str)] = catalog_files!("en");
const CHINESE: &[(&str, &str)] = catalog_files!("zh-CN", "help.ftl");

/// One language's messages.
pub struct Catalog {
    bundle: FluentBundle<FluentResource>,
    ids: Vec<String>,
}

impl Catalog {
    /// The catalog of a language, parsed on first use.
    pub fn of(language: Language) -> &'static Catalog {
        // Each parsed on its own first use: an English run never pays for
        // the Chinese catalog (about a millisecond each).
        static ENGLISH_CATALOG: OnceLock<Catalog> = OnceLock::new();
        static CHINESE_CATALOG: OnceLock<Catalog> = OnceLock::new();
        match language {
            Language::English => {
                ENGLISH_CATALOG.get_or_init(|| Catalog::parse(Language::English, ENGLISH))
            }
            Language::Chinese => {
                CHINESE_CATALOG.get_or_init(|| Catalog::parse(Language::Chinese, CHINESE))
            }
        }
    }

    /// Parses the files. A syntax error in a compiled-in catalog is a bug
    /// the catalog tests catch; here the entries that parsed are kept.
    fn parse(language: Language, files: &[(&str, &str)]) -> Catalog {
        let tag: LanguageIdentifier = language.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![tag]);
        // No Unicode isolation marks around arguments: they would reach
        // terminals and logs as invisible characters.
        bundle.set_use_isolating(false);
        let mut ids = Vec::new();
        for (_, text) in files {
            let resource = match FluentResource::try_new(text.to_string()) {
                Ok(resource) => resource,
                Err((resource, _)) => resource,
            };
            for entry in resource.entries() {
                if let fluent_syntax::ast::Entry::Message(message) = entry {
                    ids.push(message.id.name.to_string());
                }
            }
            // A duplicate id keeps the first definition (the tests forbid duplicates).
            bundle.add_resource_overriding(resource);
        }
        Catalog { bundle, ids }
    }

    /// The ids of every message, in file order.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// The message `id` with its arguments, or `None` if this catalog
    /// lacks it.
    pub fn format(&self, id: &str, args: &[(&str, Arg)]) -> Option<String> {
        let message = self.bundle.get_message(id)?;
        let pattern = message.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(text) => fluent_args.set(*name, FluentValue::from(text.as_str())),
                Arg::Number(number) => fluent_args.set(*name, FluentValue::from(*number)),
            }
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        Some(text.into_owned())
    }
}

/// The files each catalog is made of, for the catalog tests.
pub fn catalog_sources(language: Language) -> &'static [(&'static str, &'static str)] {
    match language {
        Language::English => ENGLISH,
        Language::Chinese => CHINESE,
    }
}

/// Message `id` in the current language; English when the current
/// catalog lacks it, and the id itself when no catalog has it (the catalog
/// tests make both impossible for the ids retort uses).
pub fn message(id: &str, args: &[(&str, Arg)]) -> String {
    message_in(language(), id, args)
}

/// Message `id` in `language`, with the same fallbacks as [`message`].
pub fn message_in(language: Language, id: &str, args: &[(&str, Arg)]) -> String {
    Catalog::of(language)
        .format(id, args)
        .or_else(|| Catalog::of(Language::English).format(id, args))
        .unwrap_or_else(|| id.to_string())
}

/// Every message id of a language's catalog.
pub fn message_ids(language: Language) -> &'static [String] {
    Catalog::of(language).ids()
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast;
    use std::collections::{BTreeMap, BTreeSet};

    /// id -> the variables its text uses, of one file.
    fn messages(file: &str, text: &str) -> BTreeMap<String, BTreeSet<String>> {
        let resource = match fluent_syntax::parser::parse(text) {
            Ok(resource) => resource,
            Err((_, errors)) => panic!("{file} does not parse: {errors:?}"),
        };
        let mut messages = BTreeMap::new();
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                let mut variables = BTreeSet::new();
                if let Some(pattern) = &message.value {
                    variables_of(pattern, &mut variables);
                }
                let id = message.id.name.to_string();
                assert!(
                    messages.insert(id.clone(), variables).is_none(),
                    "{file}: `{id}` is defined twice"
                );
            }
        }
        messages
    }

    fn variables_of(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_variables(expression, out);
            }
        }
    }

    fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                inline_variables(selector, out);
                for variant in variants {
                    variables_of(&variant.value, out);
                }
            }
            ast::Expression::Inline(inline) => inline_variables(inline, out),
        }
    }

    fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => {
                expression_variables(expression, out)
            }
            _ => {}
        }
    }

    /// Every file of both languages parses, no id is defined twice, and
    /// each English message has its Chinese one with the same variables
    /// (and the other way round). `help.ftl` is Chinese only: its English
    /// is the clap definition (the command line's own test checks it).
    #[test]
    fn both_catalogs_have_every_message_with_the_same_variables() {
        let mut problems = Vec::new();
        for (file, english_text) in ENGLISH {
            let Some((_, chinese_text)) = CHINESE.iter().find(|(name, _)| name == file) else {
                problems.push(format!("zh-CN/{file} is missing"));
                continue;
            };
            let english = messages(&format!("en/{file}"), english_text);
            let chinese = messages(&format!("zh-CN/{file}"), chinese_text);
            for (id, variables) in &english {
                match chinese.get(id) {
                    None => problems.push(format!("zh-CN/{file}: no `{id}`")),
                    Some(theirs) if theirs != variables => problems.push(format!(
                        "zh-CN/{file}: `{id}` uses {theirs:?}, English uses {variables:?}"
                    )),
                    Some(_) => {}
                }
            }
            for id in chinese.keys().filter(|id| !english.contains_key(*id)) {
                problems.push(format!("zh-CN/{file}: `{id}` is not in en/{file}"));
            }
        }
        let help = CHINESE.iter().find(|(name, _)| *name == "help.ftl");
        if let Some((file, text)) = help {
            messages(&format!("zh-CN/{file}"), text);
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// Every `tr!("id", ...)` in the library's and the command's source
    /// names a message of the catalog (English, and so Chinese too).
    #[test]
    fn every_message_the_code_uses_is_in_the_catalog() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut used = BTreeSet::new();
        for dir in ["retort/src", "retort-cli/src"] {
            collect_used_ids(&root.join(dir), &mut used);
        }
        assert!(
            used.len() > 10,
            "only {} message ids found in the source",
            used.len()
        );
        let english = Catalog::of(Language::English);
        let chinese_only = Catalog::of(Language::Chinese);
        let missing: Vec<&String> = used
            .iter()
            .filter(|id| {
                english.format(id, &[]).is_none() && chinese_only.format(id, &[]).is_none()
            })
            .collect();
        assert!(
            missing.is_empty(),
            "ids used but in no catalog: {missing:?}"
        );
    }

    fn collect_used_ids(dir: &std::path::Path, used: &mut BTreeSet<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                collect_used_ids(&path, used);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                // `tr!("id"`, not `include_str!("file"`.
                for (at, _) in text.match_indices("tr!(\"") {
                    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                    if text[line_start..at].trim_start().starts_with("//") {
                        continue;
                    }
                    let before = text[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = &text[at + 5..];
                    if let Some(id) = rest.split('"').next() {
                        if !id.is_empty() && !id.contains(' ') {
                            used.insert(id.to_string());
                        }
                    }
                }
            }
        }
    }
}
