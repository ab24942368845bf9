//! When a group meets: a local wall-clock start, an IANA time zone, an RFC 5545 RRULE and a
//! length. Expanding in the group's own zone keeps a 19:00 meeting at 19:00 through
//! daylight-saving changes; HSDS's numeric offset and Meeting Guide's weekday + time are
//! converted into this at import. Every expansion is bounded, so a hostile or odd rule
//! cannot run away.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Weekday};
use rrule::RRuleSet;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recurrence {
    /// Local wall-clock start of the first meeting.
    pub start: NaiveDateTime,
    /// IANA zone, e.g. `America/Los_Angeles`.
    pub tz: String,
    /// The RRULE value without its `RRULE:` name, e.g. `FREQ=WEEKLY;BYDAY=TU`. Empty: it
    /// meets once, at `start`.
    #[serde(default)]
    pub rule: String,
    pub minutes: u32,
}

/// Parts of the day used by the time-of-day filter; a meeting belongs to the part its
/// start falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayPart {
    /// 05:00–11:59
    Morning,
    /// 12:00–16:59
    Afternoon,
    /// 17:00–20:59
    Evening,
    /// 21:00–04:59
    Night,
}

impl DayPart {
    pub const ALL: [DayPart; 4] = [
        DayPart::Morning,
        DayPart::Afternoon,
        DayPart::Evening,
        DayPart::Night,
    ];

    pub fn of(t: NaiveTime) -> DayPart {
        match t.hour() {
            5..=11 => DayPart::Morning,
            12..=16 => DayPart::Afternoon,
            17..=20 => DayPart::Evening,
            _ => DayPart::Night,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DayPart::Morning => "morning",
            DayPart::Afternoon => "afternoon",
            DayPart::Evening => "evening",
            DayPart::Night => "night",
        }
    }

