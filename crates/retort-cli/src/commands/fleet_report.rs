//! What a fleet run shows: a live line at a terminal (done/total,
//! failures, rate), then one line per target that failed (or, for
//! `current` and `pending`, per target) and the summary; or, with --json,
//! one record per target and the counts.

use super::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use retort::fleet::{FleetCommand, FleetReport, TargetOutcome, TargetStatus};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The live line; nothing away from a terminal or with --quiet.
pub struct LiveLine {
    bar: Option<ProgressBar>,
    failed: AtomicUsize,
    started: Instant,
}

impl LiveLine {
    pub fn start(total: usize, quiet: bool) -> LiveLine {
        let bar = crate::progress::wanted(quiet).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template("{prefix} {pos}/{len}: {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.set_prefix(retort::tr!("fleet-live-targets"));
            bar.enable_steady_tick(Duration::from_millis(500));
            bar
        });
        LiveLine {
            bar,
            failed: AtomicUsize::new(0),
            started: Instant::now(),
        }
    }

    /// Moves the line on when a target ends.
    pub fn finished(&self, outcome: &TargetOutcome) {
        let failed = if outcome.status == TargetStatus::Failed {
            self.failed.fetch_add(1, Ordering::SeqCst) + 1
        } else {
            self.failed.load(Ordering::SeqCst)
        };
        if let Some(bar) = &self.bar {
            bar.inc(1);
            let rate = bar.position() as f64 / self.started.elapsed().as_secs_f64().max(0.001);
            bar.set_message(retort::tr!(
                "fleet-live-progress",
                failed = failed,
                rate = format!("{rate:.1}")
            ));
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

pub fn print_report(ctx: &Context, command: &FleetCommand, report: &FleetReport) {
    if ctx.global.json {
        println!("{}", to_json(report));
        return;
    }
    let lists_every_target = matches!(command, FleetCommand::Current | FleetCommand::Pending);
    for outcome in &report.outcomes {
        match (&outcome.error, lists_every_target, outcome.status) {
            (Some(error), _, _) => println!(
                "{}",
                retort::tr!(
                    "fleet-target-failed",
                    target = outcome.target.label(),
                    error = indent_after_first(error)
                )
            ),
            (None, true, TargetStatus::Behind) => println!(
                "{}",
                retort::tr!(
                    "fleet-target-behind",
                    target = outcome.target.label(),
                    count = outcome.steps,
                    heads = heads(&outcome.heads)
                )
            ),
            (None, true, TargetStatus::AtTarget) => {
                let line = retort::tr!(
                    "fleet-target-heads",
                    target = outcome.target.label(),
                    heads = heads(&outcome.heads)
                );
                println!("{line}")
            }
            _ => {}
        }
    }
    if !ctx.global.quiet || report.count(TargetStatus::Failed) > 0 {
        println!("{}", summary(report));
    }
}

fn heads(heads: &[String]) -> String {
    if heads.is_empty() {
        retort::tr!("fleet-no-revision")
    } else {
        heads.join(", ")
    }
}

/// A multi-line error stays under its target's line.
fn indent_after_first(text: &str) -> String {
    text.replace('\n', "\n    ")
}

/// "200 targets: 150 moved, 48 already there, 2 failed, 0 skipped (3.1 s, 64.5 targets/s)".
pub fn summary(report: &FleetReport) -> String {
    let mut parts = Vec::new();
    for status in [
        TargetStatus::Moved,
        TargetStatus::AtTarget,
        TargetStatus::Behind,
        TargetStatus::Failed,
        TargetStatus::Skipped,
    ] {
        let n = report.count(status);
        let always = matches!(status, TargetStatus::Failed | TargetStatus::Skipped);
        if n > 0 || always {
            parts.push(count_of(status, n));
        }
    }
    let seconds = report.elapsed.as_secs_f64();
    let done = report.outcomes.len() - report.count(TargetStatus::Skipped);
    retort::tr!(
        "fleet-summary",
        count = report.outcomes.len(),
        parts = parts.join(&retort::tr!("run-list-separator")),
        seconds = format!("{seconds:.1}"),
        rate = format!("{:.1}", done as f64 / seconds.max(0.001))
    )
}

/// "150 moved", "48 already there": one part of the summary.
fn count_of(status: TargetStatus, count: usize) -> String {
    match status {
        TargetStatus::AtTarget => retort::tr!("fleet-summary-at-target", count = count),
        TargetStatus::Moved => retort::tr!("fleet-summary-moved", count = count),
        TargetStatus::Behind => retort::tr!("fleet-summary-behind", count = count),
        TargetStatus::Failed => retort::tr!("fleet-summary-failed", count = count),
        TargetStatus::Skipped => retort::tr!("fleet-summary-skipped", count = count),
    }
}

fn to_json(report: &FleetReport) -> serde_json::Value {
    let targets: Vec<serde_json::Value> = report
        .outcomes
        .iter()
        .map(|o| {
            serde_json::json!({
                "target": o.target.label(),
                "url": o.target.url.redacted(),
                "schema": o.target.schema,
                "status": o.status.name(),
                "heads": o.heads,
                "steps": o.steps,
                "error": o.error,
                "duration_ms": o.duration.as_millis() as u64,
            })
        })
        .collect();
    let count = |s| report.count(s);
    serde_json::json!({
        "targets": targets,
        "summary": {
            "total": report.outcomes.len(),
            "moved": count(TargetStatus::Moved),
            "at_target": count(TargetStatus::AtTarget),
            "behind": count(TargetStatus::Behind),
            "failed": count(TargetStatus::Failed),
            "skipped": count(TargetStatus::Skipped),
            "elapsed_ms": report.elapsed.as_millis() as u64,
        },
    })
}
