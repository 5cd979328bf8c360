//! The library's modules form straight layers: no module cycles, and the
//! lower layers never reach up.
//!
//! Data flows one way: config → script (files) → revision (the pure graph
//! and planner) → runtime (online) / offline (`--sql`) → db. This test reads
//! every `.rs` file under `crates/retort/src`, finds each module's references
//! to other modules of the crate (`use crate::x::…`, `crate::x::…` paths,
//! `super::` and `self::` resolved, paths into a module's own children, and
//! re-exports followed to where the item lives), and builds the dependency
//! graph
//!
//! - between the top-level modules (config, script, revision, runtime,
//!   offline, db, url, error, project, init, autogen…), and
//! - within every module, between its own code (`mod.rs`) and its children
//!   (each child standing for everything below it).
//!
//! It fails when a graph has a cycle, naming it, and when a lower layer
//! imports a higher one. `cargo test -p retort --test files -- architecture
//! --nocapture` prints the graphs.
//!
//! What is not an edge: comments and doc links, string literals, `mod`
//! declarations, and a module's `pub use` of its own descendants (the
//! module's public face, not a dependency of its code).
//!
//! Autogenerate sits beside the migration half: it may read the
//! configuration, the files, the URL and a database through `db`, but the
//! migration layers never import it, and it never drives a run.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Layer rules: (modules, modules none of them may import).
const LAYER_RULES: &[(&[&str], &[&str])] = &[
    (
        &["config", "script", "revision", "url", "graph"],
        &[
            "runtime", "offline", "db", "project", "autogen", "verify", "backup", "lint", "fleet",
        ],
    ),
    (
        &["db"],
        &[
            "revision", "runtime", "offline", "project", "autogen", "verify", "backup", "lint",
            "fleet",
        ],
    ),
    (
        &["runtime", "offline"],
        &["project", "autogen", "verify", "backup", "lint", "fleet"],
    ),
    (
        &["autogen"],
        &["runtime", "offline", "verify", "backup", "fleet"],
    ),
    // backup sits beside the runtime, below project: it reads the
    // database through `db` and the files through `script`, and never
    // drives a run.
    (
        &["backup"],
        &[
            "runtime", "offline", "project", "autogen", "verify", "lint", "fleet",
        ],
    ),
    // verify sits on top: it runs migrations and reads schemas.
    // fleet sits on project: it runs a project on many databases.
    (&["project"], &["verify", "lint", "fleet"]),
    // lint is pure, beside the migration layers: it reads files' text
    // (config, script, sql, url) and never a database, a plan or a run;
    // the command line picks what to lint. Nothing but the command
    // imports it (it is an optional feature).
    (
        &["lint"],
        &[
            "db", "revision", "runtime", "offline", "project", "autogen", "verify", "import",
            "fleet",
        ],
    ),
];

// ---------------------------------------------------------------------------
// Reading the sources.

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    /// `::`
    PathSep,
    Punct(char),
}

