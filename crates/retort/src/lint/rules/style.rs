//! What the style rules (R101-R104) share: columns of a type to avoid.

use crate::lint::ast;
use crate::lint::rule::Hit;
use crate::lint::text::{lint_tr, Value};
use pg_query::protobuf::TypeName;
use pg_query::NodeEnum;

/// The columns a statement defines whose type `avoid` picks, each as a
/// finding saying `prefer ...` (a type, or a message saying more): what
/// the style rules (R101-R104) share.
pub fn columns_of_avoided_types(
    node: &NodeEnum,
    avoid: impl Fn(&TypeName) -> bool,
    prefer: impl Into<Value>,
) -> Vec<Hit> {
    let prefer = prefer.into();
    ast::defined_columns(node)
        .into_iter()
        .filter(|(_, ty)| avoid(ty))
        .map(|(column, ty)| {
            Hit::new(lint_tr!(
                "lint-style-prefer",
                column = column,
                type_name = ast::type_sql(ty),
                prefer = prefer.clone()
            ))
        })
        .collect()
}
