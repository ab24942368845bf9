//! Find community over the API: search and one resource.

use crate::ctx::ApiCaller;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::Json;
use chrono::TimeZone;
use hearth_core::directory::search::Query as Search;
use hearth_core::directory::Resource;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct ResourceJson {
    pub id: String,
    pub name: String,
    /// The whole record: description, organization, kind, focus, format, facilitation,
    /// participation, access, languages, cost, ages, place (with `point`), online,
    /// schedules (`start` local, `tz`, RFC 5545 `rule`, `minutes`), tags, verified.
    #[schema(value_type = Object)]
    pub details: Resource,
    /// Kilometres from the searched point; absent without one, or for online-only groups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
    /// Next meeting, UTC, RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_meeting: Option<String>,
    /// The same in the caller's time zone, RFC 3339 with its offset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_meeting_local: Option<String>,
    /// Not verified in the last 180 days.
    pub needs_review: bool,
}

#[derive(Serialize, ToSchema)]
pub struct SearchJson {
    /// Matches over all pages.
    pub total: usize,
    pub page: u32,
    pub per_page: u32,
    pub results: Vec<ResourceJson>,
}

fn to_json(
    id: String,
    r: Resource,
    distance_km: Option<f64>,
    next: Option<chrono::NaiveDateTime>,
    tz: &str,
    today: chrono::NaiveDate,
) -> ResourceJson {
    let zone: chrono_tz::Tz = tz.parse().unwrap_or(chrono_tz::UTC);
    ResourceJson {
        id,
        name: r.name.clone(),
        distance_km: distance_km.map(|d| (d * 100.0).round() / 100.0),
        next_meeting: next.map(|n| n.and_utc().to_rfc3339()),
        next_meeting_local: next.map(|n| zone.from_utc_datetime(&n).to_rfc3339()),
        needs_review: r.needs_review(today),
        details: r,
    }
}

