//! Profile fields and their validation.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Ko,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Ko];

    pub fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ko => "ko",
        }
    }

    pub fn parse(s: &str) -> Option<Language> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "en-us" | "en-gb" => Some(Language::En),
            "ko" | "ko-kr" => Some(Language::Ko),
            _ => None,
        }
    }

    /// Picks the first supported language from an HTTP `Accept-Language` header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Language> {
        let mut choices: Vec<(f32, Language)> = header
            .split(',')
            .filter_map(|part| {
                let mut bits = part.trim().split(';');
                let tag = bits.next()?.trim();
                let q = bits
                    .find_map(|b| b.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                let primary = tag.split('-').next()?;
                Language::parse(primary).map(|l| (q, l))
            })
            .filter(|(q, _)| *q > 0.0)
            .collect();
        choices.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
        choices.first().map(|(_, l)| *l)
    }
}

/// A field-level validation problem: the field name and a Fluent message id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message_id: &'static str,
}

impl FieldError {
    pub fn new(field: &'static str, message_id: &'static str) -> Self {
        FieldError { field, message_id }
    }
}

/// Lower-cases and trims an email address and checks its basic shape. Delivery is the real test.
pub fn normalize_email(raw: &str) -> Result<String, FieldError> {
    let email = raw.trim().to_lowercase();
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email
                    .chars()
                    .any(|c| c.is_whitespace() || c == '<' || c == '>')
                && email.matches('@').count() == 1
        });
    if valid {
        Ok(email)
    } else {
        Err(FieldError::new("email", "error-email-invalid"))
    }
}

pub fn validate_display_name(raw: &str) -> Result<String, FieldError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(FieldError::new("display_name", "error-required"));
    }
    if name.chars().count() > 60 {
        return Err(FieldError::new("display_name", "error-too-long"));
    }
    Ok(name.to_string())
}

/// Optional free-text profile fields: trimmed, empty becomes None, bounded in length.
pub fn optional_text(
    field: &'static str,
    raw: &str,
    max: usize,
) -> Result<Option<String>, FieldError> {
    let v = raw.trim();
    if v.is_empty() {
        Ok(None)
    } else if v.chars().count() > max {
        Err(FieldError::new(field, "error-too-long"))
    } else {
        Ok(Some(v.to_string()))
    }
}

pub fn validate_time_zone(raw: &str) -> Result<String, FieldError> {
    let tz = raw.trim();
    match tz.parse::<chrono_tz::Tz>() {
        Ok(_) => Ok(tz.to_string()),
        Err(_) => Err(FieldError::new("time_zone", "error-time-zone")),
    }
}

pub fn time_zone_names() -> impl Iterator<Item = &'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_honours_quality() {
        assert_eq!(
            Language::from_accept_language("ko-KR,ko;q=0.9,en;q=0.8"),
            Some(Language::Ko)
        );
        assert_eq!(
            Language::from_accept_language("fr;q=1,en;q=0.5,ko;q=0.7"),
            Some(Language::Ko)
        );
        assert_eq!(Language::from_accept_language("fr, de"), None);
    }

    #[test]
    fn emails_are_normalized_and_checked() {
        assert_eq!(
            normalize_email("  Ana@Example.ORG ").unwrap(),
            "ana@example.org"
        );
        for bad in ["", "ana", "ana@", "@x.org", "a b@x.org", "a@x", "a@@x.org"] {
            assert!(normalize_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn time_zones_are_iana_names() {
        assert!(validate_time_zone("Asia/Seoul").is_ok());
        assert!(validate_time_zone("Mars/Olympus").is_err());
    }

    #[test]
    fn display_name_is_required_and_bounded() {
        assert!(validate_display_name("  ").is_err());
        assert_eq!(validate_display_name(" River ").unwrap(), "River");
        assert!(validate_display_name(&"x".repeat(61)).is_err());
    }
}
