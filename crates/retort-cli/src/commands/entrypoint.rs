//! Entrypoint mode for containers: `retort upgrade head --wait 60 -- CMD
//! ARGS...` migrates, then replaces itself with CMD (exec), so the
//! application is the container's main process and receives its signals
//! (`docker stop`'s SIGTERM) directly, with no shell in between.

use super::migrate::{self, Verb};
use super::Context;
use crate::cli::MigrateArgs;
use crate::signals;
use retort::{tr, Error, Result};
use std::process::ExitCode;

/// The switches that skip the migration and only start the program: retort's
/// own name, and the one the deployment guides use.
pub const SKIP_SWITCHES: [&str; 2] = ["RETORT_SKIP_MIGRATION", "SKIP_MIGRATION"];

/// Migrates (unless a skip switch is on), then execs `args.exec`. Returns
/// only when the program could not be started, or when the migration
/// failed or was interrupted (the program is then not started: an
/// application must not run against a schema it does not expect).
pub fn run(ctx: &Context, args: &MigrateArgs) -> Result<ExitCode> {
    if args.sql {
        return Err(Error::Usage(tr!("cli-exec-not-with-sql")));
    }
    match skip_switch(&|name| std::env::var(name).ok())? {
        Some(name) => ctx.say(&tr!("cli-skip-switch-set", name = name)),
        None => migrate::migrate(ctx, Verb::Up, args)?,
    }
    if signals::caught().is_some() {
        // Stopped while migrating: main reports it; nothing is started.
        return Ok(ExitCode::SUCCESS);
    }
    Ok(replace_with(&args.exec))
}

/// The skip switch that is on, if any. `RETORT_SKIP_MIGRATION`, when set,
/// decides alone; a value that is neither true nor false is refused rather
/// than guessed.
fn skip_switch(env: &dyn Fn(&str) -> Option<String>) -> Result<Option<&'static str>> {
    for name in SKIP_SWITCHES {
        let Some(value) = env(name) else { continue };
        match value.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => return Ok(Some(name)),
            "false" | "0" | "no" | "off" | "" => return Ok(None),
            _ => {
                return Err(Error::Usage(tr!(
                    "cli-skip-switch-invalid",
                    name = name,
                    value = &value
                )))
            }
        }
    }
    Ok(None)
}

/// Replaces this process with `command` (found on PATH as a shell finds
/// it); returns only when it could not be started, with the shell's status
/// for that (127 not found, 126 otherwise).
#[cfg(unix)]
fn replace_with(command: &[String]) -> ExitCode {
    use std::io::Write;
    use std::os::unix::process::CommandExt;
    let Some((program, args)) = command.split_first() else {
        return ExitCode::SUCCESS;
    };
    // What retort printed must reach its output before the image goes.
    let _ = std::io::stdout().flush();
    let error = std::process::Command::new(program).args(args).exec();
    cannot_start(program, &error);
    ExitCode::from(if error.kind() == std::io::ErrorKind::NotFound {
        127
    } else {
        126
    })
}

/// Without exec, the program runs as a child and its status is passed on.
#[cfg(not(unix))]
fn replace_with(command: &[String]) -> ExitCode {
    let Some((program, args)) = command.split_first() else {
        return ExitCode::SUCCESS;
    };
    match std::process::Command::new(program).args(args).status() {
        Ok(status) => ExitCode::from(status.code().unwrap_or(1) as u8),
        Err(error) => {
            cannot_start(program, &error);
            ExitCode::from(127)
        }
    }
}

/// The program could not be started: said once, the same on every platform.
fn cannot_start(program: &str, error: &std::io::Error) {
    eprintln!(
        "{}{}",
        tr!("error-prefix"),
        tr!(
            "cli-cannot-start-program",
            program = program,
            error = error.to_string()
        )
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn switch(vars: &[(&str, &str)]) -> Result<Option<&'static str>> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        skip_switch(&move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    #[test]
    fn either_switch_skips_and_retorts_own_decides_alone() {
        assert_eq!(switch(&[]).unwrap(), None);
        assert_eq!(
            switch(&[("SKIP_MIGRATION", "true")]).unwrap(),
            Some("SKIP_MIGRATION")
        );
        assert_eq!(
            switch(&[("RETORT_SKIP_MIGRATION", "1")]).unwrap(),
            Some("RETORT_SKIP_MIGRATION")
        );
        assert_eq!(
            switch(&[
                ("RETORT_SKIP_MIGRATION", "false"),
                ("SKIP_MIGRATION", "true")
            ])
            .unwrap(),
            None
        );
        assert_eq!(switch(&[("SKIP_MIGRATION", "")]).unwrap(), None);
        let err = switch(&[("SKIP_MIGRATION", "maybe")]).unwrap_err();
        assert!(err.to_string().contains("SKIP_MIGRATION=maybe"), "{err}");
    }
}
