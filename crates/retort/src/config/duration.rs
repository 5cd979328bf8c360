//! Durations as people write them, from the command line (`--wait`,
//! `--lock-timeout`) and retort.toml (`wait_timeout`, `lock_timeout`):
//! the one place they are read, so that every option takes the same forms
//! and none can panic.
//!
//! A bare number is seconds (`30`, `2.5`); `ms`, `s`, `m` and `h` name
//! their unit (`500ms`, `30s`, `5m`, `1h`). Negative numbers, `nan` and
//! `inf` are refused. A huge number means "a very long time": it is capped
//! at [`MAX_DURATION`], which `Instant` arithmetic can always hold, rather
//! than overflowing.

use std::time::Duration;

/// The longest duration retort waits: about a hundred years, "forever" in
/// practice, and far from what `Instant + Duration` can overflow.
pub const MAX_DURATION: Duration = Duration::from_secs(100 * 365 * 24 * 60 * 60);

/// What a duration may be written as, for error messages.
pub fn duration_forms() -> String {
    crate::tr!("config-duration-forms")
}

/// Reads a duration written as text.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let trimmed = text.trim();
    let (number, unit_seconds) = [("ms", 0.001), ("s", 1.0), ("m", 60.0), ("h", 3600.0)]
        .iter()
        .find_map(|(unit, factor)| {
            trimmed
                .strip_suffix(unit)
                // `ms` is tried before `s`, so `5ms` never reads as `5m` + `s`.
                .filter(|n| !n.ends_with(|c: char| c.is_ascii_alphabetic() && c != 'e'))
                .map(|n| (n.trim_end(), *factor))
        })
        .unwrap_or((trimmed, 1.0));
    let value: f64 = number
        .parse()
        .map_err(|_| not_a_duration(text))?;
    from_seconds(value * unit_seconds)
        .map_err(|_| not_a_duration(text))
}

fn not_a_duration(text: &str) -> String {
    crate::tr!("config-not-a-duration", forms = duration_forms(), found = text)
}

/// A number of seconds as a duration: finite and not negative, capped at
/// [`MAX_DURATION`].
pub fn from_seconds(seconds: f64) -> Result<Duration, String> {
    if seconds.is_nan() || seconds.is_infinite() || seconds < 0.0 {
        return Err(not_a_duration(&seconds.to_string()));
    }
    if seconds >= MAX_DURATION.as_secs_f64() {
        return Ok(MAX_DURATION);
    }
    Ok(Duration::try_from_secs_f64(seconds).unwrap_or(MAX_DURATION))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_units() {
        assert_eq!(parse_duration("30"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration(" 2.5 "), Ok(Duration::from_millis(2500)));
        assert_eq!(parse_duration("0"), Ok(Duration::ZERO));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_duration("1.5 m"), Ok(Duration::from_secs(90)));
    }

    #[test]
    fn huge_values_saturate() {
        assert_eq!(parse_duration("1e300"), Ok(MAX_DURATION));
        assert_eq!(parse_duration("1e19"), Ok(MAX_DURATION));
        assert_eq!(parse_duration("1e300h"), Ok(MAX_DURATION));
        assert_eq!(from_seconds(f64::MAX), Ok(MAX_DURATION));
        assert!(std::time::Instant::now()
            .checked_add(MAX_DURATION)
            .is_some());
    }

    #[test]
    fn refusals_say_what_is_accepted() {
        for bad in [
            "-1", "nan", "inf", "-inf", "infinity", "", "soon", "5x", "5 ms s", "NaNs", "-0.5s",
        ] {
            let err = parse_duration(bad).unwrap_err();
            assert!(err.contains("number of seconds"), "{bad}: {err}");
            assert!(err.contains(&format!("`{bad}`")), "{bad}: {err}");
        }
        assert!(from_seconds(-1.0).is_err());
        assert!(from_seconds(f64::NAN).is_err());
    }
}
