//! The graph in Graphviz's DOT language, for those who have Graphviz or
//! a viewer that reads it.

use super::escape::dot;
use super::model::{EdgeKind, RevisionGraph};
use std::fmt::Write;

pub fn render(graph: &RevisionGraph) -> String {
    let mut out = String::from(
        "digraph revisions {\n    rankdir=TB;\n    node [shape=box, style=\"rounded,filled\", \
         fillcolor=\"#f7f8fa\", fontname=\"Helvetica\"];\n",
    );
    for node in &graph.nodes {
        let mut label = dot(&node.id);
        let marks = RevisionGraph::marks(node);
        if !marks.is_empty() {
            let _ = write!(label, " ({})", marks.join(", "));
        }
        for l in &node.labels {
            let _ = write!(label, " @{}", dot(l));
        }
        if !node.message.is_empty() {
            let _ = write!(label, "\\n{}", dot(&node.message));
        }
        let mut attrs = format!("label=\"{label}\"");
        if node.current {
            attrs.push_str(", color=\"#d9480f\", penwidth=3, fillcolor=\"#fff3e0\"");
        } else if node.head {
            attrs.push_str(", color=\"#1b7f3b\", penwidth=2");
        } else if node.base {
            attrs.push_str(", color=\"#3949ab\", penwidth=2");
        }
        if node.applied && !node.current {
            attrs.push_str(", fillcolor=\"#fff3e0\"");
        }
        let _ = writeln!(out, "    \"{}\" [{attrs}];", dot(&node.id));
    }
    for e in &graph.edges {
        let style = match e.kind {
            EdgeKind::Revises => "",
            EdgeKind::DependsOn => " [style=dashed, color=\"#6f42c1\", label=\"depends on\"]",
        };
        let _ = writeln!(
            out,
            "    \"{}\" -> \"{}\"{style};",
            dot(&graph.nodes[e.parent].id),
            dot(&graph.nodes[e.child].id)
        );
    }
    out.push_str("}\n");
    out
}
