//! "Find my next step": which communities fit a person now, and why, in a fixed and
//! documented way. Hard limits first (a group that breaks one is never shown), then a
//! weighted fit whose every point comes with a reason id the pages put into words. The
//! weights live in `WEIGHTS`, and nowhere else.

use super::schedule::{slot_mask, DayPart};
use super::{Access, CostKind, Facilitation, Format, Participation, Resource};
use crate::circle::Community;
use chrono::{NaiveDateTime, Weekday};
use serde::{Deserialize, Serialize};

word_enum!(
    /// What feels hard right now (the first question).
    Barrier {
        MeetingNewPeople = "meeting_new_people",
        Energy = "energy",
        TrustingPeople = "trusting_people",
        GettingThere = "getting_there",
        Childcare = "childcare",
        Cost = "cost",
        Schedule = "schedule",
        Language = "language",
        NotKnowingWhereToStart = "not_knowing_where_to_start",
    }
);

word_enum!(
    /// How the person would rather take part.
    Preference {
        Online = "online",
        InPerson = "in_person",
        Either = "either",
    }
);

/// Everything matching looks at. Every answer may be skipped.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Kinds of community missing from the person's circle (My circle's analysis).
    pub circle_gaps: Vec<Community>,
    /// Average check-in energy over the last two weeks, 1–5, if they checked in.
    pub recent_energy: Option<f64>,
    pub barriers: Vec<Barrier>,
    pub preference: Option<Preference>,
    /// Days and parts of the day they are free; empty means any.
    pub free_days: Vec<Weekday>,
    pub free_times: Vec<DayPart>,
    pub focus: Vec<super::Focus>,
    /// Whether a faith-based group is welcome; `false` leaves them out.
    pub faith_welcome: bool,
    /// Languages they are comfortable in (ISO 639-1).
    pub languages: Vec<String>,
    /// Reasons they gave for not going to groups they were referred to before (barriers),
    /// so the next matches take them into account.
    pub past_reasons: Vec<Barrier>,
}

impl Inputs {
    /// Barriers said now or learned from earlier referrals, with low recent energy counted
    /// as the energy barrier.
    pub fn all_barriers(&self) -> Vec<Barrier> {
        let mut b = self.barriers.clone();
        b.extend(self.past_reasons.iter().copied());
        if self.recent_energy.is_some_and(|e| e <= LOW_ENERGY) {
            b.push(Barrier::Energy);
        }
        b.sort();
        b.dedup();
        b
    }
}

/// An average check-in energy at or below this counts as "energy is hard".
pub const LOW_ENERGY: f64 = 2.0;
/// "Close enough" for someone for whom getting there is hard, and "far" for anyone.
pub const NEAR_KM: f64 = 3.0;
pub const FAR_KM: f64 = 15.0;
/// "Soon" for the practical fit.
pub const SOON_DAYS: i64 = 7;
/// A short meeting, kinder on low energy.
pub const SHORT_MINUTES: u32 = 60;

/// The points each reason is worth. Changing a weight here changes matching everywhere;
/// docs/find-community.md explains each in words.
pub const WEIGHTS: &[(&str, i32)] = &[
    ("fills_gap", 4),
    ("focus", 3),
    ("barrier.meeting_new_people.listening_welcome", 2),
    ("barrier.meeting_new_people.camera_optional", 1),
    ("barrier.meeting_new_people.online", 1),
    ("barrier.energy.online", 2),
    ("barrier.energy.drop_in", 1),
    ("barrier.energy.short", 1),
    ("barrier.trusting_people.professional", 2),
    ("barrier.trusting_people.closed_group", 1),
    ("barrier.getting_there.online", 2),
    ("barrier.getting_there.near_transit", 1),
    ("barrier.getting_there.near", 1),
    ("barrier.childcare.childcare", 2),
    ("barrier.childcare.online", 1),
    ("barrier.cost.free", 2),
    ("barrier.cost.sliding_scale", 1),
    ("barrier.language.spoken", 1),
    ("barrier.not_knowing_where_to_start.drop_in", 1),
    ("barrier.not_knowing_where_to_start.listening_welcome", 1),
    ("practical.near", 1),
    ("practical.soon", 1),
    ("practical.verified", 1),
];