    pub fn parse(s: &str) -> Option<DayPart> {
        DayPart::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// A set of (weekday, part of day) pairs as 28 bits: bit `day * 4 + part`, Monday = 0. It
/// is stored as an integer column so the day and time filters are one bitwise test.
pub fn slot_bit(day: Weekday, part: DayPart) -> u32 {
    1 << (day.num_days_from_monday() * 4 + part as u32)
}

/// The mask for "any of these days" × "any of these parts"; an empty list means all.
pub fn slot_mask(days: &[Weekday], parts: &[DayPart]) -> u32 {
    let all_days = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    let days = if days.is_empty() { &all_days[..] } else { days };
    let parts = if parts.is_empty() {
        &DayPart::ALL[..]
    } else {
        parts
    };
    let mut m = 0;
    for &d in days {
        for &p in parts {
            m |= slot_bit(d, p);
        }
    }
    m
}

/// How far ahead "when is the next meeting" looks before giving up.
const HORIZON_DAYS: i64 = 400;
/// The most occurrences one expansion returns.
const MAX_OCCURRENCES: u16 = 500;

impl Recurrence {
    /// A weekly meeting on `day` at `time`, first held on the first such day on or after
    /// `from`.
    pub fn weekly(day: Weekday, time: NaiveTime, tz: &str, minutes: u32, from: NaiveDate) -> Self {
        let ahead = (7 + day.num_days_from_monday() as i64
            - from.weekday().num_days_from_monday() as i64)
            % 7;
        let mut start = (from + chrono::Duration::days(ahead)).and_time(time);
        // A first meeting in a daylight-saving gap or overlap cannot anchor the rule; the
        // next week's, never in one (changes are months apart), can.
        if let Ok(zone) = tz.parse::<chrono_tz::Tz>() {
            if zone.from_local_datetime(&start).single().is_none() {
                start += chrono::Duration::days(7);
            }
        }
        Recurrence {
            start,
            tz: tz.to_string(),
            rule: format!("FREQ=WEEKLY;BYDAY={}", byday(day)),
            minutes,
        }
    }

    pub fn zone(&self) -> Result<chrono_tz::Tz, String> {
        self.tz
            .parse::<chrono_tz::Tz>()
            .map_err(|_| format!("{:?} is not an IANA time zone", self.tz))
    }

    fn set(&self) -> Result<RRuleSet, String> {
        let zone = self.zone()?;
        if self.rule.len() > 500 {
            return Err("the recurrence rule is longer than 500 characters".into());
        }
        if !(1970..=2200).contains(&self.start.year()) {
            return Err(format!(
                "a first meeting in {} is out of range; give a year from 1970",
                self.start.year()
            ));
        }
        // The rrule crate refuses a start that happens twice or never; say why in words.
        if zone.from_local_datetime(&self.start).single().is_none() {
            return Err(format!(
                "the first meeting, {}, falls in a daylight-saving change in {}; choose another first date",
                self.start.format("%Y-%m-%d %H:%M"),
                zone.name()
            ));
        }
        let rule = if self.rule.trim().is_empty() {
            "FREQ=DAILY;COUNT=1".to_string()
        } else {
            checked_rule(&self.rule)?
        };
        let text = format!(
            "DTSTART;TZID={}:{}\nRRULE:{}",
            zone.name(),
            self.start.format("%Y%m%dT%H%M%S"),
            rule
        );
        text.parse::<RRuleSet>()
            .map_err(|e| format!("the recurrence rule {rule:?} is not valid: {e}"))
    }

    /// Why this schedule cannot be used, if it cannot: an unknown zone, a malformed rule,
    /// an impossible length, or a rule that never produces a meeting.
    pub fn check(&self) -> Result<(), String> {
        if self.minutes == 0 || self.minutes > 24 * 60 {
            return Err(format!(
                "a meeting of {} minutes is not possible; give 1 to 1440",
                self.minutes
            ));
        }
        let set = self.set()?;
        let zone = self.zone()?;
        let from = local(zone, self.start - chrono::Duration::days(1));
        let until = local(zone, self.start + chrono::Duration::days(HORIZON_DAYS * 3));
        if set.after(from).before(until).all(1).dates.is_empty() {
            return Err("the schedule never produces a meeting".into());
        }
        Ok(())
    }

    /// Start times (UTC) in `[from, to)`, at most `cap`.
    pub fn occurrences(
        &self,
        from: NaiveDateTime,
        to: NaiveDateTime,
        cap: u16,
    ) -> Vec<NaiveDateTime> {
        let Ok(set) = self.set() else { return vec![] };
        let after = chrono::Utc
            .from_utc_datetime(&from)
            .with_timezone(&rrule::Tz::UTC);
        let before = chrono::Utc
            .from_utc_datetime(&(to - chrono::Duration::seconds(1)))
            .with_timezone(&rrule::Tz::UTC);
        set.after(after)
            .before(before)
            .all(cap.min(MAX_OCCURRENCES))
            .dates
            .into_iter()
            .map(|d| d.naive_utc())
            .collect()
    }

    /// The first start (UTC) at or after `after`, looking at most about a year ahead.
    pub fn next_after(&self, after: NaiveDateTime) -> Option<NaiveDateTime> {
        self.occurrences(after, after + chrono::Duration::days(HORIZON_DAYS), 1)
            .into_iter()
            .next()
    }

    /// The (weekday, part of day) slots this schedule meets in, read from its first
    /// meetings in its own zone.
    pub fn slots(&self) -> u32 {
        let (Ok(set), Ok(zone)) = (self.set(), self.zone()) else {
            return 0;
        };
        let from = local(zone, self.start - chrono::Duration::days(1));
        set.after(from)
            .all(60)
            .dates
            .iter()
            .map(|d| {
                let l = d.naive_local();
                slot_bit(l.weekday(), DayPart::of(l.time()))
            })
            .fold(0, |m, b| m | b)
    }

    /// The meeting's local start and end on the day of a given UTC start.
    pub fn local_span(&self, start_utc: NaiveDateTime) -> Option<(NaiveDateTime, NaiveDateTime)> {
        let zone = self.zone().ok()?;
        let s = chrono::Utc
            .from_utc_datetime(&start_utc)
            .with_timezone(&zone);
        let e = s + chrono::Duration::minutes(self.minutes as i64);
        Some((s.naive_local(), e.naive_local()))
    }

    /// The rule's parts by name (`FREQ` → `WEEKLY`), for writers of other formats.
    pub fn rule_parts(&self) -> Vec<(String, String)> {
        self.rule
            .split(';')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.trim().to_ascii_uppercase(), v.trim().to_string()))
            .collect()
    }
}

/// The rule parts a group's meetings can use. Times of day come from the start, so
/// BYHOUR, BYMINUTE and BYSECOND (which could make thousands of meetings a day) are not
/// among them, nor is anything more frequent than daily.
const RULE_PARTS: [&str; 11] = [
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "WKST",
    "BYDAY",
    "BYMONTHDAY",
    "BYMONTH",
    "BYWEEKNO",
    "BYYEARDAY",
    "BYSETPOS",
];

