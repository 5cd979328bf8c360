//! `retort verify`: the library's `Project::verify`, printed. One line per
//! revision (what was found indented below it) on stdout, or the report as
//! JSON with `--json`; exit 1 when anything failed.

use super::Context;
use crate::cli::{ConnectionArgs, ScratchArgs};
use retort::autogenerate::{Finding, TargetCheck, VerifyOptions, VerifyReport};
use retort::{Error, Result};

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
        ctx.say(&format!(
            "All {} revision(s) passed.",
            report.revisions.len()
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
            "FAIL"
        } else if result.findings.is_empty() {
            "ok"
        } else {
            "no-op"
        };
        out.push_str(&format!(
            "{status:<5} {} ({})\n",
            result.revision,
            result.file.display()
        ));
        for finding in &result.findings {
            out.push_str(&finding_text(finding));
        }
    }
    if !report.not_reached.is_empty() {
        out.push_str(&format!(
            "not reached (an upgrade before them failed): {}\n",
            report.not_reached.join(", ")
        ));
    }
    match &report.target {
        TargetCheck::NotConfigured => {}
        TargetCheck::NotReached => {
            out.push_str("target schema: not compared (the walk did not reach every head)\n")
        }
        TargetCheck::InSync => out.push_str("target schema: the heads match it\n"),
        TargetCheck::Differs { differences } => {
            out.push_str(
                "FAIL  target schema: the heads differ from it; to match it would take:\n",
            );
            out.push_str(&indented(differences));
        }
    }
    out
}

fn finding_text(finding: &Finding) -> String {
    match finding {
        Finding::UpgradeFails { error } => format!("      upgrade fails:\n{}", indented_text(error)),
        Finding::Irreversible { leaves_behind } => format!(
            "      irreversible: no downgrade SQL (write it, or mark the section `-- retort:downgrade no-op`){}\n{}",
            if leaves_behind.is_empty() { "" } else { "; undoing its upgrade would take:" },
            indented(leaves_behind)
        ),
        Finding::DeclaredNoOp { leaves_behind } if leaves_behind.is_empty() => {
            "      downgrade declared no-op; it leaves nothing behind\n".to_string()
        }
        Finding::DeclaredNoOp { leaves_behind } => format!(
            "      downgrade declared no-op; it leaves behind (undoing it would take):\n{}",
            indented(leaves_behind)
        ),
        Finding::DowngradeFails { error } => {
            format!("      downgrade fails:\n{}", indented_text(error))
        }
        Finding::DowngradeLeavesDifferences { differences } => format!(
            "      downgrade leaves the schema different from before the upgrade; going back would take:\n{}",
            indented(differences)
        ),
        Finding::UpgradeNotRepeatable { error } => format!(
            "      upgrade fails when run again after its downgrade:\n{}",
            indented_text(error)
        ),
    }
}

fn indented(lines: &[String]) -> String {
    lines.iter().map(|l| format!("        {l}\n")).collect()
}

fn indented_text(text: &str) -> String {
    text.lines().map(|l| format!("        {l}\n")).collect()
}