pub fn weight(reason: &str) -> i32 {
    WEIGHTS
        .iter()
        .find(|(r, _)| *r == reason)
        .map(|(_, w)| *w)
        .unwrap_or(0)
}

/// One reason a group fits, or one thing that may be hard, by stable id. `value` carries
/// what the sentence names (a kind, a focus, a distance), as the id needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    pub id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

impl Reason {
    fn new(id: &'static str) -> Reason {
        Reason { id, value: None }
    }
    fn with(id: &'static str, v: impl Into<String>) -> Reason {
        Reason {
            id,
            value: Some(v.into()),
        }
    }
}

/// A candidate as search found it.
pub struct Candidate<'a> {
    pub resource: &'a Resource,
    pub distance_km: Option<f64>,
    pub next_meeting: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fit {
    pub score: i32,
    pub reasons: Vec<Reason>,
    pub hard: Vec<Reason>,
}

/// Why a group is left out, if it is: the first hard limit it breaks.
pub fn excluded(c: &Candidate<'_>, i: &Inputs) -> Option<&'static str> {
    excluded_with(c, i, &i.all_barriers())
}

/// `excluded` with the barriers worked out once for a whole ranking.
fn excluded_with(c: &Candidate<'_>, i: &Inputs, barriers: &[Barrier]) -> Option<&'static str> {
    let r = c.resource;
    let format = r.effective_format();
    let remote = matches!(
        format,
        Some(Format::Online | Format::Phone | Format::Hybrid)
    );
    let in_person = matches!(format, Some(Format::InPerson | Format::Hybrid));
    match i.preference {
        Some(Preference::Online) if !remote => return Some("limit.format"),
        Some(Preference::InPerson) if !in_person => return Some("limit.format"),
        _ => {}
    }
    if !i.faith_welcome && r.kind == Some(Community::Faith) {
        return Some("limit.faith");
    }
    if barriers.contains(&Barrier::Cost) && r.cost.as_ref().is_some_and(|c| c.kind == CostKind::Fee)
    {
        return Some("limit.cost");
    }
    if barriers.contains(&Barrier::Language)
        && !i.languages.is_empty()
        && !r.languages.is_empty()
        && !r.languages.iter().any(|l| i.languages.contains(l))
    {
        return Some("limit.language");
    }
    // Only a group one must attend in person can be ruled out for childcare; an unknown
    // format stays, with its reasons.
    if barriers.contains(&Barrier::Childcare)
        && format == Some(Format::InPerson)
        && !r.access.contains(&Access::Childcare)
    {
        return Some("limit.childcare");
    }
    if !i.free_days.is_empty() || !i.free_times.is_empty() {
        let mask = slot_mask(&i.free_days, &i.free_times);
        let slots = r.schedules.iter().fold(0, |m, s| m | s.slots());
        if slots != 0 && slots & mask == 0 {
            return Some("limit.times");
        }
    }
    None
}

/// How well a group that passed the limits fits, with every reason.
pub fn fit(c: &Candidate<'_>, i: &Inputs, now: NaiveDateTime) -> Fit {
    fit_with(c, i, &i.all_barriers(), now)
}

fn fit_with(c: &Candidate<'_>, i: &Inputs, barriers: &[Barrier], now: NaiveDateTime) -> Fit {
    let r = c.resource;
    let format = r.effective_format();
    let remote = matches!(
        format,
        Some(Format::Online | Format::Phone | Format::Hybrid)
    );
    let has_p = |p: Participation| r.participation.contains(&p);
    let mut reasons = vec![];
    let mut hard = vec![];

    if let Some(k) = r.kind.filter(|k| i.circle_gaps.contains(k)) {
        reasons.push(Reason::with("fills_gap", k.as_str()));
    }
    if let Some(f) = r.focus.iter().find(|f| i.focus.contains(f)) {
        reasons.push(Reason::with("focus", f.as_str()));
    }
    for b in barriers {
        match b {
            Barrier::MeetingNewPeople => {
                if has_p(Participation::ListeningWelcome) {
                    reasons.push(Reason::new("barrier.meeting_new_people.listening_welcome"));
                }
                if has_p(Participation::CameraOptional) {
                    reasons.push(Reason::new("barrier.meeting_new_people.camera_optional"));
                } else if remote {
                    reasons.push(Reason::new("barrier.meeting_new_people.online"));
                }
            }
            Barrier::Energy => {
                if remote {
                    reasons.push(Reason::new("barrier.energy.online"));
                }
                if has_p(Participation::DropIn) {
                    reasons.push(Reason::new("barrier.energy.drop_in"));
                }
                if !r.schedules.is_empty() && r.schedules.iter().all(|s| s.minutes <= SHORT_MINUTES)
                {
                    reasons.push(Reason::new("barrier.energy.short"));
                }
            }
            Barrier::TrustingPeople => {
                if r.facilitation == Some(Facilitation::Professional) {
                    reasons.push(Reason::new("barrier.trusting_people.professional"));
                }
                if has_p(Participation::ClosedGroup) {
                    reasons.push(Reason::new("barrier.trusting_people.closed_group"));
                }
            }
            Barrier::GettingThere => {
                if remote {
                    reasons.push(Reason::new("barrier.getting_there.online"));
                }
                if r.access.contains(&Access::NearTransit) {
                    reasons.push(Reason::new("barrier.getting_there.near_transit"));
                }
                if c.distance_km.is_some_and(|d| d <= NEAR_KM) {
                    reasons.push(Reason::new("barrier.getting_there.near"));
                }
            }
            Barrier::Childcare => {
                if r.access.contains(&Access::Childcare) {
                    reasons.push(Reason::new("barrier.childcare.childcare"));
                } else if remote {
                    reasons.push(Reason::new("barrier.childcare.online"));
                }
            }
            Barrier::Cost => match r.cost.as_ref().map(|c| c.kind) {
                Some(CostKind::Free) => reasons.push(Reason::new("barrier.cost.free")),
                Some(CostKind::SlidingScale) => {
                    reasons.push(Reason::new("barrier.cost.sliding_scale"))
                }
                _ => {}
            },
            Barrier::Language => {
                if let Some(l) = r.languages.iter().find(|l| i.languages.contains(l)) {
                    reasons.push(Reason::with("barrier.language.spoken", l.clone()));
                }
            }
            Barrier::NotKnowingWhereToStart => {
                if has_p(Participation::DropIn) {
                    reasons.push(Reason::new("barrier.not_knowing_where_to_start.drop_in"));
                }
                if has_p(Participation::ListeningWelcome) {
                    reasons.push(Reason::new(
                        "barrier.not_knowing_where_to_start.listening_welcome",
                    ));
                }
            }
            Barrier::Schedule => {}
        }
    }
    if c.distance_km.is_some_and(|d| d <= NEAR_KM) && !barriers.contains(&Barrier::GettingThere) {
        reasons.push(Reason::new("practical.near"));
    }
    if c.next_meeting
        .is_some_and(|n| n >= now && (n - now).num_days() < SOON_DAYS)
    {
        reasons.push(Reason::new("practical.soon"));
    }
    if !r.needs_review(now.date()) {
        reasons.push(Reason::new("practical.verified"));
    }

    // What may be hard, said plainly so nobody is surprised at the door.
    if has_p(Participation::Registration) {
        hard.push(Reason::new("hard.registration"));
    }
    if r.schedules.is_empty() {
        hard.push(Reason::new("hard.no_schedule"));
    }
    if let Some(c) = r.cost.as_ref().filter(|c| c.kind == CostKind::Fee) {
        hard.push(match c.amount_text() {
            Some(a) => Reason::with("hard.fee", a),
            None => Reason::new("hard.fee"),
        });
    }
    if r.languages.is_empty() && !i.languages.is_empty() {
        hard.push(Reason::new("hard.language_unknown"));
    }
    if let Some(d) = c.distance_km.filter(|d| *d > FAR_KM) {
        hard.push(Reason::with("hard.far", format!("{d:.0}")));
    }
    if barriers.contains(&Barrier::MeetingNewPeople)
        && !has_p(Participation::ListeningWelcome)
        && !has_p(Participation::CameraOptional)
    {
        hard.push(Reason::new("hard.speaking_expected"));
    }
    if r.needs_review(now.date()) {
        hard.push(Reason::new("hard.unverified"));
    }
    if r.status == super::Status::TemporarilyClosed {
        hard.push(Reason::new("hard.temporarily_closed"));
    }
    Fit {
        score: reasons.iter().map(|x| weight(x.id)).sum(),
        reasons,
        hard,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    /// Index into the candidates given.
    pub index: usize,
    pub fit: Fit,
    /// For someone who does not know where to start: the one clear first pick.
    pub first_pick: bool,
}

/// Ranks candidates: limits, then score (high first), then the sooner next meeting, then
/// the nearer, then the name, so the same inputs always give the same order.
pub fn rank(cands: &[Candidate<'_>], i: &Inputs, now: NaiveDateTime, limit: usize) -> Vec<Ranked> {
    let barriers = i.all_barriers();
    let mut out: Vec<Ranked> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| excluded_with(c, i, &barriers).is_none())
        .map(|(index, c)| Ranked {
            index,
            fit: fit_with(c, i, &barriers, now),
            first_pick: false,
        })
        .collect();
    out.sort_by(|a, b| {
        let (ca, cb) = (&cands[a.index], &cands[b.index]);
        b.fit
            .score
            .cmp(&a.fit.score)
            .then_with(|| {
                (ca.next_meeting.is_none(), ca.next_meeting)
                    .cmp(&(cb.next_meeting.is_none(), cb.next_meeting))
            })
            .then_with(|| {
                ca.distance_km
                    .unwrap_or(f64::MAX)
                    .total_cmp(&cb.distance_km.unwrap_or(f64::MAX))
            })
            .then_with(|| ca.resource.name.cmp(&cb.resource.name))
    });
    out.truncate(limit);
    if barriers.contains(&Barrier::NotKnowingWhereToStart) {
        if let Some(first) = out.first_mut() {
            first.first_pick = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::{Cost, Focus, Online, Place, Point, Recurrence};

    fn now() -> NaiveDateTime {
        NaiveDateTime::parse_from_str("2026-11-27 12:00", "%Y-%m-%d %H:%M").unwrap()
    }

    fn weekly(day: &str, hour: u32, minutes: u32) -> Recurrence {
        Recurrence {
            start: NaiveDateTime::parse_from_str(
                &format!("2026-11-{day} {hour:02}:00"),
                "%Y-%m-%d %H:%M",
            )
            .unwrap(),
            tz: "UTC".into(),
            rule: "FREQ=WEEKLY".into(),
            minutes,
        }
    }

    fn online(name: &str) -> Resource {
        let mut r = Resource::named(name);
        r.online = Some(Online {
            url: "https://x.example".into(),
            ..Online::default()
        });
        r
    }

    fn in_person(name: &str) -> Resource {
        let mut r = Resource::named(name);
        r.place = Some(Place {
            address: "1 Main".into(),
            point: Some(Point { lat: 0.0, lon: 0.0 }),
            ..Place::default()
        });
        r
    }

    fn cand(r: &Resource) -> Candidate<'_> {
        Candidate {
            resource: r,
            distance_km: None,
            next_meeting: None,
        }
    }

    fn ids(f: &Fit) -> Vec<&'static str> {
        f.reasons.iter().map(|r| r.id).collect()
    }

    #[test]
    fn every_reason_the_code_gives_has_a_weight() {
        // A reason missing from WEIGHTS (a typo) would silently count for nothing: fit a
        // group that earns every reason under every barrier and check each one.
        let mut all = online("All");
        all.kind = Some(Community::PeerSupport);
        all.focus = vec![Focus::Grief];
        all.format = Some(Format::Hybrid);
        all.place = in_person("x").place;
        all.facilitation = Some(Facilitation::Professional);
        all.participation = vec![
            Participation::ListeningWelcome,
            Participation::DropIn,
            Participation::ClosedGroup,
        ];
        all.access = vec![Access::NearTransit, Access::Childcare];
        all.languages = vec!["en".into()];
        all.schedules = vec![weekly("30", 19, 45)];
        all.verified = Some(crate::directory::Verified {
            on: now().date(),
            by: "x".into(),
        });
        let c = Candidate {
            resource: &all,
            distance_km: Some(1.0),
            next_meeting: Some(now() + chrono::Duration::days(1)),
        };
        let mut seen = std::collections::BTreeSet::new();
        for b in Barrier::ALL {
            let i = Inputs {
                circle_gaps: vec![Community::PeerSupport],
                focus: vec![Focus::Grief],
                barriers: vec![*b],
                languages: vec!["en".into()],
                faith_welcome: true,
                ..Inputs::default()
            };
            for r in fit(&c, &i, now()).reasons {
                assert!(weight(r.id) > 0, "{} has no weight", r.id);
                seen.insert(r.id);
            }
        }
        assert!(seen.len() >= 15, "{seen:?}");
        assert_eq!(weight("no.such.reason"), 0);
    }

    #[test]
    fn hard_limits_leave_groups_out_with_the_limit_named() {
        let mut faith = in_person("Chapel circle");
        faith.kind = Some(Community::Faith);
        let mut paid = online("Paid course");
        paid.cost = Some(Cost {
            kind: CostKind::Fee,
            amount_minor: Some(2500),
            currency: Some("USD".into()),
            note: String::new(),
        });
        let mut spanish = online("Grupo");
        spanish.languages = vec!["es".into()];
        let mut tuesday = online("Tuesday");
        tuesday.schedules = vec![weekly("24", 19, 60)]; // a Tuesday evening
        let room = in_person("Room");
        let i = Inputs {
            faith_welcome: false,
            barriers: vec![Barrier::Cost, Barrier::Language, Barrier::Childcare],
            languages: vec!["en".into(), "ko".into()],
            free_days: vec![Weekday::Sat],
            ..Inputs::default()
        };
        assert_eq!(excluded(&cand(&faith), &i), Some("limit.faith"));
        assert_eq!(excluded(&cand(&paid), &i), Some("limit.cost"));
        assert_eq!(excluded(&cand(&spanish), &i), Some("limit.language"));
        assert_eq!(excluded(&cand(&tuesday), &i), Some("limit.times"));
        assert_eq!(
            excluded(&cand(&room), &i),
            Some("limit.childcare"),
            "in person, no childcare"
        );
        let prefers_online = Inputs {
            preference: Some(Preference::Online),
            faith_welcome: true,
            ..Inputs::default()
        };
        assert_eq!(
            excluded(&cand(&room), &prefers_online),
            Some("limit.format")
        );
        assert_eq!(excluded(&cand(&online("x")), &prefers_online), None);
    }

    #[test]
    fn each_barrier_rewards_what_eases_it() {
        let mut quiet = online("Quiet");
        quiet.participation = vec![
            Participation::ListeningWelcome,
            Participation::CameraOptional,
            Participation::DropIn,
        ];
        quiet.schedules = vec![weekly("30", 19, 45)];
        let i = |b: Barrier| Inputs {
            barriers: vec![b],
            faith_welcome: true,
            ..Inputs::default()
        };
        let f = fit(&cand(&quiet), &i(Barrier::MeetingNewPeople), now());
        assert_eq!(
            ids(&f),
            vec![
                "barrier.meeting_new_people.listening_welcome",
                "barrier.meeting_new_people.camera_optional"
            ]
        );
        assert_eq!(f.score, 3);
        let f = fit(&cand(&quiet), &i(Barrier::Energy), now());
        assert_eq!(
            ids(&f),
            vec![
                "barrier.energy.online",
                "barrier.energy.drop_in",
                "barrier.energy.short"
            ]
        );
        // Low check-in energy counts as the energy barrier without being asked.
        let tired = Inputs {
            recent_energy: Some(1.5),
            faith_welcome: true,
            ..Inputs::default()
        };
        assert!(ids(&fit(&cand(&quiet), &tired, now())).contains(&"barrier.energy.online"));

        let mut led = in_person("Led");
        led.facilitation = Some(Facilitation::Professional);
        led.participation = vec![Participation::ClosedGroup, Participation::Registration];
        let f = fit(&cand(&led), &i(Barrier::TrustingPeople), now());
        assert_eq!(
            ids(&f),
            vec![
                "barrier.trusting_people.professional",
                "barrier.trusting_people.closed_group"
            ]
        );
        let hard: Vec<_> = f.hard.iter().map(|h| h.id).collect();
        assert!(
            hard.contains(&"hard.registration") && hard.contains(&"hard.no_schedule"),
            "{hard:?}"
        );

        let mut near = in_person("Near");
        near.access = vec![Access::NearTransit, Access::Childcare];
        let c = Candidate {
            resource: &near,
            distance_km: Some(1.2),
            next_meeting: Some(now() + chrono::Duration::days(2)),
        };
        let f = fit(&c, &i(Barrier::GettingThere), now());
        assert_eq!(
            ids(&f),
            vec![
                "barrier.getting_there.near_transit",
                "barrier.getting_there.near",
                "practical.soon"
            ]
        );
        assert_eq!(
            ids(&fit(&c, &i(Barrier::Childcare), now()))[0],
            "barrier.childcare.childcare"
        );
    }

    #[test]
    fn gaps_and_focus_lead_and_ties_break_the_same_way_every_time() {
        let mut peer = online("B peer group");
        peer.kind = Some(Community::PeerSupport);
        peer.focus = vec![Focus::Grief];
        let mut activity = online("A walking group");
        activity.kind = Some(Community::Activity);
        let plain = online("C plain");
        let i = Inputs {
            circle_gaps: vec![Community::PeerSupport],
            focus: vec![Focus::Grief],
            barriers: vec![Barrier::NotKnowingWhereToStart],
            faith_welcome: true,
            ..Inputs::default()
        };
        let list = [&plain, &activity, &peer];
        let cands: Vec<Candidate> = list.iter().map(|r| cand(r)).collect();
        let ranked = rank(&cands, &i, now(), 10);
        let names: Vec<&str> = ranked
            .iter()
            .map(|r| cands[r.index].resource.name.as_str())
            .collect();
        assert_eq!(names, vec!["B peer group", "A walking group", "C plain"]);
        assert_eq!(
            ranked[0].fit.reasons[0],
            Reason::with("fills_gap", "peer_support")
        );
        assert_eq!(ranked[0].fit.reasons[1], Reason::with("focus", "grief"));
        assert!(
            ranked[0].first_pick && !ranked[1].first_pick,
            "one clear first pick"
        );
        assert_eq!(rank(&cands, &i, now(), 1).len(), 1);
    }
}
