//! What the statements before one did, as far as the rules care: tables
//! created in this run (no one else can be using them), the type each
//! known column has, `lock_timeout`, constraints added `NOT VALID` and enum
//! values added in the transaction still open.

use super::ast::{self, TableName};
use pg_query::protobuf::a_const::Val;
use pg_query::protobuf::{AlterTableType, ConstrType, NullTestType, TransactionStmtKind};
use pg_query::NodeEnum;

#[derive(Debug, Clone, Default)]
pub struct State {
    /// Tables created earlier in the run.
    created: Vec<TableName>,
    /// Indexes created earlier in the run on tables created in it.
    created_indexes: Vec<String>,
    /// Column types known from the run: (table, column, type as SQL,
    /// base type, modifiers).
    columns: Vec<KnownColumn>,
    /// `SET lock_timeout` ran in this session (a section runs on one).
    pub lock_timeout_set: bool,
    /// `migration_lock_timeout` is configured: retort sets lock_timeout
    /// before every migration statement.
    pub lock_timeout_configured: bool,
    /// The warning about a missing lock_timeout was given for this section.
    pub lock_timeout_warned: bool,
    /// Constraints added `NOT VALID` in the open transaction.
    pub not_valid_in_transaction: Vec<String>,
    /// Enum values added in the open transaction.
    pub enum_values_in_transaction: Vec<String>,
    /// `CHECK (col IS NOT NULL)` constraints: (table, constraint, column,
    /// validated in an earlier transaction).
    not_null_checks: Vec<(TableName, String, String, bool)>,
    /// An explicit `BEGIN` in a section that runs outside one.
    pub explicit_transaction: bool,
}

#[derive(Debug, Clone)]
pub struct KnownColumn {
    pub table: TableName,
    pub column: String,
    pub type_name: pg_query::protobuf::TypeName,
}

impl State {
    /// Whether the table was created earlier in the run: nobody else can
    /// hold a lock on it or have rows in it that matter.
    pub fn is_new(&self, table: &TableName) -> bool {
        self.created.iter().any(|t| t.matches(table))
    }

    pub fn is_new_index(&self, name: &str) -> bool {
        self.created_indexes.iter().any(|i| i == name)
    }

    /// The column's type, when the run defined it.
    pub fn column_type(
        &self,
        table: &TableName,
        column: &str,
    ) -> Option<&pg_query::protobuf::TypeName> {
        self.columns
            .iter()
            .rev()
            .find(|c| c.column == column && c.table.matches(table))
            .map(|c| &c.type_name)
    }

    /// Whether a `CHECK (column IS NOT NULL)` on the table was validated in
    /// an earlier transaction, so `SET NOT NULL` need not scan (PG 12+).
    pub fn has_validated_not_null_check(&self, table: &TableName, column: &str) -> bool {
        self.not_null_checks
            .iter()
            .any(|(t, _, c, valid)| *valid && c == column && t.matches(table))
    }

    /// A transaction ended: what was pending in it is committed.
    pub fn end_transaction(&mut self) {
        self.not_valid_in_transaction.clear();
        self.enum_values_in_transaction.clear();
    }

    /// A migration of a history: tables created by earlier ones were in
    /// use by the time it ran. Column types stay known.
    pub fn forget_created(&mut self) {
        self.created.clear();
        self.created_indexes.clear();
    }

    /// A new section (a new session): `SET lock_timeout` does not carry over.
    pub fn start_section(&mut self) {
        self.lock_timeout_set = false;
        self.lock_timeout_warned = false;
        self.explicit_transaction = false;
    }

