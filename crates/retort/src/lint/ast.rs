//! Reading PostgreSQL's parse tree (libpg_query's nodes) for the rules:
//! names, types, expressions. Pure helpers, no judgement.

use pg_query::protobuf::{
    self, a_const, AlterTableCmd, AlterTableType, ColumnDef, ConstrType, Constraint, RangeVar,
    TypeName,
};
use pg_query::NodeEnum;

/// A table as a statement names it: schema (when written) and name, as
/// PostgreSQL folded them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TableName {
    pub schema: Option<String>,
    pub name: String,
}

impl TableName {
    pub fn of(range: &RangeVar) -> TableName {
        TableName {
            schema: (!range.schemaname.is_empty()).then(|| range.schemaname.clone()),
            name: range.relname.clone(),
        }
    }

    /// Whether the two can be the same table: same name, and the same
    /// schema where both say one (an unqualified name may be either).
    pub fn matches(&self, other: &TableName) -> bool {
        self.name == other.name
            && match (&self.schema, &other.schema) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }
}

impl std::fmt::Display for TableName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.schema {
            Some(schema) => write!(f, "{schema}.{}", self.name),
            None => write!(f, "{}", self.name),
        }
    }
}

/// The node inside a `Node` wrapper.
pub fn inner(node: &protobuf::Node) -> Option<&NodeEnum> {
    node.node.as_ref()
}

/// A `String` node's text.
pub fn string(node: &protobuf::Node) -> Option<&str> {
    match inner(node)? {
        NodeEnum::String(s) => Some(&s.sval),
        _ => None,
    }
}

/// A list of `String` nodes joined with dots (`schema.name`).
pub fn dotted(nodes: &[protobuf::Node]) -> String {
    nodes.iter().filter_map(string).collect::<Vec<_>>().join(".")
}

/// The commands of an `ALTER TABLE`, each with its kind.
pub fn alter_commands(
    stmt: &protobuf::AlterTableStmt,
) -> impl Iterator<Item = (AlterTableType, &AlterTableCmd)> {
    stmt.cmds.iter().filter_map(|node| match inner(node)? {
        NodeEnum::AlterTableCmd(cmd) => Some((
            AlterTableType::try_from(cmd.subtype).unwrap_or(AlterTableType::Undefined),
            &**cmd,
        )),
        _ => None,
    })
}

/// The column definition an `ADD COLUMN` / `ALTER COLUMN TYPE` carries.
pub fn column_def(cmd: &AlterTableCmd) -> Option<&ColumnDef> {
    match inner(cmd.def.as_deref()?)? {
        NodeEnum::ColumnDef(def) => Some(def),
        _ => None,
    }
}

/// The constraint an `ADD CONSTRAINT` carries.
pub fn constraint(cmd: &AlterTableCmd) -> Option<&Constraint> {
    match inner(cmd.def.as_deref()?)? {
        NodeEnum::Constraint(c) => Some(c),
        _ => None,
    }
}

pub fn constr_type(c: &Constraint) -> ConstrType {
    ConstrType::try_from(c.contype).unwrap_or(ConstrType::Undefined)
}

/// The column's inline constraints.
pub fn column_constraints(def: &ColumnDef) -> impl Iterator<Item = &Constraint> {
    def.constraints.iter().filter_map(|n| match inner(n)? {
        NodeEnum::Constraint(c) => Some(&**c),
        _ => None,
    })
}

/// The column's `DEFAULT` expression, however it was written.
pub fn column_default(def: &ColumnDef) -> Option<&protobuf::Node> {
    def.raw_default.as_deref().or_else(|| {
        column_constraints(def)
            .find(|c| constr_type(c) == ConstrType::ConstrDefault)
            .and_then(|c| c.raw_expr.as_deref())
    })
}

/// Whether the column is declared `NOT NULL` (or `PRIMARY KEY`).
pub fn column_not_null(def: &ColumnDef) -> bool {
    def.is_not_null
        || column_constraints(def).any(|c| {
            matches!(
                constr_type(c),
                ConstrType::ConstrNotnull | ConstrType::ConstrPrimary
            )
        })
}

