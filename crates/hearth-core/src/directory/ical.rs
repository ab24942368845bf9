//! iCalendar (RFC 5545) for "add to my calendar": one VEVENT per schedule, with its RRULE,
//! in the group's own IANA zone so calendar apps keep the local time across daylight
//! saving. Text is escaped and lines folded at 75 octets as the RFC requires.

use super::{Recurrence, Resource};
use chrono::NaiveDateTime;

/// One calendar entry's source: the resource and how to link back to it.
pub struct Entry<'a> {
    pub id: &'a str,
    pub resource: &'a Resource,
    /// The page people open from their calendar, e.g. `https://…/community/<id>`.
    pub url: String,
}

/// A VCALENDAR holding every schedule of every entry. `stamp` is when it was made (UTC);
/// `host` makes UIDs globally unique.
pub fn calendar(name: &str, entries: &[Entry<'_>], stamp: NaiveDateTime, host: &str) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Hearth//Find community//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for e in entries {
        for (i, rec) in e.resource.schedules.iter().enumerate() {
            if rec.check().is_err() {
                continue;
            }
            event(&mut out, e, i, rec, stamp, host);
        }
    }
    line(&mut out, "END:VCALENDAR");
    out
}

fn event(
    out: &mut String,
    e: &Entry<'_>,
    i: usize,
    rec: &Recurrence,
    stamp: NaiveDateTime,
    host: &str,
) {
    let r = e.resource;
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{}-{i}@{}", e.id, host));
    line(out, &format!("DTSTAMP:{}", stamp.format("%Y%m%dT%H%M%SZ")));
    line(
        out,
        &format!(
            "DTSTART;TZID={}:{}",
            rec.tz,
            rec.start.format("%Y%m%dT%H%M%S")
        ),
    );
    line(out, &format!("DURATION:PT{}M", rec.minutes));
    if !rec.rule.trim().is_empty() {
        line(out, &format!("RRULE:{}", rec.rule.trim()));
    }
    line(out, &format!("SUMMARY:{}", escape(&r.name)));
    let mut desc = r.description.clone();
    if let Some(o) = r.online.as_ref().filter(|o| !o.url.is_empty()) {
        if !desc.is_empty() {
            desc.push_str("\n\n");
        }
        desc.push_str(&o.url);
    }
    if !desc.is_empty() {
        line(out, &format!("DESCRIPTION:{}", escape(&desc)));
    }
    if let Some(p) = &r.place {
        let place = [&p.name, &p.address, &p.city, &p.region, &p.postal_code]
            .into_iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if !place.is_empty() {
            line(out, &format!("LOCATION:{}", escape(&place)));
        }
        if let Some(pt) = p.point {
            line(out, &format!("GEO:{:.6};{:.6}", pt.lat, pt.lon));
        }
    } else if let Some(o) = r.online.as_ref().filter(|o| !o.url.is_empty()) {
        line(out, &format!("LOCATION:{}", escape(&o.url)));
    }
    line(out, &format!("URL:{}", e.url));
    line(out, "END:VEVENT");
}

/// RFC 5545 §3.3.11 TEXT escaping.
fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => o.push_str("\\\\"),
            ';' => o.push_str("\\;"),
            ',' => o.push_str("\\,"),
            '\n' => o.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => o.push(c),
        }
    }
    o
}

/// Writes one content line, folded at 75 octets without splitting a character, CRLF-ended.
fn line(out: &mut String, l: &str) {
    let mut width = 0;
    for c in l.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::{Online, Place};

    #[test]
    fn a_weekly_group_becomes_a_recurring_event() {
        let mut r = Resource::named("Grief, loss; and \\ hope");
        r.description = "Line one\nLine two".into();
        r.place = Some(Place {
            name: "Willow House".into(),
            city: "Seoul".into(),
            ..Place::default()
        });
        r.online = Some(Online {
            url: "https://meet.example.org/x".into(),
            ..Online::default()
        });
        r.schedules.push(Recurrence {
            start: NaiveDateTime::parse_from_str("2026-01-06 19:00", "%Y-%m-%d %H:%M").unwrap(),
            tz: "America/Los_Angeles".into(),
            rule: "FREQ=WEEKLY;BYDAY=TU".into(),
            minutes: 90,
        });
        let stamp = NaiveDateTime::parse_from_str("2026-11-27 10:00", "%Y-%m-%d %H:%M").unwrap();
        let cal = calendar(
            "Hearth",
            &[Entry {
                id: "abc",
                resource: &r,
                url: "https://h.example/community/abc".into(),
            }],
            stamp,
            "h.example",
        );
        assert!(cal.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(cal.contains("\r\nDTSTART;TZID=America/Los_Angeles:20260106T190000\r\n"));
        assert!(cal.contains("\r\nRRULE:FREQ=WEEKLY;BYDAY=TU\r\n"));
        assert!(cal.contains("\r\nDURATION:PT90M\r\n"));
        assert!(cal.contains("\r\nSUMMARY:Grief\\, loss\\; and \\\\ hope\r\n"));
        assert!(cal.contains("DESCRIPTION:Line one\\nLine two\\n\\nhttps://meet.example.org/x"));
        assert!(cal.contains("\r\nUID:abc-0@h.example\r\n"));
        assert!(cal.contains("\r\nDTSTAMP:20261127T100000Z\r\n"));
        assert!(cal.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(!cal.replace("\r\n", "").contains('\n'), "no bare newlines");
    }

    #[test]
    fn long_lines_fold_without_splitting_characters() {
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "우울".repeat(40)));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "우울".repeat(40))
        );
    }
}
