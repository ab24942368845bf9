//! Crisis lines shown on the public help page. A practice replaces these in its settings;
//! the defaults and their sources are listed in docs/crisis-lines.md.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Contact {
    Call,
    Text,
    CallOrText,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrisisLine {
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    pub name: String,
    /// What to dial or text to, exactly as a phone takes it.
    pub number: String,
    pub contact: Contact,
    /// For text lines: the word to send, if the line asks for one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_keyword: Option<String>,
    /// Emergency services come first on the help page.
    #[serde(default)]
    pub emergency: bool,
}

fn line(
    country: &str,
    name: &str,
    number: &str,
    contact: Contact,
    keyword: Option<&str>,
    emergency: bool,
) -> CrisisLine {
    CrisisLine {
        country: country.into(),
        name: name.into(),
        number: number.into(),
        contact,
        text_keyword: keyword.map(Into::into),
        emergency,
    }
}

pub fn defaults() -> Vec<CrisisLine> {
    vec![
        line("US", "Emergency services", "911", Contact::Call, None, true),
        line(
            "US",
            "988 Suicide & Crisis Lifeline",
            "988",
            Contact::CallOrText,
            None,
            false,
        ),
        line(
            "US",
            "Crisis Text Line",
            "741741",
            Contact::Text,
            Some("HOME"),
            false,
        ),
        line(
            "KR",
            "긴급신고 (Emergency: fire and ambulance)",
            "119",
            Contact::Call,
            None,
            true,
        ),
        line("KR", "경찰 (Police)", "112", Contact::Call, None, true),
        line(
            "KR",
            "자살예방상담전화 (Suicide prevention line)",
            "109",
            Contact::Call,
            None,
            false,
        ),
    ]
}

/// Checks a practice's list: a name and a dialable number for each entry.
pub fn validate(lines: &[CrisisLine]) -> Result<(), usize> {
    for (i, l) in lines.iter().enumerate() {
        let number_ok = !l.number.is_empty()
            && l.number
                .chars()
                .all(|c| c.is_ascii_digit() || c == '+' || c == ' ' || c == '-');
        let country_ok = l.country.len() == 2 && l.country.chars().all(|c| c.is_ascii_uppercase());
        if l.name.trim().is_empty() || !number_ok || !country_ok {
            return Err(i);
        }
    }
    Ok(())
}

/// A `tel:` or `sms:` link target for a number.
pub fn href(number: &str, sms: bool) -> String {
    let digits: String = number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    if sms {
        format!("sms:{digits}")
    } else {
        format!("tel:{digits}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_put_emergency_first_per_country() {
        let d = defaults();
        assert_eq!(validate(&d), Ok(()));
        assert!(d
            .iter()
            .any(|l| l.number == "988" && l.contact == Contact::CallOrText));
        assert!(d
            .iter()
            .any(|l| l.number == "741741" && l.text_keyword.as_deref() == Some("HOME")));
        assert!(d.iter().any(|l| l.number == "109" && l.country == "KR"));
    }

    #[test]
    fn bad_entries_are_named_by_index() {
        let mut d = defaults();
        d[2].number = "call me".into();
        assert_eq!(validate(&d), Err(2));
        assert_eq!(href("1 800-273", false), "tel:1800273");
        assert_eq!(href("741741", true), "sms:741741");
    }
}
