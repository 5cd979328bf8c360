//! `retort verify`: the library's `Project::verify`, printed. One line per
//! revision (what was found indented below it) on stdout, or the report as
//! JSON with `--json`; exit 1 when anything failed.

use super::columns::pad;
use super::Context;
use crate::cli::{ConnectionArgs, ScratchArgs};
use retort::autogenerate::{Finding, TargetCheck, VerifyOptions, VerifyReport};
use retort::{tr, Error, Result};

pub fn verify(
    ctx: &Context,
    connection: &ConnectionArgs,
    scratch: &ScratchArgs,
    from: Option<String>,
    to: Option<String>,
) -> Result<()> {
    let project = ctx.project()?;
    let settings = super::autogen::settings(ctx, &project, connection, scratch)?;
    let report = project.verify(&settings, &VerifyOptions { from, to })?;
    if ctx.global.json {
        let json = serde_json::to_value(&report).map_err(|e| Error::Usage(e.to_string()))?;
        println!("{json}");
    } else {
        print!("{}", render(&report));
    }
    let failures = report.failures();
    if failures == 0 {
        ctx.say(&tr!(
            "cli-verify-all-passed",
            count = report.revisions.len()
        ));
        Ok(())
    } else {
        Err(Error::Verify { failures })
    }
}

/// The report as text: a line per revision, its findings below it.
fn render(report: &VerifyReport) -> String {
    let mut out = String::new();
    for result in &report.revisions {
        let status = if !result.passed() {
            tr!("cli-verify-status-fail")
        } else if result.findings.is_empty() {
            tr!("cli-verify-status-ok")
        } else {
            tr!("cli-verify-status-no-op")
        };
        out.push_str(&format!(
            "{} {} ({})\n",
            pad(&status, 5),
            result.revision,
            result.file.display()
        ));
        for finding in &result.findings {
            out.push_str(&finding_text(finding));
        }
    }
    if !report.not_reached.is_empty() {
        out.push_str(&tr!(
            "cli-verify-not-reached",
            revisions = report.not_reached.join(", ")
        ));
        out.push('\n');
    }
    match &report.target {
        TargetCheck::NotConfigured => {}
        TargetCheck::NotReached => {
            out.push_str(&tr!("cli-verify-target-not-reached"));
            out.push('\n');
        }
        TargetCheck::InSync => {
            out.push_str(&tr!("cli-verify-target-in-sync"));
            out.push('\n');
        }
        TargetCheck::Differs { differences } => {
            out.push_str(&format!(
                "{} {}\n",
                pad(&tr!("cli-verify-status-fail"), 5),
                tr!("cli-verify-target-differs")
            ));
            out.push_str(&indented(differences));
        }
    }
    out
}

/// A finding: its sentence under the revision's line, what it would take
/// (or the error) indented below.
fn finding_text(finding: &Finding) -> String {
    let (sentence, details) = match finding {
        Finding::UpgradeFails { error } => (tr!("cli-verify-upgrade-fails"), indented_text(error)),
        Finding::Irreversible { leaves_behind } if leaves_behind.is_empty() => {
            (tr!("cli-verify-irreversible"), String::new())
        }
        Finding::Irreversible { leaves_behind } => (
            tr!("cli-verify-irreversible-leaves"),
            indented(leaves_behind),
        ),
        Finding::DeclaredNoOp { leaves_behind } if leaves_behind.is_empty() => {
            (tr!("cli-verify-no-op-clean"), String::new())
        }
        Finding::DeclaredNoOp { leaves_behind } => {
            (tr!("cli-verify-no-op-leaves"), indented(leaves_behind))
        }
        Finding::DowngradeFails { error } => {
            (tr!("cli-verify-downgrade-fails"), indented_text(error))
        }
        Finding::DowngradeLeavesDifferences { differences } => {
            (tr!("cli-verify-downgrade-differs"), indented(differences))
        }
        Finding::UpgradeNotRepeatable { error } => {
            (tr!("cli-verify-not-repeatable"), indented_text(error))
        }
    };
    format!("      {sentence}\n{details}")
}

fn indented(lines: &[impl std::fmt::Display]) -> String {
    lines.iter().map(|l| format!("        {l}\n")).collect()
}

fn indented_text(text: &str) -> String {
    text.lines().map(|l| format!("        {l}\n")).collect()
}
