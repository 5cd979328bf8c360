//! `retort graph` through the binary: each format, where the database is
//! (`--current`, `--url`), bad options, and the SVG opened in a real
//! headless browser (Chromium), whose screenshot must show the boxes.

use crate::common::{retort, stderr, stdout};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn ok(dir: &Path, args: &[&str]) -> String {
    let output = retort(dir, args);
    assert!(
        output.status.success(),
        "{args:?} failed: {}{}",
        stdout(&output),
        stderr(&output)
    );
    stdout(&output)
}

/// A SQLite project with two bases, a branch point, a labelled branch, a
/// dependency, a merge and two heads; the database upgraded to `e5` (so
/// `e5` and `c3`, which it depends on, are current).
fn branchy_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["init"]);
    for args in [
        &["-m", "create users", "--rev-id", "a1"][..],
        &["-m", "add email", "--rev-id", "b2"],
        &[
            "-m",
            "orders <& \"quotes\">",
            "--rev-id",
            "c3",
            "--head",
            "a1",
            "--splice",
            "--branch-label",
            "shop",
        ],
        &["-m", "order items", "--rev-id", "d4", "--head", "c3"],
        &[
            "-m",
            "user index",
            "--rev-id",
            "e5",
            "--head",
            "b2",
            "--depends-on",
            "c3",
        ],
    ] {
        ok(d, &[&["revision"][..], args].concat());
    }
    ok(d, &["merge", "heads", "-m", "merge shop", "--rev-id", "f6"]);
    ok(
        d,
        &[
            "revision",
            "-m",
            "audit log",
            "--rev-id",
            "g7",
            "--head",
            "f6",
        ],
    );
    ok(
        d,
        &[
            "revision",
            "-m",
            "reports",
            "--rev-id",
            "h8",
            "--head",
            "f6",
            "--splice",
            "--branch-label",
            "reports",
        ],
    );
    ok(
        d,
        &[
            "revision",
            "-m",
            "other base",
            "--rev-id",
            "z9",
            "--head",
            "base",
        ],
    );
    ok(d, &["upgrade", "e5"]);
    dir
}

#[test]
fn mermaid_and_dot_show_the_graph_and_where_the_database_is() {
    let dir = branchy_project();
    let d = dir.path();

    // Without a database: nothing is current, nothing connects.
    let mermaid = ok(d, &["graph", "--format", "mermaid"]);
    assert!(mermaid.starts_with("flowchart TB\n"), "{mermaid}");
    assert!(mermaid.contains("[\"a1 (base, branch point)<br/>create users\"]"));
    assert!(mermaid.contains("[\"c3 @shop<br/>orders #60;#38; #34;quotes#34;#62;\"]"));
    assert!(mermaid.contains("[\"f6 (branch point, merge)<br/>merge shop\"]"));
    assert!(mermaid.contains("[\"h8 (head) @reports<br/>reports\"]"));
    assert!(mermaid.contains("[\"z9 (head, base)<br/>other base\"]"));
    assert_eq!(mermaid.matches(" --> ").count(), 8);
    assert_eq!(mermaid.matches(" -. depends on .-> ").count(), 1);
    assert!(!mermaid.contains("(current"), "{mermaid}");
    assert!(!mermaid
        .lines()
        .any(|l| l.contains("class ") && l.ends_with(" current")));

    // --current reads the configured database: c3 and e5, as `current` says.
    let mermaid = ok(d, &["graph", "--format", "mermaid", "--current"]);
    let node = |id: &str| {
        mermaid
            .lines()
            .find(|l| l.contains(&format!("[\"{id}")))
            .and_then(|l| l.trim().split('[').next())
            .unwrap()
            .to_string()
    };
    let current_line = mermaid
        .lines()
        .find(|l| l.trim_end().ends_with(" current") && l.contains("class "))
        .unwrap_or_else(|| panic!("{mermaid}"));
    assert_eq!(
        current_line.trim(),
        format!("class {},{} current", node("c3"), node("e5"))
    );
    assert!(mermaid.contains(&format!("class {},{} applied", node("a1"), node("b2"))));

    // DOT, chosen by the output file's extension.
    ok(d, &["graph", "-o", "g.dot"]);
    let dot = std::fs::read_to_string(d.join("g.dot")).unwrap();
    assert!(dot.starts_with("digraph revisions {"), "{dot}");
    assert!(dot.contains("\"c3\" [label=\"c3 @shop\\norders <& \\\"quotes\\\">\""));
    assert!(dot.contains("\"c3\" -> \"e5\" [style=dashed"));
    assert!(dot.contains("\"a1\" -> \"b2\";"));
    assert_eq!(dot.matches(" -> ").count(), 9);

    // --url names another database (a fresh one: at base, nothing current).
    let other = d.join("other.db");
    let url = format!("sqlite:///{}", other.display());
    let dot = ok(d, &["graph", "--format", "dot", "--url", &url]);
    assert!(!dot.contains("#d9480f"), "{dot}");
}

