//! PostgreSQL's catalog into the schema model. Definitions come from the
//! server's own deparsers (`format_type`, `pg_get_expr`,
//! `pg_get_constraintdef`, `pg_get_indexdef`, ...), so that two databases
//! built from differently written SQL compare equal when PostgreSQL sees
//! them as the same.

use crate::autogen::postgres::model::*;
use crate::autogen::IntrospectOptions;
use crate::db::{Database, DbError};
use crate::tr;

/// Namespaces that are never the user's.
const USER_NAMESPACES: &str = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') \
     AND n.nspname NOT LIKE 'pg_temp_%' AND n.nspname NOT LIKE 'pg_toast_temp_%'";

/// True for objects an extension created: `pg_depend` says so with `deptype = 'e'`.
fn not_from_extension(catalog: &str, oid: &str) -> String {
    format!(
        "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '{catalog}'::regclass \
         AND e.objid = {oid} AND e.deptype = 'e')"
    )
}

const QUALIFIED_CLASS: &str = "quote_ident(n.nspname) || '.' || quote_ident(c.relname)";

/// A relation's or column's comment, joined rather than read with
/// `obj_description`/`col_description`: those run a query per row.
const COMMENT_JOIN: &str = "LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND";

type Row = Vec<Option<String>>;

fn query(db: &mut dyn Database, sql: &str) -> Result<Vec<Row>, DbError> {
    db.query_text(sql, &[])
        .map_err(|e| DbError::Message(tr!("autogen-catalog-read-failed", error = e.to_string())))
}

fn text(row: &Row, i: usize) -> String {
    row[i].clone().unwrap_or_default()
}

fn flag(row: &Row, i: usize) -> bool {
    row[i].as_deref() == Some("t")
}

/// Reads the whole user schema of the database `db` is connected to.
///
/// The session's search path is set to `public` first, so that both sides
/// of a comparison are deparsed the same way whatever a loaded script set.
pub fn introspect_postgres(
    db: &mut dyn Database,
    options: &IntrospectOptions,
) -> Result<Schema, DbError> {
    db.execute_script("RESET ALL; SET search_path TO public")
        .map_err(|e| DbError::Message(tr!("autogen-search-path-failed", error = e.to_string())))?;
    let excluded = options
        .exclude_tables
        .iter()
        .map(|t| format!("'{}'", t.replace('\'', "''")))
        .collect::<Vec<_>>();
    let table_filter = if excluded.is_empty() {
        "true".to_string()
    } else {
        format!("c.relname NOT IN ({})", excluded.join(", "))
    };
    let mut schema = Schema::default();
    read_server_version(db, &mut schema)?;
    read_schemas(db, &mut schema)?;
    read_extensions(db, &mut schema)?;
    read_enums(db, &mut schema)?;
    read_domains(db, &mut schema)?;
    read_composites(db, &mut schema)?;
    read_sequences(db, &mut schema)?;
    read_tables(db, &table_filter, &mut schema)?;
    read_columns(db, &table_filter, &mut schema)?;
    read_partition_not_null_names(db, &table_filter, &mut schema)?;
    read_constraints(db, &table_filter, &mut schema)?;
    read_indexes(db, &table_filter, &mut schema)?;
    read_views(db, &mut schema)?;
    read_functions(db, &mut schema)?;
    read_triggers(db, &table_filter, &mut schema)?;
    read_policies(db, &table_filter, &mut schema)?;
    read_identity_options(db, &table_filter, &mut schema)?;
    read_comments(db, &mut schema)?;
    Ok(schema)
}

/// What the server's catalog holds depends on its version: NOT NULL
/// constraints are named rows of `pg_constraint` since PostgreSQL 18.
fn read_server_version(db: &mut dyn Database, schema: &mut Schema) -> Result<(), DbError> {
    let rows = query(db, "SELECT current_setting('server_version_num')::int >= 180000")?;
    schema.not_null_names = rows.first().is_some_and(|row| flag(row, 0));
    Ok(())
}