/// How a new column gets values for rows already there when PostgreSQL
/// must compute them row by row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FillsRows {
    Identity,
    /// A stored generated column.
    Generated,
    /// A `serial` type, whose default calls `nextval()`.
    Serial,
}

/// Whether (and how) the column computes a value for every existing row.
pub fn column_fills_rows(def: &ColumnDef) -> Option<FillsRows> {
    for c in column_constraints(def) {
        match constr_type(c) {
            ConstrType::ConstrIdentity => return Some(FillsRows::Identity),
            ConstrType::ConstrGenerated => return Some(FillsRows::Generated),
            _ => {}
        }
    }
    let ty = def.type_name.as_ref().map(type_base)?;
    matches!(
        ty.as_str(),
        "serial" | "serial4" | "bigserial" | "serial8" | "smallserial" | "serial2"
    )
    .then_some(FillsRows::Serial)
}

/// A type's name without `pg_catalog.`, as PostgreSQL spells it
/// internally (`int4`, `varchar`, `timestamptz`).
pub fn type_base(ty: &TypeName) -> String {
    ty.names
        .iter()
        .filter_map(string)
        .filter(|n| *n != "pg_catalog")
        .collect::<Vec<_>>()
        .join(".")
}

/// A type's integer modifiers (`varchar(20)` → `[20]`, `numeric(10,2)` →
/// `[10, 2]`); None when one is not a plain integer.
pub fn type_modifiers(ty: &TypeName) -> Option<Vec<i32>> {
    ty.typmods
        .iter()
        .map(|m| match inner(m)? {
            NodeEnum::AConst(c) => match c.val.as_ref()? {
                a_const::Val::Ival(i) => Some(i.ival),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// A type as SQL, for messages (`varchar(20)`, `int4[]`).
pub fn type_sql(ty: &TypeName) -> String {
    let mut out = type_base(ty);
    if let Some(mods) = type_modifiers(ty).filter(|m| !m.is_empty()) {
        let mods: Vec<String> = mods.iter().map(|m| m.to_string()).collect();
        out.push_str(&format!("({})", mods.join(",")));
    }
    for _ in &ty.array_bounds {
        out.push_str("[]");
    }
    out
}

/// The functions an expression calls, by name (`random`,
/// `public.my_func`), found anywhere in it.
pub fn called_functions(node: &protobuf::Node) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(json) = serde_json::to_value(node) {
        collect_calls(&json, &mut out);
    }
    out
}

fn collect_calls(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(call) = map.get("FuncCall") {
                if let Some(names) = call.get("funcname").and_then(|n| n.as_array()) {
                    let name: Vec<&str> = names
                        .iter()
                        .filter_map(|n| n.pointer("/node/String/sval")?.as_str())
                        .filter(|n| *n != "pg_catalog")
                        .collect();
                    out.push(name.join("."));
                }
            }
            for v in map.values() {
                collect_calls(v, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_calls(v, out)),
        _ => {}
    }
}

/// Every string constant anywhere in a statement (`'active'`).
pub fn string_constants(node: &NodeEnum) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(json) = serde_json::to_value(node) {
        collect_strings(&json, &mut out);
    }
    out
}

fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(s) = map
                .get("AConst")
                .and_then(|c| c.pointer("/val/Sval/sval"))
                .and_then(|s| s.as_str())
            {
                out.push(s.to_string());
            }
            for v in map.values() {
                collect_strings(v, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// Every value of the given keys anywhere in a statement (names it
/// defines: `colname`, `idxname`...).
pub fn names_under(node: &NodeEnum, keys: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(json) = serde_json::to_value(node) {
        collect_keys(&json, keys, &mut out);
    }
    out
}

fn collect_keys(value: &serde_json::Value, keys: &[&str], out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match v.as_str() {
                    Some(s) if keys.contains(&k.as_str()) && !s.is_empty() => {
                        out.push(s.to_string())
                    }
                    _ => collect_keys(v, keys, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_keys(v, keys, out)),
        _ => {}
    }
}

/// The option names of a `VACUUM (FULL)` / `REINDEX (CONCURRENTLY)`.
pub fn option_names(options: &[protobuf::Node]) -> Vec<String> {
    options
        .iter()
        .filter_map(|n| match inner(n)? {
            NodeEnum::DefElem(d) => Some(d.defname.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// Whether the option list turns `name` on (`(FULL)` or `(FULL true)`).
pub fn option_on(options: &[protobuf::Node], name: &str) -> bool {
    options.iter().any(|n| match inner(n) {
        Some(NodeEnum::DefElem(d)) if d.defname.eq_ignore_ascii_case(name) => {
            match d.arg.as_deref().and_then(inner) {
                Some(NodeEnum::Boolean(b)) => b.boolval,
                Some(NodeEnum::String(s)) => !matches!(s.sval.as_str(), "false" | "off" | "0"),
                Some(NodeEnum::Integer(i)) => i.ival != 0,
                _ => true,
            }
        }
        _ => false,
    })
}

/// The table a statement takes a strong lock on (one that blocks reads or
/// writes of others until the transaction ends), if it does.
pub fn strongly_locked_table(node: &NodeEnum) -> Option<TableName> {
    match node {
        NodeEnum::AlterTableStmt(s) => s.relation.as_ref().map(TableName::of),
        NodeEnum::IndexStmt(s) if !s.concurrent => s.relation.as_ref().map(TableName::of),
        NodeEnum::RenameStmt(s) => s.relation.as_ref().map(TableName::of),
        NodeEnum::TruncateStmt(s) => s.relations.iter().find_map(|n| match inner(n)? {
            NodeEnum::RangeVar(r) => Some(TableName::of(r)),
            _ => None,
        }),
        NodeEnum::CreateTrigStmt(s) => s.relation.as_ref().map(TableName::of),
        NodeEnum::ClusterStmt(s) => s.relation.as_ref().map(TableName::of),
        NodeEnum::DropStmt(s) if !s.concurrent => match object_type(s.remove_type) {
            protobuf::ObjectType::ObjectTable | protobuf::ObjectType::ObjectIndex => {
                s.objects.first().and_then(|o| match inner(o)? {
                    NodeEnum::List(l) => Some(qualified_name(&l.items)),
                    _ => None,
                })
            }
            _ => None,
        },
        _ => None,
    }
}

/// `schema.name` from a dotted list of names.
pub fn qualified_name(items: &[protobuf::Node]) -> TableName {
    let names: Vec<&str> = items.iter().filter_map(string).collect();
    match names.as_slice() {
        [.., schema, name] => TableName {
            schema: Some(schema.to_string()),
            name: name.to_string(),
        },
        [name] => TableName {
            schema: None,
            name: name.to_string(),
        },
        [] => TableName {
            schema: None,
            name: String::new(),
        },
    }
}

pub fn object_type(value: i32) -> protobuf::ObjectType {
    protobuf::ObjectType::try_from(value).unwrap_or(protobuf::ObjectType::Undefined)
}

/// The columns a statement defines or retypes, with their types:
/// `CREATE TABLE`'s, `ADD COLUMN`'s and `ALTER COLUMN ... TYPE`'s.
pub fn defined_columns(node: &NodeEnum) -> Vec<(String, &TypeName)> {
    let mut out = Vec::new();
    match node {
        NodeEnum::CreateStmt(c) => {
            for elt in &c.table_elts {
                if let Some(NodeEnum::ColumnDef(def)) = inner(elt) {
                    if let Some(ty) = &def.type_name {
                        out.push((def.colname.clone(), ty));
                    }
                }
            }
        }
        NodeEnum::AlterTableStmt(a) => {
            for (kind, cmd) in alter_commands(a) {
                let Some(def) = column_def(cmd) else { continue };
                let Some(ty) = &def.type_name else { continue };
                match kind {
                    AlterTableType::AtAddColumn => out.push((def.colname.clone(), ty)),
                    AlterTableType::AtAlterColumnType => out.push((cmd.name.clone(), ty)),
                    _ => {}
                }
            }
        }
        _ => {}
    }
    out
}
