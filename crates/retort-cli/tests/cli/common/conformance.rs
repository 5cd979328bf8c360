//! The conformance replayer: builds each recorded graph as a retort project,
//! runs each scenario's argv through the binary, and observes the outcome.

use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Where online scenarios run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// What retort observably did for one scenario.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub error: bool,
    pub trace: Option<Vec<String>>,
    pub versions: Option<Vec<String>>,
    pub ids: Option<Vec<String>>,
    pub markers: Option<Vec<String>>,
    pub version_steps: Option<Value>,
    pub stderr: String,
}

impl Outcome {
    /// True when every field the expectation names has the recorded value.
    pub fn matches(&self, expected: &Value) -> bool {
        if expected["error"].as_bool() != Some(self.error) {
            return false;
        }
        let list = |v: &Value| -> Option<Vec<String>> {
            v.as_array().map(|a| {
                a.iter()
                    .map(|x| x.as_str().unwrap_or_default().to_string())
                    .collect()
            })
        };
        let same = |field: &str, got: &Option<Vec<String>>| match expected.get(field) {
            None => true,
            Some(v) => got.as_ref() == list(v).as_ref(),
        };
        if !self.error {
            if !(same("trace", &self.trace)
                && same("versions", &self.versions)
                && same("ids", &self.ids)
                && same("markers", &self.markers))
            {
                return false;
            }
            if let Some(steps) = expected.get("version_steps") {
                if self.version_steps.as_ref() != Some(steps) {
                    return false;
                }
            }
        } else if !(same("trace", &self.trace) && same("versions", &self.versions)) {
            // On error the database must be as it was.
            return false;
        }
        true
    }
}

pub struct Report {
    pub passed: usize,
    pub failures: Vec<String>,
}