#[utoipa::path(get, path = "/api/v1/resources", tag = "directory", security(("bearer" = [])),
    params(
        ("q" = Option<String>, Query, description = "Words to find in names, descriptions, organisations and tags (each word also matches as a prefix)"),
        ("kind" = Option<String>, Query, description = "Any of: professional, peer_support, faith, activity, online, family_friends (comma-separated or repeated)"),
        ("format" = Option<String>, Query, description = "Any of: in_person, online, hybrid, phone. A hybrid group matches in_person and online"),
        ("focus" = Option<String>, Query, description = "Any of the focus words, e.g. grief, addiction_recovery, anxiety"),
        ("language" = Option<String>, Query, description = "Any of these ISO 639-1 codes, e.g. ko,en"),
        ("cost" = Option<String>, Query, description = "Any of: free, sliding_scale, fee"),
        ("access" = Option<String>, Query, description = "Every one of: childcare, near_transit, step_free, interpretation"),
        ("participation" = Option<String>, Query, description = "Every one of: listening_welcome, camera_optional, drop_in, registration, closed_group"),
        ("day" = Option<String>, Query, description = "Meets on any of: mo, tu, we, th, fr, sa, su (in the group's own zone)"),
        ("time" = Option<String>, Query, description = "Meets in any of: morning (05–12), afternoon (12–17), evening (17–21), night"),
        ("within_days" = Option<u32>, Query, description = "Meets within this many days (1–60)"),
        ("lat" = Option<f64>, Query, description = "Latitude of the point to measure from"),
        ("lon" = Option<f64>, Query, description = "Longitude of the point to measure from"),
        ("near" = Option<String>, Query, description = "saved: from the caller's saved place; practice: from the practice's location; point (default): from lat/lon"),
        ("radius_km" = Option<f64>, Query, description = "Radius around lat/lon, default 10, at most 500. Online-only groups have no distance and are left out"),
        ("sort" = Option<String>, Query, description = "relevance (default), distance or next"),
        ("page" = Option<u32>, Query, description = "From 1"),
        ("per_page" = Option<u32>, Query, description = "1–100, default 20"),
    ),
    responses(
        (status = 200, description = "Matching resources", body = SearchJson),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter could not be read; each field is listed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn search(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<SearchJson>, ApiError> {
    let places = crate::places::for_person(&state, Some(&me.user.id)).await?;
    let q = Search::parse_with(&pairs, &places).map_err(ApiError::Validation)?;
    let now = state.now();
    let (page, per_page) = (q.page, q.per_page);
    let found = state
        .db(move |c| Ok(hearth_store::directory::search(c, &q, now)?))
        .await?;
    let tz = me.user.time_zone.clone();
    Ok(Json(SearchJson {
        total: found.total,
        page,
        per_page,
        results: found
            .hits
            .into_iter()
            .map(|h| {
                to_json(
                    h.id,
                    h.resource,
                    h.distance_km,
                    h.next_meeting,
                    &tz,
                    now.date(),
                )
            })
            .collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/resources/{id}", tag = "directory", security(("bearer" = [])),
    params(("id" = String, Path, description = "Resource id")),
    responses(
        (status = 200, description = "The resource", body = ResourceJson),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such resource, or it was retired", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_one(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<ResourceJson>, ApiError> {
    let found = state
        .read(move |c| Ok(hearth_store::directory::get(c, &id)?))
        .await?
        .filter(hearth_store::directory::listed)
        .ok_or(ApiError::NotFound)?;
    let now = state.now();
    let next = found.resource.next_meeting(now);
    Ok(Json(to_json(
        found.id,
        found.resource,
        None,
        next,
        &me.user.time_zone,
        now.date(),
    )))
}

#[utoipa::path(get, path = "/api/v1/resources/{id}/calendar.ics", tag = "directory", security(("bearer" = [])),
    params(("id" = String, Path, description = "Resource id")),
    responses(
        (status = 200, description = "The resource's meetings as iCalendar (RFC 5545), with recurrence rules in the group's own time zone", content_type = "text/calendar"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such resource, or it was retired", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn calendar(
    State(state): State<AppState>,
    ApiCaller(_me): ApiCaller,
    Path(id): Path<String>,
) -> Result<axum::response::Response, ApiError> {
    let id2 = id.clone();
    let found = state
        .read(move |c| Ok(hearth_store::directory::get(c, &id2)?))
        .await?
        .filter(hearth_store::directory::listed)
        .ok_or(ApiError::NotFound)?;
    Ok(crate::pages::community::calendar_response(
        &state,
        &id,
        &found.resource,
    ))
}

#[derive(Serialize, ToSchema)]
pub struct ReasonJson {
    /// Stable id, e.g. `fills_gap`, `barrier.energy.online`, `hard.registration`.
    pub id: String,
    /// What the reason names, where it names something (a kind, a focus, a language, an amount, km).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The reason in the caller's language.
    pub text: String,
}

#[derive(Serialize, ToSchema)]
pub struct MatchJson {
    pub id: String,
    pub name: String,
    pub score: i32,
    /// Why it fits, strongest first as scored.
    pub reasons: Vec<ReasonJson>,
    /// What may be hard about it.
    pub hard: Vec<ReasonJson>,
    /// For someone who does not know where to start: the one clear first pick.
    pub first_pick: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_meeting: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
}

#[utoipa::path(get, path = "/api/v1/me/matches", tag = "directory", security(("bearer" = [])),
    params(
        ("barrier" = Option<String>, Query, description = "What feels hard, any of: meeting_new_people, energy, trusting_people, getting_there, childcare, cost, schedule, language, not_knowing_where_to_start"),
        ("prefer" = Option<String>, Query, description = "online, in_person or either"),
        ("day" = Option<String>, Query, description = "Free days: mo … su"),
        ("time" = Option<String>, Query, description = "Free times: morning, afternoon, evening, night"),
        ("focus" = Option<String>, Query, description = "What it should be about, e.g. grief"),
        ("faith" = Option<String>, Query, description = "yes (default) or no: whether faith-based groups are welcome"),
        ("language" = Option<String>, Query, description = "Languages the caller is comfortable in; default their profile language"),
    ),
    responses(
        (status = 200, description = "The caller's best matches (at most 10), each with reasons by stable id", body = [MatchJson]),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An answer could not be read; each field is listed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn my_matches(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<Vec<MatchJson>>, ApiError> {
    let inputs =
        crate::next_step::answers(&pairs, &me.user.language).map_err(ApiError::Validation)?;
    let found = crate::next_step::matches(&state, &me.user.id, inputs).await?;
    let t = crate::i18n::Tr(me.user.language());
    let reason = |r: &hearth_core::directory::matching::Reason| ReasonJson {
        id: r.id.to_string(),
        value: r.value.clone(),
        text: crate::next_step::reason_text(&t, r.id, r.value.as_deref()),
    };
    Ok(Json(
        found
            .into_iter()
            .map(|m| MatchJson {
                name: m.resource.name.clone(),
                score: m.fit.score,
                reasons: m.fit.reasons.iter().map(reason).collect(),
                hard: m.fit.hard.iter().map(reason).collect(),
                first_pick: m.first_pick,
                next_meeting: m.next_meeting.map(|n| n.and_utc().to_rfc3339()),
                distance_km: m.distance_km,
                id: m.id,
            })
            .collect(),
    ))
}
