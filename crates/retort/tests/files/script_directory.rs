//! Loading a versions directory from real files, and writing new revisions into one.

use retort::config::{Config, ConfigOptions};
use retort::script::{
    write_new_revision, NewRevision, Script, ScriptDirectory, ScriptError, Template,
    DEFAULT_TEMPLATE, TEMPLATE_FILE_NAME,
};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn migration(id: &str, revises: &[&str]) -> String {
    format!(
        "-- migration {id}\n--\n-- Revision ID: {id}\n-- Revises: {}\n\n-- retort:upgrade\nCREATE TABLE t_{id} (x int);\n\n-- retort:downgrade\nDROP TABLE t_{id};\n",
        revises.join(", ")
    )
}

/// A project with retort.toml and `migrations/versions`.
fn project(extra_config: &str) -> (tempfile::TempDir, Config) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("retort.toml"),
        format!("script_location = \"migrations\"\n{extra_config}"),
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("migrations/versions")).unwrap();
    let config = Config::load_with(
        &ConfigOptions {
            cwd: Some(dir.path().to_path_buf()),
            ..Default::default()
        },
        &|_| None,
    )
    .unwrap();
    (dir, config)
}

fn put(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn loads_sql_files_sorted_by_code_point_and_skips_others() {
    let (dir, config) = project("");
    let versions = dir.path().join("migrations/versions");
    put(&versions, "b_second.sql", &migration("b", &["a"]));
    put(&versions, "a_first.sql", &migration("a", &[]));
    put(&versions, "B_upper.sql", &migration("B", &["b"]));
    put(&versions, "é_accent.sql", &migration("e", &["B"]));
    put(&versions, "notes.txt", "not a migration");
    put(&versions, ".#a_first.sql", "editor lock file");

    let scripts = ScriptDirectory::load(&config).unwrap();
    let ids: Vec<&str> = scripts.iter().map(|s| s.revision.as_str()).collect();
    // Code point order: 'B' (66) < 'a' (97) < 'b' (98) < 'é' (233).
    assert_eq!(ids, vec!["B", "a", "b", "e"]);
    let revisions = scripts.revisions();
    assert_eq!(revisions[2].id, "b");
    assert_eq!(revisions[2].down_revisions, vec!["a"]);
    assert_eq!(
        scripts.get("e").unwrap().path,
        versions.join("é_accent.sql")
    );
    assert!(scripts.get("zz").is_none());
    assert_eq!(scripts.len(), 4);

    // A `.sql` entry that is not a file is an error naming it, not a
    // migration left out in silence.
    std::fs::create_dir(versions.join("sub.sql")).unwrap();
    let error = ScriptDirectory::load(&config).unwrap_err().to_string();
    assert!(error.contains("sub.sql is a directory"), "{error}");
}

#[test]
fn version_locations_come_after_versions_unless_they_place_it() {
    let (dir, config) = project("version_locations = [\"more\", \"./more\"]\n");
    put(
        &dir.path().join("migrations/versions"),
        "z.sql",
        &migration("z", &[]),
    );
    put(&dir.path().join("more"), "a.sql", &migration("a", &["z"]));
    let scripts = ScriptDirectory::load(&config).unwrap();
    let ids: Vec<&str> = scripts.iter().map(|s| s.revision.as_str()).collect();
    // `versions` first although `a` sorts before `z`; `more` named twice is
    // read once, so its revision is not a duplicate.
    assert_eq!(ids, vec!["z", "a"]);

    // Naming `migrations/versions` among the locations puts it where it is
    // named, as in Alembic's `version_locations`.
    let (dir, config) = project("version_locations = [\"more\", \"./migrations/versions\"]\n");
    put(
        &dir.path().join("migrations/versions"),
        "z.sql",
        &migration("z", &[]),
    );
    put(&dir.path().join("more"), "a.sql", &migration("a", &[]));
    let scripts = ScriptDirectory::load(&config).unwrap();
    let ids: Vec<&str> = scripts.iter().map(|s| s.revision.as_str()).collect();
    assert_eq!(ids, vec!["a", "z"]);
}

#[test]
fn every_broken_file_is_reported_at_once() {
    let (dir, config) = project("");
    let versions = dir.path().join("migrations/versions");
    put(&versions, "1_ok.sql", &migration("ok", &[]));
    put(&versions, "2_no_id.sql", "-- no id\n-- retort:upgrade\n");
    put(
        &versions,
        "3_bad_option.sql",
        "-- Revision ID: x\n-- retort:upgrade fast\n",
    );
    put(&versions, "4_dup.sql", &migration("ok", &[]));
    let err = ScriptDirectory::load(&config).unwrap_err();
    let ScriptError::Many(errors) = &err else {
        panic!("expected several errors, got {err}");
    };
    assert_eq!(errors.len(), 3, "{err}");
    let text = err.to_string();
    assert!(
        text.contains("2_no_id.sql:2: missing `-- Revision ID"),
        "{text}"
    );
    assert!(
        text.contains("3_bad_option.sql:2: unknown option `fast`"),
        "{text}"
    );
    assert!(text.contains("revision `ok` is defined twice"), "{text}");
    assert!(
        text.contains("1_ok.sql") && text.contains("4_dup.sql"),
        "{text}"
    );
}

#[test]
fn a_single_problem_is_reported_as_itself() {
    let (dir, config) = project("");
    let versions = dir.path().join("migrations/versions");
    put(&versions, "a.sql", &migration("same", &[]));
    put(&versions, "b.sql", &migration("same", &[]));
    let err = ScriptDirectory::load(&config).unwrap_err();
    assert!(
        matches!(err, ScriptError::DuplicateRevision { .. }),
        "{err}"
    );
    let text = err.to_string();
    assert!(text.contains("a.sql") && text.contains("b.sql"), "{text}");
}

#[test]
fn missing_versions_directory_is_named() {
    let (dir, config) = project("");
    std::fs::remove_dir(dir.path().join("migrations/versions")).unwrap();
    let err = ScriptDirectory::load(&config).unwrap_err().to_string();
    assert!(err.contains("migrations/versions"), "{err}");
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn an_empty_directory_has_no_scripts() {
    let (_dir, config) = project("");
    assert!(ScriptDirectory::load(&config).unwrap().is_empty());
}

#[test]
fn five_thousand_files_load_quickly() {
    let (dir, config) = project("");
    let versions = dir.path().join("migrations/versions");
    let mut previous: Option<String> = None;
    for i in 0..5000 {
        let id = format!("{i:012x}");
        let revises: Vec<&str> = previous.iter().map(String::as_str).collect();
        put(
            &versions,
            &format!("{id}_step_{i}.sql"),
            &migration(&id, &revises),
        );
        previous = Some(id);
    }
    // Warm the page cache, then take the best of a few runs.
    ScriptDirectory::load(&config).unwrap();
    let best_of = |run: &dyn Fn()| {
        (0..5)
            .map(|_| {
                let start = Instant::now();
                run();
                start.elapsed()
            })
            .min()
            .unwrap()
    };
    let load = best_of(&|| assert_eq!(ScriptDirectory::load(&config).unwrap().len(), 5000));
    // What the machine needs just to read the files, one after the other:
    // loading may not cost much more than that (on an idle 2-core machine
    // both are well under 50 ms; a busy one slows both alike).
    let paths: Vec<PathBuf> = std::fs::read_dir(&versions)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let read_only = best_of(&|| {
        for path in &paths {
            std::fs::read(path).unwrap();
        }
    });
    // Unoptimised test builds parse far slower; they still catch anything
    // quadratic.
    let limit = if cfg!(debug_assertions) {
        read_only * 3 + Duration::from_millis(500)
    } else {
        read_only * 2 + Duration::from_millis(10)
    };
    eprintln!("5000 files: load {load:?}, reading alone {read_only:?}, limit {limit:?}");
    assert!(
        load < limit,
        "loading 5000 files took {load:?} (limit {limit:?})"
    );
}

#[test]
fn new_revision_written_from_the_project_template() {
    let (dir, config) = project("file_template = \"{year}{month}{day}_{rev}_{slug}\"\n");
    let versions = dir.path().join("migrations/versions");
    let mut new = NewRevision::new("Add users: the table!", vec!["a1".into()]);
    new.rev_id = "abc123".into();
    new.create_date = chrono::NaiveDate::from_ymd_opt(2026, 3, 4)
        .unwrap()
        .and_hms_opt(5, 6, 7)
        .unwrap();
    new.upgrade = "CREATE TABLE users ();\n".into();

    // The default template, when the project has none.
    let template = Template::load(&config.script_location).unwrap();
    assert_eq!(template, Template::default());
    let path = write_new_revision(
        &versions,
        &template,
        &config.file_template,
        config.truncate_slug_length,
        &new,
    )
    .unwrap();
    assert_eq!(
        path,
        versions.join("20260304_abc123_add_users_the_table.sql")
    );
    let script = Script::read(&path).unwrap();
    assert_eq!(script.revision, "abc123");
    assert_eq!(script.down_revisions, vec!["a1"]);
    assert_eq!(script.create_date.as_deref(), Some("2026-03-04 05:06:07"));
    assert_eq!(script.message, "Add users: the table!");

    // Never overwrites.
    let err = write_new_revision(&versions, &template, &config.file_template, 40, &new)
        .unwrap_err()
        .to_string();
    assert!(err.contains("abc123"), "{err}");

    // A project template is used, and must stay a valid migration.
    put(
        &config.script_location,
        TEMPLATE_FILE_NAME,
        &format!("-- generated by our team\n{DEFAULT_TEMPLATE}"),
    );
    let template = Template::load(&config.script_location).unwrap();
    new.rev_id = "def456".into();
    let path = write_new_revision(&versions, &template, "{rev}", 40, &new).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("-- generated by our team\n-- Add users"),
        "{text}"
    );
    assert_eq!(ScriptDirectory::load(&config).unwrap().len(), 2);

    put(
        &config.script_location,
        TEMPLATE_FILE_NAME,
        "-- ${message}\n-- retort:upgrade\n",
    );
    let template = Template::load(&config.script_location).unwrap();
    new.rev_id = "ghi789".into();
    let err = write_new_revision(&versions, &template, "{rev}", 40, &new)
        .unwrap_err()
        .to_string();
    assert!(err.contains("missing `-- Revision ID"), "{err}");
    assert!(!versions.join("ghi789.sql").exists());
}
