//! `retort graph`'s library half: the model marks what each revision is,
//! the layout never puts two boxes on one spot and routes every edge from
//! its parent down to its child, the SVG is well-formed XML however hostile
//! the messages, and 5,000 revisions draw in well under a second.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use retort::graph::{EdgeKind, Format, Layout, RevisionGraph};
use retort::revision::{Revision, RevisionMap};

fn rev(id: &str, down: &[&str], labels: &[&str], deps: &[&str]) -> Revision {
    Revision {
        id: id.to_string(),
        down_revisions: down.iter().map(|s| s.to_string()).collect(),
        branch_labels: labels.iter().map(|s| s.to_string()).collect(),
        depends_on: deps.iter().map(|s| s.to_string()).collect(),
    }
}

/// Two bases; a branch point with three children; a labelled branch; a
/// dependency on a label; a long side branch merged back (its edge spans
/// several layers); two heads.
fn branchy() -> RevisionMap {
    RevisionMap::new(vec![
        rev("a", &[], &[], &[]),
        rev("b", &["a"], &[], &[]),
        rev("c", &["a"], &["shop"], &[]),
        rev("d", &["a"], &[], &[]),
        rev("e", &["c"], &[], &[]),
        rev("f", &["e"], &[], &[]),
        rev("g", &["f"], &[], &[]),
        rev("h", &["b"], &[], &["shop"]),
        rev("m", &["g", "h", "d"], &[], &[]),
        rev("n", &["m"], &[], &[]),
        rev("o", &["m"], &["reports"], &[]),
        rev("x", &[], &[], &[]),
        rev("y", &["x"], &[], &["e"]),
    ])
    .expect("valid graph")
}

fn graph_of(map: &RevisionMap, rows: &[&str]) -> RevisionGraph {
    let rows: Vec<String> = rows.iter().map(|s| s.to_string()).collect();
    RevisionGraph::new(map, |id| format!("message of {id}"), &rows)
}

/// The layout's promises, on any graph.
fn assert_sound(graph: &RevisionGraph, layout: &Layout) {
    assert_eq!(layout.positions.len(), graph.nodes.len());
    assert_eq!(layout.routes.len(), graph.edges.len(), "every edge drawn");
    // No two boxes on one spot: on a layer, columns at least one apart.
    let mut by_layer: HashMap<usize, Vec<f64>> = HashMap::new();
    for &(layer, column) in &layout.positions {
        assert!(column >= 0.0 && column < layout.columns, "{column} inside");
        assert!(layer < layout.layers);
        by_layer.entry(layer).or_default().push(column);
    }
    for columns in by_layer.values_mut() {
        columns.sort_by(f64::total_cmp);
        for pair in columns.windows(2) {
            assert!(pair[1] - pair[0] >= 1.0 - 1e-9, "overlap: {pair:?}");
        }
    }
    for (edge, route) in graph.edges.iter().zip(&layout.routes) {
        assert_eq!(route.first(), Some(&layout.positions[edge.parent]));
        assert_eq!(route.last(), Some(&layout.positions[edge.child]));
        // Downwards all the way; a placeholder point never sits on a box.
        for pair in route.windows(2) {
            assert!(pair[1].0 > pair[0].0, "edge goes down: {route:?}");
        }
        for point in &route[1..route.len() - 1] {
            for &(layer, column) in &layout.positions {
                assert!(
                    layer != point.0 || (column - point.1).abs() >= 1.0 - 1e-9,
                    "edge {route:?} crosses the box at {layer},{column}"
                );
            }
        }
    }
}

