//! The rules, one per file, each with its documentation and its tests.
//! [`ALL`] is the catalogue: `retort lint` runs it, `--explain` and the
//! README table are generated from it.

pub mod add_column_default_rewrite;
pub mod add_column_not_null;
pub mod alter_column_type;
pub mod concurrently_in_transaction;
pub mod constraint_without_not_valid;
pub mod drop_column;
pub mod drop_schema;
pub mod drop_table;
pub mod enum_add_value;
pub mod identifier_too_long;
pub mod index_without_concurrently;
pub mod missing_lock_timeout;
pub mod prefer_bigint;
pub mod prefer_identity;
pub mod prefer_text;
pub mod prefer_timestamptz;
pub mod rename_column;
pub mod rename_table;
pub mod set_not_null;
mod style;
pub mod truncate_cascade;
pub mod unique_without_index;
pub mod validate_in_same_transaction;
pub mod vacuum_full_cluster;

use crate::lint::rule::Rule;

/// Every rule, in code order.
pub const ALL: &[&Rule] = &[
    &index_without_concurrently::RULE,
    &concurrently_in_transaction::RULE,
    &add_column_default_rewrite::RULE,
    &add_column_not_null::RULE,
    &set_not_null::RULE,
    &alter_column_type::RULE,
    &constraint_without_not_valid::RULE,
    &validate_in_same_transaction::RULE,
    &unique_without_index::RULE,
    &rename_table::RULE,
    &rename_column::RULE,
    &drop_table::RULE,
    &drop_column::RULE,
    &drop_schema::RULE,
    &truncate_cascade::RULE,
    &vacuum_full_cluster::RULE,
    &missing_lock_timeout::RULE,
    &enum_add_value::RULE,
    &identifier_too_long::RULE,
    &prefer_bigint::RULE,
    &prefer_identity::RULE,
    &prefer_timestamptz::RULE,
    &prefer_text::RULE,
];

#[cfg(test)]
mod tests {
    use super::ALL;

    #[test]
    fn codes_and_names_are_unique_and_in_order() {
        let mut codes: Vec<&str> = ALL.iter().map(|r| r.doc.code).collect();
        let sorted = {
            let mut c = codes.clone();
            c.sort();
            c
        };
        assert_eq!(codes, sorted);
        codes.dedup();
        assert_eq!(codes.len(), ALL.len());
        let mut names: Vec<&str> = ALL.iter().map(|r| r.doc.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
    }
}
