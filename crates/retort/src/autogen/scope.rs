//! What autogenerate owns: `[autogenerate]` in retort.toml, applied to both
//! sides of a comparison alike after they are read, so that an object out
//! of scope is on neither side and is never dropped, altered or reported.
//! The migration tool's own tables are left out earlier, by introspection
//! (see [`super::IntrospectOptions`]). Each backend applies a [`Scope`] to
//! its own model (`postgres::scope`, `sqlite::scope`).

use crate::config::{Patterns, ScopeConfig};
use glob::Pattern;

/// The kinds of object patterns are given for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Table,
    View,
    Type,
    Sequence,
    Function,
    Extension,
}

/// `[autogenerate]` with its patterns compiled.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scope {
    /// None: the target's schemas and `public`.
    schemas: Option<Vec<Pattern>>,
    exclude_schemas: Vec<Pattern>,
    kinds: [Compiled; 6],
}

#[derive(Debug, Clone, Default)]
struct Compiled {
    include: Vec<Pattern>,
    exclude: Vec<Pattern>,
}

fn compile(patterns: &[String]) -> Vec<Pattern> {
    // The configuration checked every pattern when it was read.
    patterns
        .iter()
        .filter_map(|p| Pattern::new(p).ok())
        .collect()
}

impl Compiled {
    fn new(patterns: &Patterns) -> Self {
        Compiled {
            include: compile(&patterns.include),
            exclude: compile(&patterns.exclude),
        }
    }
}

impl Scope {
    pub(crate) fn new(config: &ScopeConfig) -> Scope {
        Scope {
            schemas: config.schemas.as_deref().map(compile),
            exclude_schemas: compile(&config.exclude_schemas),
            kinds: [
                Compiled::new(&config.tables),
                Compiled::new(&config.views),
                Compiled::new(&config.types),
                Compiled::new(&config.sequences),
                Compiled::new(&config.functions),
                Compiled::new(&config.extensions),
            ],
        }
    }

    /// The schemas in scope, given those the target defines (unquoted).
    pub(crate) fn schemas_in<'a>(&self, target_schemas: &'a [String]) -> SchemaFilter<'_, 'a> {
        SchemaFilter {
            scope: self,
            target_schemas,
        }
    }

    /// True when `name` in `schema` (both unquoted; `schema` None where the
    /// database has none) is in scope for its kind.
    pub(crate) fn name_in(&self, kind: Kind, schema: Option<&str>, name: &str) -> bool {
        let compiled = &self.kinds[kind as usize];
        let qualified = schema.map(|s| format!("{s}.{name}"));
        let hit = |pattern: &Pattern| {
            if pattern.as_str().contains('.') {
                qualified.as_deref().is_some_and(|q| pattern.matches(q))
            } else {
                pattern.matches(name)
            }
        };
        (compiled.include.is_empty() || compiled.include.iter().any(hit))
            && !compiled.exclude.iter().any(hit)
    }
}

/// The schema part of a scope, once the target's schemas are known.
pub(crate) struct SchemaFilter<'s, 't> {
    scope: &'s Scope,
    target_schemas: &'t [String],
}

impl SchemaFilter<'_, '_> {
    pub(crate) fn contains(&self, schema: &str) -> bool {
        let listed = match &self.scope.schemas {
            Some(patterns) => patterns.iter().any(|p| p.matches(schema)),
            None => schema == "public" || self.target_schemas.iter().any(|s| s == schema),
        };
        listed && !self.scope.exclude_schemas.iter().any(|p| p.matches(schema))
    }
}

/// Splits a name as the models hold it (`schema."Name"`, perhaps followed
/// by `(arguments)` or ` more`) into its unquoted parts.
pub(crate) fn unquote_parts(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                current.push('"');
            }
            '"' => quoted = !quoted,
            '.' if !quoted => parts.push(std::mem::take(&mut current)),
            '(' | ' ' if !quoted => break,
            c => current.push(c),
        }
    }
    parts.push(current);
    parts
}

/// `(schema, name)` of a qualified name; the schema is None when unqualified.
pub(crate) fn split_qualified(text: &str) -> (Option<String>, String) {
    let mut parts = unquote_parts(text);
    let name = parts.pop().unwrap_or_default();
    (parts.pop(), name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unquoted() {
        assert_eq!(
            split_qualified("public.users"),
            (Some("public".into()), "users".into())
        );
        assert_eq!(
            split_qualified("\"My.Schema\".\"a\"\"b\"(integer)"),
            (Some("My.Schema".into()), "a\"b".into())
        );
        assert_eq!(split_qualified("t"), (None, "t".into()));
    }

    #[test]
    fn patterns_with_a_dot_match_the_qualified_name() {
        let config = ScopeConfig {
            tables: Patterns {
                include: vec![],
                exclude: vec!["celery_*".into(), "audit.*".into()],
            },
            ..ScopeConfig::default()
        };
        let scope = Scope::new(&config);
        assert!(scope.name_in(Kind::Table, Some("public"), "users"));
        assert!(!scope.name_in(Kind::Table, Some("public"), "celery_tasks"));
        assert!(!scope.name_in(Kind::Table, Some("audit"), "log"));
        assert!(scope.name_in(Kind::Table, Some("public"), "audit"));
        assert!(scope.name_in(Kind::View, Some("audit"), "log"));
    }

    #[test]
    fn schemas_default_to_the_targets_and_public() {
        let scope = Scope::new(&ScopeConfig::default());
        let target = vec!["billing".to_string()];
        let filter = scope.schemas_in(&target);
        assert!(filter.contains("public") && filter.contains("billing"));
        assert!(!filter.contains("backend"));
        let scope = Scope::new(&ScopeConfig {
            schemas: Some(vec!["app_*".into()]),
            exclude_schemas: vec!["app_old".into()],
            ..ScopeConfig::default()
        });
        let filter = scope.schemas_in(&target);
        assert!(filter.contains("app_new") && !filter.contains("app_old"));
        assert!(!filter.contains("public") && !filter.contains("billing"));
    }
}
