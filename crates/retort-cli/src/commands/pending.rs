//! `pending` (`status`): what `upgrade heads` would run, per head, for
//! health checks, init containers and CI — the exit status says whether
//! the database is behind.

use super::Context;
use crate::cli::ConnectionArgs;
use retort::project::{PendingHead, Project};
use retort::{tr, Result};

/// The exit status when some revision is not applied yet: distinct from 1
/// (a database or check failure) and 2 (usage), so a script can tell
/// "behind" from "broken".
pub const BEHIND: u8 = 3;

/// Prints the pending revisions; returns whether any is pending.
pub fn pending(ctx: &Context, connection: &ConnectionArgs) -> Result<bool> {
    let project = ctx.project()?;
    let current = ctx.current_heads(&project, connection)?;
    let per_head = project.pending(&current)?;
    let total: usize = per_head.iter().map(|h| h.revisions.len()).sum();
    if ctx.global.json {
        println!("{}", to_json(&project, &current, &per_head, total));
    } else if !ctx.global.quiet {
        print_text(&project, &per_head, total);
    }
    Ok(total > 0)
}

fn message(project: &Project, id: &str) -> String {
    project
        .script(id)
        .map(|s| s.message.clone())
        .unwrap_or_default()
}

fn head_name(project: &Project, head: &str) -> String {
    let labels = project.map().branch_labels(head);
    if labels.is_empty() {
        head.to_string()
    } else {
        format!("{head} ({})", labels.join(", "))
    }
}

fn print_text(project: &Project, per_head: &[PendingHead], total: usize) {
    for h in per_head {
        let name = head_name(project, &h.head);
        if h.revisions.is_empty() {
            println!("{}", tr!("cli-pending-up-to-date", head = &name));
            continue;
        }
        println!(
            "{}",
            tr!("cli-pending-count", head = &name, count = h.revisions.len())
        );
        for id in &h.revisions {
            println!("  {id}  {}", message(project, id));
        }
    }
    if per_head.is_empty() {
        println!("{}", tr!("cli-pending-no-revisions"));
    } else if total == 0 {
        println!("{}", tr!("cli-pending-at-every-head"));
    }
}

fn to_json(
    project: &Project,
    current: &[String],
    per_head: &[PendingHead],
    total: usize,
) -> serde_json::Value {
    let heads: Vec<serde_json::Value> = per_head
        .iter()
        .map(|h| {
            let pending: Vec<serde_json::Value> = h
                .revisions
                .iter()
                .map(|id| serde_json::json!({"revision": id, "message": message(project, id)}))
                .collect();
            serde_json::json!({
                "head": h.head,
                "branch_labels": project.map().branch_labels(&h.head),
                "pending": pending,
            })
        })
        .collect();
    serde_json::json!({
        "current": current,
        "heads": heads,
        "up_to_date": total == 0,
    })
}
