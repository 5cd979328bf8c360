//! The values a message takes: text or numbers (numbers choose English
//! plurals, `{ $count -> [one] ... *[other] ... }`).

use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// One argument of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Arg::Text(value.clone())
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_string())
    }
}

impl From<&&str> for Arg {
    fn from(value: &&str) -> Self {
        Arg::Text(value.to_string())
    }
}

impl From<Cow<'_, str>> for Arg {
    fn from(value: Cow<'_, str>) -> Self {
        Arg::Text(value.into_owned())
    }
}

impl From<&Path> for Arg {
    fn from(value: &Path) -> Self {
        Arg::Text(value.display().to_string())
    }
}

impl From<&PathBuf> for Arg {
    fn from(value: &PathBuf) -> Self {
        Arg::Text(value.display().to_string())
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::Number(value as f64)
            }
        }
        impl From<&$t> for Arg {
            fn from(value: &$t) -> Self {
                Arg::Number(*value as f64)
            }
        }
    )*};
}

numbers!(usize, u8, u16, u32, u64, i32, i64, f64);
