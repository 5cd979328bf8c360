//! The progress line of a long run at a terminal: "revision 3 of 12:
//! message 4s" on stderr under the "Running ..." lines, ticking while a
//! step runs, erased when the run ends. Only when stderr is a terminal,
//! not with --quiet, and for runs of more than [`MIN_STEPS`] migrations:
//! elsewhere every line is printed exactly as without it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;

/// A run this short is over before a progress line would tell anything.
pub const MIN_STEPS: usize = 3;

/// The line while a run shows one; lines printed meanwhile go above it.
static LINE: Mutex<Option<ProgressBar>> = Mutex::new(None);

fn line() -> std::sync::MutexGuard<'static, Option<ProgressBar>> {
    LINE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether runs show the line: a person watching, who did not ask for quiet.
pub fn wanted(quiet: bool) -> bool {
    !quiet && std::io::stderr().is_terminal()
}

/// Before migration `position` of `total` runs: starts the line on the
/// first step of a long run, then moves it on.
pub fn step(position: usize, total: usize, message: &str) {
    let mut guard = line();
    if guard.is_none() && total > MIN_STEPS {
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        // indicatif's placeholders go in as the message's arguments, so
        // the catalog never holds template syntax.
        let position = retort::tr!("cli-progress-position", position = "{pos}", total = "{len}");
        let style = ProgressStyle::with_template(&format!("{position} {{wide_msg}} {{elapsed}}"))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        // The elapsed time moves while a long statement runs.
        bar.enable_steady_tick(Duration::from_millis(500));
        *guard = Some(bar);
    }
    if let Some(bar) = guard.as_ref() {
        bar.set_position(position as u64);
        bar.set_message(message.to_string());
    }
}

/// A line for stderr: above the progress line while there is one.
pub fn eprintln(text: &str) {
    match line().as_ref() {
        Some(bar) => bar.suspend(|| eprintln!("{text}")),
        None => eprintln!("{text}"),
    }
}

/// Erases the line when the run ends, however it ends.
pub struct Finish;

impl Drop for Finish {
    fn drop(&mut self) {
        if let Some(bar) = line().take() {
            bar.finish_and_clear();
        }
    }
}