fn read_schemas(db: &mut dyn Database, schema: &mut Schema) -> Result<(), DbError> {
    let sql = format!(
        "SELECT quote_ident(n.nspname) FROM pg_namespace n WHERE {USER_NAMESPACES} AND {}",
        not_from_extension("pg_namespace", "n.oid")
    );
    for row in query(db, &sql)? {
        schema.schemas.insert(text(&row, 0));
    }
    Ok(())
}

fn read_extensions(db: &mut dyn Database, schema: &mut Schema) -> Result<(), DbError> {
    // plpgsql comes with every database.
    let sql = "SELECT quote_ident(x.extname), quote_ident(n.nspname) FROM pg_extension x \
               JOIN pg_namespace n ON n.oid = x.extnamespace WHERE x.extname <> 'plpgsql'";
    for row in query(db, sql)? {
        let name = text(&row, 0);
        schema.extensions.insert(
            name.clone(),
            Extension {
                name,
                schema: text(&row, 1),
            },
        );
    }
    Ok(())
}

fn read_enums(db: &mut dyn Database, schema: &mut Schema) -> Result<(), DbError> {
    let sql = format!(
        "SELECT quote_ident(n.nspname) || '.' || quote_ident(t.typname), e.enumlabel \
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
         JOIN pg_enum e ON e.enumtypid = t.oid \
         WHERE {USER_NAMESPACES} AND {} ORDER BY 1, e.enumsortorder",
        not_from_extension("pg_type", "t.oid")
    );
    for row in query(db, &sql)? {
        let name = text(&row, 0);
        schema
            .enums
            .entry(name.clone())
            .or_insert_with(|| Enum {
                name,
                values: Vec::new(),
            })
            .values
            .push(text(&row, 1));
    }
    Ok(())
}

fn read_sequences(db: &mut dyn Database, schema: &mut Schema) -> Result<(), DbError> {
    let sql = format!(
        "SELECT {QUALIFIED_CLASS}, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, \
                s.seqmin, s.seqmax, s.seqcache, s.seqcycle, \
                quote_ident(tn.nspname) || '.' || quote_ident(t.relname), quote_ident(a.attname) \
         FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid \
              AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a' \
         LEFT JOIN pg_class t ON t.oid = d.refobjid \
         LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace \
         LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid \
         WHERE {USER_NAMESPACES} AND {} \
           AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass \
                           AND i.objid = c.oid AND i.deptype = 'i')",
        not_from_extension("pg_class", "c.oid")
    );
    for row in query(db, &sql)? {
        let name = text(&row, 0);
        let owned_by = match (&row[8], &row[9]) {
            (Some(table), Some(column)) => Some(ColumnRef {
                table: table.clone(),
                column: column.clone(),
            }),
            _ => None,
        };
        schema.sequences.insert(
            name.clone(),
            Sequence {
                name,
                data_type: text(&row, 1),
                start: text(&row, 2),
                increment: text(&row, 3),
                min: text(&row, 4),
                max: text(&row, 5),
                cache: text(&row, 6),
                cycle: flag(&row, 7),
                owned_by,
            },
        );
    }
    Ok(())
}

fn read_tables(db: &mut dyn Database, filter: &str, schema: &mut Schema) -> Result<(), DbError> {
    let sql = format!(
        "SELECT {QUALIFIED_CLASS}, d.description, \
                c.relrowsecurity, c.relforcerowsecurity, \
                CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, \
                (SELECT quote_ident(pn.nspname) || '.' || quote_ident(pc.relname) \
                 FROM pg_inherits h JOIN pg_class pc ON pc.oid = h.inhparent \
                 JOIN pg_namespace pn ON pn.oid = pc.relnamespace \
                 WHERE h.inhrelid = c.oid AND c.relispartition), \
                pg_get_expr(c.relpartbound, c.oid) \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         {COMMENT_JOIN} d.objoid = c.oid AND d.objsubid = 0 \
         WHERE c.relkind IN ('r', 'p') AND {USER_NAMESPACES} AND {filter} AND {}",
        not_from_extension("pg_class", "c.oid")
    );
    for row in query(db, &sql)? {
        let name = text(&row, 0);
        schema.tables.insert(
            name.clone(),
            Table {
                name,
                columns: Default::default(),
                constraints: Default::default(),
                comment: row[1].clone(),
                row_security: flag(&row, 2),
                force_row_security: flag(&row, 3),
                partition_by: row[4].clone(),
                partition_of: row[5].clone().map(|parent| PartitionOf {
                    parent,
                    bound: text(&row, 6),
                }),
                partition_not_null_names: Default::default(),
            },
        );
    }
    Ok(())
}