#[test]
fn bad_options_are_usage_errors_and_unknown_rows_are_told() {
    let dir = branchy_project();
    let d = dir.path();
    let output = retort(d, &["graph", "--format", "png"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("--format must be svg, mermaid or dot, not 'png'"));
    let output = retort(d, &["graph", "-o", "no/such/dir/g.svg"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("cannot write no/such/dir/g.svg"));

    // A version-table row no file defines: drawn without it, and told.
    let conn = rusqlite::Connection::open(d.join("app.db")).unwrap();
    conn.execute("UPDATE alembic_version SET version_num = 'gone'", [])
        .unwrap();
    let output = retort(d, &["graph", "--current", "--format", "dot"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("the database is at revision 'gone'"));
    assert!(!stdout(&output).contains("gone"));
}

/// The box of each revision in the SVG: (id, x, y, width, height).
fn boxes(svg: &str) -> Vec<(String, f64, f64, f64, f64)> {
    let attr = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        tag[at..at + tag[at..].find('"').unwrap()].parse().unwrap()
    };
    svg.split("<g id=\"rev-")
        .skip(1)
        .map(|part| {
            let id = part[..part.find('"').unwrap()].to_string();
            let rect = &part[part.find("<rect ").unwrap()..];
            let rect = &rect[..rect.find("/>").unwrap()];
            (
                id,
                attr(rect, "x"),
                attr(rect, "y"),
                attr(rect, "width"),
                attr(rect, "height"),
            )
        })
        .collect()
}

/// Runs Chromium, killed if it takes longer than a minute.
fn chromium(args: &[&str]) {
    let mut child = Command::new("chromium")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect(
            "Chromium runs the SVG test: install it (`apt-get install chromium`; \
             scripts/test.sh does)",
        );
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium {args:?}: {status}");
            return;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium {args:?} took over a minute");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_svg_opens_in_a_headless_browser_with_every_box_drawn() {
    let dir = branchy_project();
    let d = dir.path();
    ok(d, &["graph", "--current", "-o", "graph.svg"]);
    let svg = std::fs::read_to_string(d.join("graph.svg")).unwrap();
    let boxes = boxes(&svg);
    assert_eq!(boxes.len(), 9);
    let size = |name: &str| {
        let at = svg.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        svg[at..at + svg[at..].find('"').unwrap()]
            .parse::<u32>()
            .unwrap()
    };
    let (width, height) = (size("width"), size("height"));

    let shot = d.join("shot.png");
    let profile = d.join("chromium-profile");
    chromium(&[
        "--headless",
        "--disable-gpu",
        "--no-sandbox",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        &format!("--user-data-dir={}", profile.display()),
        &format!("--window-size={width},{height}"),
        &format!("--screenshot={}", shot.display()),
        &format!("file://{}", d.join("graph.svg").display()),
    ]);

    let decoder = png::Decoder::new(std::fs::File::open(&shot).expect("a screenshot"));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let channels = info.color_type.samples();
    let pixel = |x: f64, y: f64| -> (u8, u8, u8) {
        let (x, y) = (x.round() as usize, y.round() as usize);
        assert!(x < info.width as usize && y < info.height as usize);
        let at = (y * info.width as usize + x) * channels;
        (pixels[at], pixels[at + 1], pixels[at + 2])
    };
    let white = |p: (u8, u8, u8)| p.0 > 245 && p.1 > 245 && p.2 > 245;

    for (id, x, y, w, h) in &boxes {
        // The border is drawn, and the text inside it.
        assert!(!white(pixel(*x, y + h / 2.0)), "{id}: no left border");
        let inked = (0..*w as usize)
            .flat_map(|dx| (0..*h as usize).map(move |dy| (dx, dy)))
            .filter(|&(dx, dy)| {
                let p = pixel(x + dx as f64, y + dy as f64);
                p.0 < 120 && p.1 < 120 && p.2 < 120
            })
            .count();
        assert!(inked > 100, "{id}: no text ({inked} dark pixels)");
    }
    // The current revisions' borders are orange; a head's green.
    let border = |id: &str| {
        let (_, x, y, _, h) = boxes.iter().find(|b| b.0 == id).unwrap();
        pixel(*x, y + h / 2.0)
    };
    for id in ["c3", "e5"] {
        let (r, g, b) = border(id);
        assert!(r > 180 && g < 120 && b < 60, "{id} border {:?}", (r, g, b));
    }
    let (r, g, b) = border("g7");
    assert!(g > r && g > b, "head border {:?}", (r, g, b));
    // Between the layers, away from the edges, the page is white.
    let (_, x, y, _, h) = boxes.iter().find(|b| b.0 == "a1").unwrap();
    assert!(white(pixel(x + 2.0, y + h + 20.0)));
}
