//! Messages, ids and labels are user input: each format gets them escaped
//! its own way, and made one line.

/// Text as one line: line breaks and other control characters (which XML
/// refuses outright) become spaces.
pub(crate) fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// At most `max` characters, with `…` in place of the rest.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// XML text or attribute value.
pub(crate) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Inside a Mermaid `"..."` label: Mermaid's `#code;` entities for what
/// would end the label or be read as markup.
pub(crate) fn mermaid(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            '"' | '#' | '<' | '>' | '&' | '`' | '\\' => out.push_str(&format!("#{};", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Inside a DOT `"..."` string.
pub(crate) fn dot(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_escapes_what_would_break_it() {
        assert_eq!(xml("a<b & \"c\"\n'd'"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;");
        assert_eq!(mermaid("say \"hi\" #1 <b>"), "say #34;hi#34; #35;1 #60;b#62;");
        assert_eq!(dot("C:\\ \"x\"\ny"), "C:\\\\ \\\"x\\\" y");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
