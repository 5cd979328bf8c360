//! `target_schema`: what autogenerate compares the database with. Each
//! entry is a SQL file, SQLAlchemy models (`"sqlalchemy:MODULE:ATTRIBUTE"`)
//! or a program whose output is the SQL (`{ command = ["prog", "arg"] }`);
//! a list runs its entries in order into one database.

use std::path::PathBuf;

/// The prefix of a `target_schema` string naming SQLAlchemy models.
pub const SQLALCHEMY_PREFIX: &str = "sqlalchemy:";

/// One entry of `target_schema`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetSource {
    /// A SQL file, run as written.
    File(PathBuf),
    /// A SQLAlchemy `MetaData`: `module` imported with the project's
    /// directory on `sys.path`, then `attribute` (dotted) read from it.
    SqlAlchemy { module: String, attribute: String },
    /// A program run without a shell in the project's directory; its
    /// standard output is the SQL.
    Command(Vec<String>),
}

impl TargetSource {
    /// Reads a string entry: `sqlalchemy:MODULE:ATTRIBUTE`, else a file
    /// path (relative to `base_dir`). The error is the reason alone.
    pub fn parse(text: &str, base_dir: &std::path::Path) -> Result<TargetSource, String> {
        let Some(spec) = text.strip_prefix(SQLALCHEMY_PREFIX) else {
            return Ok(TargetSource::File(base_dir.join(text)));
        };
        let Some((module, attribute)) = spec.split_once(':') else {
            return Err(crate::tr!("config-sqlalchemy-no-attribute", text = text));
        };
        let dotted = |s: &str| {
            !s.is_empty()
                && s.split('.').all(|part| {
                    part.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
                        && part.chars().all(|c| c.is_alphanumeric() || c == '_')
                })
        };
        if !dotted(module) || !dotted(attribute) {
            return Err(crate::tr!("config-sqlalchemy-not-dotted", text = text));
        }
        Ok(TargetSource::SqlAlchemy {
            module: module.to_string(),
            attribute: attribute.to_string(),
        })
    }

    /// How errors and listings name this entry.
    pub fn describe(&self) -> String {
        match self {
            TargetSource::File(path) => path.display().to_string(),
            TargetSource::SqlAlchemy { module, attribute } => {
                crate::tr!("config-describe-models", module = module, attribute = attribute)
            }
            TargetSource::Command(argv) => {
                crate::tr!("config-describe-command", command = argv.join(" "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn strings_are_files_or_models() {
        let base = Path::new("/p");
        assert_eq!(
            TargetSource::parse("schema.sql", base),
            Ok(TargetSource::File(PathBuf::from("/p/schema.sql")))
        );
        assert_eq!(
            TargetSource::parse("sqlalchemy:app.models:Base.metadata", base),
            Ok(TargetSource::SqlAlchemy {
                module: "app.models".into(),
                attribute: "Base.metadata".into()
            })
        );
        for bad in [
            "sqlalchemy:app.models",
            "sqlalchemy::metadata",
            "sqlalchemy:app models:metadata",
            "sqlalchemy:app.models:Base.",
        ] {
            let err = TargetSource::parse(bad, base).unwrap_err();
            assert!(err.contains("sqlalchemy:MODULE:ATTRIBUTE"), "{bad}: {err}");
        }
    }
}
