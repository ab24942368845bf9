//! Crisis lines shown on the help page and on every crisis card. A practice sets its own
//! per region and language; the defaults and their sources are listed in docs/crisis-lines.md.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "StoredLine")]
pub struct CrisisLine {
    /// ISO 3166-1 alpha-2 country code of the place the line serves.
    pub region: String,
    /// `en` or `ko` when the line answers in one language only; `None` for any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    pub name: String,
    /// What to dial, exactly as a phone takes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Where to send a text message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// For text lines: the word to send, if the line asks for one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_keyword: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chat_url: Option<String>,
    /// Answers day and night, every day.
    pub always_open: bool,
    /// Opening hours in the practice's words, for lines that are not always open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    /// Emergency services come first on the help page and on the severe card.
    pub emergency: bool,
}

/// How a line is stored. Older settings had one `number` with a `contact` kind and a
/// `country`; they still load, folded into the fields above.
#[derive(Deserialize)]
struct StoredLine {
    #[serde(alias = "country")]
    region: String,
    #[serde(default)]
    language: Option<String>,
    name: String,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    text_keyword: Option<String>,
    #[serde(default)]
    chat_url: Option<String>,
    #[serde(default)]
    always_open: Option<bool>,
    #[serde(default)]
    hours: Option<String>,
    #[serde(default)]
    emergency: bool,
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    contact: Option<String>,
}

