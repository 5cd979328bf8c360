//! What the picture shows: one node per revision, marked with what it is,
//! and one edge per `Revises` or `Depends On` parent.

use crate::revision::RevisionMap;
use std::collections::HashSet;

/// One revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphNode {
    pub id: String,
    /// The migration's message (its file's first comment line).
    pub message: String,
    /// The branch labels the revision declares itself (those it inherits
    /// are its ancestors' and are shown there).
    pub labels: Vec<String>,
    /// Nothing revises it.
    pub head: bool,
    /// It revises nothing.
    pub base: bool,
    /// More than one revision revises it.
    pub branch_point: bool,
    /// It revises more than one revision.
    pub merge: bool,
    /// `retort current` lists it: a row of the version table names it, or
    /// a row depends on it and nothing applied revises it.
    pub current: bool,
    /// The database has it applied (it is current or below a current one).
    pub applied: bool,
}

/// Which header line an edge comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    Revises,
    DependsOn,
}

/// From the older revision (`parent`) to the newer (`child`), by index
/// into [`RevisionGraph::nodes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GraphEdge {
    pub parent: usize,
    pub child: usize,
    pub kind: EdgeKind,
}

/// The revision graph to draw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RevisionGraph {
    /// In file order.
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
    /// Version-table rows that name no revision of the map: the database
    /// is somewhere the files do not know.
    pub unknown_current: Vec<String>,
}

impl RevisionGraph {
    /// The graph of `map`, each node's message from `message`, with the
    /// database's version-table `rows` marked (empty when no database was
    /// asked).
    pub fn new(
        map: &RevisionMap,
        message: impl Fn(&str) -> String,
        rows: &[String],
    ) -> RevisionGraph {
        let known: Vec<String> = rows
            .iter()
            .filter(|r| map.revision(r).is_some())
            .cloned()
            .collect();
        // What `retort current` lists, so the picture and the command agree.
        let mut current: HashSet<&str> = known.iter().map(String::as_str).collect();
        if let Ok(listed) = map.current(&known) {
            current.extend(listed.iter().map(|r| r.id.as_str()));
        }
        let applied: HashSet<&str> = map
            .applied_revisions(rows)
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        let mut graph = RevisionGraph {
            unknown_current: rows
                .iter()
                .filter(|r| map.revision(r).is_none())
                .cloned()
                .collect(),
            ..RevisionGraph::default()
        };
        for (i, rev) in map.revisions.iter().enumerate() {
            let node = &map.nodes[i];
            graph.nodes.push(GraphNode {
                id: rev.id.clone(),
                message: message(&rev.id),
                labels: rev.branch_labels.clone(),
                head: node.next.is_empty(),
                base: node.down.is_empty(),
                branch_point: node.next.len() > 1,
                merge: node.down.len() > 1,
                current: current.contains(rev.id.as_str()),
                applied: applied.contains(rev.id.as_str()),
            });
            for &parent in &node.down {
                graph.edges.push(GraphEdge {
                    parent,
                    child: i,
                    kind: EdgeKind::Revises,
                });
            }
            // A dependency that is also a parent is drawn once, as the parent.
            for &parent in node.resolved_deps.iter().filter(|d| !node.down.contains(d)) {
                graph.edges.push(GraphEdge {
                    parent,
                    child: i,
                    kind: EdgeKind::DependsOn,
                });
            }
        }
        graph
    }

    /// Each node's parents through any edge, by index.
    pub(crate) fn parents(&self) -> Vec<Vec<usize>> {
        let mut parents = vec![Vec::new(); self.nodes.len()];
        for e in &self.edges {
            parents[e.child].push(e.parent);
        }
        parents
    }

    /// Each node's children through `Revises`, by index, in file order.
    pub(crate) fn children(&self) -> Vec<Vec<usize>> {
        let mut children = vec![Vec::new(); self.nodes.len()];
        for e in self.edges.iter().filter(|e| e.kind == EdgeKind::Revises) {
            children[e.parent].push(e.child);
        }
        children
    }

    /// The words a node is marked with, in the order they are shown.
    pub fn marks(node: &GraphNode) -> Vec<&'static str> {
        let mut marks = Vec::new();
        if node.current {
            marks.push("current");
        }
        if node.head {
            marks.push("head");
        }
        if node.base {
            marks.push("base");
        }
        if node.branch_point {
            marks.push("branch point");
        }
        if node.merge {
            marks.push("merge");
        }
        marks
    }
}