/// The rule, upper-cased, after checking every part's name and characters; or why not.
fn checked_rule(rule: &str) -> Result<String, String> {
    let rule = rule
        .trim()
        .trim_start_matches("RRULE:")
        .to_ascii_uppercase();
    let mut seen: Vec<&str> = vec![];
    for part in rule.split(';') {
        let Some((name, value)) = part.split_once('=') else {
            return Err(format!("the recurrence rule part {part:?} has no value"));
        };
        if !RULE_PARTS.contains(&name) {
            return Err(format!(
                "the recurrence rule part {name} is not one a group's meetings can use"
            ));
        }
        if seen.contains(&name) {
            return Err(format!("the recurrence rule gives {name} twice"));
        }
        seen.push(name);
        if value.is_empty()
            || !value
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b"+-,".contains(&b))
        {
            return Err(format!(
                "the recurrence rule part {name}={value:?} cannot be read"
            ));
        }
        if name == "FREQ" && !["DAILY", "WEEKLY", "MONTHLY", "YEARLY"].contains(&value) {
            return Err(format!(
                "a group cannot meet {value}; use DAILY, WEEKLY, MONTHLY or YEARLY"
            ));
        }
    }
    if !seen.contains(&"FREQ") {
        return Err("the recurrence rule has no FREQ".into());
    }
    if seen.contains(&"COUNT") && seen.contains(&"UNTIL") {
        return Err("a rule may end by COUNT or by UNTIL, not both (RFC 5545)".into());
    }
    Ok(rule)
}

fn local(zone: chrono_tz::Tz, t: NaiveDateTime) -> chrono::DateTime<rrule::Tz> {
    // A wall-clock time that falls in a DST gap or overlap still gives a usable bound.
    let utc = match zone.from_local_datetime(&t) {
        chrono::LocalResult::Single(d) | chrono::LocalResult::Ambiguous(d, _) => d.naive_utc(),
        chrono::LocalResult::None => t - chrono::Duration::hours(1),
    };
    chrono::Utc
        .from_utc_datetime(&utc)
        .with_timezone(&rrule::Tz::UTC)
}

