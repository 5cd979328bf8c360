//! Findings as text for a person, in their language: the full form of
//! `retort lint`, and the one-line form `upgrade` and `revision
//! --autogenerate` print.

use super::doc_text;
use super::finding::{Finding, Report};
use super::rule::Level;
use super::settings::Settings;
use crate::tr;

/// A statement on one line, cut to `max` characters.
fn one_line(statement: &str, max: usize) -> String {
    let flat = statement.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// A finding's severity as a word of the reader's language.
fn severity(finding: &Finding) -> String {
    if finding.severity == Level::Error.as_str() {
        tr!("lint-severity-error")
    } else {
        tr!("lint-severity-warning")
    }
}

/// One finding in full.
pub fn full(finding: &Finding) -> String {
    let mut out = compact(finding);
    out.push('\n');
    let statement = one_line(&finding.statement, 160);
    out.push_str(&format!("  {}\n", tr!("lint-finding-statement", statement = statement)));
    if let (Some(lock), Some(blocks)) = (&finding.lock, &finding.blocks) {
        out.push_str(&format!(
            "  {}\n",
            tr!("lint-finding-lock", lock = lock.to_string(), blocks = blocks.to_string())
        ));
    }
    let why = doc_text::why(finding.code, finding.why);
    out.push_str(&format!("  {}\n", tr!("lint-finding-why", why = why)));
    out.push_str(&format!("  {}\n", tr!("lint-finding-fix")));
    for line in doc_text::fix(finding.code, finding.fix).lines() {
        out.push_str(&format!("    {line}\n"));
    }
    out
}

/// One finding on one line.
pub fn compact(finding: &Finding) -> String {
    tr!(
        "lint-finding",
        file = &finding.file,
        line = finding.line,
        severity = severity(finding),
        code = finding.code,
        name = finding.name,
        message = finding.message.to_string()
    )
}

/// The closing line: counts, and what the run assumed.
pub fn summary(report: &Report, settings: &Settings) -> String {
    let mut out = tr!(
        "lint-summary",
        errors = report.errors(),
        warnings = report.warnings(),
        statements = report.statements
    );
    if report.suppressed > 0 {
        out.push_str(&tr!("lint-summary-allowed", count = report.suppressed));
    }
    if settings.sqlite {
        out.push_str(&tr!("lint-summary-sqlite"));
        if report.skipped > 0 {
            out.push_str(&tr!("lint-summary-sqlite-skipped", count = report.skipped));
        }
    } else {
        out.push_str(&tr!(
            "lint-summary-postgres",
            version = settings.postgres_version,
            source = settings.version_source.describe()
        ));
    }
    out
}
