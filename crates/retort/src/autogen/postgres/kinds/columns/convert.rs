//! The `USING` expression of a column type change.
//!
//! `ALTER COLUMN ... TYPE` needs a cast from the old type to the new one.
//! PostgreSQL refuses the statement outright, even on an empty table, when
//! none exists (`integer` to `uuid`, `jsonb` to `bytea`). Rendering has no
//! database at hand to ask `pg_cast`, so the built-in type families decide:
//! within a family, or to and from the string types, the plain cast works;
//! to JSON, `to_jsonb` converts any value as a DBA would; elsewhere the value
//! goes through its text form, which converts what parses and fails loudly,
//! row by row, on what does not, rather than losing it.

/// The expression converting `column` (quoted) from `from` to `to`.
pub fn using_expression(column: &str, from: &str, to: &str) -> String {
    let (from_base, to_base) = (base_type(from), base_type(to));
    let from_array = from.ends_with("[]");
    let to_array = to.ends_with("[]");
    if matches!(to_base, "jsonb" | "json") && !to_array {
        if matches!(from_base, "jsonb" | "json") && !from_array {
            return format!("{column}::{to}");
        }
        if family(from_base) == Some(Family::String) && !from_array {
            return format!("{column}::{to}");
        }
        if from_base == "bytea" && !from_array {
            return format!("convert_from({column}, 'UTF8')::{to}");
        }
        return format!("to_{to_base}({column})");
    }
    if to_base == "bytea" && !to_array && matches!(from_base, "jsonb" | "json") && !from_array {
        return format!("convert_to({column}::text, 'UTF8')");
    }
    // Built-in casts outside the families: boolean and integer.
    let integer = |t: &str| matches!(t, "smallint" | "integer" | "bigint");
    if from_array == to_array && from_base == "boolean" && integer(to_base) {
        return format!("{column}::integer::{to}");
    }
    if from_array == to_array && integer(from_base) && to_base == "boolean" {
        return format!("{column}::integer::{to}");
    }
    if from_base == to_base && to_array && !from_array {
        return format!("ARRAY[{column}]");
    }
    let castable = from_array == to_array
        && (from_base == to_base
            || family(from_base) == Some(Family::String)
            || family(to_base) == Some(Family::String)
            || (family(from_base).is_some() && family(from_base) == family(to_base)));
    if castable {
        format!("{column}::{to}")
    } else {
        format!("{column}::text::{to}")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Number,
    String,
    DateTime,
    Json,
    Bits,
    Network,
}

/// Built-in types between which PostgreSQL has casts.
fn family(base: &str) -> Option<Family> {
    Some(match base {
        "smallint" | "integer" | "bigint" | "numeric" | "real" | "double precision" | "money" => {
            Family::Number
        }
        "text" | "character varying" | "character" | "\"char\"" | "name" | "citext" => {
            Family::String
        }
        "date"
        | "timestamp without time zone"
        | "timestamp with time zone"
        | "time without time zone"
        | "time with time zone" => Family::DateTime,
        "json" | "jsonb" => Family::Json,
        "bit" | "bit varying" => Family::Bits,
        "inet" | "cidr" => Family::Network,
        _ => return None,
    })
}

/// The type without its modifier and array brackets:
/// `character varying(20)[]` is `character varying`, and the `(3)` of
/// `timestamp(3) with time zone` goes too.
fn base_type(full: &str) -> &str {
    let without_array = full.trim_end_matches("[]");
    match without_array.find('(') {
        None => without_array,
        Some(open) => {
            let close = without_array[open..]
                .find(')')
                .map_or(without_array.len(), |c| open + c + 1);
            let rest = &without_array[close..];
            if rest.is_empty() {
                &without_array[..open]
            } else {
                // `timestamp(3) with time zone`: the modifier sits inside.
                match without_array {
                    t if t.starts_with("timestamp") && rest.contains("without") => {
                        "timestamp without time zone"
                    }
                    t if t.starts_with("timestamp") => "timestamp with time zone",
                    t if t.starts_with("time") && rest.contains("without") => {
                        "time without time zone"
                    }
                    t if t.starts_with("time") => "time with time zone",
                    _ => &without_array[..open],
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casts_within_a_family_and_to_text() {
        assert_eq!(using_expression("n", "integer", "bigint"), "n::bigint");
        assert_eq!(
            using_expression("n", "character varying(20)", "integer"),
            "n::integer"
        );
        assert_eq!(
            using_expression("at", "timestamp(3) with time zone", "date"),
            "at::date"
        );
        assert_eq!(using_expression("s", "integer", "text"), "s::text");
    }

    #[test]
    fn booleans_and_integers_convert_through_integer() {
        assert_eq!(
            using_expression("b", "boolean", "bigint"),
            "b::integer::bigint"
        );
        assert_eq!(
            using_expression("n", "smallint", "boolean"),
            "n::integer::boolean"
        );
    }

    #[test]
    fn converts_to_and_from_json() {
        assert_eq!(
            using_expression("tags", "integer[]", "jsonb"),
            "to_jsonb(tags)"
        );
        assert_eq!(using_expression("doc", "text", "jsonb"), "doc::jsonb");
        assert_eq!(
            using_expression("doc", "bytea", "jsonb"),
            "convert_from(doc, 'UTF8')::jsonb"
        );
        assert_eq!(
            using_expression("doc", "jsonb", "bytea"),
            "convert_to(doc::text, 'UTF8')"
        );
    }

    #[test]
    fn goes_through_text_where_no_cast_exists() {
        assert_eq!(using_expression("id", "integer", "uuid"), "id::text::uuid");
        assert_eq!(using_expression("id", "integer", "integer[]"), "ARRAY[id]");
        assert_eq!(
            using_expression("id", "bigint", "integer[]"),
            "id::text::integer[]"
        );
    }
}