fn read_columns(db: &mut dyn Database, filter: &str, schema: &mut Schema) -> Result<(), DbError> {
    // The NOT NULL constraint's name comes from `pg_constraint` (contype
    // 'n', PostgreSQL 18); older servers have no such rows, and it is NULL.
    // An inherited one (INHERITS) is left out: PostgreSQL renames it only
    // with its parent's, which the parent's column carries. One NOT VALID
    // (18) is a constraint of the table, and the column counts as nullable.
    let sql = format!(
        "SELECT {QUALIFIED_CLASS}, quote_ident(a.attname), format_type(a.atttypid, a.atttypmod), \
                a.attnotnull AND NOT EXISTS (SELECT 1 FROM pg_constraint v \
                    WHERE v.conrelid = a.attrelid AND v.contype = 'n' \
                      AND v.conkey[1] = a.attnum AND NOT v.convalidated), \
                pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated, \
                a.attnum, \
                CASE WHEN a.attcollation <> ty.typcollation \
                     THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END, \
                d.description, \
                (SELECT quote_ident(k.conname) FROM pg_constraint k \
                 WHERE k.conrelid = a.attrelid AND k.contype = 'n' AND k.conkey[1] = a.attnum \
                   AND k.coninhcount = 0) \
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         JOIN pg_type ty ON ty.oid = a.atttypid \
         LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum \
         LEFT JOIN pg_collation co ON co.oid = a.attcollation \
         LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace \
         {COMMENT_JOIN} d.objoid = a.attrelid AND d.objsubid = a.attnum \
         WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') \
           AND NOT c.relispartition AND {USER_NAMESPACES} AND {filter}"
    );
    for row in query(db, &sql)? {
        let Some(table) = schema.tables.get_mut(&text(&row, 0)) else {
            continue;
        };
        // 's'tored, or 'v'irtual (PostgreSQL 18): either way the expression
        // in pg_attrdef is the generation's, not a default.
        let generated = matches!(row[6].as_deref(), Some("s" | "v"));
        let expression = row[4].clone();
        let not_null = flag(&row, 3);
        let column = Column {
            name: text(&row, 1),
            data_type: text(&row, 2),
            not_null,
            not_null_name: row[10].clone().filter(|_| not_null),
            default: if generated { None } else { expression.clone() },
            identity: match row[5].as_deref() {
                Some("a") => Some(Identity::Always),
                Some("d") => Some(Identity::ByDefault),
                _ => None,
            },
            identity_options: None,
            identity_sequence: None,
            generated: if generated { expression } else { None },
            generated_virtual: row[6].as_deref() == Some("v"),
            collation: row[8].clone(),
            comment: row[9].clone(),
            position: text(&row, 7).parse().unwrap_or(0),
        };
        table.columns.insert(column.name.clone(), column);
    }
    Ok(())
}

/// A partition's inherited NOT NULL constraints (PostgreSQL 18) named
/// otherwise than its parent's on the same column: one attached with its
/// own, or one that kept an earlier parent's name when it moved.
fn read_partition_not_null_names(
    db: &mut dyn Database,
    filter: &str,
    schema: &mut Schema,
) -> Result<(), DbError> {
    let sql = format!(
        "SELECT {QUALIFIED_CLASS}, quote_ident(a.attname), quote_ident(k.conname) \
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.conkey[1] \
         JOIN pg_inherits h ON h.inhrelid = c.oid \
         JOIN pg_attribute pa ON pa.attrelid = h.inhparent AND pa.attname = a.attname \
         JOIN pg_constraint pk ON pk.conrelid = h.inhparent AND pk.contype = 'n' \
              AND pk.conkey[1] = pa.attnum \
         WHERE k.contype = 'n' AND k.coninhcount > 0 AND c.relispartition \
           AND k.conname <> pk.conname AND {USER_NAMESPACES} AND {filter}"
    );
    for row in query(db, &sql)? {
        if let Some(table) = schema.tables.get_mut(&text(&row, 0)) {
            table
                .partition_not_null_names
                .insert(text(&row, 1), text(&row, 2));
        }
    }
    Ok(())
}

