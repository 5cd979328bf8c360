//! `retort completions SHELL` and `retort man`: generated from the CLI
//! definition, so they load in the shell and name every subcommand.

use std::process::{Command, Stdio};

fn retort(args: &[&str]) -> std::process::Output {
    // Outside any project: neither needs a retort.toml.
    crate::common::retort_command()
        .args(args)
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap()
}

/// The subcommand names `retort --help` lists.
fn subcommands() -> Vec<String> {
    let help = String::from_utf8(retort(&["--help"]).stdout).unwrap();
    let names: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|n| n != "help")
        .collect();
    assert!(names.len() > 15, "{help}");
    names
}

#[test]
fn the_bash_completion_script_loads_and_completes_subcommands() {
    let bin = env!("CARGO_BIN_EXE_retort");
    // Loaded as a user's .bashrc would; then asked what `retort up<TAB>`
    // completes to.
    let script = format!(
        "source <('{bin}' completions bash) || exit 1\n\
         complete -p retort || exit 1\n\
         COMP_WORDS=(retort up); COMP_CWORD=1; COMP_LINE='retort up'; COMP_POINT=9\n\
         _retort retort up retort\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n"
    );
    let out = Command::new("bash")
        .args(["--norc", "-c", &script])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout.contains("-F _retort retort"), "{stdout}");
    assert!(stdout.lines().any(|l| l == "upgrade"), "{stdout}");
}

#[test]
fn zsh_and_fish_scripts_name_every_subcommand() {
    let names = subcommands();
    for shell in ["zsh", "fish"] {
        let out = retort(&["completions", shell]);
        assert!(out.status.success(), "{out:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        for name in &names {
            assert!(text.contains(name.as_str()), "{shell}: no {name}");
        }
    }
    assert!(String::from_utf8(retort(&["completions", "zsh"]).stdout)
        .unwrap()
        .starts_with("#compdef retort"));
    let out = retort(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

#[test]
fn the_man_page_names_every_subcommand_and_renders() {
    let out = retort(&["man"]);
    assert!(out.status.success(), "{out:?}");
    let roff = String::from_utf8(out.stdout).unwrap();
    assert!(roff.contains(".TH retort 1"), "{roff}");
    for name in subcommands() {
        // roff escapes `-` as `\-`.
        let entry = format!("retort\\-{}(1)", name.replace('-', "\\-"));
        assert!(roff.contains(&entry), "no {entry} in the page");
        let page = retort(&["man", &name]);
        assert!(page.status.success(), "{name}: {page:?}");
        assert!(String::from_utf8_lossy(&page.stdout)
            .contains(&format!("retort\\-{}", name.replace('-', "\\-"))));
    }
    let out = retort(&["man", "nope"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");

    // Rendered by man(1) where it is installed: no roff warnings.
    if Command::new("man").arg("--version").output().is_ok() {
        let mut man = Command::new("man")
            .args(["-l", "-"])
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "80")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        man.stdin
            .take()
            .unwrap()
            .write_all(roff.as_bytes())
            .unwrap();
        let shown = man.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&shown.stdout);
        assert!(shown.status.success(), "{shown:?}");
        assert!(
            text.contains("NAME") && text.contains("retort-upgrade(1)"),
            "{text}"
        );
        assert!(
            shown.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&shown.stderr)
        );
    }
}
