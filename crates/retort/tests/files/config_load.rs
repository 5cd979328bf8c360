//! Loading retort.toml from real files, with the environment injected so
//! that tests never touch (or race on) the process's variables.

use retort::config::{Config, ConfigError, ConfigOptions};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

fn load(cwd: &Path, options: ConfigOptions, env: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let options = ConfigOptions {
        cwd: Some(cwd.to_path_buf()),
        ..options
    };
    Config::load_with(&options, &env_of(env))
}

#[test]
fn found_by_walking_up_with_paths_relative_to_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "retort.toml",
        "script_location = \"db/migrations\"\nversion_locations = [\"extra\", \"/abs/v\"]\ntarget_schema = [\"schema.sql\"]\n",
    );
    let deep = dir.path().join("a/b/c");
    std::fs::create_dir_all(&deep).unwrap();
    let config = load(&deep, ConfigOptions::default(), &[]).unwrap();
    assert_eq!(config.path, file);
    assert_eq!(config.script_location, dir.path().join("db/migrations"));
    assert_eq!(
        config.version_dirs(),
        vec![
            dir.path().join("db/migrations/versions"),
            dir.path().join("extra"),
            PathBuf::from("/abs/v")
        ]
    );
    assert_eq!(
        config.target_schema,
        vec![retort::config::TargetSource::File(
            dir.path().join("schema.sql")
        )]
    );
}

#[test]
fn defaults_follow_alembic() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "retort.toml", "");
    let config = load(dir.path(), ConfigOptions::default(), &[]).unwrap();
    assert_eq!(config.script_location, dir.path().join("migrations"));
    assert_eq!(config.version_table, "alembic_version");
    assert_eq!(config.version_table_schema, None);
    assert_eq!(config.log_table, "retort_migration_log");
    assert_eq!(config.file_template, "{rev}_{slug}");
    assert_eq!(config.truncate_slug_length, 40);
    assert!(!config.transaction_per_migration);
    assert!(!config.autogenerate_concurrent_indexes);
    assert_eq!(config.url, None);
    assert_eq!(config.wait_timeout, None);
}

#[test]
fn every_key_is_read() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "retort.toml",
        r#"
script_location = "m"
url = "sqlite:///app.db"
version_table = "vt"
version_table_schema = "public"
target_schema = "one.sql"
transaction_per_migration = true
file_template = "{year}_{rev}"
version_locations = ["v2"]
log_table = "log"
wait_timeout = 2.5
lock_timeout = 10
autogenerate_concurrent_indexes = "${CONC:-true}"
dev_url = "postgresql://u:pw@h/dev"
truncate_slug_length = 20
"#,
    );
    let config = load(dir.path(), ConfigOptions::default(), &[]).unwrap();
    assert_eq!(config.url.as_deref(), Some("sqlite:///app.db"));
    assert_eq!(config.version_table, "vt");
    assert_eq!(config.version_table_schema.as_deref(), Some("public"));
    assert_eq!(
        config.target_schema,
        vec![retort::config::TargetSource::File(
            dir.path().join("one.sql")
        )]
    );
    assert!(config.transaction_per_migration);
    assert_eq!(config.file_template, "{year}_{rev}");
    assert_eq!(config.log_table, "log");
    assert_eq!(config.wait_timeout, Some(Duration::from_millis(2500)));
    assert_eq!(config.lock_timeout, Some(Duration::from_secs(10)));
    assert!(config.autogenerate_concurrent_indexes);
    assert_eq!(config.truncate_slug_length, 20);
    // Debug output redacts URL passwords.
    let debug = format!("{config:?}");
    assert!(debug.contains("postgresql://u:***@h/dev"), "{debug}");
    assert!(!debug.contains("pw@"), "{debug}");
}

#[test]
fn explicit_path_and_retort_config_variable() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "conf/a.toml", "version_table = \"a\"\n");
    write(dir.path(), "conf/b.toml", "version_table = \"b\"\n");
    write(dir.path(), "retort.toml", "version_table = \"walked\"\n");

    let by_flag = ConfigOptions {
        config_path: Some("conf/a.toml".into()),
        ..Default::default()
    };
    let config = load(
        dir.path(),
        by_flag.clone(),
        &[("RETORT_CONFIG", "conf/b.toml")],
    )
    .unwrap();
    assert_eq!(config.path, a);
    assert_eq!(config.version_table, "a");

    let config = load(
        dir.path(),
        ConfigOptions::default(),
        &[("RETORT_CONFIG", "conf/b.toml")],
    )
    .unwrap();
    assert_eq!(config.version_table, "b");

    let config = load(dir.path(), ConfigOptions::default(), &[]).unwrap();
    assert_eq!(config.version_table, "walked");

    let missing = ConfigOptions {
        config_path: Some("nope.toml".into()),
        ..Default::default()
    };
    let err = load(dir.path(), missing, &[]).unwrap_err().to_string();
    assert!(err.contains("nope.toml"), "{err}");
}