    /// Learns what `node` did.
    pub fn observe(&mut self, node: &NodeEnum) {
        match node {
            NodeEnum::CreateStmt(s) => {
                if let Some(rel) = &s.relation {
                    let table = TableName::of(rel);
                    for elt in &s.table_elts {
                        if let Some(NodeEnum::ColumnDef(def)) = ast::inner(elt) {
                            self.learn_column(&table, &def.colname, def.type_name.as_ref());
                        }
                    }
                    self.created.push(table);
                }
            }
            NodeEnum::CreateTableAsStmt(s) => {
                if let Some(rel) = s.into.as_ref().and_then(|i| i.rel.as_ref()) {
                    self.created.push(TableName::of(rel));
                }
            }
            NodeEnum::IndexStmt(s) => {
                let on_new = s
                    .relation
                    .as_ref()
                    .is_some_and(|r| self.is_new(&TableName::of(r)));
                if on_new && !s.idxname.is_empty() {
                    self.created_indexes.push(s.idxname.clone());
                }
            }
            NodeEnum::RenameStmt(s) => {
                if let Some(rel) = &s.relation {
                    let old = TableName::of(rel);
                    if ast::object_type(s.rename_type) == pg_query::protobuf::ObjectType::ObjectTable
                        && self.is_new(&old)
                    {
                        self.created.push(TableName {
                            schema: old.schema.clone(),
                            name: s.newname.clone(),
                        });
                    }
                }
            }
            NodeEnum::VariableSetStmt(s) if s.name.eq_ignore_ascii_case("lock_timeout") => {
                let zero = s.args.iter().any(|a| match ast::inner(a) {
                    Some(NodeEnum::AConst(c)) => match &c.val {
                        Some(Val::Ival(i)) => i.ival == 0,
                        Some(Val::Sval(v)) => v.sval.trim() == "0",
                        _ => false,
                    },
                    _ => false,
                });
                // RESET / SET ... TO DEFAULT / 0 mean no limit again.
                self.lock_timeout_set = !s.args.is_empty() && !zero;
            }
            NodeEnum::AlterTableStmt(s) => {
                let Some(rel) = &s.relation else { return };
                let table = TableName::of(rel);
                for (kind, cmd) in ast::alter_commands(s) {
                    match kind {
                        AlterTableType::AtAddColumn => {
                            if let Some(def) = ast::column_def(cmd) {
                                self.learn_column(&table, &def.colname, def.type_name.as_ref());
                            }
                        }
                        AlterTableType::AtAlterColumnType => {
                            if let Some(def) = ast::column_def(cmd) {
                                self.learn_column(&table, &cmd.name, def.type_name.as_ref());
                            }
                        }
                        AlterTableType::AtAddConstraint => {
                            let Some(c) = ast::constraint(cmd) else { continue };
                            if c.skip_validation {
                                self.not_valid_in_transaction.push(c.conname.clone());
                            }
                            if ast::constr_type(c) == ConstrType::ConstrCheck {
                                if let Some(column) = not_null_test(c) {
                                    self.not_null_checks.push((
                                        table.clone(),
                                        c.conname.clone(),
                                        column,
                                        // Valid from the start when added
                                        // without NOT VALID (it scanned).
                                        !c.skip_validation,
                                    ));
                                }
                            }
                        }
                        AlterTableType::AtValidateConstraint => {
                            // Validated (in this transaction or an earlier
                            // one), SET NOT NULL can rely on it.
                            for (t, name, _, valid) in &mut self.not_null_checks {
                                if *name == cmd.name && t.matches(&table) {
                                    *valid = true;
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            NodeEnum::AlterEnumStmt(s) if !s.new_val.is_empty() && s.old_val.is_empty() => {
                self.enum_values_in_transaction.push(s.new_val.clone());
            }
            NodeEnum::TransactionStmt(s) => {
                match TransactionStmtKind::try_from(s.kind).unwrap_or(TransactionStmtKind::Undefined)
                {
                    TransactionStmtKind::TransStmtBegin | TransactionStmtKind::TransStmtStart => {
                        self.explicit_transaction = true
                    }
                    TransactionStmtKind::TransStmtCommit
                    | TransactionStmtKind::TransStmtRollback
                    | TransactionStmtKind::TransStmtPrepare => {
                        self.explicit_transaction = false;
                        self.end_transaction();
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn learn_column(
        &mut self,
        table: &TableName,
        column: &str,
        type_name: Option<&pg_query::protobuf::TypeName>,
    ) {
        if let Some(type_name) = type_name {
            self.columns.push(KnownColumn {
                table: table.clone(),
                column: column.to_string(),
                type_name: type_name.clone(),
            });
        }
    }
}

/// The column a `CHECK (column IS NOT NULL)` tests, if that is all it does.
fn not_null_test(c: &pg_query::protobuf::Constraint) -> Option<String> {
    match ast::inner(c.raw_expr.as_deref()?)? {
        NodeEnum::NullTest(t)
            if NullTestType::try_from(t.nulltesttype) == Ok(NullTestType::IsNotNull) =>
        {
            match ast::inner(t.arg.as_deref()?)? {
                NodeEnum::ColumnRef(r) => r.fields.last().and_then(ast::string).map(String::from),
                _ => None,
            }
        }
        _ => None,
    }
}
