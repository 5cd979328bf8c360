//! Commands that read the revision graph: heads, branches, history, show.

use super::Context;
use crate::format::{style, Formatter, LineStyle};
use retort::project::{split_range, Project};
use retort::{Error, Result};

pub fn heads(ctx: &Context, verbose: bool, resolve_dependencies: bool) -> Result<()> {
    let project = ctx.project()?;
    let map = project.map();
    let ids: Vec<String> = if resolve_dependencies {
        map.get_revisions("heads")?.iter().map(|r| r.id.clone()).collect()
    } else {
        map.heads().iter().map(|s| s.to_string()).collect()
    };
    let fmt = Formatter::new(&project, &[]);
    let line_style = LineStyle {
        include_branches: true,
        tree_indicators: false,
        head_indicators: true,
        ..LineStyle::default()
    };
    for id in ids {
        println!("{}", fmt.cmd_format(script(&project, &id)?, verbose, line_style));
    }
    Ok(())
}

pub fn branches(ctx: &Context, verbose: bool) -> Result<()> {
    let project = ctx.project()?;
    let map = project.map();
    let fmt = Formatter::new(&project, &[]);
    for rev in map.walk_revisions("base", "heads")? {
        if !map.is_branch_point(&rev.id) {
            continue;
        }
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
        for child in map.children(&rev.id) {
            let child_script = script(&project, &child)?;
            let line = fmt.line(
                child_script,
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
) -> Result<()> {
    let (base, head) = match rev_range {
        Some(range) => {
            if !range.contains(':') {
                return Err(Error::Usage(
                    "History range requires [start]:[end], [start]:, or :[end]".to_string(),
                ));
            }
            let (base, head) = split_range(range.trim())?;
            (base.unwrap_or(""), head)
        }
        None => ("", ""),
    };
    let currents = current_heads.unwrap_or(&[]);
    let revisions = project.map().history(base, head, currents)?;
    let mark: &[String] = if current_heads.is_some() { currents } else { &[] };
    let fmt = Formatter::new(project, mark);
    for rev in revisions {
        println!(
            "{}",
            fmt.cmd_format(
                script(project, &rev.id)?,
                verbose,
                LineStyle {
                    include_branches: true,
                    include_doc: true,
                    include_parents: true,
                    ..style()
                }
            )
        );
    }
    Ok(())
}

/// `show REV`: the verbose entry of each revision the symbol names.
pub fn show(project: &Project, rev: &str, current_heads: &[String]) -> Result<()> {
    let fmt = Formatter::new(project, &[]);
    let revisions = if rev == "current" {
        let mut found = Vec::new();
        for head in current_heads {
            found.extend(project.map().get_revisions(head)?);
        }
        found
    } else {
        project.map().get_revisions(rev)?
    };
    for r in revisions {
        println!("{}", fmt.entry(script(project, &r.id)?));
    }
    Ok(())
}

fn script<'a>(project: &'a Project, id: &str) -> Result<&'a retort::script::Script> {
    project
        .script(id)
        .ok_or_else(|| Error::Usage(format!("no migration file for revision '{id}'")))
}
