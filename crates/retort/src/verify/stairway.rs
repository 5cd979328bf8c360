//! The walk: each revision of the range upgraded to, downgraded one step,
//! compared with the schema before its upgrade, and upgraded again; then
//! the heads compared with the target schema.
//!
//! Every step runs through the runtime (lock, transactions, version table,
//! log) as `upgrade` and `downgrade` run it, with a plan of exactly that
//! one revision: `downgrade REV` would also take down other branches
//! sharing a parent. After a failure the scratch database is made again
//! and brought to where the walk stands by upgrades alone, so that what a
//! broken downgrade left cannot hide or cause findings further on.

use super::report::{Finding, RevisionResult, TargetCheck, VerifyReport};
use super::scratch::Scratch;
use crate::autogen::rename::RenameRequests;
use crate::autogen::{
    target_schema_configured, target_sources, with_backend, Backend, Change, Job,
    Settings, Side,
};
use crate::i18n::Description;
use crate::project::Project;
use crate::revision::{Direction, StepKind};
use crate::runtime::{self, PlannedRun, RuntimeOptions};
use crate::url::DatabaseUrl;
use crate::Result;

/// Which part of the history to walk.
#[derive(Debug, Clone, Default)]
pub struct VerifyOptions {
    /// Upgrade to this revision first, unchecked, and walk what comes after
    /// it (`base` or None: from the start).
    pub from: Option<String>,
    /// Walk up to this revision, included (None: every head).
    pub to: Option<String>,
}

impl Project {
    /// Walks the history on a scratch database (see [`crate::verify`]).
    /// The project's database is not opened. Errors are for what stops the
    /// walk before it starts (a bad `--from`, no scratch database); what
    /// the walk finds is in the report.
    pub fn verify(&self, settings: &Settings, options: &VerifyOptions) -> Result<VerifyReport> {
        let url = self.config.database_url()?;
        let (prefix, range) = self.verify_range(options)?;
        let to_heads = options.to.is_none() || self.reaches_every_head(&prefix, &range);
        with_backend(
            &url,
            settings,
            Stairway {
                project: self,
                url: &url,
                settings,
                prefix,
                range,
                to_heads,
            },
        )
    }

    /// The revisions upgraded to unchecked (up to `--from`), and those to
    /// walk, each in upgrade order.
    fn verify_range(&self, options: &VerifyOptions) -> Result<(Vec<String>, Vec<String>)> {
        let upgrades = |plan: crate::revision::Plan| -> Vec<String> {
            plan.steps
                .into_iter()
                .filter_map(|step| match step.kind {
                    StepKind::Migration { revision, .. } => Some(revision),
                    StepKind::Stamp { .. } => None,
                })
                .collect()
        };
        let (prefix, heads) = match options.from.as_deref() {
            None | Some("base") => (Vec::new(), Vec::new()),
            Some(from) => {
                let plan = self.map().plan_upgrade(&[], from)?;
                let heads = plan.final_heads.clone();
                (upgrades(plan), heads)
            }
        };
        let to = options.to.as_deref().unwrap_or("heads");
        let range = upgrades(self.map().plan_upgrade(&heads, to)?);
        Ok((prefix, range))
    }

    fn reaches_every_head(&self, prefix: &[String], range: &[String]) -> bool {
        self.map()
            .heads()
            .iter()
            .all(|head| prefix.iter().chain(range).any(|r| r == head))
    }
}

struct Stairway<'a> {
    project: &'a Project,
    url: &'a DatabaseUrl,
    settings: &'a Settings,
    prefix: Vec<String>,
    range: Vec<String>,
    to_heads: bool,
}

impl Job for Stairway<'_> {
    type Output = VerifyReport;

    fn run<B: Backend>(self, backend: &B) -> Result<VerifyReport> {
        let mut walk = Walk {
            project: self.project,
            backend,
            url: self.url,
            settings: self.settings,
            runtime: RuntimeOptions::from_config(&self.project.config),
            scratch: Scratch::create(self.url, self.settings)?,
            applied: Vec::new(),
        };
        walk.upgrade_unchecked(&self.prefix)?;
        let mut before = walk.snapshot()?;
        let mut revisions = Vec::new();
        for (i, revision) in self.range.iter().enumerate() {
            let script = self.project.script(revision);
            let (findings, next) = walk.stairway(revision, before)?;
            revisions.push(RevisionResult {
                revision: revision.clone(),
                file: script.map(|s| s.path.clone()).unwrap_or_default(),
                message: script.map(|s| s.message.clone()).unwrap_or_default(),
                findings,
            });
            match next {
                Some(schema) => before = schema,
                None => {
                    return Ok(VerifyReport {
                        revisions,
                        not_reached: self.range[i + 1..].to_vec(),
                        target: TargetCheck::NotReached,
                    });
                }
            }
        }
        let target = if !self.to_heads {
            TargetCheck::NotReached
        } else if !target_schema_configured(&self.project.config) {
            TargetCheck::NotConfigured
        } else {
            let mut target = backend.read(&Side::Files(target_sources(&self.project.config)))?;
            // Compared within `[autogenerate]`'s scope, as `check` compares.
            let mut head = before;
            backend.restrict(&mut head, &mut target);
            let differences = walk.differences(&head, &target)?;
            if differences.is_empty() {
                TargetCheck::InSync
            } else {
                TargetCheck::Differs { differences }
            }
        };
        Ok(VerifyReport {
            revisions,
            not_reached: Vec::new(),
            target,
        })
    }
}

