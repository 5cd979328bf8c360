//! Commands that read the revision graph: heads, branches, history, show.

use super::Context;
use crate::cli::ConnectionArgs;
use crate::format::{style, Formatter, LineStyle, Listing};
use retort::project::Project;
use retort::{tr, Error, Result};

pub fn heads(ctx: &Context, verbose: bool, resolve_dependencies: bool) -> Result<()> {
    let project = ctx.project()?;
    let map = project.map();
    let ids: Vec<String> = map
        .heads_listing(resolve_dependencies)
        .iter()
        .map(|r| r.id.clone())
        .collect();
    let fmt = Formatter::new(&project, &[]);
    let line_style = LineStyle {
        include_branches: true,
        tree_indicators: false,
        head_indicators: true,
        ..LineStyle::default()
    };
    let mut out = Listing::new(ctx.global.json);
    for id in ids {
        let sc = script(&project, &id)?;
        out.push(|| fmt.cmd_format(sc, verbose, line_style), || fmt.json(sc));
    }
    out.finish();
    Ok(())
}

pub fn branches(ctx: &Context, verbose: bool) -> Result<()> {
    let project = ctx.project()?;
    let map = project.map();
    let fmt = Formatter::new(&project, &[]);
    if ctx.global.json {
        let points: Vec<serde_json::Value> = map
            .branch_points()?
            .iter()
            .map(|p| {
                serde_json::json!({
                    "revision": p.revision.id,
                    "children": p.children.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
                })
            })
            .collect();
        println!("{}", serde_json::Value::Array(points));
        return Ok(());
    }
    for point in map.branch_points()? {
        let rev = point.revision;
        let sc = script(&project, &rev.id)?;
        println!(
            "{}",
            fmt.cmd_format(
                sc,
                verbose,
                LineStyle {
                    include_branches: true,
                    ..style()
                }
            )
        );
        let indent = " ".repeat(rev.id.len());
        for child in point.children {
            let line = fmt.line(
                script(&project, &child.id)?,
                LineStyle {
                    include_branches: true,
                    include_doc: verbose,
                    ..style()
                },
            );
            println!("{indent} -> {line}");
        }
        println!();
    }
    Ok(())
}

/// `history [-r RANGE]`, with `current` in the range (or `-i`) read from
/// `current_heads` when the caller has connected.
pub fn history(
    project: &Project,
    rev_range: Option<&str>,
    verbose: bool,
    current_heads: Option<&[String]>,
    marked: Option<&[String]>,
    json: bool,
) -> Result<()> {
    let revisions = project
        .map()
        .history(rev_range, current_heads.unwrap_or(&[]))?;
    let fmt = Formatter::new(project, marked.unwrap_or(&[]));
    let line_style = LineStyle {
        include_branches: true,
        include_doc: true,
        include_parents: true,
        ..style()
    };
    let mut out = Listing::new(json);
    for rev in revisions {
        let sc = script(project, &rev.id)?;
        out.push(|| fmt.cmd_format(sc, verbose, line_style), || fmt.json(sc));
    }
    out.finish();
    Ok(())
}

/// `current [-v] [--check-heads]`.
pub fn current(
    ctx: &Context,
    verbose: bool,
    check_heads: bool,
    connection: &ConnectionArgs,
) -> Result<()> {
    let project = ctx.project()?;
    let url = project.config.database_url()?;
    let rows = project.current_heads(&url, &ctx.connect_options(&project, connection))?;
    if verbose {
        ctx.say(&format!("Current revision(s) for {}:", url.redacted()));
    }
    if check_heads {
        let mut have: Vec<&str> = rows.iter().map(String::as_str).collect();
        let mut want = project.map().heads();
        have.sort_unstable();
        want.sort_unstable();
        if have != want {
            return Err(Error::NotAtHead(tr!("cli-not-at-all-heads")));
        }
    }
    let fmt = Formatter::new(&project, &rows);
    let mut out = Listing::new(ctx.global.json);
    for rev in project.map().current(&rows)? {
        let sc = script(&project, &rev.id)?;
        // Alembic marks nothing `(current)` here: every line is current.
        out.push(
            || Formatter::new(&project, &[]).cmd_format(sc, verbose, style()),
            || fmt.json(sc),
        );
    }
    out.finish();
    Ok(())
}

/// `show REV`: the verbose entry of each revision the symbol names.
pub fn show(project: &Project, rev: &str, current_heads: &[String], json: bool) -> Result<()> {
    let fmt = Formatter::new(project, &[]);
    let mut out = Listing::new(json);
    for r in project.revisions_named(rev, current_heads)? {
        let sc = script(project, &r.id)?;
        out.push(|| fmt.entry(sc), || fmt.json(sc));
    }
    out.finish();
    Ok(())
}

fn script<'a>(project: &'a Project, id: &str) -> Result<&'a retort::script::Script> {
    project
        .script(id)
        .ok_or_else(|| Error::Usage(tr!("cli-no-migration-file", revision = id)))
}
