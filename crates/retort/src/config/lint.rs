//! `[lint]`: what `retort lint` and `upgrade` are told about the project.
//! The rule keys are checked against the rules by the linter (which knows
//! them); this reads the table's shape and the values' types.

use super::error::ConfigError;
use super::file::{Entry, Value};
use std::path::{Path, PathBuf};

/// What `upgrade` does with the pending revisions' findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UpgradeLint {
    /// Print them and go on.
    #[default]
    Warn,
    /// Print them and stop before anything runs when one is an error.
    Error,
    /// Do not lint.
    Off,
}

/// One `CODE = "level"` (or `name = "level"`) line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleLevel {
    /// The rule as written: a code (`R001`) or a name.
    pub rule: String,
    /// `error`, `warning` or `off`.
    pub level: String,
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LintConfig {
    /// retort.toml, for errors about the rule keys.
    pub path: PathBuf,
    /// `postgres_version`: the major version the migrations run on, when
    /// no server says.
    pub postgres_version: Option<u32>,
    /// `upgrade`: "warn" (default), "error" or "off".
    pub upgrade: UpgradeLint,
    /// Every other key: a rule's level.
    pub rules: Vec<RuleLevel>,
}

impl LintConfig {
    /// An error about a rule key, naming the setting and its line.
    pub fn rule_error(&self, rule: &RuleLevel, message: &str) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.clone(),
            line: rule.line,
            message: crate::tr!(
                "config-key-problem",
                key = format!("lint.{}", rule.rule),
                problem = message
            ),
        }
    }
}

/// The levels a rule can be set to.
pub const LEVELS: &str = "\"error\", \"warning\" or \"off\"";

/// Reads the `[lint]` table.
pub fn read(path: &Path, value: Option<&Entry>) -> Result<LintConfig, ConfigError> {
    let mut config = LintConfig {
        path: path.to_path_buf(),
        ..LintConfig::default()
    };
    let Some(entry) = value else {
        return Ok(config);
    };
    let invalid = |line: usize, message: String| ConfigError::Invalid {
        path: path.to_path_buf(),
        line,
        message,
    };
    let Value::Table(entries) = &entry.value else {
        return Err(invalid(
            entry.line,
            crate::tr!(
                "config-must-be-table",
                key = "lint",
                found = entry.value.type_name()
            ),
        ));
    };
    for e in entries {
        match (e.key.as_str(), &e.value) {
            ("postgres_version", Value::Integer(v)) if (9..=99).contains(v) => {
                config.postgres_version = Some(*v as u32)
            }
            ("postgres_version", other) => {
                return Err(invalid(
                    e.line,
                    crate::tr!("config-lint-postgres-version", found = describe(other)),
                ))
            }
            ("upgrade", Value::String(s)) if matches!(s.as_str(), "warn" | "error" | "off") => {
                config.upgrade = match s.as_str() {
                    "warn" => UpgradeLint::Warn,
                    "error" => UpgradeLint::Error,
                    _ => UpgradeLint::Off,
                }
            }
            ("upgrade", other) => {
                return Err(invalid(
                    e.line,
                    crate::tr!("config-lint-upgrade", found = describe(other)),
                ))
            }
            (rule, Value::String(level))
                if matches!(level.as_str(), "error" | "warning" | "off") =>
            {
                config.rules.push(RuleLevel {
                    rule: rule.to_string(),
                    level: level.clone(),
                    line: e.line,
                })
            }
            (rule, other) => {
                return Err(invalid(
                    e.line,
                    crate::tr!(
                        "config-lint-rule-level",
                        rule = rule,
                        levels = LEVELS,
                        found = describe(other)
                    ),
                ))
            }
        }
    }
    Ok(config)
}

fn describe(value: &Value) -> String {
    match value {
        Value::String(s) => format!("\"{s}\""),
        Value::Integer(i) => i.to_string(),
        other => other.type_name().to_string(),
    }
}
