//! Randomly generated schema pairs: a random schema A, and B made from it
//! by a handful of random changes. Every pair must migrate A to exactly B
//! and back, as the hand-written pairs do. The seeds are fixed so that a
//! failure can be replayed; `RETORT_RANDOM_SEED=N` runs one seed,
//! `RETORT_RANDOM_PAIRS=N` runs more of them.

use crate::autogen_support;

use autogen_support::Harness;

/// xorshift64*: small, deterministic, and enough to pick from lists.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Column types with a constant that fits each, for defaults.
const TYPES: &[(&str, &str)] = &[
    ("integer", "0"),
    ("bigint", "42"),
    ("smallint", "1"),
    ("text", "'x'"),
    ("varchar(20)", "'abc'"),
    ("varchar(200)", "''"),
    ("numeric(10,2)", "1.50"),
    ("boolean", "false"),
    ("timestamptz", "now()"),
    ("date", "CURRENT_DATE"),
    ("jsonb", "'{}'::jsonb"),
    ("uuid", "gen_random_uuid()"),
    ("integer[]", "'{}'"),
    ("text[]", "ARRAY['a']"),
    ("mood", "'ok'"),
    ("positive", "1"),
];

#[derive(Clone, Debug)]
struct Column {
    name: String,
    data_type: &'static str,
    not_null: bool,
    default: Option<&'static str>,
}

#[derive(Clone, Debug)]
struct Table {
    name: String,
    columns: Vec<Column>,
    /// Columns with an index on them, and whether it is unique.
    indexes: Vec<(String, bool)>,
    /// (column, referenced table): each table's key is `id bigint`.
    foreign_keys: Vec<(String, String)>,
    checks: Vec<String>,
    comment: Option<String>,
    /// The key's identity clause, if it is one: `""` or `"(START WITH 100)"`.
    identity: Option<&'static str>,
    /// Row-level security on, with a policy.
    secured: bool,
}

#[derive(Clone, Debug)]
struct Model {
    moods: Vec<&'static str>,
    tables: Vec<Table>,
    /// (view name, table, columns)
    views: Vec<(String, String, Vec<String>)>,
    /// Whether the `positive` domain has a default, and a second check.
    domain_default: bool,
    domain_small: bool,
    next_name: usize,
}

impl Model {
    fn fresh_name(&mut self, prefix: &str) -> String {
        self.next_name += 1;
        format!("{prefix}{}", self.next_name)
    }

    fn random_column(&mut self, rng: &mut Rng) -> Column {
        let (data_type, constant) = *rng.pick(TYPES);
        let default = rng.chance(30).then_some(constant);
        Column {
            name: self.fresh_name("c"),
            data_type,
            not_null: default.is_some() && rng.chance(50),
            default,
        }
    }

    fn random_table(&mut self, rng: &mut Rng) -> Table {
        let mut table = Table {
            name: self.fresh_name("t"),
            columns: Vec::new(),
            indexes: Vec::new(),
            foreign_keys: Vec::new(),
            checks: Vec::new(),
            comment: rng.chance(20).then(|| "a table".to_string()),
            identity: None,
            secured: false,
        };
        for _ in 0..1 + rng.below(5) {
            let column = self.random_column(rng);
            table.columns.push(column);
        }
        table
    }

    fn generate(rng: &mut Rng) -> Model {
        let mut model = Model {
            moods: vec!["sad", "ok", "happy"],
            tables: Vec::new(),
            views: Vec::new(),
            domain_default: false,
            domain_small: false,
            next_name: 0,
        };
        for _ in 0..2 + rng.below(4) {
            let table = model.random_table(rng);
            model.tables.push(table);
        }
        for _ in 0..rng.below(6) {
            model.mutate(rng);
        }
        model
    }