/// RFC 5545 two-letter weekday.
pub fn byday(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn a_weekly_meeting_keeps_its_local_time_across_dst_in_los_angeles() {
        // Tuesdays 19:00 in Los Angeles; DST ends Sunday 2026-11-01.
        let r = Recurrence {
            start: dt("2026-10-20 19:00"),
            tz: "America/Los_Angeles".into(),
            rule: "FREQ=WEEKLY;BYDAY=TU".into(),
            minutes: 90,
        };
        r.check().unwrap();
        let got = r.occurrences(dt("2026-10-25 00:00"), dt("2026-11-12 00:00"), 10);
        // 19:00 PDT = 02:00 UTC next day; 19:00 PST = 03:00 UTC next day.
        assert_eq!(
            got,
            vec![
                dt("2026-10-28 02:00"),
                dt("2026-11-04 03:00"),
                dt("2026-11-11 03:00")
            ]
        );
        for g in &got {
            let (s, e) = r.local_span(*g).unwrap();
            assert_eq!(s.format("%a %H:%M").to_string(), "Tue 19:00");
            assert_eq!(e.format("%H:%M").to_string(), "20:30");
        }
        // And into summer time: DST starts Sunday 2027-03-14.
        let got = r.occurrences(dt("2027-03-08 00:00"), dt("2027-03-20 00:00"), 10);
        assert_eq!(got, vec![dt("2027-03-10 03:00"), dt("2027-03-17 02:00")]);
    }

    #[test]
    fn seoul_has_no_dst_and_monthly_rules_work() {
        // Second Saturday, 14:00 KST (= 05:00 UTC), all year.
        let r = Recurrence {
            start: dt("2026-01-10 14:00"),
            tz: "Asia/Seoul".into(),
            rule: "FREQ=MONTHLY;BYDAY=2SA".into(),
            minutes: 60,
        };
        let got = r.occurrences(dt("2026-03-01 00:00"), dt("2026-12-31 00:00"), 50);
        assert_eq!(got.len(), 10);
        assert!(got.iter().all(|d| d.format("%H:%M").to_string() == "05:00"));
        assert_eq!(got[0], dt("2026-03-14 05:00"));
        assert_eq!(got[8], dt("2026-11-14 05:00"));
        assert_eq!(
            r.next_after(dt("2026-11-14 05:01")),
            Some(dt("2026-12-12 05:00"))
        );
        assert_eq!(r.slots(), slot_bit(Weekday::Sat, DayPart::Afternoon));
    }

    #[test]
    fn a_meeting_in_the_spring_gap_moves_forward_an_hour() {
        // 02:30 does not exist in Los Angeles on 2027-03-14.
        let r = Recurrence {
            start: dt("2027-03-07 02:30"),
            tz: "America/Los_Angeles".into(),
            rule: "FREQ=WEEKLY;BYDAY=SU".into(),
            minutes: 60,
        };
        let got = r.occurrences(dt("2027-03-07 00:00"), dt("2027-03-22 00:00"), 10);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[1], dt("2027-03-14 10:30"), "03:30 PDT");
    }

    #[test]
    fn bad_schedules_are_refused_with_a_reason() {
        let ok = Recurrence {
            start: dt("2026-01-05 19:00"),
            tz: "Asia/Seoul".into(),
            rule: "FREQ=WEEKLY;BYDAY=MO".into(),
            minutes: 60,
        };
        ok.check().unwrap();
        let bad = |f: &dyn Fn(&mut Recurrence)| {
            let mut r = ok.clone();
            f(&mut r);
            r.check().unwrap_err()
        };
        assert!(bad(&|r| r.tz = "Mars/Olympus".into()).contains("IANA"));
        assert!(bad(&|r| r.minutes = 0).contains("minutes"));
        assert!(bad(&|r| r.rule = "FREQ=FORTNIGHTLY".into()).contains("FORTNIGHTLY"));
        assert!(bad(&|r| r.rule = "FREQ=MINUTELY".into()).contains("MINUTELY"));
        // A rule cannot be spliced into thousands of meetings a day.
        assert!(bad(&|r| r.rule = "FREQ=DAILY;BYHOUR=0,1,2,3".into()).contains("BYHOUR"));
        assert!(bad(&|r| r.rule = "FREQ=WEEKLY;BYDAY=MO;BYDAY=TU".into()).contains("twice"));
        assert!(bad(&|r| r.rule = "FREQ=WEEKLY;BYDAY=M O".into()).contains("cannot be read"));
        assert!(bad(&|r| r.start = dt("1900-01-01 10:00")).contains("1900"));
        // The first meeting may not fall in a daylight-saving change.
        let gap = bad(&|r| {
            r.tz = "America/Los_Angeles".into();
            r.start = dt("2027-03-14 02:30");
        });
        assert!(gap.contains("daylight-saving"), "{gap}");
        // 30 February never comes.
        assert!(bad(&|r| r.rule = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30".into()).contains("never"));
        assert!(bad(&|r| r.rule = "FREQ=WEEKLY\nRDATE:20260101".into()).contains("cannot be read"));
        // A rule that ended before it began.
        assert!(bad(&|r| r.rule = "FREQ=WEEKLY;UNTIL=20250101T000000Z".into()).len() > 5);
    }

    #[test]
    fn expansion_is_bounded() {
        let r = Recurrence {
            start: dt("2026-01-01 08:00"),
            tz: "UTC".into(),
            rule: "FREQ=DAILY".into(),
            minutes: 30,
        };
        let got = r.occurrences(dt("2026-01-01 00:00"), dt("2036-01-01 00:00"), u16::MAX);
        assert_eq!(got.len(), MAX_OCCURRENCES as usize);
    }

    #[test]
    fn weekly_from_a_weekday_and_slots() {
        let from = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(); // a Friday
        let r = Recurrence::weekly(
            Weekday::Mon,
            NaiveTime::from_hms_opt(19, 0, 0).unwrap(),
            "America/Chicago",
            60,
            from,
        );
        assert_eq!(r.start, dt("2026-11-30 19:00"));
        assert_eq!(r.rule, "FREQ=WEEKLY;BYDAY=MO");
        assert_eq!(r.slots(), slot_bit(Weekday::Mon, DayPart::Evening));
        let same = Recurrence::weekly(Weekday::Fri, r.start.time(), "UTC", 60, from);
        assert_eq!(same.start.date(), from);
        assert_eq!(
            slot_mask(&[Weekday::Mon], &[]).count_ones(),
            4,
            "a day alone means any time of it"
        );
        assert_eq!(slot_mask(&[], &[]).count_ones(), 28);
        // A Sunday 01:30 meeting imported the week before clocks fall back in Los Angeles
        // starts the week after, not on the ambiguous night.
        let fall = Recurrence::weekly(
            Weekday::Sun,
            NaiveTime::from_hms_opt(1, 30, 0).unwrap(),
            "America/Los_Angeles",
            60,
            NaiveDate::from_ymd_opt(2026, 10, 27).unwrap(),
        );
        assert_eq!(fall.start, dt("2026-11-08 01:30"));
        fall.check().unwrap();
    }
}

/// A schedule's repeat pattern in a shape pages can put into words; anything more unusual
/// is shown as its rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    Once,
    /// Every `interval` weeks on these days.
    Weekly {
        days: Vec<Weekday>,
        interval: u32,
    },
    /// The `nth` (1–5, or -1 for last) weekday of every month.
    MonthlyNth {
        nth: i32,
        day: Weekday,
    },
    Daily,
    Other,
}

