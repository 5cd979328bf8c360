//! One module per group of commands. Each turns parsed arguments into calls
//! on the library and prints the results: results to stdout, messages to stderr.

pub mod answer;
pub mod author;
pub mod autogen;
pub mod backups;
pub mod columns;
pub mod data_loss_prompt;
pub mod docs;
pub mod entrypoint;
pub mod fleet;
pub mod fleet_report;
pub mod graph;
pub mod import;
pub mod inspect;
pub mod lint;
pub mod migrate;
pub mod pending;
pub mod rename_prompt;
pub mod verify;

use crate::cli::{ConnectionArgs, GlobalOptions};
use retort::config::ConfigOptions;
use retort::db::ConnectOptions;
use retort::project::Project;
use retort::revision::{Direction, StepKind};
use retort::runtime::RunReport;
use retort::{tr, Error, Result};

/// What every command knows: the global options.
pub struct Context {
    pub global: GlobalOptions,
}

impl Context {
    pub fn config_options(&self) -> Result<ConfigOptions> {
        let mut x_args = Vec::new();
        for pair in &self.global.x {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| Error::Usage(tr!("cli-x-expects-key-value", pair = pair)))?;
            x_args.push((key.to_string(), value.to_string()));
        }
        Ok(ConfigOptions {
            config_path: self.global.config.clone(),
            env_name: self.global.env.clone(),
            url: self.global.url.clone(),
            x_args,
            cwd: None,
            no_dotenv: self.global.no_dotenv,
        })
    }

    /// The project, its migration files' warnings (a parent named twice)
    /// told on stderr, as Alembic's warnings are, even with --quiet.
    pub fn project(&self) -> Result<Project> {
        let project = Project::open(&self.config_options()?)?;
        for warning in project.scripts.warnings() {
            warn(&warning.to_string());
        }
        Ok(project)
    }

    /// A message for the person at the terminal (stderr), unless --quiet.
    pub fn say(&self, message: &str) {
        if !self.global.quiet {
            eprintln!("{message}");
        }
    }

    /// How to connect: the libpq environment (read here, at the edge) and
    /// how long to wait for a server that is still starting.
    pub fn connect_options(
        &self,
        project: &Project,
        connection: &ConnectionArgs,
    ) -> ConnectOptions {
        let wait = connection.wait.or(project.config.wait_timeout);
        let options = ConnectOptions::default()
            .with_libpq_env(|name| std::env::var(name).ok())
            .with_wait(wait);
        if self.global.quiet {
            options
        } else {
            // A migration's RAISE NOTICE (a backfill's progress) is shown
            // as it arrives, marked as the server's.
            options
                .with_wait_notice(|line| eprintln!("{line}"))
                .with_server_notices(|line| {
                    crate::progress::eprintln(&tr!("cli-server-notice", line = line))
                })
        }
    }

    /// The closing summary of an online run: JSON with --json, else a line on stderr.
    pub fn report_run(&self, report: &RunReport) {
        if self.global.json {
            let steps: Vec<serde_json::Value> = report
                .steps
                .iter()
                .map(|s| {
                    let what = match &s.step.kind {
                        StepKind::Migration {
                            revision,
                            direction,
                        } => serde_json::json!({
                            "revision": revision,
                            "direction": if *direction == Direction::Up { "up" } else { "down" },
                        }),
                        StepKind::Stamp { from, to } => {
                            serde_json::json!({"stamp": {"from": from, "to": to}})
                        }
                    };
                    serde_json::json!({"step": what, "duration_ms": s.duration.as_millis() as u64})
                })
                .collect();
            println!(
                "{}",
                serde_json::json!({"steps": steps, "heads": report.heads, "accepted_edits": report.accepted_edits})
            );
        } else if report.steps.is_empty() {
            self.say(&tr!("cli-nothing-to-do"));
        }
    }

    /// The database's version-table rows, for commands that only read them.
    pub fn current_heads(
        &self,
        project: &Project,
        connection: &ConnectionArgs,
    ) -> Result<Vec<String>> {
        let url = project.config.database_url()?;
        project.current_heads(&url, &self.connect_options(project, connection))
    }
}

/// A warning on stderr, `warning: ` (or `警告：`) first; even with --quiet.
pub fn warn(text: &str) {
    eprintln!("{}{text}", tr!("cli-warning-prefix"));
}

/// Text to a file (`-o FILE`), or to stdout without one.
pub fn write_output(output: Option<&std::path::Path>, text: &str) -> retort::Result<()> {
    match output {
        Some(path) => std::fs::write(path, text).map_err(|e| {
            retort::Error::Usage(tr!(
                "cli-cannot-write-file",
                path = path,
                error = e.to_string()
            ))
        }),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}
