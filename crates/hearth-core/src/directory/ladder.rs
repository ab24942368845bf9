//! Small steps toward a community: a short ladder the member can tick, edit, reorder and
//! pause. "Starting with just one step … is more manageable." Progress is shown as steps
//! done, never as streaks: a pause costs nothing.

use super::{Format, Participation, Resource};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

word_enum!(
    /// A gentle, optional reminder of the next step, off unless the member picks one: the
    /// day before each meeting of the group, or once a week from when it was turned on.
    Reminder {
        BeforeMeeting = "before_meeting",
        Weekly = "weekly",
    }
);

pub const MAX_STEPS: usize = 20;
pub const MAX_TEXT: usize = 200;

/// One step. A built-in step has a `key` (its words come from the locale files, so they
/// follow the member's language); once edited it keeps the member's own `text` instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Stable within the ladder, for links and forms.
    pub id: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ladder {
    pub steps: Vec<Step>,
    #[serde(default)]
    pub paused: bool,
    /// The community was added to the member's circle from this ladder, so it is not
    /// added twice.
    #[serde(default)]
    pub in_circle: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminder: Option<Reminder>,
    /// When the reminder was last turned on or the ladder resumed. A queued reminder
    /// carries this; one from before a change does nothing, so no stray reminder is left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminder_since: Option<NaiveDateTime>,
}

/// Built-in steps, in order, suited to how the group meets.
pub fn default_keys(r: &Resource) -> Vec<&'static str> {
    let remote = matches!(r.effective_format(), Some(Format::Online | Format::Phone));
    let mut k = vec!["read_about"];
    if r.schedules.is_empty() {
        k.push("ask_when");
    } else {
        k.push("check_next_meeting");
    }
    if r.participation.contains(&Participation::Registration) {
        k.push("register");
    }
    if !r.schedules.is_empty() {
        k.push("add_to_calendar");
    }
    k.push(if remote {
        "join_and_listen"
    } else {
        "go_and_listen"
    });
    k.extend(["say_hello", "share_once", "go_three_times"]);
    k
}

/// Every built-in key, for the locale check.
pub const ALL_KEYS: [&str; 10] = [
    "read_about",
    "ask_when",
    "check_next_meeting",
    "register",
    "add_to_calendar",
    "go_and_listen",
    "join_and_listen",
    "say_hello",
    "share_once",
    "go_three_times",
];

/// What went wrong with a change, for the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    NoSuchStep,
    Empty,
    TooLong,
    TooMany,
}

impl Ladder {
    pub fn for_resource(r: &Resource) -> Ladder {
        Ladder {
            steps: default_keys(r)
                .into_iter()
                .enumerate()
                .map(|(i, k)| Step {
                    id: i as u32 + 1,
                    key: Some(k.to_string()),
                    text: String::new(),
                    done_on: None,
                })
                .collect(),
            paused: false,
            in_circle: false,
            reminder: None,
            reminder_since: None,
        }
    }

    /// Whether reminders are on and have something to remind of: chosen, not paused, and
    /// a step still to do.
    pub fn reminding(&self) -> bool {
        self.reminder.is_some() && !self.paused && !self.finished()
    }

    /// When the next reminder is due after `now` (UTC): none unless `reminding`, and,
    /// before a meeting, none when the group has no meeting ahead.
    pub fn next_reminder(&self, r: &Resource, now: NaiveDateTime) -> Option<NaiveDateTime> {
        if !self.reminding() {
            return None;
        }
        match self.reminder? {
            Reminder::Weekly => Some(now + Duration::days(7)),
            // The first meeting a full day (and a minute, so a reminder sent on the dot
            // does not find the same meeting again) away, less a day.
            Reminder::BeforeMeeting => r
                .next_meeting(now + Duration::days(1) + Duration::minutes(1))
                .map(|m| m - Duration::days(1)),
        }
    }

    fn find(&mut self, id: u32) -> Result<&mut Step, Problem> {
        self.steps
            .iter_mut()
            .find(|s| s.id == id)
            .ok_or(Problem::NoSuchStep)
    }

    fn checked(text: &str) -> Result<String, Problem> {
        let t = text.trim();
        if t.is_empty() {
            Err(Problem::Empty)
        } else if t.chars().count() > MAX_TEXT {
            Err(Problem::TooLong)
        } else {
            Ok(t.to_string())
        }
    }

    /// Ticks a step (today) or unticks it.
    pub fn set_done(&mut self, id: u32, done: bool, today: NaiveDate) -> Result<(), Problem> {
        let s = self.find(id)?;
        s.done_on = done.then_some(today);
        Ok(())
    }

    /// The member's own words for a step.
    pub fn edit(&mut self, id: u32, text: &str) -> Result<(), Problem> {
        let t = Self::checked(text)?;
        let s = self.find(id)?;
        s.text = t;
        s.key = None;
        Ok(())
    }

    pub fn add(&mut self, text: &str) -> Result<u32, Problem> {
        let t = Self::checked(text)?;
        if self.steps.len() >= MAX_STEPS {
            return Err(Problem::TooMany);
        }
        let id = self.steps.iter().map(|s| s.id).max().unwrap_or(0) + 1;
        self.steps.push(Step {
            id,
            key: None,
            text: t,
            done_on: None,
        });
        Ok(id)
    }

    pub fn remove(&mut self, id: u32) -> Result<(), Problem> {
        let before = self.steps.len();
        self.steps.retain(|s| s.id != id);
        if self.steps.len() == before {
            Err(Problem::NoSuchStep)
        } else {
            Ok(())
        }
    }