fn read_constraints(
    db: &mut dyn Database,
    filter: &str,
    schema: &mut Schema,
) -> Result<(), DbError> {
    let sql = format!(
        "SELECT {QUALIFIED_CLASS}, quote_ident(co.conname), co.contype, \
                pg_get_constraintdef(co.oid), \
                quote_ident(rn.nspname) || '.' || quote_ident(r.relname) \
         FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         LEFT JOIN pg_class r ON r.oid = co.confrelid \
         LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace \
         WHERE (co.contype IN ('p', 'u', 'c', 'f', 'x') \
                OR (co.contype = 'n' AND NOT co.convalidated AND co.coninhcount = 0)) \
           AND c.relkind IN ('r', 'p') \
           AND co.conparentid = 0 AND co.conislocal AND {USER_NAMESPACES} AND {filter}"
    );
    for row in query(db, &sql)? {
        let Some(table) = schema.tables.get_mut(&text(&row, 0)) else {
            continue;
        };
        let kind = match row[2].as_deref() {
            Some("p") => ConstraintKind::PrimaryKey,
            Some("u") => ConstraintKind::Unique,
            Some("c") => ConstraintKind::Check,
            Some("f") => ConstraintKind::ForeignKey,
            Some("n") => ConstraintKind::NotNullNotValid,
            _ => ConstraintKind::Exclusion,
        };
        let name = text(&row, 1);
        table.constraints.insert(
            name.clone(),
            Constraint {
                name,
                kind,
                definition: text(&row, 3),
                references: row[4].clone(),
            },
        );
    }
    Ok(())
}

fn read_indexes(db: &mut dyn Database, filter: &str, schema: &mut Schema) -> Result<(), DbError> {
    let sql = format!(
        "SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname), {QUALIFIED_CLASS}, \
                pg_get_indexdef(i.indexrelid) \
         FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid \
         JOIN pg_class c ON c.oid = i.indrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE c.relkind IN ('r', 'p', 'm') AND {USER_NAMESPACES} AND {filter} AND {} \
           AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid \
                           AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x')) \
           AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)",
        not_from_extension("pg_class", "c.oid")
    );
    for row in query(db, &sql)? {
        let name = text(&row, 0);
        schema.indexes.insert(
            name.clone(),
            Index {
                name,
                table: text(&row, 1),
                // A partitioned table's index: creating it plainly builds
                // the partitions' indexes too, which ON ONLY would not.
                definition: text(&row, 2).replacen(" ON ONLY ", " ON ", 1),
            },
        );
    }
    Ok(())
}

fn read_views(db: &mut dyn Database, schema: &mut Schema) -> Result<(), DbError> {
    let sql = format!(
        "SELECT {QUALIFIED_CLASS}, c.relkind, pg_get_viewdef(c.oid) \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE c.relkind IN ('v', 'm') AND {USER_NAMESPACES} AND {}",
        not_from_extension("pg_class", "c.oid")
    );
    for row in query(db, &sql)? {
        let name = text(&row, 0);
        let definition = text(&row, 2).trim().trim_end_matches(';').to_string();
        schema.views.insert(
            name.clone(),
            View {
                name,
                materialized: row[1].as_deref() == Some("m"),
                definition,
                depends_on: Default::default(),
            },
        );
    }
    // A view's rewrite rule depends on every relation its query reads.
    let sql = format!(
        "SELECT DISTINCT {QUALIFIED_CLASS}, quote_ident(rn.nspname) || '.' || quote_ident(r.relname) \
         FROM pg_rewrite rw JOIN pg_class c ON c.oid = rw.ev_class \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid \
              AND d.refclassid = 'pg_class'::regclass \
         JOIN pg_class r ON r.oid = d.refobjid JOIN pg_namespace rn ON rn.oid = r.relnamespace \
         WHERE c.relkind IN ('v', 'm') AND r.oid <> c.oid AND {USER_NAMESPACES}"
    );
    for row in query(db, &sql)? {
        if let Some(view) = schema.views.get_mut(&text(&row, 0)) {
            view.depends_on.insert(text(&row, 1));
        }
    }
    Ok(())
}

