//! Table columns padded by the width a terminal draws, not by bytes or
//! characters: a Chinese heading takes two columns a character.

use unicode_width::UnicodeWidthStr;

/// The columns `text` takes at a terminal.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` followed by spaces up to `columns` (never cut).
pub fn pad(text: &str, columns: usize) -> String {
    let mut padded = text.to_string();
    padded.push_str(&" ".repeat(columns.saturating_sub(width(text))));
    padded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_takes_two_columns_a_character() {
        assert_eq!(width("FILE"), 4);
        assert_eq!(width("文件"), 4);
        assert_eq!(pad("文件", 6), "文件  ");
        assert_eq!(pad("FILE", 6), "FILE  ");
        assert_eq!(pad("DATABASE", 4), "DATABASE");
    }
}
