//! `retort graph`: the revision graph as a picture. Pure, like
//! [`crate::revision`] which it reads: no files, no database.
//!
//! - [`model`]: the nodes (with what each is: head, base, branch point,
//!   merge, current) and edges (`Revises`, `Depends On`) of a map;
//! - [`layout`]: a small layered layout (layers from bases to heads,
//!   branches side by side, few crossings) in abstract grid units;
//! - [`svg`], [`mermaid`], [`dot`]: the renderers.
//!
//! This file only declares and re-exports: the children depend on each
//! other (renderers on the model and the layout), never on it.

pub mod dot;
mod escape;
pub mod layout;
pub mod mermaid;
pub mod model;
pub mod svg;

pub use layout::Layout;
pub use model::{EdgeKind, GraphEdge, GraphNode, RevisionGraph};

/// The text formats `retort graph` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Mermaid,
    Dot,
}

impl Format {
    /// `svg`, `mermaid` (or `mmd`), `dot` (or `gv`), as `--format` takes
    /// them and as file extensions of `--output` name them.
    pub fn parse(text: &str) -> Option<Format> {
        match text.to_ascii_lowercase().as_str() {
            "svg" => Some(Format::Svg),
            "mermaid" | "mmd" => Some(Format::Mermaid),
            "dot" | "gv" => Some(Format::Dot),
            _ => None,
        }
    }

    /// The graph in this format.
    pub fn render(self, graph: &RevisionGraph) -> String {
        match self {
            Format::Svg => svg::render(graph, &Layout::new(graph)),
            Format::Mermaid => mermaid::render(graph),
            Format::Dot => dot::render(graph),
        }
    }
}
