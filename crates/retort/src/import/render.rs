//! One Alembic revision → the text of a retort migration file.
//!
//! The header keeps everything a live database needs to carry on: the
//! revision id, what it revises (every parent of a merge), its branch
//! labels and dependencies, its message and create date. What the reader
//! must know comes right below the message: `-- WARNING:` lines for SQL
//! that was recorded from data read during the import, and for a
//! downgrade that cannot run.

use super::helper::{HelperRevision, Rendered, Segment};
use crate::i18n::Description;
use crate::tr;

/// Why a converted revision needs a person's eyes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Concern {
    /// The code read rows while it was replayed: the recorded statements
    /// after the read carry what the scratch database held.
    ReadsData {
        direction: &'static str,
        reads: Vec<String>,
    },
    /// Alembic cannot run the downgrade (it raised, or emitted no SQL while
    /// the upgrade did): the converted downgrade is irreversible. The
    /// reason is shown in the reader's language, and written into the file
    /// (and `--json`) in English.
    Irreversible { reason: Description },
}

/// A converted revision: its file's text and what it is worth telling.
#[derive(Debug)]
pub struct Converted {
    pub text: String,
    pub concerns: Vec<Concern>,
}

pub fn convert(revision: &HelperRevision, source_name: &str) -> Converted {
    let mut concerns = Vec::new();
    for (direction, rendered) in [
        ("upgrade", &revision.upgrade),
        ("downgrade", &revision.downgrade),
    ] {
        if !rendered.reads.is_empty() && rendered.error.is_none() {
            concerns.push(Concern::ReadsData {
                direction,
                reads: rendered.reads.clone(),
            });
        }
    }
    let upgrade_empty = !has_sql(&revision.upgrade);
    let downgrade_empty = !has_sql(&revision.downgrade);
    if let Some(error) = &revision.downgrade.error {
        let error = one_line(error, 200);
        concerns.push(Concern::Irreversible {
            reason: Description::new(|| tr!("import-downgrade-raised", error = &error)),
        });
    } else if downgrade_empty && !upgrade_empty {
        concerns.push(Concern::Irreversible {
            reason: Description::new(|| tr!("import-downgrade-emits-no-sql")),
        });
    }
    // Both empty: a merge point or a revision doing nothing; its downgrade
    // is a deliberate no-op, as Alembic runs it.
    let downgrade_no_op =
        upgrade_empty && downgrade_empty && revision.downgrade.error.is_none();

    let mut out = String::new();
    line(&mut out, &format!("-- {}", one_line(&revision.message, 500)));
    for concern in &concerns {
        for text in warning_lines(concern) {
            line(&mut out, &format!("-- WARNING: {text}"));
        }
    }
    line(&mut out, "--");
    line(&mut out, &format!("-- Revision ID: {}", revision.id));
    line(
        &mut out,
        &format!("-- Revises: {}", revision.down_revisions.join(", ")),
    );
    if let Some(date) = &revision.create_date {
        line(&mut out, &format!("-- Create Date: {}", one_line(date, 100)));
    }
    line(
        &mut out,
        &format!("-- Branch Labels: {}", revision.branch_labels.join(", ")),
    );
    line(
        &mut out,
        &format!("-- Depends On: {}", revision.depends_on.join(", ")),
    );
    line(&mut out, "--");
    line(&mut out, &format!("-- Imported from Alembic's {source_name}"));
    out.push('\n');
    section(&mut out, "upgrade", &revision.upgrade, false);
    out.push('\n');
    section(&mut out, "downgrade", &revision.downgrade, downgrade_no_op);
    Converted {
        text: out,
        concerns,
    }
}

fn warning_lines(concern: &Concern) -> Vec<String> {
    match concern {
        Concern::ReadsData { direction, reads } => {
            let mut lines = vec![format!(
                "{direction}() read rows while it was replayed on a scratch database during the \
                 import; the statements after each read below were recorded with the values \
                 found there, not in your database. Review the {direction} section."
            )];
            for read in reads {
                lines.push(format!("  read: {}", one_line(read, 300)));
            }
            lines
        }
        Concern::Irreversible { reason } => vec![format!(
            "Alembic cannot undo this revision ({}), so it is irreversible here: \
             a downgrade through it is refused. Write the SQL that undoes the upgrade, or \
             mark the section `no-op` if there is nothing to undo.",
            reason.english()
        )],
    }
}

fn has_sql(rendered: &Rendered) -> bool {
    rendered.segments.iter().any(|s| !s.sql.is_empty())
}

/// A section: its marker, a note on how it was made, its statements. When
/// Alembic ran part of it in an autocommit block, the section runs outside
/// a transaction and the rest of its statements in `BEGIN` … `COMMIT`
/// blocks of their own, as Alembic's own offline script has them.
fn section(out: &mut String, name: &str, rendered: &Rendered, no_op: bool) {
    let autocommit = rendered.segments.iter().any(|s| s.autocommit);
    let mut marker = format!("-- retort:{name}");
    if autocommit {
        marker.push_str(" no-transaction");
    }
    if no_op {
        marker.push_str(" no-op");
    }
    line(out, &marker);
    if let Some(why) = &rendered.replayed {
        line(
            out,
            &format!(
                "-- Recorded from a run on a scratch database: Alembic cannot render this code \
                 without a connection ({}).",
                one_line(why, 200)
            ),
        );
    }
    if let Some(error) = &rendered.error {
        line(
            out,
            &format!("-- Alembic's {name}() raised: {}", one_line(error, 300)),
        );
        for traceback in rendered.traceback.iter().rev().take(3).rev() {
            line(out, &format!("--   {}", one_line(traceback, 300)));
        }
        return;
    }
    if autocommit {
        line(
            out,
            "-- Part of this ran in an autocommit block under Alembic: that part runs outside \
             any transaction, the rest in transactions of its own.",
        );
    }
    let mut first = true;
    for segment in &rendered.segments {
        if !first {
            out.push('\n');
        }
        first = false;
        segment_text(out, segment, autocommit);
    }
}

fn segment_text(out: &mut String, segment: &Segment, explicit_transaction: bool) {
    let wrap = explicit_transaction && !segment.autocommit;
    if wrap {
        line(out, "BEGIN;");
    }
    for statement in &segment.sql {
        let statement = statement.trim();
        let last_line = statement.lines().last().unwrap_or_default();
        if statement.ends_with(';') {
            line(out, statement);
        } else if last_line.contains("--") {
            // A `;` after a trailing comment would be part of the comment.
            line(out, statement);
            line(out, ";");
        } else {
            line(out, &format!("{statement};"));
        }
    }
    if wrap {
        line(out, "COMMIT;");
    }
}

fn line(out: &mut String, text: &str) {
    out.push_str(text.trim_end());
    out.push('\n');
}

/// Text on one line (blanks collapsed), at most `max` characters.
fn one_line(text: &str, max: usize) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() <= max {
        joined
    } else {
        let cut: String = joined.chars().take(max).collect();
        format!("{cut}…")
    }
}
