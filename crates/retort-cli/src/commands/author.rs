//! Commands that write files: init, revision, merge, edit.

use super::Context;
use crate::cli::{MergeArgs, RevisionArgs};
use retort::project::Project;
use retort::revision::NewRevisionRequest;
use retort::script::{new_rev_id, write_new_revision, NewRevision, Template};
use retort::{Error, Result};
use std::path::{Path, PathBuf};

pub fn init(ctx: &Context, directory: Option<&Path>) -> Result<()> {
    let dir = directory
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    for path in retort::init::init_project(&dir)? {
        ctx.say(&format!("Creating {}", path.display()));
    }
    ctx.say("Edit retort.toml to point at your database, then: retort revision -m \"first\"");
    Ok(())
}

/// The parts of a new revision that `revision` and `merge` share.
struct Request<'a> {
    message: Option<&'a str>,
    heads: Vec<String>,
    splice: bool,
    branch_labels: &'a [String],
    depends_on: &'a [String],
    rev_id: Option<&'a str>,
    version_path: Option<&'a Path>,
    /// The sections' bodies (autogenerate fills them).
    sections: Option<retort::autogen::Migration>,
}

fn create(ctx: &Context, project: &Project, request: Request<'_>) -> Result<()> {
    let rev_id = request
        .rev_id
        .map(str::to_string)
        .unwrap_or_else(new_rev_id);
    let parents = project.map().new_revision_parents(&NewRevisionRequest {
        rev_id: &rev_id,
        heads: &request.heads,
        splice: request.splice,
        branch_labels: request.branch_labels,
        depends_on: request.depends_on,
    })?;
    let mut new = NewRevision::new(request.message.unwrap_or(""), parents.down_revisions);
    new.rev_id = rev_id;
    new.branch_labels = request.branch_labels.to_vec();
    new.depends_on = parents.depends_on;
    if let Some(sections) = request.sections {
        new.upgrade = sections.upgrade;
        new.downgrade = sections.downgrade;
        new.upgrade_no_transaction = sections.upgrade_no_transaction;
        new.downgrade_no_transaction = sections.downgrade_no_transaction;
    }
    let template = Template::load(&project.config.script_location)?;
    let dir = match request.version_path {
        Some(path) => path.to_path_buf(),
        None => project
            .config
            .version_dirs()
            .into_iter()
            .next()
            .ok_or_else(|| Error::Usage("no version location is configured".to_string()))?,
    };
    let path = write_new_revision(
        &dir,
        &template,
        &project.config.file_template,
        project.config.truncate_slug_length,
        &new,
    )?;
    if ctx.global.json {
        println!(
            "{}",
            serde_json::json!({"revision": new.rev_id, "path": path.display().to_string()})
        );
    } else {
        ctx.say(&format!("Generating {} ...  done", path.display()));
    }
    Ok(())
}

pub fn revision(ctx: &Context, args: &RevisionArgs) -> Result<()> {
    let project = ctx.project()?;
    let sections = if args.autogenerate {
        let sections = super::autogen::revision_sections(
            ctx,
            &project,
            &args.connection,
            &args.scratch,
            &args.rename,
        )?;
        if sections.is_none() {
            ctx.say("No changes in schema detected.");
            if !args.allow_empty {
                return Ok(());
            }
        }
        sections
    } else {
        None
    };
    create(
        ctx,
        &project,
        Request {
            message: args.message.as_deref(),
            heads: vec![args.head.clone()],
            splice: args.splice,
            branch_labels: &args.branch_label,
            depends_on: &args.depends_on,
            rev_id: args.rev_id.as_deref(),
            version_path: args.version_path.as_deref(),
            sections,
        },
    )
}

pub fn merge(ctx: &Context, args: &MergeArgs) -> Result<()> {
    let project = ctx.project()?;
    create(
        ctx,
        &project,
        Request {
            message: args.message.as_deref(),
            heads: args.revisions.clone(),
            splice: args.splice,
            branch_labels: &args.branch_label,
            depends_on: &[],
            rev_id: args.rev_id.as_deref(),
            version_path: None,
            sections: None,
        },
    )
}

/// Opens each file `rev` names in $EDITOR (or $VISUAL, or vi).
pub fn edit(project: &Project, rev: &str, current_heads: &[String]) -> Result<()> {
    if rev == "current" && current_heads.is_empty() {
        return Err(Error::Usage("No current revisions".to_string()));
    }
    let revisions = project.revisions_named(rev, current_heads)?;
    if revisions.is_empty() {
        return Err(Error::Usage(format!(
            "No revision files indicated by symbol '{rev}'"
        )));
    }
    let editor = std::env::var("EDITOR")
        .or_else(|_| std::env::var("VISUAL"))
        .unwrap_or_else(|_| "vi".to_string());
    for r in revisions {
        let script = project
            .script(&r.id)
            .ok_or_else(|| Error::Usage(format!("no migration file for revision '{}'", r.id)))?;
        // The editor may carry arguments ("code --wait"), as a shell would split them.
        let mut words = editor.split_whitespace();
        let program = words.next().unwrap_or("vi");
        let status = std::process::Command::new(program)
            .args(words)
            .arg(&script.path)
            .status()
            .map_err(|e| Error::Usage(format!("cannot start editor '{editor}': {e}")))?;
        if !status.success() {
            return Err(Error::Usage(format!(
                "editor '{editor}' exited with {status}"
            )));
        }
    }
    Ok(())
}