impl From<StoredLine> for CrisisLine {
    fn from(s: StoredLine) -> Self {
        let (mut phone, mut text) = (s.phone, s.text);
        if let Some(n) = s.number {
            let contact = s.contact.as_deref().unwrap_or("call");
            if phone.is_none() && contact != "text" {
                phone = Some(n.clone());
            }
            if text.is_none() && contact != "call" {
                text = Some(n);
            }
        }
        CrisisLine {
            region: s.region,
            language: s.language.filter(|l| !l.is_empty()),
            name: s.name,
            phone,
            text,
            text_keyword: s.text_keyword,
            chat_url: s.chat_url,
            // The shipped lines of older versions were all 24/7 services.
            always_open: s.always_open.unwrap_or(true),
            hours: s.hours,
            emergency: s.emergency,
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn line(
    region: &str,
    name: &str,
    phone: Option<&str>,
    text: Option<&str>,
    keyword: Option<&str>,
    chat: Option<&str>,
    emergency: bool,
) -> CrisisLine {
    CrisisLine {
        region: region.into(),
        language: None,
        name: name.into(),
        phone: phone.map(Into::into),
        text: text.map(Into::into),
        text_keyword: keyword.map(Into::into),
        chat_url: chat.map(Into::into),
        always_open: true,
        hours: None,
        emergency,
    }
}

pub fn defaults() -> Vec<CrisisLine> {
    vec![
        line(
            "US",
            "Emergency services",
            Some("911"),
            None,
            None,
            None,
            true,
        ),
        line(
            "US",
            "988 Suicide & Crisis Lifeline",
            Some("988"),
            Some("988"),
            None,
            Some("https://988lifeline.org/chat/"),
            false,
        ),
        line(
            "US",
            "Crisis Text Line",
            None,
            Some("741741"),
            Some("HOME"),
            None,
            false,
        ),
        line(
            "KR",
            "긴급신고 (Emergency: fire and ambulance)",
            Some("119"),
            None,
            None,
            None,
            true,
        ),
        line("KR", "경찰 (Police)", Some("112"), None, None, None, true),
        line(
            "KR",
            "자살예방상담전화 (Suicide prevention line)",
            Some("109"),
            None,
            None,
            None,
            false,
        ),
    ]
}

/// Why one line is not acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineError {
    Name,
    Region,
    Language,
    /// A line needs at least one of phone, text or chat.
    NoContact,
    Phone,
    Text,
    ChatUrl,
    TooLong,
}

impl LineError {
    /// The form field it concerns.
    pub fn field(self) -> &'static str {
        match self {
            LineError::Name | LineError::TooLong => "name",
            LineError::Region => "region",
            LineError::Language => "language",
            LineError::NoContact | LineError::Phone => "phone",
            LineError::Text => "text",
            LineError::ChatUrl => "chat_url",
        }
    }
}

fn dialable(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= 32
        && n.chars().any(|c| c.is_ascii_digit())
        && n.chars()
            .all(|c| c.is_ascii_digit() || c == '+' || c == ' ' || c == '-')
}

/// Checks one line; every problem is returned so a form can mark each field.
pub fn check(l: &CrisisLine) -> Vec<LineError> {
    let mut errs = vec![];
    if l.name.trim().is_empty() {
        errs.push(LineError::Name);
    }
    if l.name.chars().count() > 120 || l.hours.as_ref().is_some_and(|h| h.chars().count() > 200) {
        errs.push(LineError::TooLong);
    }
    if !(l.region.len() == 2 && l.region.chars().all(|c| c.is_ascii_uppercase())) {
        errs.push(LineError::Region);
    }
    if let Some(lang) = &l.language {
        if lang != "en" && lang != "ko" {
            errs.push(LineError::Language);
        }
    }
    if l.phone.is_none() && l.text.is_none() && l.chat_url.is_none() {
        errs.push(LineError::NoContact);
    }
    if l.phone.as_deref().is_some_and(|p| !dialable(p)) {
        errs.push(LineError::Phone);
    }
    if l.text.as_deref().is_some_and(|p| !dialable(p)) {
        errs.push(LineError::Text);
    }
    if l.chat_url
        .as_deref()
        .is_some_and(|u| !u.starts_with("https://") || u.len() > 300 || u.contains(' '))
    {
        errs.push(LineError::ChatUrl);
    }
    errs
}

/// Checks a practice's list; the index of the first bad entry.
pub fn validate(lines: &[CrisisLine]) -> Result<(), usize> {
    match lines.iter().position(|l| !check(l).is_empty()) {
        Some(i) => Err(i),
        None => Ok(()),
    }
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

/// The lines a crisis card shows one reader: the practice's region, lines in the reader's
/// language before others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardLines {
    /// Emergency services, shown first on the severe card.
    pub emergency: Option<CrisisLine>,
    /// The one primary action: the first crisis line that speaks the reader's language.
    pub primary: Option<CrisisLine>,
    /// Every other line in the region, for "more options".
    pub more: Vec<CrisisLine>,
    /// Lines that answer around the clock, listed when the practice is closed.
    pub always_open: Vec<CrisisLine>,
}

pub fn for_reader(lines: &[CrisisLine], region: &str, lang: &str) -> CardLines {
    let mut here: Vec<&CrisisLine> = lines.iter().filter(|l| l.region == region).collect();
    if here.is_empty() {
        // A practice that lists no line for its own region still gets every line shown.
        here = lines.iter().collect();
    }
    let speaks = |l: &&CrisisLine| l.language.as_deref().is_none_or(|x| x == lang);
    let own_lang_first = |v: &mut Vec<&CrisisLine>| {
        v.sort_by_key(|l| l.language.as_deref() != Some(lang));
    };
    let mut support: Vec<&CrisisLine> = here.iter().copied().filter(|l| !l.emergency).collect();
    own_lang_first(&mut support);
    let primary = support.iter().copied().find(speaks).cloned();
    let emergency = here.iter().copied().find(|l| l.emergency).cloned();
    let more = support
        .iter()
        .copied()
        .filter(|l| Some(*l) != primary.as_ref())
        .cloned()
        .collect();
    let always_open = support
        .iter()
        .copied()
        .filter(|l| l.always_open)
        .cloned()
        .collect();
    CardLines {
        emergency,
        primary,
        more,
        always_open,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        let d = defaults();
        assert_eq!(validate(&d), Ok(()));
        let l988 = d
            .iter()
            .find(|l| l.phone.as_deref() == Some("988"))
            .unwrap();
        assert_eq!(l988.text.as_deref(), Some("988"));
        assert!(d
            .iter()
            .any(|l| l.text.as_deref() == Some("741741")
                && l.text_keyword.as_deref() == Some("HOME")));
        assert!(d
            .iter()
            .any(|l| l.phone.as_deref() == Some("109") && l.region == "KR"));
    }

    #[test]
    fn bad_entries_are_named_by_field() {
        let mut d = defaults();
        d[2].text = Some("call me".into());
        assert_eq!(validate(&d), Err(2));
        assert_eq!(check(&d[2]), vec![LineError::Text]);
        let mut empty = defaults()[0].clone();
        empty.phone = None;
        empty.region = "usa".into();
        assert_eq!(check(&empty), vec![LineError::Region, LineError::NoContact]);
        assert_eq!(href("1 800-273", false), "tel:1800273");
        assert_eq!(href("741741", true), "sms:741741");
    }

    #[test]
    fn older_stored_lines_still_load() {
        let old = r#"[{"country":"US","name":"Line","number":"988","contact":"call_or_text"},
                      {"country":"US","name":"Text","number":"741741","contact":"text","text_keyword":"HOME"}]"#;
        let l: Vec<CrisisLine> = serde_json::from_str(old).unwrap();
        assert_eq!(l[0].phone.as_deref(), Some("988"));
        assert_eq!(l[0].text.as_deref(), Some("988"));
        assert_eq!(l[1].phone, None);
        assert_eq!(l[1].text.as_deref(), Some("741741"));
        assert!(l[0].always_open);
        // And what is written now reads back the same.
        let again: Vec<CrisisLine> =
            serde_json::from_str(&serde_json::to_string(&l).unwrap()).unwrap();
        assert_eq!(again, l);
    }

    #[test]
    fn a_reader_gets_their_region_and_language_first() {
        let mut lines = defaults();
        let mut ko_line = lines[1].clone();
        ko_line.name = "Korean-language line".into();
        ko_line.language = Some("ko".into());
        ko_line.always_open = false;
        lines.push(ko_line);
        let en = for_reader(&lines, "US", "en");
        assert_eq!(en.emergency.unwrap().phone.as_deref(), Some("911"));
        assert_eq!(
            en.primary.as_ref().unwrap().name,
            "988 Suicide & Crisis Lifeline"
        );
        assert!(en.more.iter().any(|l| l.name == "Crisis Text Line"));
        let ko = for_reader(&lines, "US", "ko");
        assert_eq!(ko.primary.unwrap().name, "Korean-language line");
        assert_eq!(ko.always_open.len(), 2, "the Korean line is not 24/7");
        let kr = for_reader(&lines, "KR", "en");
        assert_eq!(kr.emergency.unwrap().phone.as_deref(), Some("119"));
        assert_eq!(kr.primary.unwrap().phone.as_deref(), Some("109"));
        let nowhere = for_reader(&lines, "NZ", "en");
        assert!(
            nowhere.primary.is_some(),
            "no lines for the region: show all"
        );
    }
}
