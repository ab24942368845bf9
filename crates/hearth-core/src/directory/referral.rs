//! Community referrals ("community prescriptions"): a clinician suggests a resource to a
//! member in their care, and the member says what they made of it. The states follow the
//! closed-loop lifecycle of resource-referral platforms, with the social-prescribing extra
//! of whether the person went:
//!
//! sent → seen → accepted | declined → attended | did_not_attend → engaged → completed,
//! and `expired` when nothing was answered within 30 days. Only the member moves a referral
//! on; the clinician sees where it stands.

use super::matching::Barrier;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

word_enum!(
    Status {
        Sent = "sent",
        Seen = "seen",
        Accepted = "accepted",
        Declined = "declined",
        Attended = "attended",
        DidNotAttend = "did_not_attend",
        Engaged = "engaged",
        Completed = "completed",
        Expired = "expired",
    }
);

word_enum!(
    /// How it went, said by the member at the end.
    Outcome {
        GotHelp = "got_help",
        Partly = "partly",
        DidNotHelp = "did_not_help",
        NotForMe = "not_for_me",
    }
);

/// What the member can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// They opened it.
    Seen,
    /// "I'll try it."
    Accept,
    /// "Not now", with what made it hard (if they said).
    Decline(Option<Barrier>),
    /// "I went."
    Went,
    /// "I didn't go", with what got in the way (if they said).
    DidNotGo(Option<Barrier>),
    /// "I keep going."
    KeepGoing,
    /// "It's not for me": ends it at any point after accepting.
    NotForMe,
    /// How it helped, once they have been.
    Finished(Outcome),
}

/// An answer is expected within this many days; after that the referral has expired.
pub const ANSWER_DAYS: i64 = 30;

/// The status as of `now`: an unanswered referral older than 30 days has expired.
pub fn current(status: Status, sent_at: NaiveDateTime, now: NaiveDateTime) -> Status {
    match status {
        Status::Sent | Status::Seen if (now - sent_at).num_days() >= ANSWER_DAYS => Status::Expired,
        s => s,
    }
}

/// The next status after an event, with the reason or outcome it carries; `None` when the
/// event does not fit where the referral stands (the page only offers those that do).
pub fn apply(now_status: Status, e: Event) -> Option<(Status, Option<Barrier>, Option<Outcome>)> {
    use Status::*;
    Some(match (now_status, e) {
        (Sent, Event::Seen) => (Seen, None, None),
        (Sent | Seen, Event::Accept) => (Accepted, None, None),
        (Sent | Seen, Event::Decline(b)) => (Declined, b, None),
        // "Did you go?" can be answered again if the first answer changes.
        (Accepted | DidNotAttend, Event::Went) => (Attended, None, None),
        (Accepted, Event::DidNotGo(b)) => (DidNotAttend, b, None),
        (Attended, Event::KeepGoing) => (Engaged, None, None),
        (Accepted | Attended | DidNotAttend | Engaged, Event::NotForMe) => {
            (Completed, None, Some(Outcome::NotForMe))
        }
        // Someone who went once may already say how it went, without "I keep going".
        (Attended | Engaged, Event::Finished(o)) => (Completed, None, Some(o)),
        _ => return None,
    })
}

/// What the member may say now, for the page.
pub fn choices(s: Status) -> &'static [&'static str] {
    match s {
        Status::Sent | Status::Seen => &["accept", "decline"],
        Status::Accepted => &["went", "did_not_go", "not_for_me"],
        Status::DidNotAttend => &["went", "not_for_me"],
        Status::Attended => &["keep_going", "finished", "not_for_me"],
        Status::Engaged => &["finished", "not_for_me"],
        _ => &[],
    }
}

/// Reasons older than this stop shaping matches: what was hard then may not be now.
pub const REASONS_KEPT_DAYS: i64 = 180;

/// The reasons given for not going in the last 180 days, newest first, for the member's
/// next matches. Rows are (status, reason, when it was last answered).
pub fn reasons_for_matching(
    rows: &[(Status, Option<Barrier>, NaiveDateTime)],
    now: NaiveDateTime,
) -> Vec<Barrier> {
    let mut out = vec![];
    for (s, b, at) in rows {
        if (now - *at).num_days() > REASONS_KEPT_DAYS {
            continue;
        }
        if let (Status::Declined | Status::DidNotAttend, Some(b)) = (s, b) {
            if !out.contains(b) {
                out.push(*b);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(d: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, d)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    #[test]
    fn the_whole_way_through() {
        let mut s = Status::Sent;
        for e in [
            Event::Seen,
            Event::Accept,
            Event::DidNotGo(Some(Barrier::Energy)),
            Event::Went,
            Event::KeepGoing,
            Event::Finished(Outcome::Partly),
        ] {
            s = apply(s, e).unwrap().0;
        }
        assert_eq!(s, Status::Completed);
        assert_eq!(
            apply(Status::Attended, Event::Finished(Outcome::GotHelp))
                .unwrap()
                .2,
            Some(Outcome::GotHelp)
        );
    }

    #[test]
    fn only_events_that_fit_move_it() {
        assert_eq!(apply(Status::Sent, Event::Went), None, "accept first");
        assert_eq!(apply(Status::Declined, Event::Accept), None);
        assert_eq!(apply(Status::Completed, Event::NotForMe), None);
        assert_eq!(apply(Status::Expired, Event::Accept), None);
        assert_eq!(
            apply(Status::Seen, Event::Decline(Some(Barrier::Cost))),
            Some((Status::Declined, Some(Barrier::Cost), None))
        );
        assert_eq!(apply(Status::Seen, Event::Decline(None)).unwrap().1, None);
        // Every answer the page offers is one the lifecycle takes, and no other.
        let event = |c: &str| match c {
            "accept" => Event::Accept,
            "decline" => Event::Decline(None),
            "went" => Event::Went,
            "did_not_go" => Event::DidNotGo(None),
            "keep_going" => Event::KeepGoing,
            "finished" => Event::Finished(Outcome::GotHelp),
            "not_for_me" => Event::NotForMe,
            other => panic!("unknown choice {other}"),
        };
        let all = [
            "accept",
            "decline",
            "went",
            "did_not_go",
            "keep_going",
            "finished",
            "not_for_me",
        ];
        for s in Status::ALL {
            for c in all {
                assert_eq!(
                    choices(*s).contains(&c),
                    apply(*s, event(c)).is_some(),
                    "{s:?} {c}"
                );
            }
        }
    }

    #[test]
    fn unanswered_for_thirty_days_is_expired() {
        assert_eq!(current(Status::Sent, at(1), at(30)), Status::Sent);
        assert_eq!(
            current(Status::Seen, at(1), at(1) + chrono::Duration::days(30)),
            Status::Expired
        );
        assert_eq!(
            current(Status::Accepted, at(1), at(1) + chrono::Duration::days(90)),
            Status::Accepted
        );
    }

    #[test]
    fn reasons_for_not_going_feed_matching() {
        let rows = [
            (Status::Declined, Some(Barrier::Cost), at(20)),
            (Status::DidNotAttend, Some(Barrier::Energy), at(21)),
            (Status::Declined, Some(Barrier::Cost), at(22)),
            (Status::Completed, None, at(22)),
            (
                Status::Declined,
                Some(Barrier::Language),
                at(1) - chrono::Duration::days(200),
            ),
        ];
        assert_eq!(
            reasons_for_matching(&rows, at(25)),
            vec![Barrier::Cost, Barrier::Energy]
        );
    }
}
