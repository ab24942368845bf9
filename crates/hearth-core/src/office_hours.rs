//! When the practice's care team is at work. Crisis cards say so: outside these hours a
//! person is told when the team will respond and which lines answer around the clock.

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// One day's opening. Days without an entry are closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeDay {
    /// 1 = Monday … 7 = Sunday (ISO 8601).
    pub weekday: u8,
    /// "HH:MM", local to the practice.
    pub open: String,
    pub close: String,
}

pub fn default_hours() -> Vec<OfficeDay> {
    (1..=5)
        .map(|d| OfficeDay {
            weekday: d,
            open: "09:00".into(),
            close: "17:00".into(),
        })
        .collect()
}

pub fn parse_time(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

/// A day is valid when both times parse and it opens before it closes.
pub fn valid_day(d: &OfficeDay) -> bool {
    (1..=7).contains(&d.weekday)
        && matches!((parse_time(&d.open), parse_time(&d.close)), (Some(o), Some(c)) if o < c)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    Open,
    /// Closed now; the team is next at work from this moment (practice time), if ever.
    Closed {
        next_open: Option<DateTime<Tz>>,
    },
}

fn hours_on(hours: &[OfficeDay], wd: Weekday) -> Option<(NaiveTime, NaiveTime)> {
    let n = wd.number_from_monday() as u8;
    hours
        .iter()
        .filter(|d| d.weekday == n)
        .find_map(|d| Some((parse_time(&d.open)?, parse_time(&d.close)?)))
        .filter(|(o, c)| o < c)
}

pub fn availability(now: DateTime<Utc>, tz: Tz, hours: &[OfficeDay]) -> Availability {
    let local = now.with_timezone(&tz);
    if let Some((open, close)) = hours_on(hours, local.weekday()) {
        let t = local.time();
        if t >= open && t < close {
            return Availability::Open;
        }
    }
    // The next opening within a week (today's, if it is still ahead).
    for days in 0..=7 {
        let date = local.date_naive() + Duration::days(days);
        if let Some((open, _)) = hours_on(hours, date.weekday()) {
            // A time skipped by a daylight-saving change resolves to the later instant.
            let at = tz
                .from_local_datetime(&date.and_time(open))
                .earliest()
                .or_else(|| {
                    tz.from_local_datetime(&(date.and_time(open) + Duration::hours(1)))
                        .earliest()
                });
            if let Some(at) = at {
                if at > local {
                    return Availability::Closed {
                        next_open: Some(at),
                    };
                }
            }
        }
    }
    Availability::Closed { next_open: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn weekday_office_hours_in_the_practice_time_zone() {
        let tz: Tz = "America/New_York".parse().unwrap();
        let h = default_hours();
        // Wednesday 2026-11-25 10:00 in New York is 15:00 UTC.
        assert_eq!(
            availability(at("2026-11-25T15:00:00Z"), tz, &h),
            Availability::Open
        );
        // 18:00 New York: closed until Thursday 09:00.
        match availability(at("2026-11-25T23:00:00Z"), tz, &h) {
            Availability::Closed { next_open: Some(t) } => {
                assert_eq!(t.to_rfc3339(), "2026-11-26T09:00:00-05:00")
            }
            other => panic!("{other:?}"),
        }
        // Saturday: closed until Monday.
        match availability(at("2026-11-28T15:00:00Z"), tz, &h) {
            Availability::Closed { next_open: Some(t) } => {
                assert_eq!(t.to_rfc3339(), "2026-11-30T09:00:00-05:00")
            }
            other => panic!("{other:?}"),
        }
        // Early Monday: opens later the same day.
        match availability(at("2026-11-30T12:00:00Z"), tz, &h) {
            Availability::Closed { next_open: Some(t) } => {
                assert_eq!(t.to_rfc3339(), "2026-11-30T09:00:00-05:00")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn no_hours_means_never_open_and_bad_days_are_caught() {
        let tz: Tz = "UTC".parse().unwrap();
        assert_eq!(
            availability(at("2026-11-25T12:00:00Z"), tz, &[]),
            Availability::Closed { next_open: None }
        );
        let bad = OfficeDay {
            weekday: 1,
            open: "17:00".into(),
            close: "09:00".into(),
        };
        assert!(!valid_day(&bad));
        assert!(valid_day(&default_hours()[0]));
    }
}
