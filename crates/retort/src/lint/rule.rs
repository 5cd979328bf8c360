//! What a rule is: its documentation (the one source of `--explain` and the
//! README table) and a check from one statement, seen in its context, to
//! what is wrong with it.

use super::state::State;
use super::text::Text;
use pg_query::NodeEnum;

/// How much a finding matters: an error fails `retort lint` (exit 1) and,
/// with `[lint] upgrade = "error"`, stops `upgrade`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Off,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Level> {
        match text {
            "off" => Some(Level::Off),
            "warning" | "warn" => Some(Level::Warning),
            "error" => Some(Level::Error),
            _ => None,
        }
    }
}

/// A rule's documentation: stable code and name, what it finds, why that
/// hurts, and the safe way as SQL.
#[derive(Debug, Clone, Copy)]
pub struct RuleDoc {
    /// `R001`: never reused for another rule.
    pub code: &'static str,
    /// `index-without-concurrently`: accepted wherever the code is.
    pub name: &'static str,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Why it matters (what breaks, for whom, for how long).
    pub why: &'static str,
    /// The safe way, as SQL.
    pub fix: &'static str,
    /// The level unless retort.toml says otherwise.
    pub level: Level,
    /// A PostgreSQL lock or syntax rule, skipped for SQLite projects.
    pub postgres_only: bool,
}

/// One thing a rule found in a statement; the engine adds where it is.
/// Its texts are catalog messages, printed in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// What is wrong with this statement, naming its objects.
    pub message: Text,
    /// The lock the statement takes, and on what.
    pub lock: Option<Text>,
    /// Who waits while it is held.
    pub blocks: Option<Text>,
}

impl Hit {
    pub fn new(message: Text) -> Hit {
        Hit {
            message,
            lock: None,
            blocks: None,
        }
    }

    pub fn lock(mut self, lock: Text, blocks: Text) -> Hit {
        self.lock = Some(lock);
        self.blocks = Some(blocks);
        self
    }
}

/// A rule: its documentation and its check.
pub struct Rule {
    pub doc: RuleDoc,
    pub check: fn(&Statement<'_>) -> Vec<Hit>,
}

/// One parsed statement and what is known when it runs.
pub struct Statement<'a> {
    pub node: &'a NodeEnum,
    /// The statement as written.
    pub text: &'a str,
    /// Whether it runs inside a transaction block.
    pub in_transaction: bool,
    /// The PostgreSQL major version it will run on.
    pub postgres_version: u32,
    /// What the statements before it did.
    pub state: &'a State,
}
