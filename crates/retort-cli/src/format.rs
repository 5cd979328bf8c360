//! How revisions are printed, line for line as Alembic prints them, so that
//! scripts and habits built on Alembic's output keep working.

use retort::project::Project;
use retort::script::Script;

/// Which parts of a one-line entry to show (Alembic's `_head_only` flags).
#[derive(Debug, Clone, Copy, Default)]
pub struct LineStyle {
    pub include_branches: bool,
    pub include_doc: bool,
    pub include_parents: bool,
    pub tree_indicators: bool,
    pub head_indicators: bool,
}

pub struct Formatter<'a> {
    project: &'a Project,
    /// Revisions to mark `(current)`.
    current: &'a [String],
}

impl<'a> Formatter<'a> {
    pub fn new(project: &'a Project, current: &'a [String]) -> Self {
        Formatter { project, current }
    }

    fn is_current(&self, id: &str) -> bool {
        self.current.iter().any(|c| c == id)
    }

    /// `<base>` or the comma-joined down revisions.
    fn down_revisions(script: &Script) -> String {
        if script.down_revisions.is_empty() {
            "<base>".to_string()
        } else {
            script.down_revisions.join(", ")
        }
    }

    pub fn line(&self, script: &Script, style: LineStyle) -> String {
        let map = self.project.map();
        let id = script.revision.as_str();
        let mut text = id.to_string();
        if style.include_parents {
            text = if script.depends_on.is_empty() {
                format!("{} -> {}", Self::down_revisions(script), text)
            } else {
                format!(
                    "{} ({}) -> {}",
                    Self::down_revisions(script),
                    script.depends_on.join(", "),
                    text
                )
            };
        }
        let labels = map.branch_labels(id);
        if style.include_branches && !labels.is_empty() {
            text.push_str(&format!(" ({})", labels.join(", ")));
        }
        if style.head_indicators || style.tree_indicators {
            if map.is_real_head(id) {
                text.push_str(" (head)");
            }
            if map.is_head(id) && !map.is_real_head(id) {
                text.push_str(" (effective head)");
            }
            if self.is_current(id) {
                text.push_str(" (current)");
            }
        }
        if style.tree_indicators {
            if map.is_branch_point(id) {
                text.push_str(" (branchpoint)");
            }
            if map.is_merge_point(id) {
                text.push_str(" (mergepoint)");
            }
        }
        if style.include_doc {
            text.push_str(", ");
            text.push_str(&script.message);
        }
        text
    }

    /// Alembic's verbose entry (`log_entry`).
    pub fn entry(&self, script: &Script) -> String {
        let map = self.project.map();
        let id = script.revision.as_str();
        let mut out = format!("Rev: {id}");
        for (flag, word) in [
            (map.is_head(id), " (head)"),
            (map.is_branch_point(id), " (branchpoint)"),
            (map.is_merge_point(id), " (mergepoint)"),
            (self.is_current(id), " (current)"),
        ] {
            if flag {
                out.push_str(word);
            }
        }
        out.push('\n');
        let parents = Self::down_revisions(script);
        if map.is_merge_point(id) {
            out.push_str(&format!("Merges: {parents}\n"));
        } else {
            out.push_str(&format!("Parent: {parents}\n"));
        }
        if !script.depends_on.is_empty() {
            out.push_str(&format!(
                "Also depends on: {}\n",
                script.depends_on.join(", ")
            ));
        }
        if map.is_branch_point(id) {
            out.push_str(&format!("Branches into: {}\n", map.children(id).join(", ")));
        }
        let labels = map.branch_labels(id);
        if !labels.is_empty() {
            out.push_str(&format!("Branch names: {}\n", labels.join(", ")));
        }
        out.push_str(&format!("Path: {}\n\n", script.path.display()));
        for line in long_doc(script).lines() {
            out.push_str(&format!("    {line}\n"));
        }
        out
    }

    /// The revision as data, for `--json`.
    pub fn json(&self, script: &Script) -> serde_json::Value {
        let map = self.project.map();
        let id = script.revision.as_str();
        serde_json::json!({
            "revision": id,
            "down_revisions": script.down_revisions,
            "depends_on": script.depends_on,
            "branch_labels": map.branch_labels(id),
            "message": script.message,
            "path": script.path.display().to_string(),
            "is_head": map.is_head(id),
            "is_branch_point": map.is_branch_point(id),
            "is_merge_point": map.is_merge_point(id),
            "is_current": self.is_current(id),
        })
    }

    /// `verbose` → the entry; otherwise the one-line form.
    pub fn cmd_format(&self, script: &Script, verbose: bool, style: LineStyle) -> String {
        if verbose {
            self.entry(script)
        } else {
            self.line(script, style)
        }
    }
}

/// Alembic's default line flags: tree and head indicators on.
pub fn style() -> LineStyle {
    LineStyle {
        tree_indicators: true,
        head_indicators: true,
        ..LineStyle::default()
    }
}

/// The revision's description as Alembic's docstring gives it: the message,
/// then the header's identifying lines.
fn long_doc(script: &Script) -> String {
    let mut doc = format!(
        "{}\n\nRevision ID: {}\nRevises: {}\n",
        script.message,
        script.revision,
        script.down_revisions.join(", ")
    );
    if let Some(date) = &script.create_date {
        doc.push_str(&format!("Create Date: {date}\n"));
    }
    doc
}

/// What a listing command prints: the lines, or with `--json` one array of
/// the revisions as data.
pub struct Listing {
    json: bool,
    items: Vec<serde_json::Value>,
}

impl Listing {
    pub fn new(json: bool) -> Self {
        Listing {
            json,
            items: Vec::new(),
        }
    }

    /// Prints `text` now, or keeps `data` for the array.
    pub fn push(
        &mut self,
        text: impl FnOnce() -> String,
        data: impl FnOnce() -> serde_json::Value,
    ) {
        if self.json {
            self.items.push(data());
        } else {
            println!("{}", text());
        }
    }

    pub fn finish(self) {
        if self.json {
            println!("{}", serde_json::Value::Array(self.items));
        }
    }
}
