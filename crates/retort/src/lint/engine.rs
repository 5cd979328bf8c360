//! The run: each source split into statements, each statement parsed by
//! PostgreSQL's grammar and shown to every rule in the context of what ran
//! before it, findings placed at their file line and filtered by
//! `-- retort:allow` and the configured levels.

use super::builtin::{INVALID_ALLOW, PARSE_ERROR};
use super::finding::{Finding, Report};
use super::rule::{Level, Rule, RuleDoc, Statement};
use super::settings::Settings;
use super::source::Source;
use super::state::State;
use super::suppress::{allows, owner};
use super::text::lint_tr;
use crate::sql::split::{line_of_byte, split_postgres};

/// Lints `sources` in order (see [`Settings::one_run`] for what one source
/// knows of the ones before it).
pub fn lint(rules: &[&Rule], sources: &[Source], settings: &Settings) -> Report {
    let mut report = Report::default();
    let mut state = State::default();
    state.lock_timeout_configured = settings.lock_timeout_configured;
    let mut previous_transactional = false;
    for source in sources {
        state.start_section();
        if !settings.one_run {
            // A history: each migration ran at its own time, on tables
            // others were using.
            state.forget_created();
        }
        // In one run, transactional sections share one transaction unless
        // each migration has its own; a no-transaction section ends it.
        if !(settings.one_run
            && source.transactional
            && previous_transactional
            && !settings.transaction_per_migration)
        {
            state.end_transaction();
        }
        previous_transactional = source.transactional;
        let before = report.findings.len();
        lint_source(rules, source, settings, &mut state, &mut report);
        // In file order: a broken allow comment among the statements' findings.
        report.findings[before..].sort_by_key(|f| (f.line, f.code));
    }
    report
}

/// One parsed statement of a source, with its lines.
struct Parsed<'t> {
    text: &'t str,
    first_line: usize,
    last_line: usize,
    result: Result<pg_query::ParseResult, String>,
}

fn lint_source(
    rules: &[&Rule],
    source: &Source,
    settings: &Settings,
    state: &mut State,
    report: &mut Report,
) {
    let text = source.text.as_str();
    let file_line = |offset: usize| source.first_line + line_of_byte(text, offset) - 1;
    let parsed: Vec<Parsed<'_>> = split_postgres(text)
        .into_iter()
        .filter_map(|span| {
            let stmt = text[span.first_token..span.end].trim_end();
            if stmt.trim_end_matches(';').trim().is_empty() {
                return None;
            }
            Some(Parsed {
                text: stmt,
                first_line: file_line(span.first_token),
                last_line: file_line(span.first_token + stmt.len().saturating_sub(1)),
                result: pg_query::parse(stmt, pg_query::ParserOptions::DEFAULT)
                    .map_err(|e| e.to_string()),
            })
        })
        .collect();
    let lines: Vec<(usize, usize)> = parsed.iter().map(|p| (p.first_line, p.last_line)).collect();

    // Allow comments, each given to its statement; broken ones are findings.
    let mut allowed: Vec<Vec<String>> = vec![Vec::new(); parsed.len()];
    for allow in allows(text) {
        let line = file_line(allow.offset);
        let problem = if allow.rules.is_empty() {
            Some(lint_tr!("lint-allow-names-no-rule"))
        } else if let Some(unknown) = allow.rules.iter().find(|r| find_doc(rules, r).is_none()) {
            Some(lint_tr!("lint-allow-unknown-rule", rule = unknown))
        } else if allow.reason.is_empty() {
            Some(lint_tr!(
                "lint-allow-no-reason",
                rules = allow.rules.join(",")
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            let level = settings.level(&INVALID_ALLOW);
            if level != Level::Off {
                let mut finding = Finding::new(&INVALID_ALLOW, level, message);
                place(&mut finding, source, line, text_line(text, allow.offset));
                report.findings.push(finding);
            }
            continue;
        }
        if let Some(index) = owner(line, &lines) {
            for rule in &allow.rules {
                if let Some(doc) = find_doc(rules, rule) {
                    allowed[index].push(doc.code.to_string());
                }
            }
        }
    }

    for (index, stmt) in parsed.iter().enumerate() {
        report.statements += 1;
        let mut findings = Vec::new();
        let nodes: Vec<&pg_query::NodeEnum> = match &stmt.result {
            Err(message) => {
                if settings.sqlite {
                    report.skipped += 1;
                } else {
                    let level = settings.level(&PARSE_ERROR);
                    if level != Level::Off {
                        findings.push(Finding::new(
                            &PARSE_ERROR,
                            level,
                            lint_tr!("lint-r000-hit", error = message),
                        ));
                    }
                }
                Vec::new()
            }
            Ok(result) => result
                .protobuf
                .stmts
                .iter()
                .filter_map(|raw| raw.stmt.as_ref()?.node.as_ref())
                .collect(),
        };
        for node in nodes {
            let in_transaction = source.transactional || state.explicit_transaction;
            let statement = Statement {
                node,
                text: stmt.text,
                in_transaction,
                postgres_version: settings.postgres_version,
                state,
            };
            for rule in rules {
                let level = settings.level(&rule.doc);
                if level == Level::Off {
                    continue;
                }
                for hit in (rule.check)(&statement) {
                    let mut finding = Finding::new(&rule.doc, level, hit.message);
                    finding.lock = hit.lock;
                    finding.blocks = hit.blocks;
                    findings.push(finding);
                }
            }
            if findings.iter().any(|f| f.code == LOCK_TIMEOUT_CODE) {
                state.lock_timeout_warned = true;
            }
            state.observe(node);
            if !in_transaction {
                // Outside a transaction each statement commits on its own.
                state.end_transaction();
            }
        }
        for mut finding in findings {
            if allowed[index].iter().any(|code| code == finding.code) {
                report.suppressed += 1;
                continue;
            }
            place(&mut finding, source, stmt.first_line, stmt.text);
            report.findings.push(finding);
        }
    }
}

/// The code of the rule whose finding is given once per section.
const LOCK_TIMEOUT_CODE: &str = "R017";

fn place(finding: &mut Finding, source: &Source, line: usize, statement: &str) {
    finding.file = source.path.display().to_string();
    finding.line = line;
    finding.revision = source.revision.clone();
    finding.statement = statement.to_string();
}

/// The line of `text` holding `offset`, without its line ending.
fn text_line(text: &str, offset: usize) -> &str {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    text[start..end].trim()
}

/// A rule's documentation by code or name (the engine's own included).
pub fn find_doc<'r>(rules: &'r [&Rule], code_or_name: &str) -> Option<&'r RuleDoc> {
    let matches = |doc: &RuleDoc| {
        doc.code.eq_ignore_ascii_case(code_or_name) || doc.name.eq_ignore_ascii_case(code_or_name)
    };
    if matches(&PARSE_ERROR) {
        return Some(&PARSE_ERROR);
    }
    if matches(&INVALID_ALLOW) {
        return Some(&INVALID_ALLOW);
    }
    rules.iter().map(|r| &r.doc).find(|d| matches(d))
}
