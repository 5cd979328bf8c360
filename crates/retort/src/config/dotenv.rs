//! The `.env` file beside retort.toml: more variables for `${VAR}` (and
//! `DATABASE_URL`), used only where the real environment does not set the
//! name, as dbmate and most frameworks read it. Parsed into a map with
//! dotenvy; the process environment is never changed.

use super::error::ConfigError;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The `.env` file's name, looked for in the configuration file's directory.
pub const DOTENV_FILE_NAME: &str = ".env";

/// The variables of the `.env` beside `config_path`, none when there is no
/// such file. A line dotenvy cannot read is an error naming the file and
/// the line.
pub fn read_beside(config_path: &Path) -> Result<HashMap<String, String>, ConfigError> {
    let path = config_path
        .parent()
        .unwrap_or(Path::new(""))
        .join(DOTENV_FILE_NAME);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashMap::new()),
        Err(source) => return Err(ConfigError::Io { path, source }),
    };
    parse(&path, &text)
}

fn parse(path: &Path, text: &str) -> Result<HashMap<String, String>, ConfigError> {
    let mut vars = HashMap::new();
    for item in dotenvy::from_read_iter(text.as_bytes()) {
        match item {
            // A later line wins, as when the file is sourced by a shell.
            Ok((name, value)) => {
                vars.insert(name, value);
            }
            Err(e) => return Err(line_error(path.to_path_buf(), text, e)),
        }
    }
    Ok(vars)
}

/// dotenvy names the offending line by its text; the user wants its number.
fn line_error(path: PathBuf, text: &str, error: dotenvy::Error) -> ConfigError {
    match error {
        dotenvy::Error::LineParse(line, _) => {
            let first = line.lines().next().unwrap_or("").trim_end();
            let number = text
                .lines()
                .position(|l| l.trim_end() == first)
                .map_or(1, |i| i + 1);
            ConfigError::Syntax {
                path,
                line: number,
                message: crate::tr!("config-dotenv-line", line = first),
            }
        }
        other => ConfigError::Message(crate::tr!(
            "cannot-read",
            path = path.as_path(),
            reason = other.to_string()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_quotes_comments_and_export_are_read() {
        let vars = parse(
            Path::new(".env"),
            "# a comment\nexport DB_HOST=db.local\nDB_PASSWORD='p@ss w#rd'\nEMPTY=\n\nPORT=5432 # trailing\n",
        )
        .unwrap();
        assert_eq!(vars["DB_HOST"], "db.local");
        assert_eq!(vars["DB_PASSWORD"], "p@ss w#rd");
        assert_eq!(vars["EMPTY"], "");
        assert_eq!(vars["PORT"], "5432");
    }

    #[test]
    fn a_bad_line_is_named_by_its_number() {
        let err = parse(Path::new("/p/.env"), "A=1\n\nnot a variable line\nB=2\n").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("/p/.env line 3: "), "{text}");
        assert!(text.contains("not a variable line"), "{text}");
    }
}
