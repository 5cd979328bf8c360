//! Rebuilds the `embedded_sqlite` example when a migration file is added to
//! its directory. `embed_migrations!` includes the files it found, and the
//! compiler notices edits to those, but not a new file in the directory:
//! an application embedding its migrations has this line in its build.rs.

fn main() {
    let migrations = "examples/embedded_sqlite/migrations";
    if std::path::Path::new(migrations).is_dir() {
        println!("cargo:rerun-if-changed={migrations}");
    } else {
        // Packaged without examples: nothing to watch (a missing path
        // would rerun this script on every build).
        println!("cargo:rerun-if-changed=build.rs");
    }
}
