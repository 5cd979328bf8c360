//! Asking, at a terminal, whether a dropped and an added table or column
//! are one renamed: the drop would lose the data, and only the person
//! who made the change knows. Away from a terminal nothing is asked; the
//! migration carries a warning naming the `--rename` that would do it.

use super::answer::is_yes_here;
use retort::autogen::RenameCandidate;
use retort::{tr, Error, Result};
use std::collections::BTreeSet;
use std::io::{BufRead, IsTerminal, Write};

/// True when someone can answer: standard input and error are terminals.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Asks about each candidate; returns the `--rename` requests confirmed.
/// Once an object is part of a confirmed rename, other pairings with it are
/// not offered.
pub fn ask(candidates: &[RenameCandidate]) -> Result<Vec<String>> {
    let stdin = std::io::stdin();
    ask_with(candidates, &mut stdin.lock(), &mut std::io::stderr())
}

fn ask_with(
    candidates: &[RenameCandidate],
    input: &mut dyn BufRead,
    output: &mut dyn Write,
) -> Result<Vec<String>> {
    let io = |e: std::io::Error| Error::Usage(tr!("cli-rename-cannot-ask", error = e.to_string()));
    let mut confirmed = Vec::new();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for candidate in candidates {
        let (old, new) = candidate
            .request
            .split_once('=')
            .unwrap_or((&candidate.request, ""));
        if taken.contains(old) || taken.contains(new) {
            continue;
        }
        write!(
            output,
            "{}\n{}",
            tr!(
                "cli-rename-candidate",
                description = capitalised(&candidate.description)
            ),
            tr!("cli-rename-question", request = &candidate.request)
        )
        .map_err(io)?;
        output.flush().map_err(io)?;
        let mut answer = String::new();
        input.read_line(&mut answer).map_err(io)?;
        if is_yes_here(&answer) {
            taken.insert(old.to_string());
            taken.insert(new.to_string());
            confirmed.push(candidate.request.clone());
        }
    }
    Ok(confirmed)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(request: &str) -> RenameCandidate {
        RenameCandidate {
            request: request.to_string(),
            description: retort::autogen::Description::new(|| format!("maybe {request}")),
        }
    }

    #[test]
    fn a_yes_takes_both_sides_out_of_later_questions() {
        let candidates = [
            candidate("public.a=b"),
            candidate("public.a=c"),
            candidate("public.t.x=y"),
        ];
        let mut input = "y\nn\n".as_bytes();
        let mut output = Vec::new();
        let confirmed = ask_with(&candidates, &mut input, &mut output).unwrap();
        assert_eq!(confirmed, vec!["public.a=b".to_string()]);
        let asked = String::from_utf8(output).unwrap();
        assert!(asked.contains("Maybe public.a=b."), "{asked}");
        assert!(!asked.contains("public.a=c"), "{asked}");
        assert!(asked.contains("--rename public.t.x=y"), "{asked}");
    }

    #[test]
    fn no_answer_is_no() {
        let mut input = "".as_bytes();
        let confirmed = ask_with(&[candidate("public.a=b")], &mut input, &mut Vec::new()).unwrap();
        assert!(confirmed.is_empty());
    }
}
