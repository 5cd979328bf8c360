//! The help texts in Chinese. English is the clap definition itself (the
//! doc comments in `cli.rs`); each Chinese text is the catalog message
//! whose id names the command or option: `cmd-upgrade` for a command's
//! description, `arg-upgrade-sql` for its `--sql`, `arg-retort-config`
//! for an option of every command. `help_ids` lists every id the English
//! definition needs, for the test that no help goes untranslated.

use crate::cli::Cli;
use clap::{Arg, Command, CommandFactory};
use retort::i18n::{language, Catalog, Language};
use retort::tr;

/// The command-line definition in the current language.
pub fn command() -> Command {
    let mut command = Cli::command();
    if language() == Language::English {
        return command;
    }
    // Built first, so that the options clap adds (--help, --version, the
    // `help` command) and the global options copied onto each command are
    // there to translate.
    command.build();
    translate(command, &[])
        .help_template(tr!("help-template"))
        .subcommand_help_heading(tr!("help-heading-commands"))
}

/// Every help text of the English definition: (catalog id, English text).
#[cfg(test)]
pub fn help_ids() -> Vec<(String, String)> {
    let mut command = Cli::command();
    command.build();
    let mut ids = Vec::new();
    collect(&command, &[], &mut ids);
    ids.sort();
    ids.dedup();
    ids
}

#[cfg(test)]
fn collect(command: &Command, path: &[String], ids: &mut Vec<(String, String)>) {
    if let Some(about) = command.get_about() {
        ids.push((command_id(command, path), about.to_string()));
    }
    for arg in command.get_arguments() {
        if let Some(help) = arg.get_help() {
            ids.push((arg_id(arg, path), help.to_string()));
        }
    }
    for sub in command.get_subcommands() {
        collect(sub, &child_path(path, sub), ids);
    }
}

fn translate(command: Command, path: &[String]) -> Command {
    let mut command = command;
    if command.get_about().is_some() {
        let text = chinese(&command_id(&command, path));
        command = command.about(text.clone()).long_about(text);
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    command = command.mut_args(|arg| {
        let heading = if arg.is_positional() {
            tr!("help-heading-arguments")
        } else {
            tr!("help-heading-options")
        };
        let mut arg = if arg.get_help_heading().is_none() {
            arg.help_heading(heading)
        } else {
            arg
        };
        // Under a named heading clap sorts by display order, then name:
        // positionals keep their command-line order.
        if let Some(index) = arg.get_index() {
            arg = arg.display_order(index);
        }
        if arg.get_help().is_some() {
            let text = chinese(&arg_id(&arg, path));
            arg.help(text.clone()).long_help(text)
        } else {
            arg
        }
    });
    for name in names {
        command = command.mut_subcommand(&name, |sub| {
            let sub_path = child_path(path, &sub);
            translate(sub, &sub_path)
                .help_template(tr!("help-template"))
                .subcommand_help_heading(tr!("help-heading-commands"))
        });
    }
    command
}

/// The Chinese text of `id`, or the id itself if the catalog lacks it
/// (the help test makes that impossible).
fn chinese(id: &str) -> String {
    Catalog::of(Language::Chinese)
        .format(id, &[])
        .unwrap_or_else(|| id.to_string())
}

fn child_path(path: &[String], sub: &Command) -> Vec<String> {
    let mut child = path.to_vec();
    child.push(sub.get_name().to_string());
    child
}

/// `cmd-retort` for the program, `cmd-import-alembic` for a command, and
/// `cmd-help` for clap's `help` command wherever it appears.
fn command_id(command: &Command, path: &[String]) -> String {
    if command.get_name() == "help" {
        return "cmd-help".to_string();
    }
    if path.is_empty() {
        "cmd-retort".to_string()
    } else {
        format!("cmd-{}", path.join("-"))
    }
}

/// `arg-upgrade-sql`; an option of every command (global, or clap's
/// --help and --version) is `arg-retort-NAME` wherever it appears; an
/// option several commands share word for word (the fleet options) is
/// `arg-common-NAME` when the catalog has that and not the command's own.
fn arg_id(arg: &Arg, path: &[String]) -> String {
    let id = arg.get_id().as_str();
    if path.is_empty() || arg.is_global_set() || id == "help" || id == "version" {
        return format!("arg-retort-{id}");
    }
    let own = format!("arg-{}-{id}", path.join("-"));
    let common = format!("arg-common-{id}");
    let chinese = Catalog::of(Language::Chinese);
    if chinese.format(&own, &[]).is_none() && chinese.format(&common, &[]).is_some() {
        common
    } else {
        own
    }
}
