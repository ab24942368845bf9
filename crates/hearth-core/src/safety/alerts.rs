//! The rules of crisis alerts: when one is raised, who hears of it and when it escalates,
//! and how repeats fold into the alert already open. Storage and delivery live elsewhere.

use super::{Level, Screening};
use crate::settings::PracticeSettings;
use chrono::{Duration, NaiveDateTime};

/// Further signals about a member within this window update the open alert instead of
/// raising another: one person in distress is one alert, not a flood.
pub const REPEAT_WINDOW_MINUTES: i64 = 30;

/// After this many escalations an alert stops paging anyone new; it stays at the top of
/// every recipient's queue until someone acknowledges it.
pub const MAX_ESCALATIONS: i32 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Open,
    Acknowledged,
    Resolved,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Acknowledged => "acknowledged",
            Status::Resolved => "resolved",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        [Status::Open, Status::Acknowledged, Status::Resolved]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// How a clinician closed an alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    ReachedOut,
    MemberSafe,
    ReferredToCrisisServices,
    NoActionNeeded,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::ReachedOut,
        Outcome::MemberSafe,
        Outcome::ReferredToCrisisServices,
        Outcome::NoActionNeeded,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::ReachedOut => "reached_out",
            Outcome::MemberSafe => "member_safe",
            Outcome::ReferredToCrisisServices => "referred_to_crisis_services",
            Outcome::NoActionNeeded => "no_action_needed",
        }
    }
    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Where the signal came from. Only the kind is kept, never the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    SafetyPlan,
    /// The member pressed "I need help now" on a crisis card.
    HelpNow,
    CheckinNote,
    CircleNote,
    GroupPost,
    /// A measure's safety item (PHQ-9 item 9) answered above 0.
    Measure,
    /// A small step the member wrote on their way toward a community.
    SmallStep,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::SafetyPlan => "safety_plan",
            Source::HelpNow => "help_now",
            Source::CheckinNote => "checkin_note",
            Source::CircleNote => "circle_note",
            Source::GroupPost => "group_post",
            Source::Measure => "measure",
            Source::SmallStep => "small_step",
        }
    }
    pub fn parse(s: &str) -> Option<Source> {
        [
            Source::SafetyPlan,
            Source::HelpNow,
            Source::CheckinNote,
            Source::CircleNote,
            Source::GroupPost,
            Source::Measure,
            Source::SmallStep,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// Moderate and severe screenings reach a human; lower ones only change what the writer sees.
pub fn raises_alert(level: Level) -> bool {
    level >= Level::Moderate
}

/// How long an alert at this level may wait for acknowledgement.
pub fn ack_window(level: Level, s: &PracticeSettings) -> Duration {
    let minutes = if level >= Level::Severe {
        s.ack_minutes_severe
    } else {
        s.ack_minutes_moderate
    };
    Duration::minutes(i64::from(minutes.max(1)))
}

/// Who is told at each step. Step 0 is the member's care team (or, without one, the
/// on-call list); each escalation widens the circle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rung {
    CareTeam,
    OnCall,
    OnCallAndAdmins,
}

pub fn rung(step: i32) -> Rung {
    match step {
        0 => Rung::CareTeam,
        1 => Rung::OnCall,
        _ => Rung::OnCallAndAdmins,
    }
}

/// The open alert a new signal folds into, if any: unresolved and signalled within the window.
pub fn folds_into(status: Status, last_signal_at: NaiveDateTime, now: NaiveDateTime) -> bool {
    status != Status::Resolved && now - last_signal_at < Duration::minutes(REPEAT_WINDOW_MINUTES)
}

/// When an unacknowledged alert escalates next. A repeat at a higher level can bring the
/// deadline forward, never push it back.
pub fn next_deadline(
    current: Option<NaiveDateTime>,
    level: Level,
    now: NaiveDateTime,
    s: &PracticeSettings,
) -> NaiveDateTime {
    let fresh = now + ack_window(level, s);
    match current {
        Some(c) if c < fresh => c,
        _ => fresh,
    }
}

/// What a writer is shown after they save text that was screened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Card {
    /// A gentle, dismissible line with a link to support options.
    Low,
    /// A crisis card beside the page, not in front of it.
    Moderate,
    /// A full-screen card: emergency number first.
    Severe,
    /// How to help someone you are worried about.
    ConcernForOther,
}

