//! Scope on the PostgreSQL model: every object whose schema, or whose own
//! name, is out of scope leaves both sides, and with a table go its
//! indexes, triggers, policies, owned sequences and comments.

use super::model::Schema;
use crate::autogen::scope::{split_qualified, unquote_parts, Kind, Scope};

/// Leaves out of `from` and `to` what `scope` does not cover; the default
/// schemas are those `to` (the target) defines.
pub(crate) fn restrict_postgres(scope: &Scope, from: &mut Schema, to: &mut Schema) {
    let target_schemas: Vec<String> = to
        .schemas
        .iter()
        .map(|s| unquote_parts(s).concat())
        .collect();
    let schemas = scope.schemas_in(&target_schemas);
    let in_scope = |kind: Kind, qualified: &str| {
        let (schema, name) = split_qualified(qualified);
        schema.as_deref().is_none_or(|s| schemas.contains(s))
            && scope.name_in(kind, schema.as_deref(), &name)
    };
    for side in [from, to] {
        side.schemas
            .retain(|s| schemas.contains(&unquote_parts(s).concat()));
        side.extensions.retain(|name, extension| {
            schemas.contains(&unquote_parts(&extension.schema).concat())
                && scope.name_in(Kind::Extension, None, &unquote_parts(name).concat())
        });
        side.enums.retain(|name, _| in_scope(Kind::Type, name));
        side.domains.retain(|name, _| in_scope(Kind::Type, name));
        side.composites.retain(|name, _| in_scope(Kind::Type, name));
        side.tables.retain(|name, _| in_scope(Kind::Table, name));
        let tables = &side.tables;
        side.sequences.retain(|name, sequence| {
            in_scope(Kind::Sequence, name)
                && sequence
                    .owned_by
                    .as_ref()
                    .is_none_or(|owner| tables.contains_key(&owner.table))
        });
        side.indexes
            .retain(|_, index| tables.contains_key(&index.table));
        side.views.retain(|name, _| in_scope(Kind::View, name));
        side.functions
            .retain(|name, _| in_scope(Kind::Function, name));
        side.triggers
            .retain(|_, trigger| tables.contains_key(&trigger.table));
        side.policies
            .retain(|_, policy| tables.contains_key(&policy.table));
        let kept = |key: &str| -> bool {
            if let Some((_, on)) = key.split_once(" ON ") {
                return match on.strip_prefix("DOMAIN ") {
                    Some(domain) => side.domains.contains_key(domain),
                    None => side.tables.contains_key(on),
                };
            }
            let (kind, name) = key.split_once(' ').unwrap_or((key, ""));
            match kind {
                "INDEX" => side.indexes.contains_key(name),
                "SEQUENCE" => side.sequences.contains_key(name),
                "SCHEMA" => side.schemas.contains(name),
                "FUNCTION" | "PROCEDURE" => side.functions.contains_key(name),
                "TYPE" | "DOMAIN" => in_scope(Kind::Type, name),
                _ => match key.strip_prefix("MATERIALIZED VIEW ") {
                    Some(view) => side.views.contains_key(view),
                    None => side.views.contains_key(name),
                },
            }
        };
        let comments = std::mem::take(&mut side.comments);
        side.comments = comments.into_iter().filter(|(k, _)| kept(k)).collect();
    }
}
