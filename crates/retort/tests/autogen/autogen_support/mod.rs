//! Shared by the autogenerate tests: two databases on the test server, one
//! playing the live database and one the loaded target schema.

#![allow(dead_code)]

use retort::autogen::postgres::introspect_postgres;
use retort::autogen::postgres::model::Schema;
use retort::autogen::postgres::{diff, render_migration_with, render_statements, RenderOptions};
use retort::autogen::IntrospectOptions;
use retort::db::pg_params::PgParams;
use retort::db::postgres::PgDatabase;
use retort::db::Database;
use retort::url::DatabaseUrl;
use std::path::{Path, PathBuf};

pub fn params(db: &retort_testkit::TestDatabase) -> PgParams {
    let DatabaseUrl::Postgres(url) = DatabaseUrl::parse(&db.url).expect("test url") else {
        panic!("not a PostgreSQL URL");
    };
    PgParams::resolve(&url, &Default::default(), None).expect("params")
}

/// psql meta-commands (`\restrict` in new pg_dump output) are not SQL.
pub fn without_meta_commands(sql: &str) -> String {
    sql.lines()
        .map(|l| if l.starts_with('\\') { "" } else { l })
        .collect::<Vec<_>>()
        .join("\n")
}

pub struct Harness {
    pub live: PgDatabase,
    pub target: PgDatabase,
    pub live_params: PgParams,
    live_url: String,
    target_url: String,
    /// The pg_dump matching the server (a newer server refuses an older one).
    pg_dump: PathBuf,
    server: &'static retort_testkit::TestServer,
}

/// `pg_dump --schema-only` of the database at `url`.
pub fn pg_dump(url: &str) -> Result<String, String> {
    pg_dump_with(Path::new("pg_dump"), url)
}

