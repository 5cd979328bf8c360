//! A layered ("Sugiyama") layout, small enough to read: each revision's
//! layer is its longest path from a base, so every edge points down; an
//! edge spanning several layers passes through placeholder points, one per
//! layer between, so it gets a lane of its own instead of cutting through
//! nodes; the order within each layer comes from a depth-first walk
//! (a branch's revisions stay together) improved by a few barycenter
//! sweeps (fewer crossings); each item is then put under its parents where
//! there is room.
//!
//! Everything is in grid units (one layer, one column); the renderers
//! scale them. Linear in the size of the graph and its placeholders, so
//! thousands of revisions lay out in milliseconds.

use super::model::RevisionGraph;

/// Placeholders beyond this many, per revision, are not made: the edges
/// left without are drawn straight. Real histories need a few; this only
/// bounds pathological ones.
const PLACEHOLDERS_PER_REVISION: usize = 20;
/// Barycenter sweeps (down then up) after the first order.
const SWEEPS: usize = 4;

/// Where everything goes, in grid units.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Per node of the graph (same index): its layer (0 = the top, where
    /// bases are) and its column (may be fractional).
    pub positions: Vec<(usize, f64)>,
    /// Per edge of the graph (same index): the points it passes, from the
    /// parent's position to the child's.
    pub routes: Vec<Vec<(usize, f64)>>,
    /// Number of layers.
    pub layers: usize,
    /// One more than the rightmost column used.
    pub columns: f64,
}

/// A node or a placeholder on one layer.
#[derive(Debug, Clone, Copy)]
enum Item {
    Node(usize),
    /// A point of the edge with this index.
    Point(usize),
}

impl Layout {
    pub fn new(graph: &RevisionGraph) -> Layout {
        let n = graph.nodes.len();
        if n == 0 {
            return Layout {
                positions: Vec::new(),
                routes: Vec::new(),
                layers: 0,
                columns: 0.0,
            };
        }
        let layer_of = layers(graph);
        let layers = layer_of.iter().max().map_or(0, |m| m + 1);

        // The items of every layer, and who is above whom.
        let mut items: Vec<(usize, Item)> = (0..n).map(|i| (layer_of[i], Item::Node(i))).collect();
        let mut up: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut down: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut chains: Vec<Vec<usize>> = Vec::with_capacity(graph.edges.len());
        let mut budget = PLACEHOLDERS_PER_REVISION * n;
        for (e, edge) in graph.edges.iter().enumerate() {
            let (from, to) = (layer_of[edge.parent], layer_of[edge.child]);
            let between = to - from - 1;
            let mut chain = vec![edge.parent];
            if between <= budget {
                budget -= between;
                for layer in from + 1..to {
                    items.push((layer, Item::Point(e)));
                    up.push(Vec::new());
                    down.push(Vec::new());
                    chain.push(items.len() - 1);
                }
            }
            chain.push(edge.child);
            for pair in chain.windows(2) {
                up[pair[1]].push(pair[0]);
                down[pair[0]].push(pair[1]);
            }
            chains.push(chain);
        }

        // First order: a depth-first walk from the bases along `Revises`,
        // so that a branch's revisions come one after another; a
        // placeholder goes where its edge's child does.
        let visit = visit_order(graph);
        let key = |item: Item| match item {
            Item::Node(i) => visit[i] as f64,
            Item::Point(e) => visit[graph.edges[e].child] as f64 - 0.5,
        };
        let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layers];
        for (idx, (layer, _)) in items.iter().enumerate() {
            rows[*layer].push(idx);
        }
        for row in &mut rows {
            row.sort_by(|&a, &b| key(items[a].1).total_cmp(&key(items[b].1)));
        }
        // Each item's place in its layer.
        let mut index = vec![0usize; items.len()];
        for row in &rows {
            for (k, &idx) in row.iter().enumerate() {
                index[idx] = k;
            }
        }
        for _ in 0..SWEEPS {
            for row in rows.iter_mut().skip(1) {
                reorder(row, &up, &mut index);
            }
            for row in rows.iter_mut().rev().skip(1) {
                reorder(row, &down, &mut index);
            }
        }