impl Card {
    pub fn as_str(self) -> &'static str {
        match self {
            Card::Low => "low",
            Card::Moderate => "moderate",
            Card::Severe => "severe",
            Card::ConcernForOther => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Card> {
        [
            Card::Low,
            Card::Moderate,
            Card::Severe,
            Card::ConcernForOther,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// The writer's own risk comes before worry for someone else; worry for someone else
/// before a low signal.
pub fn card_for(s: &Screening) -> Option<Card> {
    match s.level {
        Level::Severe => Some(Card::Severe),
        Level::Moderate => Some(Card::Moderate),
        _ if s.concern_for_other => Some(Card::ConcernForOther),
        Level::Low => Some(Card::Low),
        Level::None => None,
    }
}

/// Several texts saved at once (a form with many fields) count as their worst part.
pub fn combine(screenings: impl IntoIterator<Item = Screening>) -> Screening {
    let mut out = Screening {
        level: Level::None,
        concern_for_other: false,
        rules: vec![],
    };
    for s in screenings {
        out.level = out.level.max(s.level);
        out.concern_for_other |= s.concern_for_other;
        for r in s.rules {
            if !out.rules.contains(&r) {
                out.rules.push(r);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(min: i64) -> NaiveDateTime {
        chrono::DateTime::from_timestamp(1_800_000_000, 0)
            .unwrap()
            .naive_utc()
            + Duration::minutes(min)
    }

    fn screening(level: Level, other: bool) -> Screening {
        Screening {
            level,
            concern_for_other: other,
            rules: vec![],
        }
    }

    #[test]
    fn only_moderate_and_severe_raise_alerts() {
        assert!(!raises_alert(Level::None));
        assert!(!raises_alert(Level::Low));
        assert!(raises_alert(Level::Moderate));
        assert!(raises_alert(Level::Severe));
    }

    #[test]
    fn windows_follow_the_practice_settings() {
        let mut s = PracticeSettings::default();
        assert_eq!(ack_window(Level::Severe, &s), Duration::minutes(5));
        assert_eq!(ack_window(Level::Moderate, &s), Duration::minutes(60));
        s.ack_minutes_severe = 0;
        assert_eq!(
            ack_window(Level::Severe, &s),
            Duration::minutes(1),
            "never zero"
        );
    }

    #[test]
    fn repeats_fold_within_thirty_minutes_of_the_last_signal() {
        assert!(folds_into(Status::Open, t(0), t(29)));
        assert!(folds_into(Status::Acknowledged, t(0), t(29)));
        assert!(!folds_into(Status::Open, t(0), t(30)));
        assert!(!folds_into(Status::Resolved, t(0), t(1)));
    }

    #[test]
    fn a_worse_repeat_brings_escalation_forward_never_back() {
        let s = PracticeSettings::default();
        let moderate = next_deadline(None, Level::Moderate, t(0), &s);
        assert_eq!(moderate, t(60));
        assert_eq!(
            next_deadline(Some(moderate), Level::Severe, t(10), &s),
            t(15)
        );
        assert_eq!(
            next_deadline(Some(t(15)), Level::Moderate, t(12), &s),
            t(15)
        );
    }

    #[test]
    fn the_ladder_widens() {
        assert_eq!(rung(0), Rung::CareTeam);
        assert_eq!(rung(1), Rung::OnCall);
        assert_eq!(rung(2), Rung::OnCallAndAdmins);
        assert_eq!(rung(5), Rung::OnCallAndAdmins);
    }

    #[test]
    fn cards_put_the_writer_first() {
        assert_eq!(card_for(&screening(Level::None, false)), None);
        assert_eq!(card_for(&screening(Level::Low, false)), Some(Card::Low));
        assert_eq!(
            card_for(&screening(Level::Low, true)),
            Some(Card::ConcernForOther)
        );
        assert_eq!(
            card_for(&screening(Level::Moderate, true)),
            Some(Card::Moderate)
        );
        assert_eq!(
            card_for(&screening(Level::Severe, false)),
            Some(Card::Severe)
        );
        let c = combine([
            screening(Level::Low, true),
            screening(Level::Moderate, false),
        ]);
        assert_eq!((c.level, c.concern_for_other), (Level::Moderate, true));
        for k in [
            Card::Low,
            Card::Moderate,
            Card::Severe,
            Card::ConcernForOther,
        ] {
            assert_eq!(Card::parse(k.as_str()), Some(k));
        }
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
    }
}
