//! The graph as a standalone SVG picture: boxes for revisions (marked head,
//! base, branch point, merge, current, with their labels), arrows from
//! each revision to those revising it, dashed for `Depends On`.
//!
//! Every element has a stable id (`rev-ID`, `edge-PARENT-CHILD`) and
//! classes naming its marks, so a reader (or a test) can find them.

use super::escape::{one_line, truncate, xml};
use super::layout::Layout;
use super::model::{EdgeKind, GraphNode, RevisionGraph};
use std::fmt::Write;

const NODE_W: f64 = 230.0;
const NODE_H: f64 = 46.0;
const COLUMN: f64 = NODE_W + 40.0;
const ROW: f64 = NODE_H + 44.0;
const MARGIN: f64 = 20.0;
/// Characters of the message that fit in a box; the whole message is the
/// box's tooltip.
const MESSAGE_CHARS: usize = 34;

const STYLE: &str = "\
.node rect{fill:#f7f8fa;stroke:#5c6370;stroke-width:1.2}\
.node.applied rect{fill:#fff3e0}\
.node.head rect{stroke:#1b7f3b;stroke-width:2.5}\
.node.base rect{stroke:#3949ab;stroke-width:2.5}\
.node.current rect{stroke:#d9480f;stroke-width:4}\
.id{font-weight:bold;fill:#1f2328}\
.msg{fill:#444c56}\
.marks{fill:#1b7f3b;font-size:10px}\
.label{fill:#6f42c1;font-size:10px}\
.edge{fill:none;stroke:#8b949e;stroke-width:1.4}\
.edge.depends{stroke:#6f42c1;stroke-dasharray:6 4}";

/// The picture of `graph` laid out by `layout`.
pub fn render(graph: &RevisionGraph, layout: &Layout) -> String {
    let width = MARGIN * 2.0 + (layout.columns * COLUMN - (COLUMN - NODE_W)).max(NODE_W);
    let height = MARGIN * 2.0 + (layout.layers as f64 * ROW - (ROW - NODE_H)).max(NODE_H);
    // About 700 bytes a revision.
    let mut out = String::with_capacity(1024 + graph.nodes.len() * 700);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"Helvetica, Arial, sans-serif\" \
         font-size=\"12\">\n<title>revision graph</title>\n<style>{STYLE}</style>\n\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" \
         markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#8b949e\"/></marker>\
         <marker id=\"arrow-dep\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" \
         markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#6f42c1\"/></marker>\
         </defs>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<g class=\"edges\">\n"
    );
    for (edge, route) in graph.edges.iter().zip(&layout.routes) {
        let (class, marker) = match edge.kind {
            EdgeKind::Revises => ("edge revises", "arrow"),
            EdgeKind::DependsOn => ("edge depends", "arrow-dep"),
        };
        let _ = writeln!(
            out,
            "<path id=\"edge-{}-{}\" class=\"{class}\" d=\"{}\" marker-end=\"url(#{marker})\"/>",
            xml(&graph.nodes[edge.parent].id),
            xml(&graph.nodes[edge.child].id),
            path(route),
        );
    }
    out.push_str("</g>\n<g class=\"nodes\">\n");
    for (node, &(layer, column)) in graph.nodes.iter().zip(&layout.positions) {
        node_box(&mut out, node, x(column), y(layer));
    }
    out.push_str("</g>\n</svg>\n");
    out
}

fn x(column: f64) -> f64 {
    MARGIN + column * COLUMN
}

fn y(layer: usize) -> f64 {
    MARGIN + layer as f64 * ROW
}

/// A curve through the route's points: out of the bottom of the parent's
/// box, through each placeholder, into the top of the child's.
fn path(route: &[(usize, f64)]) -> String {
    let point = |(layer, column): (usize, f64), bottom: bool| {
        let y = y(layer) + if bottom { NODE_H } else { 0.0 };
        (x(column) + NODE_W / 2.0, y)
    };
    let mut d = String::new();
    let Some(&first) = route.first() else {
        return d;
    };
    let (mut px, mut py) = point(first, true);
    let _ = write!(d, "M{px:.1},{py:.1}");
    for (k, &p) in route.iter().enumerate().skip(1) {
        // Placeholders are points: the curve passes their middle.
        let last = k == route.len() - 1;
        let (nx, ny) = if last {
            point(p, false)
        } else {
            let (cx, top) = point(p, false);
            (cx, top + NODE_H / 2.0)
        };
        let mid = (py + ny) / 2.0;
        let _ = write!(d, " C{px:.1},{mid:.1} {nx:.1},{mid:.1} {nx:.1},{ny:.1}");
        (px, py) = (nx, ny);
    }
    d
}

fn node_box(out: &mut String, node: &GraphNode, x: f64, y: f64) {
    let mut classes = String::from("node");
    for (on, class) in [
        (node.head, " head"),
        (node.base, " base"),
        (node.branch_point, " branchpoint"),
        (node.merge, " merge"),
        (node.current, " current"),
        (node.applied, " applied"),
    ] {
        if on {
            classes.push_str(class);
        }
    }
    let marks = RevisionGraph::marks(node).join(" · ");
    let labels: Vec<String> = node.labels.iter().map(|l| format!("@{l}")).collect();
    let message = one_line(&node.message);
    let _ = write!(
        out,
        "<g id=\"rev-{id}\" class=\"{classes}\"><title>{id}: {title}</title>\
         <rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{NODE_W}\" height=\"{NODE_H}\" rx=\"6\"/>\
         <text x=\"{tx:.1}\" y=\"{ty1:.1}\"><tspan class=\"id\">{short_id}</tspan>",
        id = xml(&node.id),
        title = xml(&message),
        tx = x + 8.0,
        ty1 = y + 17.0,
        short_id = xml(&truncate(&node.id, 16)),
    );
    if !marks.is_empty() {
        let _ = write!(out, " <tspan class=\"marks\">{}</tspan>", xml(&marks));
    }
    if !labels.is_empty() {
        let _ = write!(
            out,
            " <tspan class=\"label\">{}</tspan>",
            xml(&truncate(&labels.join(" "), 24))
        );
    }
    let _ = writeln!(
        out,
        "</text><text class=\"msg\" x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
        x + 8.0,
        y + 36.0,
        xml(&truncate(&message, MESSAGE_CHARS)),
    );
}
