//! `embed_migrations!`, re-exported and documented by the `retort` crate
//! (`retort::embed_migrations!`); use it from there.
//!
//! A `macro_rules!` macro cannot list a directory, hence this crate. It
//! expands to `::retort::EmbeddedMigrations::new(&[(name, include_str!(path)), ...])`
//! and does nothing else: the text is parsed at run time by the same parser
//! that reads a migrations directory, so errors name the file and line.
//! Plain `proc_macro`, no parsing crates: the input is one string literal.

use proc_macro::{TokenStream, TokenTree};
use std::path::{Path, PathBuf};

/// Embeds every migration file of a directory (see `retort::embed_migrations!`).
#[proc_macro]
pub fn embed_migrations(input: TokenStream) -> TokenStream {
    let expansion = argument(input).and_then(|location| expand(&location));
    match expansion {
        Ok(code) => code,
        Err(message) => format!("::core::compile_error!({message:?})"),
    }
    .parse()
    .expect("the expansion is valid Rust")
}

/// The directory named by the macro's argument: one string literal, or
/// nothing for `migrations`.
fn argument(input: TokenStream) -> Result<String, String> {
    let mut tokens: Vec<TokenTree> = input.into_iter().collect();
    // A literal passed through a `macro_rules!` arrives in an invisible group.
    while let [TokenTree::Group(group)] = tokens.as_slice() {
        if group.delimiter() != proc_macro::Delimiter::None {
            break;
        }
        tokens = group.stream().into_iter().collect();
    }
    match tokens.as_slice() {
        [] => Ok("migrations".to_string()),
        [TokenTree::Literal(literal)] => string_literal(&literal.to_string())
            .ok_or_else(|| format!("embed_migrations! expects a string literal, got `{literal}`")),
        _ => Err(
            "embed_migrations! expects one string literal: the migrations directory, \
             relative to the crate's Cargo.toml"
                .to_string(),
        ),
    }
}

/// The value of a plain (`"..."`) or raw (`r"..."`, `r#"..."#`) string literal.
fn string_literal(source: &str) -> Option<String> {
    if let Some(raw) = source.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let inner = raw.get(hashes..raw.len().checked_sub(hashes)?)?;
        return Some(inner.strip_prefix('"')?.strip_suffix('"')?.to_string());
    }
    let inner = source.strip_prefix('"')?.strip_suffix('"')?;
    let mut value = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            value.push(c);
            continue;
        }
        match chars.next()? {
            '\\' => value.push('\\'),
            '"' => value.push('"'),
            '\'' => value.push('\''),
            'n' => value.push('\n'),
            't' => value.push('\t'),
            'r' => value.push('\r'),
            '0' => value.push('\0'),
            _ => return None, // no path needs the rarer escapes
        }
    }
    Some(value)
}

fn expand(location: &str) -> Result<String, String> {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .ok_or("embed_migrations! needs CARGO_MANIFEST_DIR; build with cargo")?;
    let dir = manifest_dir.join(location);
    if !dir.is_dir() {
        return Err(format!(
            "embed_migrations!: {} is not a directory (the path is relative to {})",
            dir.display(),
            manifest_dir.display()
        ));
    }
    // The script_location (holding versions/) or the versions directory itself.
    let (versions, shown) = if dir.join("versions").is_dir() {
        (dir.join("versions"), format!("{location}/versions"))
    } else {
        (dir, location.to_string())
    };
    let shown = shown.trim_start_matches("./").to_string();
    let mut entries = Vec::new();
    for (name, path) in sql_files(&versions)? {
        let absolute = path
            .canonicalize()
            .map_err(|e| format!("embed_migrations!: cannot read {}: {e}", path.display()))?;
        let absolute = absolute.to_str().ok_or_else(|| {
            format!(
                "embed_migrations!: {} is not a UTF-8 path",
                absolute.display()
            )
        })?;
        let shown_name = format!("{shown}/{name}");
        entries.push(format!(
            "({shown_name:?}, ::core::include_str!({absolute:?}))"
        ));
    }
    Ok(format!(
        "::retort::EmbeddedMigrations::new(&[{}])",
        entries.join(", ")
    ))
}

/// The `.sql` files directly in `dir`, by name (byte order, as the
/// directory loader sorts them); hidden files are skipped as it skips them.
/// As for the loader, any other `.sql` entry that is not a readable file (a
/// dangling symbolic link, a directory) or whose name is not UTF-8 is an
/// error, not a migration left out in silence.
fn sql_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let read_error =
        |e: std::io::Error| format!("embed_migrations!: cannot read {}: {e}", dir.display());
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let entry = entry.map_err(read_error)?;
        let file_name = entry.file_name();
        let lossy = file_name.to_string_lossy();
        if !lossy.ends_with(".sql") || lossy.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Some(name) = file_name.to_str().map(str::to_string) else {
            return Err(format!(
                "embed_migrations!: {}: the file name is not valid UTF-8",
                path.display()
            ));
        };
        if !path.is_file() {
            return Err(format!(
                "embed_migrations!: {} is not a readable file (a dangling symbolic link, a \
                 directory...); fix or remove it",
                path.display()
            ));
        }
        files.push((name, path));
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::{sql_files, string_literal};

    #[test]
    fn a_dangling_link_is_an_error_not_a_migration_left_out() {
        let dir = std::env::temp_dir().join(format!("retort-macros-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a1_ok.sql"), "-- x\n").unwrap();
        std::fs::write(dir.join("notes.txt"), "").unwrap();
        assert_eq!(sql_files(&dir).unwrap().len(), 1);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.join("gone.sql"), dir.join("b1_link.sql")).unwrap();
            let error = sql_files(&dir).unwrap_err();
            assert!(
                error.contains("b1_link.sql is not a readable file"),
                "{error}"
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn string_literals_are_read_as_rust_reads_them() {
        assert_eq!(
            string_literal(r#""migrations""#).as_deref(),
            Some("migrations")
        );
        assert_eq!(string_literal(r#""a\\b\"c""#).as_deref(), Some("a\\b\"c"));
        assert_eq!(string_literal(r#"r"x\y""#).as_deref(), Some("x\\y"));
        assert_eq!(string_literal(r###"r#"x"y"#"###).as_deref(), Some("x\"y"));
        assert_eq!(string_literal("42"), None);
        assert_eq!(string_literal(r#""\u{41}""#), None);
    }
}
