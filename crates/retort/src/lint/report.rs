//! Findings as text for a person: the full form of `retort lint`, and the
//! one-line form `upgrade` and `revision --autogenerate` print.

use super::finding::{Finding, Report};
use super::settings::Settings;

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

/// One finding in full.
pub fn full(finding: &Finding) -> String {
    let mut out = format!(
        "{}:{}: {} {} {}: {}\n",
        finding.file, finding.line, finding.severity, finding.code, finding.name, finding.message
    );
    out.push_str(&format!("  statement: {}\n", one_line(&finding.statement, 160)));
    if let (Some(lock), Some(blocks)) = (&finding.lock, &finding.blocks) {
        out.push_str(&format!("  lock: {lock}: {blocks}\n"));
    }
    out.push_str(&format!("  why: {}\n", finding.why));
    out.push_str("  safe way:\n");
    for line in finding.fix.lines() {
        out.push_str(&format!("    {line}\n"));
    }
    out
}

/// One finding on one line.
pub fn compact(finding: &Finding) -> String {
    format!(
        "{}:{}: {} {} {}: {}",
        finding.file, finding.line, finding.severity, finding.code, finding.name, finding.message
    )
}

/// The closing line: counts, and what the run assumed.
pub fn summary(report: &Report, settings: &Settings) -> String {
    let mut out = format!(
        "{} error(s), {} warning(s) in {} statement(s)",
        report.errors(),
        report.warnings(),
        report.statements
    );
    if report.suppressed > 0 {
        out.push_str(&format!(", {} allowed by retort:allow", report.suppressed));
    }
    if settings.sqlite {
        out.push_str(
            "; SQLite project: only the rules that are not about PostgreSQL's locks ran",
        );
        if report.skipped > 0 {
            out.push_str(&format!(
                ", and {} statement(s) in SQLite syntax PostgreSQL's grammar does not read were skipped",
                report.skipped
            ));
        }
    } else {
        out.push_str(&format!(
            "; PostgreSQL {} (from {})",
            settings.postgres_version, settings.version_source
        ));
    }
    out
}