    /// One random change; some picks find nothing to change and do nothing.
    fn mutate(&mut self, rng: &mut Rng) {
        let tables = self.tables.len();
        let t = if tables > 0 { rng.below(tables) } else { 0 };
        match rng.below(19) {
            0 => {
                let table = self.random_table(rng);
                self.tables.push(table);
            }
            1 if tables > 1 => {
                let gone = self.tables.remove(t).name;
                for table in &mut self.tables {
                    table.foreign_keys.retain(|(_, r)| *r != gone);
                }
                self.views.retain(|(_, table, _)| *table != gone);
            }
            2 if tables > 0 => {
                let column = self.random_column(rng);
                self.tables[t].columns.push(column);
            }
            3 if tables > 0 && self.tables[t].columns.len() > 1 => {
                let c = rng.below(self.tables[t].columns.len());
                let gone = self.tables[t].columns.remove(c).name;
                let table = &mut self.tables[t];
                table.indexes.retain(|(column, _)| *column != gone);
                table.foreign_keys.retain(|(column, _)| *column != gone);
                table.checks.retain(|column| *column != gone);
                let name = table.name.clone();
                for (_, on, columns) in &mut self.views {
                    if *on == name {
                        columns.retain(|column| *column != gone);
                    }
                }
                self.views.retain(|(_, _, columns)| !columns.is_empty());
            }
            4 if tables > 0 => {
                // A new type, keeping what depends on the column valid.
                let c = rng.below(self.tables[t].columns.len());
                let (data_type, constant) = *rng.pick(TYPES);
                let column = &mut self.tables[t].columns[c];
                let name = column.name.clone();
                column.data_type = data_type;
                column.default = column.default.map(|_| constant);
                column.not_null = column.default.is_some() && column.not_null;
                let table = &mut self.tables[t];
                table.checks.retain(|checked| *checked != name);
                table.foreign_keys.retain(|(column, _)| *column != name);
            }
            5 if tables > 0 => {
                let c = rng.below(self.tables[t].columns.len());
                let column = &mut self.tables[t].columns[c];
                column.not_null = !column.not_null;
            }
            6 if tables > 0 => {
                let c = rng.below(self.tables[t].columns.len());
                let column = &mut self.tables[t].columns[c];
                let constant = TYPES
                    .iter()
                    .find(|(ty, _)| *ty == column.data_type)
                    .map(|(_, k)| *k);
                column.default = if column.default.is_some() {
                    None
                } else {
                    constant
                };
            }
            7 | 8 if tables > 0 => {
                let c = rng.below(self.tables[t].columns.len());
                let column = self.tables[t].columns[c].clone();
                let indexable =
                    !column.data_type.contains("json") && !column.data_type.contains('[');
                let table = &mut self.tables[t];
                if indexable && !table.indexes.iter().any(|(name, _)| *name == column.name) {
                    table.indexes.push((column.name, rng.chance(30)));
                } else if !table.indexes.is_empty() {
                    table.indexes.remove(0);
                }
            }
            9 if tables > 1 => {
                let target = self.tables[rng.below(tables)].name.clone();
                let column = self.fresh_name("ref");
                let table = &mut self.tables[t];
                table.columns.push(Column {
                    name: column.clone(),
                    data_type: "bigint",
                    not_null: false,
                    default: None,
                });
                table.foreign_keys.push((column, target));
            }
            10 if tables > 0 && !self.tables[t].foreign_keys.is_empty() => {
                self.tables[t].foreign_keys.pop();
            }
            11 if tables > 0 => {
                let numeric: Vec<String> = self.tables[t]
                    .columns
                    .iter()
                    .filter(|c| matches!(c.data_type, "integer" | "bigint" | "smallint"))
                    .map(|c| c.name.clone())
                    .collect();
                let table = &mut self.tables[t];
                match numeric.first() {
                    Some(column) if !table.checks.contains(column) => {
                        table.checks.push(column.clone())
                    }
                    _ => {
                        table.checks.pop();
                    }
                }
            }
            12 => {
                let unused = ["meh", "glad", "fine", "sad", "happy"]
                    .into_iter()
                    .find(|l| !self.moods.contains(l));
                if let Some(label) = unused.filter(|_| rng.chance(60)) {
                    let at = rng.below(self.moods.len() + 1);
                    self.moods.insert(at, label);
                } else if self.moods.len() > 2 {
                    // Only a label no default names can go.
                    let at = rng.below(self.moods.len());
                    if self.moods[at] != "ok" {
                        self.moods.remove(at);
                    }
                }
            }
            13 if tables > 0 => {
                let table = &self.tables[t];
                let mut columns: Vec<String> =
                    table.columns.iter().map(|c| c.name.clone()).collect();
                columns.truncate(1 + rng.below(columns.len()));
                let on = table.name.clone();
                let name = self.fresh_name("v");
                self.views.push((name, on, columns));
            }
            14 if !self.views.is_empty() => {
                let v = rng.below(self.views.len());
                self.views.remove(v);
            }
            15 if tables > 0 => {
                let table = &mut self.tables[t];
                table.comment = match table.comment {
                    Some(_) => None,
                    None => Some(format!("about {}", table.name)),
                };
            }
            16 if tables > 0 => {
                let table = &mut self.tables[t];
                table.identity = match table.identity {
                    None => Some(*rng.pick(&["", "(START WITH 100)", "(INCREMENT BY 5)"])),
                    Some(_) if rng.chance(50) => None,
                    Some(_) => Some(*rng.pick(&["", "(START WITH 100)", "(INCREMENT BY 5)"])),
                };
            }
            17 if tables > 0 => {
                let table = &mut self.tables[t];
                table.secured = !table.secured;
            }
            18 => {
                if rng.chance(50) {
                    self.domain_default = !self.domain_default;
                } else {
                    self.domain_small = !self.domain_small;
                }
            }
            _ => {}
        }
    }