impl Report {
    pub fn assert_all_passed(&self, what: &str) {
        eprintln!(
            "conformance ({what}): {} passed, {} failed",
            self.passed,
            self.failures.len()
        );
        if !self.failures.is_empty() {
            let shown: Vec<&String> = self.failures.iter().take(25).collect();
            panic!(
                "{} of {} {what} conformance cases differ from Alembic; first ones:\n{}",
                self.failures.len(),
                self.failures.len() + self.passed,
                shown
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
        assert!(self.passed > 0, "no {what} conformance case was run");
    }
}

pub fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance")
}

fn is_online(scenario: &Value) -> bool {
    let kind = scenario["kind"].as_str().unwrap_or_default();
    let argv: Vec<&str> = scenario["argv"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    match kind {
        "upgrade" | "downgrade" | "stamp" | "current" => true,
        "history_range" => argv.iter().any(|a| a.contains("current")),
        _ => false,
    }
}

/// Replays every case of one sort: `None` → those that need no database;
/// `Some(backend)` → the online ones against that backend.
pub fn replay_all(backend: Option<Backend>) -> Report {
    let mut files: Vec<PathBuf> = fs::read_dir(cases_dir())
        .expect("tests/conformance")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no conformance cases found");
    let mut report = Report {
        passed: 0,
        failures: Vec::new(),
    };
    let mut db = backend.map(TestDatabase::new);
    for file in files {
        let case: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
        let project = tempfile::tempdir().unwrap();
        let ids = write_project(project.path(), &case["dag"]);
        for scenario in case["scenarios"].as_array().unwrap() {
            if is_online(scenario) != backend.is_some() {
                continue;
            }
            let outcome = run_scenario(project.path(), &ids, scenario, db.as_mut());
            let expect = scenario["expect"].as_array().unwrap();
            if expect.iter().any(|e| outcome.matches(e)) {
                report.passed += 1;
            } else {
                report.failures.push(format!(
                    "seed {} case {} {:?} state={}: expected {} got {:?}",
                    case["seed"],
                    scenario["n"],
                    scenario["argv"],
                    scenario["state"],
                    serde_json::to_string(&expect[0]).unwrap(),
                    outcome
                ));
            }
        }
    }
    report
}

/// Writes the graph as migration files; returns the set of revision ids.
fn write_project(dir: &Path, dag: &Value) -> BTreeSet<String> {
    let versions = dir.join("migrations/versions");
    fs::create_dir_all(&versions).unwrap();
    fs::write(
        dir.join("retort.toml"),
        "script_location = \"migrations\"\nversion_table = \"alembic_version\"\n",
    )
    .unwrap();
    let mut ids = BTreeSet::new();
    for rev in dag["revisions"].as_array().unwrap() {
        let id = rev["id"].as_str().unwrap();
        ids.insert(id.to_string());
        let join = |key: &str| -> String {
            rev[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut text = format!(
            "-- {}\n--\n-- Revision ID: {id}\n",
            rev["message"].as_str().unwrap()
        );
        let down = join("down");
        if !(down.is_empty() && rev["revises_style"] == "absent") {
            if down.is_empty() {
                text.push_str("-- Revises:\n");
            } else {
                text.push_str(&format!("-- Revises: {down}\n"));
            }
        }
        text.push_str(&format!(
            "-- Create Date: {}\n",
            rev["create_date"].as_str().unwrap()
        ));
        let labels = join("labels");
        if !labels.is_empty() {
            text.push_str(&format!("-- Branch Labels: {labels}\n"));
        }
        let deps = join("deps");
        if !deps.is_empty() {
            text.push_str(&format!("-- Depends On: {deps}\n"));
        }
        text.push_str(&format!(
            "\n-- retort:upgrade\nINSERT INTO trace(ev) VALUES ('up:{id}');\n\n-- retort:downgrade\nINSERT INTO trace(ev) VALUES ('down:{id}');\n"
        ));
        let name = format!("{id}_{}.sql", rev["slug"].as_str().unwrap());
        fs::write(versions.join(name), text).unwrap();
    }
    ids
}

fn run_scenario(
    project: &Path,
    ids: &BTreeSet<String>,
    scenario: &Value,
    db: Option<&mut TestDatabase>,
) -> Outcome {
    let argv: Vec<String> = scenario["argv"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    let state: Vec<String> = scenario["state"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    let mut db = db;
    let url = match db.as_deref_mut() {
        Some(db) => db.reset(&state),
        // Offline scripts are rendered for PostgreSQL; nothing connects.
        None => "postgresql://nobody@127.0.0.1:1/none".to_string(),
    };
    let mut args = vec![
        "-c".to_string(),
        project.join("retort.toml").display().to_string(),
        "--url".to_string(),
        url,
    ];
    args.extend(argv.iter().cloned());
    let arg_refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = super::retort(project, &arg_refs);
    let code = output.status.code();
    let mut outcome = Outcome {
        error: code != Some(0),
        stderr: super::stderr(&output),
        ..Outcome::default()
    };
    if code.is_none() || code.is_some_and(|c| c != 0 && c != 1 && c != 2) {
        // A panic or a signal never matches anything.
        outcome.error = !outcome.error;
        outcome.trace = Some(vec!["<crashed>".into()]);
        return outcome;
    }
    let out = super::stdout(&output);
    let kind = scenario["kind"].as_str().unwrap();
    match kind {
        "upgrade" | "downgrade" | "stamp" => {
            let db = db.expect("online scenario needs a database");
            outcome.trace = Some(db.trace());
            outcome.versions = Some(db.versions());
        }
        "upgrade_sql" | "downgrade_sql" => {
            let (markers, steps) = offline_shape(&out, ids);
            outcome.markers = Some(markers);
            outcome.version_steps = Some(steps);
        }
        "branches" => outcome.ids = Some(branch_ids(&out, ids)),
        "current" => {
            let mut found = known_ids(&out, ids);
            found.sort();
            outcome.ids = Some(found);
        }
        _ => outcome.ids = Some(known_ids(&out, ids)),
    }
    outcome
}

/// The known revision ids among the output's tokens, in order.
fn known_ids(text: &str, ids: &BTreeSet<String>) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|t| ids.contains(*t))
        .map(str::to_string)
        .collect()
}

/// `branches` output: each branch point, then its children sorted.
fn branch_ids(text: &str, ids: &BTreeSet<String>) -> Vec<String> {
    let mut result = Vec::new();
    let mut children: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with(' ') {
            children.extend(known_ids(line.split("->").nth(1).unwrap_or(""), ids));
        } else {
            children.sort();
            result.append(&mut children);
            result.extend(known_ids(line, ids));
        }
    }
    children.sort();
    result.append(&mut children);
    result
}

/// Markers in order, and the version-table statements grouped by the step
/// they follow (ids and verbs sorted within a step).
fn offline_shape(sql: &str, ids: &BTreeSet<String>) -> (Vec<String>, Value) {
    let stripped: String = sql
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut markers = Vec::new();
    let mut steps: Vec<(String, BTreeSet<String>, Vec<String>)> =
        vec![(String::new(), BTreeSet::new(), Vec::new())];
    for statement in stripped.split(';') {
        if let Some(marker) = find_marker(statement) {
            markers.push(marker.clone());
            steps.push((marker, BTreeSet::new(), Vec::new()));
            continue;
        }
        if statement.contains("alembic_version") {
            let step = steps.last_mut().unwrap();
            for quoted in statement.split('\'').skip(1).step_by(2) {
                if ids.contains(quoted) {
                    step.1.insert(quoted.to_string());
                }
            }
            let verb = statement
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_uppercase();
            step.2.push(verb);
        }
    }
    let steps = steps
        .into_iter()
        .map(|(marker, ids, mut verbs)| {
            verbs.sort();
            serde_json::json!([marker, ids.into_iter().collect::<Vec<_>>(), verbs])
        })
        .collect();
    (markers, Value::Array(steps))
}

fn find_marker(statement: &str) -> Option<String> {
    for prefix in ["'up:", "'down:"] {
        if let Some(start) = statement.find(prefix) {
            let rest = &statement[start + 1..];
            let end = rest.find('\'')?;
            return Some(rest[..end].to_string());
        }
    }
    None
}

/// A database an online scenario runs against, reset before each scenario.
pub enum TestDatabase {
    Sqlite {
        _dir: tempfile::TempDir,
        path: PathBuf,
    },
    Postgres {
        url: String,
        client: Box<postgres::Client>,
    },
}

impl TestDatabase {
    fn new(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let path = dir.path().join("conformance.db");
                TestDatabase::Sqlite { _dir: dir, path }
            }
            Backend::Postgres => {
                let database = retort_testkit::fresh_database();
                let client = Box::new(database.client());
                TestDatabase::Postgres {
                    url: database.url.clone(),
                    client,
                }
            }
        }
    }

    /// Empties the database, creates the trace table and the version table
    /// with `state` (none when `state` is empty); returns the URL to use.
    fn reset(&mut self, state: &[String]) -> String {
        let mut sql = String::from(
            "DROP TABLE IF EXISTS trace; DROP TABLE IF EXISTS alembic_version; \
             DROP TABLE IF EXISTS retort_migration_log;",
        );
        match self {
            TestDatabase::Sqlite { .. } => {
                sql.push_str("CREATE TABLE trace (id INTEGER PRIMARY KEY AUTOINCREMENT, ev TEXT);")
            }
            TestDatabase::Postgres { .. } => {
                sql.push_str("CREATE TABLE trace (id serial, ev text);")
            }
        }
        if !state.is_empty() {
            sql.push_str(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, \
                 CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));",
            );
            for rev in state {
                sql.push_str(&format!(
                    "INSERT INTO alembic_version (version_num) VALUES ('{rev}');"
                ));
            }
        }
        match self {
            TestDatabase::Sqlite { path, .. } => {
                rusqlite::Connection::open(&*path)
                    .unwrap()
                    .execute_batch(&sql)
                    .unwrap();
                format!("sqlite:///{}", path.display())
            }
            TestDatabase::Postgres { url, client } => {
                client.batch_execute(&sql).unwrap();
                url.clone()
            }
        }
    }

    fn query_strings(&mut self, sql: &str) -> Vec<String> {
        match self {
            TestDatabase::Sqlite { path, .. } => {
                let conn = rusqlite::Connection::open(&*path).unwrap();
                let Ok(mut stmt) = conn.prepare(sql) else {
                    return Vec::new();
                };
                stmt.query_map([], |row| row.get::<_, String>(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect()
            }
            TestDatabase::Postgres { client, .. } => match client.query(sql, &[]) {
                Ok(rows) => rows.iter().map(|r| r.get::<_, String>(0)).collect(),
                Err(_) => Vec::new(),
            },
        }
    }

    fn trace(&mut self) -> Vec<String> {
        self.query_strings("SELECT ev FROM trace ORDER BY id")
    }

    /// The sorted version rows; a missing table counts as no rows.
    fn versions(&mut self) -> Vec<String> {
        let mut rows = self.query_strings("SELECT version_num FROM alembic_version");
        rows.sort();
        rows
    }
}
