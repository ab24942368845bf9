//! Meeting Guide JSON feeds (the Code for Recovery format behind the Meeting Guide app and
//! the 12 Step Meeting List plugin): a JSON array of weekly meetings. Real feeds stray from
//! the draft schema in many ways (integer slugs, days as strings, lower-case codes), so the
//! reader is lenient about shape and strict about meaning: a day that does not exist or a
//! time that cannot be read rejects that meeting with the reason, never the whole feed.
//!
//! Personal contact fields (`contact_1_name` …) are not read: recovery meetings are public
//! but their members are anonymous, and Hearth has no need for them.

use super::{
    Access, Cost, CostKind, Facilitation, FileError, Focus, Format, Online, Organization, Parsed,
    Participation, Place, Point, Recurrence, Resource, SourceKey, Status,
};
use crate::circle::Community;
use chrono::{NaiveTime, Weekday};
use serde_json::{Map, Value};

/// What every code in the feed format means, with its English name for search. The spec's
/// reserved codes, its proposed ones, and `ONL`, which older feeds still carry.
pub const TYPES: &[(&str, &str)] = &[
    ("11", "11th Step Meditation"),
    ("12x12", "12 Steps & 12 Traditions"),
    ("A", "Secular"),
    ("ABSI", "As Bill Sees It"),
    ("AF", "Afrikaans"),
    ("AL", "Concurrent with Alateen"),
    ("AL-AN", "Concurrent with Al-Anon"),
    ("AM", "Amharic"),
    ("AR", "Arabic"),
    ("ASL", "American Sign Language"),
    ("B", "Big Book"),
    ("BA", "Babysitting Available"),
    ("BE", "Newcomer"),
    ("BG", "Bulgarian"),
    ("BI", "Bisexual"),
    ("BRK", "Breakfast"),
    ("BV-I", "Blind / Visually Impaired"),
    ("C", "Closed"),
    ("CAN", "Candlelight"),
    ("CF", "Child-Friendly"),
    ("D", "Discussion"),
    ("D-HOH", "Deaf / Hard of Hearing"),
    ("DA", "Danish"),
    ("DB", "Digital Basket"),
    ("DD", "Dual Diagnosis"),
    ("DE", "German"),
    ("DR", "Daily Reflections"),
    ("EL", "Greek"),
    ("EN", "English"),
    ("FA", "Persian"),
    ("FF", "Fragrance Free"),
    ("FI", "Finnish"),
    ("FR", "French"),
    ("G", "Gay"),
    ("GR", "Grapevine"),
    ("H", "Birthday"),
    ("HE", "Hebrew"),
    ("HI", "Hindi"),
    ("HR", "Croatian"),
    ("HU", "Hungarian"),
    ("IS", "Icelandic"),
    ("ITA", "Italian"),
    ("JA", "Japanese"),
    ("KA", "Georgian"),
    ("KOR", "Korean"),
    ("L", "Lesbian"),
    ("LGBTQ", "LGBTQ"),
    ("LIT", "Literature"),
    ("LO-I", "Loners / Isolationists"),
    ("LS", "Living Sober"),
    ("LT", "Lithuanian"),
    ("M", "Men"),
    ("MED", "Meditation"),
    ("ML", "Malayalam"),
    ("MT", "Maltese"),
    ("N", "Native American"),
    ("NB", "Non-Binary"),
    ("NDG", "Indigenous"),
    ("NE", "Nepali"),
    ("NL", "Dutch"),
    ("NO", "Norwegian"),
    ("O", "Open"),
    ("ONL", "Online"),
    ("OUT", "Outdoor"),
    ("P", "Professionals"),
    ("POA", "Proof of Attendance"),
    ("POC", "People of Color"),
    ("POL", "Polish"),
    ("POR", "Portuguese"),
    ("PUN", "Punjabi"),
    ("QSL", "Quebec Sign Language"),
    ("RSL", "Russian Sign Language"),
    ("RUS", "Russian"),
    ("S", "Spanish"),
    ("SEN", "Seniors"),
    ("SK", "Slovak"),
    ("SL", "Slovenian"),
    ("SM", "Smoking Permitted"),
    ("SP", "Speaker"),
    ("ST", "Step Study"),
    ("SV", "Swedish"),
    ("T", "Transgender"),
    ("TC", "Location Temporarily Closed"),
    ("TH", "Thai"),
    ("TL", "Tagalog"),
    ("TR", "Tradition Study"),
    ("TUR", "Turkish"),
    ("UK", "Ukrainian"),
    ("W", "Women"),
    ("X", "Wheelchair Access"),
    ("XB", "Wheelchair-Accessible Bathroom"),
    ("XT", "Cross Talk Permitted"),
    ("Y", "Young People"),
];

