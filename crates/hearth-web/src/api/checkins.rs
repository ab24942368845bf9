//! Check-ins over the API: the member's own under `/me/checkins`, and a clinician's view
//! under `/members/{id}/checkins` through the check-ins consent scope (without notes).

use super::ApiJson;
use crate::ctx::ApiCaller;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use hearth_core::account::FieldError;
use hearth_core::care::Scope;
use hearth_core::checkin::Checkin;
use hearth_store::audit::{self, Action};
use hearth_store::{care, checkins};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Serialize, ToSchema)]
pub struct CheckinJson {
    pub id: String,
    /// When it was saved (UTC, RFC 3339).
    pub at: String,
    /// The member's own calendar day (YYYY-MM-DD).
    pub day: String,
    pub mood: u8,
    pub energy: u8,
    pub connectedness: u8,
    /// Only in the member's own view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Circle entry ids; only in the member's own view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connected_with: Option<Vec<String>>,
}

fn to_json(s: &checkins::Stored, private: bool) -> CheckinJson {
    CheckinJson {
        id: s.id.clone(),
        at: s.at.and_utc().to_rfc3339(),
        day: s.day.to_string(),
        mood: s.checkin.mood,
        energy: s.checkin.energy,
        connectedness: s.checkin.connectedness,
        note: if private {
            s.checkin.note.clone()
        } else {
            None
        },
        connected_with: private.then(|| s.checkin.connected_with.clone()),
    }
}

#[derive(Deserialize, IntoParams)]
pub struct Window {
    /// How many days back, 1 to 366 (default 30).
    pub days: Option<i64>,
}

fn days(w: &Window) -> Result<i64, ApiError> {
    match w.days {
        None => Ok(30),
        Some(d) if (1..=366).contains(&d) => Ok(d),
        Some(_) => Err(ApiError::Validation(vec![FieldError::new(
            "days",
            "error-api-days",
        )])),
    }
}

#[utoipa::path(get, path = "/api/v1/me/checkins", tag = "checkins", security(("bearer" = [])), params(Window),
    responses(
        (status = 200, description = "The caller's check-ins in the window, oldest first", body = [CheckinJson]),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "days out of range", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
    Query(w): Query<Window>,
) -> Result<Json<Vec<CheckinJson>>, ApiError> {
    let from = crate::circle::today(&me.user.time_zone) - chrono::Duration::days(days(&w)? - 1);
    let mid = me.user.id.clone();
    let rows = state
        .db(move |c| Ok(checkins::since(c, &mid, from)?))
        .await?;
    Ok(Json(rows.iter().map(|s| to_json(s, true)).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckinInput {
    /// 1 (very low) to 5 (very good).
    pub mood: u8,
    /// 1 (exhausted) to 5 (full of energy).
    pub energy: u8,
    /// 1 (very alone) to 5 (very connected).
    pub connectedness: u8,
    pub note: Option<String>,
    /// Circle entry ids; each one's last contact becomes today.
    #[serde(default)]
    pub connected_with: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SavedCheckin {
    /// low, moderate, severe or other when the note calls for support.
    pub card: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/me/checkins", tag = "checkins", security(("bearer" = [])), request_body = CheckinInput,
    responses(
        (status = 201, description = "Saved", body = SavedCheckin),
        (status = 400, description = "Malformed JSON or a missing value", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A value outside 1–5, or a note too long; `errors` names it", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
    ApiJson(i): ApiJson<CheckinInput>,
) -> Result<(StatusCode, Json<SavedCheckin>), ApiError> {
    let c = Checkin {
        mood: i.mood,
        energy: i.energy,
        connectedness: i.connectedness,
        note: i.note,
        connected_with: i.connected_with,
    };
    let bad = c.check();
    if !bad.is_empty() {
        return Err(ApiError::Validation(
            bad.into_iter()
                .map(|f| {
                    FieldError::new(
                        f,
                        if f == "note" {
                            "error-too-long"
                        } else {
                            "error-checkin-choose"
                        },
                    )
                })
                .collect(),
        ));
    }
    let day = crate::circle::today(&me.user.time_zone);
    let card = crate::checkins::save(&state, &me.user.id, day, c, None).await?;
    Ok((
        StatusCode::CREATED,
        Json(SavedCheckin {
            card: card.map(|k| k.as_str().to_string()),
        }),
    ))
}

#[utoipa::path(get, path = "/api/v1/members/{id}/checkins", tag = "checkins", security(("bearer" = [])),
    params(("id" = String, Path, description = "Member id"), Window),
    responses(
        (status = 200, description = "The member's check-ins (without notes), through the check-ins scope", body = [CheckinJson]),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member, or they do not share check-ins with the caller", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn member_checkins(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
    Path(member): Path<String>,
    Query(w): Query<Window>,
) -> Result<Json<Vec<CheckinJson>>, ApiError> {
    let span = days(&w)?;
    let cid = me.user.id.clone();
    let rows = state
        .tx(move |c| {
            if !care::clinician_may_see(c, &cid, &member, Scope::Checkins)? {
                return Ok(None);
            }
            let tz = hearth_store::users::find(c, &member)?.time_zone;
            let from = crate::circle::today(&tz) - chrono::Duration::days(span - 1);
            audit::record(
                c,
                Some(&cid),
                Action::CheckinsViewed,
                Some(&member),
                None,
                None,
            )?;
            Ok(Some(checkins::since(c, &member, from)?))
        })
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(rows.iter().map(|s| to_json(s, false)).collect()))
}