#[test]
fn missing_file_says_where_it_looked() {
    let dir = tempfile::tempdir().unwrap();
    let err = load(dir.path(), ConfigOptions::default(), &[]).unwrap_err();
    assert!(matches!(err, ConfigError::NotFound { .. }));
    let text = err.to_string();
    assert!(text.contains(&dir.path().display().to_string()), "{text}");
    assert!(text.contains("retort.toml"), "{text}");
}

#[test]
fn url_precedence_flag_then_database_url_then_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "retort.toml", "url = \"${FILE_URL}\"\n");
    let flag = ConfigOptions {
        url: Some("sqlite:///flag.db".into()),
        ..Default::default()
    };
    // The file's `${FILE_URL}` is unset, but it is not the URL in use.
    let config = load(dir.path(), flag, &[("DATABASE_URL", "sqlite:///env.db")]).unwrap();
    assert_eq!(config.url.as_deref(), Some("sqlite:///flag.db"));
    let config = load(
        dir.path(),
        ConfigOptions::default(),
        &[("DATABASE_URL", "sqlite:///env.db")],
    )
    .unwrap();
    assert_eq!(config.url.as_deref(), Some("sqlite:///env.db"));
    let config = load(
        dir.path(),
        ConfigOptions::default(),
        &[("FILE_URL", "sqlite:///file.db")],
    )
    .unwrap();
    assert_eq!(config.url.as_deref(), Some("sqlite:///file.db"));
}

#[test]
fn expansion_with_defaults_and_unset_variables() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "retort.toml",
        "url = \"${DB:-sqlite:///app.db}\"\nversion_table_schema = \"${SCHEMA}\"\n",
    );
    let config = load(dir.path(), ConfigOptions::default(), &[("SCHEMA", "s1")]).unwrap();
    assert_eq!(config.url.as_deref(), Some("sqlite:///app.db"));
    assert_eq!(config.version_table_schema.as_deref(), Some("s1"));

    let err = load(dir.path(), ConfigOptions::default(), &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("version_table_schema"), "{err}");
    assert!(err.contains("SCHEMA"), "{err}");
    assert!(err.contains("retort.toml line 2"), "{err}");
}

#[test]
fn env_tables_override_and_unknown_names_list_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "retort.toml",
        "url = \"sqlite:///dev.db\"\nversion_table = \"v\"\n\n[env.staging]\nurl = \"${STAGING_DATABASE_URL}\"\n\n[env.prod]\nwait_timeout = 30\n",
    );
    let staging = ConfigOptions {
        env_name: Some("staging".into()),
        ..Default::default()
    };
    let config = load(
        dir.path(),
        staging.clone(),
        &[("STAGING_DATABASE_URL", "postgresql://h/stage")],
    )
    .unwrap();
    assert_eq!(config.url.as_deref(), Some("postgresql://h/stage"));
    assert_eq!(config.version_table, "v");
    assert_eq!(config.env_name.as_deref(), Some("staging"));

    let err = load(dir.path(), staging, &[]).unwrap_err().to_string();
    assert!(err.contains("line 5"), "{err}");
    assert!(err.contains("STAGING_DATABASE_URL"), "{err}");

    // Without --env the staging URL is not used, so its variable need not be set.
    let config = load(dir.path(), ConfigOptions::default(), &[]).unwrap();
    assert_eq!(config.url.as_deref(), Some("sqlite:///dev.db"));

    let unknown = ConfigOptions {
        env_name: Some("stagin".into()),
        ..Default::default()
    };
    let err = load(dir.path(), unknown, &[]).unwrap_err().to_string();
    assert!(err.contains("unknown environment `stagin`"), "{err}");
    assert!(err.contains("staging, prod"), "{err}");
}

#[test]
fn unknown_keys_and_bad_values_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "retort.toml", "scrip_location = \"m\"\n");
    let err = load(dir.path(), ConfigOptions::default(), &[])
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        format!(
            "unknown key `scrip_location` in {} line 1; did you mean `script_location`?",
            file.display()
        )
    );

    write(
        dir.path(),
        "retort.toml",
        "\n\ntransaction_per_migration = \"yes\"\n",
    );
    let err = load(dir.path(), ConfigOptions::default(), &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 3"), "{err}");
    assert!(err.contains("transaction_per_migration"), "{err}");

    write(dir.path(), "retort.toml", "wait_timeout = -1\n");
    let err = load(dir.path(), ConfigOptions::default(), &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("wait_timeout"), "{err}");

    write(dir.path(), "retort.toml", "url = \"a\"\nurl = \"b\"\n");
    let err = load(dir.path(), ConfigOptions::default(), &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 2"), "{err}");
}

#[test]
fn database_url_is_parsed_on_demand() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "retort.toml", "");
    let config = load(dir.path(), ConfigOptions::default(), &[]).unwrap();
    let err = config.database_url().unwrap_err().to_string();
    assert!(err.contains("--url"), "{err}");
    let config = load(
        dir.path(),
        ConfigOptions::default(),
        &[("DATABASE_URL", "postgresql://u:sekrit@h/db")],
    )
    .unwrap();
    let url = config.database_url().unwrap();
    assert_eq!(url.redacted(), "postgresql://u:***@h/db");
}

