//! What an edited migration's upgrade section changed, as a short unified
//! diff of the text the log holds against the file's text now.

use similar::TextDiff;

/// At most this many diff lines are shown; an edit that touches more says
/// how many were left out.
const MAX_LINES: usize = 40;

/// The unified diff from `logged` (as it ran) to `current` (as it is),
/// indented to sit under the file it is about.
pub fn section_diff(logged: &str, current: &str) -> String {
    let diff = TextDiff::from_lines(logged, current);
    let text = diff
        .unified_diff()
        .context_radius(2)
        .header(&crate::tr!("run-diff-as-it-ran"), &crate::tr!("run-diff-as-it-is-now"))
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = lines
        .iter()
        .take(MAX_LINES)
        .map(|line| format!("    {line}"))
        .collect();
    if lines.len() > MAX_LINES {
        out.push(format!(
            "    {}",
            crate::tr!("run-diff-more-lines", count = lines.len() - MAX_LINES)
        ));
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::section_diff;

    #[test]
    fn shows_the_changed_line_with_context() {
        let diff = section_diff(
            "CREATE TABLE t (x int);\nSELECT 1;\n",
            "CREATE TABLE t (y int);\nSELECT 1;\n",
        );
        assert!(diff.contains("-CREATE TABLE t (x int);"), "{diff}");
        assert!(diff.contains("+CREATE TABLE t (y int);"), "{diff}");
        assert!(diff.contains(" SELECT 1;"), "{diff}");
    }

    #[test]
    fn long_diffs_are_cut() {
        let old: String = (0..100).map(|i| format!("SELECT {i};\n")).collect();
        let diff = section_diff(&old, "");
        assert!(diff.lines().count() <= 41, "{diff}");
        assert!(diff.ends_with("more lines"), "{diff}");
    }
}