/// Language codes among the types, as ISO 639-1.
const LANGUAGES: &[(&str, &str)] = &[
    ("AF", "af"),
    ("AM", "am"),
    ("AR", "ar"),
    ("BG", "bg"),
    ("DA", "da"),
    ("DE", "de"),
    ("EL", "el"),
    ("EN", "en"),
    ("FA", "fa"),
    ("FI", "fi"),
    ("FR", "fr"),
    ("HE", "he"),
    ("HI", "hi"),
    ("HR", "hr"),
    ("HU", "hu"),
    ("IS", "is"),
    ("ITA", "it"),
    ("JA", "ja"),
    ("KA", "ka"),
    ("KOR", "ko"),
    ("LT", "lt"),
    ("ML", "ml"),
    ("MT", "mt"),
    ("NE", "ne"),
    ("NL", "nl"),
    ("NO", "no"),
    ("POL", "pl"),
    ("POR", "pt"),
    ("PUN", "pa"),
    ("RUS", "ru"),
    ("S", "es"),
    ("SK", "sk"),
    ("SL", "sl"),
    ("SV", "sv"),
    ("TH", "th"),
    ("TL", "tl"),
    ("TUR", "tr"),
    ("UK", "uk"),
];

/// The canonical spelling of a type code, if the format defines it.
pub fn type_code(code: &str) -> Option<&'static str> {
    TYPES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code.trim()))
        .map(|(c, _)| *c)
}

pub fn type_name(code: &str) -> Option<&'static str> {
    TYPES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

pub use super::ReadOptions as Options;

/// Length when a feed gives no end time: the format's documented default.
const DEFAULT_MINUTES: u32 = 60;

pub fn parse(bytes: &[u8], opt: &Options) -> Result<Vec<Parsed>, FileError> {
    let v: Value = super::json_of(bytes)?;
    let Value::Array(items) = v else {
        return Err(FileError(
            "a Meeting Guide feed is a JSON array of meetings, and this file is not an array"
                .into(),
        ));
    };
    Ok(items
        .iter()
        .enumerate()
        .map(|(i, item)| meeting(i + 1, item, opt))
        .collect())
}

fn meeting(position: usize, item: &Value, opt: &Options) -> Parsed {
    let mut warnings = vec![];
    let Value::Object(m) = item else {
        return Parsed {
            position,
            key: None,
            outcome: Err("the item is not a JSON object".into()),
            warnings,
        };
    };
    let key = match m.get("slug") {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
    .map(|id| SourceKey {
        source: opt.source.clone(),
        source_id: id,
    });
    let outcome = match &key {
        None => Err("the meeting has no slug, so a later import could not find it again".into()),
        Some(_) => build(m, opt, &mut warnings),
    };
    Parsed {
        position,
        key,
        outcome,
        warnings,
    }
}

fn text(m: &Map<String, Value>, k: &str) -> String {
    match m.get(k) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn number(m: &Map<String, Value>, k: &str) -> Result<Option<f64>, String> {
    match m.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| format!("{k} {s:?} is not a number")),
        Some(_) => Err(format!("{k} is not a number")),
    }
}

fn day(v: &Value) -> Result<Weekday, String> {
    let n = match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    match n {
        Some(0) => Ok(Weekday::Sun),
        Some(1) => Ok(Weekday::Mon),
        Some(2) => Ok(Weekday::Tue),
        Some(3) => Ok(Weekday::Wed),
        Some(4) => Ok(Weekday::Thu),
        Some(5) => Ok(Weekday::Fri),
        Some(6) => Ok(Weekday::Sat),
        _ => Err(format!("day {v} is not 0 (Sunday) to 6 (Saturday)")),
    }
}

fn clock(m: &Map<String, Value>, k: &str) -> Result<Option<NaiveTime>, String> {
    let s = text(m, k);
    if s.is_empty() {
        return Ok(None);
    }
    NaiveTime::parse_from_str(&s, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(&s, "%H:%M:%S"))
        .map(Some)
        .map_err(|_| format!("{k} {s:?} is not a time of day (HH:MM, 24-hour)"))
}

