//! Check-ins: mood, energy and connectedness, each 1–5, an optional note, and who I
//! connected with. Trends over 30, 90 and 365 days, and reminder times. No streaks: a
//! missed day is never counted against anyone.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

pub const MAX_NOTE_CHARS: usize = 1000;
pub const SCALE: std::ops::RangeInclusive<u8> = 1..=5;

/// The three things a check-in asks, in the order the form shows them.
pub const MEASURES: [&str; 3] = ["mood", "energy", "connectedness"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkin {
    pub mood: u8,
    pub energy: u8,
    pub connectedness: u8,
    pub note: Option<String>,
    /// Circle entry ids.
    pub connected_with: Vec<String>,
}

impl Checkin {
    pub fn value(&self, measure: &str) -> u8 {
        match measure {
            "mood" => self.mood,
            "energy" => self.energy,
            _ => self.connectedness,
        }
    }

    /// Field names with a problem: a value outside 1–5, or a note too long.
    pub fn check(&self) -> Vec<&'static str> {
        let mut bad = vec![];
        for m in MEASURES {
            if !SCALE.contains(&self.value(m)) {
                bad.push(m);
            }
        }
        if self
            .note
            .as_ref()
            .is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS)
        {
            bad.push("note");
        }
        bad
    }
}

/// The windows the trends page offers.
pub const WINDOWS: [i64; 3] = [30, 90, 365];

/// One point of a chart: the day's average (a person may check in more than once a day).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DayPoint {
    pub day: NaiveDate,
    pub value: f64,
}

/// Daily averages of one measure within the `days` up to and including `today`.
pub fn daily(points: &[(NaiveDate, u8)], today: NaiveDate, days: i64) -> Vec<DayPoint> {
    let from = today - Duration::days(days - 1);
    let mut by_day: std::collections::BTreeMap<NaiveDate, (u32, u32)> = Default::default();
    for (d, v) in points {
        if *d >= from && *d <= today {
            let e = by_day.entry(*d).or_default();
            e.0 += u32::from(*v);
            e.1 += 1;
        }
    }
    by_day
        .into_iter()
        .map(|(day, (sum, n))| DayPoint {
            day,
            value: f64::from(sum) / f64::from(n),
        })
        .collect()
}

/// Chart geometry: where each day's point sits in a `width` × `height` box (1 at the
/// bottom, 5 at the top). Gaps of more than a week break the line: no filling in.
pub fn polylines(
    pts: &[DayPoint],
    today: NaiveDate,
    days: i64,
    width: f64,
    height: f64,
) -> Vec<Vec<(f64, f64)>> {
    let from = today - Duration::days(days - 1);
    let x = |d: NaiveDate| (d - from).num_days() as f64 / (days - 1).max(1) as f64 * width;
    let y = |v: f64| height - (v - 1.0) / 4.0 * height;
    let mut lines: Vec<Vec<(f64, f64)>> = vec![];
    let mut last: Option<NaiveDate> = None;
    for p in pts {
        let xy = (x(p.day), y(p.value));
        match (last, lines.last_mut()) {
            (Some(l), Some(line)) if (p.day - l).num_days() <= 7 => line.push(xy),
            _ => lines.push(vec![xy]),
        }
        last = Some(p.day);
    }
    lines
}

/// When a member wants a gentle reminder to check in. Off unless they turn it on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminders {
    pub enabled: bool,
    /// 1 = Monday … 7 = Sunday.
    pub days: Vec<u8>,
    /// "HH:MM" in the member's time zone.
    pub time: String,
}

impl Default for Reminders {
    fn default() -> Self {
        Reminders {
            enabled: false,
            days: vec![],
            time: "19:00".into(),
        }
    }
}

impl Reminders {
    pub fn valid(&self) -> bool {
        NaiveTime::parse_from_str(&self.time, "%H:%M").is_ok()
            && self.days.iter().all(|d| (1..=7).contains(d))
            && (!self.enabled || !self.days.is_empty())
    }

    /// The next reminder strictly after `now`, in UTC; `None` when off.
    pub fn next_after(&self, now: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
        if !self.enabled || self.days.is_empty() {
            return None;
        }
        let time = NaiveTime::parse_from_str(&self.time, "%H:%M").ok()?;
        let local = now.with_timezone(&tz).date_naive();
        for add in 0..=7 {
            let date = local + Duration::days(add);
            if !self
                .days
                .contains(&(date.weekday().number_from_monday() as u8))
            {
                continue;
            }
            // A time skipped by a daylight-saving change moves to the hour after.
            let at = tz
                .from_local_datetime(&date.and_time(time))
                .earliest()
                .or_else(|| {
                    tz.from_local_datetime(&(date.and_time(time) + Duration::hours(1)))
                        .earliest()
                })?
                .with_timezone(&Utc);
            if at > now {
                return Some(at);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
    }

    #[test]
    fn values_must_be_one_to_five() {
        let mut c = Checkin {
            mood: 3,
            energy: 0,
            connectedness: 6,
            note: None,
            connected_with: vec![],
        };
        assert_eq!(c.check(), vec!["energy", "connectedness"]);
        c.energy = 1;
        c.connectedness = 5;
        assert!(c.check().is_empty());
    }

    #[test]
    fn daily_averages_and_broken_lines() {
        let pts = [(d(1), 2), (d(1), 4), (d(3), 5), (d(20), 1), (d(10), 3)];
        let daily = daily(&pts, d(25), 30);
        assert_eq!(daily.len(), 4);
        assert_eq!(daily[0].value, 3.0);
        let lines = polylines(&daily, d(25), 30, 290.0, 100.0);
        assert_eq!(lines.len(), 2, "a gap of more than a week breaks the line");
        assert_eq!(lines[0].len(), 3);
        // A 30-day window ending on 25 November starts on 27 October: the 1st is 5/29 in.
        let first = lines[0][0];
        assert!((first.0 - 50.0).abs() < 0.01, "{first:?}");
        assert!((first.1 - 50.0).abs() < 0.01, "3 sits in the middle");
        assert!(daily.iter().all(|p| p.day <= d(25)));
        assert_eq!(
            super::daily(&pts, d(25), 7).len(),
            1,
            "only the 20th is within a week"
        );
    }

    #[test]
    fn reminders_follow_the_member_time_zone() {
        let tz: Tz = "Asia/Seoul".parse().unwrap();
        let r = Reminders {
            enabled: true,
            days: vec![1, 4],
            time: "20:30".into(),
        };
        assert!(r.valid());
        // Wednesday 2026-11-25 12:00 UTC = 21:00 in Seoul: next is Thursday 20:30 KST.
        let now = DateTime::parse_from_rfc3339("2026-11-25T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            r.next_after(now, tz).unwrap().to_rfc3339(),
            "2026-11-26T11:30:00+00:00"
        );
        let off = Reminders::default();
        assert_eq!(off.next_after(now, tz), None);
        assert!(!Reminders {
            enabled: true,
            days: vec![],
            time: "09:00".into()
        }
        .valid());
        assert!(!Reminders {
            enabled: false,
            days: vec![8],
            time: "09:00".into()
        }
        .valid());
    }
}