#[test]
fn the_chosen_environments_url_beats_database_url() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "retort.toml",
        "url = \"sqlite:///base.db\"\n[env.staging]\nurl = \"sqlite:///staging.db\"\n[env.bare]\nwait_timeout = \"5m\"\n",
    );
    let env = |name: &str| ConfigOptions {
        env_name: Some(name.into()),
        ..Default::default()
    };
    let database_url = [("DATABASE_URL", "sqlite:///env.db")];
    let staging = load(dir.path(), env("staging"), &database_url).unwrap();
    assert_eq!(staging.url.as_deref(), Some("sqlite:///staging.db"));
    let bare = load(dir.path(), env("bare"), &database_url).unwrap();
    assert_eq!(bare.url.as_deref(), Some("sqlite:///env.db"));
    assert_eq!(bare.wait_timeout, Some(Duration::from_secs(300)));
    let base = load(dir.path(), env("bare"), &[]).unwrap();
    assert_eq!(base.url.as_deref(), Some("sqlite:///base.db"));
}

#[test]
fn a_url_built_from_parts_encodes_each_part() {
    // As teams write alembic.ini with interpolation: the parts in variables,
    // a password with `@`, `/`, `?` and `#` among them.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "retort.toml",
        "url = \"postgresql://${DB_USER}:${DB_PASSWORD}@${DB_HOST}:${DB_PORT:-5432}/${DB_NAME}\"\n",
    );
    let password = "p@ss/w?rd#1:%";
    let config = load(
        dir.path(),
        ConfigOptions::default(),
        &[
            ("DB_USER", "app user"),
            ("DB_PASSWORD", password),
            ("DB_HOST", "db.internal"),
            ("DB_NAME", "shop"),
        ],
    )
    .unwrap();
    let retort::url::DatabaseUrl::Postgres(pg) = config.database_url().unwrap() else {
        panic!("not a PostgreSQL URL");
    };
    assert_eq!(pg.password(), Some(password));
    assert_eq!(pg.user.as_deref(), Some("app user"));
    assert_eq!(pg.dbname.as_deref(), Some("shop"));
    // Printed, the password is masked whatever it holds.
    assert!(!format!("{config:?}").contains("w?rd"));
}

/// `backup` is off unless set, per environment like every key; the
/// directory and a `pg_dump` path are relative to retort.toml; a bad
/// `backup_keep` names the file and line.
#[test]
fn backup_settings_default_off_and_follow_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "retort.toml",
        "url = \"sqlite:///a.db\"\n\
         [env.prod]\n\
         backup = true\n\
         backup_directory = \"/srv/backups\"\n\
         backup_keep = 0\n\
         pg_dump = \"tools/pg_dump\"\n",
    );
    let plain = load(dir.path(), ConfigOptions::default(), &[]).unwrap();
    assert!(!plain.backup.enabled);
    assert_eq!(plain.backup.directory, dir.path().join("backups"));
    assert_eq!(plain.backup.keep, Some(10));
    assert_eq!(plain.backup.pg_dump, None);

    let prod = ConfigOptions {
        env_name: Some("prod".to_string()),
        ..ConfigOptions::default()
    };
    let prod = load(dir.path(), prod, &[]).unwrap();
    assert!(prod.backup.enabled);
    assert_eq!(prod.backup.directory, PathBuf::from("/srv/backups"));
    assert_eq!(prod.backup.keep, None, "0 keeps every backup");
    assert_eq!(prod.backup.pg_dump, Some(dir.path().join("tools/pg_dump")));

    write(
        dir.path(),
        "retort.toml",
        "backup = true\n\nbackup_keep = -3\n",
    );
    let err = load(dir.path(), ConfigOptions::default(), &[])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("line 3") && err.contains("backup_keep"),
        "{err}"
    );
    write(dir.path(), "retort.toml", "backup = \"sometimes\"\n");
    let err = load(dir.path(), ConfigOptions::default(), &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 1") && err.contains("`backup`"), "{err}");
}