fn build(
    m: &Map<String, Value>,
    opt: &Options,
    warnings: &mut Vec<String>,
) -> Result<Resource, String> {
    let name = text(m, "name");
    if name.is_empty() {
        return Err("the meeting has no name".into());
    }
    let mut r = Resource::named(&name);
    r.kind = Some(Community::PeerSupport);
    r.facilitation = Some(Facilitation::Peer);
    r.focus = vec![Focus::AddictionRecovery];
    r.participation = vec![Participation::DropIn];
    r.cost = Some(Cost {
        kind: CostKind::Free,
        amount_minor: None,
        currency: None,
        note: "Voluntary contributions".into(),
    });
    r.description = text(m, "notes");
    r.url = text(m, "url");

    // Who lists it: the service body, else the group.
    let entity = text(m, "entity");
    r.organization = Organization {
        name: if entity.is_empty() {
            text(m, "group")
        } else {
            entity
        },
        description: text(m, "group_notes"),
        website: {
            let w = text(m, "entity_website_url");
            if w.is_empty() {
                text(m, "entity_url")
            } else {
                w
            }
        },
        email: text(m, "entity_email"),
        phone: text(m, "entity_phone"),
    };

    // When.
    let tz = match text(m, "timezone") {
        t if t.is_empty() => opt.default_tz.clone(),
        t => t,
    };
    let start = clock(m, "time")?;
    let end = clock(m, "end_time")?;
    let days: Vec<Weekday> = match m.get("day") {
        None | Some(Value::Null) => vec![],
        Some(Value::Array(a)) => a.iter().map(day).collect::<Result<_, _>>()?,
        Some(v) => vec![day(v)?],
    };
    match (days.is_empty(), start) {
        (false, None) => return Err("the meeting has a day but no time".into()),
        (true, Some(_)) => return Err("the meeting has a time but no day".into()),
        _ => {}
    }
    if let Some(start) = start {
        let minutes = match end {
            Some(e) => {
                let d = (e - start).num_minutes();
                // An end before the start runs past midnight.
                (if d <= 0 { d + 24 * 60 } else { d }) as u32
            }
            None => DEFAULT_MINUTES,
        };
        for d in days {
            r.schedules
                .push(Recurrence::weekly(d, start, &tz, minutes, opt.today));
        }
    }

    // Where.
    let approximate = matches!(m.get("approximate"), Some(Value::Bool(true)))
        || text(m, "approximate").eq_ignore_ascii_case("yes");
    let mut place = Place {
        name: text(m, "location"),
        address: text(m, "address"),
        city: text(m, "city"),
        region: text(m, "state"),
        postal_code: text(m, "postal_code"),
        country: text(m, "country"),
        point: None,
        directions: text(m, "location_notes"),
    };
    let formatted = text(m, "formatted_address");
    if place.address.is_empty() && !formatted.is_empty() {
        // The format's rule of thumb: fewer than four comma-separated parts is only an area.
        if formatted.split(',').count() >= 4 {
            place.address = formatted;
        } else if place.city.is_empty() {
            place.city = formatted;
        }
    }
    if approximate {
        place.address.clear();
    }
    match (number(m, "latitude")?, number(m, "longitude")?) {
        (Some(lat), Some(lon)) => place.point = Some(Point::new(lat, lon)?),
        (None, None) => {}
        _ => return Err("the meeting has only one of latitude and longitude".into()),
    }
    let online = Online {
        url: text(m, "conference_url"),
        phone: text(m, "conference_phone"),
        notes: [
            text(m, "conference_url_notes"),
            text(m, "conference_phone_notes"),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n"),
    };
    if !online.url.is_empty()
        && !online.url.starts_with("https://")
        && !online.url.starts_with("http://")
    {
        return Err(format!(
            "conference_url {:?} is not a web address",
            online.url
        ));
    }

    // Types.
    let mut temporarily_closed = false;
    let mut legacy_online = false;
    let codes: Vec<String> = match m.get("types") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        Some(Value::String(s)) => s.split(',').map(str::to_string).collect(),
        _ => vec![],
    };
    for raw in codes {
        let Some(code) = type_code(&raw) else {
            warnings.push(format!(
                "type code {:?} is not in the Meeting Guide list; kept as a tag",
                raw.trim()
            ));
            r.tags.push(raw.trim().to_string());
            continue;
        };
        if let Some((_, lang)) = LANGUAGES.iter().find(|(c, _)| *c == code) {
            push(&mut r.languages, lang.to_string());
        }
        match code {
            "TC" => temporarily_closed = true,
            "ONL" => legacy_online = true,
            "X" => push(&mut r.access, Access::StepFree),
            "BA" => push(&mut r.access, Access::Childcare),
            "ASL" | "QSL" | "RSL" | "D-HOH" => push(&mut r.access, Access::Interpretation),
            "BE" => push(&mut r.participation, Participation::ListeningWelcome),
            "C" => {
                r.eligibility = "Closed meeting: for people who share the group's problem.".into()
            }
            "LGBTQ" | "G" | "L" | "BI" | "T" | "NB" => push(&mut r.focus, Focus::Lgbtq),
            "W" => push(&mut r.focus, Focus::Women),
            "M" => push(&mut r.focus, Focus::Men),
            "Y" => push(&mut r.focus, Focus::YoungAdults),
            "SEN" => push(&mut r.focus, Focus::OlderAdults),
            _ => {}
        }
        if let Some(n) = type_name(code) {
            if !LANGUAGES.iter().any(|(c, _)| *c == code) {
                r.tags.push(n.to_string());
            }
        }
    }

    // How to attend: the plugin's own field wins; otherwise what the meeting offers.
    let physical = !place.address.is_empty() && !temporarily_closed;
    let remote = !online.url.is_empty() || !online.phone.is_empty();
    r.format = match text(m, "attendance_option").as_str() {
        "in_person" => Some(Format::InPerson),
        "hybrid" => Some(Format::Hybrid),
        "online" => Some(Format::Online),
        "inactive" => {
            r.status = Status::Inactive;
            None
        }
        _ => match (physical, remote || legacy_online) {
            (true, true) => Some(Format::Hybrid),
            (true, false) => Some(Format::InPerson),
            (false, true) if online.url.is_empty() && !online.phone.is_empty() => {
                Some(Format::Phone)
            }
            (false, true) => Some(Format::Online),
            (false, false) => None,
        },
    };
    if temporarily_closed && !remote {
        r.status = Status::TemporarilyClosed;
    }
    if place != Place::default() {
        r.place = Some(place);
    }
    if online != Online::default() {
        r.online = Some(online);
    }
    let problems = r.problems();
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    Ok(r)
}

