//! The graph as a Mermaid flowchart, for Markdown documents (GitHub,
//! GitLab and most wikis draw it). Node names are `r0`, `r1`... because
//! Mermaid names allow few characters; the revision id is in the label.

use super::escape::mermaid;
use super::model::{EdgeKind, RevisionGraph};
use std::fmt::Write;

pub fn render(graph: &RevisionGraph) -> String {
    let mut out = String::from("flowchart TB\n");
    for (i, node) in graph.nodes.iter().enumerate() {
        let mut label = mermaid(&node.id);
        let marks = RevisionGraph::marks(node);
        if !marks.is_empty() {
            let _ = write!(label, " ({})", marks.join(", "));
        }
        for l in &node.labels {
            let _ = write!(label, " @{}", mermaid(l));
        }
        if !node.message.is_empty() {
            let _ = write!(label, "<br/>{}", mermaid(&node.message));
        }
        let _ = writeln!(out, "    r{i}[\"{label}\"]");
    }
    for e in &graph.edges {
        let arrow = match e.kind {
            EdgeKind::Revises => "-->",
            EdgeKind::DependsOn => "-. depends on .->",
        };
        let _ = writeln!(out, "    r{} {arrow} r{}", e.parent, e.child);
    }
    out.push_str(
        "    classDef head stroke:#1b7f3b,stroke-width:3px\n\
         \x20   classDef base stroke:#3949ab,stroke-width:3px\n\
         \x20   classDef applied fill:#fff3e0\n\
         \x20   classDef current stroke:#d9480f,stroke-width:4px,fill:#fff3e0\n",
    );
    // Later classes win: current over head over base.
    for (class, pick) in [
        ("base", (|n| n.base) as fn(&super::model::GraphNode) -> bool),
        ("head", |n| n.head),
        ("applied", |n| n.applied && !n.current),
        ("current", |n| n.current),
    ] {
        let members: Vec<String> = graph
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| pick(n))
            .map(|(i, _)| format!("r{i}"))
            .collect();
        if !members.is_empty() {
            let _ = writeln!(out, "    class {} {class}", members.join(","));
        }
    }
    out
}