fn read_functions(db: &mut dyn Database, schema: &mut Schema) -> Result<(), DbError> {
    let sql = format!(
        "SELECT quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' \
                || pg_get_function_identity_arguments(p.oid) || ')', \
                p.prokind, pg_get_functiondef(p.oid), \
                coalesce(pg_get_function_result(p.oid), ''), pg_get_function_arguments(p.oid) \
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
         WHERE p.prokind IN ('f', 'p') AND {USER_NAMESPACES} AND {}",
        not_from_extension("pg_proc", "p.oid")
    );
    for row in query(db, &sql)? {
        let signature = text(&row, 0);
        schema.functions.insert(
            signature.clone(),
            Function {
                signature,
                procedure: row[1].as_deref() == Some("p"),
                result: text(&row, 3),
                arguments: text(&row, 4),
                definition: text(&row, 2).trim_end().to_string(),
            },
        );
    }
    Ok(())
}

fn read_triggers(db: &mut dyn Database, filter: &str, schema: &mut Schema) -> Result<(), DbError> {
    let sql = format!(
        "SELECT {QUALIFIED_CLASS}, quote_ident(t.tgname), pg_get_triggerdef(t.oid) \
         FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND {USER_NAMESPACES} AND {filter}"
    );
    for row in query(db, &sql)? {
        let table = text(&row, 0);
        let name = text(&row, 1);
        schema.triggers.insert(
            format!("{table} {name}"),
            Trigger {
                name,
                table,
                definition: text(&row, 2),
            },
        );
    }
    Ok(())
}

fn read_domains(db: &mut dyn Database, schema: &mut Schema) -> Result<(), DbError> {
    let sql = format!(
        "SELECT quote_ident(n.nspname) || '.' || quote_ident(t.typname), \
                format_type(t.typbasetype, t.typtypmod), t.typdefault, t.typnotnull, \
                CASE WHEN t.typcollation <> b.typcollation \
                     THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END, \
                quote_ident(k.conname), pg_get_constraintdef(k.oid) \
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
         JOIN pg_type b ON b.oid = t.typbasetype \
         LEFT JOIN pg_collation co ON co.oid = t.typcollation \
         LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace \
         LEFT JOIN pg_constraint k ON k.contypid = t.oid AND k.contype = 'c' \
         WHERE t.typtype = 'd' AND {USER_NAMESPACES} AND {}",
        not_from_extension("pg_type", "t.oid")
    );
    for row in query(db, &sql)? {
        let name = text(&row, 0);
        let domain = schema
            .domains
            .entry(name.clone())
            .or_insert_with(|| Domain {
                name,
                data_type: text(&row, 1),
                default: row[2].clone(),
                not_null: flag(&row, 3),
                collation: row[4].clone(),
                checks: Default::default(),
            });
        if let (Some(check), Some(definition)) = (&row[5], &row[6]) {
            domain.checks.insert(check.clone(), definition.clone());
        }
    }
    Ok(())
}

fn read_composites(db: &mut dyn Database, schema: &mut Schema) -> Result<(), DbError> {
    let sql = format!(
        "SELECT quote_ident(n.nspname) || '.' || quote_ident(t.typname), \
                quote_ident(a.attname), format_type(a.atttypid, a.atttypmod), \
                CASE WHEN a.attcollation <> ty.typcollation \
                     THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END \
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
         JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c' \
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped \
         JOIN pg_type ty ON ty.oid = a.atttypid \
         LEFT JOIN pg_collation co ON co.oid = a.attcollation \
         LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace \
         WHERE t.typtype = 'c' AND {USER_NAMESPACES} AND {} ORDER BY 1, a.attnum",
        not_from_extension("pg_type", "t.oid")
    );
    for row in query(db, &sql)? {
        let name = text(&row, 0);
        schema
            .composites
            .entry(name.clone())
            .or_insert_with(|| CompositeType {
                name,
                attributes: Vec::new(),
            })
            .attributes
            .push(Attribute {
                name: text(&row, 1),
                data_type: text(&row, 2),
                collation: row[3].clone(),
            });
    }
    Ok(())
}