fn push<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn opt() -> Options {
        Options {
            source: "meeting-guide:test".into(),
            default_tz: "America/Chicago".into(),
            today: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        }
    }

    fn one(json: &str) -> Parsed {
        parse(json.as_bytes(), &opt()).unwrap().remove(0)
    }

    #[test]
    fn a_full_meeting_maps_to_a_resource() {
        let p = one(
            r#"[{"slug":"sunday-serenity-14","name":"Sunday Serenity","day":0,"time":"18:00","end_time":"19:30",
            "location":"Alano Club","group":"The Serenity Group","notes":"Ring buzzer.","types":["O","T","LGBTQ","X","BA","KOR","onl"],
            "address":"123 Main Street","city":"Anytown","state":"CA","postal_code":"98765","country":"US",
            "latitude":"34.1","longitude":-118.2,"conference_url":"https://zoom.us/j/1","entity":"District 123",
            "entity_url":"https://district123.org","timezone":"America/Los_Angeles"}]"#,
        );
        assert_eq!(p.key.as_ref().unwrap().source_id, "sunday-serenity-14");
        let r = p.outcome.unwrap();
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
        assert_eq!(r.name, "Sunday Serenity");
        assert_eq!(r.organization.name, "District 123");
        assert_eq!(r.organization.website, "https://district123.org");
        assert_eq!(r.format, Some(Format::Hybrid));
        assert_eq!(r.focus, vec![Focus::AddictionRecovery, Focus::Lgbtq]);
        assert_eq!(r.access, vec![Access::StepFree, Access::Childcare]);
        assert_eq!(r.languages, vec!["ko"]);
        assert!(r.tags.contains(&"Open".to_string()) && r.tags.contains(&"Online".to_string()));
        let s = &r.schedules[0];
        assert_eq!(
            (s.tz.as_str(), s.minutes, s.rule.as_str()),
            ("America/Los_Angeles", 90, "FREQ=WEEKLY;BYDAY=SU")
        );
        assert_eq!(s.start.to_string(), "2026-11-29 18:00:00");
        assert_eq!(r.place.unwrap().point.unwrap().lat, 34.1);
    }

    #[test]
    fn days_as_strings_and_arrays_and_appointments() {
        let ps = parse(
            br#"[{"slug":"a","name":"A","day":"1","time":"19:00"},
                {"slug":2,"name":"B","day":[1,3],"time":"07:00:00"},
                {"slug":"c","name":"By appointment","city":"San Francisco","conference_url":"https://zoom.us/j/1"}]"#,
            &opt(),
        )
        .unwrap();
        let a = ps[0].outcome.as_ref().unwrap();
        assert_eq!(a.schedules[0].rule, "FREQ=WEEKLY;BYDAY=MO");
        assert_eq!(a.schedules[0].minutes, 60, "the format's default length");
        assert_eq!(
            a.schedules[0].tz, "America/Chicago",
            "the practice's zone when none is given"
        );
        assert_eq!(ps[1].key.as_ref().unwrap().source_id, "2");
        assert_eq!(ps[1].outcome.as_ref().unwrap().schedules.len(), 2);
        let c = ps[2].outcome.as_ref().unwrap();
        assert!(c.schedules.is_empty());
        assert_eq!(c.format, Some(Format::Online));
    }

    #[test]
    fn bad_meetings_are_refused_one_by_one_with_reasons() {
        let ps = parse(
            br#"[{"slug":"a","name":"A","day":"7","time":"19:00"},
                {"name":"no slug","day":1,"time":"19:00"},
                {"slug":"c","name":"C","day":1,"time":"25:00"},
                {"slug":"d","name":"D","day":1},
                {"slug":"e","name":"E","day":1,"time":"10:00","latitude":100,"longitude":101},
                {"slug":"f","name":"F","day":1,"time":"10:00","timezone":"Nowhere/Else"},
                "text",
                {"slug":"h","name":"H","types":["O","ZZZ"]}]"#,
            &opt(),
        )
        .unwrap();
        let why = |i: usize| ps[i].outcome.clone().unwrap_err();
        assert!(
            why(0).contains("day \"7\" is not 0 (Sunday) to 6"),
            "{}",
            why(0)
        );
        assert!(why(1).contains("no slug"));
        assert!(why(2).contains("\"25:00\" is not a time"));
        assert!(why(3).contains("day but no time"));
        assert!(why(4).contains("latitude 100"));
        assert!(why(5).contains("IANA"));
        assert!(why(6).contains("not a JSON object"));
        assert!(ps[7].outcome.is_ok());
        assert!(ps[7].warnings[0].contains("\"ZZZ\""));
    }

    #[test]
    fn whole_file_problems_stop_the_file() {
        assert!(parse(b"[{}] invalid text", &opt())
            .unwrap_err()
            .0
            .contains("not valid JSON"));
        assert!(parse(br#"{"meetings":[]}"#, &opt())
            .unwrap_err()
            .0
            .contains("array"));
    }

    #[test]
    fn temporarily_closed_rooms_and_the_plugin_attendance_field() {
        let ps = parse(
            br#"[{"slug":"a","name":"A","day":1,"time":"19:00","address":"1 Main","types":["TC"]},
                {"slug":"b","name":"B","day":1,"time":"19:00","address":"1 Main","types":["TC"],"conference_url":"https://zoom.us/j/2"},
                {"slug":"c","name":"C","day":1,"time":"19:00","attendance_option":"inactive"},
                {"slug":"d","name":"D","day":1,"time":"19:00","formatted_address":"Anytown, OK"}]"#,
            &opt(),
        )
        .unwrap();
        let r = |i: usize| ps[i].outcome.clone().unwrap();
        assert_eq!(r(0).status, Status::TemporarilyClosed);
        assert_eq!(
            (r(1).status, r(1).format),
            (Status::Active, Some(Format::Online))
        );
        assert_eq!(r(2).status, Status::Inactive);
        let d = r(3);
        assert_eq!(
            d.place.as_ref().unwrap().city,
            "Anytown, OK",
            "an area, not an address"
        );
        assert_eq!(d.format, None);
    }
}
