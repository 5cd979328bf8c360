//! Finding the file for a revision the plan names.

use crate::script::{Script, ScriptDirectory};
use std::collections::{BTreeMap, HashMap};

pub trait ScriptLookup {
    fn script(&self, revision: &str) -> Option<&Script>;
}

impl ScriptLookup for [Script] {
    fn script(&self, revision: &str) -> Option<&Script> {
        self.iter().find(|s| s.revision == revision)
    }
}

impl ScriptLookup for Vec<Script> {
    fn script(&self, revision: &str) -> Option<&Script> {
        self.as_slice().script(revision)
    }
}

impl ScriptLookup for ScriptDirectory {
    /// By the directory's index: a run looks up every applied revision, and
    /// a scan per lookup made that quadratic.
    fn script(&self, revision: &str) -> Option<&Script> {
        self.get(revision)
    }
}

impl ScriptLookup for HashMap<String, Script> {
    fn script(&self, revision: &str) -> Option<&Script> {
        self.get(revision)
    }
}

impl ScriptLookup for BTreeMap<String, Script> {
    fn script(&self, revision: &str) -> Option<&Script> {
        self.get(revision)
    }
}

impl ScriptLookup for HashMap<String, &Script> {
    fn script(&self, revision: &str) -> Option<&Script> {
        self.get(revision).copied()
    }
}