    fn sql(&self) -> String {
        let mut out = String::new();
        let labels: Vec<String> = self.moods.iter().map(|m| format!("'{m}'")).collect();
        out.push_str(&format!(
            "CREATE TYPE mood AS ENUM ({});\n",
            labels.join(", ")
        ));
        out.push_str(&format!(
            "CREATE DOMAIN positive AS integer{} CHECK (VALUE > 0){};\n",
            if self.domain_default {
                " DEFAULT 7"
            } else {
                ""
            },
            if self.domain_small {
                " CONSTRAINT small CHECK (VALUE < 1000)"
            } else {
                ""
            }
        ));
        for table in &self.tables {
            let key = match table.identity {
                Some(options) => {
                    format!("    id bigint GENERATED BY DEFAULT AS IDENTITY {options} PRIMARY KEY")
                }
                None => "    id bigint PRIMARY KEY".to_string(),
            };
            let mut lines = vec![key];
            for c in &table.columns {
                let mut line = format!("    {} {}", c.name, c.data_type);
                if let Some(default) = c.default {
                    line.push_str(&format!(" DEFAULT {default}"));
                }
                if c.not_null {
                    line.push_str(" NOT NULL");
                }
                lines.push(line);
            }
            for checked in &table.checks {
                lines.push(format!("    CHECK ({checked} > 0)"));
            }
            out.push_str(&format!(
                "CREATE TABLE {} (\n{}\n);\n",
                table.name,
                lines.join(",\n")
            ));
            if let Some(comment) = &table.comment {
                out.push_str(&format!(
                    "COMMENT ON TABLE {} IS '{comment}';\n",
                    table.name
                ));
            }
            if table.secured {
                out.push_str(&format!(
                    "ALTER TABLE {0} ENABLE ROW LEVEL SECURITY;\n\
                     CREATE POLICY {0}_positive ON {0} USING (id > 0);\n",
                    table.name
                ));
            }
        }
        for table in &self.tables {
            for (column, unique) in &table.indexes {
                out.push_str(&format!(
                    "CREATE {}INDEX ON {} ({column});\n",
                    if *unique { "UNIQUE " } else { "" },
                    table.name
                ));
            }
            for (column, target) in &table.foreign_keys {
                out.push_str(&format!(
                    "ALTER TABLE {} ADD FOREIGN KEY ({column}) REFERENCES {target} (id);\n",
                    table.name
                ));
            }
        }
        for (name, table, columns) in &self.views {
            out.push_str(&format!(
                "CREATE VIEW {name} AS SELECT {} FROM {table};\n",
                columns.join(", ")
            ));
        }
        out
    }
}

#[test]
fn random_pairs_migrate_up_and_down() {
    let seeds: Vec<u64> = match std::env::var("RETORT_RANDOM_SEED") {
        Ok(seed) => vec![seed.parse().expect("RETORT_RANDOM_SEED is a number")],
        Err(_) => {
            let count = std::env::var("RETORT_RANDOM_PAIRS")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(20);
            (1..=count).collect()
        }
    };
    let mut harness = Harness::new();
    let mut failures = Vec::new();
    let mut changed = 0;
    for &seed in &seeds {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let a = Model::generate(&mut rng);
        let mut b = a.clone();
        for _ in 0..1 + rng.below(8) {
            b.mutate(&mut rng);
        }
        let (a_sql, b_sql) = (a.sql(), b.sql());
        match harness.check(&a_sql, &b_sql) {
            Ok(0) => {}
            Ok(_) => changed += 1,
            Err(why) => failures.push(format!(
                "seed {seed}: {}\n-- A:\n{a_sql}\n-- B:\n{b_sql}",
                autogen_support::truncate(&why, 2500)
            )),
        }
    }
    eprintln!(
        "random pairs: {} run, {changed} with changes, {} failed",
        seeds.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} random pairs fail (replay with RETORT_RANDOM_SEED):\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
