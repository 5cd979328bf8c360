//! The rules' documentation as text: `retort lint --explain CODE` (in the
//! reader's language) and the README's table (English), both generated
//! from the rules themselves.

use super::builtin::{INVALID_ALLOW, PARSE_ERROR};
use super::doc_text;
use super::engine::find_doc;
use super::rule::{Level, RuleDoc};
use super::rules::ALL;

/// Every documented code: the engine's own findings, then the rules.
pub fn all_docs() -> Vec<&'static RuleDoc> {
    let mut docs = vec![&PARSE_ERROR];
    docs.extend(ALL.iter().map(|r| &r.doc));
    docs.push(&INVALID_ALLOW);
    docs.sort_by_key(|d| d.code);
    docs
}

/// `--explain CODE` (or name): None when no rule has it.
pub fn explain(code_or_name: &str) -> Option<String> {
    let doc = find_doc(ALL, code_or_name)?;
    let mut out = format!("{} {}: {}\n\n", doc.code, doc.name, summary(doc));
    let level = doc.level.as_str();
    out.push_str(&if doc.level == Level::Off {
        crate::tr!("lint-explain-level-style", level = level)
    } else {
        crate::tr!("lint-explain-level", level = level)
    });
    out.push_str("\n\n");
    let why = doc_text::why(doc.code, doc.why);
    out.push_str(&crate::tr!("lint-explain-why", why = why));
    out.push_str("\n\n");
    out.push_str(&crate::tr!("lint-explain-fix"));
    out.push_str("\n\n");
    for line in doc_text::fix(doc.code, doc.fix).lines() {
        out.push_str(&format!("    {line}\n"));
    }
    if !doc.postgres_only {
        out.push('\n');
        out.push_str(&crate::tr!("lint-explain-sqlite"));
        out.push('\n');
    }
    Some(out)
}

/// A rule's one-line summary in the reader's language (`--explain`'s list).
pub fn summary(doc: &RuleDoc) -> String {
    doc_text::summary(doc.code, doc.summary)
}

/// The README's rule table (Markdown), between its markers.
pub fn readme_table() -> String {
    let mut out = String::from("| Code | Name | Finds | Default | SQLite |\n|---|---|---|---|---|\n");
    for doc in all_docs() {
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            doc.code,
            doc.name,
            doc.summary.replace('|', "\\|"),
            doc.level.as_str(),
            if doc.postgres_only { "" } else { "yes" }
        ));
    }
    out
}

/// The markers around the generated table in README.md.
pub const README_BEGIN: &str = "<!-- lint-rules:begin (generated: retort lint --rules-table) -->";
pub const README_END: &str = "<!-- lint-rules:end -->";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_explains_itself_by_code_and_name() {
        for doc in all_docs() {
            let by_code = explain(doc.code).unwrap();
            assert!(by_code.starts_with(&format!("{} {}", doc.code, doc.name)));
            assert_eq!(explain(&doc.name.to_uppercase()), Some(by_code));
            assert!(!doc.fix.is_empty() && !doc.why.is_empty());
        }
        assert_eq!(explain("R999"), None);
    }

    /// SQL without its `--` comments: what must not change with the language.
    fn sql_only(fix: &str) -> Vec<String> {
        fix.lines()
            .map(|line| line.split("-- ").next().unwrap_or_default().trim_end().to_string())
            .collect()
    }

    /// Every rule (and the engine's own findings) has its summary, why and
    /// safe way in both catalogs, the English ones the rule's own words,
    /// the Chinese safe way the same SQL with translated comments.
    #[test]
    fn every_rule_has_its_summary_why_and_fix_in_both_catalogs() {
        use crate::i18n::{Catalog, Language};
        let mut problems = Vec::new();
        for doc in all_docs() {
            for (part, english) in [("summary", doc.summary), ("why", doc.why), ("fix", doc.fix)] {
                let id = doc_text::id(doc.code, part);
                match Catalog::of(Language::English).format(&id, &[]) {
                    Some(text) if text == english => {}
                    Some(text) => problems.push(format!(
                        "en/lint.ftl `{id}` differs from the rule's:\n  {text}\n  {english}"
                    )),
                    None => problems.push(format!("en/lint.ftl has no `{id}`")),
                }
                match Catalog::of(Language::Chinese).format(&id, &[]) {
                    Some(text) if part == "fix" && sql_only(&text) != sql_only(english) => problems
                        .push(format!("zh-CN/lint.ftl `{id}` changes the SQL:\n{text}")),
                    // A safe way without comments is the same SQL in both.
                    Some(text) if part == "fix" || (!text.trim().is_empty() && text != english) => {}
                    _ => problems.push(format!("zh-CN/lint.ftl has no Chinese `{id}`")),
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// The README's table is the generated one: a rule added or reworded
    /// without regenerating it (`retort lint --rules-table`) fails here.
    #[test]
    fn the_readme_table_is_the_generated_one() {
        let readme = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"),
        )
        .unwrap();
        let start = readme.find(README_BEGIN).expect("README has the begin marker") + README_BEGIN.len();
        let end = readme.find(README_END).expect("README has the end marker");
        assert_eq!(
            readme[start..end].trim(),
            readme_table().trim(),
            "README.md's rule table differs from `retort lint --rules-table`"
        );
    }
}
