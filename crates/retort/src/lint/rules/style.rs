//! What the style rules (R101-R104) share: columns of a type to avoid.

use crate::lint::ast;
use crate::lint::rule::Hit;
use pg_query::protobuf::TypeName;
use pg_query::NodeEnum;

/// The columns a statement defines whose type `avoid` picks, each as a
/// finding saying `prefer ...`: what the style rules (R101-R104) share.
pub fn columns_of_avoided_types(
    node: &NodeEnum,
    avoid: impl Fn(&TypeName) -> bool,
    prefer: &str,
) -> Vec<Hit> {
    ast::defined_columns(node)
        .into_iter()
        .filter(|(_, ty)| avoid(ty))
        .map(|(column, ty)| {
            Hit::new(format!(
                "column {column} is {}: prefer {prefer}",
                ast::type_sql(ty)
            ))
        })
        .collect()
}