fn read_policies(db: &mut dyn Database, filter: &str, schema: &mut Schema) -> Result<(), DbError> {
    let sql = format!(
        "SELECT {QUALIFIED_CLASS}, quote_ident(p.polname), p.polpermissive, \
                CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' \
                     WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END, \
                CASE WHEN 0 = ANY (p.polroles) THEN 'PUBLIC' ELSE \
                     (SELECT string_agg(quote_ident(r.rolname), ', ' ORDER BY r.rolname) \
                      FROM pg_roles r WHERE r.oid = ANY (p.polroles)) END, \
                pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid) \
         FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE {USER_NAMESPACES} AND {filter}"
    );
    for row in query(db, &sql)? {
        let table = text(&row, 0);
        let name = text(&row, 1);
        schema.policies.insert(
            format!("{table} {name}"),
            Policy {
                name,
                table,
                permissive: flag(&row, 2),
                command: text(&row, 3),
                roles: text(&row, 4).split(", ").map(str::to_string).collect(),
                using: row[5].clone(),
                with_check: row[6].clone(),
            },
        );
    }
    Ok(())
}

/// Identity columns' sequence options, where they differ from what a plain
/// `GENERATED ... AS IDENTITY` on that type would get.
fn read_identity_options(
    db: &mut dyn Database,
    filter: &str,
    schema: &mut Schema,
) -> Result<(), DbError> {
    let sql = format!(
        "SELECT {QUALIFIED_CLASS}, quote_ident(a.attname), \
                s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, \
                (SELECT quote_ident(sn.nspname) || '.' || quote_ident(sc.relname) \
                 FROM pg_class sc JOIN pg_namespace sn ON sn.oid = sc.relnamespace \
                 WHERE sc.oid = s.seqrelid), \
                CASE format_type(s.seqtypid, NULL) WHEN 'smallint' THEN 32767 \
                     WHEN 'integer' THEN 2147483647 ELSE 9223372036854775807 END \
         FROM pg_depend d JOIN pg_sequence s ON s.seqrelid = d.objid \
         JOIN pg_class c ON c.oid = d.refobjid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid \
         WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass \
           AND d.deptype = 'i' AND a.attidentity <> '' AND {USER_NAMESPACES} AND {filter}"
    );
    for row in query(db, &sql)? {
        let Some(column) = schema
            .tables
            .get_mut(&text(&row, 0))
            .and_then(|t| t.columns.get_mut(&text(&row, 1)))
        else {
            continue;
        };
        let number = |i: usize| text(&row, i).parse::<i128>().unwrap_or(0);
        let (start, increment, min, max, cache) =
            (number(2), number(3), number(4), number(5), number(6));
        let type_max = number(9);
        column.identity_sequence = row[8].clone();
        let (default_min, default_max) = if increment > 0 {
            (1, type_max)
        } else {
            (-type_max - 1, -1)
        };
        let default_start = if increment > 0 { min } else { max };
        let mut options = Vec::new();
        if start != default_start {
            options.push(format!("START WITH {start}"));
        }
        if increment != 1 {
            options.push(format!("INCREMENT BY {increment}"));
        }
        if min != default_min {
            options.push(format!("MINVALUE {min}"));
        }
        if max != default_max {
            options.push(format!("MAXVALUE {max}"));
        }
        if cache != 1 {
            options.push(format!("CACHE {cache}"));
        }
        if flag(&row, 7) {
            options.push("CYCLE".to_string());
        }
        column.identity_options = (!options.is_empty()).then(|| options.join(" "));
    }
    Ok(())
}

