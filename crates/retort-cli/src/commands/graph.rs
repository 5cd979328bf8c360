//! `retort graph`: the revision graph as SVG, Mermaid or DOT, with where
//! the database is when one is asked for.

use super::Context;
use crate::cli::GraphArgs;
use retort::graph::{Format, RevisionGraph};
use retort::{tr, Error, Result};

pub fn graph(ctx: &Context, args: &GraphArgs) -> Result<()> {
    let format = format(args)?;
    let project = ctx.project()?;
    // `--url` says which database to show; `--current` asks for the
    // configured one.
    let rows = if args.current || ctx.global.url.is_some() {
        ctx.current_heads(&project, &args.connection)?
    } else {
        Vec::new()
    };
    let graph = RevisionGraph::new(
        project.map(),
        |id| {
            project
                .script(id)
                .map(|s| s.message.clone())
                .unwrap_or_default()
        },
        &rows,
    );
    for row in &graph.unknown_current {
        super::warn(&tr!("cli-graph-unknown-current", revision = row));
    }
    let text = format.render(&graph);
    super::write_output(args.output.as_deref(), &text)?;
    Ok(())
}

/// `--format`, else the output file's extension, else SVG.
fn format(args: &GraphArgs) -> Result<Format> {
    if let Some(name) = &args.format {
        return Format::parse(name)
            .ok_or_else(|| Error::Usage(tr!("cli-graph-bad-format", format = name)));
    }
    let by_extension = args
        .output
        .as_ref()
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .and_then(Format::parse);
    Ok(by_extension.unwrap_or(Format::Svg))
}