        // Columns: as close under the parents as the order and spacing
        // allow (weighted least squares); an item without parents (a
        // base) follows its left neighbour, weighing next to nothing.
        // What matters most stays straight: a line of revisions (one parent,
        // its only child), then long edges' lanes, then the rest.
        let straightness = |idx: usize| match (items[idx].1, up[idx].as_slice()) {
            (Item::Node(_), &[p]) if down[p].len() == 1 => 100.0,
            (Item::Point(_), _) => 4.0,
            _ => 1.0,
        };
        let mut column = vec![0.0f64; items.len()];
        for row in &rows {
            let wanted: Vec<(f64, f64)> = row
                .iter()
                .enumerate()
                .map(|(k, &idx)| match mean(up[idx].iter().map(|&p| column[p])) {
                    Some(x) => (x, straightness(idx)),
                    None => (k as f64, 1e-3),
                })
                .collect();
            for (&idx, x) in row.iter().zip(spaced(&wanted)) {
                column[idx] = x;
            }
        }
        let leftmost = column.iter().copied().fold(f64::INFINITY, f64::min);
        for c in &mut column {
            *c -= leftmost;
        }
        let columns = column.iter().copied().fold(0.0, f64::max) + 1.0;

        Layout {
            positions: (0..n).map(|i| (layer_of[i], column[i])).collect(),
            routes: chains
                .iter()
                .map(|chain| chain.iter().map(|&idx| (items[idx].0, column[idx])).collect())
                .collect(),
            layers,
            columns,
        }
    }
}

/// The longest path from a base to each node, over every edge (so that
/// `Depends On` edges point down too). The map has no cycle: each node is
/// reached once all its parents are.
fn layers(graph: &RevisionGraph) -> Vec<usize> {
    let n = graph.nodes.len();
    let parents = graph.parents();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in &graph.edges {
        children[e.parent].push(e.child);
    }
    let mut waiting: Vec<usize> = parents.iter().map(Vec::len).collect();
    let mut layer = vec![0usize; n];
    let mut ready: Vec<usize> = (0..n).filter(|&i| waiting[i] == 0).collect();
    while let Some(i) = ready.pop() {
        for &c in &children[i] {
            layer[c] = layer[c].max(layer[i] + 1);
            waiting[c] -= 1;
            if waiting[c] == 0 {
                ready.push(c);
            }
        }
    }
    layer
}

/// The order a depth-first walk from the bases (in file order) along
/// `Revises` first reaches each node.
fn visit_order(graph: &RevisionGraph) -> Vec<usize> {
    let n = graph.nodes.len();
    let children = graph.children();
    let mut order = vec![usize::MAX; n];
    let mut next = 0;
    let roots: Vec<usize> = (0..n).filter(|&i| graph.nodes[i].base).collect();
    // Bases first, then anything not reached (nothing, in a valid map).
    for root in roots.into_iter().chain(0..n) {
        let mut stack = vec![root];
        while let Some(i) = stack.pop() {
            if order[i] != usize::MAX {
                continue;
            }
            order[i] = next;
            next += 1;
            // Reversed, so the first child is walked first.
            stack.extend(children[i].iter().rev().filter(|&&c| order[c] == usize::MAX));
        }
    }
    order
}

/// Sorts one layer by the mean position of each item's neighbours on the
/// layer just swept; an item without neighbours keeps its place.
fn reorder(row: &mut [usize], neighbours: &[Vec<usize>], index: &mut [usize]) {
    let mut keyed: Vec<(f64, usize)> = row
        .iter()
        .map(|&idx| {
            let key = mean(neighbours[idx].iter().map(|&p| index[p] as f64))
                .unwrap_or(index[idx] as f64);
            (key, idx)
        })
        .collect();
    // Stable: ties keep the walk's order.
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (k, (_, idx)) in keyed.into_iter().enumerate() {
        row[k] = idx;
        index[idx] = k;
    }
}

/// Positions in the given order, each at least one after the one before,
/// closest to the wanted ones (weighted least squares): the pool-adjacent-
/// violators algorithm on `wanted - index`, which must not decrease.
fn spaced(wanted: &[(f64, f64)]) -> Vec<f64> {
    // Blocks of items sharing one offset: (weighted sum, weight, count).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::new();
    for (k, &(x, w)) in wanted.iter().enumerate() {
        blocks.push(((x - k as f64) * w, w, 1));
        while blocks.len() > 1 {
            let (s2, w2, c2) = blocks[blocks.len() - 1];
            let (s1, w1, c1) = blocks[blocks.len() - 2];
            if s1 / w1 <= s2 / w2 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (s1 + s2, w1 + w2, c1 + c2);
        }
    }
    let mut out = Vec::with_capacity(wanted.len());
    for (sum, weight, count) in blocks {
        let offset = sum / weight;
        for _ in 0..count {
            out.push(offset + out.len() as f64);
        }
    }
    out
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0usize), |(s, c), v| (s + v, c + 1));
    (count > 0).then(|| sum / count as f64)
}
