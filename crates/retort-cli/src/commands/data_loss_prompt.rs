//! Before a downgrade drops tables or columns holding rows: the warning
//! (always, on stderr), and at a terminal the question whether to go on,
//! unless `--yes`. Away from a terminal (a deploy script) nobody can
//! answer, so the run goes on after the warning, as Alembic's would.
//! Also where the backup made before the run is announced.

use super::answer::is_yes_here;
use super::rename_prompt::interactive;
use retort::backup::{BackupError, BackupMade, BeforeRun, DataLoss};
use retort::tr;
use std::io::{BufRead, Write};

#[derive(Debug)]
pub struct Prompt {
    /// `--yes`: warn, but do not ask.
    pub yes: bool,
    /// `-q`: no backup announcement (warnings are still printed).
    pub quiet: bool,
}

impl BeforeRun for Prompt {
    fn confirm_data_loss(&self, losses: &[DataLoss]) -> Result<bool, BackupError> {
        let mut stderr = std::io::stderr();
        let ask = !self.yes && interactive();
        let stdin = std::io::stdin();
        confirm(losses, ask, &mut stdin.lock(), &mut stderr)
    }

    fn backup_made(&self, made: &BackupMade) {
        if !self.quiet {
            eprintln!(
                "{}",
                tr!(
                    "cli-backup-made",
                    path = &made.file.path,
                    size = made.file.size
                )
            );
            for old in &made.removed {
                eprintln!("{}", tr!("cli-backup-removed", path = old));
            }
        }
        if let Some(warning) = &made.warning {
            super::warn(&warning.to_string());
        }
    }
}

fn confirm(
    losses: &[DataLoss],
    ask: bool,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
) -> Result<bool, BackupError> {
    let io = |e: std::io::Error| BackupError::Prompt(e.to_string());
    writeln!(
        output,
        "{}{}",
        tr!("cli-warning-prefix"),
        tr!("cli-data-loss-warning")
    )
    .map_err(io)?;
    for loss in losses {
        writeln!(output, "  {loss}").map_err(io)?;
    }
    if !ask {
        return Ok(true);
    }
    write!(output, "{}", tr!("cli-data-loss-question")).map_err(io)?;
    output.flush().map_err(io)?;
    let mut answer = String::new();
    input.read_line(&mut answer).map_err(io)?;
    Ok(is_yes_here(&answer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn loss() -> DataLoss {
        DataLoss {
            revision: "r2".into(),
            path: PathBuf::from("migrations/versions/r2.sql"),
            line: 9,
            table: "orders".into(),
            column: None,
            rows: Some(3),
        }
    }

    #[test]
    fn only_yes_goes_on_when_asked() {
        let mut shown = Vec::new();
        assert!(!confirm(&[loss()], true, &mut "\n".as_bytes(), &mut shown).unwrap());
        assert!(!confirm(&[loss()], true, &mut "".as_bytes(), &mut shown).unwrap());
        assert!(confirm(&[loss()], true, &mut "y\n".as_bytes(), &mut shown).unwrap());
        let shown = String::from_utf8(shown).unwrap();
        assert!(
            shown
                .contains("table orders (3 rows) is dropped by r2 at migrations/versions/r2.sql:9"),
            "{shown}"
        );
    }

    #[test]
    fn not_asking_warns_and_goes_on() {
        let mut shown = Vec::new();
        assert!(confirm(&[loss()], false, &mut "n\n".as_bytes(), &mut shown).unwrap());
        let shown = String::from_utf8(shown).unwrap();
        assert!(
            shown.contains("warning: this downgrade drops data"),
            "{shown}"
        );
        assert!(!shown.contains("[y/N]"), "{shown}");
    }
}
