//! Putting the converted files in place, all or nothing: a file that
//! already exists is refused (unless forced) before anything is written;
//! every file is written into a hidden temporary directory beside its
//! final place and only then moved there, so that a failure part-way
//! leaves the versions directory as it was.

use crate::script::{Script, ScriptDirectory};
use crate::{tr, Error, Result};
use std::path::{Path, PathBuf};

pub fn place(target: &Path, files: &[(PathBuf, String)], force: bool) -> Result<()> {
    let io = |path: &Path, e: std::io::Error| Error::Usage(format!("{}: {e}", path.display()));
    if !force {
        let existing: Vec<String> = files
            .iter()
            .filter(|(path, _)| path.exists())
            .map(|(path, _)| format!("  {}", path.display()))
            .collect();
        if !existing.is_empty() {
            return Err(Error::Usage(tr!(
                "import-files-exist",
                count = existing.len(),
                files = existing.join("\n")
            )));
        }
    }
    std::fs::create_dir_all(target).map_err(|e| io(target, e))?;
    let staging = target.join(format!(".retort-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir(&staging).map_err(|e| io(&staging, e))?;
    let result = stage_and_move(&staging, files);
    let _ = std::fs::remove_dir_all(&staging);
    result
}

fn stage_and_move(staging: &Path, files: &[(PathBuf, String)]) -> Result<()> {
    let io = |path: &Path, e: std::io::Error| Error::Usage(format!("{}: {e}", path.display()));
    let mut staged = Vec::with_capacity(files.len());
    for (path, text) in files {
        let name = path.file_name().expect("a file name");
        let temp = staging.join(name);
        std::fs::write(&temp, text).map_err(|e| io(&temp, e))?;
        staged.push((temp, path));
    }
    // Renames within one directory tree: they do not fail for want of space.
    for (temp, path) in staged {
        std::fs::rename(&temp, path).map_err(|e| io(path, e))?;
    }
    Ok(())
}

/// The converted files as a script directory; a file that does not read
/// back is a usage error listing every such file.
pub(crate) fn converted_directory(scripts: Vec<Script>) -> Result<ScriptDirectory> {
    ScriptDirectory::from_scripts(scripts).map_err(|errors| {
        Error::Usage(
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })
}
