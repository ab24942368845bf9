//! "Find my next step": gathers what matching needs for one member — the gaps in their
//! circle, their recent check-in energy, their answers — finds candidates and ranks them
//! with `hearth_core::directory::matching`. The page and the API both call `matches`.

use crate::state::{AppState, DbFailure};
use hearth_core::account::FieldError;
use hearth_core::directory::matching::{rank, Barrier, Candidate, Fit, Inputs, Preference};
use hearth_core::directory::schedule::DayPart;
use hearth_core::directory::search::{weekday, Query, Sort};
use hearth_core::directory::{Focus, Resource};

/// How many groups matching ranks for one person, best first by next meeting: enough for
/// any practice's neighbourhood, few enough to score at once.
const CANDIDATES: u32 = 1000;
/// How many matches a person sees.
pub const SHOWN: usize = 10;

/// The answers, read from query parameters; each may be skipped. Unknown values are named.
pub fn answers(pairs: &[(String, String)], language: &str) -> Result<Inputs, Vec<FieldError>> {
    let mut i = Inputs {
        faith_welcome: true,
        ..Inputs::default()
    };
    let mut e = vec![];
    let each = |k: &'static str| {
        pairs
            .iter()
            .filter(move |(n, _)| n == k)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    for v in each("barrier") {
        match Barrier::parse(v) {
            Some(b) => i.barriers.push(b),
            None => e.push(FieldError::new("barrier", "error-search-value")),
        }
    }
    for v in each("prefer") {
        match Preference::parse(v) {
            Some(Preference::Either) => {}
            Some(p) => i.preference = Some(p),
            None => e.push(FieldError::new("prefer", "error-search-value")),
        }
    }
    for v in each("day") {
        match weekday(v) {
            Some(d) => i.free_days.push(d),
            None => e.push(FieldError::new("day", "error-search-value")),
        }
    }
    for v in each("time") {
        match DayPart::parse(v) {
            Some(p) => i.free_times.push(p),
            None => e.push(FieldError::new("time", "error-search-value")),
        }
    }
    for v in each("focus") {
        match Focus::parse(v) {
            Some(f) => i.focus.push(f),
            None => e.push(FieldError::new("focus", "error-search-value")),
        }
    }
    for v in each("faith") {
        match v {
            "yes" => i.faith_welcome = true,
            "no" => i.faith_welcome = false,
            _ => e.push(FieldError::new("faith", "error-search-value")),
        }
    }
    for v in each("language") {
        let l = v.to_ascii_lowercase();
        if (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase()) {
            i.languages.push(l);
        } else {
            e.push(FieldError::new("language", "error-search-value"));
        }
    }
    if i.languages.is_empty() {
        i.languages.push(language.to_string());
    }
    if e.is_empty() {
        Ok(i)
    } else {
        Err(e)
    }
}

pub struct Match {
    pub id: String,
    pub resource: Resource,
    pub distance_km: Option<f64>,
    pub next_meeting: Option<chrono::NaiveDateTime>,
    pub fit: Fit,
    pub first_pick: bool,
}

/// Fills in what Hearth already knows about the member: the gaps in their circle, their
/// check-in energy over two weeks, and what made earlier referrals hard.
pub fn known(
    c: &mut hearth_store::DbConn,
    member_id: &str,
    mut inputs: Inputs,
    now: chrono::NaiveDateTime,
) -> diesel::QueryResult<Inputs> {
    let past: Vec<_> = hearth_store::referrals::for_member(c, member_id)?
        .into_iter()
        .map(|r| (r.status, r.reason, r.updated_at))
        .collect();
    let entries = hearth_store::circle::list(c, member_id)?;
    let checkins =
        hearth_store::checkins::since(c, member_id, now.date() - chrono::Duration::days(14))?;
    inputs.circle_gaps =
        hearth_core::circle::analysis::analyse(&entries, now.date()).communities_missing;
    inputs.past_reasons = hearth_core::directory::referral::reasons_for_matching(&past, now);
    if !checkins.is_empty() {
        inputs.recent_energy = Some(
            checkins
                .iter()
                .map(|c| f64::from(c.checkin.energy))
                .sum::<f64>()
                / checkins.len() as f64,
        );
    }
    Ok(inputs)
}

/// The member's matches for these answers, best first.
pub async fn matches(
    state: &AppState,
    member_id: &str,
    inputs: Inputs,
) -> Result<Vec<Match>, DbFailure> {
    let now = state.now();
    // Distance for "near" and "far" reasons: from their saved place, else the practice.
    let home = crate::places::home(&crate::places::for_person(state, Some(member_id)).await?);
    let mid = member_id.to_string();
    let (inputs, found) = state
        .db(move |c| {
            let inputs = known(c, &mid, inputs, now)?;
            let q = Query {
                sort: Sort::NextMeeting,
                page: 1,
                per_page: CANDIDATES,
                ..Query::default()
            };
            Ok((
                inputs,
                hearth_store::directory::search_capped(c, &q, now, i64::from(CANDIDATES))?,
            ))
        })
        .await?;
    let mut found = found;
    if let Some(home) = home {
        for h in &mut found.hits {
            if !hearth_store::directory::online_only(&h.resource) {
                h.distance_km = h.resource.point().map(|p| home.km_to(p));
            }
        }
    }
    let cands: Vec<Candidate> = found.hits.iter().map(|h| h.candidate()).collect();
    let ranked = rank(&cands, &inputs, now, SHOWN);
    Ok(ranked
        .into_iter()
        .map(|r| {
            let h = &found.hits[r.index];
            Match {
                id: h.id.clone(),
                resource: h.resource.clone(),
                distance_km: h.distance_km,
                next_meeting: h.next_meeting,
                fit: r.fit,
                first_pick: r.first_pick,
            }
        })
        .collect())
}

/// A reason in words: `match-<id>` with its value (a kind, focus or language in words).
pub fn reason_text(t: &crate::i18n::Tr, id: &str, value: Option<&str>) -> String {
    let key = format!("match-{}", id.replace(['.', '_'], "-"));
    let word = match (id, value) {
        // The circle's own lower-case words, which read inside a sentence.
        ("fills_gap", Some(v)) => t.get_for("circle-community-", v).into_owned(),
        ("focus", Some(v)) => t.get(&format!("dir-focus-{v}")).into_owned(),
        ("barrier.language.spoken", Some(v)) => {
            let k = format!("dir-language-{v}");
            if t.has(&k) {
                t.get(&k).into_owned()
            } else {
                v.to_ascii_uppercase()
            }
        }
        (_, Some(v)) => v.to_string(),
        (_, None) => String::new(),
    };
    t.with(&key, "value", &word)
}