fn weekday_of(code: &str) -> Option<Weekday> {
    Some(match code {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

impl Recurrence {
    pub fn pattern(&self) -> Pattern {
        if self.rule.trim().is_empty() {
            return Pattern::Once;
        }
        let parts = self.rule_parts();
        let get = |k: &str| parts.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        let known = ["FREQ", "INTERVAL", "BYDAY", "WKST", "UNTIL"];
        if parts.iter().any(|(k, _)| !known.contains(&k.as_str())) {
            return Pattern::Other;
        }
        let interval = get("INTERVAL").and_then(|i| i.parse().ok()).unwrap_or(1);
        match get("FREQ") {
            Some("DAILY") if interval == 1 && get("BYDAY").is_none() => Pattern::Daily,
            Some("WEEKLY") => {
                let days: Option<Vec<Weekday>> = match get("BYDAY") {
                    None => Some(vec![self.start.weekday()]),
                    Some(b) => b.split(',').map(weekday_of).collect(),
                };
                match days {
                    Some(days) if !days.is_empty() => Pattern::Weekly { days, interval },
                    _ => Pattern::Other,
                }
            }
            Some("MONTHLY") if interval == 1 => {
                let Some(b) = get("BYDAY") else {
                    return Pattern::Other;
                };
                let at = b.len().saturating_sub(2);
                if !b.is_char_boundary(at) {
                    return Pattern::Other;
                }
                let (n, d) = b.split_at(at);
                match (n.parse::<i32>(), weekday_of(d)) {
                    (Ok(nth), Some(day)) if (1..=5).contains(&nth) || nth == -1 => {
                        Pattern::MonthlyNth { nth, day }
                    }
                    _ => Pattern::Other,
                }
            }
            _ => Pattern::Other,
        }
    }
}

#[cfg(test)]
mod pattern_tests {
    use super::*;

    fn rec(rule: &str) -> Recurrence {
        Recurrence {
            start: NaiveDateTime::parse_from_str("2026-01-06 19:00", "%Y-%m-%d %H:%M").unwrap(),
            tz: "UTC".into(),
            rule: rule.into(),
            minutes: 60,
        }
    }

    #[test]
    fn common_patterns_are_recognised() {
        assert_eq!(rec("").pattern(), Pattern::Once);
        assert_eq!(
            rec("FREQ=WEEKLY;BYDAY=TU,TH").pattern(),
            Pattern::Weekly {
                days: vec![Weekday::Tue, Weekday::Thu],
                interval: 1
            }
        );
        assert_eq!(
            rec("FREQ=WEEKLY;INTERVAL=2").pattern(),
            Pattern::Weekly {
                days: vec![Weekday::Tue],
                interval: 2
            }
        );
        assert_eq!(
            rec("FREQ=MONTHLY;BYDAY=-1FR").pattern(),
            Pattern::MonthlyNth {
                nth: -1,
                day: Weekday::Fri
            }
        );
        assert_eq!(rec("FREQ=DAILY").pattern(), Pattern::Daily);
        assert_eq!(rec("FREQ=MONTHLY;BYMONTHDAY=1").pattern(), Pattern::Other);
        assert_eq!(rec("FREQ=WEEKLY;COUNT=8").pattern(), Pattern::Other);
        assert_eq!(rec("FREQ=MONTHLY;BYDAY=é").pattern(), Pattern::Other);
        assert_eq!(rec("FREQ=MONTHLY;BYDAY=é1").pattern(), Pattern::Other);
    }
}