/// Comments on everything but tables and columns, keyed as `COMMENT ON`
/// names the object.
fn read_comments(db: &mut dyn Database, schema: &mut Schema) -> Result<(), DbError> {
    let class_kind = "CASE c.relkind WHEN 'v' THEN 'VIEW ' WHEN 'm' THEN 'MATERIALIZED VIEW ' \
                      WHEN 'S' THEN 'SEQUENCE ' ELSE 'INDEX ' END";
    let sql = format!(
        "SELECT {class_kind} || {QUALIFIED_CLASS}, d.description \
         FROM pg_description d JOIN pg_class c ON c.oid = d.objoid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE d.classoid = 'pg_class'::regclass AND d.objsubid = 0 \
           AND c.relkind IN ('v', 'm', 'S', 'i', 'I') AND {USER_NAMESPACES} AND {class_ext} \
         UNION ALL \
         SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END \
                || quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' \
                || pg_get_function_identity_arguments(p.oid) || ')', d.description \
         FROM pg_description d JOIN pg_proc p ON p.oid = d.objoid \
         JOIN pg_namespace n ON n.oid = p.pronamespace \
         WHERE d.classoid = 'pg_proc'::regclass AND {USER_NAMESPACES} AND {proc_ext} \
         UNION ALL \
         SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN ' ELSE 'TYPE ' END \
                || quote_ident(n.nspname) || '.' || quote_ident(t.typname), d.description \
         FROM pg_description d JOIN pg_type t ON t.oid = d.objoid \
         JOIN pg_namespace n ON n.oid = t.typnamespace \
         WHERE d.classoid = 'pg_type'::regclass AND t.typtype IN ('e', 'd', 'c') \
           AND {USER_NAMESPACES} AND {type_ext} \
         UNION ALL \
         SELECT 'SCHEMA ' || quote_ident(n.nspname), d.description \
         FROM pg_description d JOIN pg_namespace n ON n.oid = d.objoid \
         WHERE d.classoid = 'pg_namespace'::regclass AND {USER_NAMESPACES} AND {schema_ext} \
         UNION ALL \
         SELECT 'CONSTRAINT ' || quote_ident(k.conname) || ' ON ' \
                || CASE WHEN k.contypid <> 0 THEN 'DOMAIN ' || quote_ident(tn.nspname) || '.' \
                        || quote_ident(t.typname) \
                   ELSE quote_ident(n.nspname) || '.' || quote_ident(c.relname) END, \
                d.description \
         FROM pg_description d JOIN pg_constraint k ON k.oid = d.objoid \
         LEFT JOIN pg_class c ON c.oid = k.conrelid \
         LEFT JOIN pg_namespace n ON n.oid = c.relnamespace \
         LEFT JOIN pg_type t ON t.oid = k.contypid \
         LEFT JOIN pg_namespace tn ON tn.oid = t.typnamespace \
         WHERE d.classoid = 'pg_constraint'::regclass \
         UNION ALL \
         SELECT 'TRIGGER ' || quote_ident(g.tgname) || ' ON ' || {QUALIFIED_CLASS}, d.description \
         FROM pg_description d JOIN pg_trigger g ON g.oid = d.objoid \
         JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE d.classoid = 'pg_trigger'::regclass AND NOT g.tgisinternal \
         UNION ALL \
         SELECT 'POLICY ' || quote_ident(p.polname) || ' ON ' || {QUALIFIED_CLASS}, d.description \
         FROM pg_description d JOIN pg_policy p ON p.oid = d.objoid \
         JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE d.classoid = 'pg_policy'::regclass",
        class_ext = not_from_extension("pg_class", "c.oid"),
        proc_ext = not_from_extension("pg_proc", "p.oid"),
        type_ext = not_from_extension("pg_type", "t.oid"),
        schema_ext = not_from_extension("pg_namespace", "n.oid"),
    );
    for row in query(db, &sql)? {
        let key = text(&row, 0);
        // Only objects the model holds: an index a constraint owns, or a
        // table the options leave out, is not compared.
        if key.starts_with("INDEX ") && !schema.indexes.contains_key(&key["INDEX ".len()..]) {
            continue;
        }
        if let Some((_, table)) = key.split_once(" ON ") {
            if !table.starts_with("DOMAIN ") && !schema.tables.contains_key(table) {
                continue;
            }
        }
        if key.starts_with("SEQUENCE ") && !schema.sequences.contains_key(&key["SEQUENCE ".len()..])
        {
            continue;
        }
        schema.comments.insert(key, text(&row, 1));
    }
    Ok(())
}
