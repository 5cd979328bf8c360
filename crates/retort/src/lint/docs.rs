//! The rules' documentation as text: `retort lint --explain CODE` and the
//! README's table, both generated from the rules themselves.

use super::builtin::{INVALID_ALLOW, PARSE_ERROR};
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
    let mut out = format!("{} {}: {}\n\n", doc.code, doc.name, doc.summary);
    out.push_str(&format!(
        "Default level: {}{}\n\n",
        doc.level.as_str(),
        if doc.level == Level::Off {
            " (a style rule: turn it on in retort.toml's [lint])"
        } else {
            ""
        }
    ));
    out.push_str(&format!("Why: {}\n\n", doc.why));
    out.push_str("The safe way:\n\n");
    for line in doc.fix.lines() {
        out.push_str(&format!("    {line}\n"));
    }
    if !doc.postgres_only {
        out.push_str("\nApplies to SQLite projects too.\n");
    }
    Some(out)
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
