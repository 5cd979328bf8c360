//! Commands that move the version table: upgrade, downgrade, stamp,
//! ensure_version — online, or as a script with --sql.

use super::Context;
use crate::cli::{MigrateArgs, StampArgs};
use retort::project::Project;
use retort::url::Dialect;
use retort::{Error, Result};

/// Which way a migrate command goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Upgrade,
    Downgrade,
}

/// The dialect an offline script is written in: the URL's.
fn offline_dialect(project: &Project) -> Result<Dialect> {
    Ok(project.config.database_url()?.dialect())
}

pub fn migrate(ctx: &Context, verb: Verb, args: &MigrateArgs) -> Result<()> {
    let project = ctx.project()?;
    if args.sql {
        let dialect = offline_dialect(&project)?;
        let sql = match verb {
            Verb::Upgrade => project.upgrade_sql(&args.revision, dialect)?,
            Verb::Downgrade => project.downgrade_sql(&args.revision, dialect)?,
        };
        print!("{sql}");
        return Ok(());
    }
    if args.revision.contains(':') {
        return Err(Error::Usage("Range revision not allowed".to_string()));
    }
    Err(Error::Usage("online migrations are not available yet".to_string()))
}

pub fn stamp(ctx: &Context, args: &StampArgs) -> Result<()> {
    let project = ctx.project()?;
    if args.sql {
        let dialect = offline_dialect(&project)?;
        print!("{}", project.stamp_sql(&args.revisions, args.purge, dialect)?);
        return Ok(());
    }
    if args.revisions.iter().any(|r| r.contains(':')) {
        return Err(Error::Usage("Range revision not allowed".to_string()));
    }
    Err(Error::Usage("online stamp is not available yet".to_string()))
}

pub fn ensure_version(ctx: &Context, sql: bool) -> Result<()> {
    let project = ctx.project()?;
    if sql {
        print!("{}", project.ensure_version_sql(offline_dialect(&project)?));
        return Ok(());
    }
    Err(Error::Usage("online ensure_version is not available yet".to_string()))
}