/// [`pg_dump`] with the given program.
pub fn pg_dump_with(program: &Path, url: &str) -> Result<String, String> {
    let dump = std::process::Command::new(program)
        .args(["--schema-only", "--no-owner", "--no-privileges", "-d", url])
        .output()
        .map_err(|e| format!("cannot run pg_dump: {e}"))?;
    if !dump.status.success() {
        return Err(format!(
            "pg_dump failed: {}",
            String::from_utf8_lossy(&dump.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&dump.stdout).into_owned())
}

/// A dump with what cannot matter set aside: comments, blank lines, psql
/// meta-commands (`\restrict` carries a random key), and the order of the
/// lines inside each `CREATE TABLE` (ADD COLUMN appends; no tool reorders
/// columns).
pub fn comparable_dump(dump: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut table: Option<Vec<String>> = None;
    for line in dump.lines() {
        if line.is_empty() || line.starts_with("--") || line.starts_with('\\') {
            continue;
        }
        if let Some(columns) = table.as_mut() {
            if line.starts_with(')') {
                columns.sort();
                out.append(columns);
                out.push(line.to_string());
                table = None;
            } else {
                columns.push(line.trim_end_matches(',').to_string());
            }
            continue;
        }
        out.push(line.to_string());
        if line.starts_with("CREATE TABLE ") && line.ends_with('(') {
            table = Some(Vec::new());
        }
    }
    out
}

/// The first lines where two comparable dumps part, for a failure message.
pub fn dump_difference(actual: &[String], expected: &[String]) -> String {
    let at = actual
        .iter()
        .zip(expected)
        .position(|(a, e)| a != e)
        .unwrap_or(actual.len().min(expected.len()));
    let window = |lines: &[String]| {
        lines
            .iter()
            .skip(at.saturating_sub(2))
            .take(8)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "the dumps part at line {at}:\n--- actual\n{}\n--- expected\n{}",
        window(actual),
        window(expected)
    )
}

impl Harness {
    /// On the tests' PostgreSQL server.
    pub fn new() -> Harness {
        Harness::on(retort_testkit::server())
    }

    /// On `server`, with its own pg_dump.
    pub fn on(server: &'static retort_testkit::TestServer) -> Harness {
        let (live_db, target_db) = (
            retort_testkit::database_on(server),
            retort_testkit::database_on(server),
        );
        let pg_dump = server
            .bin_dir
            .as_ref()
            .map(|dir| dir.join("pg_dump"))
            .unwrap_or_else(|| PathBuf::from("pg_dump"));
        let live_params = params(&live_db);
        let target_params = params(&target_db);
        Harness {
            live: PgDatabase::connect(&live_params).expect("connect live"),
            target: PgDatabase::connect(&target_params).expect("connect target"),
            live_params,
            live_url: live_db.url,
            target_url: target_db.url,
            pg_dump,
            server,
        }
    }

    /// Fresh databases for the next case. (Wiping the old ones with DROP
    /// EXTENSION ... CASCADE trips over PostgreSQL's cache on some
    /// extensions; a new database is sure and costs under a second.)
    pub fn reset(&mut self) {
        *self = Harness::on(self.server);
    }

    /// Loads A into the live database and B as the target, migrates up and
    /// down, and checks each end against the other side's introspection.
    /// Returns the number of ops the diff had.
    pub fn check(&mut self, a_sql: &str, b_sql: &str) -> Result<usize, String> {
        self.check_with(a_sql, b_sql, RenderOptions::default())
    }

    pub fn check_with(
        &mut self,
        a_sql: &str,
        b_sql: &str,
        render: RenderOptions,
    ) -> Result<usize, String> {
        self.check_renamed(a_sql, b_sql, render, &[])
    }

    /// As [`Harness::check_with`], with `--rename` requests.
    pub fn check_renamed(
        &mut self,
        a_sql: &str,
        b_sql: &str,
        render: RenderOptions,
        renames: &[String],
    ) -> Result<usize, String> {
        self.reset();
        let options = IntrospectOptions::for_tool_tables("alembic_version", "retort_migration_log");
        self.live
            .execute_script(&without_meta_commands(a_sql))
            .map_err(|e| format!("A does not load: {e}"))?;
        self.target
            .execute_script(&without_meta_commands(b_sql))
            .map_err(|e| format!("B does not load: {e}"))?;
        let a = introspect_postgres(&mut self.live, &options).map_err(|e| e.to_string())?;
        let b = introspect_postgres(&mut self.target, &options).map_err(|e| e.to_string())?;
        let dump_a = comparable_dump(&pg_dump_with(&self.pg_dump, &self.live_url)?);
        let dump_b = comparable_dump(&pg_dump_with(&self.pg_dump, &self.target_url)?);
        if !diff(&b, &b).is_empty() {
            return Err("diff(B, B) is not empty".into());
        }
        let ops = retort::autogen::postgres::diff_with_renames(&a, &b, renames)
            .map_err(|e| e.to_string())?;
        let migration = render_migration_with(&ops, render);
        let upgrade = if migration.upgrade_no_transaction {
            self.live.execute_autocommit(&migration.upgrade)
        } else {
            self.live.execute_script(&migration.upgrade)
        };
        upgrade.map_err(|e| format!("upgrade fails: {e}\n{}", migration.upgrade))?;
        let after_up = introspect_postgres(&mut self.live, &options).map_err(|e| e.to_string())?;
        if after_up != b {
            return Err(format!(
                "after the upgrade the database is not B; still to do:\n{}\nupgrade was:\n{}",
                remaining(&after_up, &b),
                migration.upgrade
            ));
        }
        let dump_up = comparable_dump(&pg_dump_with(&self.pg_dump, &self.live_url)?);
        if dump_up != dump_b {
            return Err(format!(
                "after the upgrade pg_dump differs from B's: {}\nupgrade was:\n{}",
                dump_difference(&dump_up, &dump_b),
                migration.upgrade
            ));
        }
        let downgrade = if migration.downgrade_no_transaction {
            self.live.execute_autocommit(&migration.downgrade)
        } else {
            self.live.execute_script(&migration.downgrade)
        };
        downgrade.map_err(|e| format!("downgrade fails: {e}\n{}", migration.downgrade))?;
        let after_down =
            introspect_postgres(&mut self.live, &options).map_err(|e| e.to_string())?;
        if after_down != a {
            return Err(format!(
                "after the downgrade the database is not A; still to do:\n{}\ndowngrade was:\n{}",
                remaining(&after_down, &a),
                migration.downgrade
            ));
        }
        let dump_down = comparable_dump(&pg_dump_with(&self.pg_dump, &self.live_url)?);
        if dump_down != dump_a {
            return Err(format!(
                "after the downgrade pg_dump differs from A's: {}\ndowngrade was:\n{}",
                dump_difference(&dump_down, &dump_a),
                migration.downgrade
            ));
        }
        Ok(ops.len())
    }
}

/// What would still turn `actual` into `expected`, or a note that the
/// models differ in a way the diff does not see.
pub fn remaining(actual: &Schema, expected: &Schema) -> String {
    let ops = diff(actual, expected);
    if ops.is_empty() {
        format!("(no ops, but the models differ)\nactual: {actual:#?}\nexpected: {expected:#?}")
    } else {
        render_statements(ops.iter())
    }
}

/// A pair's `min_server_version` file: the oldest server (as
/// `server_version_num` writes it, e.g. 180000) whose SQL it is written in.
pub fn min_server_version(pair: &Path) -> Option<i32> {
    let text = std::fs::read_to_string(pair.join("min_server_version")).ok()?;
    Some(
        text.trim()
            .parse()
            .unwrap_or_else(|e| panic!("{}/min_server_version: {e}", pair.display())),
    )
}

/// The server's `server_version_num`.
pub fn server_version(db: &mut dyn retort::db::Database) -> i32 {
    db.query_text("SELECT current_setting('server_version_num')", &[])
        .expect("server_version_num")[0][0]
        .as_deref()
        .expect("a version")
        .parse()
        .expect("a number")
}

/// The repository's root, where `tests/autogen` lives.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Consecutive schema files of one corpus project, in history order.
pub fn schema_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "sql"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Runs every consecutive pair of each project under `root` and returns
/// (passed, failures).
pub fn run_corpus(root: &Path, harness: &mut Harness) -> (usize, Vec<String>) {
    let mut passed = 0;
    let mut failures = Vec::new();
    let mut projects: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    projects.sort();
    for project in projects {
        let schemas = if project.join("schemas").is_dir() {
            project.join("schemas")
        } else {
            project.clone()
        };
        let files = schema_files(&schemas);
        // RETORT_CORPUS_ONLY=onyx/schemas/071 runs the pairs whose target matches.
        let only = std::env::var("RETORT_CORPUS_ONLY").ok();
        for pair in files.windows(2) {
            if only
                .as_deref()
                .is_some_and(|o| !pair[1].display().to_string().contains(o))
            {
                continue;
            }
            let a = std::fs::read_to_string(&pair[0]).expect("read");
            let b = std::fs::read_to_string(&pair[1]).expect("read");
            match harness.check(&a, &b) {
                Ok(_) => passed += 1,
                Err(why) => failures.push(format!(
                    "{} -> {}: {}",
                    pair[0].display(),
                    pair[1].display(),
                    truncate(&why, 3000)
                )),
            }
        }
    }
    (passed, failures)
}

pub fn truncate(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &text[..end])
}
