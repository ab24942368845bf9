//! Crisis-language screening: pure, explainable, in English and Korean.
//!
//! Layers, in order: normalisation (case, NFKC, repeated letters, spacing and symbol
//! obfuscation); lexicon matching (versioned data files, one per language, plus a practice's
//! own additions); context (idioms removed, negation, third person, the writer's distant past,
//! fiction and study, humour); combinations (burden with finality, preparation with goodbyes,
//! plan or means with a time, acts in progress). The result names the rules that fired and
//! never the words: nothing about the text leaves the engine.

pub mod alerts;
mod engine;
mod lexicon;
mod normalize;
pub mod plan;

pub use engine::Screener;
pub use lexicon::{Category, LexiconError};

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    None,
    Low,
    Moderate,
    Severe,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Low => "low",
            Level::Moderate => "moderate",
            Level::Severe => "severe",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "none" => Some(Level::None),
            "low" => Some(Level::Low),
            "moderate" => Some(Level::Moderate),
            "severe" | "severe-imminent" => Some(Level::Severe),
            _ => None,
        }
    }

    fn lower(self) -> Level {
        match self {
            Level::Severe => Level::Moderate,
            Level::Moderate => Level::Low,
            _ => Level::None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Ko,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "ko" => Some(Lang::Ko),
            _ => None,
        }
    }
    /// Korean if the text has any Hangul, else English.
    pub fn detect(text: &str) -> Lang {
        if text.chars().any(normalize::is_hangul) {
            Lang::Ko
        } else {
            Lang::En
        }
    }
}

/// What screening found. `rules` are stable ids such as `en.ideation` or
/// `combo.plan_time`; they say why, without the words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Screening {
    pub level: Level,
    pub concern_for_other: bool,
    pub rules: Vec<String>,
}
