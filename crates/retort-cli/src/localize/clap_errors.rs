//! clap's own errors (an unknown option, a bad value...) in Chinese.
//! English keeps clap's rendering, tips included; in Chinese the kind of
//! error and its arguments are worded from the catalog, with the usage
//! line, and exit with clap's status (2, a usage error, like retort's).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use retort::i18n::{language, Language};
use retort::tr;

/// Prints a parse error (or the help or version asked for) and exits.
pub fn exit_with(error: clap::Error) -> ! {
    let shown_as_is = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if language() == Language::English || shown_as_is {
        error.exit();
    }
    let mut text = format!("{}{}\n", tr!("error-prefix"), chinese_message(&error));
    if let Some(usage) = context(&error, ContextKind::Usage) {
        text.push('\n');
        text.push_str(&usage.replacen("Usage: ", &tr!("help-usage"), 1));
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&tr!("clap-more-information"));
    eprintln!("{text}");
    std::process::exit(2);
}

fn chinese_message(error: &clap::Error) -> String {
    let arg = context(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(error, ContextKind::InvalidValue).unwrap_or_default();
    let suggestion = context(error, ContextKind::SuggestedArg)
        .or_else(|| context(error, ContextKind::SuggestedSubcommand))
        .map(|s| tr!("clap-did-you-mean", suggestion = s))
        .unwrap_or_default();
    let message = match error.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = context(error, ContextKind::ValidValue)
                .map(|v| tr!("clap-possible-values", values = v))
                .unwrap_or_default();
            let reason = std::error::Error::source(error)
                .map(|s| tr!("clap-reason", reason = s.to_string()))
                .unwrap_or_default();
            let detail = format!("{reason}{valid}");
            tr!(
                "clap-invalid-value",
                arg = arg,
                value = value,
                detail = detail
            )
        }
        ErrorKind::UnknownArgument => tr!("clap-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => tr!(
            "clap-unknown-command",
            command = context(error, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => tr!("clap-missing-argument", arg = arg),
        ErrorKind::MissingSubcommand => tr!("clap-missing-command"),
        ErrorKind::ArgumentConflict => tr!(
            "clap-conflict",
            arg = arg,
            other = context(error, ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::NoEquals => tr!("clap-no-equals", arg = arg),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            tr!("clap-wrong-number-of-values", arg = arg)
        }
        ErrorKind::InvalidUtf8 => tr!("clap-invalid-utf8"),
        _ => tr!("clap-other", detail = error.to_string()),
    };
    format!("{message}{suggestion}")
}

/// A context value of the error as text (lists joined with ", ").
fn context(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(list) => Some(list.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(list) => Some(
            list.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(b) => Some(b.to_string()),
        ContextValue::None => None,
        _ => None,
    }
}
