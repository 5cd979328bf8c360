//! Shared helpers for the revision tests.
#![allow(dead_code)]

use retort::revision::{Direction, Plan, Revision, RevisionMap, StepKind, VersionOp};

/// Builds a graph from `id:down1,down2:label1:dep1;...`, in that order.
pub fn graph(spec: &str) -> RevisionMap {
    RevisionMap::new(revisions(spec)).expect("valid graph")
}

pub fn revisions(spec: &str) -> Vec<Revision> {
    spec.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|item| {
            let mut parts = item.split(':');
            let mut list = || -> Vec<String> {
                parts
                    .next()
                    .unwrap_or("")
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            let id = list().pop().expect("an id");
            Revision {
                id,
                down_revisions: list(),
                branch_labels: list(),
                depends_on: list(),
            }
        })
        .collect()
}

pub fn rows(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

/// Each step as `up:x` / `down:x` / `stamp`, followed by its statements.
pub fn describe(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    for step in &plan.steps {
        out.push(match &step.kind {
            StepKind::Migration {
                revision,
                direction: Direction::Up,
            } => format!("up:{revision}"),
            StepKind::Migration {
                revision,
                direction: Direction::Down,
            } => format!("down:{revision}"),
            StepKind::Stamp { .. } => "stamp".to_string(),
        });
        for op in &step.version_ops {
            out.push(match op {
                VersionOp::Insert(v) => format!("INSERT {v}"),
                VersionOp::Delete(v) => format!("DELETE {v}"),
                VersionOp::Update { from, to } => format!("UPDATE {from}->{to}"),
            });
        }
    }
    out
}
