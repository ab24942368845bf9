//! Fluent translations. Every user-visible string goes through here.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use hearth_core::account::Language;
use std::borrow::Cow;
use std::collections::HashMap;
use unic_langid::langid;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en-US",
        // Bidi isolation marks would show up inside form values and emails.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en-US");
static KO: LanguageIdentifier = langid!("ko");

fn id_of(lang: Language) -> &'static LanguageIdentifier {
    match lang {
        Language::En => &EN,
        Language::Ko => &KO,
    }
}

/// Every message formatted once per language without arguments. Pages ask for many such
/// messages (labels, options, legends), and formatting each through Fluent on every request
/// was a large share of a page's cost (docs/PERFORMANCE.md). Messages with arguments are still
/// formatted per call by `args`.
fn plain(lang: Language) -> &'static HashMap<String, String> {
    static EN_PLAIN: std::sync::OnceLock<HashMap<String, String>> = std::sync::OnceLock::new();
    static KO_PLAIN: std::sync::OnceLock<HashMap<String, String>> = std::sync::OnceLock::new();
    let (cell, source) = match lang {
        Language::En => (&EN_PLAIN, include_str!("../locales/en-US/main.ftl")),
        Language::Ko => (&KO_PLAIN, include_str!("../locales/ko/main.ftl")),
    };
    cell.get_or_init(|| {
        source
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim()))
            .filter_map(|k| {
                LOCALES
                    .try_lookup(id_of(lang), k)
                    .map(|v| (k.to_string(), v))
            })
            .collect()
    })
}

/// A translator bound to one language, handed to every template.
#[derive(Debug, Clone, Copy)]
pub struct Tr(pub Language);

impl Tr {
    pub fn lang(&self) -> &'static str {
        self.0.as_str()
    }

    pub fn get(&self, key: &str) -> String {
        if let Some(v) = plain(self.0).get(key) {
            return v.clone();
        }
        LOCALES.try_lookup(id_of(self.0), key).unwrap_or_else(|| {
            tracing::warn!(key, "missing translation");
            key.to_string()
        })
    }

    /// A message with one named argument.
    pub fn with(&self, key: &str, name: &'static str, value: &str) -> String {
        self.args(key, &[(name, value)])
    }

    pub fn with2(
        &self,
        key: &str,
        n1: &'static str,
        v1: &str,
        n2: &'static str,
        v2: &str,
    ) -> String {
        self.args(key, &[(n1, v1), (n2, v2)])
    }

    pub fn args(&self, key: &str, args: &[(&'static str, &str)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            // Whole numbers go in as numbers, so messages can choose plural forms.
            .map(|(k, v)| {
                let value = match v.parse::<i64>() {
                    Ok(n) => FluentValue::from(n),
                    Err(_) => FluentValue::from(v.to_string()),
                };
                (Cow::Borrowed(*k), value)
            })
            .collect();
        LOCALES
            .try_lookup_with_args(id_of(self.0), key, &map)
            .unwrap_or_else(|| key.to_string())
    }

    pub fn has(&self, key: &str) -> bool {
        plain(self.0).contains_key(key) || LOCALES.try_lookup(id_of(self.0), key).is_some()
    }
}