#[test]
fn the_model_marks_heads_bases_branch_points_merges_labels_and_dependencies() {
    let map = branchy();
    let graph = graph_of(&map, &["h"]);
    let node = |id: &str| graph.nodes.iter().find(|n| n.id == id).unwrap();
    let ids = |pick: fn(&retort::graph::GraphNode) -> bool| -> Vec<&str> {
        graph
            .nodes
            .iter()
            .filter(|n| pick(n))
            .map(|n| n.id.as_str())
            .collect()
    };
    assert_eq!(ids(|n| n.head), ["n", "o", "y"]);
    assert_eq!(ids(|n| n.base), ["a", "x"]);
    assert_eq!(ids(|n| n.branch_point), ["a", "m"]);
    assert_eq!(ids(|n| n.merge), ["m"]);
    // h depends on the shop label, so c is current with it, as `current` says.
    assert_eq!(ids(|n| n.current), ["c", "h"]);
    assert_eq!(ids(|n| n.applied), ["a", "b", "c", "h"]);
    assert_eq!(node("c").labels, ["shop"]);
    assert_eq!(node("o").labels, ["reports"]);
    assert_eq!(node("e").message, "message of e");
    let dependencies: Vec<(&str, &str)> = graph
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::DependsOn)
        .map(|e| {
            (
                graph.nodes[e.parent].id.as_str(),
                graph.nodes[e.child].id.as_str(),
            )
        })
        .collect();
    assert_eq!(dependencies, [("c", "h"), ("e", "y")]);
    let revises = graph
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Revises)
        .count();
    assert_eq!(revises, 13);
    assert_eq!(RevisionGraph::marks(node("m")), ["branch point", "merge"]);
}

#[test]
fn rows_naming_no_revision_are_reported_not_marked() {
    let map = branchy();
    let graph = graph_of(&map, &["gone", "b"]);
    assert_eq!(graph.unknown_current, ["gone"]);
    let current: Vec<&str> = graph
        .nodes
        .iter()
        .filter(|n| n.current)
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(current, ["b"]);
}

#[test]
fn the_layout_of_a_branchy_graph_keeps_boxes_apart_and_routes_every_edge_down() {
    let map = branchy();
    let graph = graph_of(&map, &[]);
    let layout = Layout::new(&graph);
    assert_sound(&graph, &layout);
    let layer = |id: &str| {
        let i = graph.nodes.iter().position(|n| n.id == id).unwrap();
        layout.positions[i].0
    };
    // Bases on top; each revision below everything it revises or depends on.
    assert_eq!(layer("a"), 0);
    assert_eq!(layer("x"), 0);
    assert_eq!(layer("m"), 5);
    assert_eq!(layer("y"), 3, "below e, which it depends on");
    // The edge d→m spans four layers: it passes three placeholders.
    let d_m = graph
        .edges
        .iter()
        .position(|e| graph.nodes[e.parent].id == "d" && graph.nodes[e.child].id == "m")
        .unwrap();
    assert_eq!(layout.routes[d_m].len(), 5);
    // A line of revisions stays (all but) straight: g under f, m under g.
    let column = |id: &str| {
        let i = graph.nodes.iter().position(|n| n.id == id).unwrap();
        layout.positions[i].1
    };
    assert!((column("g") - column("f")).abs() < 0.05, "{layout:?}");
    assert!((column("m") - column("g")).abs() < 0.05, "{layout:?}");
}

#[test]
fn the_layout_of_random_graphs_is_sound() {
    // Deterministic pseudo-random graphs: each revision revises one to three
    // earlier ones (or none), sometimes depends on another.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    for round in 0..30 {
        let n = 5 + round * 3;
        let mut revs: Vec<Revision> = Vec::new();
        for i in 0..n {
            let id = format!("r{i}");
            let mut down = Vec::new();
            if i > 0 && next(8) != 0 {
                for _ in 0..1 + next(3).min(next(3)) {
                    let p = format!("r{}", next(i));
                    if !down.contains(&p) {
                        down.push(p);
                    }
                }
            }
            let mut r = Revision::new(id, &[]);
            r.down_revisions = down;
            if i > 2 && next(5) == 0 {
                let dep = format!("r{}", next(i));
                if !r.down_revisions.contains(&dep) {
                    r.depends_on = vec![dep];
                }
            }
            revs.push(r);
        }
        let Ok(map) = RevisionMap::new(revs) else {
            continue;
        };
        let graph = graph_of(&map, &[]);
        assert_sound(&graph, &Layout::new(&graph));
    }
}

/// The SVG parsed as XML, as a browser does.
fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"))
}

