//! A finding: which rule, where, the statement, the lock it takes and
//! whom it blocks, why that matters and the safe way.

use super::rule::{Level, RuleDoc};
use super::text::Text;
use serde::Serialize;

/// Serialized for `--json`, where its texts are always English.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Finding {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: &'static str,
    pub file: String,
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<String>,
    pub statement: String,
    /// What is wrong with this statement.
    pub message: Text,
    pub lock: Option<Text>,
    pub blocks: Option<Text>,
    pub why: &'static str,
    pub fix: &'static str,
}

impl Finding {
    pub fn is_error(&self) -> bool {
        self.severity == Level::Error.as_str()
    }

    pub fn new(doc: &RuleDoc, level: Level, message: Text) -> Finding {
        Finding {
            code: doc.code,
            name: doc.name,
            severity: level.as_str(),
            file: String::new(),
            line: 0,
            revision: None,
            statement: String::new(),
            message,
            lock: None,
            blocks: None,
            why: doc.why,
            fix: doc.fix,
        }
    }
}

/// What a lint run found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Statements read.
    pub statements: usize,
    /// Statements of a SQLite project PostgreSQL's grammar could not read,
    /// skipped.
    pub skipped: usize,
    /// Findings silenced by `-- retort:allow`.
    pub suppressed: usize,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
}
