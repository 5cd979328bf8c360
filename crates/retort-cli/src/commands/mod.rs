//! One module per group of commands. Each turns parsed arguments into calls
//! on the library and prints the results: results to stdout, messages to stderr.

pub mod inspect;
pub mod migrate;

use crate::cli::GlobalOptions;
use retort::config::ConfigOptions;
use retort::project::Project;
use retort::{Error, Result};

/// What every command knows: the global options.
pub struct Context {
    pub global: GlobalOptions,
}

impl Context {
    pub fn config_options(&self) -> Result<ConfigOptions> {
        let mut x_args = Vec::new();
        for pair in &self.global.x {
            let (key, value) = pair.split_once('=').ok_or_else(|| {
                Error::Usage(format!("-x expects KEY=VALUE, got '{pair}'"))
            })?;
            x_args.push((key.to_string(), value.to_string()));
        }
        Ok(ConfigOptions {
            config_path: self.global.config.clone(),
            env_name: self.global.env.clone(),
            url: self.global.url.clone(),
            x_args,
            cwd: None,
        })
    }

    pub fn project(&self) -> Result<Project> {
        Project::open(&self.config_options()?)
    }

    /// A message for the person at the terminal (stderr), unless --quiet.
    pub fn say(&self, message: &str) {
        if !self.global.quiet {
            eprintln!("{message}");
        }
    }
}