#[test]
fn the_svg_has_a_box_per_revision_an_arrow_per_edge_and_escapes_messages() {
    let map = branchy();
    let hostile = "<script>alert('x')</script> & \"quoted\" ]]> \u{1}\u{7f} line\nbreak";
    let rows = vec!["h".to_string()];
    let graph = RevisionGraph::new(&map, |_| hostile.to_string(), &rows);
    let svg = Format::Svg.render(&graph);
    assert!(!svg.contains("<script"), "markup in a message stays text");
    let doc = parse(&svg);
    let ids: HashSet<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    for node in &graph.nodes {
        assert!(
            ids.contains(format!("rev-{}", node.id).as_str()),
            "{}",
            node.id
        );
    }
    for e in &graph.edges {
        let id = format!(
            "edge-{}-{}",
            graph.nodes[e.parent].id, graph.nodes[e.child].id
        );
        let path = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(id.as_str()))
            .unwrap_or_else(|| panic!("{id} drawn"));
        let dashed = path.attribute("class").unwrap().contains("depends");
        assert_eq!(dashed, e.kind == EdgeKind::DependsOn, "{id}");
    }
    // The whole message is the tooltip, as text.
    let title = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("rev-a"))
        .unwrap()
        .first_element_child()
        .unwrap();
    assert_eq!(title.tag_name().name(), "title");
    assert_eq!(
        title.text().unwrap(),
        "a: <script>alert('x')</script> & \"quoted\" ]]>    line break"
    );
    let classes = |id: &str| {
        doc.descendants()
            .find(|n| n.attribute("id") == Some(id))
            .unwrap()
            .attribute("class")
            .unwrap()
            .to_string()
    };
    assert!(classes("rev-n").contains("head"));
    assert!(classes("rev-a").contains("base"));
    assert!(classes("rev-m").contains("merge"));
    assert!(classes("rev-h").contains("current"));
    assert!(!classes("rev-b").contains("current"));
}

#[test]
fn mermaid_and_dot_name_every_revision_and_edge_and_escape_messages() {
    let map = branchy();
    let graph = RevisionGraph::new(&map, |id| format!("say \"{id}\" <b>#1\\"), &[]);
    let mermaid = Format::Mermaid.render(&graph);
    assert!(mermaid.starts_with("flowchart TB\n"));
    assert!(mermaid.contains("r0[\"a (base, branch point)<br/>say #34;a#34; #60;b#62;#35;1#92;\"]"));
    assert!(mermaid.contains("r2[\"c @shop<br/>"));
    assert_eq!(mermaid.matches(" --> ").count(), 13);
    assert_eq!(mermaid.matches(" -. depends on .-> ").count(), 2);
    assert!(mermaid.contains("class n,o,y head") || mermaid.contains("class r9,r10,r12 head"));

    let dot = Format::Dot.render(&graph);
    assert!(dot.starts_with("digraph revisions {"));
    assert!(dot.contains("\"a\" [label=\"a (base, branch point)\\nsay \\\"a\\\" <b>#1\\\\\""));
    assert!(dot.contains("\"c\" -> \"h\" [style=dashed"));
    assert_eq!(dot.matches(" -> ").count(), 15);
}

#[test]
fn five_thousand_revisions_draw_in_well_under_a_second() {
    let map = RevisionMap::new(super::revision_perf::big_graph(5000)).expect("valid");
    let started = Instant::now();
    let graph = graph_of(&map, &["r04000"]);
    let svg = Format::Svg.render(&graph);
    let took = started.elapsed();
    eprintln!("5000 revisions: SVG of {} bytes in {took:?}", svg.len());
    // Unoptimised test builds are several times slower than the binary.
    assert!(took < Duration::from_millis(800), "took {took:?}");
    let layout = Layout::new(&graph);
    assert_sound_quickly(&graph, &layout);
    assert_eq!(svg.matches("<g id=\"rev-").count(), 5000);
    parse(&svg);
}

/// The no-overlap check without the quadratic edge-against-box part.
fn assert_sound_quickly(graph: &RevisionGraph, layout: &Layout) {
    let mut seen: HashMap<usize, Vec<f64>> = HashMap::new();
    for &(layer, column) in &layout.positions {
        seen.entry(layer).or_default().push(column);
    }
    for columns in seen.values_mut() {
        columns.sort_by(f64::total_cmp);
        assert!(columns.windows(2).all(|p| p[1] - p[0] >= 1.0 - 1e-9));
    }
    for (edge, route) in graph.edges.iter().zip(&layout.routes) {
        assert_eq!(route.first(), Some(&layout.positions[edge.parent]));
        assert_eq!(route.last(), Some(&layout.positions[edge.child]));
    }
}