/// The tokens of a file, without comments, string and character literals
/// and lifetimes: what is left is code.
fn tokenize(src: &str) -> Vec<Tok> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let ident_start = |ch: char| ch.is_alphabetic() || ch == '_';
    let ident_char = |ch: char| ch.is_alphanumeric() || ch == '_';
    while i < c.len() {
        let ch = c[i];
        let next = c.get(i + 1).copied();
        if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if let Some(end) = raw_string_end(&c, i) {
            i = end;
        } else if ch == '"' || (ch == 'b' && next == Some('"')) {
            i += if ch == 'b' { 2 } else { 1 };
            while i < c.len() && c[i] != '"' {
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if ch == '\'' || (ch == 'b' && next == Some('\'')) {
            // A character literal, or a lifetime / label (`'a`), which has
            // no closing quote right after one character.
            let start = if ch == 'b' { i + 2 } else { i + 1 };
            if c.get(start) == Some(&'\\') {
                i = start + 2;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if c.get(start + 1) == Some(&'\'') {
                i = start + 2;
            } else {
                i = start;
                while i < c.len() && ident_char(c[i]) {
                    i += 1;
                }
            }
        } else if ch == 'r' && next == Some('#') && c.get(i + 2).is_some_and(|&x| ident_start(x)) {
            // A raw identifier.
            let start = i + 2;
            i = start;
            while i < c.len() && ident_char(c[i]) {
                i += 1;
            }
            out.push(Tok::Ident(c[start..i].iter().collect()));
        } else if ident_start(ch) || ch.is_ascii_digit() {
            let start = i;
            while i < c.len() && ident_char(c[i]) {
                i += 1;
            }
            out.push(Tok::Ident(c[start..i].iter().collect()));
        } else if ch == ':' && next == Some(':') {
            out.push(Tok::PathSep);
            i += 2;
        } else {
            out.push(Tok::Punct(ch));
            i += 1;
        }
    }
    out
}

/// Where a raw (byte) string literal starting at `i` ends, if one does.
fn raw_string_end(c: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    if c.get(j) == Some(&'b') {
        j += 1;
    }
    if c.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let mut hashes = 0;
    while c.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    if c.get(j) != Some(&'"') {
        return None;
    }
    j += 1;
    while j < c.len() {
        if c[j] == '"' && (1..=hashes).all(|k| c.get(j + k) == Some(&'#')) {
            return Some(j + 1 + hashes);
        }
        j += 1;
    }
    Some(c.len())
}

type ModPath = Vec<String>;

/// A path written in a file, with the module it was written in.
#[derive(Debug, Clone)]
struct Reference {
    /// The module the path is written in (inline modules included).
    scope: ModPath,
    segments: Vec<String>,
    /// A `pub use` (any visibility): a re-export.
    reexport: bool,
    /// The name a `use` binds.
    alias: Option<String>,
}

/// One source file: its module and what it refers to.
#[derive(Debug, Default)]
struct FileFacts {
    module: ModPath,
    references: Vec<Reference>,
    /// `pub use` items by the name they are visible under, per module.
    reexports: Vec<(ModPath, String, Reference)>,
    /// Inline modules (`mod tests { … }`), with their full path.
    inline_modules: Vec<ModPath>,
    /// Names the file's code uses on their own (not after `::` or `.`, not
    /// in a `use` or `mod` line): how it uses what it imported.
    bare_names: BTreeSet<String>,
}

fn module_of(src: &Path, file: &Path) -> ModPath {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

/// Reads the use trees and paths of one file.
fn scan(module: ModPath, toks: &[Tok]) -> FileFacts {
    let mut facts = FileFacts {
        module: module.clone(),
        ..FileFacts::default()
    };
    // Inline modules open at a brace depth and close with it.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let scope_of = |inline: &[(String, usize)]| -> ModPath {
        let mut m = module.clone();
        m.extend(inline.iter().map(|(n, _)| n.clone()));
        m
    };
    let ident = |i: usize| match toks.get(i) {
        Some(Tok::Ident(s)) => Some(s.as_str()),
        _ => None,
    };
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Punct('{') => {
                depth += 1;
                i += 1;
            }
            Tok::Punct('}') => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            Tok::Ident(kw) if kw == "mod" => {
                if let (Some(name), Some(Tok::Punct('{'))) = (ident(i + 1), toks.get(i + 2)) {
                    inline.push((name.to_string(), depth + 1));
                    facts.inline_modules.push(scope_of(&inline));
                    depth += 1;
                    i += 3;
                } else {
                    i += 1;
                }
            }
            Tok::Ident(kw) if kw == "use" => {
                let reexport = is_pub_before(toks, i);
                let scope = scope_of(&inline);
                let mut j = i + 1;
                let mut leaves = Vec::new();
                parse_use_tree(toks, &mut j, Vec::new(), &mut leaves);
                for (segments, alias) in leaves {
                    let reference = Reference {
                        scope: scope.clone(),
                        segments,
                        reexport,
                        alias: alias.clone(),
                    };
                    if reexport {
                        if let Some(alias) = alias {
                            facts
                                .reexports
                                .push((scope.clone(), alias, reference.clone()));
                        }
                    }
                    facts.references.push(reference);
                }
                while j < toks.len() && toks[j] != Tok::Punct(';') {
                    j += 1;
                }
                i = j + 1;
            }
            Tok::Ident(first) => {
                // A path in code: starts here unless a `::` or `.` comes before.
                let starts_path = i == 0 || !matches!(toks[i - 1], Tok::PathSep | Tok::Punct('.'));
                if starts_path && toks.get(i + 1) == Some(&Tok::PathSep) {
                    let mut segments = vec![first.clone()];
                    let mut j = i + 1;
                    while toks.get(j) == Some(&Tok::PathSep) {
                        match ident(j + 1) {
                            Some(s) => {
                                segments.push(s.to_string());
                                j += 2;
                            }
                            None => break,
                        }
                    }
                    facts.references.push(Reference {
                        scope: scope_of(&inline),
                        segments,
                        reexport: false,
                        alias: None,
                    });
                    i = j;
                } else {
                    let after_mod = i > 0 && toks[i - 1] == Tok::Ident("mod".into());
                    if starts_path && !after_mod {
                        facts.bare_names.insert(first.clone());
                    }
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    facts
}

/// Whether the `use` at `i` has a visibility (`pub`, `pub(crate)`…).
fn is_pub_before(toks: &[Tok], i: usize) -> bool {
    match i.checked_sub(1).map(|k| &toks[k]) {
        Some(Tok::Ident(p)) => p == "pub",
        Some(Tok::Punct(')')) => {
            let mut k = i - 1;
            while k > 0 && toks[k] != Tok::Punct('(') {
                k -= 1;
            }
            k > 0 && toks[k - 1] == Tok::Ident("pub".into())
        }
        _ => false,
    }
}

/// Parses a use tree from `*j`, pushing each leaf path and the name it binds
/// (none for globs and `self` of nothing).
fn parse_use_tree(
    toks: &[Tok],
    j: &mut usize,
    prefix: Vec<String>,
    leaves: &mut Vec<(Vec<String>, Option<String>)>,
) {
    let mut path = prefix;
    if toks.get(*j) == Some(&Tok::PathSep) {
        *j += 1;
    }
    loop {
        match toks.get(*j) {
            Some(Tok::Ident(s)) if s == "self" && !path.is_empty() => {
                *j += 1;
                let name = path.last().cloned();
                let alias = alias_after(toks, j).or(name);
                leaves.push((path.clone(), alias));
                return;
            }
            Some(Tok::Ident(s)) => {
                path.push(s.clone());
                *j += 1;
                if toks.get(*j) == Some(&Tok::PathSep) {
                    *j += 1;
                    continue;
                }
                let alias = alias_after(toks, j).or(Some(s.clone()));
                leaves.push((path, alias));
                return;
            }
            Some(Tok::Punct('*')) => {
                *j += 1;
                leaves.push((path, None));
                return;
            }
            Some(Tok::Punct('{')) => {
                *j += 1;
                loop {
                    match toks.get(*j) {
                        Some(Tok::Punct('}')) => {
                            *j += 1;
                            return;
                        }
                        Some(Tok::Punct(',')) => *j += 1,
                        None => return,
                        _ => parse_use_tree(toks, j, path.clone(), leaves),
                    }
                }
            }
            _ => return,
        }
    }
}

fn alias_after(toks: &[Tok], j: &mut usize) -> Option<String> {
    if toks.get(*j) == Some(&Tok::Ident("as".into())) {
        if let Some(Tok::Ident(a)) = toks.get(*j + 1) {
            *j += 2;
            return (a != "_").then(|| a.clone());
        }
    }
    None
}

/// Every module of the crate and what each refers to.
struct Crate {
    modules: BTreeSet<ModPath>,
    files: Vec<FileFacts>,
    /// (module, name) → the re-export's path and the scope it is written in.
    reexports: BTreeMap<(ModPath, String), Reference>,
}

impl Crate {
    fn read(src: &Path) -> Crate {
        let mut files = Vec::new();
        for file in rust_files(src) {
            let text = fs::read_to_string(&file).unwrap();
            files.push(scan(module_of(src, &file), &tokenize(&text)));
        }
        let mut modules = BTreeSet::new();
        let mut reexports = BTreeMap::new();
        for f in &files {
            for k in 0..=f.module.len() {
                modules.insert(f.module[..k].to_vec());
            }
            modules.extend(f.inline_modules.iter().cloned());
            for (scope, name, reference) in &f.reexports {
                reexports.insert((scope.clone(), name.clone()), reference.clone());
            }
        }
        Crate {
            modules,
            files,
            reexports,
        }
    }

    fn is_module(&self, m: &[String]) -> bool {
        self.modules.contains(m)
    }

    /// The module a path leads to, re-exports followed; `None` for paths
    /// outside the crate (std, other crates, local names).
    fn resolve(&self, scope: &[String], segments: &[String], hops: usize) -> Option<ModPath> {
        let mut module: ModPath;
        let mut rest = segments;
        match segments.first().map(String::as_str) {
            Some("crate") => {
                module = Vec::new();
                rest = &segments[1..];
            }
            Some("self") | Some("super") => {
                module = scope.to_vec();
                while let Some(first) = rest.first() {
                    match first.as_str() {
                        "self" => {}
                        "super" => {
                            module.pop()?;
                        }
                        _ => break,
                    }
                    rest = &rest[1..];
                }
            }
            Some(first) => {
                // A path into one of the scope's own child modules.
                let mut child = scope.to_vec();
                child.push(first.to_string());
                if !self.is_module(&child) {
                    return None;
                }
                module = scope.to_vec();
            }
            None => return None,
        }
        while let Some(next) = rest.first() {
            let mut child = module.clone();
            child.push(next.clone());
            if self.is_module(&child) {
                module = child;
                rest = &rest[1..];
            } else {
                break;
            }
        }
        if let (Some(name), true) = (rest.first(), hops < 8) {
            if let Some(target) = self.reexports.get(&(module.clone(), name.clone())) {
                let mut segments = target.segments.clone();
                segments.extend(rest[1..].iter().cloned());
                if let Some(found) = self.resolve(&target.scope, &segments, hops + 1) {
                    return Some(found);
                }
            }
        }
        Some(module)
    }

    /// Module → modules it refers to, both as real (file) modules: inline
    /// modules count as their file's.
    fn dependencies(&self) -> BTreeMap<ModPath, BTreeSet<ModPath>> {
        let mut deps: BTreeMap<ModPath, BTreeSet<ModPath>> = BTreeMap::new();
        for f in &self.files {
            let entry = deps.entry(f.module.clone()).or_default();
            for r in &f.references {
                let Some(target) = self.resolve(&r.scope, &r.segments, 0) else {
                    continue;
                };
                let target = self.file_module(&target);
                // A module's `pub use` of its own descendants is its face,
                // not a dependency, unless its own code uses the name.
                let used_here = r.alias.as_ref().is_some_and(|a| f.bare_names.contains(a));
                if r.reexport && target.starts_with(&f.module) && !used_here {
                    continue;
                }
                if target != f.module {
                    entry.insert(target);
                }
            }
        }
        deps
    }

    /// The file module an (inline) module belongs to.
    fn file_module(&self, m: &[String]) -> ModPath {
        let files: BTreeSet<&ModPath> = self.files.iter().map(|f| &f.module).collect();
        let mut m = m.to_vec();
        while !files.contains(&m) && !m.is_empty() {
            m.pop();
        }
        m
    }
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Graphs and cycles.

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The graph among `parent`'s own code and its children: each module
/// within `parent` stands as the child it is under (or as `parent` itself,
/// named by its last segment and marked `(mod)`).
fn graph_within(deps: &BTreeMap<ModPath, BTreeSet<ModPath>>, parent: &[String]) -> Graph {
    let node = |m: &ModPath| -> Option<String> {
        if !m.starts_with(parent) {
            return None;
        }
        Some(match m.get(parent.len()) {
            Some(child) => child.clone(),
            None => format!("({})", parent.last().map_or("crate", String::as_str)),
        })
    };
    let mut graph = Graph::new();
    for (from, tos) in deps {
        let Some(a) = node(from) else { continue };
        graph.entry(a.clone()).or_default();
        for to in tos {
            if let Some(b) = node(to) {
                if a != b {
                    graph.entry(a.clone()).or_default().insert(b.clone());
                    graph.entry(b).or_default();
                }
            }
        }
    }
    graph
}

/// The graph's cycles: each strongly connected component with more than one
/// node (sorted), with one cycle through it spelled out.
fn find_cycles(graph: &Graph) -> Vec<(Vec<String>, Vec<String>)> {
    // Tarjan's algorithm.
    struct State<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        next: usize,
        components: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        let graph = s.graph;
        for w in graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            loop {
                let w = s.stack.pop().unwrap();
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.components.push(component);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        components: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    let mut components = s.components;
    components.sort();
    components
        .into_iter()
        .map(|c| {
            let path = cycle_through(graph, &c);
            (c, path)
        })
        .collect()
}

/// One cycle from the component's first node back to it, staying inside the
/// component (breadth first, so the shortest).
fn cycle_through(graph: &Graph, component: &[String]) -> Vec<String> {
    let inside: BTreeSet<&str> = component.iter().map(String::as_str).collect();
    let start = component[0].as_str();
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for w in graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !inside.contains(w) {
                continue;
            }
            if w == start {
                let mut back = Vec::new();
                let mut at = v;
                while at != start {
                    back.push(at.to_string());
                    at = came_from[at];
                }
                back.reverse();
                let mut cycle = vec![start.to_string()];
                cycle.extend(back);
                cycle.push(start.to_string());
                return cycle;
            }
            if !came_from.contains_key(w) && w != start {
                came_from.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    component.to_vec()
}

fn print_graph(title: &str, graph: &Graph) {
    println!("{title}:");
    for (from, tos) in graph {
        let tos: Vec<&str> = tos.iter().map(String::as_str).collect();
        println!(
            "  {from} -> {}",
            if tos.is_empty() {
                "-".to_string()
            } else {
                tos.join(", ")
            }
        );
    }
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every graph checked: the top-level one, then one per module with children.
fn all_graphs(krate: &Crate) -> Vec<(String, Graph)> {
    let deps = krate.dependencies();
    let mut graphs = vec![("top-level modules".to_string(), graph_within(&deps, &[]))];
    let parents: BTreeSet<ModPath> = krate
        .files
        .iter()
        .filter(|f| f.module.len() >= 2)
        .map(|f| f.module[..f.module.len() - 1].to_vec())
        .collect();
    for parent in parents {
        let name = format!("within {}", parent.join("::"));
        graphs.push((name, graph_within(&deps, &parent)));
    }
    graphs
}

// ---------------------------------------------------------------------------
// The checks.

#[test]
fn the_module_graphs_have_no_cycles() {
    let krate = Crate::read(&src_dir());
    let mut failures = Vec::new();
    for (title, graph) in all_graphs(&krate) {
        print_graph(&title, &graph);
        for (component, cycle) in find_cycles(&graph) {
            failures.push(format!(
                "{title}: cycle among [{}]: {}",
                component.join(", "),
                cycle.join(" -> ")
            ));
        }
        println!();
    }
    assert!(
        failures.is_empty(),
        "module cycles:\n{}",
        failures.join("\n")
    );
}

#[test]
fn lower_layers_do_not_import_higher_ones() {
    let krate = Crate::read(&src_dir());
    let deps = krate.dependencies();
    let mut failures = Vec::new();
    for (from, tos) in &deps {
        let Some(top) = from.first() else { continue };
        let full = from.join("::");
        for (lower, forbidden) in LAYER_RULES {
            if !lower.contains(&top.as_str()) {
                continue;
            }
            for to in tos {
                if to.first().is_some_and(|t| forbidden.contains(&t.as_str())) {
                    failures.push(format!("{full} imports {}", to.join("::")));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "layer violations:\n{}",
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------
// The checker checked.

fn hand_built(edges: &[(&str, &str)]) -> Graph {
    let mut g = Graph::new();
    for (a, b) in edges {
        g.entry(a.to_string()).or_default().insert(b.to_string());
        g.entry(b.to_string()).or_default();
    }
    g
}

#[test]
fn the_cycle_finder_finds_cycles_and_only_cycles() {
    let acyclic = hand_built(&[("a", "b"), ("b", "c"), ("a", "c"), ("d", "c")]);
    assert!(find_cycles(&acyclic).is_empty());

    let two = hand_built(&[
        ("config", "script"),
        ("script", "config"),
        ("a", "b"),
        ("b", "c"),
        ("c", "a"),
        ("c", "d"),
    ]);
    let found = find_cycles(&two);
    let components: Vec<Vec<String>> = found.iter().map(|(c, _)| c.clone()).collect();
    assert_eq!(
        components,
        vec![
            vec!["a".to_string(), "b".into(), "c".into()],
            vec!["config".to_string(), "script".into()],
        ]
    );
    assert_eq!(found[0].1, ["a", "b", "c", "a"]);
    assert_eq!(found[1].1, ["config", "script", "config"]);
}

#[test]
fn references_are_read_from_code_only() {
    let src = r##"
        //! Doc: [`crate::db::Database`] is not a dependency.
        use crate::{config::Config, revision::{self, Plan as P}};
        pub use self::inner::Thing;
        use super::*;
        fn f() {
            let s = "crate::runtime::run";
            let r = r#"crate::offline::render"#;
            let c = '"';
            let x: &'static str = crate::url::redact(s);
            child::go();
        }
        mod tests { use super::super::project::Project; }
    "##;
    let facts = scan(vec!["script".into(), "dir".into()], &tokenize(src));
    let paths: Vec<String> = facts
        .references
        .iter()
        .map(|r| format!("{}:{}", r.scope.join("::"), r.segments.join("::")))
        .collect();
    assert_eq!(
        paths,
        [
            "script::dir:crate::config::Config",
            "script::dir:crate::revision",
            "script::dir:crate::revision::Plan",
            "script::dir:self::inner::Thing",
            "script::dir:super",
            "script::dir:crate::url::redact",
            "script::dir:child::go",
            "script::dir::tests:super::super::project::Project",
        ]
    );
    assert_eq!(facts.reexports.len(), 1);
    assert_eq!(facts.reexports[0].1, "Thing");
}