/// The scratch database and what has been applied to it.
struct Walk<'a, B: Backend> {
    project: &'a Project,
    backend: &'a B,
    url: &'a DatabaseUrl,
    settings: &'a Settings,
    runtime: RuntimeOptions,
    scratch: Scratch,
    /// The revisions upgraded to, in order: what a remade scratch database
    /// is brought to.
    applied: Vec<String>,
}

impl<B: Backend> Walk<'_, B> {
    /// One revision's stairway from the schema `before` its upgrade: the
    /// findings, and the schema after it is upgraded to (None when its
    /// upgrade failed and the walk stops).
    fn stairway(
        &mut self,
        revision: &str,
        before: B::Schema,
    ) -> Result<(Vec<Finding>, Option<B::Schema>)> {
        if let Err(error) = self.run(&[(revision, Direction::Up)]) {
            let error = Description::new(|| error.to_string());
            return Ok((vec![Finding::UpgradeFails { error }], None));
        }
        self.applied.push(revision.to_string());
        let script = self
            .project
            .script(revision)
            .expect("every revision of the map has a script");
        if script.downgrade.no_op || script.is_irreversible() {
            // Nothing to run: the downgrade would leave all the upgrade made.
            let after = self.snapshot()?;
            let leaves_behind = self.differences(&after, &before)?;
            let finding = if script.downgrade.no_op {
                Finding::DeclaredNoOp { leaves_behind }
            } else {
                Finding::Irreversible { leaves_behind }
            };
            return Ok((vec![finding], Some(after)));
        }
        if let Err(error) = self.run(&[(revision, Direction::Down)]) {
            let finding = Finding::DowngradeFails {
                error: Description::new(|| error.to_string()),
            };
            return Ok((vec![finding], Some(self.remake()?)));
        }
        let downgraded = self.snapshot()?;
        let differences = self.differences(&downgraded, &before)?;
        let mut findings = Vec::new();
        if !differences.is_empty() {
            findings.push(Finding::DowngradeLeavesDifferences { differences });
        }
        if let Err(error) = self.run(&[(revision, Direction::Up)]) {
            findings.push(Finding::UpgradeNotRepeatable {
                error: Description::new(|| error.to_string()),
            });
        }
        let after = if findings.is_empty() {
            self.snapshot()?
        } else {
            self.remake()?
        };
        Ok((findings, Some(after)))
    }

    /// Runs exactly `steps` through the runtime.
    fn run(&mut self, steps: &[(&str, Direction)]) -> Result<()> {
        let runtime = self.runtime.clone();
        let db = self.scratch.lend();
        let dialect = db.dialect();
        let project = self.project;
        runtime::run_on(
            db,
            runtime,
            &project.scripts,
            None,
            |heads| {
                let plan = project.map().plan_revisions(heads, steps)?;
                project.check_transaction_control(&plan, dialect)?;
                Ok(PlannedRun {
                    applied: project.applied_revisions(heads),
                    plan,
                })
            },
        )?;
        Ok(())
    }

    /// Upgrades to `revisions` without checking them (`--from`).
    fn upgrade_unchecked(&mut self, revisions: &[String]) -> Result<()> {
        if revisions.is_empty() {
            return Ok(());
        }
        let steps: Vec<(&str, Direction)> = revisions
            .iter()
            .map(|r| (r.as_str(), Direction::Up))
            .collect();
        self.run(&steps)?;
        self.applied.extend(revisions.iter().cloned());
        Ok(())
    }

    /// A new scratch database brought by upgrades alone to where the walk
    /// stands, and its schema.
    fn remake(&mut self) -> Result<B::Schema> {
        // The old one is dropped as it is replaced.
        self.scratch = Scratch::create(self.url, self.settings)?;
        let applied = std::mem::take(&mut self.applied);
        self.upgrade_unchecked(&applied)?;
        self.snapshot()
    }

    fn snapshot(&mut self) -> Result<B::Schema> {
        let schema = self.backend.read_open(self.scratch.lend().as_mut())?;
        self.scratch.reset_session()?;
        Ok(schema)
    }

    /// What it would take to go from `from` to `to`, as autogenerate lists it.
    fn differences(&self, from: &B::Schema, to: &B::Schema) -> Result<Vec<Description>> {
        let ops = self.backend.diff(from, to, &RenameRequests::default())?;
        Ok(ops
            .iter()
            .map(|op| Description::new(|| op.describe()))
            .collect())
    }
}
