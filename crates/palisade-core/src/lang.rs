//! The two languages of user-facing text, and how the default is chosen.

use std::str::FromStr;

/// The language of messages, titles and remediation. Rule ids, field paths and JSON keys never change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// `LC_ALL`, then `LC_MESSAGES`, then `LANG`, as POSIX orders them: `zh*` means Chinese.
    pub fn from_env() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()));
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "en" | "english" => Ok(Lang::En),
            "zh" | "zh-cn" | "zh_cn" | "chinese" => Ok(Lang::Zh),
            other => Err(format!("unknown language `{other}` (expected en or zh)")),
        }
    }
}

/// A text written in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Text {
    pub const fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// Formats a message in the chosen language: `tr!(lang, "en {x}", "中文 {x}")`.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $en:literal, $zh:literal $(, $arg:expr)* $(,)?) => {
        match $lang {
            $crate::Lang::En => format!($en $(, $arg)*),
            $crate::Lang::Zh => format!($zh $(, $arg)*),
        }
    };
}
