//! `check`, `diff` and `revision --autogenerate` for a project whose
//! database is SQLite: the target schema is loaded into SQLite in memory,
//! so no server or dev URL is involved.

use super::Context;
use retort::autogen::sqlite::{self, SqliteSource};
use retort::autogen::{self, ColumnRename, Migration};
use retort::db::introspect::IntrospectOptions;
use retort::project::Project;
use retort::url::{DatabaseUrl, SqliteTarget};
use retort::{Error, Result};
use std::path::PathBuf;

fn options(project: &Project) -> IntrospectOptions {
    IntrospectOptions::for_tool_tables(&project.config.version_table, &project.config.log_table)
}

fn target_schema(project: &Project) -> SqliteSource {
    SqliteSource::Files(autogen::target_files(&project.config))
}

/// `retort check`: exit 0 when the database matches the target schema,
/// else list the differences and exit 1.
pub fn check(ctx: &Context, project: &Project, database: &SqliteTarget) -> Result<()> {
    let options = options(project);
    let live = sqlite::read_schema(&SqliteSource::Database(database.clone()), &options)?;
    let target = sqlite::read_schema(&target_schema(project), &options)?;
    let ops = sqlite::diff(&live, &target);
    super::autogen::report_drift(ctx, ops.iter().map(|op| op.describe()).collect())
}

/// `retort diff`: each side is an SQLite URL or a schema file.
pub fn diff(
    ctx: &Context,
    project: &Project,
    database: &SqliteTarget,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<()> {
    let source =
        |given: Option<&str>, default: SqliteSource| -> Result<SqliteSource> {
            Ok(match given {
                None => default,
                Some(text) if text.contains("://") => match DatabaseUrl::parse(text)? {
                    DatabaseUrl::Sqlite(target) => SqliteSource::Database(target),
                    DatabaseUrl::Postgres(_) => return Err(Error::Usage(
                        "the project's database is SQLite, so --from and --to must name SQLite \
                         databases or schema files"
                            .to_string(),
                    )),
                },
                Some(path) => SqliteSource::Files(vec![PathBuf::from(path)]),
            })
        };
    let options = options(project);
    let from = source(from, SqliteSource::Database(database.clone()))?;
    let to = source(to, target_schema(project))?;
    let ops = sqlite::diff(
        &sqlite::read_schema(&from, &options)?,
        &sqlite::read_schema(&to, &options)?,
    );
    if ops.is_empty() {
        ctx.say("No changes.");
    } else {
        print!("{}", sqlite::render_statements(&ops));
    }
    Ok(())
}

/// The sections of a `revision --autogenerate`, or None when nothing changed.
pub fn revision_sections(
    ctx: &Context,
    project: &Project,
    database: &SqliteTarget,
    renames: &[String],
) -> Result<Option<Migration>> {
    let options = options(project);
    let live = sqlite::read_schema(&SqliteSource::Database(database.clone()), &options)?;
    let target = sqlite::read_schema(&target_schema(project), &options)?;
    let ops_with = |renames: &[String]| -> Result<Vec<sqlite::SqliteOp>> {
        // `OLD=NEW` renames a table, `TABLE.OLD=NEW` a column.
        let mut tables = Vec::new();
        let mut columns = Vec::new();
        for rename in renames {
            match rename.split_once('=') {
                Some((old, new)) if !old.contains('.') && !old.is_empty() && !new.is_empty() => {
                    tables.push((old.to_string(), new.to_string()))
                }
                _ => columns.push(ColumnRename::parse(rename)?),
            }
        }
        let (renamed, mut ops) = sqlite::apply_renames(&live, &target, &tables, &columns)?;
        ops.extend(sqlite::diff(&renamed, &target));
        Ok(ops)
    };
    let mut renames = renames.to_vec();
    let mut ops = ops_with(&renames)?;
    if super::rename_prompt::interactive() {
        let confirmed = super::rename_prompt::ask(&sqlite::rename_candidates(&ops))?;
        if !confirmed.is_empty() {
            renames.extend(confirmed);
            ops = ops_with(&renames)?;
        }
    }
    if ops.is_empty() {
        return Ok(None);
    }
    for op in &ops {
        ctx.say(&format!("Detected {}", op.describe()));
    }
    Ok(Some(sqlite::render_migration(&ops)))
}