    /// Moves a step one place earlier (`up`) or later; at an end it stays.
    pub fn shift(&mut self, id: u32, up: bool) -> Result<(), Problem> {
        let i = self
            .steps
            .iter()
            .position(|s| s.id == id)
            .ok_or(Problem::NoSuchStep)?;
        let j = if up { i.checked_sub(1) } else { Some(i + 1) };
        if let Some(j) = j.filter(|j| *j < self.steps.len()) {
            self.steps.swap(i, j);
        }
        Ok(())
    }

    pub fn done(&self) -> usize {
        self.steps.iter().filter(|s| s.done_on.is_some()).count()
    }

    pub fn finished(&self) -> bool {
        !self.steps.is_empty() && self.done() == self.steps.len()
    }

    /// The first step not yet done: the one to suggest.
    pub fn next(&self) -> Option<&Step> {
        self.steps.iter().find(|s| s.done_on.is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::{Online, Recurrence};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn the_ladder_suits_the_group() {
        let mut r = Resource::named("x");
        assert_eq!(
            default_keys(&r),
            vec![
                "read_about",
                "ask_when",
                "go_and_listen",
                "say_hello",
                "share_once",
                "go_three_times"
            ]
        );
        r.online = Some(Online {
            url: "https://x.example".into(),
            ..Online::default()
        });
        r.participation = vec![Participation::Registration];
        r.schedules.push(Recurrence {
            start: day(2).and_hms_opt(19, 0, 0).unwrap(),
            tz: "UTC".into(),
            rule: "FREQ=WEEKLY".into(),
            minutes: 60,
        });
        assert_eq!(
            default_keys(&r),
            vec![
                "read_about",
                "check_next_meeting",
                "register",
                "add_to_calendar",
                "join_and_listen",
                "say_hello",
                "share_once",
                "go_three_times"
            ]
        );
        for k in default_keys(&r) {
            assert!(ALL_KEYS.contains(&k));
        }
    }

    #[test]
    fn reminders_are_gentle_and_stop_by_themselves() {
        let mut r = Resource::named("x");
        let now = day(2).and_hms_opt(12, 0, 0).unwrap();
        let mut l = Ladder::for_resource(&r);
        assert_eq!(l.next_reminder(&r, now), None, "off unless chosen");
        l.reminder = Some(Reminder::Weekly);
        assert_eq!(l.next_reminder(&r, now), Some(now + Duration::days(7)));
        l.reminder = Some(Reminder::BeforeMeeting);
        assert_eq!(
            l.next_reminder(&r, now),
            None,
            "no meetings, nothing to remind of"
        );
        // Tuesdays 19:00 UTC from 3 Nov: the day before the 3rd is too soon at noon on the
        // 2nd, so the next is Monday the 9th at 19:00.
        r.schedules.push(Recurrence {
            start: day(3).and_hms_opt(19, 0, 0).unwrap(),
            tz: "UTC".into(),
            rule: "FREQ=WEEKLY".into(),
            minutes: 60,
        });
        let first = l.next_reminder(&r, now).unwrap();
        assert_eq!(first, day(2).and_hms_opt(19, 0, 0).unwrap());
        // Sent on the dot, the next one is a week on, not the same meeting again.
        assert_eq!(
            l.next_reminder(&r, first),
            Some(day(9).and_hms_opt(19, 0, 0).unwrap())
        );
        l.paused = true;
        assert_eq!(l.next_reminder(&r, now), None);
        l.paused = false;
        for s in l.steps.clone() {
            l.set_done(s.id, true, day(2)).unwrap();
        }
        assert_eq!(l.next_reminder(&r, now), None, "a finished ladder stops");
        // Older ladders without the fields still load.
        let old: Ladder = serde_json::from_str(r#"{"steps":[]}"#).unwrap();
        assert_eq!(old.reminder, None);
    }

    #[test]
    fn tick_edit_reorder_and_finish() {
        let mut l = Ladder::for_resource(&Resource::named("x"));
        assert_eq!(l.steps.len(), 6);
        l.set_done(1, true, day(27)).unwrap();
        assert_eq!((l.done(), l.next().unwrap().id), (1, 2));
        l.edit(2, "  Text Sam to ask the time  ").unwrap();
        assert_eq!(
            (l.steps[1].key.as_deref(), l.steps[1].text.as_str()),
            (None, "Text Sam to ask the time")
        );
        assert_eq!(l.edit(2, "   "), Err(Problem::Empty));
        assert_eq!(l.edit(99, "x"), Err(Problem::NoSuchStep));
        assert_eq!(l.edit(2, &"x".repeat(201)), Err(Problem::TooLong));
        let id = l.add("Wear the blue jumper").unwrap();
        assert_eq!(id, 7);
        l.shift(7, true).unwrap();
        assert_eq!(l.steps[5].id, 7);
        l.shift(1, true).unwrap();
        assert_eq!(l.steps[0].id, 1, "the top stays the top");
        l.remove(3).unwrap();
        assert_eq!(l.remove(3), Err(Problem::NoSuchStep));
        for s in l.steps.clone() {
            l.set_done(s.id, true, day(28)).unwrap();
        }
        assert!(l.finished());
        l.set_done(1, false, day(28)).unwrap();
        assert!(!l.finished());
        while l.steps.len() < MAX_STEPS {
            l.add("more").unwrap();
        }
        assert_eq!(l.add("one too many"), Err(Problem::TooMany));
    }
}
