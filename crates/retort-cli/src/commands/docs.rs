//! `completions SHELL` and `man`: generated from the command-line
//! definition itself, so every command and option is in them.

use retort::{tr, Error, Result};
use std::io::Write;

/// The completion script for `shell`, on stdout.
pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut command = crate::localize::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "retort", &mut out);
    write_stdout(&out)
}

/// A manual page, in roff, on stdout: retort(1), whose SUBCOMMANDS list
/// names retort-SUB(1) for each; or, given SUB, that page (git's layout:
/// one page per subcommand, each with its own options).
pub fn man(subcommand: Option<&str>) -> Result<()> {
    let mut command = crate::localize::command();
    command.build();
    let page = match subcommand {
        None => command,
        Some(name) => {
            let names: Vec<String> = command
                .get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(|s| s.get_name().to_string())
                .collect();
            let sub = command
                .find_subcommand(name)
                .ok_or_else(|| {
                    Error::Usage(tr!(
                        "cli-man-no-subcommand",
                        name = name,
                        names = names.join(", ")
                    ))
                })?
                .clone();
            // The page's title and synopsis say `retort-upgrade`, as
            // `man retort-upgrade` finds it.
            let title = format!("retort-{}", sub.get_name());
            sub.display_name(title)
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut out)
        .map_err(|e| Error::Usage(tr!("cli-man-cannot-render", error = e.to_string())))?;
    write_stdout(&out)
}

/// A closed pipe (`retort man | head`) is not an error worth a message.
fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Usage(tr!(
            "cli-cannot-write-stdout",
            error = e.to_string()
        ))),
        _ => Ok(()),
    }
}
