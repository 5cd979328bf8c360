//! `-- retort:allow CODE[,CODE...] reason`: a comment on the line(s) just
//! before a statement, inside it, or after it on its last line, silencing
//! the named rules for that statement. The reason is required.

/// One allow comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allow {
    /// 0-based byte offset of the comment in the section.
    pub offset: usize,
    /// The rules named, as written (codes or names).
    pub rules: Vec<String>,
    pub reason: String,
}

pub const MARKER: &str = "retort:allow";

/// Every allow comment in `text`.
pub fn allows(text: &str) -> Vec<Allow> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(at) = line.find("--") {
            let comment = line[at + 2..].trim();
            if let Some(rest) = comment.strip_prefix(MARKER) {
                if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                    let rest = rest.trim();
                    let (codes, reason) = rest
                        .split_once(char::is_whitespace)
                        .unwrap_or((rest, ""));
                    out.push(Allow {
                        offset: offset + at,
                        rules: codes
                            .split(',')
                            .map(str::trim)
                            .filter(|c| !c.is_empty())
                            .map(String::from)
                            .collect(),
                        reason: reason.trim().to_string(),
                    });
                }
            }
        }
        offset += line.len();
    }
    out
}

/// Which statement an allow on `line` belongs to, given each statement's
/// first and last line: the one that spans the line (a comment inside it,
/// or after it on its last line), else the next one.
pub fn owner(line: usize, statements: &[(usize, usize)]) -> Option<usize> {
    statements
        .iter()
        .position(|&(first, last)| first <= line && line <= last)
        .or_else(|| statements.iter().position(|&(first, _)| first > line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_codes_and_reason() {
        let found = allows("SELECT 1;\n-- retort:allow R001,R017 tiny table\nCREATE INDEX i ON t (x);\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rules, ["R001", "R017"]);
        assert_eq!(found[0].reason, "tiny table");
        assert_eq!(found[0].offset, 10);
        let bare = allows("-- retort:allow R001\n");
        assert_eq!(bare[0].reason, "");
        assert!(allows("-- retort:allowed R001 x\n").is_empty());
    }

    #[test]
    fn an_allow_belongs_to_the_statement_on_its_line_or_the_next() {
        let statements = [(1, 1), (3, 5)];
        assert_eq!(owner(1, &statements), Some(0));
        assert_eq!(owner(2, &statements), Some(1));
        assert_eq!(owner(4, &statements), Some(1));
        assert_eq!(owner(6, &statements), None);
    }
}
